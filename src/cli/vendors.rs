//! `hipaudit vendors`: the business-associate register listed, and loaded from a
//! spreadsheet all or nothing, updating only the cells a row fills in.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::cli::args::Format;
use crate::cli::register::{edit_locked, read_sheet, rejected};
use crate::domain::text;
use crate::domain::vendor::{self, Vendor};
use crate::env::Env;
use crate::exchange::cells::csv_safe;

/// `hipaudit vendors PATH [--import FILE.csv [--dry-run]] [--format …]`.
pub fn cmd_vendors(
    path: &Path,
    import: Option<&Path>,
    dry_run: bool,
    format: Format,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let window = crate::io::config::for_env(env)?.renewal_window_days;
    if let Some(csv_path) = import {
        return import_vendors(path, csv_path, dry_run, env, out);
    }
    let ws = crate::cli::load::open(path)?;
    print_vendors(&ws.vendors, env.today, window, format, out)
}

fn print_vendors(
    vendors: &[Vendor],
    today: chrono::NaiveDate,
    window: u32,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    match format {
        Format::Json => {
            let v: Vec<_> = vendors
                .iter()
                .map(|v| crate::exchange::appendix::vendor_json(v, today, window))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(VENDOR_COLUMNS.iter().copied().chain(["id", "state"]))?;
            for v in vendors {
                let cells = [
                    v.name.clone(),
                    v.service.clone(),
                    v.phi_text(),
                    v.contact.clone(),
                    date(v.baa_signed).unwrap_or_default(),
                    date(v.baa_expires).unwrap_or_default(),
                    if v.subcontractor { "yes" } else { "no" }.to_string(),
                    v.notes.clone(),
                    v.id.clone(),
                    v.state(today, window).word().to_string(),
                ];
                w.write_record(cells.iter().map(|c| csv_safe(c)))?;
            }
            out.write_all(&w.into_inner()?)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:<6} {:<10} {:<26} {:<22} {:<8} {:<10} {:<10}",
                "id", "state", "name", "service", "phi", "signed", "expires"
            )?;
            for v in vendors {
                writeln!(
                    out,
                    // Padded by display width: a CJK or emoji name keeps the columns.
                    "{} {:<10} {} {} {} {:<10} {:<10}",
                    text::cell(&v.id, 6),
                    v.state(today, window).word(),
                    text::cell(&v.name, 26),
                    text::cell(&v.service, 22),
                    text::cell(&v.phi_text(), 8),
                    date(v.baa_signed).unwrap_or_default(),
                    date(v.baa_expires).unwrap_or_default(),
                )?;
            }
            let gaps = vendors
                .iter()
                .filter(|v| v.state(today, window).is_gap())
                .count();
            writeln!(
                out,
                "{}; {} without a current BAA",
                text::count(vendors.len(), "vendor", "vendors"),
                gaps
            )?;
        }
    }
    Ok(())
}

/// The columns a vendor spreadsheet may have (`name` is required); `vendors --format csv`
/// writes them, so its output imports again.
pub const VENDOR_COLUMNS: [&str; 8] = [
    "name",
    "service",
    "phi",
    "contact",
    "baa_signed",
    "baa_expires",
    "subcontractor",
    "notes",
];

/// One row of a vendor spreadsheet: its line, its `id` cell (empty when none), the vendor it
/// describes, and the columns whose cells were filled in (an empty cell changes nothing).
#[derive(Debug, Clone)]
pub struct VendorRow {
    pub line: usize,
    pub id: String,
    pub vendor: Vendor,
    pub given: Vec<&'static str>,
}

impl VendorRow {
    /// `old` with this row's filled-in cells applied. The name changes only when the row
    /// was matched by its id (matched by name, the register's spelling stays); a bare
    /// "yes" for PHI keeps the uses already recorded.
    fn apply_to(&self, old: &Vendor, by_id: bool) -> Vendor {
        let (mut v, new) = (old.clone(), &self.vendor);
        // A cell that reads as the field does in a listing (control characters shown as
        // `\u001b`) is that field unchanged.
        let set = |field: &mut String, cell: &String| {
            if text::as_printed(field) != *cell {
                *field = cell.clone();
            }
        };
        for c in &self.given {
            match *c {
                "name" if by_id => set(&mut v.name, &new.name),
                "service" => set(&mut v.service, &new.service),
                "phi" => {
                    v.phi = new.phi;
                    if !new.phi || !new.phi_uses.is_empty() {
                        v.phi_uses = new.phi_uses.clone();
                    }
                }
                "contact" => set(&mut v.contact, &new.contact),
                "baa_signed" => v.baa_signed = new.baa_signed,
                "baa_expires" => v.baa_expires = new.baa_expires,
                "subcontractor" => v.subcontractor = new.subcontractor,
                "notes" => set(&mut v.notes, &new.notes),
                _ => {}
            }
        }
        v
    }
}

/// Reads a vendor spreadsheet through the one strict reader every import uses: every
/// problem with its line, or every row. Dates are checked against `today` (a BAA cannot be
/// signed in the future, nor expire before it was signed); the same vendor (by id or by
/// name) twice must say the same.
pub fn parse_vendor_csv(
    text: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<VendorRow>, Vec<String>> {
    use crate::exchange::sheet::{self, quoted, shorten};
    let mut s = sheet::read(text)?;
    let mut problems = Vec::new();
    for h in &s.headers {
        if !VENDOR_COLUMNS.contains(&h.as_str()) && h != "id" && h != "state" {
            problems.push(format!(
                "1: unknown column '{}': use {}",
                quoted(h),
                VENDOR_COLUMNS.join(", ")
            ));
        }
    }
    if !s.has("name") {
        problems.push("1: the header needs a 'name' column".into());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    problems.extend(s.refuse_conflicting_repeats("vendor id", |s, r| {
        Some(s.get(r, "id").to_string()).filter(|k| !k.is_empty())
    }));
    problems.extend(s.refuse_conflicting_repeats("vendor", |s, r| {
        Some(s.get(r, "name").to_lowercase()).filter(|k| !k.is_empty())
    }));
    let mut out = Vec::new();
    for rec in &s.rows {
        let line = rec.line as usize;
        let get = |name: &str| s.get(rec, name);
        let mut bad = |what: String| problems.push(format!("{line}: {what}"));
        let name = get("name");
        if name.is_empty() {
            bad("the vendor's name is empty".into());
            continue;
        }
        let date = |c: &str| -> Result<Option<chrono::NaiveDate>, String> {
            match get(c) {
                "" => Ok(None),
                v => crate::domain::dates::parse_date(v)
                    .map(Some)
                    .map_err(|e| format!("{c}: {}", shorten(e, v))),
            }
        };
        let parsed = (|| -> Result<Vendor, String> {
            let (phi, phi_uses) =
                vendor::parse_phi(get("phi")).map_err(|e| shorten(e, get("phi")))?;
            let subcontractor = vendor::parse_flag(get("subcontractor"))
                .map_err(|e| format!("subcontractor {}", shorten(e, get("subcontractor"))))?;
            let signed = date("baa_signed")?;
            // As in the form: +1y (or +6m …) counts from the signing date.
            let expires = match (get("baa_expires"), signed) {
                (v, Some(from)) if v.starts_with('+') => Some(
                    crate::domain::dates::parse_due(v, from)
                        .map_err(|e| format!("baa_expires: {}", shorten(e, v)))?,
                ),
                (v, None) if v.starts_with('+') => {
                    return Err(format!(
                        "baa_expires '{}' counts from baa_signed: give that date too",
                        quoted(v)
                    ));
                }
                _ => date("baa_expires")?,
            };
            vendor::check_baa_dates(signed, expires, today)?;
            Ok(Vendor {
                id: String::new(),
                name: name.to_string(),
                service: get("service").to_string(),
                phi,
                phi_uses,
                contact: get("contact").to_string(),
                baa_signed: signed,
                baa_expires: expires,
                subcontractor,
                evidence: Vec::new(),
                notes: get("notes").to_string(),
            })
        })();
        match parsed {
            Ok(vendor) => out.push(VendorRow {
                line,
                id: get("id").to_string(),
                vendor,
                given: VENDOR_COLUMNS
                    .into_iter()
                    .filter(|c| !get(c).is_empty())
                    .collect(),
            }),
            Err(e) => bad(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(sheet::capped(problems))
    }
}

/// All or nothing: a spreadsheet with any bad row changes nothing. A row whose `id` is in
/// the register, or whose name matches a vendor's (ignoring case, and as the CSV listing
/// writes it, control characters shown), updates that vendor's filled-in fields only; the
/// others are added.
fn import_vendors(
    path: &Path,
    csv_path: &Path,
    dry_run: bool,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let text = read_sheet(csv_path)?;
    let rows = parse_vendor_csv(&text, env.today).map_err(|p| rejected(csv_path, p))?;
    let lines = edit_locked(path, env, dry_run, out, |ws, actor| {
        let mut lines = Vec::new();
        for row in &rows {
            let by_id = ws
                .vendors
                .iter()
                .find(|x| !row.id.is_empty() && x.id == row.id);
            let same_name = |x: &&Vendor| {
                let name = &row.vendor.name;
                x.name.eq_ignore_ascii_case(name)
                    || text::as_printed(&x.name).eq_ignore_ascii_case(name)
                    // The name as it is kept (invisible characters dropped, one space): a
                    // no-break or zero-width space must not add a second vendor of the same
                    // visible name (found by attack).
                    || (!text::name(name).is_empty()
                        && text::name_key(&x.name) == text::name_key(name))
            };
            let existing = by_id.map(|v| (v.clone(), true)).or_else(|| {
                ws.vendors
                    .iter()
                    .find(same_name)
                    .map(|v| (v.clone(), false))
            });
            match existing {
                Some((old, matched_by_id)) => {
                    let v = row.apply_to(&old, matched_by_id);
                    if let Err(e) = vendor::check_baa_dates(v.baa_signed, v.baa_expires, env.today)
                    {
                        anyhow::bail!(
                            "{}:{}: {} ({}): {e}",
                            csv_path.display(),
                            row.line,
                            old.id,
                            text::clean_line(&old.name)
                        );
                    }
                    if ws.update_vendor(v, actor) {
                        lines.push(format!("{}: updated {}", old.id, old.name));
                    }
                }
                None => {
                    let name = row.vendor.name.clone();
                    let id = ws.add_vendor(row.vendor.clone(), actor);
                    lines.push(format!("{id}: added {name}"));
                }
            }
        }
        let changed = !lines.is_empty();
        Ok((lines, changed))
    })?;
    for l in &lines {
        writeln!(out, "{}", text::clean_line(l))?;
    }
    writeln!(
        out,
        "{} from {}{}",
        text::count(lines.len(), "change", "changes"),
        text::count(rows.len(), "row", "rows"),
        if dry_run {
            " (dry run: nothing written)".to_string()
        } else {
            format!(" applied to {}", path.display())
        }
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vendor_sheet_reads_with_its_lines_and_refuses_bad_rows() {
        let good = "name,service,phi,baa_signed,baa_expires\nAcme Billing,billing,yes,2025-01-10,2027-01-10\nShredCo,shredding,no,,\n";
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let rows = parse_vendor_csv(good, today).unwrap();
        let plus = parse_vendor_csv(
            "name,phi,baa_signed,baa_expires\nA,yes,2026-03-01,+2y\n",
            today,
        )
        .unwrap();
        assert_eq!(
            plus[0].vendor.baa_expires,
            chrono::NaiveDate::from_ymd_opt(2028, 3, 1)
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert!(rows[0].vendor.phi && !rows[1].vendor.phi);
        assert_eq!(
            rows[1].given,
            ["name", "service", "phi"],
            "empty cells are not given"
        );
        let bad = "name,phi,baa_signed,baa_expires\nA,yes,2025-13-01,\n,no,,\nA,maybe,,\nB,yes,2027-06-01,\nC,yes,2026-01-01,2025-01-01\n";
        let e = parse_vendor_csv(bad, today).unwrap_err();
        assert!(
            e.iter()
                .any(|p| p.starts_with("5: ") && p.contains("after today")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|p| p.starts_with("6: ") && p.contains("before baa_signed")),
            "{e:?}"
        );
        assert!(e.iter().any(|p| p.starts_with("2: baa_signed")), "{e:?}");
        assert!(e.iter().any(|p| p.starts_with("3: ")), "{e:?}");
        assert!(
            e.iter()
                .any(|p| p.starts_with("4: ") && p.contains("also on line 2")),
            "{e:?}"
        );
        let unknown = parse_vendor_csv("name,colour\nA,red\n", today).unwrap_err();
        assert!(unknown[0].contains("unknown column 'colour'"));
    }
}

//! `hipaudit inventory` (the ePHI inventory listed, or assets added from a spreadsheet all
//! or nothing) and `hipaudit analysis` (whether the risk analysis is complete, and if not,
//! what is missing).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow};
use serde::Serialize;

use crate::cli::args::{Format, StateFormat};
use crate::cli::register::{edit_locked, read_sheet, rejected};
use crate::domain::analysis;
use crate::domain::inventory::Asset;
use crate::domain::text;
use crate::domain::workspace::Workspace;
use crate::env::Env;
use crate::exchange::inventory_csv::{self, PROBLEMS_SHOWN, is_assessed, shown_count};

/// `hipaudit inventory PATH [--import FILE.csv [--dry-run]] [--format …]`.
pub fn cmd_inventory(
    path: &Path,
    import: Option<&Path>,
    dry_run: bool,
    format: Format,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(csv_path) = import {
        return import_assets(path, csv_path, dry_run, env, out);
    }
    let ws = crate::cli::load::open(path)?;
    print_inventory(&ws, format, out)
}

/// One asset as `inventory --format json` prints it, keys in SPEC's order.
#[derive(Serialize)]
struct AssetJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    count: u32,
    location: &'a str,
    owner: &'a str,
    ephi: Vec<&'static str>,
    records: Option<u64>,
    encrypted_at_rest: &'static str,
    encrypted_in_transit: &'static str,
    /// The vendor's id; null when none.
    vendor: Option<&'a str>,
    risks: Vec<&'a str>,
    assessed: bool,
    /// Carried from the last assessment and not confirmed since.
    reverify: bool,
}

fn asset_json<'a>(ws: &'a Workspace, a: &'a Asset) -> AssetJson<'a> {
    AssetJson {
        id: &a.id,
        name: &a.name,
        kind: a.kind.word(),
        count: shown_count(a),
        location: &a.location,
        owner: &a.owner,
        ephi: a.ephi.iter().map(|u| u.word()).collect(),
        records: a.records,
        encrypted_at_rest: a.encrypted_at_rest.word(),
        encrypted_in_transit: a.encrypted_in_transit.word(),
        vendor: Some(a.vendor.as_str()).filter(|v| !v.is_empty()),
        risks: ws.risks_of_asset(&a.id),
        assessed: is_assessed(ws, a),
        reverify: a.reverify,
    }
}

fn print_inventory(ws: &Workspace, format: Format, out: &mut dyn Write) -> Result<()> {
    match format {
        Format::Json => {
            let v: Vec<_> = ws.assets.iter().map(|a| asset_json(ws, a)).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(inventory_csv::listing_header())?;
            for a in &ws.assets {
                w.write_record(inventory_csv::listing_row(ws, a))?;
            }
            out.write_all(&w.into_inner()?)?;
        }
        Format::Table => print_table(ws, out)?,
    }
    Ok(())
}

fn print_table(ws: &Workspace, out: &mut dyn Write) -> Result<()> {
    if ws.assets.is_empty() {
        writeln!(
            out,
            "no ePHI inventory yet: no assets recorded (`hipaudit inventory PATH --import FILE.csv` adds them from a spreadsheet)"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<6} {:<14} {:<28} {:>5} {:<30} {:<8} {:<8} {:<7} assessed",
        "id", "kind", "name", "count", "ephi", "at rest", "transit", "vendor"
    )?;
    for a in &ws.assets {
        // "n/a" where nothing asks for an assessment: the asset holds no ePHI.
        let assessed = match (is_assessed(ws, a), a.holds_ephi()) {
            (true, _) => "yes",
            (false, true) => "no",
            (false, false) => "n/a",
        };
        writeln!(
            out,
            // Padded by display width: a CJK or emoji name keeps the columns.
            "{} {:<14} {} {:>5} {} {:<8} {:<8} {} {}",
            text::cell(&a.id, 6),
            a.kind.word(),
            text::cell(&a.name, 28),
            shown_count(a),
            text::cell(&a.ephi_text(), 30),
            a.encrypted_at_rest.word(),
            a.encrypted_in_transit.word(),
            text::cell(&a.vendor, 7),
            assessed,
        )?;
    }
    let ephi: Vec<&Asset> = ws.assets.iter().filter(|a| a.holds_ephi()).collect();
    let unassessed = ephi.iter().filter(|a| !is_assessed(ws, a)).count();
    writeln!(
        out,
        "{}, {} holding ePHI; {} of those not yet assessed",
        text::count(ws.assets.len(), "asset", "assets"),
        ephi.len(),
        unassessed
    )?;
    Ok(())
}

/// A sheet refused whole, at most `PROBLEMS_SHOWN` of its problems listed.
fn refused(from: &Path, mut problems: Vec<String>) -> anyhow::Error {
    if problems.len() <= PROBLEMS_SHOWN {
        return rejected(from, problems);
    }
    let more = problems.len() - PROBLEMS_SHOWN;
    problems.truncate(PROBLEMS_SHOWN);
    let shown: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{p}", from.display()))
        .collect();
    anyhow!(
        "{}\n… and {} not shown\nnothing was changed",
        shown.join("\n"),
        text::count(more, "more problem", "more problems")
    )
}

/// All or nothing: every row becomes a new asset (logged, with the next free id), or a sheet
/// with any bad row changes nothing.
fn import_assets(
    path: &Path,
    csv_path: &Path,
    dry_run: bool,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let text = read_sheet(csv_path)?;
    let lines = edit_locked(path, env, dry_run, out, |ws, actor| {
        let rows = inventory_csv::parse(&text, ws).map_err(|p| refused(csv_path, p))?;
        let lines: Vec<String> = rows
            .into_iter()
            .map(|row| {
                let name = row.asset.name.clone();
                let id = ws.add_asset(row.asset, actor);
                format!("{id}: added {name}")
            })
            .collect();
        let changed = !lines.is_empty();
        Ok((lines, changed))
    })?;
    for l in &lines {
        writeln!(out, "{}", text::clean_line(l))?;
    }
    writeln!(
        out,
        "{}{}",
        text::count(lines.len(), "asset", "assets"),
        if dry_run {
            " would be added (dry run: nothing written)".to_string()
        } else {
            format!(" added to {}", path.display())
        }
    )?;
    Ok(())
}

/// `hipaudit analysis PATH [--format table|json]`: the state on `env.today`. A state, not a
/// check: an incomplete analysis is not an error.
pub fn cmd_analysis(
    path: &Path,
    format: StateFormat,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let ws = crate::cli::load::open(path)?;
    let s = analysis::state(&ws, env.today);
    if format == StateFormat::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "Risk analysis: {}",
        if s.complete {
            "complete"
        } else {
            "in progress"
        }
    )?;
    writeln!(
        out,
        "  {} ({} holding ePHI), {}, {}",
        text::count(s.assets, "asset", "assets"),
        s.ephi_assets,
        text::count(s.flows, "data flow", "data flows"),
        text::count(s.risks, "risk", "risks")
    )?;
    if !s.missing.is_empty() {
        writeln!(out, "Missing:")?;
        for m in &s.missing {
            writeln!(out, "  - {}", text::clean_line(m))?;
        }
    }
    if !s.acceptances_due.is_empty() {
        writeln!(out, "Acceptances past their review date:")?;
        for id in &s.acceptances_due {
            let acceptance = ws
                .risks
                .iter()
                .find(|r| r.id == *id)
                .and_then(|r| r.acceptance.as_ref())
                .or_else(|| ws.remediation.get(id).and_then(|m| m.acceptance.as_ref()));
            let detail = acceptance.map_or(String::new(), |a| {
                let by = if a.by.trim().is_empty() {
                    String::new()
                } else {
                    format!(", accepted by {}", a.by.trim())
                };
                let review = a.review_by.map(|d| d.to_string()).unwrap_or_default();
                format!(" (review by {review}{by})")
            });
            writeln!(out, "  - {}", text::clean_line(&format!("{id}{detail}")))?;
        }
    }
    Ok(())
}

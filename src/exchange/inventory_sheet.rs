//! The ePHI inventory, its flows and the risk register in the workbook (sheets Inventory,
//! Flows and Risk register: wrapped text, set widths, a frozen header row) and in the JSON
//! export (the objects `hipaudit inventory --format json` prints, per SPEC).

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use serde_json::{Value, json};

use crate::domain::analysis;
use crate::domain::rating::Rating;
use crate::domain::risk::{self, Basis};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::Workspace;
use crate::exchange::options::{Options, private};

/// The inventory as SPEC's objects: an asset's fields by their words, the risks naming it,
/// and whether it is assessed (a risk names it, or a reason says none is significant).
pub fn inventory_json(ws: &Workspace) -> Vec<Value> {
    let by_asset = ws.risks_by_asset();
    ws.assets
        .iter()
        .map(|a| {
            let risks = by_asset.get(a.id.as_str()).cloned().unwrap_or_default();
            json!({
                "id": a.id,
                "name": a.name,
                "kind": a.kind.word(),
                "count": a.count,
                "location": a.location,
                "owner": a.owner,
                "ephi": a.ephi.iter().map(|u| u.word()).collect::<Vec<_>>(),
                "records": a.records,
                "encrypted_at_rest": a.encrypted_at_rest.word(),
                "encrypted_in_transit": a.encrypted_in_transit.word(),
                "vendor": (!a.vendor.is_empty()).then(|| a.vendor.clone()),
                "assessed": !risks.is_empty() || !a.no_risk.trim().is_empty(),
                "risks": risks,
            })
        })
        .collect()
}

/// The flows: ends as stored (an asset id or an outside party's words) and by name.
pub fn flows_json(ws: &Workspace) -> Vec<Value> {
    ws.flows
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "from": f.from,
                "to": f.to,
                "from_name": ws.party_name(&f.from),
                "to_name": ws.party_name(&f.to),
                "data": f.data,
                "channel": f.channel.word(),
                "protection": f.protection,
            })
        })
        .collect()
}

/// The formats of these sheets: the other sheets' header, and text wrapped at the top of
/// its cell.
struct Formats {
    head: Format,
    text: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let top = Format::new().set_align(FormatAlign::Top);
        Formats {
            head: Format::new()
                .set_bold()
                .set_background_color("#EEF2F7")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            text: top.clone().set_text_wrap(),
            date: top.set_num_format("yyyy-mm-dd"),
        }
    }
}

/// Text as the other sheets write it: always a string cell (never a formula), with control
/// and invisible characters made visible.
fn put(sheet: &mut Worksheet, row: u32, col: u16, s: &str, f: &Format) -> anyhow::Result<()> {
    sheet.write_string_with_format(row, col, crate::domain::text::clean_text(s), f)?;
    Ok(())
}

/// How many lines a wrapped text takes in a column `width` characters wide.
fn lines(s: &str, width: f64) -> usize {
    let per = (width - 1.0).max(1.0) as usize;
    s.split('\n')
        .map(|l| l.chars().count().div_ceil(per).max(1))
        .sum()
}

/// A row as tall as its longest wrapped cell: spreadsheets do not grow rows by themselves
/// when a file gives their height, and LibreOffice printed wrapped cells over each other.
fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[(u16, &str)],
    cols: &[(&str, f64)],
) -> anyhow::Result<()> {
    let n = cells
        .iter()
        .map(|(c, s)| lines(s, cols.get(usize::from(*c)).map_or(10.0, |x| x.1)))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(row, (15.0 * n as f64).min(409.0))?;
    Ok(())
}

/// The header row with its widths, frozen, with filters over `rows` rows; printed landscape,
/// one page wide, the header on every page.
fn header(
    sheet: &mut Worksheet,
    f: &Formats,
    cols: &[(&str, f64)],
    rows: usize,
) -> anyhow::Result<()> {
    for (c, (name, width)) in cols.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &f.head)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows as u32, cols.len() as u16 - 1)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The three sheets, in this order.
pub(crate) fn sheets(wb: &mut Workbook, ws: &Workspace, o: &Options) -> anyhow::Result<()> {
    let f = Formats::new();
    inventory(wb, &f, ws, o)?;
    flows(wb, &f, ws)?;
    register(wb, &f, ws)
}

fn inventory(wb: &mut Workbook, f: &Formats, ws: &Workspace, o: &Options) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Inventory")?;
    let cols = [
        ("ID", 8.0),
        ("Asset", 28.0),
        ("Kind", 18.0),
        ("Count", 7.0),
        ("Location", 20.0),
        ("Owner", 18.0),
        ("ePHI", 18.0),
        ("Records", 10.0),
        ("Encrypted at rest", 11.0),
        ("Encrypted in transit", 11.0),
        ("Business associate", 24.0),
        ("Risks", 14.0),
        ("No significant risk because", 36.0),
        ("Notes", 40.0),
    ];
    header(sheet, f, &cols, ws.assets.len())?;
    let by_asset = ws.risks_by_asset();
    for (i, a) in ws.assets.iter().enumerate() {
        let row = i as u32 + 1;
        let vendor = match ws.vendor(&a.vendor) {
            Some(v) => format!("{} ({})", v.name, v.id),
            None => a.vendor.clone(),
        };
        let texts = [
            (0u16, a.id.clone()),
            (1, a.name.clone()),
            (2, a.kind.label().to_string()),
            (4, a.location.clone()),
            (5, a.owner.clone()),
            (6, a.ephi_text()),
            (8, a.encrypted_at_rest.word().to_string()),
            (9, a.encrypted_in_transit.word().to_string()),
            (10, vendor),
            (
                11,
                by_asset
                    .get(a.id.as_str())
                    .map(|v| v.join(", "))
                    .unwrap_or_default(),
            ),
            (12, a.no_risk.clone()),
            (13, private(&a.notes, o).to_string()),
        ];
        for (c, v) in &texts {
            put(sheet, row, *c, v, &f.text)?;
        }
        let cells: Vec<(u16, &str)> = texts.iter().map(|(c, v)| (*c, v.as_str())).collect();
        fit_row(sheet, row, &cells, &cols)?;
        sheet.write_number_with_format(row, 3, f64::from(a.count), &f.text)?;
        if let Some(n) = a.records {
            sheet.write_number_with_format(row, 7, n as f64, &f.text)?;
        }
    }
    Ok(())
}

fn flows(wb: &mut Workbook, f: &Formats, ws: &Workspace) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Flows")?;
    let cols = [
        ("ID", 8.0),
        ("From", 28.0),
        ("To", 28.0),
        ("ePHI", 36.0),
        ("Channel", 16.0),
        ("Protection", 40.0),
    ];
    header(sheet, f, &cols, ws.flows.len())?;
    for (i, fl) in ws.flows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells: Vec<(u16, &str)> = [
            fl.id.as_str(),
            ws.party_name(&fl.from),
            ws.party_name(&fl.to),
            &fl.data,
            fl.channel.label(),
            &fl.protection,
        ]
        .into_iter()
        .enumerate()
        .map(|(c, v)| (c as u16, v))
        .collect();
        for (c, v) in &cells {
            put(sheet, row, *c, v, &f.text)?;
        }
        fit_row(sheet, row, &cells, &cols)?;
    }
    Ok(())
}

/// One row a risk, every column a reviewer reads it by.
fn register(wb: &mut Workbook, f: &Formats, ws: &Workspace) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Risk register")?;
    let cols = [
        ("ID", 7.0),
        ("Risk", 30.0),
        ("Assets", 24.0),
        ("Threat", 30.0),
        ("Vulnerability", 30.0),
        ("Controls observed", 30.0),
        ("L", 4.0),
        ("Likelihood: why", 30.0),
        ("I", 4.0),
        ("Impact: why", 30.0),
        ("Level", 10.0),
        ("Treatment", 11.0),
        ("Rationale", 36.0),
        ("Residual", 11.0),
        ("Owner", 16.0),
        ("Due", 11.0),
        ("Acceptance", 40.0),
    ];
    header(sheet, f, &cols, ws.risks.len())?;
    for (i, r) in ws.risks.iter().enumerate() {
        let row = i as u32 + 1;
        let rem = ws.remediation(&r.id);
        let assets: Vec<&str> = r.assets.iter().map(|a| ws.party_name(a)).collect();
        let residual = if r.target_likelihood.is_some() || r.target_impact.is_some() {
            let (l, i) = risk::rating(r, Basis::Residual);
            format!("{} ({})", RiskLevel::of(l, i).label(), Rating::score(l, i))
        } else {
            String::new()
        };
        let acceptance = r.acceptance.as_ref().map_or(String::new(), |a| {
            let mut s = a.by.clone();
            if !a.role.is_empty() {
                s.push_str(&format!(" ({})", a.role));
            }
            if let Some(d) = a.date {
                s.push_str(&format!(", {d}"));
            }
            if !a.rationale.is_empty() {
                s.push_str(&format!(": {}", a.rationale));
            }
            if let Some(d) = a.review_by {
                s.push_str(&format!("; review by {d}"));
            }
            s
        });
        let texts = [
            (0u16, r.id.clone()),
            (1, r.title.clone()),
            (2, assets.join(", ")),
            (3, r.threat.clone()),
            (4, r.vulnerability.clone()),
            (5, r.controls.clone()),
            (7, r.likelihood_why.clone()),
            (9, r.impact_why.clone()),
            (10, analysis::level(r).label().to_string()),
            (11, r.treatment.label().to_string()),
            (12, r.rationale.clone()),
            (13, residual),
            (14, rem.owner.clone()),
            (16, acceptance),
        ];
        for (c, v) in &texts {
            put(sheet, row, *c, v, &f.text)?;
        }
        let cells: Vec<(u16, &str)> = texts.iter().map(|(c, v)| (*c, v.as_str())).collect();
        fit_row(sheet, row, &cells, &cols)?;
        sheet.write_number_with_format(row, 6, f64::from(r.likelihood.get()), &f.text)?;
        sheet.write_number_with_format(row, 8, f64::from(r.impact.get()), &f.text)?;
        match rem.due {
            Some(d) => {
                use chrono::Datelike;
                let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    d.year() as u16,
                    d.month() as u8,
                    d.day() as u8,
                )?;
                sheet.write_datetime_with_format(row, 15, &day, &f.date)?;
            }
            None => {
                sheet.write_blank(row, 15, &f.text)?;
            }
        }
    }
    Ok(())
}

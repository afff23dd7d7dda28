//! What leaves the laptop besides the report (`markdown`, `html`): the gap board as CSV and
//! as a workbook, and a plan of action and milestones as JSON (the deadlines as a calendar
//! are in `calendar`).

use chrono::NaiveDate;
use serde_json::json;

use crate::domain::board::{self};
use crate::domain::catalog::{Area, Catalog};
use crate::domain::workspace::Workspace;
use crate::exchange::columns;

pub use crate::exchange::markdown::Options;
use crate::exchange::markdown::ordered_gaps;
use crate::exchange::options::private;

/// The same values for a spreadsheet: text in any column (the id too: register ids are
/// typed by people) that a spreadsheet would read as a formula gets a quote.
pub fn spreadsheet_safe(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| crate::exchange::cells::csv_safe(&v))
        .collect()
}

/// The gap board as CSV (RFC 4180 quoting, UTF-8).
pub fn csv(catalog: &Catalog, ws: &Workspace, o: &Options) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(columns::COLUMNS.iter().map(|c| c.key))?;
    for g in ordered_gaps(catalog, ws, o) {
        let ctx = columns::Ctx {
            catalog,
            ws,
            today: o.today,
            redact: o.redact,
        };
        let vals = columns::values(&ctx, &g, columns::COLUMNS);
        w.write_record(spreadsheet_safe(
            vals.iter().map(columns::Value::text).collect(),
        ))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A plan of action and milestones, one item per gap, in the spirit of NIST OSCAL's POA&M.
pub fn poam_json(catalog: &Catalog, ws: &Workspace, o: &Options) -> serde_json::Value {
    let (vendors, evidence) = crate::exchange::appendix::json_parts(ws, o);
    let items: Vec<serde_json::Value> = ordered_gaps(catalog, ws, o)
        .iter()
        .map(|g| {
            let (opened, closed) = board::opened_closed(ws, g);
            let q = catalog.get(&g.id);
            json!({
                "id": g.id,
                "title": g.title,
                "description": q.map(|q| q.guidance.clone()),
                "area": g.area_name(),
                "section": g.section,
                "references": q.map(|q| q.references.clone()).unwrap_or_default(),
                "answer": g.answer.map(|a| a.label()),
                "risk": {
                    "likelihood": g.likelihood,
                    "impact": g.impact,
                    "score": g.score(),
                    "level": g.level().label(),
                },
                "owner": (!g.owner.is_empty()).then(|| g.owner.clone()),
                "due": g.due,
                "status": g.status.label(),
                "overdue": g.is_overdue(o.today),
                "plan": if o.redact { None } else { (!g.plan.is_empty()).then(|| g.plan.clone()) },
                "suggested_remediation": q.map(|q| q.remediation.clone()),
                "opened": opened,
                "closed": closed,
            })
        })
        .collect();
    json!({
        "poam": {
            "client": ws.engagement.client,
            "assessor": ws.engagement.assessor,
            "generated": o.today,
            "bank": { "id": ws.bank.id, "version": ws.bank.version },
            "redacted": o.redact,
            "items": items,
            "vendors": vendors,
            "evidence": evidence,
            "inventory": crate::exchange::inventory_sheet::inventory_json(ws),
            "flows": crate::exchange::inventory_sheet::flows_json(ws),
            "analysis": crate::domain::analysis::state(ws, o.today),
        }
    })
}

/// A workbook: the gap board (dates as dates, filters on the header, overdue rows
/// highlighted), one sheet per audit area, the ePHI inventory, its flows and the risk
/// register.
pub fn xlsx(catalog: &Catalog, ws: &Workspace, o: &Options) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        o.today.format("%Y").to_string().parse()?,
        o.today.format("%m").to_string().parse()?,
        o.today.format("%d").to_string().parse()?,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("HIPAA assessment")
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    gap_sheet(&mut wb, &f, catalog, ws, o)?;
    area_sheets(&mut wb, &f, catalog, ws, o)?;
    crate::exchange::inventory_sheet::sheets(&mut wb, ws, o)?;
    Ok(wb.save_to_buffer()?)
}

/// A workbook cell's text as the other writers show it: control and invisible characters
/// (tag characters, line separators, bidi overrides) made visible, line breaks kept.
fn xl(s: &str) -> std::borrow::Cow<'_, str> {
    crate::domain::text::clean_text(s)
}

/// The workbook's cell formats.
struct Formats {
    head: rust_xlsxwriter::Format,
    date_fmt: rust_xlsxwriter::Format,
    late: rust_xlsxwriter::Format,
    late_date: rust_xlsxwriter::Format,
}

impl Formats {
    fn new() -> Formats {
        use rust_xlsxwriter::Format;
        Formats {
            head: Format::new().set_bold().set_background_color("#EEF2F7"),
            date_fmt: Format::new().set_num_format("yyyy-mm-dd"),
            late: Format::new().set_background_color("#F8CBAD"),
            late_date: Format::new()
                .set_background_color("#F8CBAD")
                .set_num_format("yyyy-mm-dd"),
        }
    }
}

fn excel_date(d: NaiveDate) -> anyhow::Result<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    Ok(rust_xlsxwriter::ExcelDateTime::from_ymd(
        d.year() as u16,
        d.month() as u8,
        d.day() as u8,
    )?)
}

/// The gap sheet: one row a gap, columns from the column table, overdue rows shaded.
fn gap_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    f: &Formats,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    let Formats {
        head,
        date_fmt,
        late,
        late_date,
    } = f;
    let gaps = ordered_gaps(catalog, ws, o);
    let sheet = wb.add_worksheet();
    sheet.set_name("Gaps")?;
    // The gap sheet's columns come from the one column table.
    let cols: Vec<&columns::Column> = columns::COLUMNS
        .iter()
        .filter(|c| c.shown.workbook.is_some())
        .collect();
    for (c, col) in cols.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.shown.workbook.unwrap_or(col.key), head)?;
    }
    let ctx = columns::Ctx {
        catalog,
        ws,
        today: o.today,
        redact: o.redact,
    };
    for (r, g) in gaps.iter().enumerate() {
        let row = r as u32 + 1;
        let overdue = g.is_overdue(o.today);
        let plain = rust_xlsxwriter::Format::new();
        let (text_fmt, day_fmt) = if overdue {
            (late, late_date)
        } else {
            (&plain, date_fmt)
        };
        for (c, v) in columns::values(&ctx, g, cols.iter().copied())
            .into_iter()
            .enumerate()
        {
            let c = c as u16;
            match v {
                columns::Value::Number(n) => {
                    sheet.write_number_with_format(row, c, n as f64, text_fmt)?;
                }
                columns::Value::Date(Some(d)) => {
                    sheet.write_datetime_with_format(row, c, excel_date(d)?, day_fmt)?;
                }
                columns::Value::Date(None) => {
                    if overdue {
                        sheet.write_blank(row, c, text_fmt)?;
                    }
                }
                other => {
                    sheet.write_string_with_format(row, c, xl(&other.text()), text_fmt)?;
                }
            }
        }
    }
    sheet.autofilter(0, 0, gaps.len() as u32, cols.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, w) in [
        (0u16, 12.0),
        (1, 14.0),
        (7, 18.0),
        (8, 11.0),
        (9, 13.0),
        (11, 70.0),
        (12, 50.0),
    ] {
        sheet.set_column_width(c, w)?;
    }

    Ok(())
}

/// One sheet an area: every question with its answer.
fn area_sheets(
    wb: &mut rust_xlsxwriter::Workbook,
    f: &Formats,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    let head = &f.head;
    for area in Area::ALL {
        let sheet = wb.add_worksheet();
        sheet.set_name(area.name())?;
        let cols = [
            "ID",
            "Section",
            "Question",
            "Kind",
            "References",
            "Answer",
            "By",
            "Evidence note",
        ];
        for (c, name) in cols.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, head)?;
        }
        for (r, q) in catalog.in_area(area).enumerate() {
            let row = r as u32 + 1;
            let a = ws.answers.get(&q.id);
            let values = [
                q.id.clone(),
                q.section.clone(),
                q.prompt.clone(),
                q.kind.label().to_string(),
                q.references.join(", "),
                ws.status(&q.id).label().to_string(),
                a.map(|a| a.by.clone()).unwrap_or_default(),
                private(ws.note(&q.id), o).to_string(),
            ];
            for (c, v) in values.iter().enumerate() {
                sheet.write_string(row, c as u16, xl(v))?;
            }
        }
        sheet.autofilter(
            0,
            0,
            catalog.in_area(area).count() as u32,
            cols.len() as u16 - 1,
        )?;
        sheet.set_freeze_panes(1, 0)?;
        for (c, w) in [(0u16, 12.0), (1, 24.0), (2, 70.0), (4, 30.0), (7, 60.0)] {
            sheet.set_column_width(c, w)?;
        }
    }

    Ok(())
}

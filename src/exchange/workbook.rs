//! The workbook: the gap board (dates as dates, filters on the header, overdue rows shaded),
//! one sheet per audit area, the ePHI inventory, its flows, the risk register, the vendors,
//! the evidence and the meeting minutes, every one laid out by `xlsx_layout`.

use rust_xlsxwriter::Workbook;

use crate::domain::catalog::{Area, Catalog};
use crate::domain::workspace::Workspace;
use crate::exchange::columns;
use crate::exchange::markdown::ordered_gaps;
use crate::exchange::options::{Options, private};
use crate::exchange::xlsx_layout::{Formats, excel_date, fit_row, header, put, put_date};

/// The workbook's bytes.
pub fn xlsx(catalog: &Catalog, ws: &Workspace, o: &Options) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::DocProperties;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("HIPAA assessment")
            .set_creation_datetime(&excel_date(o.today)?),
    );
    let f = Formats::new();
    gap_sheet(&mut wb, &f, catalog, ws, o)?;
    area_sheets(&mut wb, &f, catalog, ws, o)?;
    crate::exchange::inventory_sheet::sheets(&mut wb, &f, ws, o)?;
    crate::exchange::register_sheets::sheets(&mut wb, &f, ws, o)?;
    Ok(wb.save_to_buffer()?)
}

/// The Gaps sheet's widths by column key; a column not named here is 12 wide. Keyed, not
/// positioned: a column added to or moved in the column table keeps its own width.
const GAP_WIDTHS: &[(&str, f64)] = &[
    ("id", 12.0),
    ("area", 14.0),
    ("answer", 10.0),
    ("likelihood", 10.0),
    ("impact", 8.0),
    ("score", 7.0),
    ("level", 10.0),
    ("owner", 18.0),
    ("due", 11.0),
    ("overdue", 9.0),
    ("status", 13.0),
    ("reverify", 10.0),
    ("title", 50.0),
    ("finding", 50.0),
    ("plan", 50.0),
];

/// The Gaps sheet's columns: title and width, from the one column table.
pub fn gap_columns() -> Vec<(&'static columns::Column, &'static str, f64)> {
    columns::COLUMNS
        .iter()
        .filter_map(|c| {
            let title = c.shown.workbook?;
            let width = GAP_WIDTHS
                .iter()
                .find(|(k, _)| *k == c.key)
                .map_or(12.0, |w| w.1);
            Some((c, title, width))
        })
        .collect()
}

/// The gap sheet: one row a gap, columns from the column table, overdue rows shaded.
fn gap_sheet(
    wb: &mut Workbook,
    f: &Formats,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    let gaps = ordered_gaps(catalog, ws, o);
    let sheet = wb.add_worksheet();
    sheet.set_name("Gaps")?;
    let cols = gap_columns();
    let heads: Vec<(&str, f64)> = cols.iter().map(|(_, t, w)| (*t, *w)).collect();
    header(sheet, f, &heads, gaps.len())?;
    // The level's cell in the level's colour, as the reports colour their matrices.
    let level_col = cols.iter().position(|(c, _, _)| c.key == "level");
    let ctx = columns::Ctx::new(catalog, ws, o.today, o.redact);
    for (r, g) in gaps.iter().enumerate() {
        let row = r as u32 + 1;
        let (text_fmt, day_fmt) = if g.is_overdue(o.today) {
            (&f.late, &f.late_date)
        } else {
            (&f.text, &f.date)
        };
        let values = columns::values(&ctx, g, cols.iter().map(|(c, _, _)| *c));
        let mut texts: Vec<(u16, String)> = Vec::new();
        for (c, v) in values.into_iter().enumerate() {
            let c = c as u16;
            match v {
                columns::Value::Number(n) => {
                    sheet.write_number_with_format(row, c, n as f64, text_fmt)?;
                }
                columns::Value::Date(d) => put_date(sheet, row, c, d, day_fmt)?,
                other => {
                    let t = other.text();
                    let fmt = if level_col == Some(usize::from(c)) {
                        f.level(g.level())
                    } else {
                        text_fmt
                    };
                    put(sheet, row, c, &t, fmt)?;
                    texts.push((c, t));
                }
            }
        }
        let cells: Vec<(u16, &str)> = texts.iter().map(|(c, t)| (*c, t.as_str())).collect();
        fit_row(sheet, row, &cells, &heads)?;
    }
    Ok(())
}

/// One sheet an area: every question with its answer.
fn area_sheets(
    wb: &mut Workbook,
    f: &Formats,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    let cols = [
        ("ID", 12.0),
        ("Section", 24.0),
        ("Question", 60.0),
        ("Kind", 13.0),
        ("References", 26.0),
        ("Answer", 10.0),
        ("By", 14.0),
        ("Evidence note", 60.0),
    ];
    for area in Area::ALL {
        let sheet = wb.add_worksheet();
        sheet.set_name(area.name())?;
        header(sheet, f, &cols, catalog.in_area(area).count())?;
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
                put(sheet, row, c as u16, v, &f.text)?;
            }
            let cells: Vec<(u16, &str)> = values
                .iter()
                .enumerate()
                .map(|(c, v)| (c as u16, v.as_str()))
                .collect();
            fit_row(sheet, row, &cells, &cols)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gap_width_names_a_column_of_the_gap_sheet() {
        let keys: Vec<&str> = gap_columns().iter().map(|(c, _, _)| c.key).collect();
        for (k, _) in GAP_WIDTHS {
            assert!(keys.contains(k), "a width for '{k}', which the sheet lacks");
        }
    }
}

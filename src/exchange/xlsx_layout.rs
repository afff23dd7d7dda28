//! How every sheet of the workbook is laid out (`header`, `put`, `fit_row`): a frozen,
//! filtered header row with each column's width given beside its title, wrapped text in rows
//! tall enough for it, printed landscape one page wide with the header on every page, and text
//! that can never become a formula.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet};

use crate::domain::scoring::RiskLevel;

/// The cell formats every sheet uses: the header, text wrapped at the top of its cell, dates,
/// the same shaded for an overdue row, and a risk level's cell in the level's colour.
pub(crate) struct Formats {
    pub head: Format,
    pub text: Format,
    pub date: Format,
    pub late: Format,
    pub late_date: Format,
    /// By `RiskLevel::ALL`, lowest first, each in its `RiskLevel::fill`.
    levels: Vec<Format>,
}

impl Formats {
    pub fn new() -> Formats {
        let top = Format::new().set_align(FormatAlign::Top);
        // One step of indent: text after a right-aligned number or date (Score, Level; Due,
        // Overdue) no longer runs into it (found in review: "15High").
        let text = top.clone().set_text_wrap().set_indent(1);
        let date = top.set_num_format("yyyy-mm-dd");
        Formats {
            head: Format::new()
                .set_bold()
                .set_background_color("#EEF2F7")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            late: text.clone().set_background_color("#F8CBAD"),
            late_date: date.clone().set_background_color("#F8CBAD"),
            levels: RiskLevel::ALL
                .iter()
                .map(|l| {
                    text.clone()
                        .set_background_color(format!("#{}", l.fill()).as_str())
                })
                .collect(),
            text,
            date,
        }
    }

    /// A risk level's cell, in the level's colour.
    pub fn level(&self, l: RiskLevel) -> &Format {
        let i = RiskLevel::ALL.iter().position(|x| *x == l).unwrap_or(0);
        &self.levels[i]
    }
}

pub(crate) fn excel_date(d: NaiveDate) -> anyhow::Result<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    Ok(rust_xlsxwriter::ExcelDateTime::from_ymd(
        d.year() as u16,
        d.month() as u8,
        d.day() as u8,
    )?)
}

/// A date cell, or an empty one in the same format.
pub(crate) fn put_date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    d: Option<NaiveDate>,
    f: &Format,
) -> anyhow::Result<()> {
    match d {
        Some(d) => sheet.write_datetime_with_format(row, col, excel_date(d)?, f)?,
        None => sheet.write_blank(row, col, f)?,
    };
    Ok(())
}

/// Every text cell of the workbook goes through here: always a string cell, control and
/// invisible characters made visible as the other writers show them, and text a spreadsheet
/// could take for a formula quoted by `cells::formula_quoted` (the CSV export's rule) and
/// given the quote-prefix style, so neither editing the cell nor saving the sheet as CSV
/// makes it live.
pub(crate) fn put(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
) -> anyhow::Result<()> {
    let shown = crate::domain::text::clean_text(s);
    match crate::exchange::cells::formula_quoted(&shown) {
        Some(quoted) => {
            sheet.write_string_with_format(row, col, quoted, &f.clone().set_quote_prefix())?
        }
        None => sheet.write_string_with_format(row, col, shown, f)?,
    };
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
pub(crate) fn fit_row(
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

/// The header row, each title with its width (one list, so a width cannot drift to another
/// column), frozen, with filters over `rows` rows; printed landscape, one page wide, the
/// header on every page.
pub(crate) fn header(
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
    sheet.autofilter(0, 0, rows as u32, cols.len().max(1) as u16 - 1)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

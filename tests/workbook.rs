//! The workbook as a spreadsheet reads it: every sheet's header with its widths in the same
//! order, the same print set-up and layout on every sheet, and text that no sheet lets
//! become a formula. Cells are read with calamine; widths, print set-up and formulas from
//! the sheets' XML (calamine does not read them).

use std::collections::BTreeMap;
use std::io::Read;

use calamine::{Data, Reader, Xlsx};

use hipaudit::domain::workspace::Workspace;
use hipaudit::exchange::export::{ExportFormat, export_bytes};

#[allow(dead_code)] // the export helpers this file does not need
#[path = "common/reports.rs"]
mod reports;
use reports::{demo, today};

/// The workbook's parts by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().unwrap().to_string(), s);
        }
    }
    out
}

/// An attribute's value in one XML start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// The sheet's column widths as written (`<col min max width>`), by 0-based column.
fn widths(xml: &str) -> BTreeMap<usize, f64> {
    let mut out = BTreeMap::new();
    for tag in xml.split("<col ").skip(1) {
        let tag = &format!(" {}", tag.split('>').next().unwrap());
        let n = |k| attr(tag, k).unwrap().parse::<usize>().unwrap();
        let w: f64 = attr(tag, "width").unwrap().parse().unwrap();
        for c in n("min")..=n("max") {
            out.insert(c - 1, w);
        }
    }
    out
}

fn open(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

fn header(wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<String> {
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

const SHEETS: [&str; 11] = [
    "Gaps",
    "Privacy",
    "Administrative",
    "NIST",
    "Risk",
    "Inventory",
    "Flows",
    "Risk register",
    "Vendors",
    "Evidence",
    "Minutes",
];

#[test]
fn the_gap_sheets_widths_follow_its_header_column_by_column() {
    let bytes = export_bytes(&demo(), ExportFormat::Xlsx, false, today()).unwrap();
    let mut wb = open(&bytes);
    let head = header(&mut wb, "Gaps");
    let cols = hipaudit::exchange::workbook::gap_columns();
    let titles: Vec<&str> = cols.iter().map(|c| c.1).collect();
    assert_eq!(head, titles, "the header is the column table's");
    let written = widths(&parts(&bytes)["xl/worksheets/sheet1.xml"]);
    for (i, (_, title, width)) in cols.iter().enumerate() {
        // The file stores a width with the cell padding added (12 → 12.71).
        let w = written[&i];
        assert!(
            (w - width).abs() < 1.0,
            "{title}: {w} written, {width} meant"
        );
    }
    // The long texts get the room, the flags do not (the width meant for the finding once
    // sat on "To re-verify").
    let at = |t: &str| written[&head.iter().position(|h| h == t).unwrap()];
    for wide in ["Question", "Finding", "Plan"] {
        assert!(at(wide) >= 40.0, "{wide}");
    }
    for narrow in ["To re-verify", "Overdue", "Score", "Impact"] {
        assert!(at(narrow) <= 12.0, "{narrow}: {}", at(narrow));
    }
}

#[test]
fn every_sheet_has_a_styled_frozen_header_widths_for_each_column_and_prints_one_page_wide() {
    let bytes = export_bytes(&demo(), ExportFormat::Xlsx, false, today()).unwrap();
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), SHEETS);
    let p = parts(&bytes);
    let book = &p["xl/workbook.xml"];
    for (i, name) in SHEETS.iter().enumerate() {
        let head = header(&mut wb, name);
        assert!(head.iter().all(|h| !h.is_empty()), "{name}: {head:?}");
        let xml = &p[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        let w = widths(xml);
        for (c, h) in head.iter().enumerate() {
            assert!(w.contains_key(&c), "{name}: no width for '{h}'");
        }
        assert!(xml.contains("state=\"frozen\""), "{name}: frozen header");
        assert!(xml.contains("<autoFilter "), "{name}: filters");
        assert!(xml.contains("orientation=\"landscape\""), "{name}");
        assert!(
            xml.contains("fitToHeight=\"0\"") && xml.contains("<pageSetUpPr fitToPage=\"1\""),
            "{name}: one page wide"
        );
        let titles = format!("'{name}'!$1:$1");
        let titles_plain = format!("{name}!$1:$1");
        assert!(
            book.contains(&titles) || book.contains(&titles_plain),
            "{name}: the header repeats on every printed page"
        );
        // Data rows are as tall as their wrapped text: a height on every row written.
        let rows = xml.matches("<row ").count();
        if rows > 1 {
            assert_eq!(
                xml.matches("customHeight=\"1\"").count(),
                rows - 1,
                "{name}: each data row fitted"
            );
        }
    }
}

/// Text a spreadsheet would run: = + - @, also after blanks or a tab.
const PAYLOADS: [&str; 7] = [
    "=HYPERLINK(\"javascript:alert(1)\",\"click\")",
    "+HYPERLINK(\"javascript:x\")",
    "-1+HYPERLINK(\"javascript:x\")",
    "@HYPERLINK(\"javascript:x\")",
    "  =HYPERLINK(\"javascript:x\")",
    "\t=HYPERLINK(\"javascript:x\")",
    " \t@HYPERLINK(\"javascript:x\")",
];

/// The demo with `p` in a text of every kind the workbook writes.
fn planted(p: &str) -> Workspace {
    let mut ws = demo();
    for a in ws.answers.values_mut() {
        a.note = p.to_string();
        for e in &mut a.evidence {
            e.label = p.to_string();
        }
    }
    for r in ws.remediation.values_mut() {
        r.owner = p.to_string();
        r.plan = p.to_string();
    }
    for r in &mut ws.risks {
        r.title = p.to_string();
        r.threat = p.to_string();
    }
    for a in &mut ws.assets {
        a.name = p.to_string();
        a.location = p.to_string();
    }
    for f in &mut ws.flows {
        f.data = p.to_string();
    }
    for v in &mut ws.vendors {
        v.name = p.to_string();
        v.notes = p.to_string();
        for e in &mut v.evidence {
            e.label = p.to_string();
        }
    }
    for d in &mut ws.decisions {
        d.text = p.to_string();
        d.by = p.to_string();
    }
    for m in &mut ws.meetings {
        for a in &mut m.attendees {
            a.name = p.to_string();
        }
    }
    ws
}

#[test]
fn text_that_starts_like_a_formula_is_never_a_formula_in_any_sheet_and_reads_back_as_text() {
    for p in PAYLOADS {
        let bytes = export_bytes(&planted(p), ExportFormat::Xlsx, false, today()).unwrap();
        let xml = parts(&bytes);
        assert!(
            xml["xl/styles.xml"].contains("quotePrefix=\"1\""),
            "{p:?}: the quote-prefix style, so an edit keeps it text"
        );
        let mut wb = open(&bytes);
        for (i, name) in SHEETS.iter().enumerate() {
            let sheet = &xml[&format!("xl/worksheets/sheet{}.xml", i + 1)];
            assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{name}");
            let formulas = wb.worksheet_formula(name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{name}: a formula"
            );
            let mut planted_cells = 0;
            for row in wb.worksheet_range(name).unwrap().rows() {
                for cell in row {
                    let text = cell.to_string();
                    if !text.contains("HYPERLINK") {
                        continue;
                    }
                    assert!(matches!(cell, Data::String(_)), "{name}: {cell:?}");
                    let shown = hipaudit::domain::text::clean_text(p);
                    if text.strip_prefix('\'') == Some(&*shown) {
                        planted_cells += 1;
                        // Quoted as the CSV export quotes, so a sheet saved as CSV and
                        // imported gives back what was typed.
                        assert_eq!(hipaudit::exchange::sheet::unguard(&text), shown, "{name}");
                    }
                    assert!(
                        !text.starts_with(['=', '+', '-', '@']),
                        "{name}: {text:?} would run when edited or saved as CSV"
                    );
                }
            }
            assert!(
                planted_cells > 0,
                "{name}: no planted text reached it ({p:?})"
            );
        }
    }
}

/// The demo's Vendors, Evidence and Minutes sheets as text (a row a line, cells
/// tab-separated), pinned like the report.
#[test]
fn golden_workbook_sheets_of_vendors_evidence_and_minutes() {
    let bytes = export_bytes(&demo(), ExportFormat::Xlsx, false, today()).unwrap();
    let mut wb = open(&bytes);
    let mut out = String::new();
    for name in ["Vendors", "Evidence", "Minutes"] {
        out.push_str(&format!("== {name}\n"));
        for row in wb.worksheet_range(name).unwrap().rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    // Excel's day 0 is 1899-12-30.
                    Data::DateTime(d) => (chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
                        + chrono::Duration::days(d.as_f64() as i64))
                    .to_string(),
                    c => c.to_string().replace(['\t', '\n'], " "),
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/demo-workbook-registers.tsv");
    if std::env::var_os("HIPAUDIT_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        out,
        "rerun with HIPAUDIT_WRITE_GOLDEN=1 after reviewing the change"
    );
}

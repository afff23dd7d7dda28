//! Reports and exports from the demo workspace with a fixed today: golden files, and each
//! format read back by an independent reader. Export and import through the command line are
//! in `reports_cli.rs`; the helpers both use in `common/reports.rs`.

use std::path::PathBuf;

use chrono::NaiveDate;

use hipaudit::domain::board::{self, BoardView};
use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::gaps;
use hipaudit::domain::workspace::Workspace;
use hipaudit::exchange::export::{ExportFormat, export_bytes};

#[path = "common/reports.rs"]
mod reports;
use reports::{demo, docx_part, text, today};

/// The board's rows as the app orders them.
/// The gaps in the order every export lists them: each project's together, then the rest.
fn board_ids(ws: &Workspace) -> Vec<(String, String, String)> {
    // The bank as the demo's profile scopes it, as every export reads it.
    let c = ws.catalog();
    let all = gaps::derive_all(c, ws, today(), 60);
    let rows = board::rows(&all, &BoardView::default(), c, today())
        .into_iter()
        .map(|i| all[i].clone())
        .collect();
    hipaudit::domain::project::projects_first(ws, rows)
        .into_iter()
        .map(|g| {
            (
                g.id,
                g.owner,
                g.due.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

/// Compares with `tests/golden/NAME`; `HIPAUDIT_WRITE_GOLDEN=1` rewrites it.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("HIPAUDIT_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from tests/golden/{name}; review and rerun with HIPAUDIT_WRITE_GOLDEN=1"
    );
}

#[test]
fn no_finding_in_the_plan_goes_out_without_a_recommendation() {
    // Each finding's parts are checked in `findings.rs`; here, the bank's suggestion is
    // marked as one and a plan the consultant wrote is printed as written.
    let md = text(ExportFormat::Md, false);
    assert!(md.contains("*Suggested (no plan agreed yet):*"));
    assert!(md.contains(
        "**Recommendation:** Forward EHR and Microsoft 365 audit logs to the MSP's log service"
    ));
}

#[test]
fn golden_files_for_every_text_format() {
    golden("demo-report.md", &text(ExportFormat::Md, false));
    golden("demo-report.html", &text(ExportFormat::Html, false));
    golden("demo-gaps.csv", &text(ExportFormat::Csv, false));
    golden("demo-deadlines.ics", &text(ExportFormat::Ics, false));
    golden("demo-poam.json", &text(ExportFormat::Json, false));
    golden("demo-report-redacted.md", &text(ExportFormat::Md, true));
    // The Word report's body, a line per paragraph and table row so a change reads as a diff.
    let xml = docx_part(
        &export_bytes(&demo(), ExportFormat::Docx, false, today()).unwrap(),
        "word/document.xml",
    )
    .replace("</w:p>", "</w:p>\n")
    .replace("</w:tr>", "</w:tr>\n");
    golden("demo-report.docx.xml", &xml);
}

/// What an independent XML reader finds in the Word report: heading paragraphs (style and
/// text), tables with a repeating header row, and the fills of shaded cells.
struct WordReading {
    headings: Vec<(String, String)>,
    tables: usize,
    /// Tables whose header repeats on every page.
    header_rows: usize,
    fills: Vec<String>,
    page_breaks: usize,
    /// Section properties in the body: the section breaks and the body's own at the end.
    sections: usize,
    /// The landscape ones among them.
    landscape: usize,
    text: String,
}

fn read_word(xml: &str) -> WordReading {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = WordReading {
        headings: Vec::new(),
        tables: 0,
        header_rows: 0,
        fills: Vec::new(),
        page_breaks: 0,
        sections: 0,
        landscape: 0,
        text: String::new(),
    };
    let mut style: Option<String> = None;
    let mut para = String::new();
    // A matrix repeats two header rows (its axis title and its column heads): a table counts
    // once.
    let mut header_seen = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.value.to_string())
                };
                match e.name().as_ref() {
                    "w:p" => {
                        style = None;
                        para.clear();
                    }
                    "w:pStyle" => style = attr("w:val"),
                    "w:tbl" => {
                        out.tables += 1;
                        header_seen = false;
                    }
                    "w:tblHeader" if !std::mem::replace(&mut header_seen, true) => {
                        out.header_rows += 1
                    }
                    "w:pageBreakBefore" => out.page_breaks += 1,
                    "w:sectPr" => out.sections += 1,
                    "w:pgSz" if attr("w:orient").as_deref() == Some("landscape") => {
                        out.landscape += 1
                    }
                    "w:shd" => out.fills.extend(attr("w:fill")),
                    _ => {}
                }
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                para.push_str(&t);
                out.text.push_str(&t);
            }
            Event::GeneralRef(_) => out.text.push('&'),
            Event::End(e) if e.name().as_ref() == "w:p" => {
                if let Some(s) = style
                    .take()
                    .filter(|s| s.starts_with("Heading") || s == "Title")
                {
                    out.headings.push((s, para.clone()));
                }
                out.text.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_word_report_has_the_reports_sections_tables_and_coloured_matrix() {
    let md = text(ExportFormat::Md, false);
    let bytes = export_bytes(&demo(), ExportFormat::Docx, false, today()).unwrap();
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/styles.xml",
        "docProps/core.xml",
        "word/footer1.xml",
    ] {
        assert!(!docx_part(&bytes, part).is_empty(), "{part}");
    }
    // Every page's footer: the title, confidential, page N of M as fields Word fills in.
    let footer = read_word(&docx_part(&bytes, "word/footer1.xml")).text;
    assert!(
        footer.contains(
            "HIPAA security risk analysis and gap assessment: Riverside Family Clinic · Confidential · Page "
        )
            && footer.contains(" PAGE 1 of  NUMPAGES 1"),
        "{footer}"
    );
    let footer = docx_part(&bytes, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "));
    assert!(docx_part(&bytes, "word/_rels/document.xml.rels").contains("Target=\"footer1.xml\""));
    let w = read_word(&docx_part(&bytes, "word/document.xml"));
    // Every section but the contents, whose heading is not one of its own entries.
    let sections: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|s| *s != "Contents")
        .collect();
    let word_sections: Vec<&str> = w
        .headings
        .iter()
        .filter(|(s, _)| s == "Heading1")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        word_sections, sections,
        "every section, in order, as a real heading"
    );
    // Every section starts a page: by a page break, or by the section break that sets the
    // gap plan, the register and the vendors (the wide tables) on landscape pages and ends
    // them (one before, one after each, the two between them shared; the body's own last).
    assert_eq!(
        (w.page_breaks, w.sections - 1, w.landscape),
        // (the contents start a page of their own too)
        (sections.len() + 1 - 4, 4, 3),
        "a new page for each section"
    );
    assert_eq!(w.page_breaks + w.sections - 1, sections.len() + 1);
    let doc = docx_part(&bytes, "word/document.xml");
    assert_eq!(
        doc.matches("<w:footerReference w:type=\"default\" r:id=\"rId2\"/>")
            .count(),
        w.sections,
        "the footer on every section's pages"
    );
    let tables = md
        .lines()
        .filter(|l| l.starts_with("| ---") || l.starts_with("| --- "))
        .count();
    assert_eq!(w.tables, tables);
    assert_eq!(w.header_rows, tables, "every table's header row repeats");
    for level in ["E8615A", "F6A26B", "FFE08A", "C7E9A0", "8FD19E"] {
        assert!(w.fills.iter().any(|f| f == level), "matrix colour {level}");
    }
    for needle in [
        "Statement of limitations",
        "Sign-off",
        "SwiftScribe",
        "Appendix B: Evidence",
    ] {
        assert!(w.text.contains(needle), "{needle}");
    }
    assert!(
        !w.text.contains("no justification recorded") || md.contains("no justification recorded")
    );
    // Deterministic bytes: the same report twice is the same file.
    assert_eq!(
        bytes,
        export_bytes(&demo(), ExportFormat::Docx, false, today()).unwrap()
    );
}

#[test]
fn the_request_list_is_written_as_html_and_word_too() {
    use hipaudit::exchange::export::{Extras, RequestsAs, export_bytes_with};
    let o = hipaudit::exchange::markdown::Options {
        today: today(),
        redact: false,
        window: 60,
        omit_unanswered: false,
    };
    let md = text(ExportFormat::Requests, false);
    let items = md.lines().filter(|l| l.starts_with("- [ ]")).count();
    assert!(items > 10);
    let html = String::from_utf8(
        export_bytes_with(
            &demo(),
            ExportFormat::Requests,
            &o,
            &Extras {
                template: None,
                requests_as: RequestsAs::Html,
                ..Default::default()
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        html.matches("type=\"checkbox\"").count(),
        items,
        "a checkbox an item"
    );
    let docx = export_bytes_with(
        &demo(),
        ExportFormat::Requests,
        &o,
        &Extras {
            template: None,
            requests_as: RequestsAs::Docx,
            ..Default::default()
        },
    )
    .unwrap();
    let w = read_word(&docx_part(&docx, "word/document.xml"));
    let sections = md.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(
        w.headings.iter().filter(|(s, _)| s == "Heading1").count(),
        sections
    );
}

#[test]
fn the_csv_reads_back_as_the_board() {
    let csv_text = text(ExportFormat::Csv, false);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let rows: Vec<(String, String, String)> = r
        .records()
        .map(|x| {
            let x = x.unwrap();
            (
                x[col("id")].to_string(),
                x[col("owner")].to_string(),
                x[col("due")].to_string(),
            )
        })
        .collect();
    assert_eq!(rows, board_ids(&demo()));
}

#[test]
fn notes_with_commas_quotes_and_newlines_survive_the_csv() {
    let mut ws = demo();
    let id = board_ids(&ws)[0].0.clone();
    let tricky = "Line one, with a comma\nLine \"two\"; and a | pipe\r\nthree";
    ws.answers.get_mut(&id).unwrap().note = tricky.into();
    let out =
        String::from_utf8(export_bytes(&ws, ExportFormat::Csv, false, today()).unwrap()).unwrap();
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let note_col = r
        .headers()
        .unwrap()
        .iter()
        .position(|x| x == "note")
        .unwrap();
    let first = r.records().next().unwrap().unwrap();
    assert_eq!(&first[note_col], tricky);
}

#[test]
fn the_calendar_parses_back_with_one_event_per_open_dated_gap() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let ics = text(ExportFormat::Ics, false);
    assert!(ics.contains("\r\n"), "CRLF line ends");
    assert!(ics.lines().all(|l| l.len() <= 75), "folded lines");
    let cal: Calendar = ics.parse().unwrap();
    let ws = demo();
    let c = ws.catalog();
    let dated: Vec<gaps::Gap> = gaps::derive_all(c, &ws, today(), 60)
        .into_iter()
        .filter(|g| g.due.is_some())
        .collect();
    let expected: Vec<String> = dated
        .iter()
        .filter(|g| !g.status.is_closed())
        .map(|g| g.id.clone())
        .collect();
    let closed: Vec<String> = dated
        .iter()
        .filter(|g| g.status.is_closed())
        .map(|g| g.id.clone())
        .collect();
    assert!(!closed.is_empty(), "the demo has closed dated work");
    let mut uids = Vec::new();
    for comp in &cal.components {
        if let CalendarComponent::Event(e) = comp {
            let uid = e.get_uid().unwrap().to_string();
            assert!(
                e.get_summary()
                    .unwrap()
                    .trim_start_matches("Overdue: ")
                    .starts_with("Remediate ")
            );
            assert!(e.get_description().unwrap().contains("Owner: "));
            uids.push(uid);
        }
    }
    assert_eq!(uids.len(), expected.len() + closed.len());
    // Each open event not yet late carries one reminder, a week before its due date; a
    // closed item is a cancelled event without one, so a calendar that took the last export
    // drops it.
    let mut cancelled = 0;
    for event in ics.split("BEGIN:VEVENT").skip(1) {
        let event = event.split("END:VEVENT").next().unwrap();
        if event.contains("STATUS:CANCELLED") {
            cancelled += 1;
            assert_eq!(event.matches("BEGIN:VALARM").count(), 0, "{event}");
            continue;
        }
        // Overdue work rings no alarm for a day gone by: its title says it is late.
        if event.contains("SUMMARY:Overdue") {
            assert_eq!(event.matches("BEGIN:VALARM").count(), 0, "{event}");
            continue;
        }
        assert_eq!(event.matches("BEGIN:VALARM").count(), 1, "{event}");
        assert!(
            event.contains("TRIGGER:-P7D") && event.contains("ACTION:DISPLAY"),
            "{event}"
        );
    }
    assert_eq!(cancelled, closed.len());
    let uid = ws.calendar_uid();
    for id in expected.iter().chain(&closed) {
        assert!(uids.contains(&format!("{id}@{uid}.hipaudit")), "{id}");
    }
    assert_eq!(
        ics,
        text(ExportFormat::Ics, false),
        "stable output, stable UIDs"
    );
}

#[test]
fn the_poam_json_has_every_gap() {
    let v: serde_json::Value = serde_json::from_str(&text(ExportFormat::Json, false)).unwrap();
    let items = v["poam"]["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let expected = board_ids(&demo());
    assert_eq!(ids.len(), expected.len());
    for (id, _, _) in &expected {
        assert!(ids.contains(&id.as_str()));
    }
    for i in items {
        for key in [
            "title",
            "risk",
            "status",
            "references",
            "due",
            "owner",
            "opened",
        ] {
            assert!(i.get(key).is_some(), "{key} missing in {i}");
        }
    }
}

#[test]
fn the_workbook_opens_and_its_board_sheet_matches_the_board() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = export_bytes(&demo(), ExportFormat::Xlsx, false, today()).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    for n in [
        "Gaps",
        "Privacy",
        "Administrative",
        "NIST",
        "Risk",
        "Risk register",
    ] {
        assert!(names.iter().any(|x| x == n), "sheet {n} missing: {names:?}");
    }
    let range = wb.worksheet_range("Gaps").unwrap();
    let rows: Vec<&[Data]> = range.rows().skip(1).collect();
    let expected = board_ids(&demo());
    assert_eq!(rows.len(), expected.len());
    for (row, (id, owner, due)) in rows.iter().zip(&expected) {
        assert_eq!(row[0].to_string(), *id);
        assert_eq!(row[7].to_string(), *owner);
        if due.is_empty() {
            assert!(matches!(row[8], Data::Empty));
        } else {
            let Data::DateTime(d) = &row[8] else {
                panic!("due is not a date cell: {:?}", row[8])
            };
            assert!(d.is_datetime());
            // Excel's day 0 is 1899-12-30.
            let date = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
                + chrono::Duration::days(d.as_f64() as i64);
            assert_eq!(date.to_string(), *due);
        }
    }
    let privacy = wb.worksheet_range("Privacy").unwrap();
    assert_eq!(
        privacy.rows().count() - 1,
        demo()
            .catalog()
            .in_area(hipaudit::domain::catalog::Area::Privacy)
            .count()
    );
}

#[test]
fn the_html_is_self_contained_and_escapes_workspace_text() {
    let html = text(ExportFormat::Html, false);
    assert!(!html.to_lowercase().contains("<script"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external fetches"
    );
    assert!(html.contains("<style>") && html.contains("page-break"));
    assert!(html.contains("class=\"matrix\""));
    let mut ws = demo();
    let id = board_ids(&ws)[0].0.clone();
    ws.answers.get_mut(&id).unwrap().note =
        "<script>alert('x')</script> <img src=https://evil.example/x.png>".into();
    let out =
        String::from_utf8(export_bytes(&ws, ExportFormat::Html, false, today()).unwrap()).unwrap();
    assert!(
        !out.contains("<script>"),
        "raw HTML from a note is shown as text"
    );
    assert!(!out.contains("<img"), "no fetch from a note");
    assert!(out.contains("&lt;script&gt;"));
}

#[test]
fn redacted_outputs_hold_no_note_or_plan_text() {
    let ws = demo();
    let mut secrets: Vec<String> = ws.answers.values().map(|a| a.note.clone()).collect();
    secrets.extend(ws.remediation.values().map(|r| r.plan.clone()));
    secrets.retain(|s| s.len() > 12);
    assert!(secrets.len() > 5);
    for format in ExportFormat::ALL {
        let bytes = export_bytes(&ws, format, true, today()).unwrap();
        let hay = if format == ExportFormat::Xlsx {
            use calamine::{Reader, Xlsx};
            let mut wb: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let mut all = String::new();
            for name in wb.sheet_names() {
                for row in wb.worksheet_range(&name).unwrap().rows() {
                    for c in row {
                        all.push_str(&c.to_string());
                        all.push('\n');
                    }
                }
            }
            all
        } else if format == ExportFormat::Docx {
            read_word(&docx_part(&bytes, "word/document.xml")).text
        } else {
            // Unfold calendar lines and unescape so a folded secret is still found.
            String::from_utf8(bytes)
                .unwrap()
                .replace("\r\n ", "")
                .replace("\\,", ",")
                .replace("\\;", ";")
        };
        for s in &secrets {
            assert!(
                !hay.contains(s.as_str()),
                "{format:?} --redact contains '{s}'"
            );
        }
    }
}

/// A yearly duty answered Yes on 2025-12-10 is due on 2026-12-10: inside the 60-day window
/// on 2026-11-28 it is a renewal item, and an event in the calendar export.
#[test]
fn a_yearly_duty_comes_due_a_year_later_on_the_board_and_in_the_calendar() {
    use hipaudit::domain::workspace::{Actor, AnswerStatus, Workspace};
    let c = Catalog::builtin();
    let q = c.questions.iter().find(|q| q.has_tag("yearly")).unwrap();
    let mut ws = Workspace::new("Yearly Clinic", "Ana", c, today());
    let actor = Actor {
        name: "Ana".into(),
        now: chrono::NaiveDate::from_ymd_opt(2025, 12, 10)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    ws.set_answer(&q.id, AnswerStatus::Yes, &actor);
    let all = gaps::derive_all(c, &ws, today(), 60);
    let renewal = all.iter().find(|g| g.id == q.id).expect("a renewal item");
    assert_eq!(renewal.kind, gaps::GapKind::Renewal);
    assert_eq!(renewal.due, chrono::NaiveDate::from_ymd_opt(2026, 12, 10));
    let ics =
        String::from_utf8(export_bytes(&ws, ExportFormat::Ics, false, today()).unwrap()).unwrap();
    assert!(ics.contains(&format!("SUMMARY:Renew {}", q.id)), "{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20261210"), "{ics}");
    let csv =
        String::from_utf8(export_bytes(&ws, ExportFormat::Csv, false, today()).unwrap()).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains(&q.id) && l.contains(",renewal,")),
        "{csv}"
    );
}

/// The demo workbook's risk-analysis sheets as text (a row a line, cells tab-separated), so
/// what a reviewer reads in a spreadsheet is pinned like the report.
#[test]
fn golden_workbook_sheets_of_the_risk_analysis() {
    use calamine::{Reader, Xlsx};
    let bytes = export_bytes(&demo(), ExportFormat::Xlsx, false, today()).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in ["Inventory", "Flows", "Risk register"] {
        out.push_str(&format!("== {name}\n"));
        let range = wb.worksheet_range(name).unwrap();
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.to_string().replace(['\t', '\n'], " "))
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    golden("demo-workbook-analysis.tsv", &out);
}

#[test]
fn renaming_the_client_keeps_every_calendar_event_id() {
    use hipaudit::domain::workspace::{Actor, EngagementField};
    let uids = |ws: &Workspace| -> Vec<String> {
        export_bytes(ws, ExportFormat::Ics, false, today())
            .map(|b| String::from_utf8(b).unwrap())
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    let actor = Actor {
        name: "a".into(),
        now: today().and_hms_opt(9, 0, 0).unwrap(),
    };
    // A new workspace (the demo is one) and one written before the id existed.
    let mut old = demo();
    old.uid.clear();
    for mut ws in [demo(), old] {
        let before = uids(&ws);
        assert!(before.len() > 5);
        ws.set_engagement(
            EngagementField::Client("Riverside Family Medicine, PLLC".into()),
            &actor,
        );
        assert_eq!(uids(&ws), before);
    }
}

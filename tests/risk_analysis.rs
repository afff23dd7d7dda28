//! The report's risk analysis part for a small hand-built workspace (`common/analysis.rs`):
//! the part alone pinned as golden files in Markdown, HTML and the Word body, what the
//! document calls itself before and after the analysis is complete, the JSON keys, and the
//! workbook's Inventory, Flows and Risk register sheets read back with calamine.

use std::path::PathBuf;

use hipaudit::domain::workspace::Workspace;
use hipaudit::exchange::export::{ExportFormat, export_bytes};

#[path = "common/analysis.rs"]
mod analysis;
use analysis::{report_day, small};

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

fn export(ws: &Workspace, format: ExportFormat, redact: bool) -> Vec<u8> {
    export_bytes(ws, format, redact, report_day()).unwrap()
}

fn text(ws: &Workspace, format: ExportFormat, redact: bool) -> String {
    String::from_utf8(export(ws, format, redact)).unwrap()
}

/// From `start` to the first `end` after it (or the end).
fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let at = s.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &s[at..];
    let stop = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |i| i + start.len());
    &rest[..stop]
}

fn docx_body(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn golden_risk_analysis_part_in_markdown_html_and_word() {
    let ws = small();
    let md = text(&ws, ExportFormat::Md, false);
    golden(
        "analysis-part.md",
        between(&md, "## Risk analysis\n", "\n## "),
    );
    let html = text(&ws, ExportFormat::Html, false);
    golden(
        "analysis-part.html",
        between(&html, ">Risk analysis</h2>", "</section>"),
    );
    let xml = docx_body(&export(&ws, ExportFormat::Docx, false));
    let heading = "<w:pStyle w:val=\"Heading1\"/>";
    // The part's heading (the contents name it first).
    let at = xml
        .match_indices(">Risk analysis</w:t>")
        .map(|(i, _)| i)
        .find(|&i| xml[xml[..i].rfind("<w:p>").unwrap()..i].contains(heading))
        .expect("the part's heading");
    let start = xml[..at].rfind("<w:p>").unwrap();
    let end = xml[at..]
        .find(heading)
        .map(|i| xml[..at + i].rfind("<w:p>").unwrap())
        .unwrap();
    let part = xml[start..end]
        .replace("</w:p>", "</w:p>\n")
        .replace("</w:tr>", "</w:tr>\n");
    golden("analysis-part.docx.xml", &part);
}

#[test]
fn the_part_follows_ocrs_order_and_shows_each_element() {
    let ws = small();
    let md = text(&ws, ExportFormat::Md, false);
    let part = between(&md, "## Risk analysis\n", "\n## ");
    let order = [
        "### Scope",
        "### Inventory of ePHI",
        "### Data flows",
        "### Method",
        "### Risks by asset",
        "### Risk matrices",
        "### Treatment plan",
        "### Risks accepted",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| part.find(h).unwrap_or_else(|| panic!("{h} missing")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} out of order");
    for needle in [
        "Out of scope, as holding no ePHI: A-03 Guest Wi-Fi.",
        "Cloudchart EHR (BA-01)",
        "Cloudchart EHR → Reference lab",
        "NST-DS-01 (No)",
        "ADM-CP-02/E1 (Backup job log, October)",
        "Likelihood (rows) ＼ Impact (columns)",
        "2026-11-04 — **due for review**",
        "#### A-02 Front-desk workstations (Workstation)",
    ] {
        assert!(part.contains(needle), "{needle} missing:\n{part}");
    }
    // The register's old section is gone: nothing printed twice.
    assert!(!md.contains("## Risk register"));
    assert_eq!(md.matches("#### Inherent risk, as rated").count(), 1);
    // The HTML draws the three grids with their axis titles.
    let html = text(&ws, ExportFormat::Html, false);
    assert_eq!(
        html.matches("<th colspan=\"5\" class=\"axis\">Impact</th>")
            .count(),
        3
    );
    assert_eq!(
        html.matches("class=\"axis side\">Likelihood</th>").count(),
        3
    );
    assert!(!html.contains("HIPAUDIT-"), "every marker replaced");
    // R-01 names two assets: described once, pointed at the second time.
    assert_eq!(part.matches("  - Threat: A phishing email").count(), 1);
    assert!(part.contains("described above"));
}

#[test]
fn the_cover_and_summary_say_gap_assessment_until_the_analysis_is_complete() {
    let mut ws = small();
    ws.risks[0].impact_why.clear();
    let md = text(&ws, ExportFormat::Md, false);
    let cover = md.lines().next().unwrap();
    assert_eq!(
        cover,
        "# HIPAA gap assessment (risk analysis in progress): Lakeside Pediatrics"
    );
    let summary = between(&md, "## Executive summary", "\n## ");
    assert!(
        summary.contains("the risk analysis is in progress"),
        "{summary}"
    );
    assert!(
        summary.contains("- 1 risk without a reason for the likelihood or the impact"),
        "the missing reason is listed: {summary}"
    );
    assert!(md.contains("**Risk analysis in progress**"));
    let html = text(&ws, ExportFormat::Html, false);
    assert!(html.contains(
        "<title>HIPAA gap assessment (risk analysis in progress): Lakeside Pediatrics</title>"
    ));
    // Completed: the other wording, everywhere.
    ws.risks[0].impact_why = "Front-desk work stops".into();
    let md = text(&ws, ExportFormat::Md, false);
    assert_eq!(
        md.lines().next().unwrap(),
        "# HIPAA security risk analysis and gap assessment: Lakeside Pediatrics"
    );
    let summary = between(&md, "## Executive summary", "\n## ");
    assert!(
        summary.contains("**This document is a HIPAA security risk analysis and gap assessment.**")
    );
    assert!(!md.contains("in progress"), "no in-progress wording left");
    let footer = {
        use std::io::Read;
        let bytes = export(&ws, ExportFormat::Docx, false);
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name("word/footer1.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(footer.contains("HIPAA security risk analysis and gap assessment: Lakeside"));
}

#[test]
fn assets_without_risks_and_risks_without_assets_are_said_plainly() {
    let mut ws = small();
    ws.risks[1].assets.clear();
    ws.assets[0].no_risk = String::new();
    let md = text(&ws, ExportFormat::Md, false);
    let part = between(&md, "## Risk analysis\n", "\n## ");
    assert!(part.contains("#### Risks not tied to an asset"), "{part}");
    let r02 = part.find("**R-02**").unwrap();
    assert!(r02 > part.find("#### Risks not tied to an asset").unwrap());
    // A-01 is still named by R-01; the desks lose theirs and get a reason instead.
    ws.risks[0].assets = vec!["A-01".into()];
    ws.assets[1].no_risk = "Thin clients: nothing is stored locally".into();
    let md = text(&ws, ExportFormat::Md, false);
    assert!(md.contains("No significant risk: Thin clients: nothing is stored locally"));
    ws.assets[1].no_risk.clear();
    let md = text(&ws, ExportFormat::Md, false);
    assert!(md.contains("This is a gap in the analysis."));
}

#[test]
fn changes_since_the_last_analysis_list_what_is_still_carried() {
    let mut ws = small();
    let md = text(&ws, ExportFormat::Md, false);
    assert!(!md.contains("Changes since the last analysis"));
    ws.previous = Some(hipaudit::domain::workspace::Previous {
        file: "lakeside-2025.ron".into(),
        started: Some(analysis::day(2025, 11, 3)),
        sha256: "00".repeat(32),
    });
    ws.assets[0].reverify = true;
    ws.risks[1].rerate = true;
    let md = text(&ws, ExportFormat::Md, false);
    let part = between(&md, "### Changes since the last analysis", "\n## ");
    assert!(part.contains("Carried forward from lakeside-2025.ron, started 2025-11-03."));
    assert!(part.contains("- Assets still to re-verify: A-01 Cloudchart EHR."));
    assert!(
        part.contains("- Risks still to re-rate: R-02 Lab results sent to the wrong practice.")
    );
    ws.assets[0].reverify = false;
    ws.risks[1].rerate = false;
    let md = text(&ws, ExportFormat::Md, false);
    assert!(md.contains("Every carried asset and data flow has been confirmed"));
}

#[test]
fn a_redacted_part_hides_asset_notes_and_plans() {
    let ws = small();
    for format in [ExportFormat::Md, ExportFormat::Html, ExportFormat::Json] {
        let out = text(&ws, format, true);
        assert!(!out.contains("Jane Roe"), "{format:?}");
        assert!(!out.contains("removes local admin"), "{format:?}");
    }
    let out = text(&ws, ExportFormat::Md, false);
    assert!(out.contains("Jane Roe") && out.contains("removes local admin"));
}

#[test]
fn the_json_export_has_the_inventory_flows_and_the_analysis() {
    let ws = small();
    let v: serde_json::Value =
        serde_json::from_slice(&export(&ws, ExportFormat::Json, false)).unwrap();
    let p = &v["poam"];
    assert!(
        p["items"].is_array() && p["vendors"].is_array(),
        "old keys kept"
    );
    let inv = p["inventory"].as_array().unwrap();
    assert_eq!(inv.len(), 3);
    let a = &inv[1];
    for key in [
        "id",
        "name",
        "kind",
        "count",
        "location",
        "owner",
        "ephi",
        "records",
        "encrypted_at_rest",
        "encrypted_in_transit",
        "vendor",
        "risks",
        "assessed",
    ] {
        assert!(a.get(key).is_some(), "{key} missing in {a}");
    }
    assert_eq!(a["kind"], "workstation");
    assert_eq!(a["ephi"], serde_json::json!(["create", "maintain"]));
    assert_eq!(a["encrypted_at_rest"], "no");
    assert_eq!(a["risks"], serde_json::json!(["R-01"]));
    assert_eq!(a["assessed"], true);
    assert_eq!(inv[0]["vendor"], "BA-01");
    assert_eq!(inv[0]["records"], 4200);
    assert_eq!(inv[2]["assessed"], false);
    let flow = &p["flows"][0];
    assert_eq!(flow["from"], "A-01");
    assert_eq!(flow["to"], "Reference lab");
    assert_eq!(flow["channel"], "api");
    let an = &p["analysis"];
    assert_eq!(an["complete"], true);
    for key in [
        "assets",
        "assets_unassessed",
        "flows",
        "risks",
        "risks_unrated",
        "untreated_above_threshold",
        "acceptances_due",
    ] {
        assert!(an.get(key).is_some(), "{key} missing in {an}");
    }
    assert_eq!(an["acceptances_due"], serde_json::json!(["ADM-CP-03"]));
}

#[test]
fn the_workbook_has_inventory_flows_and_a_readable_risk_register() {
    use calamine::{Data, Reader, Xlsx};
    let mut ws = small();
    // A threat typed like a formula stays text.
    ws.risks[0].threat = "=HYPERLINK(\"http://x\",\"y\")".into();
    let bytes = export(&ws, ExportFormat::Xlsx, false);
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    for n in ["Inventory", "Flows", "Risk register"] {
        assert!(names.iter().any(|x| x == n), "sheet {n} missing: {names:?}");
    }
    let inv = wb.worksheet_range("Inventory").unwrap();
    let rows: Vec<&[Data]> = inv.rows().collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][0].to_string(), "ID");
    assert_eq!(rows[2][1].to_string(), "Front-desk workstations");
    let flows = wb.worksheet_range("Flows").unwrap();
    let rows: Vec<&[Data]> = flows.rows().collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][1].to_string(), "Cloudchart EHR");
    assert_eq!(rows[1][2].to_string(), "Reference lab");
    let reg = wb.worksheet_range("Risk register").unwrap();
    let rows: Vec<&[Data]> = reg.rows().collect();
    let head: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        head,
        [
            "ID",
            "Risk",
            "Assets",
            "Threat",
            "Vulnerability",
            "Controls observed",
            "L",
            "Likelihood: why",
            "I",
            "Impact: why",
            "Level",
            "Treatment",
            "Rationale",
            "Residual",
            "Owner",
            "Due",
            "Acceptance",
        ]
    );
    assert_eq!(rows.len(), 3, "one row per risk");
    let r1 = rows[1];
    assert_eq!(
        r1[2].to_string(),
        "Front-desk workstations, Cloudchart EHR",
        "assets by name"
    );
    // Text, quoted as the CSV export quotes it, so an edit or a CSV copy cannot run it.
    assert!(matches!(&r1[3], Data::String(s) if s.starts_with("'=HYPERLINK")));
    assert_eq!(r1[6], Data::Float(4.0));
    assert_eq!(r1[10].to_string(), "High");
    assert_eq!(r1[13].to_string(), "Low (6)");
    assert_eq!(r1[14].to_string(), "Northwind IT");
    assert!(rows[2][16].to_string().starts_with("Dr. Maya Chen"));
    let formulas = wb.worksheet_formula("Risk register").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the register"
    );
}

//! Evidence items and the business-associate register through the real binary: add, verify,
//! tamper, delete; expiry on the board and in the calendar; a vendor spreadsheet imported,
//! its gap on the board, and a bad sheet refused whole.

mod common;
use common::run;

use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn new_workspace(dir: &Path) -> PathBuf {
    let p = dir.join("clinic.ron");
    let o = run(
        dir,
        &["new", p.to_str().unwrap(), "--client", "Riverside Clinic"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    p
}

fn json(dir: &Path, args: &[&str]) -> (Output, Vec<serde_json::Value>) {
    let o = run(dir, args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    (o, v.as_array().unwrap().clone())
}

fn states(dir: &Path, ws: &Path, verb: &str) -> (Output, Vec<String>) {
    let (o, items) = json(
        dir,
        &["evidence", ws.to_str().unwrap(), verb, "--format", "json"],
    );
    let s = items
        .iter()
        .map(|i| i["state"].as_str().unwrap().to_string())
        .collect();
    (o, s)
}

#[test]
fn an_added_file_verifies_until_a_byte_changes_or_it_is_deleted() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    std::fs::create_dir(d.path().join("evidence")).unwrap();
    let file = d.path().join("evidence/risk-analysis-2026.pdf");
    std::fs::write(&file, b"%PDF-1.7 risk analysis, signed").unwrap();
    let o = run(
        d.path(),
        &[
            "evidence",
            ws.to_str().unwrap(),
            "add",
            "ADM-SM-02",
            file.to_str().unwrap(),
            "--label",
            "Risk analysis 2026, signed",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (o, items) = json(
        d.path(),
        &[
            "evidence",
            ws.to_str().unwrap(),
            "verify",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(items.len(), 1);
    let it = &items[0];
    assert_eq!(it["id"], "ADM-SM-02");
    assert_eq!(it["label"], "Risk analysis 2026, signed");
    assert_eq!(
        it["file"], "evidence/risk-analysis-2026.pdf",
        "recorded relative to the workspace's folder"
    );
    assert_eq!(it["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(it["collected"], common::TODAY);
    assert_eq!(it["state"], "ok");

    // One byte changed: the proof no longer holds.
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let (o, s) = states(d.path(), &ws, "verify");
    assert_eq!(s, ["changed"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("changed or missing"), "{}", stderr(&o));
    // The table says it too.
    let o = run(d.path(), &["evidence", ws.to_str().unwrap(), "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("changed"), "{}", stdout(&o));
    // Listing re-hashes too: it never calls a changed file ok, and never fails.
    let (o, s) = states(d.path(), &ws, "list");
    assert_eq!(s, ["changed"]);
    assert!(o.status.success());

    std::fs::remove_file(&file).unwrap();
    let (o, s) = states(d.path(), &ws, "verify");
    assert_eq!(s, ["missing"]);
    assert_eq!(o.status.code(), Some(1));
    // Listing looks, but never fails.
    let (o, s) = states(d.path(), &ws, "list");
    assert_eq!(s, ["missing"]);
    assert!(o.status.success());
}

#[test]
fn an_item_expiring_within_the_window_is_listed_on_the_board_and_in_the_calendar() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let file = d.path().join("training-roster.pdf");
    std::fs::write(&file, b"roster").unwrap();
    let o = run(
        d.path(),
        &[
            "evidence",
            ws.to_str().unwrap(),
            "add",
            "ADM-AT-06",
            file.to_str().unwrap(),
            "--label",
            "Training roster",
            "--collected",
            "2026-01-20",
            "--expires",
            "+1y",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (o, s) = states(d.path(), &ws, "verify");
    assert!(o.status.success(), "expiring is not a failure");
    assert_eq!(s, ["expiring"]);
    let (_, gaps) = json(
        d.path(),
        &["gaps", ws.to_str().unwrap(), "--format", "json"],
    );
    let item = gaps
        .iter()
        .find(|g| g["kind"] == "evidence")
        .expect("on the board");
    assert_eq!(item["id"], "ADM-AT-06/E1");
    assert_eq!(item["due"], "2027-01-20");
    let ics = d.path().join("deadlines.ics");
    let o = run(
        d.path(),
        &[
            "export",
            ws.to_str().unwrap(),
            "--format",
            "ics",
            "-o",
            ics.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&ics).unwrap().replace("\r\n ", "");
    assert!(text.contains("Training roster"), "{text}");
    assert!(text.contains("20270120"), "{text}");
}

#[test]
fn evidence_add_refuses_unknown_ids_fifos_and_bad_dates_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let before = std::fs::read(&ws).unwrap();
    let file = d.path().join("x.pdf");
    std::fs::write(&file, b"x").unwrap();
    let fifo = d.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (args, expect, code) in [
        (
            vec!["NOPE-01", file.to_str().unwrap()],
            "no such question",
            1,
        ),
        (
            vec!["ADM-SM-02", fifo.to_str().unwrap()],
            "not a regular file",
            1,
        ),
        // A value that is no date at all is a usage error (2), like any bad value.
        (
            vec!["ADM-SM-02", file.to_str().unwrap(), "--expires", "soon"],
            "--expires",
            2,
        ),
        (vec!["ADM-SM-02", "missing.pdf"], "no such file", 1),
        (
            vec![
                "ADM-SM-02",
                file.to_str().unwrap(),
                "--collected",
                "2027-05-01",
            ],
            "after today",
            1,
        ),
    ] {
        let mut all = vec!["evidence", ws.to_str().unwrap(), "add"];
        all.extend(args);
        let o = run(d.path(), &all);
        assert_eq!(o.status.code(), Some(code), "{all:?}");
        assert!(stderr(&o).contains(expect), "{all:?}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read(&ws).unwrap(), before, "nothing was written");
}

const FIVE_VENDORS: &str = "\
name,service,phi,contact,baa_signed,baa_expires,subcontractor,notes
Northwind IT,managed IT,\"receive, maintain, transmit\",ops@northwind.example,2024-02-01,2028-02-01,no,
ClearPath Billing,billing,yes,,2023-12-15,2026-12-31,no,renewal in review
SwiftScribe,transcription,create; receive,,,,no,no BAA found
Harbor Shredding,shredding,receive,,2025-06-01,,no,
Brightline Cleaning,cleaning,no,,,,no,
";

#[test]
fn a_vendor_sheet_imports_and_the_vendor_without_a_baa_is_a_gap() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let csv = d.path().join("vendors.csv");
    std::fs::write(&csv, FIVE_VENDORS).unwrap();
    // A dry run shows the five and writes nothing.
    let before = std::fs::read(&ws).unwrap();
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            csv.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("5 changes from 5 rows (dry run"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, vendors) = json(
        d.path(),
        &["vendors", ws.to_str().unwrap(), "--format", "json"],
    );
    let states: Vec<(&str, &str)> = vendors
        .iter()
        .map(|v| (v["name"].as_str().unwrap(), v["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("Northwind IT", "ok"),
            ("ClearPath Billing", "expiring"),
            ("SwiftScribe", "missing"),
            ("Harbor Shredding", "ok"),
            ("Brightline Cleaning", "not-needed"),
        ]
    );
    for key in ["service", "phi", "baa_signed", "baa_expires"] {
        assert!(vendors[0].get(key).is_some(), "{key}");
    }
    assert_eq!(vendors[2]["phi"], true);
    assert!(vendors[2]["baa_signed"].is_null());
    let (_, gaps) = json(
        d.path(),
        &["gaps", ws.to_str().unwrap(), "--format", "json"],
    );
    let vendor_gaps: Vec<&str> = gaps
        .iter()
        .filter(|g| g["kind"] == "vendor")
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert!(vendor_gaps.contains(&"BA-03"), "{vendor_gaps:?}");
    assert!(!vendor_gaps.contains(&"BA-05"), "no PHI, no gap");
    // The same sheet again changes nothing: names match the register.
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            csv.to_str().unwrap(),
        ],
    );
    assert!(
        stdout(&o).contains("0 changes from 5 rows"),
        "{}",
        stdout(&o)
    );
    // The CSV listing imports again.
    let o = run(
        d.path(),
        &["vendors", ws.to_str().unwrap(), "--format", "csv"],
    );
    let again = d.path().join("again.csv");
    std::fs::write(&again, &o.stdout).unwrap();
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            again.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_malformed_vendor_row_rejects_the_sheet_with_its_line_and_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let before = std::fs::read(&ws).unwrap();
    let bad = FIVE_VENDORS.replace("2025-06-01", "2025-06-31");
    let csv = d.path().join("vendors.csv");
    std::fs::write(&csv, bad).unwrap();
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("vendors.csv:5: baa_signed"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    // Saved from Excel (CRLF line ends): the same line.
    std::fs::write(
        &csv,
        FIVE_VENDORS
            .replace("2025-06-01", "2025-06-31")
            .replace('\n', "\r\n"),
    )
    .unwrap();
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            csv.to_str().unwrap(),
        ],
    );
    assert!(
        stderr(&o).contains("vendors.csv:5: baa_signed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    // A spreadsheet formula in a name stays text in the listing (quoted as RFC 4180 wants:
    // a bare quote inside a field is refused).
    let evil = "name,phi\n\"=HYPERLINK(\"\"http://x\"\")\",no\n";
    std::fs::write(&csv, evil).unwrap();
    let o = run(
        d.path(),
        &[
            "vendors",
            ws.to_str().unwrap(),
            "--import",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        d.path(),
        &["vendors", ws.to_str().unwrap(), "--format", "csv"],
    );
    assert!(stdout(&o).contains("'=HYPERLINK"), "{}", stdout(&o));
}

#[test]
fn the_client_ticks_the_request_list_and_import_requests_takes_it_back() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let csv = d.path().join("requests.csv");
    let o = run(
        d.path(),
        &[
            "export",
            ws.to_str().unwrap(),
            "--format",
            "requests",
            "--as",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sheet = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<String> = sheet.lines().map(str::to_string).collect();
    assert_eq!(lines[0], "area,section,item,questions,received");
    assert!(lines.len() > 20);
    // The client marks two rows: one today, one with a date.
    let first_item = {
        let mut r = csv::Reader::from_reader(sheet.as_bytes());
        r.records().next().unwrap().unwrap()[2].to_string()
    };
    lines[1].push_str("yes");
    lines[2].push_str("2026-11-20");
    std::fs::write(&csv, lines.join("\n")).unwrap();
    let o = run(
        d.path(),
        &[
            "import",
            ws.to_str().unwrap(),
            "--requests",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 request items changed"),
        "{}",
        stdout(&o)
    );
    let md = d.path().join("requests.md");
    let o = run(
        d.path(),
        &[
            "export",
            ws.to_str().unwrap(),
            "--format",
            "requests",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&md).unwrap();
    let ticked: Vec<&str> = text.lines().filter(|l| l.starts_with("- [x]")).collect();
    assert_eq!(ticked.len(), 2, "{text}");
    assert!(
        ticked[0].ends_with(&format!("received {}", common::TODAY)),
        "{}",
        ticked[0]
    );
    assert!(ticked[0].contains(first_item.trim_end_matches('.')) || !first_item.is_empty());
    assert!(ticked[1].ends_with("received 2026-11-20"));
    // An item the list does not have rejects the sheet with its line; nothing changes.
    let before = std::fs::read(&ws).unwrap();
    std::fs::write(&csv, "item,received\nA unicorn,yes\n").unwrap();
    let o = run(
        d.path(),
        &[
            "import",
            ws.to_str().unwrap(),
            "--requests",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(":2: item 'A unicorn' is not on the request list"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&ws).unwrap(), before);
}

#[test]
fn a_vendor_sheet_updates_only_the_cells_it_fills_in_and_its_listing_reimports_unchanged() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let w = ws.to_str().unwrap();
    let csv = d.path().join("v.csv");
    let import = |text: &str| {
        std::fs::write(&csv, text).unwrap();
        run(d.path(), &["vendors", w, "--import", csv.to_str().unwrap()])
    };
    let o = import(
        "name,service,phi,baa_signed,baa_expires,notes\nCloudFax Inc,e-fax,\"receive, transmit\",2025-11-15,2027-11-15,Renewal call in Q3\n\u{1b}[31mRED Vendor,paint,no,,,\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // A later sheet with fewer columns and empty cells, the name in other case.
    let o = import("name,phi,baa_signed,notes\ncloudfax inc,yes,2026-11-20,\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("BA-01: updated CloudFax Inc"),
        "{}",
        stdout(&o)
    );
    let (_, rows) = json(d.path(), &["vendors", w, "--format", "json"]);
    let v = &rows[0];
    assert_eq!(
        v["name"], "CloudFax Inc",
        "matched by name: its spelling stays"
    );
    assert_eq!(v["service"], "e-fax", "a missing column changes nothing");
    assert_eq!(
        v["baa_signed"], "2026-11-20",
        "a filled-in cell changes its field"
    );
    assert_eq!(v["baa_expires"], "2027-11-15");
    assert_eq!(
        v["phi_uses"],
        serde_json::json!(["receive", "transmit"]),
        "a bare yes keeps the uses"
    );
    let (ws_now, _) = hipaudit::io::store::load(&ws).unwrap();
    assert_eq!(
        ws_now.vendors[0].notes, "Renewal call in Q3",
        "an empty cell changes nothing"
    );
    // Matched by id, a row renames.
    let o = import("id,name\nBA-01,CloudFax Incorporated\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        hipaudit::io::store::load(&ws).unwrap().0.vendors[0].name,
        "CloudFax Incorporated"
    );
    // The CSV listing (control characters shown as text) imports back as no change.
    let o = run(d.path(), &["vendors", w, "--format", "csv"]);
    let listing = stdout(&o);
    assert!(
        listing.contains("\\u001b[31mRED Vendor") || listing.contains("RED Vendor"),
        "{listing}"
    );
    let before = std::fs::read(&ws).unwrap();
    let o = import(&listing);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("0 changes"), "{}", stdout(&o));
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    // A BAA signed after today is refused with its line.
    let o = import("name,phi,baa_signed\nNew Co,yes,2030-01-01\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("v.csv:2: baa_signed 2030-01-01 is after today"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_expired_baa_is_overdue_on_the_board_and_in_the_calendar() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let csv = d.path().join("vendors.csv");
    std::fs::write(
        &csv,
        "name,service,phi,contact,baa_signed,baa_expires,subcontractor,notes\n\
         Lapsed Labs,lab results,yes,,2023-11-01,2026-11-01,no,\n",
    )
    .unwrap();
    let w = ws.to_str().unwrap();
    let o = run(d.path(), &["vendors", w, "--import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, overdue) = json(d.path(), &["gaps", w, "--overdue", "--format", "json"]);
    let ba: Vec<_> = overdue
        .iter()
        .filter(|g| g["id"].as_str() == Some("BA-01"))
        .collect();
    assert_eq!(ba.len(), 1, "the expired BAA is overdue: {overdue:?}");
    assert_eq!(
        ba[0]["due"].as_str(),
        Some("2026-11-01"),
        "due from its expiry"
    );
    let o = run(d.path(), &["export", w, "--format", "ics", "-o", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ics = stdout(&o);
    assert!(ics.contains("DTSTART;VALUE=DATE:20261101"), "{ics}");
    assert!(ics.contains("Lapsed Labs"), "{ics}");
}

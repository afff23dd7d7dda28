//! `hipaudit inventory` and `hipaudit analysis` through the real binary: an RMM export (BOM,
//! CRLF, its own column order, vendors by name) imported whole, every bad sheet refused whole
//! with FILE:LINE and what is accepted, hostile names shown inert, and the analysis's state
//! from a fresh workspace to a complete one.

mod common;
use common::{hipaudit, run};

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    stdout(&o)
}

/// A new workspace with two vendors in its register (BA-01 Northwind IT, BA-02 CloudChart).
fn workspace(dir: &Path) -> PathBuf {
    let p = dir.join("w.ron");
    ok(run(
        dir,
        &["new", p.to_str().unwrap(), "--client", "Riverside"],
    ));
    let v = dir.join("vendors.csv");
    std::fs::write(
        &v,
        "name,service,phi\nNorthwind IT,managed IT,yes\nCloudChart Inc.,EHR hosting,yes\n",
    )
    .unwrap();
    ok(run(
        dir,
        &[
            "vendors",
            p.to_str().unwrap(),
            "--import",
            v.to_str().unwrap(),
        ],
    ));
    p
}

fn inventory(dir: &Path, ws: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["inventory", ws.to_str().unwrap()];
    args.extend(extra);
    run(dir, &args)
}

fn import(dir: &Path, ws: &Path, sheet: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--import", sheet.to_str().unwrap()];
    args.extend(extra);
    inventory(dir, ws, &args)
}

fn json(o: Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// What an RMM tool's export looks like once trimmed to the inventory's columns: Excel's BOM
/// and CRLF, headers in its own order and case, a vendor by name, a count with a separator.
const RMM: &str = "\u{feff}Name,Owner,Kind,EPHI,Count,Records,Location,Vendor,Encrypted_At_Rest,Encrypted_In_Transit,Notes\r\n\
    CloudChart EHR,Practice manager,ehr,\"create, receive, maintain, transmit\",1,\"12,000\",Hosted,cloudchart inc.,yes,yes,\r\n\
    Front desk workstations,Office manager,workstation,maintain,8,,Front desk,BA-01,partial,yes,Windows 11; BitLocker on 5 of 8\r\n\
    Exam room laptops,Dr. Osei,laptop,maintain transmit,\"1,000\",,Exam rooms,,no,yes,\r\n\
    Guest Wi-Fi,,network,none,,,Lobby,,unknown,unknown,\"isolated VLAN, no ePHI\"\r\n";

#[test]
fn an_rmm_export_imports_whole_and_lists_with_new_ids() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let sheet = d.path().join("rmm.csv");
    std::fs::write(&sheet, RMM).unwrap();
    let out = ok(import(d.path(), &ws, &sheet, &[]));
    assert!(
        out.contains("A-01: added CloudChart EHR") && out.contains("A-04: added Guest Wi-Fi"),
        "{out}"
    );
    assert!(out.contains("4 assets added to"), "{out}");
    let v = json(inventory(d.path(), &ws, &["--format", "json"]));
    let a = v.as_array().unwrap();
    let ids: Vec<&str> = a.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["A-01", "A-02", "A-03", "A-04"]);
    let ehr = &a[0];
    assert_eq!(ehr["name"], "CloudChart EHR");
    assert_eq!(ehr["kind"], "ehr");
    assert_eq!(ehr["count"], 1);
    assert_eq!(ehr["owner"], "Practice manager");
    assert_eq!(
        ehr["ephi"],
        serde_json::json!(["create", "receive", "maintain", "transmit"])
    );
    assert_eq!(ehr["records"], 12_000);
    assert_eq!(ehr["encrypted_at_rest"], "yes");
    assert_eq!(ehr["vendor"], "BA-02", "named by name, stored by id");
    assert_eq!(ehr["risks"], serde_json::json!([]));
    assert_eq!(ehr["assessed"], false);
    assert_eq!(a[1]["count"], 8);
    assert_eq!(a[1]["vendor"], "BA-01");
    assert_eq!(a[1]["encrypted_at_rest"], "partial");
    assert_eq!(a[2]["count"], 1000);
    assert_eq!(a[2]["vendor"], Value::Null);
    assert_eq!(a[2]["records"], Value::Null);
    assert_eq!(a[3]["ephi"], serde_json::json!([]));
    assert_eq!(a[3]["location"], "Lobby");
    // The table, for people; each add is in the log under the person who ran it.
    let table = ok(inventory(d.path(), &ws, &[]));
    assert!(table.lines().next().unwrap().starts_with("id "), "{table}");
    assert!(
        table.contains("4 assets, 3 holding ePHI; 3 of those not yet assessed"),
        "{table}"
    );
    let log = ok(run(
        d.path(),
        &["log", ws.to_str().unwrap(), "--id", "A-03"],
    ));
    assert!(
        log.contains("tester") && log.contains("Exam room laptops"),
        "{log}"
    );
}

#[test]
fn the_csv_listing_imports_into_another_workspace_as_the_same_assets() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let sheet = d.path().join("rmm.csv");
    std::fs::write(&sheet, RMM).unwrap();
    ok(import(d.path(), &ws, &sheet, &[]));
    let listing = ok(inventory(d.path(), &ws, &["--format", "csv"]));
    assert!(
        listing.starts_with("id,name,kind,count,location,owner,ephi,records,encrypted_at_rest,encrypted_in_transit,vendor,notes,risks,assessed\n"),
        "{listing}"
    );
    let e = tempfile::tempdir().unwrap();
    let other = workspace(e.path());
    let again = e.path().join("listing.csv");
    std::fs::write(&again, &listing).unwrap();
    ok(import(e.path(), &other, &again, &[]));
    assert_eq!(
        json(inventory(d.path(), &ws, &["--format", "json"])),
        json(inventory(e.path(), &other, &["--format", "json"]))
    );
}

#[test]
fn a_dry_run_lists_what_would_be_added_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let sheet = d.path().join("rmm.csv");
    std::fs::write(&sheet, RMM).unwrap();
    let before = std::fs::read(&ws).unwrap();
    let out = ok(import(d.path(), &ws, &sheet, &["--dry-run"]));
    assert!(out.contains("A-02: added Front desk workstations"), "{out}");
    assert!(out.contains("dry run: nothing written"), "{out}");
    assert_eq!(std::fs::read(&ws).unwrap(), before, "not one byte changed");
    for cmd in ["inventory", "analysis"] {
        assert!(!ok(run(d.path(), &[cmd, "--help"])).is_empty());
    }
    let o = inventory(d.path(), &ws, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(2), "--dry-run needs --import");
}

#[test]
fn every_bad_sheet_is_refused_whole_with_its_line_and_what_is_accepted() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let first = d.path().join("first.csv");
    std::fs::write(&first, "name,kind\nServer closet NAS,server\n").unwrap();
    ok(import(d.path(), &ws, &first, &[]));
    let header = "name,kind,count,ephi,records,encrypted_at_rest,encrypted_in_transit,vendor";
    let good = "Reception PC,workstation,1,maintain,,yes,yes,BA-01";
    let cases: [(&str, &str, &[&str]); 10] = [
        (
            "an unknown kind",
            "Fridge,toaster,,,,,,",
            &["kind 'toaster'", "ehr, server", "fax-phone, other"],
        ),
        (
            "an unknown encryption",
            "Fridge,other,,,,maybe,,",
            &["encrypted_at_rest 'maybe'", "yes, no, partial, unknown"],
        ),
        (
            "an unknown ephi word",
            "Fridge,other,,stores,,,,",
            &["stores", "create, receive, maintain, transmit"],
        ),
        (
            "a count of zero",
            "Fridge,other,0,,,,,",
            &["count '0'", "whole number of 1 or more"],
        ),
        (
            "a records value with a decimal",
            "Fridge,other,,,12.5,,,",
            &["records '12.5'", "whole number"],
        ),
        ("an empty name", ",other,,,,,,", &["name is empty"]),
        (
            "a name given twice",
            "reception pc,other,,,,,,",
            &["also on line 2"],
        ),
        (
            "a name already in the inventory",
            "SERVER CLOSET NAS,server,,,,,,",
            &["already in the inventory as A-01"],
        ),
        (
            "an unknown vendor",
            "Fridge,other,,,,,,Acme Shredding",
            &["vendor 'Acme Shredding'", "BA-01 (Northwind IT)", "BA-02"],
        ),
        (
            "a vendor id not in the register",
            "Fridge,other,,,,,,BA-09",
            &["vendor 'BA-09'", "BA-01"],
        ),
    ];
    let sheet = d.path().join("in.csv");
    for (what, row, words) in cases {
        std::fs::write(&sheet, format!("{header}\n{good}\n{row}\n")).unwrap();
        let before = std::fs::read(&ws).unwrap();
        let o = import(d.path(), &ws, &sheet, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what} was taken: {}", stdout(&o));
        assert!(err.contains("in.csv:3: "), "{what}: {err}");
        for w in words {
            assert!(err.contains(w), "{what}: no {w:?} in {err}");
        }
        assert!(err.contains("nothing was changed"), "{what}: {err}");
        assert!(
            !err.contains("in.csv:2:"),
            "{what}: the good row is fine: {err}"
        );
        assert_eq!(
            std::fs::read(&ws).unwrap(),
            before,
            "{what} changed the file"
        );
    }
    // The reader every import shares: a stray quote is refused with its line too.
    std::fs::write(&sheet, format!("{header}\n{good}\nFr\"idge,other,,,,,,\n")).unwrap();
    let o = import(d.path(), &ws, &sheet, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("in.csv:3: a stray quote"),
        "{}",
        stderr(&o)
    );
    // An unknown column names itself and the accepted ones.
    std::fs::write(&sheet, "name,colour\nFridge,white\n").unwrap();
    let o = import(d.path(), &ws, &sheet, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("in.csv:1: unknown column 'colour'")
            && err.contains("name, kind, count, location, owner, ephi, records"),
        "{err}"
    );
}

#[test]
fn every_bad_line_is_reported_up_to_twenty_and_the_rest_counted() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let sheet = d.path().join("in.csv");
    let mut text = "name,kind\n".to_string();
    for i in 0..30 {
        text.push_str(&format!("Thing {i},toaster\n"));
    }
    std::fs::write(&sheet, text).unwrap();
    let before = std::fs::read(&ws).unwrap();
    let o = import(d.path(), &ws, &sheet, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("in.csv:2: ") && err.contains("in.csv:21: "),
        "{err}"
    );
    assert!(!err.contains("in.csv:22: "), "{err}");
    assert!(err.contains("10 more problems"), "{err}");
    assert_eq!(std::fs::read(&ws).unwrap(), before);
}

#[test]
fn hostile_names_are_shown_inert_and_formulas_kept_text() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let sheet = d.path().join("in.csv");
    std::fs::write(
        &sheet,
        "name,kind,ephi\n\"\u{1b}[31mRed PC\",workstation,maintain\n\"Evil\u{202e}cod.exe\",server,\n\"=HYPERLINK(\"\"http://x.test\"\",\"\"open\"\")\",cloud,\n",
    )
    .unwrap();
    ok(import(d.path(), &ws, &sheet, &[]));
    let table = ok(inventory(d.path(), &ws, &[]));
    let csv = ok(inventory(d.path(), &ws, &["--format", "csv"]));
    for (what, out) in [("table", &table), ("csv", &csv)] {
        assert!(!out.contains('\u{1b}'), "{what}: {out:?}");
        assert!(!out.contains('\u{202e}'), "{what}: {out:?}");
        assert!(
            out.contains("Red PC") && out.contains("cod.exe"),
            "{what}: {out}"
        );
    }
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(!csv.lines().any(|l| l.contains(",=HYPERLINK")), "{csv}");
    // The table's columns hold: up to the last column, every row as wide as the header.
    let widths: Vec<usize> = table
        .lines()
        .take(4)
        .map(|l| hipaudit::domain::text::width(l.trim_end().rsplit_once(' ').unwrap().0))
        .collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "{widths:?}\n{table}"
    );
}

#[test]
fn an_empty_inventory_says_so() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let table = ok(inventory(d.path(), &ws, &[]));
    assert!(table.contains("no ePHI inventory yet"), "{table}");
    assert_eq!(
        json(inventory(d.path(), &ws, &["--format", "json"])),
        serde_json::json!([])
    );
    let csv = ok(inventory(d.path(), &ws, &["--format", "csv"]));
    assert_eq!(csv.lines().count(), 1, "the header alone: {csv}");
    // An empty sheet adds nothing and writes nothing.
    let sheet = d.path().join("in.csv");
    std::fs::write(&sheet, "name,kind\n").unwrap();
    let before = std::fs::read(&ws).unwrap();
    let out = ok(import(d.path(), &ws, &sheet, &[]));
    assert!(out.contains("0 assets added"), "{out}");
    assert_eq!(std::fs::read(&ws).unwrap(), before);
}

fn analysis(dir: &Path, ws: &Path, format: &str) -> Output {
    run(dir, &["analysis", ws.to_str().unwrap(), "--format", format])
}

#[test]
fn a_fresh_workspace_has_an_analysis_in_progress() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let v = json(analysis(d.path(), &ws, "json"));
    assert_eq!(v["complete"], false);
    assert_eq!(v["assets"], 0);
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        missing.iter().any(|m| m.contains("no asset holding ePHI")),
        "{missing:?}"
    );
    for key in [
        "assets_unassessed",
        "risks_unrated",
        "untreated_above_threshold",
        "acceptances_due",
        "assets_to_reverify",
    ] {
        assert!(v[key].is_array(), "{key}: {v}");
    }
    for key in ["flows", "risks", "ephi_assets"] {
        assert!(v[key].is_number(), "{key}: {v}");
    }
    let table = ok(analysis(d.path(), &ws, "table"));
    assert!(table.starts_with("Risk analysis: in progress\n"), "{table}");
    assert!(table.contains("  - no asset holding ePHI"), "{table}");
    let o = analysis(d.path(), &ws, "csv");
    assert_eq!(o.status.code(), Some(2), "analysis has no csv");
}

#[test]
fn an_analysis_built_to_completion_says_complete_and_lists_acceptances_due() {
    use hipaudit::domain::analysis::Acceptance;
    use hipaudit::domain::inventory::Flow;
    use hipaudit::domain::rating::Rating;
    use hipaudit::domain::status::Treatment;
    use hipaudit::domain::workspace::{Actor, RiskEntry};
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path());
    let sheet = d.path().join("rmm.csv");
    std::fs::write(&sheet, RMM).unwrap();
    ok(import(d.path(), &ws, &sheet, &[]));
    let v = json(analysis(d.path(), &ws, "json"));
    assert_eq!(v["complete"], false);
    assert_eq!(
        v["assets_unassessed"],
        serde_json::json!(["A-01", "A-02", "A-03"])
    );

    // The rest of the analysis, as the app would record it.
    let (mut w, _) = hipaudit::io::store::load(&ws).unwrap();
    let actor = Actor {
        name: "tester".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    w.add_flow(
        Flow {
            from: "A-01".into(),
            to: "Reference lab".into(),
            data: "lab orders and results".into(),
            ..Flow::default()
        },
        &actor,
    );
    let rated = |title: &str, assets: &[&str]| RiskEntry {
        title: title.into(),
        assets: assets.iter().map(|a| a.to_string()).collect(),
        likelihood: Rating::LOW,
        impact: Rating::LOW,
        likelihood_why: "no incident in five years".into(),
        impact_why: "a few records at most".into(),
        ..RiskEntry::default()
    };
    w.add_risk(rated("Workstation left unlocked", &["A-02"]), &actor);
    w.add_risk(
        RiskEntry {
            treatment: Treatment::Accept,
            acceptance: Some(Acceptance {
                by: "Dana Lee".into(),
                role: "Practice owner".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 10, 1),
                rationale: "the vendor's controls suffice".into(),
                review_by: chrono::NaiveDate::from_ymd_opt(2026, 10, 1),
            }),
            ..rated("EHR vendor outage", &["A-01"])
        },
        &actor,
    );
    let mut laptops = w.asset("A-03").unwrap().clone();
    laptops.no_risk = "full-disk encryption, verified in the RMM".into();
    w.update_asset(laptops, &actor);
    hipaudit::io::store::save(&ws, &w).unwrap();

    let v = json(analysis(d.path(), &ws, "json"));
    assert_eq!(v["complete"], true, "{v}");
    assert_eq!(v["missing"], serde_json::json!([]));
    assert_eq!(v["acceptances_due"], serde_json::json!(["R-02"]));
    let table = ok(analysis(d.path(), &ws, "table"));
    assert!(table.starts_with("Risk analysis: complete\n"), "{table}");
    assert!(
        table.contains("4 assets (3 holding ePHI), 1 data flow, 2 risks"),
        "{table}"
    );
    assert!(
        table.contains("R-02 (review by 2026-10-01, accepted by Dana Lee)"),
        "{table}"
    );
    let inv = json(inventory(d.path(), &ws, &["--format", "json"]));
    assert_eq!(inv[0]["risks"], serde_json::json!(["R-02"]));
    assert_eq!(
        inv[2]["assessed"], true,
        "a reason why no risk is significant"
    );
}

#[test]
fn both_commands_work_on_an_encrypted_workspace() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("enc.ron");
    let cmd = |args: &[&str]| {
        hipaudit(d.path())
            .env("HIPAUDIT_PASSPHRASE", "correct horse battery staple")
            .env("HIPAUDIT_KDF_LOG_N", "10")
            .args(args)
            .output()
            .unwrap()
    };
    ok(cmd(&[
        "new",
        p.to_str().unwrap(),
        "--client",
        "Riverside",
        "--encrypt",
    ]));
    let sheet = d.path().join("in.csv");
    std::fs::write(&sheet, "name,kind,ephi\nCloudChart EHR,ehr,maintain\n").unwrap();
    ok(cmd(&[
        "inventory",
        p.to_str().unwrap(),
        "--import",
        sheet.to_str().unwrap(),
    ]));
    assert!(
        !String::from_utf8_lossy(&std::fs::read(&p).unwrap()).contains("CloudChart"),
        "still encrypted"
    );
    let v: Value = serde_json::from_str(&ok(cmd(&[
        "inventory",
        p.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(v[0]["id"], "A-01");
    let s: Value = serde_json::from_str(&ok(cmd(&[
        "analysis",
        p.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(s["ephi_assets"], 1);
}

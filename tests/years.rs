//! Year over year through the real binary: `new --from`, `diff`, and a CSV import between.

mod common;
use common::run;

use std::collections::BTreeSet;
use std::path::PathBuf;

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::gaps;
use hipaudit::domain::workspace::{AnswerStatus, Workspace};
use hipaudit::io::store;

fn load(p: &std::path::Path) -> Workspace {
    store::load(p).unwrap().0
}

fn diff_json(
    home: &std::path::Path,
    a: &std::path::Path,
    b: &std::path::Path,
) -> serde_json::Value {
    let o = run(
        home,
        &[
            "diff",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn ids(v: &serde_json::Value, key: &str) -> BTreeSet<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn new_from_the_demo_carries_everything_then_diff_and_an_import_tell_what_changed() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let demo = home.join("demo.ron");
    std::fs::write(&demo, hipaudit::io::paths::DEMO).unwrap();
    let before = std::fs::read(&demo).unwrap();
    let next = home.join("next.ron");
    let o = run(
        home,
        &[
            "new",
            next.to_str().unwrap(),
            "--from",
            demo.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("to re-verify"));
    // The source gains the record that it was carried, and nothing else: its bytes are the
    // demo's own with that record added.
    let mut expected = store::from_ron(std::str::from_utf8(&before).unwrap(), &demo).unwrap();
    assert_eq!(store::to_ron(&expected).as_bytes(), &before[..]);
    expected.carried_into = Some(hipaudit::domain::carry::CarriedInto {
        file: "next.ron".into(),
        on: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    });
    assert_eq!(
        String::from_utf8(std::fs::read(&demo).unwrap()).unwrap(),
        store::to_ron(&expected),
        "the source records where it was carried, its content otherwise unchanged"
    );

    let (old, new) = (load(&demo), load(&next));
    let c = Catalog::builtin();
    for (id, a) in old
        .answers
        .iter()
        .filter(|(_, a)| a.status != AnswerStatus::Unanswered)
    {
        assert_eq!(new.status(id), a.status, "{id}");
        assert!(new.to_reverify(id), "{id} is not marked to re-verify");
    }
    let old_gaps = gaps::derive(c, &old);
    let new_gaps = gaps::derive(c, &new);
    for g in old_gaps.iter().filter(|g| !g.status.is_closed()) {
        let n = new_gaps
            .iter()
            .find(|x| x.id == g.id)
            .expect("open gap carried");
        assert_eq!((&n.owner, n.due), (&g.owner, g.due), "{}", g.id);
    }
    for g in old_gaps.iter().filter(|g| g.status.is_closed()) {
        let n = new_gaps.iter().find(|x| x.id == g.id);
        assert!(
            n.is_none_or(|n| n.status.is_closed() && n.owner.is_empty()),
            "{}",
            g.id
        );
    }
    let p = new.previous.as_ref().unwrap();
    assert_eq!(p.file, "demo.ron");
    assert_eq!(p.sha256.len(), 64);

    // Nothing changed yet.
    let v = diff_json(home, &demo, &next);
    for key in ["improved", "regressed", "gaps_closed", "gaps_new"] {
        assert!(ids(&v, key).is_empty(), "{key}: {v}");
    }
    for key in ["assets_added", "assets_removed"] {
        assert_eq!(v[key], serde_json::json!([]), "{key}: {v}");
    }
    assert_eq!(v["areas"].as_array().unwrap().len(), 4);

    // Flip two answers by CSV: an open gap answered Yes, a Yes answered No.
    let fixed = old_gaps
        .iter()
        .find(|g| !g.status.is_closed() && g.answer == Some(AnswerStatus::No))
        .unwrap()
        .id
        .clone();
    let broke = old
        .answers
        .iter()
        .find(|(id, a)| a.status == AnswerStatus::Yes && c.get(id).is_some())
        .unwrap()
        .0
        .clone();
    let csv = home.join("flip.csv");
    std::fs::write(&csv, format!("id,answer\n{fixed},yes\n{broke},no\n")).unwrap();
    let o = run(
        home,
        &[
            "import",
            next.to_str().unwrap(),
            "--from",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = diff_json(home, &demo, &next);
    assert_eq!(ids(&v, "improved"), BTreeSet::from([fixed.clone()]));
    assert_eq!(ids(&v, "regressed"), BTreeSet::from([broke.clone()]));
    assert_eq!(ids(&v, "gaps_closed"), BTreeSet::from([fixed.clone()]));
    assert_eq!(ids(&v, "gaps_new"), BTreeSet::from([broke.clone()]));
    // The two are no longer waiting to be re-verified; the others still are.
    let new = load(&next);
    assert!(!new.to_reverify(&fixed) && !new.to_reverify(&broke));
    // Markdown and the report's section come from the same comparison.
    let o = run(
        home,
        &[
            "diff",
            demo.to_str().unwrap(),
            next.to_str().unwrap(),
            "--format",
            "md",
        ],
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.contains("## Improved (1)") && md.contains(&fixed),
        "{md}"
    );
    let report = home.join("r.md");
    let o = run(
        home,
        &[
            "export",
            next.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = std::fs::read_to_string(report).unwrap();
    assert!(report.contains("### Since the last assessment"), "{report}");
    assert!(report.contains("still to re-verify"), "{report}");
    assert!(report.contains("#### Regressed (1)"), "{report}");
}

#[test]
fn diff_names_the_inventory_assets_added_and_removed_in_every_format() {
    use hipaudit::domain::inventory::{Asset, AssetKind};
    use hipaudit::domain::workspace::Actor;
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let demo = home.join("demo.ron");
    std::fs::write(&demo, hipaudit::io::paths::DEMO).unwrap();
    let mut ws = load(&demo);
    let actor = Actor {
        name: "a".into(),
        now: chrono::NaiveDate::from_ymd_opt(2027, 11, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    let gone = ws.assets.last().unwrap().clone();
    ws.delete_asset(&gone.id, &actor).unwrap();
    let added = ws.add_asset(
        Asset {
            name: "Intake tablets".into(),
            kind: AssetKind::Mobile,
            count: 2,
            ..Asset::default()
        },
        &actor,
    );
    let next = home.join("next.ron");
    store::save(&next, &ws).unwrap();
    let v = diff_json(home, &demo, &next);
    assert_eq!(
        v["assets_added"],
        serde_json::json!([{"id": added, "name": "Intake tablets"}]),
        "{v}"
    );
    assert_eq!(
        v["assets_removed"],
        serde_json::json!([{"id": gone.id, "name": gone.name}]),
        "{v}"
    );
    let out = |format: &str| {
        let o = run(
            home,
            &[
                "diff",
                demo.to_str().unwrap(),
                next.to_str().unwrap(),
                "--format",
                format,
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let table = out("table");
    assert!(
        table.contains(&format!("assets added (1): {added} Intake tablets"))
            && table.contains(&format!("assets removed (1): {} {}", gone.id, gone.name)),
        "{table}"
    );
    let md = out("md");
    assert!(
        md.contains("## Assets added to the inventory (1)")
            && md.contains(&format!("- `{added}` Intake tablets"))
            && md.contains("## Assets no longer in the inventory (1)"),
        "{md}"
    );
}

#[test]
fn an_existing_target_or_an_encrypted_source_into_plain_is_refused_and_nothing_is_written() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let demo = home.join("demo.ron");
    std::fs::write(&demo, hipaudit::io::paths::DEMO).unwrap();
    let o = run(
        home,
        &[
            "new",
            demo.to_str().unwrap(),
            "--from",
            demo.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&demo).unwrap(),
        hipaudit::io::paths::DEMO
    );
    let o = run(home, &["new", "x.ron", "--from", "missing.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: "));

    // Encrypted in, encrypted out, under the same passphrase; never a plain copy.
    let enc = |args: &[&str]| {
        common::hipaudit(home)
            .args(args)
            .env("HIPAUDIT_PASSPHRASE", "year over year")
            .env("HIPAUDIT_KDF_LOG_N", "10")
            .output()
            .unwrap()
    };
    let last = home.join("last.ron.age");
    let o = enc(&[
        "new",
        last.to_str().unwrap(),
        "--client",
        "Secret Clinic",
        "--encrypt",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let plain = home.join("next-plain.ron");
    let o = enc(&[
        "new",
        plain.to_str().unwrap(),
        "--from",
        last.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".age"));
    assert!(
        !plain.exists(),
        "no plain-text copy of an encrypted workspace"
    );
    let next = home.join("next.ron.age");
    let o = enc(&[
        "new",
        next.to_str().unwrap(),
        "--from",
        last.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&next).unwrap();
    assert!(hipaudit::io::crypt::is_encrypted(&bytes));
    assert!(!String::from_utf8_lossy(&bytes).contains("Secret Clinic"));
    let o = enc(&["check", next.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("carried from last.ron.age"));
    // Last year's file records where it went, and stays encrypted.
    assert!(hipaudit::io::crypt::is_encrypted(
        &std::fs::read(&last).unwrap()
    ));
    let o = enc(&["check", last.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("carried into next.ron.age"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// The demo as the first release wrote it (format 1, bank v1) still loads, and opening it
/// under bank v2 marks the answers to questions reworded since.
#[test]
fn a_first_release_workspace_loads_and_gets_bank_change_marks() {
    use hipaudit::domain::bank_change::{reworded_between, update_bank};
    let text = include_str!("fixtures/demo-release-1.ron");
    let mut ws = store::from_ron(text, std::path::Path::new("demo.ron")).unwrap();
    let c = Catalog::builtin();
    assert_eq!(ws.bank.version, 1);
    let answered_reworded: Vec<String> = reworded_between(1, c.info.version)
        .into_iter()
        .filter(|id| ws.status(id) != AnswerStatus::Unanswered)
        .collect();
    assert!(!answered_reworded.is_empty());
    let actor = hipaudit::domain::workspace::Actor {
        name: "t".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    let change = update_bank(c, &mut ws, &actor).unwrap();
    assert_eq!(change.reworded.len(), answered_reworded.len());
    for id in &answered_reworded {
        assert!(ws.to_reverify(id), "{id}");
    }
    assert_eq!(ws.bank.version, c.info.version);
    // It saves and loads as the current format.
    let again = store::from_ron(&store::to_ron(&ws), std::path::Path::new("d.ron")).unwrap();
    assert_eq!(again, ws);
}

/// Copies the demo into `dir` and carries it forward beside it: (last year, this year).
fn demo_carried(home: &std::path::Path, dir: &std::path::Path) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let demo = dir.join("riverside-2025.ron");
    std::fs::write(&demo, hipaudit::io::paths::DEMO).unwrap();
    let next = dir.join("riverside-2026.ron");
    let o = run(
        home,
        &[
            "new",
            next.to_str().unwrap(),
            "--from",
            demo.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (demo, next)
}

#[test]
fn the_portfolio_shows_one_row_per_client_and_folds_last_year_under_this_one() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let dir = home.join("clients");
    let (demo, next) = demo_carried(home, &dir);
    let json = |all: bool| -> Vec<serde_json::Value> {
        let mut args = vec!["portfolio", dir.to_str().unwrap(), "--format", "json"];
        if all {
            args.push("--all");
        }
        let o = run(home, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let rows = json(false);
    assert_eq!(rows.len(), 1, "one row for the client: {rows:?}");
    assert_eq!(rows[0]["file"], next.display().to_string());
    assert_eq!(rows[0]["earlier"], 1);
    assert_eq!(rows[0]["current"], serde_json::Value::Null);
    // Asked for, last year comes under this year's, saying whose it is.
    let rows = json(true);
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [next.to_str().unwrap(), demo.to_str().unwrap()],
        "{rows:?}"
    );
    assert_eq!(rows[1]["current"], next.display().to_string());
    // The table: last year's overdue work is not at the top, nor anywhere by default.
    let o = run(home, &["portfolio", dir.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(!table.contains("riverside-2025.ron"), "{table}");
    assert!(table.contains("1 earlier year folded"), "{table}");
    let o = run(home, &["portfolio", dir.to_str().unwrap(), "--all"]);
    let table = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[1].contains("riverside-2026.ron"), "{table}");
    assert!(
        lines[2].contains("↳") && lines[2].contains("riverside-2025.ron"),
        "{table}"
    );
}

#[test]
fn this_years_minutes_hold_only_this_years_meetings_and_last_years_notes_stay_apart() {
    use hipaudit::domain::meeting::{Attendee, Decision, DecisionKind};
    use hipaudit::domain::workspace::Actor;
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (demo, next) = demo_carried(home, &home.join("clients"));
    let old = load(&demo);
    let last = &old.meetings[0];
    let mut ws = load(&next);
    assert!(ws.meetings.iter().any(|m| m.id == last.id && m.earlier));
    // This year's review meeting, with one comment on the record.
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let actor = Actor {
        name: "Ana".into(),
        now: at,
    };
    let attendees = vec![Attendee {
        name: "Lee Park".into(),
        role: "office manager".into(),
    }];
    let id = ws.start_meeting(at.date(), attendees, &actor);
    let gap = ws.decisions[0].gap.clone();
    ws.add_decision(
        Decision {
            gap: gap.clone(),
            at,
            by: "Lee Park".into(),
            role: String::new(),
            text: "Vendor list due Friday".into(),
            kind: DecisionKind::Comment,
            meeting: Some(id.clone()),
            earlier: false,
        },
        &actor,
    );
    store::save(&next, &ws).unwrap();
    let report = home.join("r.md");
    let o = run(
        home,
        &[
            "export",
            next.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(&report).unwrap();
    let minutes = md.split("## Meeting minutes").nth(1).expect("minutes");
    let minutes = minutes.split("\n## ").next().unwrap();
    assert!(
        minutes.contains(&format!("### {id} — 2026-12-03")),
        "{minutes}"
    );
    assert!(minutes.contains("Vendor list due Friday"), "{minutes}");
    assert!(
        !minutes.contains(&format!("### {} —", last.id)),
        "last year's meeting is not in this year's minutes: {minutes}"
    );
    for said in old.decisions.iter().filter(|d| d.text.len() > 20) {
        assert!(!minutes.contains(&said.text[..20]), "{minutes}");
    }
    // Last year's notes are in "since the last assessment", with their year.
    let (q, a) = old
        .answers
        .iter()
        .find(|(_, a)| a.note.len() > 20 && !a.note.contains('\n'))
        .unwrap();
    let since = md.split("### Since the last assessment").nth(1).unwrap();
    assert!(since.contains("Notes of the last assessment"), "{since}");
    let year = old.engagement.started.unwrap().format("%Y").to_string();
    assert!(
        since.contains(&format!("{q}` ")) && since.contains(&format!("({year}): ")),
        "{since}"
    );
    assert!(since.contains(&a.note[..20]), "{since}");
    assert_eq!(load(&next).note(q), "", "not this year's observation");
}

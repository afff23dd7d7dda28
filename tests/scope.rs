//! Scoping by the engagement profile, end to end on the demo clinic: what its profile leaves
//! out (by id), the report's appendix naming each with its reason, the board and the request
//! list without them, and `hipaudit profile` changing the scope without losing an answer.

use std::path::Path;
use std::process::Command;

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::gaps;

fn demo() -> hipaudit::domain::workspace::Workspace {
    hipaudit::io::store::from_ron(hipaudit::io::paths::DEMO, Path::new("demo.ron")).unwrap()
}

fn run(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hipaudit"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HIPAUDIT_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_demo_clinics_scope_leaves_out_what_cannot_apply_to_a_small_provider() {
    let ws = demo();
    let c = ws.catalog();
    let out: Vec<&str> = c.out_of_scope.iter().map(|o| o.id.as_str()).collect();
    // Part 2 consent, the MSP's own program, business-associate-only duties, a group health
    // plan, telehealth, the proposed rule: none applies to this clinic.
    for id in [
        "PRV-SUD-02",
        "ADM-MSP-01",
        "ADM-MSP-07",
        "ADM-IR-04",
        "ADM-BA-05",
        "ADM-BA-06",
        "PRV-TH-03",
        "ADM-NP-03",
    ] {
        assert!(out.contains(&id), "{id} should be out of scope: {out:?}");
        assert!(c.get(id).is_none());
    }
    // What applies to every practice, and the services it has, stay in.
    for id in ["PRV-SUD-01", "PRV-UD-01", "ADM-BA-02", "NST-CM-01"] {
        assert!(c.get(id).is_some(), "{id} should be in scope");
    }
    assert_eq!(
        c.questions.len() + c.out_of_scope.len(),
        Catalog::builtin().questions.len()
    );
    // Off the board, and kept in the file: the clinic's N/A to PRV-SUD-02, its MSP gap.
    let board = gaps::derive_all(
        c,
        &ws,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        60,
    );
    assert!(board.iter().all(|g| !out.contains(&g.id.as_str())));
    assert!(ws.answers.contains_key("PRV-SUD-02") && ws.answers.contains_key("ADM-MSP-07"));
    assert_eq!(ws.retired_ids(c).count(), 0, "set aside is not retired");
}

#[test]
fn the_report_lists_each_question_out_of_scope_with_its_reason() {
    let ws = demo();
    let md = String::from_utf8(
        hipaudit::exchange::export::export_bytes(
            &ws,
            hipaudit::exchange::export::ExportFormat::Md,
            false,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    let at = md
        .find("## Appendix C: Outside this assessment's scope, and why")
        .expect("the appendix");
    let appendix = &md[at..];
    for o in &ws.catalog().out_of_scope {
        let row = appendix
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", o.id)))
            .unwrap_or_else(|| panic!("{} is not listed", o.id));
        assert!(row.contains("It applies only when"), "{row}");
    }
    assert!(appendix.contains("Part 2 substance use disorder records"));
    // Not reported as findings or answers anywhere before the appendix.
    assert!(!md[..at].contains("PRV-SUD-02") && !md[..at].contains("ADM-MSP-07"));
}

#[test]
fn the_profile_command_changes_the_scope_and_refuses_a_value_that_does_not_exist() {
    let d = tempfile::tempdir().unwrap();
    let w = d.path().join("demo.ron");
    std::fs::write(&w, hipaudit::io::paths::DEMO).unwrap();
    let w = w.to_str().unwrap();
    let before = std::fs::read(w).unwrap();
    let o = run(
        d.path(),
        &[
            "profile",
            w,
            "--set",
            "service=part2",
            "--set",
            "size=enormous",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("'enormous'") && e.contains("small, medium, large"),
        "{e}"
    );
    assert_eq!(std::fs::read(w).unwrap(), before, "nothing changed");

    let o = run(d.path(), &["profile", w, "--set", "service=part2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(
        shown.contains("Part 2 substance use disorder records"),
        "{shown}"
    );
    let o = run(d.path(), &["catalog", "--profile", w, "--format", "json"]);
    let ids: Vec<String> = serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout)
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.iter().any(|i| i == "PRV-SUD-02"));
    assert!(!ids.iter().any(|i| i == "ADM-MSP-07"));
    // Back as it was: the scope and every answer, note and plan are the demo's again.
    let o = run(
        d.path(),
        &["profile", w, "--set", "-service=part2", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["out_of_scope"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == "PRV-SUD-02")
    );
    let (after, _) = hipaudit::io::store::load(Path::new(w)).unwrap();
    let demo = demo();
    assert_eq!(
        (after.answers, after.remediation),
        (demo.answers, demo.remediation)
    );
    assert_eq!(after.profile, demo.profile);
}

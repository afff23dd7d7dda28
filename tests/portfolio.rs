//! `hipaudit portfolio` and `hipaudit config` through the real binary.

mod common;
use common::{hipaudit, run};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

#[test]
fn portfolio_lists_every_client_once_with_figures_and_errors_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let clients = home.join("clients");
    std::fs::create_dir_all(clients.join("north")).unwrap();
    // Overdue work: the demo (6 overdue on 2026-11-28).
    std::fs::write(clients.join("riverside.ron"), hipaudit::io::paths::DEMO).unwrap();
    // A backup, an emergency copy and a lock beside it are not workspaces of their own.
    std::fs::write(
        clients.join("riverside.ron.bak.1"),
        hipaudit::io::paths::DEMO,
    )
    .unwrap();
    std::fs::write(
        clients.join("riverside.emergency-20261101-101010.ron"),
        hipaudit::io::paths::DEMO,
    )
    .unwrap();
    std::fs::write(clients.join(".riverside.ron.lock"), "pid 1 on host").unwrap();
    // One in a subfolder, one broken, one encrypted.
    let o = run(
        home,
        &[
            "new",
            clients.join("north/oak.ron").to_str().unwrap(),
            "--client",
            "Oak Dental",
        ],
    );
    assert!(o.status.success());
    std::fs::write(clients.join("broken.ron"), "(format_version: 2, bank: ").unwrap();
    let secret = clients.join("secret.ron.age");
    let o = hipaudit(home)
        .args([
            "new",
            secret.to_str().unwrap(),
            "--client",
            "Secret Clinic",
            "--encrypt",
        ])
        .env("HIPAUDIT_PASSPHRASE", "pass phrase")
        .env("HIPAUDIT_KDF_LOG_N", "10")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = snapshot(home);

    let json = |pass: Option<&str>| -> Vec<serde_json::Value> {
        let mut c = hipaudit(home);
        c.args(["portfolio", clients.to_str().unwrap(), "--format", "json"]);
        if let Some(p) = pass {
            c.env("HIPAUDIT_PASSPHRASE", p);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let rows = json(None);
    let files: Vec<String> = rows
        .iter()
        .map(|r| {
            Path::new(r["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(rows.len(), 4, "{files:?}");
    for f in ["riverside.ron", "oak.ron", "broken.ron", "secret.ron.age"] {
        assert_eq!(
            files.iter().filter(|x| *x == f).count(),
            1,
            "{f} in {files:?}"
        );
    }
    // Most overdue first.
    assert!(files[0] == "riverside.ron");
    let by = |name: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    let riverside = by("riverside.ron");
    assert_eq!(riverside["client"], "Riverside Family Clinic");
    // The same figures the board and check give for the demo.
    let demo =
        hipaudit::io::store::from_ron(hipaudit::io::paths::DEMO, Path::new("d.ron")).unwrap();
    let c = demo.catalog();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let items = hipaudit::domain::gaps::derive_all(c, &demo, today, 60);
    let counts = hipaudit::domain::board::counts(items.iter(), today);
    let answered = demo
        .answers
        .iter()
        // Answers the profile sets aside are kept, not counted.
        .filter(|(id, _)| c.get(id).is_some())
        .filter(|(_, a)| a.status != hipaudit::domain::workspace::AnswerStatus::Unanswered)
        .count();
    assert_eq!(riverside["overdue"], counts.overdue);
    assert!(counts.overdue > 0);
    assert_eq!(riverside["open_gaps"], counts.open + counts.in_progress);
    assert_eq!(riverside["answered"], answered);
    assert_eq!(riverside["next_audit_due"], "2027-10-20");
    assert!(riverside["error"].is_null());
    assert_eq!(by("oak.ron")["client"], "Oak Dental");
    assert!(
        by("broken.ron")["error"]
            .as_str()
            .unwrap()
            .contains("broken.ron:1:")
    );
    let secret_row = by("secret.ron.age");
    assert_eq!(secret_row["encrypted"], true);
    assert!(secret_row["error"].as_str().unwrap().contains("encrypted"));
    // With the passphrase its figures are read.
    let rows = json(Some("pass phrase"));
    let secret_row = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("secret.ron.age"))
        .unwrap();
    assert_eq!(secret_row["client"], "Secret Clinic");
    assert!(secret_row["error"].is_null());
    assert_eq!(snapshot(home), before, "the portfolio writes nothing");
    // The table and CSV forms run too.
    let o = run(home, &["portfolio", clients.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("4 workspaces under"));
}

#[test]
fn config_reports_where_it_is_and_a_broken_one_is_an_error_with_its_position() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let o = run(home, &["config"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("config.ron (not there"), "{out}");
    assert!(out.contains("renewal_window_days: 60"), "{out}");
    let cfg = home.join("config/hipaudit/config.ron");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        "(\n  folders: [\"~/clients\"],\n  assessor: Some(\"Jordan Reyes\"),\n  renewal_window_days: 30,\n)\n",
    )
    .unwrap();
    // The configured assessor names new workspaces.
    let w = home.join("n.ron");
    assert!(
        run(home, &["new", w.to_str().unwrap(), "--client", "N"])
            .status
            .success()
    );
    let (ws, _) = hipaudit::io::store::load(&w).unwrap();
    assert_eq!(ws.engagement.assessor, "Jordan Reyes");
    let o = run(home, &["config"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("(in effect)") && out.contains("renewal_window_days: 30"),
        "{out}"
    );
    assert!(
        out.contains(&home.join("clients").display().to_string()),
        "{out}"
    );
    let broken = "(\n  folders: [\n  nonsense\n";
    std::fs::write(&cfg, broken).unwrap();
    let o = run(home, &["config"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    // FILE:LINE:COLUMN: what.
    let after = &err[err.find("config.ron:").unwrap() + "config.ron:".len()..];
    let mut parts = after.splitn(3, ':');
    assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{err}");
    assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{err}");
    assert_eq!(
        std::fs::read_to_string(&cfg).unwrap(),
        broken,
        "never rewritten"
    );
}

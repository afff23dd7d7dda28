//! Attacks on the input and output promises of docs/DATA-SAFETY.md: strict
//! input (class 7), untrusted text stays text (class 6), exports keep no copies and sizes have
//! a clear limit (classes 9 and 10). Each test drives the real loader or the real binary. Links,
//! FIFOs and failed saves are in `hostile.rs`; the helpers both use in `common/hostile.rs`.

mod common;
use common::{hipaudit, run};
use std::fs;
use std::path::{Path, PathBuf};

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::workspace::{self, Actor, RemediationField, Workspace};
use hipaudit::io::store;

#[path = "common/hostile.rs"]
mod hostile;
use hostile::{text, ws};

// Class 7: strict input.

fn demo_text() -> String {
    hipaudit::io::paths::DEMO.to_string()
}

#[test]
fn duplicate_ids_unknown_fields_and_late_versions_are_refused_with_positions() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    let out = d.path().join("out.json");
    let ok = store::to_ron(&ws("Acme"));
    let cases = [
        (
            "duplicate",
            demo_text().replacen(
                "  answers: {\n",
                "  answers: {\n    \"ADM-CP-05\": (status: Yes, by: \"x\", at: None),\n",
                1,
            ),
            "appears twice",
        ),
        (
            "unknown field",
            ok.replacen(
                "  engagement: (",
                "  engagement: (\n    secret_plan: \"x\",",
                1,
            ),
            "secret_plan",
        ),
        (
            "version last",
            ok.replacen(
                &format!("  format_version: {},\n", workspace::FORMAT_VERSION),
                "",
                1,
            )
            .replacen("  view:", "  format_version: 9,\n  future: 1,\n  view:", 1),
            "newer",
        ),
        (
            "likelihood 255",
            ok.replacen(
                "  remediation: {",
                "  remediation: {\n    \"PRV-UD-01\": (likelihood: Some(255)),",
                1,
            ),
            "1-5",
        ),
        (
            "year 10000",
            ok.replacen(
                "started: Some(\"2026-11-28\")",
                "started: Some(\"+10000-01-01\")",
                1,
            ),
            "",
        ),
    ];
    for (name, body, expect) in cases {
        assert_ne!(body, ok, "{name}: the attack was not planted");
        fs::write(&p, &body).unwrap();
        let e = store::load(&p).unwrap_err();
        assert!(e.position.is_some(), "{name}: {e}");
        assert!(e.to_string().contains(expect), "{name}: {e}");
        // Every reader refuses it the same way, and none writes.
        for args in [
            vec!["check"],
            vec!["gaps"],
            vec!["log"],
            vec!["export", "--format", "json", "-o", out.to_str().unwrap()],
        ] {
            let mut a = vec![args[0], p.to_str().unwrap()];
            a.extend(&args[1..]);
            let o = run(d.path(), &a);
            assert_eq!(o.status.code(), Some(1), "{name} {args:?}: {}", text(&o));
            assert!(text(&o).contains("w.ron:"), "{name} {args:?}: {}", text(&o));
        }
        assert_eq!(fs::read_to_string(&p).unwrap(), body, "{name}: rewritten");
        assert!(!out.exists(), "{name}: exported anyway");
    }
}

#[test]
fn an_outside_change_is_seen_even_with_size_and_time_put_back() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    let stamp = store::save(&p, &ws("Acme")).unwrap().stamp;
    let mtime = fs::metadata(&p).unwrap().modified().unwrap();
    let edited = fs::read_to_string(&p).unwrap().replace("Acme", "Acmf");
    fs::write(&p, edited).unwrap();
    let f = fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), mtime);
    assert!(!stamp.still_matches(&p).unwrap());
}

#[test]
fn dates_outside_1900_to_9999_are_refused_in_hipaudit_today() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("demo.ron");
    fs::write(&p, hipaudit::io::paths::DEMO).unwrap();
    for bad in ["1899-12-31", "0001-01-01"] {
        let o = hipaudit(d.path())
            .env("HIPAUDIT_TODAY", bad)
            .args(["check", p.to_str().unwrap()])
            .output()
            .unwrap();
        assert_ne!(o.status.code(), Some(0), "{bad}");
        assert!(text(&o).contains("HIPAUDIT_TODAY"), "{}", text(&o));
    }
}

// Class 6: untrusted text stays text.

const ATTACK: &str = "ok\x1b]52;c;cGF5bG9hZA==\x07\x1b[2J \u{202E}gnp.exe\u{200B} \u{9b}31m\n# Forged heading\n  - Answer: **Yes**\n[click](javascript:alert(1)) ![x](https://evil.example/t.png) <script>alert(1)</script> <https://evil.example>";

fn hostile_workspace(dir: &Path) -> PathBuf {
    let p = dir.join("hostile.ron");
    let mut w: Workspace =
        store::from_ron(hipaudit::io::paths::DEMO, Path::new("demo.ron")).unwrap();
    let actor = Actor {
        name: "Mallory\x1b[31m".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    let id = "ADM-CP-05";
    w.set_note(id, ATTACK, &actor);
    w.set_remediation(
        id,
        RemediationField::Owner(format!("=cmd|' /C calc'!A0 {ATTACK}")),
        &actor,
    );
    w.set_remediation(id, RemediationField::Plan(ATTACK.into()), &actor);
    let mut r = w.risks[0].clone();
    r.id = "=HYPERLINK(\"https://evil.example\")".into();
    r.title = ATTACK.into();
    r.likelihood_why = ATTACK.into();
    r.acceptance = Some(hipaudit::domain::method::Acceptance {
        by: ATTACK.into(),
        rationale: ATTACK.into(),
        ..Default::default()
    });
    let asset = w.add_asset(
        hipaudit::domain::inventory::Asset {
            name: format!("=HYPERLINK(\"https://evil.example\") {ATTACK}"),
            location: ATTACK.into(),
            notes: ATTACK.into(),
            ephi: vec![hipaudit::domain::vendor::PhiUse::Maintain],
            ..Default::default()
        },
        &actor,
    );
    r.assets = vec![asset.clone()];
    w.risks.push(r);
    w.add_flow(
        hipaudit::domain::inventory::Flow {
            from: asset,
            to: ATTACK.into(),
            data: ATTACK.into(),
            protection: ATTACK.into(),
            ..Default::default()
        },
        &actor,
    );
    store::save(&p, &w).unwrap();
    p
}

fn assert_inert(what: &str, s: &str) {
    for bad in ['\x1b', '\x07', '\u{9b}', '\u{202E}', '\u{200B}'] {
        assert!(!s.contains(bad), "{what}: raw {bad:?} in output:\n{s}");
    }
}

#[test]
fn escape_sequences_and_bidi_never_reach_the_terminal_from_any_command() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile_workspace(d.path());
    let ps = p.to_str().unwrap();
    for args in [
        vec!["check", ps],
        vec!["gaps", ps],
        vec!["gaps", ps, "--format", "json"],
        vec!["gaps", ps, "--format", "csv"],
        vec!["log", ps],
        vec!["inventory", ps],
        vec!["inventory", ps, "--format", "csv"],
        vec!["inventory", ps, "--format", "json"],
        vec!["analysis", ps],
        vec!["analysis", ps, "--format", "json"],
    ] {
        let o = run(d.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
        assert_inert(&format!("{args:?}"), &text(&o));
    }
    // JSON stays valid and keeps the text's meaning.
    let o = run(d.path(), &["gaps", ps, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.to_string().contains("Forged heading"));
    // The table still lines up: every gap row is as wide as the header up to the title.
    let o = run(d.path(), &["gaps", ps]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let widths: Vec<usize> = out
        .lines()
        .filter(|l| l.contains("ADM-CP-05") || l.contains("  ID "))
        .map(|l| {
            let at = l.find("Open").or_else(|| l.find("STATUS")).unwrap();
            hipaudit::domain::text::width(&l[..at])
        })
        .collect();
    assert!(
        widths.len() >= 2 && widths.iter().all(|w| *w == widths[0]),
        "{out}"
    );
}

#[test]
fn reports_render_user_text_as_text_and_csv_is_formula_safe_in_every_column() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile_workspace(d.path());
    let ps = p.to_str().unwrap();
    let out = |ext: &str| d.path().join(format!("r.{ext}"));
    for f in ["md", "html", "csv"] {
        let o = run(
            d.path(),
            &["export", ps, "--format", f, "-o", out(f).to_str().unwrap()],
        );
        assert!(o.status.success(), "{f}: {}", text(&o));
    }
    let html = fs::read_to_string(out("html")).unwrap();
    assert!(
        html.match_indices("<a ")
            .all(|(i, _)| html[i..].starts_with("<a href=\"#sec-")),
        "a link other than the contents'"
    );
    for bad in ["<img", "<script", "javascript:alert(1)\"", "<h1>Forged"] {
        assert!(!html.contains(bad), "html has {bad}");
    }
    assert!(html.contains("javascript:alert(1)"), "shown as text");
    assert!(html.contains("&lt;script&gt;"), "tags shown as text");
    assert!(
        html.contains("- Answer: **Yes**"),
        "a forged answer line shows as typed"
    );
    let md = fs::read_to_string(out("md")).unwrap();
    assert!(
        !md.lines().any(|l| l.trim_start().starts_with("# Forged")),
        "forged heading"
    );
    assert!(!md.contains("[click](javascript:"), "active link in md");
    assert!(
        md.contains("\\[click\\](javascript:"),
        "the link is escaped text"
    );
    assert!(!md.contains("![x]("), "image in md");
    assert_inert("md", &md);
    let mut r = csv::Reader::from_path(out("csv")).unwrap();
    for rec in r.records() {
        for field in rec.unwrap().iter() {
            let head = field.trim_start();
            if field.parse::<f64>().is_ok() {
                continue; // a day count such as -27 is a number, not a formula
            }
            assert!(
                !head.starts_with(['=', '+', '-', '@', '|', '%']),
                "formula in CSV: {field:?}"
            );
        }
    }
}

// Class 9 and 10: exports keep no copies; sizes have a clear limit.

#[test]
fn replacing_an_export_with_a_redacted_one_leaves_no_unredacted_copy() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("demo.ron");
    fs::write(&p, hipaudit::io::paths::DEMO).unwrap();
    let out = d.path().join("report.md");
    let (ps, os) = (p.to_str().unwrap(), out.to_str().unwrap());
    let o = run(d.path(), &["export", ps, "--format", "md", "-o", os]);
    assert!(o.status.success(), "{}", text(&o));
    let note = "Veeam job log seen";
    assert!(fs::read_to_string(&out).unwrap().contains(note));
    let o = run(
        d.path(),
        &[
            "export", ps, "--format", "md", "-o", os, "--redact", "--force",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    for f in fs::read_dir(d.path()).unwrap() {
        let f = f.unwrap().path();
        if f != p {
            assert!(
                !fs::read_to_string(&f).unwrap_or_default().contains(note),
                "{f:?} still holds a note"
            );
        }
    }
}

#[test]
fn a_note_of_megabytes_is_refused_on_load_with_the_limit_named() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("big.ron");
    let mut w = ws("Big");
    let actor = Actor {
        name: "a".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    let id = Catalog::builtin().questions[0].id.clone();
    w.set_note(&id, &"x".repeat(300 << 20 >> 8), &actor); // 1.2 MiB
    fs::write(&p, store::to_ron(&w)).unwrap();
    let e = store::load(&p).unwrap_err();
    assert!(e.to_string().contains("1024 KiB limit"), "{e}");
    assert!(e.position.is_some(), "{e}");
    let o = run(d.path(), &["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("limit"), "{}", text(&o));
}

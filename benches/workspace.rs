//! Budgets from the issues, measured in one run against bare baselines:
//! - load + gap derivation <= 1.3x a bare `ron::from_str` into plain mirror structs;
//! - save (serialize, write, sync, rename, backup) <= 1.3x bare serialize + write + sync;
//! - one key event (update + full render at 200x60) < 2 ms on the audit tabs and the board.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::gaps;
use hipaudit::io::{store, synthetic};

// Plain mirror structs: the same shape as the workspace file, no domain types (dates stay
// strings), so the baseline is what any RON reader would pay.
#[derive(Serialize, Deserialize)]
struct PBank {
    id: String,
    version: u32,
}
#[derive(Serialize, Deserialize)]
struct PEngagement {
    client: String,
    #[serde(default)]
    site: String,
    #[serde(default)]
    assessor: String,
    #[serde(default)]
    scope: String,
    started: Option<String>,
}
#[derive(Serialize, Deserialize)]
enum PStatus {
    Unanswered,
    Yes,
    Partial,
    No,
    NotApplicable,
}
#[derive(Serialize, Deserialize)]
struct PEvidence {
    label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    sha256: String,
    collected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
}
#[derive(Serialize, Deserialize)]
struct PAnswer {
    status: PStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<PEvidence>,
    #[serde(default)]
    by: String,
    at: Option<String>,
}
#[derive(Serialize, Deserialize)]
enum PRemStatus {
    Open,
    InProgress,
    Done,
    RiskAccepted,
}
#[derive(Serialize, Deserialize)]
struct PRemediation {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    status: PRemStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    plan: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    likelihood: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    impact: Option<u8>,
}
#[derive(Serialize, Deserialize)]
struct PChange {
    at: String,
    by: String,
    id: String,
    field: String,
    old: String,
    new: String,
}
#[derive(Serialize, Deserialize)]
struct Plain {
    format_version: u32,
    bank: PBank,
    engagement: PEngagement,
    answers: BTreeMap<String, PAnswer>,
    remediation: BTreeMap<String, PRemediation>,
    risks: Vec<ron::Value>,
    log: Vec<PChange>,
}

fn bare_write(path: &Path, text: &str) {
    let mut f = std::fs::File::create(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f.sync_all().unwrap();
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .new_line("\n")
}

fn file_benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let ws = synthetic::build(catalog, 5000, 1700);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    store::save(&path, &ws).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    eprintln!(
        "large workspace: {} answers, {} gaps, {:.1} MB of RON",
        ws.answers.len(),
        gaps::derive(catalog, &ws).len(),
        text.len() as f64 / 1e6
    );
    let plain: Plain = ron::from_str(&text).unwrap();

    let mut g = c.benchmark_group("large");
    g.sample_size(20);
    g.bench_function("bare_parse", |b| {
        b.iter(|| {
            let t = std::fs::read_to_string(&path).unwrap();
            black_box(ron::from_str::<Plain>(&t).unwrap())
        })
    });
    g.bench_function("load_and_derive_gaps", |b| {
        b.iter(|| {
            let (w, _) = store::load(&path).unwrap();
            black_box(gaps::derive(catalog, &w))
        })
    });
    g.bench_function("parse_into_workspace_only", |b| {
        b.iter(|| {
            let t = std::fs::read_to_string(&path).unwrap();
            black_box(ron::from_str::<hipaudit::domain::workspace::Workspace>(&t).unwrap())
        })
    });
    let bare = dir.path().join("bare.ron");
    g.bench_function("bare_serialize_write_sync", |b| {
        b.iter(|| {
            let t = ron::ser::to_string_pretty(&plain, pretty()).unwrap();
            bare_write(&bare, &t);
        })
    });
    g.bench_function("save", |b| {
        b.iter(|| store::save_unverified(&path, &ws).unwrap())
    });
    g.bench_function("save_with_read_back_check", |b| {
        b.iter(|| store::save(&path, &ws).unwrap())
    });
    g.bench_function("derive_gaps", |b| {
        b.iter(|| black_box(gaps::derive(catalog, &ws)))
    });
    g.finish();

    // A realistic audit: every bank question answered, a tenth of them gaps.
    let mut small = hipaudit::domain::workspace::Workspace::new(
        "Clinic",
        "Ana",
        catalog,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    );
    let actor = hipaudit::domain::workspace::Actor {
        name: "Ana".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    for (i, q) in catalog.questions.iter().enumerate() {
        let s = if i % 10 == 0 {
            hipaudit::domain::workspace::AnswerStatus::No
        } else {
            hipaudit::domain::workspace::AnswerStatus::Yes
        };
        small.set_answer(&q.id, s, &actor);
        small.set_note(
            &q.id,
            "Seen the policy and the training log; interviewed the practice manager.",
            &actor,
        );
    }
    let spath = dir.path().join("small.ron");
    store::save(&spath, &small).unwrap();
    let mut g = c.benchmark_group("realistic");
    g.bench_function("load_and_derive_gaps", |b| {
        b.iter(|| {
            let (w, _) = store::load(&spath).unwrap();
            black_box(gaps::derive(catalog, &w))
        })
    });
    g.bench_function("save", |b| b.iter(|| store::save(&spath, &small).unwrap()));
    g.finish();
}

fn key_benches(c: &mut Criterion) {
    use hipaudit::tui::app::App;
    use hipaudit::tui::ui;
    let catalog = Catalog::builtin();
    let ws = synthetic::build(catalog, 5000, 1700);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let mut app = App::new(catalog, ws, "large.ron".into(), today, "bench");
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut g = c.benchmark_group("key_200x60");
    let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    let up = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
    let mut flip = false;
    app.update(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
    g.bench_function("audit_tab_move", |b| {
        b.iter(|| {
            flip = !flip;
            app.update(if flip { down } else { up });
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    // Answering changes the workspace, so the board and counts are derived again.
    let mut n = 0u32;
    g.bench_function("audit_tab_answer", |b| {
        b.iter(|| {
            n += 1;
            app.update(KeyEvent::new(
                KeyCode::Char(if n.is_multiple_of(2) { 'n' } else { 'y' }),
                KeyModifiers::NONE,
            ));
            app.update(up);
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    app.update(KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE));
    g.bench_function("gaps_tab_move", |b| {
        b.iter(|| {
            flip = !flip;
            app.update(if flip { down } else { up });
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    // One answer changed elsewhere, then the board re-derived, re-sorted and drawn.
    let mut m = 0u32;
    g.bench_function("gaps_tab_after_answer_change", |b| {
        b.iter(|| {
            m += 1;
            app.update(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
            app.update(KeyEvent::new(
                KeyCode::Char(if m.is_multiple_of(2) { 'n' } else { 'y' }),
                KeyModifiers::NONE,
            ));
            app.update(up);
            app.update(KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE));
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    g.bench_function("gaps_tab_status_change", |b| {
        b.iter(|| {
            app.update(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    g.finish();
}

/// Year over year on two 5,000-answer workspaces: `diff` (both loaded, then compared) against
/// loading both; carrying forward (load, hash, carry, save) against a load plus a save.
fn year_benches(c: &mut Criterion) {
    use hipaudit::domain::carry::{Source, carry_forward};
    use hipaudit::domain::compare::compare;
    use hipaudit::domain::workspace::{Actor, AnswerStatus};
    use sha2::Digest;
    let catalog = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 11, 1).unwrap();
    let actor = Actor {
        name: "bench".into(),
        now: today.and_hms_opt(9, 0, 0).unwrap(),
    };
    let old = synthetic::build(catalog, 5000, 1700);
    let mut new = old.clone();
    // A year's changes: a tenth of the answers different.
    let ids: Vec<String> = new.answers.keys().step_by(10).cloned().collect();
    for id in &ids {
        let s = match new.status(id) {
            AnswerStatus::Yes => AnswerStatus::No,
            _ => AnswerStatus::Yes,
        };
        new.set_answer(id, s, &actor);
    }
    let dir = tempfile::tempdir().unwrap();
    let (po, pn) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    store::save(&po, &old).unwrap();
    store::save(&pn, &new).unwrap();
    let out = dir.path().join("next.ron");
    let mut g = c.benchmark_group("years");
    g.sample_size(10);
    g.bench_function("load_both", |b| {
        b.iter(|| black_box((store::load(&po).unwrap(), store::load(&pn).unwrap())))
    });
    g.bench_function("diff", |b| {
        b.iter(|| {
            let (a, _) = store::load(&po).unwrap();
            let (b2, _) = store::load(&pn).unwrap();
            black_box(compare(catalog, &a, &b2, today))
        })
    });
    g.bench_function("load_and_save", |b| {
        b.iter(|| {
            let (a, _) = store::load(&po).unwrap();
            store::save(&out, &a).unwrap();
        })
    });
    g.bench_function("carry_forward", |b| {
        b.iter(|| {
            let bytes = std::fs::read(&po).unwrap();
            let sha256 = format!("{:x}", sha2::Sha256::digest(&bytes));
            let (a, _) = store::load(&po).unwrap();
            let next = carry_forward(
                &Source {
                    ws: &a,
                    file: "old.ron".into(),
                    sha256,
                },
                catalog,
                today,
                None,
                &actor,
            );
            store::save(&out, &next).unwrap();
        })
    });
    // Merging: base = last year's, ours and theirs each changed a different tenth.
    let mut theirs = old.clone();
    let their_ids: Vec<String> = theirs.answers.keys().skip(5).step_by(10).cloned().collect();
    for id in &their_ids {
        theirs.set_note(id, "changed on the other laptop", &actor);
    }
    let pt = dir.path().join("theirs.ron");
    store::save(&pt, &theirs).unwrap();
    let merged = dir.path().join("merged.ron");
    g.bench_function("load_one", |b| {
        b.iter(|| black_box(store::load(&po).unwrap()))
    });
    g.bench_function("merge_in_memory", |b| {
        b.iter(|| black_box(hipaudit::domain::merge::merge(&old, &new, &theirs)))
    });
    g.bench_function("merge_files", |b| {
        b.iter(|| {
            // As `hipaudit merge` does it: the three loads side by side.
            let (x, y, z) = std::thread::scope(|s| {
                let hx = s.spawn(|| store::load(&po).unwrap().0);
                let hy = s.spawn(|| store::load(&pn).unwrap().0);
                let z = store::load(&pt).unwrap().0;
                (hx.join().unwrap(), hy.join().unwrap(), z)
            });
            let m = hipaudit::domain::merge::merge(&x, &y, &z);
            store::save_with(&merged, &m, None, store::WriteMode::VIEW).unwrap();
        })
    });
    g.finish();
}

/// The portfolio of 200 demo-sized workspaces against just parsing the same files.
fn portfolio_benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        let sub = dir.path().join(format!("client-{:02}", i / 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("w{i}.ron")), hipaudit::io::paths::DEMO).unwrap();
    }
    let dirs = vec![dir.path().to_path_buf()];
    let paths = hipaudit::io::portfolio::find(&dirs);
    assert_eq!(paths.len(), 200);
    let mut g = c.benchmark_group("portfolio");
    g.sample_size(10);
    g.bench_function("parse_200", |b| {
        b.iter(|| {
            for p in &paths {
                let t = std::fs::read_to_string(p).unwrap();
                black_box(ron::from_str::<hipaudit::domain::workspace::Workspace>(&t).unwrap());
            }
        })
    });
    g.bench_function("portfolio_200", |b| {
        b.iter(|| {
            let found = hipaudit::io::portfolio::find(&dirs);
            black_box(hipaudit::io::portfolio::rows(
                &found, catalog, today, 60, None,
            ))
        })
    });
    g.finish();
}

/// Budget (issue #19): the full report of a ~300-question audit in any format < 200 ms; of the
/// 5,000-answer workspace < 2 s.
fn report_benches(c: &mut Criterion) {
    use hipaudit::exchange::export::{ExportFormat, export_bytes};
    let catalog = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let demo_ws = store::from_ron(hipaudit::io::paths::DEMO, Path::new("demo.ron")).unwrap();
    let large = synthetic::build(catalog, 5000, 1700);
    let formats = [
        ("md", ExportFormat::Md),
        ("html", ExportFormat::Html),
        ("docx", ExportFormat::Docx),
        ("xlsx", ExportFormat::Xlsx),
        ("csv", ExportFormat::Csv),
        ("json", ExportFormat::Json),
        ("ics", ExportFormat::Ics),
    ];
    let mut g = c.benchmark_group("report_demo");
    g.sample_size(20);
    for (name, f) in formats {
        g.bench_function(name, |b| {
            b.iter(|| black_box(export_bytes(&demo_ws, f, false, today).unwrap()))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("report_5000");
    g.sample_size(10);
    for (name, f) in formats {
        g.bench_function(name, |b| {
            b.iter(|| black_box(export_bytes(&large, f, false, today).unwrap()))
        });
    }
    g.finish();
}

/// The risk analysis at size: 1,000 assets, 5,000 risks and 5,000 answers. A key on the
/// Risk tab's inventory and register (update + full render at 200x60) under 2 ms; the
/// analysis's state against one load (budget 1.5x); the report in every format under 1 s.
fn analysis_benches(c: &mut Criterion) {
    use hipaudit::domain::analysis;
    use hipaudit::tui::app::App;
    use hipaudit::tui::ui;
    let catalog = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let ws = synthetic::with_inventory(synthetic::build(catalog, 5000, 1700), 1000, 5000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("analysis.ron");
    store::save(&path, &ws).unwrap();
    let mut g = c.benchmark_group("analysis");
    g.sample_size(20);
    g.bench_function("load", |b| {
        b.iter(|| black_box(store::load(&path).unwrap()))
    });
    g.bench_function("load_and_state", |b| {
        b.iter(|| {
            let (w, _) = store::load(&path).unwrap();
            black_box(analysis::state(&w, today))
        })
    });
    g.finish();
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = App::new(catalog, ws.clone(), "analysis.ron".into(), today, "bench");
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for c in ['5', 'h', 'G', 'k', 'l'] {
        app.update(key(c));
    }
    let mut g = c.benchmark_group("key_200x60_analysis");
    let mut flip = false;
    g.bench_function("inventory_move", |b| {
        b.iter(|| {
            flip = !flip;
            app.update(key(if flip { 'j' } else { 'k' }));
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    app.update(key('h'));
    app.update(key('j'));
    app.update(key('l'));
    g.bench_function("register_move", |b| {
        b.iter(|| {
            flip = !flip;
            app.update(key(if flip { 'j' } else { 'k' }));
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    g.bench_function("register_treatment_change", |b| {
        b.iter(|| {
            app.update(key('t'));
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    g.finish();
    let mut g = c.benchmark_group("report_analysis");
    g.sample_size(10);
    use hipaudit::exchange::export::{ExportFormat, export_bytes};
    for (name, f) in [
        ("md", ExportFormat::Md),
        ("html", ExportFormat::Html),
        ("docx", ExportFormat::Docx),
        ("xlsx", ExportFormat::Xlsx),
        ("json", ExportFormat::Json),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(export_bytes(&ws, f, false, today).unwrap()))
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    analysis_benches,
    file_benches,
    key_benches,
    year_benches,
    portfolio_benches,
    report_benches
);
criterion_main!(benches);

//! The request list a practice manager fills in, from the demo workspace: the core list is
//! about fifty whole-sentence requests, each for a different kind of record; `--all` gives
//! every item; the assessor's own on-site work never sits in the client's checklist; and
//! `export --format requests --all` works through the real binary.

use std::path::Path;
use std::process::Command;

use hipaudit::domain::catalog::Catalog;
use hipaudit::exchange::export::{ExportFormat, Extras, RequestsAs, export_bytes_with};
use hipaudit::exchange::request_core::{ASSESSOR_GROUP, CLIENT};
use hipaudit::exchange::requests::Scope;
use hipaudit::io::paths::DEMO;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn demo() -> hipaudit::domain::workspace::Workspace {
    hipaudit::io::store::from_ron(DEMO, Path::new("demo.ron")).unwrap()
}

fn export(scope: Scope, form: RequestsAs) -> String {
    let o = hipaudit::exchange::markdown::Options {
        today: today(),
        redact: false,
        window: 60,
        omit_unanswered: false,
    };
    let extras = Extras {
        requests_as: form,
        requests_scope: scope,
        ..Default::default()
    };
    String::from_utf8(export_bytes_with(&demo(), ExportFormat::Requests, &o, &extras).unwrap())
        .unwrap()
}

/// The client's part of a Markdown list: everything before the assessor's heading.
fn client_part(md: &str) -> &str {
    md.split(&format!("## {ASSESSOR_GROUP}"))
        .next()
        .unwrap_or(md)
}

/// The text of each checklist line, without its box, question codes and received date.
fn checklist(md: &str) -> Vec<String> {
    client_part(md)
        .lines()
        .filter_map(|l| {
            l.strip_prefix("- [ ] ")
                .or_else(|| l.strip_prefix("- [x] "))
        })
        .map(|l| {
            let l = l.split(" — received ").next().unwrap();
            l.rsplit_once(" (").map_or(l, |x| x.0).to_string()
        })
        .collect()
}

fn normalized(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_demos_core_request_list_is_about_fifty_whole_sentences_each_for_a_different_record() {
    let md = export(Scope::default(), RequestsAs::Md);
    let items = checklist(&md);
    assert!(
        (35..=65).contains(&items.len()),
        "{} items in the core list",
        items.len()
    );
    for t in &items {
        assert!(t.starts_with(char::is_uppercase), "not a sentence: {t}");
        assert!(t.ends_with('.'), "not a sentence: {t}");
        assert!(t.split_whitespace().count() > 5, "too short: {t}");
    }
    let mut texts: Vec<String> = items.iter().map(|t| normalized(t)).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), items.len(), "the same request twice");
    let mut kinds: Vec<&str> = items
        .iter()
        .map(|t| {
            CLIENT
                .iter()
                .find(|c| c.text == t)
                .unwrap_or_else(|| panic!("not a core request: {t}"))
                .kind
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), items.len(), "one kind of record asked twice");
    // Each names the questions it serves, and only questions still open in the demo.
    let ws = demo();
    let c = Catalog::builtin();
    for l in client_part(&md).lines().filter(|l| l.starts_with("- [ ] ")) {
        let codes = l.rsplit_once(" (").unwrap().1.trim_end_matches(')');
        for id in codes.split(", ") {
            assert!(c.get(id).is_some(), "{id} in {l}");
            assert!(
                ws.status(id) == hipaudit::domain::status::AnswerStatus::Unanswered
                    || ws.to_reverify(id),
                "{id} is answered: {l}"
            );
        }
    }
}

#[test]
fn every_item_with_all_is_more_than_the_core_list() {
    let core = checklist(&export(Scope::Core, RequestsAs::Md)).len();
    let all_md = export(Scope::All, RequestsAs::Md);
    let all = checklist(&all_md);
    assert!(all.len() > core, "--all {} items, core {core}", all.len());
    let mut unique: Vec<String> = all.iter().map(|t| t.to_lowercase()).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "--all lists an item twice");
}

#[test]
fn assessor_activities_never_appear_in_the_clients_checklist() {
    for scope in [Scope::Core, Scope::All] {
        let md = export(scope, RequestsAs::Md);
        assert!(
            md.contains(&format!("## {ASSESSOR_GROUP}")),
            "{scope:?}: no part for the assessor"
        );
        let (_, assessor) = md.split_once(ASSESSOR_GROUP).unwrap();
        assert!(
            assessor.to_lowercase().contains("interview"),
            "{scope:?}: {assessor}"
        );
        assert!(
            !assessor.contains("- ["),
            "{scope:?}: a checkbox for the assessor"
        );
        for t in checklist(&md) {
            let l = format!(" {} ", t.to_lowercase());
            for word in [
                "interview",
                "walkthrough",
                "walk-through",
                "walk through",
                "observation",
                " asked ",
                "a look ",
            ] {
                assert!(!l.contains(word), "{scope:?}: '{t}' is the assessor's work");
            }
        }
        // The sheet the client fills in is the checklist alone.
        let sheet = export(scope, RequestsAs::Csv);
        assert_eq!(sheet.lines().count() - 1, checklist(&md).len(), "{scope:?}");
        assert!(!sheet.to_lowercase().contains("interview"), "{scope:?}");
    }
}

#[test]
fn the_list_says_near_the_top_how_to_send_records_that_hold_phi() {
    let md = export(Scope::Core, RequestsAs::Md);
    let top = md.split("\n## ").next().unwrap();
    assert!(top.contains("encrypted email"), "{top}");
    assert!(top.contains("never by plain email"), "{top}");
    assert!(top.contains("secure file share"), "{top}");
    assert!(top.contains("redacted"), "{top}");
}

fn hipaudit(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hipaudit"));
    c.env("HIPAUDIT_TODAY", "2026-11-28")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "tester");
    c
}

/// `export --format requests --all` through the binary: the full list, its sheet taken back
/// by `import --requests`, and `--all` refused for another format.
#[test]
fn export_requests_all_writes_every_item_and_its_sheet_comes_back() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("clinic.ron");
    std::fs::write(&p, DEMO).unwrap();
    let ps = p.to_str().unwrap();
    let run = |args: &[&str]| hipaudit(d.path()).args(args).output().unwrap();
    let err = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();

    let o = run(&["export", ps, "--format", "requests"]);
    assert!(o.status.success(), "{}", err(&o));
    let core = std::fs::read_to_string(d.path().join("clinic-requests.md")).unwrap();
    let o = run(&["export", ps, "--format", "requests", "--all", "-o", "-"]);
    assert!(o.status.success(), "{}", err(&o));
    let all = String::from_utf8(o.stdout).unwrap();
    assert!(checklist(&all).len() > checklist(&core).len());
    assert!(all.contains("### "), "--all is per area and section");

    let sheet = d.path().join("all.csv");
    let o = run(&[
        "export",
        ps,
        "--format",
        "requests",
        "--all",
        "--as",
        "csv",
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let text = std::fs::read_to_string(&sheet).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(lines[0], "area,section,item,questions,received");
    assert_eq!(lines.len() - 1, checklist(&all).len());
    lines[1].push_str("2026-11-20");
    std::fs::write(&sheet, lines.join("\n")).unwrap();
    let o = run(&["import", ps, "--requests", sheet.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let o = run(&["export", ps, "--format", "requests", "--all", "-o", "-"]);
    let ticked = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        ticked
            .lines()
            .filter(|l| l.starts_with("- [x]") && l.ends_with("received 2026-11-20"))
            .count(),
        1,
        "{ticked}"
    );

    let o = run(&["export", ps, "--format", "md", "--all", "-o", "-"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("--all is for --format requests"),
        "{}",
        err(&o)
    );
}

/// The app shows what came back: the dashboard counts the received requests, and a
/// question's detail names the requests serving it with the date each came.
#[test]
fn the_dashboard_and_the_question_detail_show_what_came_back() {
    use hipaudit::tui::{app::App, ui};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let policies = CLIENT
        .iter()
        .find(|c| c.serves_question("PRV-UD-01"))
        .unwrap();
    let mut ws = demo();
    let (_, asked) = hipaudit::exchange::requests::progress(ws.catalog(), &ws);
    let when = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    ws.received
        .insert(hipaudit::exchange::requests::key(policies.text), when);
    let mut app = App::new(
        Catalog::builtin(),
        ws,
        std::path::PathBuf::from("demo.ron"),
        today(),
        "tester",
    );
    let render = |app: &mut App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 90)).unwrap();
        t.draw(|f| ui::draw(f, app)).unwrap();
        let b = t.backend().buffer();
        let mut out = String::new();
        for y in 0..b.area.height {
            for x in 0..b.area.width {
                out.push_str(b[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    };
    app.update(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
    let screen = render(&mut app);
    assert!(
        screen.contains(&format!("Requests: 1 of {asked} received")),
        "{screen}"
    );
    app.update(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
    let screen = render(&mut app);
    assert!(screen.contains("PRV-UD-01"), "{screen}");
    assert!(screen.contains("Requested from the practice"), "{screen}");
    assert!(screen.contains("received 2026-11-20"), "{screen}");
}

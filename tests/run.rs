//! A whole run of the app through the real event loop under ratatui's `TestBackend`: keys
//! in, screens out, every effect (saves, export) carried out against a temporary folder.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use hipaudit::domain::catalog::{Area, Catalog};
use hipaudit::domain::workspace::{AnswerStatus, Workspace};
use hipaudit::io::store;
use hipaudit::tui::app::App;
use hipaudit::tui::effects::Session;
use hipaudit::tui::event_loop::{self, Events, Signals};

/// Events from a script; each is delivered at once, as if typed quickly.
struct Script {
    events: VecDeque<Event>,
    screens: usize,
}

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Option<Event>> {
        self.screens += 1;
        Ok(self.events.pop_front())
    }
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}
fn code(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}
fn typed(s: &str) -> Vec<Event> {
    s.chars().map(key).collect()
}

#[test]
fn answer_note_owner_board_export_and_quit_through_the_real_loop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.ron");
    let c = Catalog::builtin();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let ws = Workspace::new("Loop Clinic", "Ana", c, today);
    let stamp = store::save(&path, &ws).unwrap().stamp;
    let first = c.in_area(Area::Privacy).next().unwrap().id.clone();
    let mut app = App::new(c, ws, path.clone(), today, "tester");
    let mut session = Session::new(Some(stamp), None, None);

    let mut events: Vec<Event> = vec![key('n'), key('k'), key('e')];
    events.extend(typed("Policy binder missing"));
    events.push(code(KeyCode::Esc));
    events.push(key('o'));
    events.extend(typed("Dana Lee"));
    events.push(code(KeyCode::Enter));
    events.extend([key('6'), key('X'), code(KeyCode::Enter), key('q')]);
    let mut script = Script {
        events: events.into(),
        screens: 0,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let now = || today.and_hms_opt(10, 0, 0).unwrap();
    let exit = event_loop::run(
        &mut terminal,
        &mut app,
        &mut session,
        &mut script,
        &Signals::none(),
        &now,
        &mut |_, _| anyhow::bail!("no outside editor in this test"),
    )
    .unwrap();
    assert!(exit.farewell.is_none());
    assert!(script.events.is_empty(), "every key was read");

    // The last screen drawn is the board, with the gap and its owner.
    let screen: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains(&first) && screen.contains("Dana Lee"),
        "{screen}"
    );

    // Everything reached the disk: the answer, the note, the owner, when and by whom.
    let (on_disk, _) = store::load(&path).unwrap();
    assert_eq!(on_disk.status(&first), AnswerStatus::No);
    assert_eq!(on_disk.note(&first), "Policy binder missing");
    assert_eq!(on_disk.remediation(&first).owner, "Dana Lee");
    assert_eq!(
        on_disk.answers[&first].at,
        Some(today.and_hms_opt(10, 0, 0).unwrap())
    );
    // The export effect wrote the report beside the workspace.
    let report = std::fs::read_to_string(dir.path().join("run-report.md")).unwrap();
    assert!(report.contains("Loop Clinic") && report.contains("Dana Lee"));
    assert!(!app.dirty());
}

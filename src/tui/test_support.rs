//! What the update-function tests share: a fresh workspace app on a fixed day, and keys.
use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::tui::app::App;

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}
pub(crate) fn app() -> App {
    let c = Catalog::builtin();
    App::new(
        c,
        Workspace::new("Acme", "Ana", c, today()),
        PathBuf::from("t.ron"),
        today(),
        "tester",
    )
}
pub(crate) fn k(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}
pub(crate) fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}
pub(crate) fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(k(c));
    }
}
pub(crate) fn enter(app: &mut App) {
    app.update(code(KeyCode::Enter));
}

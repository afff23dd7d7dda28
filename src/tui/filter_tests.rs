//! The meeting's agenda is the board's filter: `level:high+` and a meeting walks those gaps
//! only; `/` on the board puts an exact id first (`BA-02` before `ADM-BA-02`).

use std::path::Path;

use ratatui::crossterm::event::KeyCode;

use crate::domain::catalog::Catalog;
use crate::domain::scoring::RiskLevel;
use crate::tui::app::App;
use crate::tui::state::Mode;
use crate::tui::test_support::{code, enter, k, today, typed};

fn demo() -> App {
    let ws = crate::io::store::from_ron(crate::io::paths::DEMO, Path::new("demo.ron")).unwrap();
    App::new(Catalog::builtin(), ws, "demo.ron".into(), today(), "tester")
}

#[test]
fn a_meeting_walks_only_the_gaps_a_level_filter_keeps() {
    let mut a = demo();
    a.update(k('6'));
    let all = a.doc.board_rows().len();
    a.update(k('f'));
    // The prompt offers the current filter selected: typing replaces it.
    typed(&mut a, "level:high+");
    enter(&mut a);
    let rows = a.doc.board_rows().len();
    assert!(
        rows > 0 && rows < all,
        "{rows} of {all} gaps are high or very high"
    );
    // A new meeting: its date (today offered), then who attends.
    a.update(k('M'));
    if matches!(&a.mode, Mode::Prompt(_)) {
        enter(&mut a);
        typed(&mut a, "Dana Whitfield (practice manager)");
        enter(&mut a);
    }
    assert!(a.meeting.on, "{:?}", a.message);
    let mut seen = Vec::new();
    for _ in 0..all + 2 {
        let g = a.board_gap().expect("a gap on the card");
        assert!(g.level() >= RiskLevel::High, "{} is {:?}", g.id, g.level());
        if !seen.contains(&g.id) {
            seen.push(g.id.clone());
        }
        a.update(k('j'));
    }
    assert_eq!(
        seen.len(),
        rows,
        "the meeting walked every filtered gap and no other"
    );
    // Leaving the meeting keeps the filter for the board.
    a.update(code(KeyCode::Esc));
    assert!(!a.meeting.on);
    assert_eq!(a.doc.board_rows().len(), rows);
}

#[test]
fn search_on_the_board_puts_an_exact_id_before_ids_that_contain_it() {
    let mut a = demo();
    a.update(k('6'));
    a.update(k('/'));
    typed(&mut a, "ba-02");
    let Mode::Search(s) = &a.mode else {
        panic!("the search is open")
    };
    let gaps = a.doc.gaps();
    let first = &gaps[s.results[0]].id;
    assert!(s.results.len() > 1, "ba-02 also matches ADM-BA-02");
    assert_eq!(first, "BA-02", "{:?}", s.results);
}

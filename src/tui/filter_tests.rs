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

/// A meeting starts on a project's row (projects come first). `c` there records the words on
/// the project, and `S` too (a project has no response of its own): before, both only showed
/// a message, so "Dana: we agree" typed next ran as keys on the next gap and set its owner
/// (found by attack).
#[test]
fn what_is_said_on_a_projects_row_in_a_meeting_is_recorded_on_the_project() {
    for key in ['c', 'S'] {
        let mut a = demo();
        meeting_with_dana(&mut a);
        assert!(a.meeting.on);
        let pid = a.board_gap().unwrap().id.clone();
        assert!(a.doc.ws.project(&pid).is_some(), "{pid} is a project");
        let remediation = a.doc.ws.remediation.clone();
        a.update(k(key));
        assert!(matches!(&a.mode, Mode::Prompt(_)), "{key}: a prompt opens");
        typed(&mut a, "Dana: we agree");
        enter(&mut a);
        let d = a.doc.ws.decisions.last().unwrap();
        assert_eq!(
            (d.gap.as_str(), d.text.as_str()),
            (pid.as_str(), "we agree")
        );
        assert_eq!(d.by, "Dana Whitfield", "the attendee's full name");
        assert_eq!(
            a.doc.ws.remediation, remediation,
            "{key}: no gap was edited"
        );
    }
}

/// `S` names the attendee as `c` does: "Dana: partly: …" is Dana Whitfield's response.
#[test]
fn a_response_names_the_attendee_in_full() {
    let mut a = demo();
    meeting_with_dana(&mut a);
    while a
        .board_gap()
        .is_some_and(|g| a.doc.ws.project(&g.id).is_some())
    {
        a.update(k('j'));
    }
    a.update(k('S'));
    typed(&mut a, "Dana: partly: the test is booked");
    enter(&mut a);
    let by: Vec<String> = a
        .doc
        .ws
        .remediation
        .values()
        .filter_map(|r| r.response.as_ref())
        .filter(|r| r.text.contains("the test is booked"))
        .map(|r| r.by.clone())
        .collect();
    assert_eq!(by, ["Dana Whitfield"]);
}

/// The board, then a meeting today with Dana Whitfield (practice manager).
fn meeting_with_dana(a: &mut App) {
    a.update(k('6'));
    a.update(k('M'));
    if matches!(&a.mode, Mode::Prompt(_)) {
        enter(a);
        typed(a, "Dana Whitfield (practice manager)");
        enter(a);
    }
}

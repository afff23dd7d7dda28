//! Update-function tests: keys in, state and effects checked (answers, notes, the board,
//! search, read-only). The register, forms, matrix, editor and tab keys are in
//! `app_more_tests.rs`.
use super::*;
use crate::domain::board;
use crate::domain::gaps;
use crate::domain::workspace::{AnswerStatus, RemediationField, RemediationStatus};
use crate::tui::test_support::{app, code, k, typed};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub(super) fn first_privacy_id(app: &App) -> String {
    app.doc
        .catalog
        .in_area(Area::Privacy)
        .next()
        .unwrap()
        .id
        .clone()
}

#[test]
fn answering_records_and_moves_to_the_next_question() {
    let mut a = app();
    let id = first_privacy_id(&a);
    a.update(k('n'));
    assert_eq!(a.doc.ws.status(&id), AnswerStatus::No);
    assert_eq!(
        a.doc.ws.answers[&id].by, "tester",
        "the person running hipaudit is the actor, not the lead assessor"
    );
    assert_eq!(a.audit.view(Area::Privacy).row, 1);
    assert!(a.dirty());
    a.update(k('k'));
    assert_eq!(a.current_gap_id(), Some(id));
}

#[test]
fn answering_the_last_question_of_a_section_moves_into_the_next() {
    let mut a = app();
    let n = a.audit.sections_of(Area::Privacy)[0].questions.len();
    for _ in 0..n {
        a.update(k('y'));
    }
    assert_eq!(
        (
            a.audit.view(Area::Privacy).section,
            a.audit.view(Area::Privacy).row
        ),
        (1, 0)
    );
}

#[test]
fn note_is_kept_after_esc() {
    let mut a = app();
    let id = first_privacy_id(&a);
    a.update(k('e'));
    typed(&mut a, "line one");
    a.update(code(KeyCode::Enter));
    typed(&mut a, "line two");
    a.update(code(KeyCode::Esc));
    assert!(matches!(a.mode, Mode::Normal));
    assert_eq!(a.doc.ws.note(&id), "line one\nline two");
}

#[test]
fn bad_due_date_is_refused_and_nothing_changes() {
    let mut a = app();
    let id = first_privacy_id(&a);
    a.update(k('n'));
    a.update(k('k'));
    a.update(k('d'));
    // An empty due date is offered as the configured offset for the gap's level.
    let Mode::Prompt(p) = &a.mode else {
        panic!("no prompt")
    };
    assert!(p.input.text().starts_with('+') && p.input.text().ends_with('d'));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "2026-13-45");
    a.update(code(KeyCode::Enter));
    let Mode::Prompt(p) = &a.mode else {
        panic!("prompt closed")
    };
    assert!(p.error.as_deref().unwrap().contains("2026-13-45"));
    assert_eq!(a.doc.ws.remediation(&id).due, None);
    a.update(code(KeyCode::Esc));
    assert_eq!(a.doc.ws.remediation(&id).due, None);
    a.update(k('d'));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "+2w");
    a.update(code(KeyCode::Enter));
    assert_eq!(
        a.doc.ws.remediation(&id).due,
        NaiveDate::from_ymd_opt(2026, 12, 12)
    );
}

#[test]
fn empty_owner_is_refused_and_completion_fills_known_owners() {
    let mut a = app();
    let id = first_privacy_id(&a);
    a.update(k('n'));
    a.update(k('k'));
    a.update(k('o'));
    a.update(code(KeyCode::Enter));
    assert!(matches!(&a.mode, Mode::Prompt(p) if p.error.is_some()));
    typed(&mut a, "Dana Lee");
    a.update(code(KeyCode::Enter));
    assert_eq!(a.doc.ws.remediation(&id).owner, "Dana Lee");
    a.update(k('j'));
    a.update(k('n'));
    a.update(k('k'));
    a.update(k('o'));
    typed(&mut a, "da");
    a.update(code(KeyCode::Tab));
    a.update(code(KeyCode::Enter));
    let id2 = a.current_gap_id().unwrap();
    assert_eq!(a.doc.ws.remediation(&id2).owner, "Dana Lee");
}

#[test]
fn gap_keys_on_a_non_gap_explain_themselves() {
    let mut a = app();
    a.update(k('o'));
    assert!(matches!(a.mode, Mode::Normal));
    assert!(a.message.as_deref().unwrap().contains("No or Partial"));
}

#[test]
fn status_cycles_on_the_board() {
    let mut a = app();
    a.update(k('n'));
    a.update(k('6'));
    a.update(k('s'));
    let id = a.current_gap_id().unwrap();
    assert_eq!(
        a.doc.ws.remediation(&id).status,
        RemediationStatus::InProgress
    );
}

#[test]
fn quit_asks_the_loop_to_save_first() {
    let mut a = app();
    assert_eq!(a.update(k('q')), vec![Effect::Quit]);
    let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(a.update(ev), vec![Effect::Quit]);
}

#[test]
fn search_finds_references_and_jumps_across_tabs() {
    let mut a = app();
    a.update(k('/'));
    typed(&mut a, "164.312(a)(2)(iv)");
    let Mode::Search(s) = &a.mode else { panic!() };
    assert!(!s.results.is_empty());
    let want = s.results[0];
    a.update(code(KeyCode::Enter));
    assert_eq!(a.current_question(), Some(want));
    assert_eq!(a.tab, Tab::Audit(a.doc.catalog.questions[want].area()));
    let areas: std::collections::BTreeSet<Area> = s_results(&mut a, "164.312(a)(2)(iv)")
        .iter()
        .map(|&i| a.doc.catalog.questions[i].area())
        .collect();
    assert!(areas.contains(&Area::Nist), "{areas:?}");
}

pub(super) fn s_results(a: &mut App, q: &str) -> Vec<usize> {
    a.update(k('/'));
    typed(a, q);
    let Mode::Search(s) = &a.mode else { panic!() };
    let r = s.results.clone();
    a.update(code(KeyCode::Esc));
    r
}

#[test]
fn search_finds_note_text() {
    let mut a = app();
    let id = first_privacy_id(&a);
    a.update(k('e'));
    typed(&mut a, "binder in the back office");
    a.update(code(KeyCode::Esc));
    a.update(k('3'));
    a.update(k('/'));
    typed(&mut a, "binder");
    a.update(code(KeyCode::Enter));
    assert_eq!(
        a.current_question()
            .map(|q| a.doc.catalog.questions[q].id.clone()),
        Some(id)
    );
}

#[test]
fn read_only_refuses_edits() {
    let mut a = app();
    a.file.read_only = Some("this workspace is open in pid 1 on h".into());
    a.update(k('y'));
    assert!(a.doc.ws.answers.is_empty());
    assert!(a.message.as_deref().unwrap().contains("read-only"));
    assert!(!a.dirty());
}

#[test]
fn the_patched_board_equals_a_fresh_derivation() {
    let mut a = app();
    let ids: Vec<String> = a
        .doc
        .catalog
        .in_area(Area::Privacy)
        .take(6)
        .map(|q| q.id.clone())
        .collect();
    let _ = a.doc.gaps();
    let script = "npnynx";
    for c in script.chars() {
        a.update(k(c));
        assert_eq!(
            *a.doc.gaps(),
            gaps::derive(a.doc.catalog, &a.doc.ws),
            "after {c}"
        );
    }
    a.update(k('g'));
    a.update(k('y'));
    a.update(k('6'));
    a.update(k('s'));
    a.update(k('o'));
    typed(&mut a, "Bo");
    a.update(code(KeyCode::Enter));
    assert_eq!(*a.doc.gaps(), gaps::derive(a.doc.catalog, &a.doc.ws));
    a.update(k('2'));
    a.update(k('k'));
    a.update(k('n'));
    assert_eq!(*a.doc.gaps(), gaps::derive(a.doc.catalog, &a.doc.ws));
    assert!(a.doc.gaps().iter().all(|g| ids.contains(&g.id)));
}

fn board_app() -> App {
    let mut a = app();
    for _ in 0..4 {
        a.update(k('n'));
    }
    a.update(k('6'));
    a
}

/// The statuses of every gap, to prove which ones a key changed.
fn statuses(a: &App) -> Vec<(String, RemediationStatus)> {
    a.doc
        .gaps()
        .iter()
        .map(|g| (g.id.clone(), a.doc.ws.remediation(&g.id).status))
        .collect()
}

#[test]
fn s_four_times_changes_only_the_gap_under_the_cursor_whatever_re_sorts() {
    for meeting in [false, true] {
        let mut a = board_app();
        // Ordered by status: every press moves the gap to another place in the list.
        a.doc.ws.view.sort = crate::domain::board::GapSort::Status;
        a.doc.touch();
        a.update(code(KeyCode::Down));
        if meeting {
            a.update(k('M'));
            a.update(code(KeyCode::Enter));
            typed(&mut a, "Dana (manager)");
            a.update(code(KeyCode::Enter));
            assert!(a.meeting.on);
        }
        let id = a.current_gap_id().unwrap();
        let before = statuses(&a);
        for _ in 0..3 {
            a.update(k('s'));
            assert_eq!(a.current_gap_id().as_deref(), Some(id.as_str()));
        }
        // The fourth asks who accepts the risk: a name, a role and a reason, or nothing
        // changes.
        a.update(k('s'));
        let accepting = |a: &App| matches!(&a.mode, Mode::Form(f) if matches!(f.kind, crate::tui::state::FormKind::Accept(_)));
        assert!(accepting(&a));
        typed(&mut a, "Dana");
        a.update(code(KeyCode::Enter));
        assert!(accepting(&a), "a role is needed too");
        typed(&mut a, "practice manager");
        a.update(code(KeyCode::Enter));
        assert!(accepting(&a), "and a reason");
        typed(&mut a, "the clinic closes this site in March");
        a.update(code(KeyCode::Enter));
        assert_eq!(
            a.doc.ws.remediation(&id).status,
            RemediationStatus::RiskAccepted
        );
        assert_eq!(a.current_gap_id().as_deref(), Some(id.as_str()));
        assert_eq!(a.doc.ws.decisions_on(&id).count(), 1);
        a.update(k('s'));
        let after = statuses(&a);
        for ((gid, b), (_, n)) in before.iter().zip(&after) {
            if *gid != id {
                assert_eq!(b, n, "{gid} changed too (meeting {meeting})");
            }
        }
        assert_eq!(
            a.doc.ws.remediation(&id).status,
            RemediationStatus::Open,
            "full cycle"
        );
    }
}

#[test]
fn a_gap_leaving_the_filter_leaves_the_cursor_on_its_neighbour_with_a_message() {
    let mut a = board_app();
    a.doc.ws.view.filter = crate::domain::board::GapFilter::parse("status:open").unwrap();
    a.doc.touch();
    let rows_before = a.doc.board_rows().len();
    let id = a.current_gap_id().unwrap();
    a.update(k('s'));
    assert_eq!(a.doc.board_rows().len(), rows_before - 1);
    let now = a.current_gap_id().unwrap();
    assert_ne!(now, id);
    let m = a.message.clone().unwrap();
    assert!(m.contains(&id) && m.contains("no longer shown"), "{m}");
    assert!(m.contains(&now), "{m}");
}

#[test]
fn bulk_edits_say_when_marked_gaps_are_hidden_by_the_filter() {
    let mut a = board_app();
    a.update(k(' '));
    a.update(k(' '));
    let marked: Vec<String> = a.board.marked.iter().cloned().collect();
    assert_eq!(marked.len(), 2);
    // Hide the first marked gap behind an owner filter.
    a.doc
        .ws
        .set_remediation(&marked[1], RemediationField::Owner("Bo".into()), &a.actor());
    a.doc.touch();
    a.doc.ws.view.filter = crate::domain::board::GapFilter::parse("owner:Bo").unwrap();
    a.doc.touch();
    a.board.row = 0;
    a.update(k('s'));
    let m = a.message.clone().unwrap();
    assert!(m.contains("1 hidden by the filter"), "{m}");
    for id in &marked {
        assert_eq!(
            a.doc.ws.remediation(id).status,
            RemediationStatus::InProgress
        );
    }
}

#[test]
fn board_filter_prompt_applies_refuses_bad_input_and_clears() {
    let mut a = board_app();
    a.update(k('o'));
    typed(&mut a, "Bo");
    a.update(code(KeyCode::Enter));
    a.update(k('f'));
    typed(&mut a, "status:maybe");
    a.update(code(KeyCode::Enter));
    assert!(
        matches!(&a.mode, Mode::Prompt(p) if p.error.is_some()),
        "bad filter refused in place"
    );
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "owner:bo");
    a.update(code(KeyCode::Enter));
    assert_eq!(a.doc.board_rows().len(), 1);
    assert_eq!(
        a.doc.ws.view.filter.owner.as_deref(),
        Some("bo"),
        "kept in the workspace"
    );
    a.update(k('F'));
    assert_eq!(a.doc.board_rows().len(), 4);
    assert!(a.doc.ws.view.filter.is_empty());
}

#[test]
fn sort_cycles_and_is_saved_with_the_workspace() {
    let mut a = board_app();
    let before = a.doc.generation;
    a.update(k('O'));
    assert_eq!(a.doc.ws.view.sort, board::GapSort::Risk);
    assert!(a.doc.generation > before, "a view change is saved");
}

#[test]
fn marked_rows_take_owner_due_and_status_together() {
    let mut a = board_app();
    a.update(k(' '));
    a.update(k(' '));
    a.update(k(' '));
    assert_eq!(a.board.marked.len(), 3);
    a.update(k('o'));
    typed(&mut a, "Team IT");
    a.update(code(KeyCode::Enter));
    a.update(k('d'));
    typed(&mut a, "+30d");
    a.update(code(KeyCode::Enter));
    a.update(k('k'));
    a.update(k('s'));
    let owned: Vec<String> = a
        .doc
        .ws
        .remediation
        .iter()
        .filter(|(_, r)| r.owner == "Team IT")
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(owned.len(), 3);
    for id in &owned {
        let r = a.doc.ws.remediation(id);
        assert_eq!(r.due, NaiveDate::from_ymd_opt(2026, 12, 28));
        assert_eq!(r.status, RemediationStatus::InProgress);
    }
    a.update(code(KeyCode::Esc));
    assert!(a.board.marked.is_empty(), "Esc clears the marks");
}

#[test]
fn detail_and_meeting_open_and_close() {
    let mut a = board_app();
    a.update(code(KeyCode::Enter));
    assert!(a.board.detail);
    a.update(k('s'));
    assert_eq!(
        a.doc.ws.remediation(&a.current_gap_id().unwrap()).status,
        RemediationStatus::InProgress
    );
    a.update(code(KeyCode::Esc));
    assert!(!a.board.detail);
    a.update(k('M'));
    assert!(
        !a.meeting.on,
        "a meeting starts with its date and attendees"
    );
    a.update(code(KeyCode::Enter));
    typed(&mut a, "Dana (manager)");
    a.update(code(KeyCode::Enter));
    assert!(a.meeting.on);
    assert_eq!(a.doc.ws.meetings.len(), 1);
    a.update(k('j'));
    assert_eq!(a.board.row, 1);
    a.update(code(KeyCode::Esc));
    assert!(!a.meeting.on);
}

#[test]
fn answering_yes_takes_a_gap_off_the_board() {
    let mut a = board_app();
    let id = first_privacy_id(&a);
    assert!(a.doc.board_rows().iter().any(|&i| a.doc.gaps()[i].id == id));
    a.update(k('2'));
    a.update(k('g'));
    a.update(k('y'));
    a.update(k('6'));
    assert!(a.doc.board_rows().iter().all(|&i| a.doc.gaps()[i].id != id));
    assert_eq!(a.doc.board_rows().len(), 3);
}

//! Update-function tests: keys in, state and effects checked.
//!
//! Long on purpose: one test a behaviour of the update function, all driven by keys.
use super::*;
use crate::domain::board;
use crate::domain::gaps;
use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::workspace::{AnswerStatus, RemediationField, RemediationStatus, Treatment};
use crate::tui::state::RiskField;
use crate::tui::test_support::{app, code, k, typed};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn first_privacy_id(app: &App) -> String {
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

fn s_results(a: &mut App, q: &str) -> Vec<usize> {
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
        // The fourth asks who accepts the risk: a name and a role, or nothing changes.
        a.update(k('s'));
        assert!(
            matches!(&a.mode, Mode::Prompt(p) if matches!(p.kind, PromptKind::AcceptRisk { .. }))
        );
        typed(&mut a, "Dana");
        a.update(code(KeyCode::Enter));
        assert!(matches!(a.mode, Mode::Prompt(_)), "a role is needed too");
        typed(&mut a, ", practice manager");
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

fn register_app() -> App {
    let mut a = app();
    a.update(k('5'));
    a.update(k('h'));
    a.update(k('G'));
    a.update(k('l'));
    assert!(a.register_open());
    a
}

#[test]
fn a_risk_from_the_library_is_rated_and_reaches_the_board_until_accepted() {
    let mut a = register_app();
    a.update(k('A'));
    a.update(k('j'));
    a.update(code(KeyCode::Enter));
    assert!(matches!(a.mode, Mode::RiskForm(_)));
    a.update(code(KeyCode::Enter));
    assert_eq!(a.doc.ws.risks.len(), 1);
    let id = a.doc.ws.risks[0].id.clone();
    assert_eq!(a.doc.ws.risks[0].title, risk::library()[0].title);
    a.update(k('L'));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "4");
    a.update(code(KeyCode::Enter));
    a.update(k('I'));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "5");
    a.update(code(KeyCode::Enter));
    assert_eq!(
        (a.doc.ws.risks[0].likelihood, a.doc.ws.risks[0].impact),
        (Rating::HIGH, Rating::VERY_HIGH)
    );
    assert_eq!(risk::matrix(&a.doc.ws, risk::Basis::Inherent)[3][4], 1);
    assert!(a.doc.gaps().iter().any(|g| g.id == id), "on the board");
    a.update(k('t'));
    assert_eq!(a.doc.ws.risks[0].treatment, Treatment::Accept);
    assert!(
        !a.doc.gaps().iter().any(|g| g.id == id),
        "accepted: off the board"
    );
    assert_eq!(a.doc.ws.risks.len(), 1, "still in the register");
}

#[test]
fn the_risk_form_refuses_bad_values_and_esc_changes_nothing() {
    let mut a = register_app();
    a.update(k('A'));
    a.update(code(KeyCode::Enter));
    a.update(code(KeyCode::Enter));
    let Mode::RiskForm(f) = &a.mode else {
        panic!("form closed")
    };
    assert_eq!(
        f.focused(),
        Some(RiskField::Title),
        "a blank entry needs a title"
    );
    assert!(f.error.is_some());
    typed(&mut a, "Tailgating into the records room");
    for _ in 0..11 {
        a.update(code(KeyCode::Tab));
    }
    typed(&mut a, "NOPE-XX-01");
    a.update(code(KeyCode::Enter));
    let Mode::RiskForm(f) = &a.mode else {
        panic!("form closed")
    };
    assert_eq!(f.focused(), Some(RiskField::Links));
    assert!(f.error.as_deref().unwrap().contains("NOPE-XX-01"));
    a.update(code(KeyCode::Esc));
    assert!(a.doc.ws.risks.is_empty());
}

#[test]
fn delete_asks_first_and_undo_restores() {
    let mut a = register_app();
    a.update(k('A'));
    a.update(k('j'));
    a.update(code(KeyCode::Enter));
    a.update(code(KeyCode::Enter));
    a.update(k('D'));
    a.update(k('n'));
    assert_eq!(a.doc.ws.risks.len(), 1, "anything but y keeps it");
    a.update(k('D'));
    a.update(k('y'));
    assert!(a.doc.ws.risks.is_empty());
    a.update(k('U'));
    assert_eq!(a.doc.ws.risks.len(), 1);
    let fields: Vec<&str> = a.doc.ws.log.iter().map(|c| c.new.as_str()).collect();
    assert!(fields.contains(&"deleted"));
    assert!(fields.iter().any(|f| f.starts_with("restored")));
}

#[test]
fn the_matrix_cursor_moves_within_the_grid() {
    let mut a = register_app();
    a.update(k('m'));
    assert!(matches!(
        a.mode,
        Mode::Matrix {
            likelihood: Rating::MODERATE,
            impact: Rating::MODERATE
        }
    ));
    for _ in 0..9 {
        a.update(k('k'));
        a.update(k('l'));
    }
    assert!(matches!(
        a.mode,
        Mode::Matrix {
            likelihood: Rating::VERY_HIGH,
            impact: Rating::VERY_HIGH
        }
    ));
    a.update(code(KeyCode::Esc));
    assert!(matches!(a.mode, Mode::Normal));
}

#[test]
fn keys_wait_while_the_window_is_too_small() {
    let mut a = app();
    a.resize(40, 10);
    a.update(k('n'));
    a.update(k('e'));
    assert!(a.doc.ws.answers.is_empty());
    assert!(matches!(a.mode, Mode::Normal));
    assert_eq!(a.update(k('q')), vec![Effect::Quit]);
}

#[test]
fn redaction_blocks_note_editing_and_note_search() {
    let mut a = app();
    a.update(k('e'));
    typed(&mut a, "patient Jane Roe");
    a.update(code(KeyCode::Esc));
    a.update(k('R'));
    a.update(k('e'));
    assert!(matches!(a.mode, Mode::Normal), "no hidden editing");
    assert_eq!(a.update(k('E')), vec![], "nor in the outside editor");
    assert!(
        s_results(&mut a, "Roe").is_empty(),
        "search does not reveal hidden notes"
    );
}

#[test]
fn the_editor_undoes_with_ctrl_z_and_keeps_pasted_line_breaks() {
    let mut a = app();
    let id = first_privacy_id(&a);
    a.update(k('e'));
    a.paste("first\rsecond\r\nthird");
    typed(&mut a, "X");
    a.update(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    a.update(code(KeyCode::Esc));
    assert_eq!(a.doc.ws.note(&id), "first\nsecond\nthird");
}

#[test]
fn messages_use_plain_words() {
    let mut a = app();
    a.update(k('o'));
    let m = a.message.clone().unwrap();
    assert!(m.starts_with("set the owner"), "{m}");
    assert!(!m.contains("SetOwner"));
}

#[test]
fn the_export_menu_chooses_a_format_and_redaction() {
    let mut a = app();
    a.update(k('X'));
    a.update(k('j'));
    a.update(k('r'));
    assert_eq!(
        a.update(code(KeyCode::Enter)),
        vec![Effect::Export {
            format: crate::exchange::export::ExportFormat::Html,
            redact: true
        }]
    );
    a.update(k('R'));
    a.update(k('X'));
    assert!(
        matches!(a.mode, Mode::Export { redact: true, .. }),
        "redacted screen, redacted export"
    );
}

#[test]
fn tabs_cycle_and_jump() {
    let mut a = app();
    a.update(k('1'));
    assert_eq!(a.tab, Tab::Dashboard);
    a.update(code(KeyCode::BackTab));
    assert_eq!(a.tab, Tab::Gaps);
    a.update(code(KeyCode::Tab));
    assert_eq!(a.tab, Tab::Dashboard);
}

#[test]
fn sections_pane_moves_between_sections() {
    let mut a = app();
    a.update(k('h'));
    a.update(k('j'));
    assert_eq!(a.audit.view(Area::Privacy).section, 1);
    a.update(k('l'));
    a.update(k('j'));
    assert_eq!(a.audit.view(Area::Privacy).row, 1);
    a.update(k('G'));
    let len = a.audit.sections_of(Area::Privacy)[1].questions.len();
    assert_eq!(a.audit.view(Area::Privacy).row, len - 1);
}

//! Update-function tests of the register (library, form, delete and undo, the matrix), the
//! too-small window, redaction, the editor, the export menu and the tab keys.
use super::tests::{first_privacy_id, s_results};
use super::*;
use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::workspace::Treatment;
use crate::tui::state::{FormField, RiskField};
use crate::tui::test_support::{app, code, k, typed};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

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
    for _ in 0..RiskField::Links.index() {
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

/// A window shrunk under the minimum while a note or plan is open keeps its text when q
/// quits from there (found by attack: the typed note was dropped with the window).
#[test]
fn q_on_the_too_small_screen_keeps_the_note_and_plan_being_typed() {
    let mut a = app();
    a.update(k('e'));
    typed(&mut a, "half a note");
    a.resize(40, 10);
    assert_eq!(a.update(k('q')), vec![Effect::Quit]);
    assert!(
        a.doc.ws.answers.values().any(|x| x.note == "half a note"),
        "the note is kept"
    );
    assert!(
        a.doc.generation > a.doc.saved_generation,
        "the quit saves it"
    );
    // The board's plan editor likewise.
    let mut a = app();
    a.update(k('n'));
    a.update(k('6'));
    a.update(k('r'));
    assert!(matches!(a.mode, Mode::Editor(_)), "r opens the plan");
    typed(&mut a, "call the vendor");
    a.resize(20, 5);
    assert_eq!(a.update(k('q')), vec![Effect::Quit]);
    assert!(
        a.doc
            .ws
            .remediation
            .values()
            .any(|r| r.plan.contains("call the vendor")),
        "the plan is kept"
    );
}

/// Ctrl-c quits from the note editor and from a prompt too, where q types a letter, and
/// keeps the note being typed (found by attack: it did nothing there).
#[test]
fn ctrl_c_quits_while_typing_and_keeps_the_note() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut a = app();
    a.update(k('e'));
    typed(&mut a, "typed before ctrl-c");
    assert_eq!(a.update(ctrl_c), vec![Effect::Quit]);
    assert!(
        a.doc
            .ws
            .answers
            .values()
            .any(|x| x.note == "typed before ctrl-c"),
        "the note is kept"
    );
    let mut a = app();
    a.update(k('n'));
    a.update(k('6'));
    a.update(k('o'));
    assert!(!matches!(a.mode, Mode::Normal), "o opens the owner prompt");
    typed(&mut a, "Da");
    assert_eq!(a.update(ctrl_c), vec![Effect::Quit]);
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

#[test]
fn an_asset_added_from_keys_closes_its_form_and_the_cursor_is_on_it() {
    let mut a = app();
    for c in ['5', 'h', 'G', 'k', 'l'] {
        a.update(k(c));
    }
    assert!(a.inventory_open());
    a.update(k('A'));
    typed(&mut a, "Clinician laptops");
    a.update(code(KeyCode::Tab));
    typed(&mut a, "laptop");
    a.update(code(KeyCode::Enter));
    assert!(matches!(a.mode, Mode::Normal), "the form closed");
    assert_eq!(a.doc.ws.assets.len(), 1);
    a.update(k('r'));
    assert!(matches!(a.mode, Mode::Library { .. }));
}

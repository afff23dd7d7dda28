//! Update-function tests of the engagement profile: a change in the engagement form takes a
//! section out of the tabs and the board, and undoing it brings the answers back as they were.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::catalog::{Area, Catalog};
use crate::tui::app::App;
use crate::tui::overlays::form::EngagementFormField;
use crate::tui::state::Mode;
use crate::tui::test_support::{code, enter, k, today, typed};

fn demo() -> App {
    let ws = crate::io::demo::build(Catalog::builtin());
    App::new(
        Catalog::builtin(),
        ws,
        PathBuf::from("demo.ron"),
        today(),
        "tester",
    )
}

/// Opens the engagement form, replaces the services with `services` and saves.
fn set_services(a: &mut App, services: &str) {
    a.update(k('i'));
    while !matches!(&a.mode, Mode::Form(f) if f.focused() == Some(EngagementFormField::Services)) {
        a.update(code(KeyCode::Tab));
    }
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(a, services);
    enter(a);
    assert!(
        matches!(a.mode, Mode::Normal),
        "the form saved: {:?}",
        a.message
    );
}

fn section_names(a: &App) -> Vec<String> {
    a.audit
        .sections_of(Area::Privacy)
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn a_profile_change_hides_a_section_and_undoing_it_brings_its_answers_back() {
    let mut a = demo();
    let part2 = "Substance use disorder records";
    let shown = |a: &App, id: &str| a.doc.catalog.get(id).is_some();
    // The demo clinic holds no Part 2 records: the consent questions are out of scope, and
    // the clinic's N/A answers to them wait in the file.
    assert!(!shown(&a, "PRV-SUD-02") && !shown(&a, "PRV-SUD-03"));
    let kept = a.doc.ws.answers["PRV-SUD-02"].clone();
    let before = (a.doc.ws.answers.clone(), a.doc.ws.remediation.clone());
    let total = a.doc.catalog.questions.len();
    // The cursor on the last Privacy section's first question: sections before it change.
    let last = a.audit.sections_of(Area::Privacy).len() - 1;
    let qi = a.audit.sections_of(Area::Privacy)[last].questions[0];
    let here = a.doc.catalog.questions[qi].id.clone();
    a.audit.cursor_to(a.doc.catalog, qi);
    let at = |a: &App| {
        a.audit
            .current_question(Area::Privacy)
            .map(|q| a.doc.catalog.questions[q].id.clone())
    };
    assert_eq!(at(&a).as_deref(), Some(here.as_str()));

    set_services(&mut a, "portal eprescribing medical-devices part2");
    assert_eq!(
        at(&a).as_deref(),
        Some(here.as_str()),
        "the cursor stays on its question"
    );
    assert!(shown(&a, "PRV-SUD-02") && shown(&a, "PRV-SUD-03"));
    assert!(section_names(&a).iter().any(|s| s == part2));
    assert_eq!(a.doc.ws.answers["PRV-SUD-02"], kept);
    assert!(a.doc.catalog.questions.len() > total);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .starts_with("profile saved")
    );

    set_services(&mut a, "portal eprescribing medical-devices");
    assert!(!shown(&a, "PRV-SUD-02"));
    assert_eq!(at(&a).as_deref(), Some(here.as_str()), "and after the undo");
    assert_eq!(a.doc.catalog.questions.len(), total);
    // Nothing was deleted either way.
    assert_eq!(
        (a.doc.ws.answers.clone(), a.doc.ws.remediation.clone()),
        before
    );
}

#[test]
fn a_service_that_does_not_exist_is_refused_in_the_form_and_changes_nothing() {
    let mut a = demo();
    let profile = a.doc.ws.profile.clone();
    a.update(k('i'));
    while !matches!(&a.mode, Mode::Form(f) if f.focused() == Some(EngagementFormField::Services)) {
        a.update(code(KeyCode::Tab));
    }
    typed(&mut a, " teleportation");
    enter(&mut a);
    match &a.mode {
        Mode::Form(f) => {
            let e = f.error.as_deref().unwrap_or("");
            assert!(
                e.contains("teleportation") && e.contains("telehealth"),
                "{e}"
            );
        }
        _ => panic!("the form should stay open"),
    }
    assert_eq!(a.doc.ws.profile, profile);
}

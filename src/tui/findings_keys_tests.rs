//! Update-function tests of findings on the board: management's response (`S`) goes to the
//! finding's lead, and `r` and `w` start from the same recommendation.

use crate::domain::catalog::Catalog;
use crate::domain::inventory::Asset;
use crate::domain::rating::Rating;
use crate::domain::response::Stance;
use crate::domain::vendor::Vendor;
use crate::domain::workspace::{Actor, AnswerStatus, RiskEntry, Workspace};
use crate::tui::app::App;
use crate::tui::overlays::form::GapField;
use crate::tui::state::Mode;
use crate::tui::test_support::{enter, k, today, typed};

/// The BAA question answered No, a vendor without a BAA and the register risk of both.
fn app() -> App {
    let c = Catalog::builtin();
    let mut w = Workspace::new("Acme", "Ana", c, today());
    let actor = Actor {
        name: "Ana".into(),
        now: today().and_hms_opt(9, 0, 0).unwrap(),
    };
    w.set_answer("ADM-BA-02", AnswerStatus::No, &actor);
    w.vendors.push(Vendor {
        id: "BA-01".into(),
        name: "SwiftScribe".into(),
        phi: true,
        ..Vendor::default()
    });
    w.assets.push(Asset {
        id: "A-01".into(),
        name: "Dictation".into(),
        vendor: "BA-01".into(),
        ..Asset::default()
    });
    w.risks.push(RiskEntry {
        id: "R-1".into(),
        title: "Vendor without a BAA".into(),
        assets: vec!["A-01".into()],
        likelihood: Rating::new(3).unwrap(),
        impact: Rating::new(4).unwrap(),
        links: vec!["ADM-BA-02".into()],
        ..RiskEntry::default()
    });
    let dir = std::env::temp_dir().join(format!("hipaudit-findings-{}", std::process::id()));
    App::new(c, w, dir.join("w.ron"), today(), "tester")
}

/// The board, filtered down to one item.
fn board_on(a: &mut App, id: &str) {
    a.update(k('6'));
    a.update(k('f'));
    typed(a, id);
    enter(a);
    assert_eq!(a.current_gap_id().as_deref(), Some(id));
}

#[test]
fn a_response_given_on_a_linked_item_is_the_findings_and_reaches_its_thread() {
    let mut a = app();
    board_on(&mut a, "ADM-BA-02");
    a.update(k('S'));
    assert!(matches!(a.mode, Mode::Prompt(_)));
    typed(&mut a, "Dana: partly: we sign by January");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
    let r = a
        .doc
        .ws
        .remediation("R-1")
        .response
        .expect("kept under the lead");
    assert_eq!(
        (r.stance, r.by.as_str(), r.text.as_str()),
        (Stance::Partly, "Dana", "we sign by January")
    );
    assert!(a.doc.ws.remediation("ADM-BA-02").response.is_none());
    assert!(
        a.doc
            .ws
            .decisions_on("R-1")
            .any(|d| d.text.contains("Agrees in part"))
    );
    // A stance that is not one is refused with the words that work, nothing recorded.
    board_on(&mut a, "BA-01");
    a.update(k('S'));
    typed(&mut a, "maybe");
    enter(&mut a);
    let Mode::Prompt(p) = &a.mode else {
        panic!("the prompt stays open on an error")
    };
    assert!(
        p.error
            .as_deref()
            .unwrap_or("")
            .contains("agree, partly or disagree")
    );
}

#[test]
fn the_plan_editor_and_the_form_start_from_the_same_recommendation_for_every_kind() {
    for id in ["ADM-BA-02", "R-1", "BA-01"] {
        let mut a = app();
        board_on(&mut a, id);
        a.update(k('w'));
        let Mode::Form(form) = &a.mode else {
            panic!("{id}: the form opens")
        };
        let offered = form.get(GapField::Plan).to_string();
        assert!(!offered.trim().is_empty(), "{id}: the form offers a plan");
        a.update(crate::tui::test_support::code(
            ratatui::crossterm::event::KeyCode::Esc,
        ));
        a.update(k('r'));
        let Mode::Editor(e) = &a.mode else {
            panic!("{id}: the editor opens")
        };
        assert_eq!(e.textarea.lines().join("\n"), offered, "{id}");
    }
}

#[test]
fn r_on_a_project_row_edits_the_projects_plan_and_s_there_records_no_response() {
    let mut a = app();
    let actor = Actor {
        name: "Ana".into(),
        now: today().and_hms_opt(9, 0, 0).unwrap(),
    };
    let pid = a.doc.ws.add_project(
        crate::domain::workspace::Project {
            name: "Vendor agreements".into(),
            ..Default::default()
        },
        &actor,
    );
    a.doc.ws.set_project("ADM-BA-02", Some(&pid), &actor);
    a.doc.touch();
    board_on(&mut a, &pid);
    a.update(k('r'));
    assert!(matches!(a.mode, Mode::Editor(_)), "the plan editor opens");
    typed(&mut a, "Sign every BAA by January");
    a.update(crate::tui::test_support::code(
        ratatui::crossterm::event::KeyCode::Esc,
    ));
    assert_eq!(
        a.doc.ws.project(&pid).unwrap().plan,
        "Sign every BAA by January"
    );
    assert!(
        a.doc.ws.remediation(&pid).plan.is_empty(),
        "not a gap's plan"
    );
    // A project has no response of its own: S records what is said as a comment on it,
    // so the words typed next never run as keys on another gap.
    a.update(k('S'));
    assert!(
        matches!(&a.mode, Mode::Prompt(p) if p.kind == crate::tui::state::PromptKind::Comment),
        "a comment prompt on the project"
    );
    typed(&mut a, "agree: fine");
    a.update(crate::tui::test_support::code(
        ratatui::crossterm::event::KeyCode::Enter,
    ));
    assert!(a.doc.ws.remediation(&pid).response.is_none());
    assert!(a.doc.ws.decisions.iter().any(|d| d.gap == pid));
}

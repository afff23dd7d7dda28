//! A risk analysis of a fresh workspace done from keys only: an inventory, a flow, risks
//! started from an asset with the reasons for their ratings, a treatment and an acceptance;
//! then the analysis says it is complete. And the pieces one by one: hints never saved,
//! delete asks and undo restores, acceptance in one step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::analysis;
use crate::domain::inventory::AssetKind;
use crate::domain::status::{RemediationStatus, Treatment};
use crate::tui::app::App;
use crate::tui::state::{FormField, FormKind, Mode, RiskField};
use crate::tui::tabs::inventory::AssetField;
use crate::tui::test_support::{app, code, enter, k, typed};

fn tab(a: &mut App, n: usize) {
    for _ in 0..n {
        a.update(code(KeyCode::Tab));
    }
}

/// The Risk tab's inventory (`pane` 0) or register (1), its list focused.
fn open(a: &mut App, pane: usize) {
    for c in ['5', 'h', 'G'] {
        a.update(k(c));
    }
    if pane == 0 {
        a.update(k('k'));
    }
    a.update(k('l'));
}

fn add_asset(a: &mut App, name: &str, kind: &str, ephi: &str) {
    a.update(k('A'));
    typed(a, name);
    tab(a, AssetField::Kind.index());
    typed(a, kind);
    tab(a, AssetField::Ephi.index() - AssetField::Kind.index());
    typed(a, ephi);
    enter(a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
}

/// `r` on the asset under the cursor, the first pair offered, the two reasons typed.
fn risk_for_asset(a: &mut App, likelihood_why: &str, impact_why: &str) -> String {
    a.update(k('r'));
    assert!(matches!(a.mode, Mode::Library { asset: Some(_), .. }));
    a.update(k('j'));
    enter(a);
    let Mode::RiskForm(f) = &a.mode else {
        panic!("the risk form opens: {:?}", a.message)
    };
    assert!(!f.get(RiskField::Assets).is_empty(), "the asset is named");
    assert!(
        f.get(RiskField::Controls).is_empty(),
        "the library's controls are a hint only"
    );
    tab(a, RiskField::LikelihoodWhy.index());
    typed(a, likelihood_why);
    tab(
        a,
        RiskField::ImpactWhy.index() - RiskField::LikelihoodWhy.index(),
    );
    typed(a, impact_why);
    enter(a);
    assert!(matches!(a.mode, Mode::Normal), "saved: {:?}", a.message);
    a.doc.ws.risks.last().unwrap().id.clone()
}

#[test]
fn a_fresh_workspace_gets_a_complete_risk_analysis_from_keys_only() {
    let mut a = app();
    assert!(!analysis::state(&a.doc.ws, a.doc.today).complete);
    open(&mut a, 0);
    add_asset(&mut a, "Clinician laptops", "laptop", "create maintain");
    add_asset(&mut a, "Paper charts", "paper", "maintain");
    // A flow from the laptops (the cursor's asset) to an outside party.
    a.update(k('k'));
    a.update(k('F'));
    tab(&mut a, 1);
    typed(&mut a, "Reference lab");
    tab(&mut a, 1);
    typed(&mut a, "lab orders");
    tab(&mut a, 1);
    typed(&mut a, "email");
    tab(&mut a, 1);
    typed(&mut a, "TLS");
    enter(&mut a);
    assert_eq!(a.doc.ws.flows.len(), 1);
    assert_eq!(
        a.doc.ws.flows[0].from, "A-01",
        "from the asset under the cursor"
    );

    // A risk for each asset, both with reasons.
    a.update(k('g'));
    let laptop = risk_for_asset(
        &mut a,
        "two laptops went home unlocked last year",
        "each holds the whole schedule",
    );
    assert_eq!(a.doc.ws.risks[0].assets, vec!["A-01"]);
    a.update(k('j'));
    let paper = risk_for_asset(
        &mut a,
        "charts sit at the front desk all day",
        "a dozen patients a chart pile",
    );
    let st = analysis::state(&a.doc.ws, a.doc.today);
    assert!(
        st.assets_unassessed.is_empty() && st.risks_unrated.is_empty(),
        "{:?}",
        st.missing
    );

    // The laptop risk is mitigated: a plan in the remediation form (w).
    a.update(code(KeyCode::Esc));
    open(&mut a, 1);
    a.update(k('g'));
    assert_eq!(a.current_risk().map(|r| r.id.clone()), Some(laptop.clone()));
    a.update(k('w'));
    tab(&mut a, 3);
    typed(&mut a, "BitLocker on all four by the end of January");
    enter(&mut a);
    assert!(!a.doc.ws.remediation(&laptop).plan.is_empty());

    // The paper risk is accepted in one step (Z): who, role, date, why, review-by.
    a.update(k('j'));
    assert_eq!(a.current_risk().map(|r| r.id.clone()), Some(paper.clone()));
    a.update(k('Z'));
    assert!(matches!(&a.mode, Mode::Form(f) if matches!(f.kind, FormKind::Accept(_))));
    typed(&mut a, "Dr Nair");
    tab(&mut a, 1);
    typed(&mut a, "Practice owner");
    tab(&mut a, 2);
    typed(&mut a, "charts are scanned and shredded by March");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
    let r = a.doc.ws.risks.iter().find(|r| r.id == paper).unwrap();
    assert_eq!(r.treatment, Treatment::Accept);
    assert_eq!(r.acceptance.as_ref().unwrap().by, "Dr Nair");

    let st = analysis::state(&a.doc.ws, a.doc.today);
    assert!(st.complete, "{:?}", st.missing);
    assert_eq!(a.doc.ws.assets[1].kind, AssetKind::Paper);
}

#[test]
fn the_library_hint_is_never_saved_as_it_is() {
    let mut a = app();
    open(&mut a, 0);
    add_asset(&mut a, "Laptops", "laptop", "maintain");
    a.update(k('r'));
    a.update(k('j'));
    enter(&mut a);
    tab(&mut a, RiskField::Controls.index());
    // Ctrl-t takes the hint into the field; saving it unedited is refused.
    a.update(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL));
    let Mode::RiskForm(f) = &a.mode else { panic!() };
    assert!(f.get(RiskField::Controls).starts_with("Look for"));
    enter(&mut a);
    let Mode::RiskForm(f) = &a.mode else {
        panic!("refused: the form stays")
    };
    assert_eq!(f.focused(), Some(RiskField::Controls));
    assert!(f.error.as_deref().unwrap().contains("library's hint"));
    // Edited, it is the consultant's own words and is kept.
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "BitLocker seen on 2 of 4");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal));
    assert_eq!(a.doc.ws.risks[0].controls, "BitLocker seen on 2 of 4");
}

#[test]
fn deleting_an_asset_asks_says_which_risks_lose_it_and_undo_restores_it() {
    let mut a = app();
    open(&mut a, 0);
    add_asset(&mut a, "Laptops", "laptop", "maintain");
    let r = risk_for_asset(&mut a, "why l", "why i");
    a.update(k('D'));
    assert!(matches!(&a.mode, Mode::ConfirmDelete(id) if id == "A-01"));
    let lines =
        crate::tui::tabs::inventory::InventoryScreen::delete_question(&a.doc, "A-01").unwrap();
    assert!(lines.iter().any(|l| l.contains(&r)), "{lines:?}");
    a.update(k('n'));
    assert_eq!(a.doc.ws.assets.len(), 1, "any other key keeps it");
    a.update(k('D'));
    a.update(k('y'));
    assert!(a.doc.ws.assets.is_empty());
    assert!(a.doc.ws.risks[0].assets.is_empty());
    a.update(k('U'));
    assert_eq!(a.doc.ws.assets[0].id, "A-01");
    assert_eq!(a.doc.ws.risks[0].assets, vec!["A-01"]);
    // A new asset never takes the deleted one's id... unless restored: A-02 next.
    add_asset(&mut a, "Phones", "mobile", "transmit");
    assert_eq!(a.doc.ws.assets[1].id, "A-02");
}

#[test]
fn a_bad_kind_or_count_keeps_the_form_open_with_the_reason() {
    let mut a = app();
    open(&mut a, 0);
    a.update(k('A'));
    typed(&mut a, "Thing");
    tab(&mut a, 1);
    typed(&mut a, "toaster");
    enter(&mut a);
    let Mode::Form(f) = &a.mode else { panic!() };
    assert!(f.error.as_deref().unwrap().contains("medical-device"));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "other");
    tab(&mut a, 1);
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "-3");
    enter(&mut a);
    let Mode::Form(f) = &a.mode else { panic!() };
    assert!(f.error.as_deref().unwrap().contains("whole number"));
    a.update(code(KeyCode::Esc));
    assert!(a.doc.ws.assets.is_empty());
}

#[test]
fn an_acceptance_on_a_question_gap_never_passes_through_done_and_returns_when_due() {
    let mut a = app();
    a.update(k('2'));
    a.update(k('n'));
    a.update(k('k'));
    let id = a.current_gap_id().unwrap();
    a.update(k('Z'));
    typed(&mut a, "Dana");
    tab(&mut a, 1);
    typed(&mut a, "Manager");
    tab(&mut a, 2);
    typed(&mut a, "low volume");
    tab(&mut a, 1);
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "2026-12-31");
    enter(&mut a);
    assert_eq!(
        a.doc.ws.remediation(&id).status,
        RemediationStatus::RiskAccepted
    );
    let statuses: Vec<_> = a
        .doc
        .ws
        .log
        .iter()
        .filter(|c| c.id == id && c.field == crate::domain::change::Field::Status)
        .map(|c| c.new.clone())
        .collect();
    assert_eq!(statuses, vec!["risk_accepted"], "straight to accepted");
    // Past the review date it is open work again on the board.
    let later = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
    let gaps = crate::domain::gaps::derive_all(a.doc.catalog, &a.doc.ws, later, 30);
    let g = gaps.iter().find(|g| g.id == id).unwrap();
    assert_eq!(g.status, RemediationStatus::Open);
    assert!(g.title.starts_with("Acceptance to review"));
}

#[test]
fn the_method_is_edited_with_the_engagement_and_checked() {
    use crate::tui::overlays::form::EngagementFormField as E;
    let mut a = app();
    a.update(k('i'));
    tab(&mut a, E::Threshold.index());
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "high");
    enter(&mut a);
    let Mode::Form(f) = &a.mode else { panic!() };
    assert!(f.error.as_deref().unwrap().contains("moderate at most"));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "moderate");
    tab(&mut a, 1);
    typed(&mut a, "rare | unlikely | possible");
    enter(&mut a);
    let Mode::Form(f) = &a.mode else { panic!() };
    assert!(f.error.as_deref().unwrap().contains("3 given"));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "rare | unlikely | possible | likely | certain");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
    let m = &a.doc.ws.method;
    assert_eq!(m.threshold(), crate::domain::scoring::RiskLevel::Moderate);
    assert_eq!(
        m.likelihood(crate::domain::rating::Rating::VERY_HIGH),
        "certain"
    );
    assert!(a.doc.ws.log.iter().any(|c| c.old.starts_with("threshold:")));
}

#[test]
fn reopening_returns_to_the_inventory_row_and_the_register_entry() {
    let mut a = app();
    open(&mut a, 0);
    add_asset(&mut a, "Laptops", "laptop", "maintain");
    add_asset(&mut a, "Phones", "mobile", "transmit");
    let risk = risk_for_asset(&mut a, "why l", "why i");
    a.update(k('q'));
    let reopen = |ws| {
        let mut b = App::new(
            crate::domain::catalog::Catalog::builtin(),
            ws,
            "t.ron".into(),
            crate::tui::test_support::today(),
            "tester",
        );
        b.restore_place();
        b
    };
    let b = reopen(a.doc.ws.clone());
    assert!(b.inventory_open());
    assert_eq!(b.inventory.current_asset(&b.doc).unwrap().name, "Phones");
    // On the register, its entry.
    a.update(code(KeyCode::Esc));
    open(&mut a, 1);
    a.update(k('G'));
    a.update(k('q'));
    let b = reopen(a.doc.ws.clone());
    assert!(b.register_open());
    assert_eq!(b.current_risk().unwrap().id, risk);
}

#[test]
fn a_treatment_cycled_on_any_register_entry_patches_the_board_as_a_fresh_derivation_would() {
    let ws =
        crate::io::store::from_ron(crate::io::paths::DEMO, std::path::Path::new("d.ron")).unwrap();
    let mut a = App::new(
        crate::domain::catalog::Catalog::builtin(),
        ws,
        "d.ron".into(),
        crate::tui::test_support::today(),
        "tester",
    );
    open(&mut a, 1);
    let n = a.doc.ws.risks.len();
    a.update(k('g'));
    for row in 0..n {
        for _ in 0..4 {
            let _ = a.doc.gaps();
            a.update(k('t'));
            let fresh = crate::domain::project::with_rows(
                &a.doc.ws,
                crate::domain::gaps::derive_all(
                    a.doc.catalog,
                    &a.doc.ws,
                    a.doc.today,
                    a.doc.renewal_window,
                ),
            );
            assert_eq!(*a.doc.gaps(), fresh, "row {row}");
        }
        a.update(k('j'));
    }
}

/// Answers keep the cached analysis (it reads no answer); whatever is answered, the analysis
/// the screens show is the one computed afresh, on a demo whose acceptances fall due.
#[test]
fn the_analysis_the_screens_read_stays_exact_through_answers_and_plans() {
    let demo =
        crate::io::store::from_ron(crate::io::paths::DEMO, std::path::Path::new("d")).unwrap();
    let c = demo.catalog();
    // A day when the demo's acceptances are past their review date.
    let late = chrono::NaiveDate::from_ymd_opt(2028, 6, 1).unwrap();
    let mut a = App::new(c, demo, "d.ron".into(), late, "tester");
    a.update(k('2'));
    a.update(k('l'));
    let fresh = |a: &App| analysis::state(&a.doc.ws, a.doc.today);
    assert!(!fresh(&a).acceptances_due.is_empty());
    for key in ['y', 'n', 'p', 'x', 'u', 'n', 'y', 'p'] {
        let before = a.doc.analysis();
        a.update(k(key));
        assert_eq!(a.doc.analysis().state, fresh(&a), "after {key}");
        // Cached, not computed again, when nothing it reads changed.
        assert!(std::rc::Rc::ptr_eq(&before, &a.doc.analysis()) || key == 'x');
    }
    // A plan on a register risk is read by the analysis: it is computed again.
    a.update(k('5'));
    let before = a.doc.analysis();
    a.doc.ws.risks[0].target_likelihood = None;
    a.doc.changed_id(&a.doc.ws.risks[0].id.clone());
    assert!(!std::rc::Rc::ptr_eq(&before, &a.doc.analysis()));
    assert_eq!(a.doc.analysis().state, fresh(&a));
}

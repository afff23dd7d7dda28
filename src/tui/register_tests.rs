//! Update-function tests of evidence items and the business associates, driven by keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::catalog::{Area, Catalog};
use crate::domain::gaps::GapKind;
use crate::domain::workspace::Workspace;
use crate::tui::app::{App, Tab};
use crate::tui::overlays::evidence::EvidenceField;
use crate::tui::state::Mode;
use crate::tui::tabs::vendors::VendorField;
use crate::tui::test_support::{code, enter, k, today, typed};

/// An app on a workspace inside a temp folder, so evidence files have somewhere to be.
fn app_in(dir: &std::path::Path) -> App {
    let c = Catalog::builtin();
    App::new(
        c,
        Workspace::new("Acme", "Ana", c, today()),
        dir.join("w.ron"),
        today(),
        "tester",
    )
}

fn tab_key(a: &mut App) {
    a.update(code(KeyCode::Tab));
}

fn clear_field(a: &mut App) {
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
}

fn first_privacy_id(a: &App) -> String {
    a.doc
        .catalog
        .in_area(Area::Privacy)
        .next()
        .unwrap()
        .id
        .clone()
}

#[test]
fn an_evidence_item_takes_a_completed_path_its_hash_and_an_expiry_of_a_year() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("evidence")).unwrap();
    std::fs::write(dir.path().join("evidence/training-roster.pdf"), b"roster").unwrap();
    std::fs::write(dir.path().join("evidence/training-plan.pdf"), b"plan").unwrap();
    let mut a = app_in(dir.path());
    let id = first_privacy_id(&a);
    a.update(k('a'));
    typed(&mut a, "Training roster");
    tab_key(&mut a);
    typed(&mut a, "ev");
    tab_key(&mut a); // completes "evidence/"
    typed(&mut a, "tr");
    tab_key(&mut a); // completes what the two files share
    tab_key(&mut a); // two candidates: stays in the field
    let Mode::Form(form) = &a.mode else { panic!() };
    assert_eq!(
        (form.focused(), form.get(EvidenceField::File)),
        (Some(EvidenceField::File), "evidence/training-")
    );
    typed(&mut a, "r");
    tab_key(&mut a); // completes the file
    tab_key(&mut a); // nothing left to complete: next field
    tab_key(&mut a);
    typed(&mut a, "+1y");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
    let ev = &a.doc.ws.answers[&id].evidence[0];
    assert_eq!(ev.label, "Training roster");
    assert_eq!(ev.file, "evidence/training-roster.pdf");
    assert_eq!(ev.sha256.len(), 64);
    assert_eq!(ev.collected, Some(today()));
    assert_eq!(
        ev.expires,
        today().checked_add_months(chrono::Months::new(12))
    );
    assert!(a.dirty());
}

#[test]
fn a_missing_file_keeps_the_form_open_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    let id = first_privacy_id(&a);
    a.update(k('a'));
    typed(&mut a, "Policy");
    tab_key(&mut a);
    typed(&mut a, "nowhere.pdf");
    enter(&mut a);
    let Mode::Form(form) = &a.mode else {
        panic!("the form closed: {:?}", a.message)
    };
    assert_eq!(form.focused(), Some(EvidenceField::File));
    assert!(form.error.as_deref().unwrap().contains("no such file"));
    assert!(!a.doc.ws.answers.contains_key(&id));
    // A bad expiry is refused on its own field.
    clear_field(&mut a);
    tab_key(&mut a);
    tab_key(&mut a);
    typed(&mut a, "next spring");
    enter(&mut a);
    let Mode::Form(form) = &a.mode else {
        panic!("the form closed")
    };
    assert_eq!(
        form.focused(),
        Some(EvidenceField::Expires),
        "{:?}",
        form.error
    );
}

#[test]
fn the_evidence_form_refuses_an_expiry_before_the_collection_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    let id = first_privacy_id(&a);
    a.update(k('a'));
    typed(&mut a, "Policy");
    tab_key(&mut a);
    tab_key(&mut a);
    clear_field(&mut a);
    typed(&mut a, "2026-11-20");
    tab_key(&mut a);
    clear_field(&mut a);
    typed(&mut a, "2026-11-19");
    enter(&mut a);
    let Mode::Form(form) = &a.mode else {
        panic!("the form closed: {:?}", a.message)
    };
    assert_eq!(
        form.focused(),
        Some(EvidenceField::Expires),
        "{:?}",
        form.error
    );
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .contains("before the collection date"),
        "{:?}",
        form.error
    );
    assert!(!a.doc.ws.answers.contains_key(&id));
    // The same day is an item valid for that day only: taken.
    clear_field(&mut a);
    typed(&mut a, "2026-11-20");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
    assert_eq!(a.doc.ws.answers[&id].evidence.len(), 1);
}

#[test]
fn the_evidence_list_edits_and_removes_items_and_keeps_the_hash_of_an_unchanged_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("baa.pdf"), b"signed").unwrap();
    let mut a = app_in(dir.path());
    let id = first_privacy_id(&a);
    a.update(k('a'));
    typed(&mut a, "BAA");
    tab_key(&mut a);
    typed(&mut a, "baa.pdf");
    enter(&mut a);
    let hash = a.doc.ws.answers[&id].evidence[0].sha256.clone();
    // The file changes after it was added: editing the label must not re-take the proof.
    std::fs::write(dir.path().join("baa.pdf"), b"tampered").unwrap();
    a.update(k('b'));
    assert!(matches!(a.mode, Mode::Evidence { .. }));
    a.update(k('e'));
    typed(&mut a, "BAA (signed)");
    enter(&mut a);
    let ev = &a.doc.ws.answers[&id].evidence[0];
    assert_eq!(ev.label, "BAA (signed)");
    assert_eq!(ev.sha256, hash, "an edit keeps the hash taken when added");
    a.update(k('b'));
    a.update(k('D'));
    assert!(
        matches!(a.mode, Mode::Evidence { .. }),
        "the list stays open"
    );
    assert!(
        !a.doc.ws.answers.contains_key(&id),
        "nothing left of the answer"
    );
    assert!(a.message.as_deref().unwrap().contains("removed"));
    assert!(dir.path().join("baa.pdf").exists(), "the file is untouched");
    // U puts it back as it was, the hash taken when it was added included.
    a.update(k('U'));
    let ev = &a.doc.ws.answers[&id].evidence[0];
    assert_eq!(
        (ev.label.as_str(), ev.sha256.as_str()),
        ("BAA (signed)", hash.as_str())
    );
    a.update(k('U'));
    assert!(a.message.as_deref().unwrap().contains("nothing removed"));
    assert_eq!(a.doc.ws.answers[&id].evidence.len(), 1);
}

/// Goes to the Administrative tab's last section (the business associates).
fn to_vendors(a: &mut App) {
    a.update(k('3'));
    a.update(k('h'));
    a.update(k('G'));
    a.update(k('l'));
    assert!(a.vendors_open());
}

fn add_vendor(a: &mut App, name: &str, phi: &str, signed: &str) {
    a.update(k('A'));
    typed(a, name);
    tab_key(a);
    typed(a, "billing");
    tab_key(a);
    clear_field(a);
    typed(a, phi);
    tab_key(a);
    tab_key(a);
    typed(a, signed);
    enter(a);
    assert!(matches!(a.mode, Mode::Normal), "{:?}", a.message);
}

#[test]
fn a_vendor_with_phi_and_no_baa_is_a_gap_until_the_baa_is_signed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    to_vendors(&mut a);
    add_vendor(&mut a, "Acme Billing", "receive, transmit", "");
    add_vendor(&mut a, "ShredCo", "no", "");
    assert_eq!(a.doc.ws.vendors.len(), 2);
    assert_eq!(
        a.current_vendor().unwrap().name,
        "ShredCo",
        "the cursor is on the new one"
    );
    let gap = a
        .doc
        .gaps()
        .iter()
        .find(|g| g.id == "BA-01")
        .cloned()
        .unwrap();
    assert_eq!(gap.kind, GapKind::Vendor);
    assert!(
        !a.doc.gaps().iter().any(|g| g.id == "BA-02"),
        "no PHI, no BAA needed"
    );
    // Gap keys work on the vendor: o sets its owner.
    a.update(k('k'));
    assert_eq!(a.current_gap_id().as_deref(), Some("BA-01"));
    a.update(k('o'));
    typed(&mut a, "Dana");
    enter(&mut a);
    assert_eq!(a.doc.ws.remediation("BA-01").owner, "Dana");
    // Signing the BAA closes the gap; the cursor stays on the vendor.
    a.update(k('e'));
    for _ in 0..4 {
        tab_key(&mut a);
    }
    typed(&mut a, "2026-11-20");
    tab_key(&mut a);
    typed(&mut a, "+1y");
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Normal));
    let v = a.current_vendor().unwrap();
    assert_eq!(v.id, "BA-01");
    assert_eq!(
        v.baa_expires,
        chrono::NaiveDate::from_ymd_opt(2027, 11, 20),
        "+1y counts from the signing date"
    );
    let closed: Vec<_> = a
        .doc
        .gaps()
        .iter()
        .filter(|g| g.id == "BA-01")
        .cloned()
        .collect();
    assert_eq!(
        closed.len(),
        1,
        "the signed BAA's gap stays on the board, closed"
    );
    assert_eq!(
        closed[0].status,
        crate::domain::workspace::RemediationStatus::Done
    );
    assert_eq!(
        closed[0].closed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
    );
    assert!(a.message.as_deref().unwrap().contains("signed and current"));
}

#[test]
fn a_deleted_vendor_comes_back_with_u_and_an_empty_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    to_vendors(&mut a);
    a.update(k('A'));
    enter(&mut a);
    let Mode::Form(form) = &a.mode else {
        panic!("an empty name closed the form")
    };
    assert!(form.error.as_deref().unwrap().contains("name"));
    a.update(code(KeyCode::Esc));
    add_vendor(&mut a, "Acme", "yes", "2026-01-05");
    a.update(k('D'));
    a.update(k('y'));
    assert!(a.doc.ws.vendors.is_empty());
    a.update(k('U'));
    assert_eq!(a.doc.ws.vendors[0].id, "BA-01");
    assert!(a.message.as_deref().unwrap().contains("restored"));
}

#[test]
fn expiring_evidence_is_a_board_item_that_explains_instead_of_taking_a_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    let id = first_privacy_id(&a);
    a.update(k('a'));
    typed(&mut a, "Pen test report");
    for _ in 0..3 {
        tab_key(&mut a);
    }
    typed(&mut a, "+10d");
    enter(&mut a);
    let item = a
        .doc
        .gaps()
        .iter()
        .find(|g| g.kind == GapKind::Evidence)
        .cloned()
        .expect("an expiring item is on the board");
    assert_eq!(item.id, format!("{id}/E1"));
    a.tab = Tab::Gaps;
    a.update(k('s'));
    assert!(a.message.as_deref().unwrap().contains("evidence expiring"));
    assert!(
        !a.doc.ws.remediation.contains_key(&item.id),
        "no record under the item's id"
    );
    a.update(k(' '));
    assert!(a.board.marked.is_empty(), "never marked for a bulk edit");
}

#[test]
fn a_pasted_name_lands_in_the_form_and_a_baa_signed_after_today_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    to_vendors(&mut a);
    a.update(k('A'));
    // A name copied from an email, with its line break.
    a.update(crate::tui::msg::Msg::Paste("Acme\r\nBilling".into()));
    let Mode::Form(form) = &a.mode else {
        panic!("the form closed")
    };
    assert_eq!(form.get(VendorField::Name), "Acme Billing");
    tab_key(&mut a);
    tab_key(&mut a);
    clear_field(&mut a);
    typed(&mut a, "yes");
    tab_key(&mut a);
    tab_key(&mut a);
    let tomorrow = (today() + chrono::Duration::days(1)).to_string();
    typed(&mut a, &tomorrow);
    enter(&mut a);
    let Mode::Form(form) = &a.mode else {
        panic!("a BAA signed tomorrow was taken")
    };
    assert_eq!(
        form.focused(),
        Some(VendorField::BaaSigned),
        "{:?}",
        form.error
    );
    assert!(form.error.as_deref().unwrap().contains("after today"));
    assert!(a.doc.ws.vendors.is_empty());
}

#[test]
fn reopening_returns_to_the_vendor_list_on_the_same_vendor() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_in(dir.path());
    to_vendors(&mut a);
    add_vendor(&mut a, "Acme Billing", "yes", "2026-01-05");
    add_vendor(&mut a, "ShredCo", "no", "");
    a.update(k('q'));
    let c = Catalog::builtin();
    let mut b = App::new(
        c,
        a.doc.ws.clone(),
        dir.path().join("w.ron"),
        today(),
        "tester",
    );
    b.restore_place();
    assert!(b.vendors_open());
    assert_eq!(b.current_vendor().unwrap().name, "ShredCo");
}

//! The merge's unit tests (kept apart: merge.rs holds the rules); `at` is shared with
//! `merge_ids`'s tests.
use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::{Actor, RemediationField};
use chrono::NaiveDate;

/// A teammate acting at hour `h` of the merge tests' day (shared with `merge_ids`).
pub(in crate::domain) fn at(h: u32) -> Actor {
    Actor {
        name: format!("p{h}"),
        now: NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap(),
    }
}

fn base() -> Workspace {
    Workspace::new(
        "Acme",
        "Ana",
        Catalog::builtin(),
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    )
}

#[test]
fn settling_a_conflict_takes_the_side_removes_the_record_and_logs_who_and_what() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.set_note("PRV-UD-01", "ours says this", &at(9));
    t.set_note("PRV-UD-01", "theirs says that", &at(10));
    let mut m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let before = m.log.len();
    settle(&mut m, 0, Settled::Kept(Side::Theirs), &at(12)).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.note("PRV-UD-01"), "theirs says that");
    let logged = &m.log[before..];
    assert!(
        logged
            .iter()
            .any(|c| c.by == "p12" && format!("{c:?}").contains("took theirs")),
        "{logged:?}"
    );
    // Nothing left to settle: said, and nothing changes.
    assert!(settle(&mut m, 0, Settled::Kept(Side::Ours), &at(13)).is_err());
    assert_eq!(m.note("PRV-UD-01"), "theirs says that");
}

#[test]
fn a_vendor_both_sides_changed_alike_merges_without_a_conflict() {
    use crate::domain::workspace::Vendor;
    let mut b = base();
    let id = b.add_vendor(
        Vendor {
            name: "Shredding Co".into(),
            ..Vendor::default()
        },
        &at(8),
    );
    let (mut o, mut t) = (b.clone(), b.clone());
    for (w, h) in [(&mut o, 9), (&mut t, 10)] {
        let mut v = w.vendor(&id).unwrap().clone();
        v.notes = "renewed in December".into();
        w.update_vendor(v, &at(h));
    }
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.vendor(&id).unwrap().notes, "renewed in December");
    // Both changed the rest alike and each added its own evidence: both items are kept.
    let (mut o3, mut t3) = (o.clone(), t.clone());
    let doc = |label: &str| crate::domain::evidence::EvidenceItem {
        label: label.into(),
        collected: NaiveDate::from_ymd_opt(2026, 11, 30),
        ..Default::default()
    };
    o3.add_evidence(&id, doc("Signed BAA"), &at(11));
    t3.add_evidence(&id, doc("Renewal letter"), &at(11));
    let m = merge(&b, &o3, &t3);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let v = m.vendor(&id).unwrap();
    assert_eq!(v.notes, "renewed in December");
    let labels: Vec<&str> = v.evidence.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["Signed BAA", "Renewal letter"]);
    // Each side changed it differently: a vendor merges whole, so that is a conflict.
    let mut o2 = b.clone();
    let mut v = o2.vendor(&id).unwrap().clone();
    v.contact = "Kim".into();
    o2.update_vendor(v, &at(9));
    let m = merge(&b, &o2, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
}

#[test]
fn different_questions_and_fields_merge_cleanly_and_logs_unite_in_time_order() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.set_answer("PRV-UD-01", AnswerStatus::Yes, &at(9));
    t.set_answer("NST-GV-01", AnswerStatus::No, &at(8));
    t.set_remediation("NST-GV-01", RemediationField::Owner("Sam".into()), &at(10));
    o.set_note("NST-GV-01", "seen", &at(11));
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.status("PRV-UD-01"), AnswerStatus::Yes);
    assert_eq!(m.status("NST-GV-01"), AnswerStatus::No);
    assert_eq!(m.note("NST-GV-01"), "seen");
    assert_eq!(m.remediation("NST-GV-01").owner, "Sam");
    let times: Vec<_> = m.log.iter().map(|c| c.at).collect();
    assert_eq!(m.log.len(), 4);
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn the_same_field_changed_differently_is_recorded_and_ours_stands_until_resolved() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.set_note("PRV-UD-01", "ours", &at(9));
    t.set_note("PRV-UD-01", "theirs", &at(10));
    let mut m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].field, "note");
    assert_eq!(m.note("PRV-UD-01"), "ours");
    // The file with its conflict is a valid workspace.
    let text = ron::to_string(&m).unwrap();
    let back: Workspace = ron::from_str(&text).unwrap();
    assert_eq!(back, m);
    resolve(&mut m, 0, Side::Theirs).unwrap();
    assert_eq!(m.note("PRV-UD-01"), "theirs");
    assert!(m.conflicts.is_empty());
}

#[test]
fn identities_hold() {
    let b = base();
    let mut x = b.clone();
    x.set_answer("PRV-UD-01", AnswerStatus::No, &at(9));
    assert_eq!(merge(&b, &x, &x), x);
    assert_eq!(merge(&b, &b, &x), x);
    assert_eq!(merge(&b, &x, &b), x);
}

#[test]
fn taking_theirs_is_tried_on_a_copy_and_never_leaves_an_unsaveable_workspace() {
    let b = base();
    let mut ws = b.clone();
    for title in ["Laptops", "Backups"] {
        let entry = crate::domain::workspace::RiskEntry {
            title: title.into(),
            ..Default::default()
        };
        ws.add_risk(entry, &at(9));
    }
    let record = |id: &str, field: &str, theirs: String| Conflict {
        id: id.into(),
        field: field.into(),
        ours: String::new(),
        theirs,
        base: String::new(),
    };
    // Records that never went through a load: built in memory, as a bug might.
    ws.conflicts = vec![
        record("R-01", "risk", ron(&Some(ws.risks[1].clone()))),
        record(
            "PRV-UD-01",
            "note",
            ron(&"x".repeat(crate::domain::problems::MAX_TEXT + 1)),
        ),
        record("PRV-UD-01", "reason", ron(&"not needed here")),
    ];
    let before = ws.clone();
    for i in 0..2 {
        let e = resolve(&mut ws, i, Side::Theirs).expect_err("refused");
        assert!(!e.is_empty());
        assert_eq!(ws, before, "a refused resolution changes nothing");
    }
    resolve(&mut ws, 2, Side::Theirs).unwrap();
    assert_eq!(ws.answers["PRV-UD-01"].reason, "not needed here");
    assert!(
        ws.problems().len() <= 2,
        "only the two bad records are left"
    );
    resolve(&mut ws, 0, Side::Ours).unwrap();
    resolve(&mut ws, 0, Side::Ours).unwrap();
    assert!(ws.problems().is_empty());
    assert_eq!(ws.risks[0].title, "Laptops");
}

//! The gap rules' unit tests (kept apart: gaps.rs holds the rules).
use super::*;
use crate::domain::workspace::{Actor, RemediationField, RiskEntry, Treatment};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn actor() -> Actor {
    Actor {
        name: "t".into(),
        now: d(2026, 11, 1).and_hms_opt(0, 0, 0).unwrap(),
    }
}
fn first_ids(n: usize) -> Vec<String> {
    Catalog::builtin()
        .questions
        .iter()
        .take(n)
        .map(|q| q.id.clone())
        .collect()
}

#[test]
fn no_and_partial_make_gaps_yes_na_and_clear_remove_them() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    let ids = first_ids(5);
    let statuses = [
        AnswerStatus::No,
        AnswerStatus::Partial,
        AnswerStatus::Yes,
        AnswerStatus::NotApplicable,
        AnswerStatus::Unanswered,
    ];
    for (id, s) in ids.iter().zip(statuses) {
        w.set_answer(id, s, &actor());
    }
    let g: Vec<String> = derive(c, &w).into_iter().map(|g| g.id).collect();
    assert_eq!(g, vec![ids[0].clone(), ids[1].clone()]);
    w.set_answer(&ids[0], AnswerStatus::Yes, &actor());
    assert_eq!(derive(c, &w).len(), 1);
}

#[test]
fn defaults_come_from_the_question_and_overrides_win() {
    let c = Catalog::builtin();
    let q = &c.questions[0];
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    w.set_answer(&q.id, AnswerStatus::No, &actor());
    let g = &derive(c, &w)[0];
    assert_eq!((g.likelihood, g.impact), (q.likelihood, q.impact));
    w.set_remediation(
        &q.id,
        RemediationField::Impact(Some(Rating::VERY_HIGH)),
        &actor(),
    );
    w.set_remediation(
        &q.id,
        RemediationField::Likelihood(Some(Rating::VERY_HIGH)),
        &actor(),
    );
    assert_eq!(derive(c, &w)[0].score(), 25);
}

#[test]
fn overdue_is_strictly_before_today_and_never_when_closed() {
    let c = Catalog::builtin();
    let id = &first_ids(1)[0];
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    w.set_answer(id, AnswerStatus::No, &actor());
    let today = d(2026, 11, 28);
    let overdue = |w: &Workspace| derive(c, w)[0].is_overdue(today);
    w.set_remediation(id, RemediationField::Due(Some(today)), &actor());
    assert!(!overdue(&w), "due today is not overdue");
    w.set_remediation(id, RemediationField::Due(Some(d(2026, 11, 27))), &actor());
    assert!(overdue(&w));
    assert_eq!(derive(c, &w)[0].days_left(today), Some(-1));
    w.set_remediation(
        id,
        RemediationField::Status(RemediationStatus::Done),
        &actor(),
    );
    assert!(!overdue(&w));
    w.set_remediation(
        id,
        RemediationField::Status(RemediationStatus::RiskAccepted),
        &actor(),
    );
    assert!(!overdue(&w));
}

#[test]
fn retired_ids_stay_on_the_board() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    w.set_answer("ADM-ZZ-99", AnswerStatus::No, &actor());
    let g = derive(c, &w);
    assert!(g[0].retired);
    assert_eq!(g[0].area, Some(Area::Administrative));
    assert_eq!(w.retired_ids(c).collect::<Vec<_>>(), vec!["ADM-ZZ-99"]);
}

#[test]
fn risks_above_low_and_not_accepted_are_gaps() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    let risk = |id: &str, l, i, t| RiskEntry {
        id: id.into(),
        title: id.into(),
        likelihood: l,
        impact: i,
        treatment: t,
        ..RiskEntry::default()
    };
    w.risks = vec![
        risk("R-1", Rating::HIGH, Rating::VERY_HIGH, Treatment::Mitigate),
        risk("R-2", Rating::LOW, Rating::LOW, Treatment::Mitigate),
        risk(
            "R-3",
            Rating::VERY_HIGH,
            Rating::VERY_HIGH,
            Treatment::Accept,
        ),
    ];
    let ids: Vec<String> = derive(c, &w).into_iter().map(|g| g.id).collect();
    assert_eq!(ids, vec!["R-1"]);
}

fn vendor(name: &str, signed: Option<NaiveDate>, expires: Option<NaiveDate>) -> Vendor {
    Vendor {
        name: name.into(),
        phi: true,
        baa_signed: signed,
        baa_expires: expires,
        ..Vendor::default()
    }
}

fn one(gaps: &[Gap], id: &str) -> Gap {
    gaps.iter().find(|g| g.id == id).cloned().unwrap()
}

#[test]
fn an_expired_baa_is_overdue_from_its_expiry_and_rated_as_a_missing_one() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    let today = d(2026, 12, 2);
    let a = actor();
    let missing = w.add_vendor(vendor("Scribe", None, None), &a);
    let expired = w.add_vendor(vendor("Fax", Some(d(2024, 1, 1)), Some(d(2026, 12, 1))), &a);
    let expiring = w.add_vendor(
        vendor("Portal", Some(d(2024, 1, 1)), Some(d(2026, 12, 20))),
        &a,
    );
    let all = derive_all(c, &w, today, 60);
    let m = one(&all, &missing);
    assert_eq!((m.kind, m.due, m.score()), (GapKind::Vendor, None, 16));
    assert!(m.title.starts_with("No signed BAA"), "{}", m.title);
    let e = one(&all, &expired);
    assert_eq!((e.due, e.score()), (Some(d(2026, 12, 1)), 16));
    assert!(e.is_overdue(today), "expired yesterday is overdue today");
    assert_eq!(e.days_left(today), Some(-1));
    assert!(e.title.starts_with("BAA expired 2026-12-01"), "{}", e.title);
    let x = one(&all, &expiring);
    assert_eq!((x.due, x.score()), (Some(d(2026, 12, 20)), 6));
    assert!(!x.is_overdue(today));
    assert!(x.title.starts_with("BAA expires 2026-12-20"), "{}", x.title);
    // A date someone set wins over the expiry.
    w.set_remediation(
        &expired,
        RemediationField::Due(Some(d(2027, 1, 31))),
        &actor(),
    );
    let e = one(&derive_all(c, &w, today, 60), &expired);
    assert_eq!(e.due, Some(d(2027, 1, 31)));
    // The missing one is a gap in `derive` too; the time-bound ones are not.
    let ids: Vec<String> = derive(c, &w).into_iter().map(|g| g.id).collect();
    assert_eq!(ids, [missing]);
}

#[test]
fn a_baa_signed_after_the_vendor_was_listed_closes_its_gap_with_the_signing_date() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    let today = d(2026, 12, 2);
    let id = w.add_vendor(vendor("Scribe", None, None), &actor());
    w.vendors[0].baa_signed = Some(d(2026, 11, 20));
    let all = derive_all(c, &w, today, 60);
    let g = one(&all, &id);
    assert_eq!(
        (g.status, g.closed_on, g.kind),
        (
            RemediationStatus::Done,
            Some(d(2026, 11, 20)),
            GapKind::Vendor
        )
    );
    assert!(g.title.starts_with("BAA signed 2026-11-20"), "{}", g.title);
    assert!(!g.is_overdue(today));
    assert_eq!(
        crate::domain::board::opened_closed(&w, &g).1,
        Some(d(2026, 11, 20))
    );
    // A year later it has left the board.
    assert!(
        derive_all(c, &w, d(2027, 11, 21), 60)
            .iter()
            .all(|g| g.id != id)
    );
    // Signed before it was ever listed, and nobody tracked it: never a gap.
    w.vendors[0].baa_signed = Some(d(2026, 10, 1));
    assert!(derive_all(c, &w, today, 60).iter().all(|g| g.id != id));
    // Tracked (an owner was set while it was missing): closed when signed.
    w.set_remediation(&id, RemediationField::Owner("Dana".into()), &actor());
    let g = one(&derive_all(c, &w, today, 60), &id);
    assert_eq!(
        (g.status, g.owner.as_str()),
        (RemediationStatus::Done, "Dana")
    );
    // A vendor without PHI needs no BAA and is not a closed gap either.
    w.vendors[0].phi = false;
    assert!(derive_all(c, &w, today, 60).iter().all(|g| g.id != id));
}

#[test]
fn a_replaced_document_closes_the_expiring_item_with_the_new_ones_date() {
    let c = Catalog::builtin();
    let q = first_ids(1).remove(0);
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    let today = d(2026, 12, 2);
    w.set_answer(&q, AnswerStatus::Yes, &actor());
    let item = |collected, expires| crate::domain::evidence::EvidenceItem {
        label: "Training roster".into(),
        collected: Some(collected),
        expires: Some(expires),
        ..Default::default()
    };
    w.add_evidence(&q, item(d(2025, 12, 1), d(2026, 11, 30)), &actor());
    let g = one(&derive_all(c, &w, today, 60), &format!("{q}/E1"));
    assert_eq!((g.status, g.closed_on), (RemediationStatus::Open, None));
    assert!(g.is_overdue(today));
    w.add_evidence(&q, item(d(2026, 12, 1), d(2027, 12, 1)), &actor());
    let all = derive_all(c, &w, today, 60);
    let g = one(&all, &format!("{q}/E1"));
    assert_eq!(
        (g.status, g.closed_on),
        (RemediationStatus::Done, Some(d(2026, 12, 1)))
    );
    assert!(
        g.title.starts_with("Evidence replaced 2026-12-01"),
        "{}",
        g.title
    );
    assert!(all.iter().all(|g| g.id != format!("{q}/E2")));
    // A second copy that expires too replaces nothing.
    w.add_evidence(&q, item(d(2026, 12, 1), d(2026, 12, 5)), &actor());
    w.remove_evidence(&q, 1, &actor());
    let g = one(&derive_all(c, &w, today, 60), &format!("{q}/E1"));
    assert_eq!(g.status, RemediationStatus::Open);
}

#[test]
fn gap_kinds_have_their_export_words_and_register_gaps_their_area_name() {
    assert_eq!(
        [
            GapKind::Question,
            GapKind::Risk,
            GapKind::Vendor,
            GapKind::Evidence,
            GapKind::Renewal
        ]
        .map(GapKind::word),
        ["question", "risk", "vendor", "evidence", "renewal"]
    );
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    w.risks = vec![RiskEntry {
        id: "R-01".into(),
        title: "x".into(),
        likelihood: Rating::HIGH,
        impact: Rating::MODERATE,
        ..RiskEntry::default()
    }];
    let g = &derive(c, &w)[0];
    assert_eq!(
        (g.area_name(), g.score(), g.kind),
        ("Register", 12, GapKind::Risk)
    );
    assert_eq!(g.level(), RiskLevel::of(Rating::HIGH, Rating::MODERATE));
}

#[test]
fn summary_and_filter_count_what_the_board_shows() {
    let c = Catalog::builtin();
    let ids = first_ids(3);
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    for id in &ids {
        w.set_answer(id, AnswerStatus::No, &actor());
    }
    w.set_remediation(&ids[0], RemediationField::Owner("Bo".into()), &actor());
    w.set_remediation(
        &ids[0],
        RemediationField::Due(Some(d(2026, 11, 2))),
        &actor(),
    );
    w.set_remediation(
        &ids[1],
        RemediationField::Status(RemediationStatus::Done),
        &actor(),
    );
    let today = d(2026, 11, 28);
    let gaps = derive(c, &w);
    // The counts the board, the dashboard and `check` all print.
    let s = crate::domain::board::counts(gaps.iter(), today);
    assert_eq!(
        (
            s.total,
            s.open,
            s.overdue,
            s.unassigned,
            s.done + s.accepted
        ),
        (3, 2, 1, 1, 1)
    );
    let f = crate::domain::board::GapFilter {
        owner: Some("bo".into()),
        ..Default::default()
    };
    assert_eq!(gaps.iter().filter(|g| f.keeps(g, today)).count(), 1);
    let f = crate::domain::board::GapFilter {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(gaps.iter().filter(|g| f.keeps(g, today)).count(), 1);
}

#[test]
fn every_kind_of_gap_has_a_suggested_plan_and_a_risk_takes_its_linked_questions() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
    let q = &c.questions[0];
    // Any derived gap serves as the template; only its kind and id matter here.
    let mut t = Workspace::new("c", "a", c, d(2026, 11, 1));
    t.set_answer(&q.id, AnswerStatus::No, &actor());
    let template = derive(c, &t).remove(0);
    let gap = |kind, id: &str| Gap {
        id: id.into(),
        kind,
        ..template.clone()
    };
    // A question: the bank's own suggestion, trimmed.
    assert_eq!(
        suggested_plan(c, &w, &gap(GapKind::Question, &q.id)),
        Some(q.remediation.trim().to_string())
    );
    assert!(!q.remediation.trim().is_empty());
    // An id the bank does not know has none.
    assert_eq!(
        suggested_plan(c, &w, &gap(GapKind::Question, "NOPE-1")),
        None
    );
    // A register risk: its first linked question the bank knows; none when unlinked.
    w.risks = vec![RiskEntry {
        id: "R-1".into(),
        links: vec!["NOPE-1".into(), q.id.clone()],
        ..RiskEntry::default()
    }];
    assert_eq!(
        suggested_plan(c, &w, &gap(GapKind::Risk, "R-1")),
        Some(q.remediation.trim().to_string())
    );
    w.risks[0].links.clear();
    assert_eq!(suggested_plan(c, &w, &gap(GapKind::Risk, "R-1")), None);
    assert_eq!(suggested_plan(c, &w, &gap(GapKind::Risk, "R-9")), None);
    // Vendors, expiring documents and yearly duties: their standard step.
    let vendor = suggested_plan(c, &w, &gap(GapKind::Vendor, "BA-01")).unwrap();
    assert!(vendor.contains("business associate agreement"), "{vendor}");
    let doc = suggested_plan(c, &w, &gap(GapKind::Evidence, "X/E1")).unwrap();
    assert!(doc.contains("renewed document"), "{doc}");
    let duty = suggested_plan(c, &w, &gap(GapKind::Renewal, &q.id)).unwrap();
    assert!(duty.contains("yearly duty"), "{duty}");
}

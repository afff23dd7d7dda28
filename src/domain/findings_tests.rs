use chrono::NaiveDate;

use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::inventory::Asset;
use crate::domain::rating::Rating;
use crate::domain::vendor::Vendor;
use crate::domain::workspace::{Actor, RemediationField, RiskEntry};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: day(7).and_hms_opt(9, 0, 0).unwrap(),
    }
}

fn rating(n: u8) -> Rating {
    Rating::new(n).unwrap()
}

/// A practice with one problem seen three ways: the BAA question answered No, a transcription
/// vendor without a BAA, and the register's risk of a vendor handling PHI without one.
fn clinic() -> Workspace {
    let c = Catalog::builtin();
    let mut w = Workspace::new("Clinic", "Ana", c, day(1));
    w.set_answer("ADM-BA-02", AnswerStatus::No, &actor());
    w.vendors.push(Vendor {
        id: "BA-01".into(),
        name: "SwiftScribe".into(),
        service: "transcription".into(),
        phi: true,
        ..Vendor::default()
    });
    w.assets.push(Asset {
        id: "A-01".into(),
        name: "Dictation service".into(),
        vendor: "BA-01".into(),
        ..Asset::default()
    });
    w.risks.push(RiskEntry {
        id: "R-1".into(),
        title: "Vendor handling PHI without a BAA".into(),
        assets: vec!["A-01".into()],
        vulnerability: "SwiftScribe gets dictation weekly with no BAA.".into(),
        likelihood: rating(3),
        impact: rating(4),
        links: vec!["ADM-BA-02".into()],
        ..RiskEntry::default()
    });
    w
}

fn all(w: &Workspace) -> Vec<Finding> {
    let c = Catalog::builtin();
    let gaps = crate::domain::gaps::derive_all(c, w, day(7), 30);
    findings(c, w, &gaps, day(7), 30, false)
}

#[test]
fn a_question_a_vendor_and_a_risk_of_one_problem_are_one_finding_led_by_the_risk() {
    let w = clinic();
    let f = all(&w);
    let baa: Vec<&Finding> = f
        .iter()
        .filter(|f| {
            f.ids()
                .any(|id| ["R-1", "BA-01", "ADM-BA-02"].contains(&id))
        })
        .collect();
    assert_eq!(baa.len(), 1, "{f:#?}");
    let one = baa[0];
    assert_eq!(one.id(), "R-1");
    assert_eq!(one.lead.score(), 12, "the register risk's rating");
    let mut linked: Vec<&str> = one.linked.iter().map(|g| g.id.as_str()).collect();
    linked.sort();
    assert_eq!(linked, ["ADM-BA-02", "BA-01"]);
    assert_eq!(
        one.condition,
        "SwiftScribe gets dictation weekly with no BAA."
    );
}

#[test]
fn without_the_risk_the_vendor_goes_under_the_baa_question() {
    let mut w = clinic();
    w.risks.clear();
    let f = all(&w);
    let q = f.iter().find(|f| f.id() == "ADM-BA-02").unwrap();
    assert_eq!(q.linked.len(), 1);
    assert_eq!(q.linked[0].id, "BA-01");
    assert!(f.iter().all(|f| f.id() != "BA-01"));
}

#[test]
fn closed_items_stand_alone_and_an_owner_or_date_comes_from_a_linked_item() {
    let mut w = clinic();
    w.set_remediation(
        "ADM-BA-02",
        RemediationField::Owner("Dana".into()),
        &actor(),
    );
    w.set_remediation("ADM-BA-02", RemediationField::Due(Some(day(20))), &actor());
    let f = all(&w);
    let lead = f.iter().find(|f| f.id() == "R-1").unwrap();
    assert_eq!((lead.owner(), lead.due()), ("Dana", Some(day(20))));
    w.set_remediation(
        "ADM-BA-02",
        RemediationField::Status(RemediationStatus::Done),
        &actor(),
    );
    let f = all(&w);
    assert!(
        f.iter()
            .any(|f| f.id() == "ADM-BA-02" && f.linked.is_empty())
    );
}

#[test]
fn every_finding_has_a_recommendation_and_a_condition_whatever_its_kind() {
    let mut w = clinic();
    let c = Catalog::builtin();
    // Every question answered No or Partial, alternately: every kind of gap at once.
    for (i, q) in c.questions.iter().enumerate() {
        let s = if i % 2 == 0 {
            AnswerStatus::No
        } else {
            AnswerStatus::Partial
        };
        w.set_answer(&q.id, s, &actor());
    }
    w.risks.push(RiskEntry {
        id: "R-2".into(),
        title: "Blank".into(),
        likelihood: rating(4),
        impact: rating(4),
        ..RiskEntry::default()
    });
    let f = all(&w);
    assert!(f.len() > 100);
    for f in &f {
        assert!(!f.recommendation.trim().is_empty(), "{}", f.id());
        assert!(!f.condition.trim().is_empty(), "{}", f.id());
        assert!(!f.criteria.trim().is_empty(), "{}", f.id());
    }
}

#[test]
fn a_partial_answer_never_gets_the_finding_that_says_nothing_is_in_place() {
    let mut w = clinic();
    let c = Catalog::builtin();
    let q = c.get("ADM-AT-05").unwrap();
    w.set_answer(&q.id, AnswerStatus::Partial, &actor());
    let f = all(&w);
    let got = f.iter().find(|f| f.id() == q.id).unwrap();
    assert_ne!(got.condition, q.finding);
    assert_eq!(
        got.condition, q.finding_partial,
        "the bank's own Partial variant"
    );
    assert!(!got.observed);
    // A bank without the variant (a custom one) gets words that do not overstate either.
    let mut questions = c.questions.clone();
    for other in questions.iter_mut().filter(|o| o.id == q.id) {
        other.finding_partial.clear();
    }
    let bare = Catalog::new(c.info.clone(), questions);
    let gaps = crate::domain::gaps::derive_all(&bare, &w, day(7), 30);
    let f = findings(&bare, &w, &gaps, day(7), 30, false);
    let got = f.iter().find(|f| f.id() == q.id).unwrap();
    assert!(
        got.condition.starts_with("Partly in place"),
        "{}",
        got.condition
    );
    // The consultant's note wins, and a redacted report leaves it out.
    w.set_note(&q.id, "Policy exists; no training yet.", &actor());
    let gaps = crate::domain::gaps::derive_all(c, &w, day(7), 30);
    let f = findings(c, &w, &gaps, day(7), 30, false);
    let got = f.iter().find(|f| f.id() == q.id).unwrap();
    assert_eq!(
        (got.condition.as_str(), got.observed),
        ("Policy exists; no training yet.", true)
    );
    let f = findings(c, &w, &gaps, day(7), 30, true);
    let got = f.iter().find(|f| f.id() == q.id).unwrap();
    assert!(!got.condition.contains("training"));
}

#[test]
fn an_addressable_finding_says_no_equivalent_alternative_was_seen() {
    let mut w = clinic();
    let c = Catalog::builtin();
    let q = c
        .questions
        .iter()
        .find(|q| q.kind == Kind::Addressable)
        .unwrap();
    w.set_answer(&q.id, AnswerStatus::No, &actor());
    let g = crate::domain::gaps::derive_one(c, &w, &q.id).unwrap();
    let crit = criteria(c, &g);
    assert!(crit.contains("(Addressable)"), "{crit}");
    assert!(crit.contains("164.306(d)(3)"), "{crit}");
    // The bank's finding says none was in place; a note in the consultant's words gets the
    // sentence in its criteria instead.
    let f = all(&w);
    let got = f.iter().find(|f| f.id() == q.id).unwrap();
    assert!(
        got.condition.contains("equivalent alternative"),
        "{}",
        got.condition
    );
    assert!(!got.criteria.contains("was seen"));
    w.set_note(&q.id, "Laptops unencrypted.", &actor());
    let f = all(&w);
    let got = f.iter().find(|f| f.id() == q.id).unwrap();
    assert!(
        got.criteria
            .contains("No documented equivalent alternative was seen.")
    );
    assert!(crit.starts_with("45 CFR 164."), "{crit}");
    let required = c
        .questions
        .iter()
        .find(|q| q.kind == Kind::Required)
        .unwrap();
    w.set_answer(&required.id, AnswerStatus::No, &actor());
    let g = crate::domain::gaps::derive_one(c, &w, &required.id).unwrap();
    assert!(!criteria(c, &g).contains("164.306(d)(3)"));
}

use chrono::NaiveDate;

use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::inventory::{Asset, AssetKind, Flow};
use crate::domain::rating::Rating;
use crate::domain::vendor::PhiUse;
use crate::domain::workspace::{Actor, RemediationField};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: day(7).and_hms_opt(9, 0, 0).unwrap(),
    }
}

#[test]
fn an_analysis_is_complete_only_when_every_element_is_there() {
    let mut w = Workspace::new("Clinic", "Ana", Catalog::builtin(), day(1));
    let s = state(&w, day(7));
    assert!(!s.complete);
    assert!(s.missing[0].contains("no asset holding ePHI"));

    let a = w.add_asset(
        Asset {
            name: "Laptops".into(),
            kind: AssetKind::Laptop,
            ephi: vec![PhiUse::Maintain],
            ..Asset::default()
        },
        &actor(),
    );
    // An asset without ePHI needs nothing.
    w.add_asset(
        Asset {
            name: "Guest Wi-Fi".into(),
            kind: AssetKind::Network,
            ..Asset::default()
        },
        &actor(),
    );
    let s = state(&w, day(7));
    assert_eq!(s.assets_unassessed, vec![a.clone()]);
    assert!(s.missing.iter().any(|m| m.contains("no data flow")));

    w.add_flow(
        Flow {
            from: a.clone(),
            to: "Patients".into(),
            ..Flow::default()
        },
        &actor(),
    );
    let r = w.add_risk(
        RiskEntry {
            title: "Stolen laptop".into(),
            assets: vec![a.clone()],
            likelihood: Rating::HIGH,
            impact: Rating::HIGH,
            ..RiskEntry::default()
        },
        &actor(),
    );
    let s = state(&w, day(7));
    assert!(s.assets_unassessed.is_empty());
    assert_eq!(s.risks_unrated, vec![r.clone()]);
    assert_eq!(s.untreated_above_threshold, vec![r.clone()]);

    let mut e = w.risks[0].clone();
    e.likelihood_why = "two laptops left in cars last year".into();
    e.impact_why = "each holds the full schedule".into();
    w.update_risk(e, &actor());
    let s = state(&w, day(7));
    assert!(s.risks_unrated.is_empty());
    assert_eq!(s.untreated_above_threshold, vec![r.clone()]);

    w.set_remediation(
        &r,
        RemediationField::Plan("BitLocker on all".into()),
        &actor(),
    );
    let s = state(&w, day(7));
    assert!(s.complete, "{:?}", s.missing);
}

#[test]
fn an_acceptance_treats_a_risk_only_with_all_its_facts_and_comes_due() {
    let mut w = Workspace::new("Clinic", "Ana", Catalog::builtin(), day(1));
    let mut r = RiskEntry {
        id: "R-01".into(),
        title: "Paper charts".into(),
        likelihood: Rating::HIGH,
        impact: Rating::HIGH,
        treatment: Treatment::Accept,
        acceptance: Some(Acceptance {
            by: "Dr Lee".into(),
            ..Acceptance::default()
        }),
        ..RiskEntry::default()
    };
    w.risks.push(r.clone());
    assert!(!is_treated(&w, &w.risks[0]));
    r.acceptance = Some(Acceptance {
        by: "Dr Lee".into(),
        role: "Owner".into(),
        date: Some(day(2)),
        rationale: "scanning in 2027".into(),
        review_by: Some(day(6)),
    });
    w.risks[0] = r;
    assert!(is_treated(&w, &w.risks[0]));
    assert_eq!(state(&w, day(7)).acceptances_due, vec!["R-01".to_string()]);
    assert!(state(&w, day(5)).acceptances_due.is_empty());
}

#[test]
fn the_threshold_and_scales_default_to_sp_800_30() {
    let m = Method::default();
    assert_eq!(m.threshold(), RiskLevel::Low);
    assert!(m.likelihood(Rating::VERY_HIGH).starts_with("Very high"));
    assert!(m.sources().contains("Interviews"));
    let own = Method {
        likelihood_scale: vec!["a".into(); 5],
        ..Method::default()
    };
    assert_eq!(own.likelihood(Rating::LOW), "a");
    // A scale that is not five levels long is not used.
    let short = Method {
        impact_scale: vec!["a".into(); 3],
        ..Method::default()
    };
    assert!(short.impact(Rating::LOW).starts_with("Low"));
}

use chrono::NaiveDate;

use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::inventory::*;
use crate::domain::vendor::PhiUse;
use crate::domain::workspace::RiskEntry;

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    }
}

fn ws() -> Workspace {
    Workspace::new(
        "Clinic",
        "Ana",
        Catalog::builtin(),
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    )
}

fn laptop() -> Asset {
    Asset {
        name: "Clinician laptops".into(),
        kind: AssetKind::Laptop,
        count: 4,
        ephi: vec![PhiUse::Maintain],
        ..Asset::default()
    }
}

#[test]
fn asset_ids_are_never_reused_and_every_edit_is_logged() {
    let mut w = ws();
    let a = w.add_asset(laptop(), &actor());
    let b = w.add_asset(laptop(), &actor());
    assert_eq!((a.as_str(), b.as_str()), ("A-01", "A-02"));
    w.delete_asset(&b, &actor()).unwrap();
    assert_eq!(w.next_asset_id(), "A-03", "a deleted id stays taken");
    let mut e = w.asset(&a).unwrap().clone();
    e.count = 5;
    e.notes = "kept in the nurses' room".into();
    assert!(w.update_asset(e.clone(), &actor()));
    assert!(!w.update_asset(e, &actor()), "nothing changed");
    let logged: Vec<_> = w.log.iter().filter(|c| c.id == a).map(|c| &c.new).collect();
    assert!(logged.contains(&&"count: 5".to_string()), "{logged:?}");
    assert!(
        logged.iter().all(|v| !v.contains("nurses")),
        "notes are logged by length only: {logged:?}"
    );
}

#[test]
fn deleting_an_asset_takes_it_out_of_risks_and_undo_puts_it_back_in_place() {
    let mut w = ws();
    let a = w.add_asset(laptop(), &actor());
    let b = w.add_asset(laptop(), &actor());
    let r = w.add_risk(
        RiskEntry {
            title: "Theft".into(),
            assets: vec![b.clone(), a.clone()],
            ..RiskEntry::default()
        },
        &actor(),
    );
    let d = w.delete_asset(&a, &actor()).unwrap();
    assert_eq!(d.risks, vec![(r.clone(), 1)]);
    assert_eq!(w.risks[0].assets, vec![b.clone()]);
    w.restore_asset(d, &actor());
    assert_eq!(w.assets[0].id, a);
    assert_eq!(w.risks[0].assets, vec![b, a]);
}

#[test]
fn flows_name_assets_or_outside_parties() {
    let mut w = ws();
    let a = w.add_asset(laptop(), &actor());
    let f = w.add_flow(
        Flow {
            from: a.clone(),
            to: "Reference lab".into(),
            data: "lab orders".into(),
            channel: Channel::Interface,
            ..Flow::default()
        },
        &actor(),
    );
    assert_eq!(f, "F-01");
    assert_eq!(w.party_name(&a), "Clinician laptops");
    assert_eq!(w.party_name("Reference lab"), "Reference lab");
    let (at, flow) = w.delete_flow(&f, &actor()).unwrap();
    w.restore_flow(at, flow, &actor());
    assert_eq!(w.flows.len(), 1);
    assert_eq!(w.next_flow_id(), "F-02");
}

#[test]
fn words_read_back_as_their_kinds() {
    for k in AssetKind::ALL {
        assert_eq!(AssetKind::parse(k.word()), Some(k));
        assert_eq!(AssetKind::parse(k.label()), Some(k));
    }
    for c in Channel::ALL {
        assert_eq!(Channel::parse(c.word()), Some(c));
    }
    for e in Encryption::ALL {
        assert_eq!(Encryption::parse(e.word()), Some(e));
    }
    assert_eq!(AssetKind::parse("toaster"), None);
    assert_eq!(
        parse_ephi("maintain, create transmit").unwrap(),
        vec![PhiUse::Create, PhiUse::Maintain, PhiUse::Transmit]
    );
    assert!(parse_ephi("store").unwrap_err().contains("create, receive"));
    assert_eq!(parse_ephi("none").unwrap(), vec![]);
}

#[test]
fn every_library_pair_concerns_at_least_one_asset_kind() {
    for t in crate::domain::risk::library() {
        assert!(!t.kinds().is_empty(), "{}: {:?}", t.id, t.assets);
    }
    for k in AssetKind::ALL {
        if k == AssetKind::Other {
            continue;
        }
        assert!(
            crate::domain::risk::library()
                .iter()
                .any(|t| t.kinds().contains(&k)),
            "no library pair for {k:?}"
        );
    }
}

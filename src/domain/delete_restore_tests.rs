//! Deleting an item and undoing it leaves nothing pointing at nothing, and the item comes
//! back as the same item (found by attack on the register, the inventory and the vendors).

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::workspace::{Actor, Workspace};

fn demo() -> (Workspace, Actor) {
    let ws = crate::io::demo::build(Catalog::builtin());
    let actor = Actor {
        name: "t".into(),
        now: NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    (ws, actor)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

#[test]
fn a_risk_restored_after_its_asset_was_deleted_does_not_name_the_asset() {
    let (mut ws, actor) = demo();
    let r = ws
        .risks
        .iter()
        .find(|r| r.assets.len() >= 2)
        .unwrap()
        .clone();
    let asset = r
        .assets
        .iter()
        .find(|a| ws.asset(a).is_some())
        .unwrap()
        .clone();
    let (at, entry) = ws.delete_risk(&r.id, &actor).unwrap();
    ws.delete_asset(&asset, &actor).unwrap();
    let gone = ws.restore_risk(at, entry, &actor);
    assert_eq!(gone, vec![asset.clone()]);
    let back = ws.risks.iter().find(|x| x.id == r.id).unwrap();
    assert!(!back.assets.contains(&asset));
    // Flows that named the asset are said by `check` (the delete dialog warned of them); no
    // risk names it.
    assert!(
        !ws.loose_ends(today())
            .iter()
            .any(|l| l.starts_with("risk ")),
        "{:?}",
        ws.loose_ends(today())
    );
}

#[test]
fn a_deleted_vendor_leaves_no_asset_naming_it_and_undo_puts_it_back() {
    let (mut ws, actor) = demo();
    let v = ws
        .vendors
        .iter()
        .find(|v| ws.assets.iter().any(|a| a.vendor == v.id))
        .unwrap()
        .id
        .clone();
    let before = ws.assets.clone();
    let d = ws.delete_vendor(&v, &actor).unwrap();
    assert!(!d.assets.is_empty());
    assert!(ws.assets.iter().all(|a| a.vendor != v));
    assert_eq!(ws.loose_ends(today()), Vec::<String>::new());
    ws.restore_vendor(d, &actor);
    assert_eq!(ws.assets, before);
    // An asset naming a vendor that is not there is a loose end `check` names.
    ws.assets[0].vendor = "BA-99".into();
    assert!(ws.loose_ends(today()).join("\n").contains("vendor BA-99"));
}

#[test]
fn a_deleted_risk_or_vendor_is_not_an_answer_to_a_retired_question() {
    let (mut ws, actor) = demo();
    let c = ws.catalog();
    let rid = ws.risks[0].id.clone();
    ws.set_remediation(
        &rid,
        crate::domain::workspace::RemediationField::Owner("Dana".into()),
        &actor,
    );
    ws.delete_risk(&rid, &actor).unwrap();
    let vid = ws.vendors[0].id.clone();
    ws.delete_vendor(&vid, &actor).unwrap();
    let retired: Vec<&str> = ws.retired_ids(c).collect();
    assert!(!retired.contains(&rid.as_str()), "{retired:?}");
    assert!(!retired.contains(&vid.as_str()), "{retired:?}");
}

#[test]
fn undoing_a_deletion_keeps_the_day_the_gap_opened() {
    let (mut ws, actor) = demo();
    let c = Catalog::builtin();
    let gaps = crate::domain::gaps::derive_all(c, &ws, today(), 60);
    let g = gaps
        .iter()
        .find(|g| g.kind == crate::domain::gaps::GapKind::Risk)
        .unwrap()
        .clone();
    let opened = crate::domain::board::opened_closed(&ws, &g).0;
    assert!(opened.is_some_and(|d| d < today()));
    let (at, entry) = ws.delete_risk(&g.id, &actor).unwrap();
    ws.restore_risk(at, entry, &actor);
    let g2 = crate::domain::gaps::derive_all(c, &ws, today(), 60)
        .into_iter()
        .find(|x| x.id == g.id)
        .unwrap();
    assert_eq!(crate::domain::board::opened_closed(&ws, &g2).0, opened);
    assert_eq!(crate::domain::board::Openings::of(&ws).get(&g2).0, opened);
}

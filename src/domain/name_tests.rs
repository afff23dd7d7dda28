//! Every place a name is kept (a gap's owner, a project's name and owner, an asset's name
//! and owner, a vendor's name) keeps it as `text::name` gives it, whoever typed or imported
//! it: "Lee<U+200B> Chen" looked like Lee Chen on the board and was someone else in every
//! filter and calendar (found by attack).

use crate::domain::catalog::Catalog;
use crate::domain::inventory::Asset;
use crate::domain::project::Project;
use crate::domain::vendor::Vendor;
use crate::domain::workspace::{Actor, RemediationField, Workspace};

const HIDDEN: &str = "Lee\u{200B} \u{202E}Chen\n";

fn setup() -> (Workspace, Actor) {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let ws = Workspace::new("c", "a", Catalog::builtin(), day);
    let actor = Actor {
        name: "a".into(),
        now: day.and_hms_opt(9, 0, 0).unwrap(),
    };
    (ws, actor)
}

#[test]
fn every_name_is_kept_without_invisible_characters() {
    let (mut ws, actor) = setup();
    ws.set_remediation("ADM-BA-02", RemediationField::Owner(HIDDEN.into()), &actor);
    let p = ws.add_project(
        Project {
            name: HIDDEN.into(),
            owner: HIDDEN.into(),
            ..Default::default()
        },
        &actor,
    );
    let a = ws.add_asset(
        Asset {
            name: HIDDEN.into(),
            owner: HIDDEN.into(),
            ..Default::default()
        },
        &actor,
    );
    let v = ws.add_vendor(
        Vendor {
            name: HIDDEN.into(),
            ..Default::default()
        },
        &actor,
    );
    let kept = [
        ws.remediation("ADM-BA-02").owner,
        ws.project(&p).unwrap().name.clone(),
        ws.project(&p).unwrap().owner.clone(),
        ws.assets.iter().find(|x| x.id == a).unwrap().name.clone(),
        ws.assets.iter().find(|x| x.id == a).unwrap().owner.clone(),
        ws.vendor(&v).unwrap().name.clone(),
    ];
    for k in &kept {
        assert_eq!(k, "Lee Chen");
    }
    // Edits keep the rule too.
    let mut pr = ws.project(&p).unwrap().clone();
    pr.owner = "Sam\u{2060} Ortiz".into();
    ws.update_project(pr, &actor);
    assert_eq!(ws.project(&p).unwrap().owner, "Sam Ortiz");
    let mut asset = ws.assets.iter().find(|x| x.id == a).unwrap().clone();
    asset.owner = "Sam\u{2060} Ortiz".into();
    ws.update_asset(asset, &actor);
    assert_eq!(
        ws.assets.iter().find(|x| x.id == a).unwrap().owner,
        "Sam Ortiz"
    );
    let mut vendor = ws.vendor(&v).unwrap().clone();
    vendor.name = "Clear\u{200D}Path".into();
    ws.update_vendor(vendor, &actor);
    assert_eq!(ws.vendor(&v).unwrap().name, "ClearPath");
}

/// A file written before names were kept clean still filters as it reads.
#[test]
fn an_owner_from_an_older_file_matches_the_name_it_looks_like() {
    let (mut ws, actor) = setup();
    ws.set_answer(
        "ADM-BA-02",
        crate::domain::workspace::AnswerStatus::No,
        &actor,
    );
    ws.set_remediation("ADM-BA-02", RemediationField::Owner("x".into()), &actor);
    ws.remediation.get_mut("ADM-BA-02").unwrap().owner = "Lee\u{200B} Chen".into();
    let g = crate::domain::gaps::derive_one(Catalog::builtin(), &ws, "ADM-BA-02").unwrap();
    assert_eq!(g.owner, "Lee\u{200B} Chen");
    let f = crate::domain::view::GapFilter {
        owner: Some("lee chen".into()),
        ..Default::default()
    };
    assert!(f.keeps(&g, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()));
}

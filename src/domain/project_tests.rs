//! Remediation projects: inheritance of owner and date, status, ordering, edits and the log.
use chrono::NaiveDate;

use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::gaps;
use crate::domain::workspace::{AnswerStatus, RemediationField};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: d(2026, 12, 7).and_hms_opt(9, 0, 0).unwrap(),
    }
}

/// A workspace with three question gaps; returns it and their ids.
fn three_gaps() -> (Workspace, Vec<String>) {
    let c = Catalog::builtin();
    let mut w = Workspace::new("Clinic", "Ana", c, d(2026, 12, 1));
    let ids: Vec<String> = c.questions.iter().take(3).map(|q| q.id.clone()).collect();
    for id in &ids {
        w.set_answer(id, AnswerStatus::No, &actor());
    }
    (w, ids)
}

fn project(name: &str, owner: &str, due: Option<NaiveDate>) -> Project {
    Project {
        name: name.into(),
        owner: owner.into(),
        due,
        plan: "Sign every agreement".into(),
        ..Project::default()
    }
}

fn gap<'a>(all: &'a [Gap], id: &str) -> &'a Gap {
    all.iter().find(|g| g.id == id).unwrap()
}

#[test]
fn a_member_without_an_owner_or_date_shows_the_projects_and_one_with_its_own_keeps_it() {
    let (mut w, ids) = three_gaps();
    let p = w.add_project(
        project("Vendor agreements", "Dana", Some(d(2027, 2, 1))),
        &actor(),
    );
    assert_eq!(p, "P-01");
    w.set_remediation(&ids[1], RemediationField::Owner("Lee".into()), &actor());
    w.set_remediation(
        &ids[1],
        RemediationField::Due(Some(d(2027, 1, 5))),
        &actor(),
    );
    for id in &ids[..2] {
        assert!(w.set_project(id, Some(&p), &actor()));
    }
    let all = gaps::derive(Catalog::builtin(), &w);
    let (a, b, loose) = (gap(&all, &ids[0]), gap(&all, &ids[1]), gap(&all, &ids[2]));
    assert_eq!((a.owner.as_str(), a.due), ("Dana", Some(d(2027, 2, 1))));
    assert_eq!((b.owner.as_str(), b.due), ("Lee", Some(d(2027, 1, 5))));
    assert_eq!(a.project.as_deref(), Some("P-01"));
    assert_eq!((loose.owner.as_str(), loose.project.as_deref()), ("", None));
    // The stored record keeps the gap's own (empty) owner: inheritance is derived only.
    assert!(w.remediation(&ids[0]).owner.is_empty());
    // The one-gap path the board patches with agrees with the whole derivation.
    assert_eq!(
        gaps::derive_one(Catalog::builtin(), &w, &ids[0]).as_ref(),
        Some(a)
    );
}

#[test]
fn the_membership_survives_an_answer_change_and_a_deleted_project_leaves_its_gaps_as_they_were() {
    let (mut w, ids) = three_gaps();
    let p = w.add_project(project("Encrypt every device", "Dana", None), &actor());
    w.set_remediation(
        &ids[0],
        RemediationField::Plan("BitLocker".into()),
        &actor(),
    );
    w.set_project(&ids[0], Some(&p), &actor());
    w.set_answer(&ids[0], AnswerStatus::Partial, &actor());
    assert_eq!(w.remediation(&ids[0]).project.as_deref(), Some("P-01"));
    let deleted = w.delete_project(&p, &actor()).unwrap();
    assert_eq!(deleted.members, vec![ids[0].clone()]);
    assert!(w.projects.is_empty());
    let r = w.remediation(&ids[0]);
    assert_eq!((r.project, r.plan.as_str()), (None, "BitLocker"));
    // The id stays taken: a new project does not reuse it.
    assert_eq!(w.add_project(project("Next", "", None), &actor()), "P-02");
    w.restore_project(deleted, &actor());
    assert_eq!(w.project_members("P-01"), vec![ids[0].as_str()]);
}

#[test]
fn a_projects_status_follows_its_members() {
    let (mut w, ids) = three_gaps();
    let p = w.add_project(project("Policies", "", None), &actor());
    let status = |w: &Workspace| {
        let all = gaps::derive(Catalog::builtin(), w);
        rows(w, &all)[0].status
    };
    assert_eq!(
        status(&w),
        RemediationStatus::Open,
        "an empty project is open"
    );
    w.set_project(&ids[0], Some(&p), &actor());
    w.set_project(&ids[1], Some(&p), &actor());
    assert_eq!(status(&w), RemediationStatus::Open);
    let done = RemediationField::Status(RemediationStatus::Done);
    w.set_remediation(&ids[0], done.clone(), &actor());
    assert_eq!(status(&w), RemediationStatus::InProgress);
    w.set_remediation(&ids[1], done, &actor());
    assert_eq!(status(&w), RemediationStatus::Done);
}

#[test]
fn projects_come_first_by_their_due_date_with_their_gaps_together_then_the_loose_gaps() {
    let (mut w, ids) = three_gaps();
    let late = w.add_project(project("Late", "", Some(d(2027, 6, 1))), &actor());
    let soon = w.add_project(project("Soon", "", Some(d(2027, 1, 1))), &actor());
    w.set_project(&ids[0], Some(&late), &actor());
    w.set_project(&ids[2], Some(&soon), &actor());
    let all = gaps::derive(Catalog::builtin(), &w);
    let order: Vec<String> = projects_first(&w, all).into_iter().map(|g| g.id).collect();
    assert_eq!(order, vec![ids[2].clone(), ids[0].clone(), ids[1].clone()]);
}

#[test]
fn every_project_edit_is_logged_and_an_unknown_project_is_refused() {
    let (mut w, ids) = three_gaps();
    let before = w.log.len();
    let p = w.add_project(project("Backups", "", None), &actor());
    let mut edited = w.project(&p).unwrap().clone();
    edited.owner = "Dana".into();
    edited.plan = "Nightly, tested monthly".into();
    assert!(w.update_project(edited.clone(), &actor()));
    assert!(!w.update_project(edited, &actor()), "nothing changed");
    assert!(!w.set_project(&ids[0], Some("P-77"), &actor()));
    assert!(w.set_project(&ids[0], Some(&p), &actor()));
    assert!(!w.set_project(&ids[0], Some(&p), &actor()));
    assert!(w.set_project(&ids[0], None, &actor()));
    let logged: Vec<(String, String, String)> = w.log[before..]
        .iter()
        .filter(|c| c.field == Field::Project)
        .map(|c| (c.id.clone(), c.old.clone(), c.new.clone()))
        .collect();
    assert_eq!(logged.len(), 5, "{logged:?}");
    assert!(
        logged
            .iter()
            .all(|(_, o, n)| !n.contains("Nightly") && !o.contains("Nightly"))
    );
    assert_eq!(logged[3], (ids[0].clone(), String::new(), "P-01".into()));
}

#[test]
fn next_years_assessment_carries_the_projects_still_under_way_with_their_open_gaps() {
    let (mut w, ids) = three_gaps();
    let open = w.add_project(project("Under way", "Dana", Some(d(2027, 3, 1))), &actor());
    let done = w.add_project(project("Finished", "Lee", None), &actor());
    w.set_project(&ids[0], Some(&open), &actor());
    w.set_project(&ids[1], Some(&done), &actor());
    w.set_remediation(
        &ids[1],
        RemediationField::Status(RemediationStatus::Done),
        &actor(),
    );
    let src = crate::domain::carry::Source {
        ws: &w,
        file: "2026.ron".into(),
        sha256: String::new(),
    };
    let next = crate::domain::carry::carry_forward(
        &src,
        Catalog::builtin(),
        d(2027, 10, 1),
        None,
        &actor(),
    );
    let carried: Vec<&str> = next.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(carried, vec!["P-01"]);
    assert_eq!(next.remediation(&ids[0]).project.as_deref(), Some("P-01"));
    assert_eq!(next.remediation(&ids[1]).project, None);
    // The carried project's history goes with it, so its id stays taken.
    assert!(next.log.iter().any(|c| c.id == open));
    assert_eq!(next.next_project_id(), "P-02");
}

//! The board's promise, as a property over every kind of item: whatever the filter and the
//! order, an edit (owner, due date, status) changes the item under the cursor and nothing
//! else, and the cursor stays on it while the filter still shows it. Vendor gaps broke this
//! (an edited vendor's row vanished and the next edit landed one row off).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

use crate::domain::board::GapFilter;
use crate::domain::catalog::{Area, Catalog};
use crate::domain::evidence::EvidenceItem;
use crate::domain::gaps::{Gap, GapKind};
use crate::domain::rating::Rating;
use crate::domain::status::{AnswerStatus, RemediationStatus};
use crate::domain::vendor::Vendor;
use crate::domain::workspace::{Actor, RiskEntry, Workspace};
use crate::tui::app::{App, Tab};
use crate::tui::overlays::form::GapField;
use crate::tui::state::Mode;
use crate::tui::test_support::{code, enter, k, today, typed};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A workspace whose board holds every kind: question gaps, register risks, vendors without
/// a BAA, with an expired and with an expiring one, an expiring evidence item and a yearly
/// duty coming due.
fn every_kind() -> App {
    let c = Catalog::builtin();
    let mut ws = Workspace::new("Acme", "Morgan Hale", c, today());
    let actor = Actor {
        name: "Ana".into(),
        now: d(2026, 11, 2).and_hms_opt(9, 0, 0).unwrap(),
    };
    let ids: Vec<String> = c
        .in_area(Area::Administrative)
        .filter(|q| !q.has_tag("yearly"))
        .take(3)
        .map(|q| q.id.clone())
        .collect();
    ws.set_answer(&ids[0], AnswerStatus::No, &actor);
    ws.set_answer(&ids[1], AnswerStatus::Partial, &actor);
    ws.set_answer(&ids[2], AnswerStatus::No, &actor);
    ws.add_evidence(
        &ids[2],
        EvidenceItem {
            label: "Policy".into(),
            collected: Some(d(2025, 12, 1)),
            expires: Some(d(2026, 12, 10)),
            ..EvidenceItem::default()
        },
        &actor,
    );
    let yearly = c.questions.iter().find(|q| q.has_tag("yearly")).unwrap();
    let last_year = Actor {
        name: "Ana".into(),
        now: d(2025, 12, 20).and_hms_opt(9, 0, 0).unwrap(),
    };
    ws.set_answer(&yearly.id, AnswerStatus::Yes, &last_year);
    for (title, l, i) in [("Phishing", 4, 4), ("Lost laptop", 3, 4)] {
        ws.add_risk(
            RiskEntry {
                title: title.into(),
                likelihood: Rating::new(l).unwrap(),
                impact: Rating::new(i).unwrap(),
                ..RiskEntry::default()
            },
            &actor,
        );
    }
    let vendor = |name: &str, signed: Option<NaiveDate>, expires: Option<NaiveDate>| Vendor {
        name: name.into(),
        phi: true,
        baa_signed: signed,
        baa_expires: expires,
        ..Vendor::default()
    };
    ws.add_vendor(vendor("SwiftScribe", None, None), &actor);
    ws.add_vendor(vendor("CloudFax", None, None), &actor);
    ws.add_vendor(
        vendor("OldBackup", Some(d(2024, 1, 1)), Some(d(2026, 11, 20))),
        &actor,
    );
    ws.add_vendor(
        vendor("Portal Inc", Some(d(2025, 1, 1)), Some(d(2026, 12, 20))),
        &actor,
    );
    // A project over a question gap and a register risk; neither has an owner of its own.
    let p = ws.add_project(
        crate::domain::project::Project {
            name: "Policies".into(),
            owner: "Lee".into(),
            ..Default::default()
        },
        &actor,
    );
    ws.set_project(&ids[1], Some(&p), &actor);
    ws.set_project("R-02", Some(&p), &actor);
    let mut app = App::new(c, ws, "t.ron".into(), today(), "tester");
    app.update(k('6'));
    assert_eq!(app.tab, Tab::Gaps);
    app
}

fn by_key(gaps: &[Gap]) -> BTreeMap<(String, String), Gap> {
    gaps.iter()
        .map(|g| ((g.kind.word().to_string(), g.id.clone()), g.clone()))
        .collect()
}

#[derive(Debug, Clone)]
enum Edit {
    Owner(String),
    Due(NaiveDate),
    Status,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        "[A-Z][a-z]{2,8}".prop_map(Edit::Owner),
        (0i64..400).prop_map(|n| Edit::Due(d(2026, 6, 1) + chrono::Duration::days(n))),
        Just(Edit::Status),
    ]
}

fn filters() -> Vec<GapFilter> {
    vec![
        GapFilter::default(),
        GapFilter {
            status: Some(RemediationStatus::Open),
            ..GapFilter::default()
        },
        GapFilter {
            area: Some(Area::Administrative),
            ..GapFilter::default()
        },
        GapFilter {
            overdue: true,
            ..GapFilter::default()
        },
        GapFilter {
            unassigned: true,
            ..GapFilter::default()
        },
        GapFilter {
            text: "a".into(),
            ..GapFilter::default()
        },
    ]
}

/// Puts the cursor on row `n` with keys: first row, then down.
fn go_to_row(app: &mut App, n: usize) {
    app.update(k('g'));
    for _ in 0..n {
        app.update(k('j'));
    }
}

fn apply(app: &mut App, edit: &Edit) {
    match edit {
        Edit::Owner(name) => {
            app.update(k('o'));
            // A refused edit leaves normal mode on, where letters are commands.
            if !matches!(app.mode, Mode::Normal) {
                typed(app, name);
                enter(app);
            }
        }
        Edit::Due(date) => {
            app.update(k('d'));
            if !matches!(app.mode, Mode::Normal) {
                typed(app, &date.to_string());
                enter(app);
            }
        }
        Edit::Status => {
            app.update(k('s'));
        }
    }
    // An acceptance asks who accepts: declined here (the property is about the row).
    if !matches!(app.mode, Mode::Normal) {
        app.update(code(KeyCode::Esc));
    }
}

fn check_one_edit(app: &mut App, row: usize, edit: &Edit) -> Result<(), TestCaseError> {
    let rows = app.doc.board_rows();
    if rows.is_empty() {
        return Ok(());
    }
    let row = row % rows.len();
    go_to_row(app, row);
    let target = app.board_gap().unwrap();
    let before = by_key(&app.doc.gaps());
    apply(app, edit);
    let after = by_key(&app.doc.gaps());
    let key = (target.kind.word().to_string(), target.id.clone());
    // Every other item is as it was; an evidence item follows its question's owner, a
    // project's members its owner and date, a project's row its members.
    for (k2, g) in &before {
        let related = g.project.as_deref() == Some(target.id.as_str())
            || target.project.as_deref() == Some(g.id.as_str());
        if *k2 == key || g.id.starts_with(&format!("{}/", target.id)) || related {
            continue;
        }
        prop_assert_eq!(Some(g), after.get(k2), "{:?} edited {:?}", edit, key);
    }
    for k2 in after.keys() {
        prop_assert!(
            before.contains_key(k2),
            "{:?} appeared after {:?}",
            k2,
            edit
        );
    }
    let Some(edited) = after.get(&key) else {
        return Err(TestCaseError::fail(format!(
            "{key:?} vanished after {edit:?}"
        )));
    };
    let refused = matches!(target.kind, GapKind::Evidence)
        || (target.kind == GapKind::Renewal && !matches!(edit, Edit::Owner(_)))
        // A project's status follows its gaps: s on its row says so and changes nothing.
        || (target.kind == GapKind::Project && matches!(edit, Edit::Status));
    if refused {
        prop_assert_eq!(edited, &target, "a refused edit changed {:?}", key);
    } else {
        match edit {
            Edit::Owner(name) => prop_assert_eq!(&edited.owner, name),
            Edit::Due(date) if target.kind != GapKind::Renewal => {
                prop_assert_eq!(edited.due, Some(*date))
            }
            // After Done comes acceptance, which asks who accepts: declined here, the status
            // stays (or, declined before on this gap, moves on to Open).
            Edit::Status if target.status == RemediationStatus::Done => prop_assert!(
                matches!(
                    edited.status,
                    RemediationStatus::Done | RemediationStatus::Open
                ),
                "{:?} after s on a done gap",
                edited.status
            ),
            Edit::Status => prop_assert_ne!(edited.status, target.status),
            Edit::Due(_) => {}
        }
    }
    if app.doc.ws.view.filter.keeps(edited, today()) {
        let now = app.board_gap().map(|g| (g.kind.word().to_string(), g.id));
        prop_assert_eq!(now, Some(key), "the cursor left the edited item");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn an_edit_on_any_gap_kind_changes_only_that_item_and_the_cursor_stays_on_it(
        filter in 0usize..6,
        sort in 0usize..5,
        edits in prop::collection::vec((0usize..20, edit_strategy()), 1..6),
    ) {
        let mut app = every_kind();
        app.doc.ws.view.filter = filters()[filter].clone();
        for _ in 0..sort {
            app.update(k('O'));
        }
        for (row, edit) in &edits {
            check_one_edit(&mut app, *row, edit)?;
        }
    }
}

#[test]
fn the_board_holds_every_kind_for_the_property() {
    let app = every_kind();
    let kinds: std::collections::BTreeSet<&str> =
        app.doc.gaps().iter().map(|g| g.kind.word()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "evidence", "project", "question", "renewal", "risk", "vendor"
        ]
    );
}

#[test]
fn a_vendor_gap_keeps_its_row_and_the_cursor_after_owner_due_and_status() {
    let mut app = every_kind();
    let row = app
        .doc
        .board_rows()
        .iter()
        .position(|&i| app.doc.gaps()[i].id == "BA-02")
        .unwrap();
    go_to_row(&mut app, row);
    for edit in [
        Edit::Owner("Dana".into()),
        Edit::Due(d(2027, 1, 15)),
        Edit::Status,
    ] {
        apply(&mut app, &edit);
        let g = app.board_gap().unwrap();
        assert_eq!(
            (g.id.as_str(), g.kind),
            ("BA-02", GapKind::Vendor),
            "{edit:?}"
        );
        assert!(
            !app.message
                .as_deref()
                .unwrap_or("")
                .contains("no longer shown"),
            "{:?}",
            app.message
        );
    }
    let g = app.board_gap().unwrap();
    assert_eq!(
        (g.owner.as_str(), g.due, g.status),
        ("Dana", Some(d(2027, 1, 15)), RemediationStatus::InProgress)
    );
    let counts = crate::domain::board::counts(app.doc.gaps().iter(), today());
    let fresh = crate::domain::gaps::derive_all(app.doc.catalog, &app.doc.ws, today(), 60);
    assert_eq!(counts, crate::domain::board::counts(fresh.iter(), today()));
}

#[test]
fn a_change_names_the_person_running_hipaudit_not_the_lead_assessor() {
    let c = Catalog::builtin();
    let ws = Workspace::new("Acme", "Morgan Hale", c, today());
    let mut app = App::new(c, ws, "t.ron".into(), today(), "Jordan Reyes");
    app.update(k('2'));
    app.update(k('l'));
    let id = app.doc.catalog.questions[app.current_question().unwrap()]
        .id
        .clone();
    app.update(k('n'));
    assert_eq!(app.doc.ws.answers[&id].by, "Jordan Reyes");
    let last = app.doc.ws.log.last().unwrap();
    assert_eq!(
        (last.id.as_str(), last.by.as_str()),
        (id.as_str(), "Jordan Reyes")
    );
    assert_eq!(
        app.doc.ws.engagement.assessor, "Morgan Hale",
        "still the signatory"
    );
}

#[test]
fn a_prefilled_form_field_is_replaced_by_what_is_typed() {
    let mut app = every_kind();
    // The first row is the project's; its first gap is under it.
    app.update(k('g'));
    app.update(k('j'));
    app.update(k('w'));
    let Mode::Form(form) = &app.mode else {
        panic!("{:?}", app.message)
    };
    assert_eq!(form.get(GapField::Status), "Open");
    // To the status field, then type over the offered value.
    app.update(code(KeyCode::Tab));
    app.update(code(KeyCode::Tab));
    typed(&mut app, "done");
    let Mode::Form(form) = &app.mode else {
        panic!()
    };
    assert_eq!(
        form.get(GapField::Status),
        "done",
        "typing replaces, never `Opendone`"
    );
    // A cursor key keeps the offer, and typing then edits it.
    app.update(code(KeyCode::BackTab));
    app.update(code(KeyCode::End));
    typed(&mut app, "!");
    let Mode::Form(form) = &app.mode else {
        panic!()
    };
    let due = form.get(GapField::Due);
    assert!(due.ends_with('!'), "{due}");
}

#[test]
fn marking_two_rows_and_pressing_p_groups_them_into_a_project_shown_above_them() {
    let mut app = every_kind();
    let ids: Vec<String> = {
        let rows = app.doc.board_rows();
        let all = app.doc.gaps();
        rows.iter()
            .map(|&i| &all[i])
            .filter(|g| {
                g.project.is_none() && matches!(g.kind, GapKind::Question | GapKind::Vendor)
            })
            .take(2)
            .map(|g| g.id.clone())
            .collect()
    };
    for id in &ids {
        let row = app
            .doc
            .board_rows()
            .iter()
            .position(|&i| app.doc.gaps()[i].id == *id)
            .unwrap();
        go_to_row(&mut app, row);
        app.update(k(' '));
    }
    app.update(k('P'));
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.message);
    typed(&mut app, "Vendor agreements");
    enter(&mut app);
    let p = app.board_gap().unwrap();
    assert_eq!(
        (p.kind, p.id.as_str()),
        (GapKind::Project, "P-02"),
        "the cursor is on the new project"
    );
    assert_eq!(p.title, "Vendor agreements");
    let rows = app.doc.board_rows();
    let all = app.doc.gaps();
    let at = rows.iter().position(|&i| all[i].id == "P-02").unwrap();
    let under: Vec<&str> = rows[at + 1..=at + 2]
        .iter()
        .map(|&i| all[i].id.as_str())
        .collect();
    for id in &ids {
        assert!(
            under.contains(&id.as_str()),
            "{id} under its project: {under:?}"
        );
    }
    assert!(app.board.marked.is_empty());
    // o on the project's row sets its owner; its gaps without their own show it.
    app.update(k('o'));
    typed(&mut app, "Dana");
    enter(&mut app);
    assert_eq!(
        app.board_gap().unwrap().id,
        "P-02",
        "the cursor stays on the project"
    );
    for id in &ids {
        let g = app
            .doc
            .gaps()
            .iter()
            .find(|g| g.id == *id)
            .cloned()
            .unwrap();
        if app.doc.ws.remediation(id).owner.is_empty() {
            assert_eq!(g.owner, "Dana");
        }
    }
    // Adding to an existing project by its id.
    let loose = app
        .doc
        .gaps()
        .iter()
        .find(|g| g.kind == GapKind::Risk && g.project.is_none())
        .unwrap()
        .id
        .clone();
    let row = app
        .doc
        .board_rows()
        .iter()
        .position(|&i| app.doc.gaps()[i].id == loose)
        .unwrap();
    go_to_row(&mut app, row);
    app.update(k('P'));
    typed(&mut app, "p-02");
    enter(&mut app);
    assert_eq!(
        app.doc.ws.remediation(&loose).project.as_deref(),
        Some("P-02")
    );
}

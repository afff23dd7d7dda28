//! The demo carried into its second year, driven by keys: last year's note stays apart from
//! this year's observation, and a meeting of the new year walks the board's filter only.

use std::path::Path;

use chrono::Datelike;

use ratatui::crossterm::event::KeyCode;

use crate::domain::carry::{Source, carry_forward};
use crate::domain::catalog::{Area, Catalog};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{Actor, Workspace};
use crate::tui::app::App;
use crate::tui::state::Mode;
use crate::tui::test_support::{code, enter, k, today, typed};

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: today().and_hms_opt(9, 0, 0).unwrap(),
    }
}

/// The demo with `edit` made to it, carried forward to today.
fn carried(edit: impl FnOnce(&mut Workspace)) -> App {
    let c = Catalog::builtin();
    let mut old =
        crate::io::store::from_ron(crate::io::paths::DEMO, Path::new("demo.ron")).unwrap();
    edit(&mut old);
    let next = carry_forward(
        &Source {
            ws: &old,
            file: "demo.ron".into(),
            sha256: "0".repeat(64),
        },
        c,
        today(),
        None,
        &actor(),
    );
    App::new(c, next, "next.ron".into(), today(), "tester")
}

fn first_privacy_id() -> String {
    Catalog::builtin()
        .in_area(Area::Privacy)
        .next()
        .unwrap()
        .id
        .clone()
}

#[test]
fn a_carried_note_edited_starts_a_new_note_and_the_old_one_keeps_its_year() {
    let id = first_privacy_id();
    let mut a = carried(|ws| {
        ws.set_note(&id, "NPP posted at the front desk", &actor());
    });
    let before = a.doc.ws.answers[&id].earlier_note.clone().unwrap();
    assert_eq!(before.text, "NPP posted at the front desk");
    let started = a.doc.ws.previous.as_ref().unwrap().started.unwrap();
    assert_eq!(before.year, started.year(), "labelled with last year's");
    assert_eq!(
        a.doc.ws.note(&id),
        "",
        "last year's note is not this year's"
    );
    a.update(k('e'));
    typed(&mut a, "Seen again on site");
    a.update(code(KeyCode::Esc));
    assert!(matches!(a.mode, Mode::Normal));
    assert_eq!(a.doc.ws.note(&id), "Seen again on site");
    assert_eq!(
        a.doc.ws.answers[&id].earlier_note.as_ref(),
        Some(&before),
        "the old note stays, apart"
    );
}

#[test]
fn a_new_years_meeting_walks_a_level_high_filter_only_and_does_not_continue_last_years() {
    let mut a = carried(|_| {});
    let earlier: Vec<String> = a.doc.ws.meetings.iter().map(|m| m.id.clone()).collect();
    assert!(
        a.doc.ws.meetings.iter().all(|m| m.earlier),
        "the demo's meetings came along as last year's"
    );
    a.update(k('6'));
    let all = a.doc.board_rows().len();
    a.update(k('f'));
    typed(&mut a, "level:high");
    enter(&mut a);
    let rows = a.doc.board_rows().len();
    assert!(rows > 0 && rows < all, "{rows} of {all}");
    a.update(k('M'));
    assert!(
        matches!(&a.mode, Mode::Prompt(_)),
        "a new meeting is asked for"
    );
    enter(&mut a);
    typed(&mut a, "Dana Whitfield (practice manager)");
    enter(&mut a);
    assert!(a.meeting.on, "{:?}", a.message);
    let id = a.meeting.id.clone().unwrap();
    assert!(!earlier.contains(&id), "{id} is a new meeting");
    let mut seen = Vec::new();
    for _ in 0..all + 2 {
        let g = a.board_gap().expect("a gap on the card");
        assert_eq!(g.level(), RiskLevel::High, "{}", g.id);
        if !seen.contains(&g.id) {
            seen.push(g.id.clone());
        }
        a.update(k('j'));
    }
    assert_eq!(seen.len(), rows, "every filtered gap and no other");
}

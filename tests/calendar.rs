//! The calendar export as a calendar reads it: SEQUENCE and LAST-MODIFIED from the change
//! log, cancelled events kept for a year, overdue items marked, the finding as the title, the
//! reminder's days, and one owner's calendar (`--owner`). Parsed back with the `icalendar`
//! crate, never by matching text alone.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarComponent, Component};

use hipaudit::domain::workspace::{Actor, RemediationField, RemediationStatus, Workspace};
use hipaudit::exchange::calendar::CalendarOptions;
use hipaudit::exchange::export::{ExportFormat, Extras, export_bytes, export_bytes_with};
use hipaudit::io::paths::DEMO;

mod common;
#[allow(dead_code)] // the export helpers this file does not need
#[path = "common/reports.rs"]
mod reports;
use reports::{demo, today};

/// One event as a calendar keeps it.
#[derive(Debug, Clone, PartialEq)]
struct Ev {
    summary: String,
    description: String,
    sequence: Option<u32>,
    modified: Option<String>,
    cancelled: bool,
    triggers: Vec<String>,
}

/// The events by UID, parsed with the `icalendar` crate.
fn events(ics: &str) -> BTreeMap<String, Ev> {
    let cal: Calendar = ics.parse().expect("the calendar parses");
    let mut out = BTreeMap::new();
    for comp in &cal.components {
        let CalendarComponent::Event(e) = comp else {
            continue;
        };
        let triggers = e
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .filter_map(|a| a.property_value("TRIGGER").map(str::to_string))
            .collect();
        let ev = Ev {
            summary: e.get_summary().unwrap_or_default().to_string(),
            description: e.get_description().unwrap_or_default().to_string(),
            sequence: e.get_sequence(),
            modified: e.property_value("LAST-MODIFIED").map(str::to_string),
            cancelled: e.property_value("STATUS") == Some("CANCELLED"),
            triggers,
        };
        out.insert(e.get_uid().expect("a UID").to_string(), ev);
    }
    out
}

fn ics_on(ws: &Workspace, day: NaiveDate) -> String {
    String::from_utf8(export_bytes(ws, ExportFormat::Ics, false, day).unwrap()).unwrap()
}

fn ics_with(ws: &Workspace, cal: CalendarOptions) -> anyhow::Result<String> {
    let o = hipaudit::exchange::markdown::Options {
        today: today(),
        redact: false,
        window: 60,
        omit_unanswered: false,
    };
    let extras = Extras {
        calendar: cal,
        ..Default::default()
    };
    let bytes = export_bytes_with(ws, ExportFormat::Ics, &o, &extras)?;
    Ok(String::from_utf8(bytes).unwrap())
}

fn uid(ws: &Workspace, id: &str) -> String {
    format!("{id}@{}.hipaudit", ws.calendar_uid())
}

fn actor(at: NaiveDateTime) -> Actor {
    Actor {
        name: "Ana".into(),
        now: at,
    }
}

#[test]
fn an_edited_item_gets_a_higher_sequence_and_an_unchanged_one_keeps_its_own() {
    let mut ws = demo();
    let before = events(&ics_on(&ws, today()));
    let edited = uid(&ws, "ADM-BA-02");
    assert!(before.values().all(|e| e.sequence.is_some()), "every event");
    let at = today().and_hms_opt(10, 30, 0).unwrap();
    ws.set_remediation(
        "ADM-BA-02",
        RemediationField::Plan("Chase SwiftScribe for the BAA weekly.".into()),
        &actor(at),
    );
    let after = events(&ics_on(&ws, today()));
    assert_eq!(before.len(), after.len());
    assert!(
        after[&edited].sequence > before[&edited].sequence,
        "{:?} then {:?}",
        before[&edited].sequence,
        after[&edited].sequence
    );
    assert_eq!(
        after[&edited].modified.as_deref(),
        Some("20261128T103000Z"),
        "the edit's time"
    );
    for (id, e) in &before {
        if *id != edited {
            assert_eq!(after[id].sequence, e.sequence, "{id} did not change");
            assert_eq!(after[id].modified, e.modified, "{id}");
        }
    }
    // A day later with no edit: the same numbers, so a calendar has nothing to update.
    let again = events(&ics_on(&ws, today()));
    assert_eq!(again, after);
}

#[test]
fn an_item_turning_overdue_is_marked_and_its_sequence_still_grows_when_it_is_moved() {
    let mut ws = demo();
    let id = "ADM-BA-02";
    let due = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let on_time = events(&ics_on(&ws, due))[&uid(&ws, id)].clone();
    let late = events(&ics_on(&ws, today()))[&uid(&ws, id)].clone();
    assert!(
        !on_time.summary.starts_with("Overdue"),
        "{}",
        on_time.summary
    );
    assert!(late.summary.starts_with("Overdue: Remediate ADM-BA-02: "));
    assert!(late.sequence > on_time.sequence);
    // Moved to a later date: no longer overdue, and still a newer version than the last.
    let at = today().and_hms_opt(9, 0, 0).unwrap();
    ws.set_remediation(
        id,
        RemediationField::Due(Some(today() + Duration::days(30))),
        &actor(at),
    );
    let moved = events(&ics_on(&ws, today()))[&uid(&ws, id)].clone();
    assert!(!moved.summary.starts_with("Overdue"), "{}", moved.summary);
    assert!(moved.sequence > late.sequence);
}

#[test]
fn events_are_titled_by_the_finding_with_the_id_not_by_the_question() {
    let ws = demo();
    let c = hipaudit::domain::catalog::Catalog::builtin();
    let q = c.get("ADM-BA-02").unwrap();
    let e = &events(&ics_on(&ws, today()))[&uid(&ws, "ADM-BA-02")];
    let title = e.summary.trim_start_matches("Overdue: ");
    assert!(title.starts_with("Remediate ADM-BA-02: "), "{title}");
    let words = title.trim_start_matches("Remediate ADM-BA-02: ");
    // ADM-BA-02 is answered Partial in the demo: its finding is the Partial variant.
    assert!(
        q.finding_partial.starts_with(words.trim_end_matches('…')),
        "{title} vs {}",
        q.finding_partial
    );
    assert!(
        !title.contains(&q.prompt[..30]),
        "not the question: {title}"
    );
    assert!(
        e.description
            .contains(&format!("Finding: {}", q.finding_partial))
    );
    let open_not_late = events(&ics_on(&ws, today()))
        .into_values()
        .filter(|e| !e.cancelled && !e.summary.starts_with("Overdue: "))
        .count();
    assert!(open_not_late > 0, "items due later are not marked");
}

#[test]
fn a_closed_item_stays_cancelled_for_a_year_after_it_closed_then_leaves() {
    let mut ws = demo();
    let id = "ADM-BA-02";
    let closed = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    ws.set_remediation(
        id,
        RemediationField::Status(RemediationStatus::Done),
        &actor(closed.and_hms_opt(16, 0, 0).unwrap()),
    );
    let key = uid(&ws, id);
    let soon = events(&ics_on(&ws, closed + Duration::days(10)));
    assert!(soon[&key].cancelled, "cancelled, so calendars drop it");
    assert!(soon[&key].triggers.is_empty(), "no reminder for done work");
    let at_a_year = events(&ics_on(&ws, closed + Duration::days(365)));
    assert!(at_a_year[&key].cancelled);
    let later = events(&ics_on(&ws, closed + Duration::days(366)));
    assert!(!later.contains_key(&key), "gone a year after it closed");
}

#[test]
fn the_reminder_takes_its_days_from_the_option_and_refuses_more_than_sixty() {
    let ws = demo();
    // Open work not yet late: overdue events ring no alarm for a day gone by.
    let open = |ics: &str| -> Vec<Vec<String>> {
        events(ics)
            .into_values()
            .filter(|e| !e.cancelled && !e.summary.starts_with("Overdue"))
            .map(|e| e.triggers)
            .collect()
    };
    let late: Vec<Vec<String>> = events(&ics_with(&ws, CalendarOptions::default()).unwrap())
        .into_values()
        .filter(|e| e.summary.starts_with("Overdue"))
        .map(|e| e.triggers)
        .collect();
    assert!(
        !late.is_empty() && late.iter().all(Vec::is_empty),
        "{late:?}"
    );
    let default = ics_with(&ws, CalendarOptions::default()).unwrap();
    assert!(open(&default).iter().all(|t| t == &["-P7D"]));
    for (days, trigger) in [(14, "-P14D"), (0, "PT0S"), (60, "-P60D")] {
        let ics = ics_with(
            &ws,
            CalendarOptions {
                owner: None,
                remind_days: days,
            },
        )
        .unwrap();
        assert!(open(&ics).iter().all(|t| t == &[trigger]), "{days}");
    }
    let e = ics_with(
        &ws,
        CalendarOptions {
            owner: None,
            remind_days: 61,
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("0 to 60"), "{e}");
}

fn demo_file(dir: &Path) -> String {
    let p = dir.join("clinic.ron");
    std::fs::write(&p, DEMO).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn remind_days_comes_from_the_flag_else_config_and_bad_values_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let ws = demo_file(d.path());
    let out = common::run(d.path(), &["export", &ws, "--format", "ics", "-o", "-"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("TRIGGER:-P7D"));
    let cfg = d.path().join("config/hipaudit");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.ron"), "(\n  reminder_days: 3,\n)\n").unwrap();
    let out = common::run(d.path(), &["export", &ws, "--format", "ics", "-o", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("TRIGGER:-P3D"));
    let args = ["export", &ws, "--format", "ics", "-o", "-", "--remind-days"];
    let out = common::run(d.path(), &[&args[..], &["10"]].concat());
    assert!(String::from_utf8_lossy(&out.stdout).contains("TRIGGER:-P10D"));
    for bad in ["61", "-1", "week"] {
        let flag = format!("--remind-days={bad}");
        let out = common::run(d.path(), &[&args[..6], &[flag.as_str()]].concat());
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("0 to 60"), "{bad}: {err}");
        assert!(out.stdout.is_empty());
    }
    let out = common::run(
        d.path(),
        &["export", &ws, "--format", "csv", "--remind-days", "3"],
    );
    assert_eq!(out.status.code(), Some(1), "a calendar option elsewhere");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format ics"));
    std::fs::write(cfg.join("config.ron"), "(\n  reminder_days: 90,\n)\n").unwrap();
    let out = common::run(d.path(), &["export", &ws, "--format", "ics", "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reminder_days") && err.contains(":2:"),
        "{err}"
    );
}

#[test]
fn owner_writes_one_persons_calendar_and_an_owner_nobody_has_names_the_owners() {
    let d = tempfile::tempdir().unwrap();
    let ws = demo_file(d.path());
    let out = common::run(
        d.path(),
        &[
            "export",
            &ws,
            "--format",
            "ics",
            "--owner",
            "  dana WHITFIELD ",
            "-o",
            "-",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mine = events(&String::from_utf8(out.stdout).unwrap());
    let all = events(&ics_on(&demo(), today()));
    let expected: Vec<&String> = all
        .iter()
        .filter(|(_, e)| e.description.starts_with("Owner: Dana Whitfield\n"))
        .map(|(k, _)| k)
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.len());
    assert_eq!(mine.keys().collect::<Vec<_>>(), expected);
    assert_eq!(mine[expected[0]], all[expected[0]], "the same event");
    let out = common::run(
        d.path(),
        &[
            "export", &ws, "--format", "ics", "--owner", "Nobody", "-o", "-",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("'Nobody'"), "{err}");
    for name in ["Dana Whitfield", "Sam Ortiz", "Lee Chen"] {
        assert!(err.contains(name), "{name}: {err}");
    }
}

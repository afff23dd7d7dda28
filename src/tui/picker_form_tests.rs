//! The new-workspace form started from last year's file: `c` on a row, the From field, and
//! the carry the start screen runs.
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::picker::{Choice, Picker};

fn k(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn row(file: PathBuf) -> crate::io::portfolio::Row {
    crate::io::portfolio::Row {
        file,
        client: "Riverside".into(),
        answered: 1,
        questions: 2,
        ..Default::default()
    }
}

#[test]
fn next_years_file_is_named_after_last_years_with_the_year_moved_on() {
    let p = |s: &str| Path::new(s).to_path_buf();
    assert_eq!(next_year_name(&p("acme-2025.ron"), 2026), "acme-2026.ron");
    // A file two years old still gives this year's.
    assert_eq!(next_year_name(&p("acme-2024.ron"), 2026), "acme-2026.ron");
    assert_eq!(
        next_year_name(&p("/c/clinic_2025_final.ron.age"), 2026),
        "/c/clinic_2026_final.ron.age"
    );
    // No year in the name (five digits are not a year): this year's is added.
    assert_eq!(next_year_name(&p("c/12345.ron"), 2026), "c/12345-2026.ron");
    assert_eq!(next_year_name(&p("acme"), 2026), "acme-2026.ron");
}

#[test]
fn c_on_a_portfolio_row_starts_next_year_from_it_and_the_client_may_stay_empty() {
    let d = tempfile::tempdir().unwrap();
    let last = d.path().join("riverside-2025.ron");
    std::fs::write(&last, "any").unwrap();
    let mut p = Picker::new(Vec::new(), "ana");
    p.year = 2026;
    p.add_row(row(last.clone()));
    p.update(k(KeyCode::Char('c')));
    let form = p.form.as_ref().expect("c opens the form");
    assert_eq!(
        form.fields[0].text(),
        d.path().join("riverside-2026.ron").display().to_string()
    );
    assert_eq!(form.fields[FROM].text(), last.display().to_string());
    // Empty, so last year's assessor carries unless one is typed.
    assert_eq!(form.fields[4].text(), "");
    let Some(Choice::Create {
        path, client, from, ..
    }) = p.update(k(KeyCode::Enter))
    else {
        panic!("the form creates with last year's client")
    };
    assert_eq!(path, d.path().join("riverside-2026.ron"));
    assert_eq!(client, "");
    assert_eq!(from, Some(last));
}

#[test]
fn without_last_years_file_the_client_is_still_required() {
    let mut p = Picker::new(Vec::new(), "ana");
    p.update(k(KeyCode::Char('n')));
    for c in "x-test-none".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    assert_eq!(p.update(k(KeyCode::Enter)), None);
    let form = p.form.as_ref().unwrap();
    assert_eq!(form.focus, 1);
    assert!(form.error.as_deref().unwrap().contains("From"));
}

#[test]
fn a_from_file_that_does_not_exist_keeps_the_focus_on_from() {
    let d = tempfile::tempdir().unwrap();
    let mut p = Picker::new(Vec::new(), "ana");
    p.update(k(KeyCode::Char('n')));
    for c in d.path().join("new").display().to_string().chars() {
        p.update(k(KeyCode::Char(c)));
    }
    for _ in 0..FROM {
        p.update(k(KeyCode::Tab));
    }
    for c in d.path().join("gone-2025.ron").display().to_string().chars() {
        p.update(k(KeyCode::Char(c)));
    }
    assert_eq!(p.update(k(KeyCode::Enter)), None);
    let form = p.form.as_ref().unwrap();
    assert_eq!(form.focus, FROM);
    assert!(form.error.as_deref().unwrap().starts_with("no such file"));
    assert!(!d.path().join("new.ron").exists());
}

#[test]
fn c_with_nothing_chosen_says_what_to_choose() {
    let mut p = Picker::new(Vec::new(), "ana");
    // Only "new" and "demo" in the list.
    p.update(k(KeyCode::Char('c')));
    assert!(p.form.is_none());
    assert!(p.message.as_deref().unwrap().contains("last year"));
}

#[test]
fn the_start_screens_carry_makes_next_year_and_records_it_in_last_years_file() {
    use crate::domain::catalog::Catalog;
    use crate::domain::workspace::Workspace;
    let d = tempfile::tempdir().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    let env = crate::env::Env {
        today,
        user: "ana".into(),
        login: Some("ana".into()),
        data_dir: None,
        config_dir: None,
        no_color: true,
        editor: None,
        home: None,
    };
    let last = d.path().join("riverside-2025.ron");
    let mut old = Workspace::new(
        "Riverside Clinic",
        "bo",
        Catalog::builtin(),
        chrono::NaiveDate::from_ymd_opt(2025, 11, 3).unwrap(),
    );
    old.engagement.site = "1 Main St".into();
    crate::io::store::create(&last, &old).unwrap();
    let next = d.path().join("riverside-2026.ron");
    let note = crate::tui::start::carry(
        &next,
        &last,
        &env,
        String::new(),
        String::new(),
        "Security Rule only".into(),
        "ana".into(),
        None,
    )
    .unwrap();
    assert_eq!(note, None);
    let (ws, _) = crate::io::store::load(&next).unwrap();
    // Empty fields carry last year's; filled ones replace them.
    assert_eq!(ws.engagement.client, "Riverside Clinic");
    assert_eq!(ws.engagement.site, "1 Main St");
    assert_eq!(ws.engagement.scope, "Security Rule only");
    assert_eq!(ws.engagement.assessor, "ana");
    assert_eq!(ws.previous.as_ref().unwrap().file, "riverside-2025.ron");
    let (old, _) = crate::io::store::load(&last).unwrap();
    let into = old.carried_into.expect("last year records the carry");
    assert_eq!((into.file.as_str(), into.on), ("riverside-2026.ron", today));
    // Made once: a second carry to the same file is refused and changes nothing.
    let again = crate::tui::start::carry(
        &next,
        &last,
        &env,
        "Other".into(),
        String::new(),
        String::new(),
        String::new(),
        None,
    );
    assert!(again.unwrap_err().contains("already exists"));
    assert_eq!(
        crate::io::store::load(&next).unwrap().0.engagement.client,
        "Riverside Clinic"
    );
}

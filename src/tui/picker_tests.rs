//! The start screen's keys: the new-workspace form, the recent files, the portfolio rows.
use super::*;

fn k(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn the_form_refuses_missing_fields_then_creates() {
    let mut p = Picker::new(vec![], "ana");
    assert_eq!(p.update(k(KeyCode::Char('n'))), None);
    assert_eq!(p.update(k(KeyCode::Enter)), None);
    assert!(p.form.as_ref().unwrap().error.is_some());
    for c in "x-test-nonexistent".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    p.update(k(KeyCode::Tab));
    for c in "Acme".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    assert_eq!(
        p.update(k(KeyCode::Enter)),
        Some(Choice::Create {
            path: PathBuf::from("x-test-nonexistent.ron"),
            client: "Acme".into(),
            site: String::new(),
            scope: String::new(),
            assessor: "ana".into(),
            profile: None,
            from: None,
        })
    );
}

#[test]
fn the_form_expands_the_home_folder_and_takes_site_and_scope() {
    let mut p = Picker::new(vec![], "ana");
    p.home = Some(PathBuf::from("/home/ana"));
    p.update(k(KeyCode::Char('n')));
    let fields = ["~/clients/acme", "Acme", "2 Main St", "Covered entity"];
    for (i, text) in fields.iter().enumerate() {
        for c in text.chars() {
            p.update(k(KeyCode::Char(c)));
        }
        if i + 1 < fields.len() {
            p.update(k(KeyCode::Tab));
        }
    }
    // The cursor moves inside the text: Home, then a character goes in front.
    p.update(k(KeyCode::Home));
    p.update(k(KeyCode::Char('A')));
    let Some(Choice::Create {
        path, site, scope, ..
    }) = p.update(k(KeyCode::Enter))
    else {
        panic!("no workspace made")
    };
    assert_eq!(path, PathBuf::from("/home/ana/clients/acme.ron"));
    assert_eq!(site, "2 Main St");
    assert_eq!(scope, "ACovered entity");
}

#[test]
fn enter_opens_the_selected_recent_and_demo_is_last() {
    let mut p = Picker::new(vec![PathBuf::from("/a.ron")], "ana");
    assert_eq!(
        p.update(k(KeyCode::Enter)),
        Some(Choice::Open(PathBuf::from("/a.ron")))
    );
    p.update(k(KeyCode::Char('G')));
    p.update(k(KeyCode::Down));
    p.update(k(KeyCode::Down));
    assert_eq!(p.update(k(KeyCode::Enter)), Some(Choice::Demo));
}

#[test]
fn recent_list_keeps_the_latest_first_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    remember(dir.path(), Path::new("/w/a.ron")).unwrap();
    remember(dir.path(), Path::new("/w/b.ron")).unwrap();
    remember(dir.path(), Path::new("/w/a.ron")).unwrap();
    assert_eq!(
        load_recent(dir.path()),
        vec![PathBuf::from("/w/a.ron"), PathBuf::from("/w/b.ron")]
    );
}

#[test]
fn a_client_is_one_row_and_a_shows_its_earlier_years_under_it() {
    let row = |file: &str, overdue: usize| portfolio_row(file, "Riverside", overdue);
    let mut p = Picker::new(Vec::new(), "ana");
    let mut last = row("/c/riverside-2025.ron", 164);
    last.carried_into = Some(PathBuf::from("/c/riverside-2026.ron"));
    p.add_row(last);
    p.add_row(row("/c/riverside-2026.ron", 0));
    p.add_row(row("/c/zeta.ron", 1));
    let files = |p: &Picker| -> Vec<String> {
        p.entries()
            .into_iter()
            .filter_map(|e| match e {
                Entry::Row(i) => Some(p.rows[i].file.display().to_string()),
                _ => None,
            })
            .collect()
    };
    // Last year's 164 overdue items do not put it first: it is not listed at all.
    assert_eq!(files(&p), ["/c/zeta.ron", "/c/riverside-2026.ron"]);
    p.update(k(KeyCode::Char('a')));
    assert_eq!(
        files(&p),
        [
            "/c/zeta.ron",
            "/c/riverside-2026.ron",
            "/c/riverside-2025.ron"
        ]
    );
    p.update(k(KeyCode::Char('a')));
    assert_eq!(files(&p).len(), 2);
}

#[test]
fn a_new_workspace_named_without_a_folder_goes_to_the_configured_clients_folder() {
    let d = tempfile::tempdir().unwrap();
    let mut p = Picker::new(Vec::new(), "ana");
    p.clients_dir = Some(d.path().join("clients"));
    p.update(k(KeyCode::Char('n')));
    for c in "acme-2027".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    p.update(k(KeyCode::Tab));
    for c in "Acme".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    let Some(Choice::Create { path, .. }) = p.update(k(KeyCode::Enter)) else {
        panic!("the form creates")
    };
    assert_eq!(path, d.path().join("clients").join("acme-2027.ron"));
}

#[test]
fn client_names_take_the_width_the_screen_has() {
    let mut p = Picker::new(Vec::new(), "ana");
    let long = "Riverside Family Clinic and Women's Health Partners of the Valley";
    p.add_row(crate::io::portfolio::Row {
        file: PathBuf::from("/c/riverside.ron"),
        client: long.into(),
        answered: 1,
        questions: 2,
        ..Default::default()
    });
    let screen = |w: u16| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, 20)).unwrap();
        t.draw(|f| p.draw(f)).unwrap();
        let b = t.backend().buffer().clone();
        (0..b.area.height)
            .map(|y| {
                (0..b.area.width)
                    .map(|x| b[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(screen(200).contains(long), "{}", screen(200));
    assert!(
        !screen(100).contains(long),
        "narrow: cut, with the figures kept"
    );
    assert!(screen(100).contains("overdue"));
}

#[test]
fn the_form_takes_a_profile_and_refuses_a_value_that_does_not_exist() {
    let mut p = Picker::new(vec![], "ana");
    p.update(k(KeyCode::Char('n')));
    let fill = |p: &mut Picker, fields: &[&str]| {
        for text in fields {
            for c in text.chars() {
                p.update(k(KeyCode::Char(c)));
            }
            p.update(k(KeyCode::Tab));
        }
    };
    fill(&mut p, &["x-test-profile", "Acme", "", "", ""]);
    for c in "entity=provider,services=portal+telehealth".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    let Some(Choice::Create { profile, .. }) = p.update(k(KeyCode::Enter)) else {
        panic!("no workspace made")
    };
    let profile = profile.expect("a profile");
    assert!(profile.has(crate::domain::profile::Service::Telehealth));
    // A service that does not exist: the form stays on the profile field, naming the values.
    let mut p = Picker::new(vec![], "ana");
    p.update(k(KeyCode::Char('n')));
    fill(&mut p, &["x-test-profile", "Acme", "", "", ""]);
    for c in "services=teleportation".chars() {
        p.update(k(KeyCode::Char(c)));
    }
    assert_eq!(p.update(k(KeyCode::Enter)), None);
    let form = p.form.as_ref().unwrap();
    assert_eq!(form.focus, 5);
    let e = form.error.as_deref().unwrap();
    assert!(
        e.contains("teleportation") && e.contains("telehealth"),
        "{e}"
    );
}

/// The file under the cursor stays under it whatever reorders the list: `s` through every
/// order, `a`, a filter typed that still matches it, and rows that arrive from the loader
/// and sort above it (found by attack: sorting by client left the cursor on a row number,
/// and Enter opened another client's file).
#[test]
fn the_cursor_stays_on_its_file_whatever_reorders_the_start_screen() {
    let row = portfolio_row;
    let mut p = Picker::new(Vec::new(), "ana");
    for (f, c, o) in [
        ("/c/alpha.ron", "Alpha Clinic", 0),
        ("/c/bravo.ron", "Bravo Clinic", 3),
        ("/c/charlie.ron", "Charlie Clinic", 1),
        ("/c/delta.ron", "Delta Clinic", 7),
    ] {
        p.add_row(row(f, c, o));
    }
    let chosen = |p: &Picker| match p.entries()[p.selected] {
        Entry::Row(i) => p.rows[i].file.display().to_string(),
        e => format!("{e:?}"),
    };
    for start in 0..4 {
        p.selected = start;
        let file = chosen(&p);
        for _ in 0..3 {
            p.update(k(KeyCode::Char('s')));
            assert_eq!(chosen(&p), file, "after s ({:?})", p.order);
        }
        p.update(k(KeyCode::Char('a')));
        assert_eq!(chosen(&p), file, "after a");
        p.update(k(KeyCode::Char('a')));
        // A filter that still matches keeps it; Enter then opens that very file.
        p.update(k(KeyCode::Char('/')));
        p.update(k(KeyCode::Char('c')));
        assert_eq!(chosen(&p), file, "after a filter");
        p.update(k(KeyCode::Esc));
        assert_eq!(chosen(&p), file, "after the filter is cleared");
        assert_eq!(
            p.update(k(KeyCode::Enter)),
            Some(Choice::Open(PathBuf::from(&file)))
        );
    }
    // A row that arrives and sorts above the cursor does not move it off its file.
    p.selected = 2;
    let file = chosen(&p);
    p.add_row(row("/c/echo.ron", "Echo Clinic", 99));
    assert_eq!(chosen(&p), file, "after a row arrived");
    // Left at the top while loading, the cursor stays at the top.
    p.selected = 0;
    p.add_row(row("/c/foxtrot.ron", "Foxtrot Clinic", 500));
    assert_eq!(p.selected, 0);
    assert_eq!(chosen(&p), "/c/foxtrot.ron");
}

/// A portfolio row: a file, its client, one of two questions answered, `overdue` gaps open
/// and overdue.
fn portfolio_row(file: &str, client: &str, overdue: usize) -> crate::io::portfolio::Row {
    crate::io::portfolio::Row {
        file: PathBuf::from(file),
        client: client.into(),
        answered: 1,
        questions: 2,
        open_gaps: overdue,
        overdue,
        ..Default::default()
    }
}

//! The store's tests: loading, migrating, refusing, saving.
use super::*;
use crate::domain::catalog::Catalog;
use chrono::NaiveDate;

fn ws() -> Workspace {
    Workspace::new(
        "Acme",
        "Ana",
        Catalog::builtin(),
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    )
}

#[test]
fn save_is_atomic_private_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.ron");
    save(&p, &ws()).unwrap();
    let mut w2 = ws();
    w2.engagement.site = "Main St".into();
    save(&p, &w2).unwrap();
    assert_eq!(load(&p).unwrap().0, w2);
    assert_eq!(load(&backup_path(&p)).unwrap().0, ws());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");
}

#[test]
fn three_generations_are_kept_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.ron");
    for n in 0..5 {
        let mut w = ws();
        w.engagement.site = format!("v{n}");
        save(&p, &w).unwrap();
    }
    let site = |p: &Path| load(p).unwrap().0.engagement.site;
    assert_eq!(site(&p), "v4");
    assert_eq!(site(&generation_path(&p, 1)), "v3");
    assert_eq!(site(&generation_path(&p, 2)), "v2");
    assert_eq!(site(&generation_path(&p, 3)), "v1");
    assert!(!generation_path(&p, 4).exists());
}

#[test]
fn a_touched_file_is_not_an_outside_change_but_an_edited_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.ron");
    let stamp = save(&p, &ws()).unwrap().stamp;
    assert!(stamp.still_matches(&p).unwrap());
    let text = fs::read(&p).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&p, &text).unwrap();
    assert!(stamp.still_matches(&p).unwrap(), "same bytes, new time");
    let edited = String::from_utf8(text).unwrap().replace("Acme", "Acmf");
    fs::write(&p, edited).unwrap();
    assert!(!stamp.still_matches(&p).unwrap(), "same size, other bytes");
}

#[test]
fn leftover_temp_files_are_cleaned_and_loose_permissions_warned() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("l.ron");
    save(&p, &ws()).unwrap();
    fs::write(dir.path().join(".l.ron.tmp-99999"), "half a save").unwrap();
    fs::write(dir.path().join(".other.ron.tmp-1"), "not ours").unwrap();
    assert_eq!(clean_leftovers(&p), 1);
    assert!(dir.path().join(".other.ron.tmp-1").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        assert!(
            placement_warnings(&p).is_empty(),
            "{:?}",
            placement_warnings(&p)
        );
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        let w = placement_warnings(&p);
        assert!(w.iter().any(|w| w.contains("other users")), "{w:?}");
    }
    let synced = dir.path().join("Dropbox");
    fs::create_dir(&synced).unwrap();
    let q = synced.join("x.ron");
    save(&q, &ws()).unwrap();
    assert!(placement_warnings(&q).iter().any(|w| w.contains("dropbox")));
}

#[test]
fn a_failed_save_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gone").join("a.ron");
    assert!(save(&p, &ws()).is_err());
    assert!(!p.exists());
}

#[test]
fn create_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.ron");
    fs::write(&p, "keep me").unwrap();
    assert!(create(&p, &ws()).is_err());
    assert_eq!(fs::read_to_string(&p).unwrap(), "keep me");
}

#[test]
fn errors_carry_line_and_column() {
    let text = to_ron(&ws());
    let broken = text.replacen("client:", "client", 1);
    let e = from_ron(&broken, Path::new("w.ron")).unwrap_err();
    let (line, _) = e.position.unwrap();
    let expected = broken.lines().position(|l| l.contains("client")).unwrap() + 1;
    assert!(line >= expected && line <= expected + 1, "{e}");
    assert!(e.to_string().starts_with("w.ron:"), "{e}");
}

#[test]
fn a_version_1_file_loads_unchanged_and_is_written_as_the_current_version() {
    let v2 = to_ron(&ws());
    let v1 = v2.replace(
        &format!("format_version: {FORMAT_VERSION}"),
        "format_version: 1",
    );
    assert_ne!(v1, v2);
    let loaded = from_ron(&v1, Path::new("w.ron")).unwrap();
    assert_eq!(loaded.format_version, FORMAT_VERSION);
    assert_eq!(to_ron(&loaded), v2, "nothing but the version changes");
    assert!(loaded.meetings.is_empty() && loaded.decisions.is_empty());
}

#[test]
fn a_version_2_file_with_evidence_references_loads_as_evidence_items() {
    let v2 = r#"(
format_version: 2,
bank: (id: "hipaudit-core", version: 2),
engagement: (client: "Clinic", site: "", scope: "", assessor: "", started: Some("2025-11-03")),
answers: {
    "ADM-RA-01": (
        status: Yes,
        evidence: [
            (label: "Risk analysis 2025", location: "SharePoint > Compliance", collected: Some("2025-11-04")),
            (label: "", location: "binder, shelf 3", collected: None),
        ],
        by: "Dana",
        at: Some("2025-11-04T10:00:00"),
    ),
},
)"#;
    let ws = from_ron(v2, Path::new("w.ron")).unwrap();
    assert_eq!(ws.format_version, FORMAT_VERSION);
    let ev = &ws.answers["ADM-RA-01"].evidence;
    assert_eq!(ev[0].label, "Risk analysis 2025 — SharePoint > Compliance");
    assert_eq!(
        ev[0].collected,
        chrono::NaiveDate::from_ymd_opt(2025, 11, 4)
    );
    assert!(ev[0].file.is_empty() && ev[0].sha256.is_empty());
    assert_eq!(ev[1].label, "binder, shelf 3");
    let text = to_ron(&ws);
    assert!(!text.contains("location"), "{text}");
    assert!(text.contains(&format!("format_version: {FORMAT_VERSION}")));
    assert_eq!(from_ron(&text, Path::new("w.ron")).unwrap(), ws);
}

#[test]
fn a_version_3_file_with_a_register_loads_and_is_written_as_the_current_version() {
    let v3 = r#"(
format_version: 3,
bank: (id: "hipaudit-core", version: 2),
engagement: (client: "Old Clinic", started: Some("2025-11-01")),
risks: [
    (
        id: "R-01",
        title: "Stolen laptop",
        assets: ["Laptops", "EHR"],
        likelihood: 4,
        impact: 4,
        rationale: "two left in cars",
    ),
],
)"#;
    let ws = from_ron(v3, Path::new("w.ron")).unwrap();
    assert_eq!(ws.format_version, FORMAT_VERSION);
    assert_eq!(
        ws.risks[0].assets,
        vec!["Laptops", "EHR"],
        "free words stay"
    );
    assert!(ws.assets.is_empty() && ws.flows.is_empty());
    assert!(ws.risks[0].likelihood_why.is_empty() && ws.risks[0].acceptance.is_none());
    let text = to_ron(&ws);
    assert!(
        text.contains(&format!("format_version: {FORMAT_VERSION}")),
        "{text}"
    );
    assert!(
        !text.contains("assets: []") && !text.contains("method"),
        "{text}"
    );
    assert_eq!(from_ron(&text, Path::new("w.ron")).unwrap(), ws);
}

#[test]
fn a_version_4_file_loads_without_projects_and_is_written_as_the_current_version() {
    let v4 = r#"(
format_version: 4,
bank: (id: "hipaudit-core", version: 2),
engagement: (client: "Clinic", started: Some("2026-01-05")),
answers: {"ADM-RA-01": (status: No, by: "Dana", at: Some("2026-01-05T10:00:00"))},
remediation: {"ADM-RA-01": (owner: "Dana", status: InProgress)},
)"#;
    let ws = from_ron(v4, Path::new("w.ron")).unwrap();
    assert_eq!(ws.format_version, FORMAT_VERSION);
    assert!(ws.projects.is_empty());
    assert_eq!(ws.remediation["ADM-RA-01"].project, None);
    let text = to_ron(&ws);
    assert!(
        text.contains(&format!("format_version: {FORMAT_VERSION}")),
        "{text}"
    );
    assert!(
        !text.contains("projects") && !text.contains("project:"),
        "{text}"
    );
    assert_eq!(from_ron(&text, Path::new("w.ron")).unwrap(), ws);
    // A version 5 file with a project and a member reads back as written.
    let mut with = ws.clone();
    let actor = crate::domain::workspace::Actor {
        name: "Dana".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 1, 6)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    let p = with.add_project(
        crate::domain::project::Project {
            name: "Risk analysis".into(),
            ..Default::default()
        },
        &actor,
    );
    with.set_project("ADM-RA-01", Some(&p), &actor);
    let text = to_ron(&with);
    assert!(
        text.contains("projects") && text.contains("project: Some(\"P-01\")"),
        "{text}"
    );
    assert_eq!(from_ron(&text, Path::new("w.ron")).unwrap(), with);
}

#[test]
fn newer_format_versions_are_refused_with_a_reason() {
    let text = to_ron(&ws()).replace(
        &format!("format_version: {FORMAT_VERSION}"),
        "format_version: 7",
    );
    let e = from_ron(&text, Path::new("w.ron")).unwrap_err();
    assert!(e.to_string().contains("newer"), "{e}");
    assert!(e.position.is_some());
}

#[test]
fn binary_and_empty_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("b.ron");
    fs::write(&p, b"(\n  format\xff\xfe").unwrap();
    let e = load(&p).unwrap_err();
    assert_eq!(e.position, Some((2, 9)), "{e}");
    fs::write(&p, b"").unwrap();
    assert!(load(&p).unwrap_err().to_string().contains(":1:1: "));
}

#[test]
fn a_second_lock_names_the_holder_and_a_released_lock_is_reusable() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.ron");
    let first = Lock::acquire(&p).unwrap().unwrap();
    let holder = Lock::acquire(&p).unwrap().unwrap_err();
    assert!(
        holder.0.contains(&format!("pid {}", std::process::id())),
        "{holder}"
    );
    drop(first);
    // A stale text left behind (as by a crash) does not block a new claim.
    fs::write(lock_path(&p), "pid 999999 on elsewhere").unwrap();
    assert!(Lock::acquire(&p).unwrap().is_ok());
}

#[test]
fn a_version_5_file_loads_without_a_profile_so_every_question_stays_in_scope() {
    let v5 = r#"(
format_version: 5,
bank: (id: "hipaudit-core", version: 3),
engagement: (client: "Clinic", started: Some("2026-01-05")),
answers: {"ADM-RA-01": (status: No, by: "Dana", at: Some("2026-01-05T10:00:00"))},
)"#;
    let ws = from_ron(v5, Path::new("w.ron")).unwrap();
    assert_eq!((ws.format_version, ws.profile.as_ref()), (6, None));
    assert!(std::ptr::eq(
        ws.catalog(),
        crate::domain::catalog::Catalog::builtin()
    ));
    let text = to_ron(&ws);
    assert!(!text.contains("profile"), "{text}");
    // A profile is written and read back as set; an unknown service is refused with its place.
    let mut with = ws.clone();
    with.profile = Some(
        crate::domain::profile::Profile::parse_list("entity=msp,services=telehealth+part2")
            .unwrap(),
    );
    let text = to_ron(&with);
    assert_eq!(from_ron(&text, Path::new("w.ron")).unwrap(), with);
    let bad = text.replace("Telehealth", "Teleporting");
    let e = from_ron(&bad, Path::new("w.ron")).unwrap_err().to_string();
    assert!(e.contains("w.ron:") && e.contains("Teleporting"), "{e}");
}

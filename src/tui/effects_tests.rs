//! The effects: saves, exports, emergency copies.
use super::*;
use crate::domain::catalog::Catalog;

#[test]
fn the_emergency_copy_is_written_even_when_the_workspace_fails_its_own_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let c = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let mut ws = Workspace::new("Acme", "Ana", c, today);
    store::save(&path, &ws).unwrap();
    // What the user typed, in a state the read-back check refuses (the reason the save
    // failed in the first place).
    let typed = "x".repeat(crate::domain::problems::MAX_TEXT + 1);
    ws.answers.entry("PRV-UD-01".into()).or_default().note = typed.clone();
    let mut app = App::new(c, ws, path, today, "t");
    app.doc.touch();
    let copy = emergency_copy(&app, None).unwrap().expect("a copy");
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(text.contains(&typed), "the typed text is in the copy");
    let keys = crypt::Keys::generate();
    std::fs::write(crypt::key_path(&app.file.path), b"the sealed key").unwrap();
    let sealed = emergency_copy(&app, Some(&keys))
        .unwrap()
        .expect("an encrypted copy");
    let plain = keys
        .decrypt(&std::fs::read(&sealed).unwrap(), &sealed)
        .unwrap();
    assert!(String::from_utf8(plain).unwrap().contains(&typed));
}

#[test]
fn an_export_from_the_app_says_what_the_command_line_says_about_phi_and_encryption() {
    let dir = tempfile::tempdir().unwrap();
    let c = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let ws = Workspace::new("Acme", "Ana", c, today);
    let app = App::new(c, ws, dir.path().join("w.ron.age"), today, "t");
    let md = write_export(&app, export::ExportFormat::Md, false, true);
    assert!(
        md.contains("may hold PHI") && md.contains("not encrypted"),
        "{md}"
    );
    let ics = write_export(&app, export::ExportFormat::Ics, false, false);
    assert!(ics.starts_with("wrote ") && !ics.contains("PHI"), "{ics}");
    let redacted = write_export(&app, export::ExportFormat::Md, true, false);
    assert!(
        redacted.contains("(redacted)") && !redacted.contains("PHI"),
        "{redacted}"
    );
}

#[test]
fn a_key_file_that_cannot_be_copied_beside_an_encrypted_copy_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron.age");
    let c = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let mut app = App::new(c, Workspace::new("Acme", "Ana", c, today), path, today, "t");
    app.doc.touch();
    let keys = crypt::Keys::generate();
    // No key file beside the workspace to copy: the copy is written and the gap is said.
    let e = emergency_copy(&app, Some(&keys)).unwrap_err().to_string();
    assert!(e.contains("was written, but its key file"), "{e}");
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("emergency"))
        .collect();
    assert_eq!(copies.len(), 1, "the encrypted copy itself is kept");
}

/// A signal after a save failed because the folder cannot be written: the emergency copy
/// goes to the home folder instead of being lost (found by attack: the copy was tried only
/// beside the workspace, every unsaved edit was lost, and the exit status was 0).
#[test]
fn the_emergency_copy_goes_home_when_the_workspaces_folder_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // A folder that does not exist stands for one that cannot be written (root ignores modes).
    let path = dir.path().join("gone").join("w.ron");
    let c = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let mut app = App::new(c, Workspace::new("Acme", "Ana", c, today), path, today, "t");
    app.settings.home = Some(home.path().to_path_buf());
    app.doc.ws.engagement.scope = "typed before the signal".into();
    app.doc.touch();
    let copy = emergency_copy(&app, None).unwrap().expect("a copy");
    assert_eq!(copy.parent(), Some(home.path()), "{}", copy.display());
    assert_eq!(
        store::load(&copy).unwrap().0.engagement.scope,
        "typed before the signal"
    );
}

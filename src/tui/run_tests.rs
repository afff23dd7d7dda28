//! Tests of opening a workspace, locking it, and every effect the real loop carries out
//! (saves, conflicts, exports, emergency copies).
use super::effects::{Outcome, emergency_copy};
use super::msg::Msg;
use super::*;
use crate::domain::catalog::Catalog;
use crate::io::paths::note_file;
use app::Effect;
use app::SaveState;
use state::Mode;
use std::time::Duration;

/// Carries out an effect and feeds its results back, as the loop does; true when the
/// app ends.
fn handle(
    effect: Effect,
    app: &mut App,
    s: &mut Session,
    editor: &mut dyn FnMut(&str) -> Result<String>,
) -> bool {
    let Outcome { msgs, exit, .. } = effects::run(effect, app, s, editor);
    let mut ends = exit;
    for m in msgs {
        for e in app.update(m) {
            ends |= handle(e, app, s, editor);
        }
    }
    ends
}

fn feed(app: &mut App, msgs: Vec<Msg>) {
    for m in msgs {
        app.update(m);
    }
}
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn setup() -> (tempfile::TempDir, App, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let c = Catalog::builtin();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let ws = Workspace::new("Acme", "Ana", c, today);
    let stamp = store::save(&path, &ws).unwrap();
    let app = App::new(c, ws, path, today, "t");
    let session = Session::new(Some(stamp.stamp), None, None);
    (dir, app, session)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn no_editor(_: &str) -> Result<String> {
    Err(anyhow!("no editor in tests"))
}

#[test]
fn quit_saves_everything_first() {
    let (_d, mut app, mut s) = setup();
    app.update(key('n'));
    let effects = app.update(key('q'));
    assert_eq!(effects, vec![Effect::Quit]);
    assert!(handle(Effect::Quit, &mut app, &mut s, &mut no_editor));
    let (on_disk, _) = store::load(&app.file.path).unwrap();
    assert_eq!(on_disk.answers, app.doc.ws.answers);
}

#[test]
fn background_save_writes_and_marks_saved() {
    let (_d, mut app, mut s) = setup();
    app.update(key('y'));
    let started = s.start_save(&app).unwrap();
    app.update(started);
    let done = s.poll_save(true).unwrap();
    app.update(done);
    assert_eq!(app.doc.save_state, SaveState::Saved);
    assert!(!app.dirty());
    assert_eq!(
        store::load(&app.file.path).unwrap().0.answers,
        app.doc.ws.answers
    );
}

#[test]
fn a_failed_save_keeps_edits_and_quitting_asks_first() {
    let (d, mut app, mut s) = setup();
    app.update(key('y'));
    // The folder disappears (an unplugged drive, a deleted folder).
    std::fs::remove_dir_all(d.path()).unwrap();
    assert!(
        !handle(Effect::Quit, &mut app, &mut s, &mut no_editor),
        "must not quit"
    );
    assert!(matches!(app.doc.save_state, SaveState::Failed(_)));
    assert!(matches!(app.mode, Mode::ConfirmQuit));
    assert_eq!(app.doc.ws.answers.len(), 1, "the edit is still in memory");
    assert!(app.message.as_deref().unwrap().contains("kept in memory"));
    // Anything but y stays.
    assert!(app.update(key('n')).is_empty());
    assert!(matches!(app.mode, Mode::Normal));
    app.update(key('q'));
    assert!(!handle(Effect::Quit, &mut app, &mut s, &mut no_editor));
    assert_eq!(app.update(key('y')), vec![Effect::ForceQuit]);
}

#[test]
fn when_the_folder_is_gone_the_edits_can_be_saved_elsewhere() {
    let (d, mut app, mut s) = setup();
    app.update(key('y'));
    std::fs::remove_dir_all(d.path()).unwrap();
    assert!(!handle(Effect::Quit, &mut app, &mut s, &mut no_editor));
    assert!(matches!(app.mode, Mode::ConfirmQuit));
    app.update(key('w'));
    assert!(matches!(app.mode, Mode::Prompt(_)));
    let other = tempfile::tempdir().unwrap();
    let target = other.path().join("rescued.ron");
    app.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in target.to_str().unwrap().chars() {
        app.update(key(c));
    }
    let effects = app.update(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(effects, vec![Effect::SaveAs(target.clone())]);
    assert!(!handle(
        effects[0].clone(),
        &mut app,
        &mut s,
        &mut no_editor
    ));
    assert_eq!(app.file.path, target);
    assert_eq!(store::load(&target).unwrap().0.answers, app.doc.ws.answers);
    assert!(!app.dirty());
    // Quitting now saves there and ends.
    app.update(key('n'));
    assert!(handle(Effect::Quit, &mut app, &mut s, &mut no_editor));
    assert_eq!(store::load(&target).unwrap().0.answers, app.doc.ws.answers);
}

#[test]
fn a_folder_deleted_and_made_again_still_takes_the_save() {
    let (d, mut app, mut s) = setup();
    app.update(key('n'));
    std::fs::remove_dir_all(d.path()).unwrap();
    std::fs::create_dir(d.path()).unwrap();
    assert!(!handle(Effect::SaveNow, &mut app, &mut s, &mut no_editor));
    assert_eq!(app.doc.save_state, SaveState::Saved, "{:?}", app.message);
    assert_eq!(
        store::load(&app.file.path).unwrap().0.answers,
        app.doc.ws.answers
    );
}

#[test]
fn a_signal_while_typing_a_note_keeps_the_text_on_disk() {
    let (_d, mut app, mut s) = setup();
    app.update(key('e'));
    assert!(matches!(app.mode, Mode::Editor(_)));
    for c in "typed before SIGTERM".chars() {
        app.update(key(c));
    }
    let [rescue] = app.update(Msg::Stop).try_into().unwrap();
    let said = effects::run(rescue, &app, &mut s, &mut no_editor)
        .farewell
        .unwrap();
    assert!(said.contains("saved"), "{said}");
    let (on_disk, _) = store::load(&app.file.path).unwrap();
    assert!(
        on_disk
            .answers
            .values()
            .any(|a| a.note == "typed before SIGTERM"),
        "{:?}",
        on_disk.answers
    );
}

#[test]
fn the_outside_editor_file_is_private_and_leftovers_are_removed() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let env = Env {
        today: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        user: "t".into(),
        login: Some("t".into()),
        data_dir: Some(home.path().join("data")),
        config_dir: None,
        no_color: true,
        editor: None,
        home: None,
    };
    let dir = editing_dir(&env).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let f = note_file(&dir, "patient detail").unwrap();
    assert_eq!(mode(&f), 0o600);
    assert!(f.starts_with(&dir));
    assert_ne!(f.parent(), Some(std::env::temp_dir().as_path()));
    // A file of a process that is gone is removed at the next start; ours stays.
    let stale = dir.join("note-999999999-1.txt");
    std::fs::write(&stale, "left by a crash").unwrap();
    assert_eq!(clean_editing_dir(&dir), 1);
    assert!(!stale.exists());
    assert!(f.exists());
    // A link planted in place of the folder is refused.
    std::fs::remove_dir_all(&dir).unwrap();
    let elsewhere = home.path().join("shared");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &dir).unwrap();
    let e = editing_dir(&env).unwrap_err();
    assert!(format!("{e:#}").contains("symbolic link"), "{e:#}");
}

#[test]
fn an_outside_change_is_never_overwritten_silently() {
    let (_d, mut app, mut s) = setup();
    app.update(key('y'));
    // Someone else writes the file (another copy, a sync tool, a hand edit).
    std::thread::sleep(Duration::from_millis(20));
    let theirs = std::fs::read_to_string(&app.file.path)
        .unwrap()
        .replace("Acme", "Acme (edited by Bo)");
    std::fs::write(&app.file.path, &theirs).unwrap();
    let (msgs, ok) = s.save_now(&app);
    feed(&mut app, msgs);
    assert!(!ok);
    assert_eq!(app.doc.save_state, SaveState::Conflict);
    assert!(matches!(app.mode, Mode::Conflict));
    assert_eq!(std::fs::read_to_string(&app.file.path).unwrap(), theirs);
    // Keep both: ours goes beside theirs and editing continues there.
    let original = app.file.path.clone();
    assert!(!handle(Effect::KeepBoth, &mut app, &mut s, &mut no_editor));
    assert_ne!(app.file.path, original);
    assert_eq!(std::fs::read_to_string(&original).unwrap(), theirs);
    assert_eq!(
        store::load(&app.file.path).unwrap().0.answers,
        app.doc.ws.answers
    );
    assert_eq!(app.doc.save_state, SaveState::Saved);
}

#[test]
fn overwrite_replaces_theirs_and_keeps_it_as_backup() {
    let (_d, mut app, mut s) = setup();
    app.update(key('y'));
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&app.file.path, "theirs").unwrap();
    let (msgs, ok) = s.save_now(&app);
    feed(&mut app, msgs);
    assert!(!ok);
    handle(Effect::Overwrite, &mut app, &mut s, &mut no_editor);
    assert_eq!(app.doc.save_state, SaveState::Saved);
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&app.file.path)).unwrap(),
        "theirs"
    );
}

#[test]
fn export_from_the_app_writes_beside_the_workspace_without_overwriting() {
    let (_d, mut app, mut s) = setup();
    let e = Effect::Export {
        format: crate::exchange::export::ExportFormat::Md,
        redact: false,
    };
    handle(e.clone(), &mut app, &mut s, &mut no_editor);
    handle(e, &mut app, &mut s, &mut no_editor);
    let dir = app.file.path.parent().unwrap();
    assert!(dir.join("w-report.md").exists());
    assert!(dir.join("w-report-2.md").exists());
    assert!(app.message.as_deref().unwrap().contains("w-report-2.md"));
}

#[test]
fn a_word_export_from_the_app_takes_the_configured_template() {
    use std::io::Write;
    let (d, mut app, mut s) = setup();
    let template = d.path().join("letterhead.docx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&template).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        (
            "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        ),
        (
            "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p/></w:body></w:document>",
        ),
        ("word/styles.xml", "<w:styles>CONSULTANT STYLES</w:styles>"),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    app.settings.word_template = Some(template);
    let e = Effect::Export {
        format: crate::exchange::export::ExportFormat::Docx,
        redact: false,
    };
    handle(e.clone(), &mut app, &mut s, &mut no_editor);
    let out = app.file.path.with_file_name("w-report.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut styles)
        .unwrap();
    assert!(styles.contains("CONSULTANT STYLES"), "{styles}");
    // A template that is gone is said, and nothing is written.
    app.settings.word_template = Some(d.path().join("gone.docx"));
    handle(e, &mut app, &mut s, &mut no_editor);
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("the Word template"), "{m}");
    assert!(!app.file.path.with_file_name("w-report-2.docx").exists());
}

#[test]
fn a_crash_leaves_an_emergency_copy_of_unsaved_edits() {
    let (_d, mut app, _s) = setup();
    assert_eq!(
        emergency_copy(&app, None).unwrap(),
        None,
        "nothing unsaved, no copy"
    );
    app.update(key('n'));
    let copy = emergency_copy(&app, None).unwrap().expect("a copy");
    assert!(copy.to_string_lossy().contains(".emergency-"));
    assert_eq!(store::load(&copy).unwrap().0.answers, app.doc.ws.answers);
    let keys = crate::io::crypt::Keys::generate();
    std::fs::write(
        crate::io::crypt::key_path(&app.file.path),
        b"the sealed key",
    )
    .unwrap();
    let sealed = emergency_copy(&app, Some(&keys))
        .unwrap()
        .expect("an encrypted copy");
    assert!(crate::io::crypt::is_encrypted(
        &std::fs::read(&sealed).unwrap()
    ));
    assert_eq!(
        store::load_with(&sealed, Some(&keys)).unwrap().0.answers,
        app.doc.ws.answers
    );
}

#[test]
fn the_outside_editor_replaces_the_note() {
    let (_d, mut app, mut s) = setup();
    let id = app
        .doc
        .catalog
        .in_area(crate::domain::catalog::Area::Privacy)
        .next()
        .unwrap()
        .id
        .clone();
    let effects = app.update(KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT));
    let [effect] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let mut editor = |t: &str| -> Result<String> { Ok(format!("{t}written outside\n")) };
    handle(effect.clone(), &mut app, &mut s, &mut editor);
    assert_eq!(app.doc.ws.note(&id), "written outside");
    let mut failing = no_editor;
    handle(effect.clone(), &mut app, &mut s, &mut failing);
    assert_eq!(
        app.doc.ws.note(&id),
        "written outside",
        "a failed editor changes nothing"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_p_makes_a_workspace_others_can_read_private_and_leaves_a_link_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, mut app, mut s) = setup();
    let path = app.file.path.clone();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // As git checks a pulled file out.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(store::placement_warnings(&path)[0].contains("Ctrl-p"));
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    let effects = app.update(ctrl_p);
    assert_eq!(effects.len(), 1);
    for e in effects {
        handle(e, &mut app, &mut s, &mut no_editor);
    }
    assert_eq!(mode(&path), 0o600);
    assert!(
        app.message.as_deref().unwrap_or("").contains("now private"),
        "{:?}",
        app.message
    );
    assert!(
        store::placement_warnings(&path)
            .iter()
            .all(|w| !w.contains("can be read by other users"))
    );
    // Through a link: the target (anyone's file) keeps its mode.
    let target = dir.path().join("target.ron");
    std::fs::write(&target, "x").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(store::make_private(&link).contains("not a plain file"));
    assert_eq!(mode(&target), 0o644);
}

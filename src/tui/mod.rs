//! The full-screen app. `app` holds the state and `update`; `ui` draws it (reading only);
//! `keymap` is the one key table; `msg` what can happen; `effects` carries out what the app
//! asks for; `event_loop` ties them together over any ratatui backend. This file opens a
//! workspace, sets up the real terminal and runs the loop.
//!
//! Over 600 lines with its tests: opening, locking and every effect the real loop carries
//! out (saves, conflicts, exports, emergency copies) are tested here, beside the code.

pub mod app;
#[cfg(test)]
mod board_edit_tests;
pub mod cx;
pub mod doc;
pub mod effects;
pub mod event_loop;
mod evidence_keys;
#[cfg(test)]
mod filter_tests;
mod form_keys;
mod gap_keys;
pub mod keymap;
pub mod msg;
mod outside;
pub mod overlays;
pub mod picker;
mod place;
mod prompt_keys;
#[cfg(test)]
mod read_only_tests;
#[cfg(test)]
mod register_tests;
mod risk_form_keys;
mod search_keys;
pub mod session;
#[cfg(test)]
mod site_day_tests;
mod start;
pub mod state;
pub mod tabs;
#[cfg(test)]
mod test_support;
pub mod theme;
pub mod ui;
pub mod widgets;

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::env::Env;
use crate::io::paths::{clean_editing_dir, editing_dir};
use crate::io::store::{self, Lock, Stamp, open_any};

use app::App;
use effects::Session;
use event_loop::{Signals, TerminalEvents};

/// Runs the app: the portfolio (start screen) when no path is given, then the workspace;
/// quitting a workspace opened from the portfolio goes back to it.
pub fn run(path: Option<PathBuf>, env: &Env) -> Result<()> {
    if let Some(p) = path {
        let (ws, stamp, keys) = open_checked(&p)?;
        return run_workspace(p, ws, stamp, keys, env).map(|_| ());
    }
    // From the portfolio, a file that cannot be opened sends the user back to it.
    let mut problem = None;
    loop {
        let Some(p) = start::pick(env, problem.take())? else {
            return Ok(());
        };
        match open_checked(&p) {
            Ok((ws, stamp, keys)) => {
                // A signal or a closed terminal ends everything, not just the workspace.
                if run_workspace(p, ws, stamp, keys, env)? {
                    return Ok(());
                }
            }
            Err(e) => problem = Some(format!("{e:#}")),
        }
    }
}

/// One workspace in the app, until it is quit. True when a signal or a closed terminal
/// ended it.
fn run_workspace(
    path: PathBuf,
    ws: Workspace,
    stamp: Stamp,
    keys: Option<crate::io::crypt::Keys>,
    env: &Env,
) -> Result<bool> {
    // Known by its absolute path: a folder deleted and made again, or a changed current
    // folder, does not send saves elsewhere.
    let path = std::path::absolute(&path).unwrap_or(path);
    let (lock, read_only) = if store::is_read_only_file(&path) {
        (
            None,
            Some("the file is read-only on disk (chmod u+w it to edit)".to_string()),
        )
    } else {
        match Lock::acquire(&path).with_context(|| format!("locking {}", path.display()))? {
            Ok(l) => (Some(l), None),
            Err(holder) => (
                None,
                Some(format!("this workspace is open in {}", holder.0)),
            ),
        }
    };
    let mut notes = Vec::new();
    if lock.is_some() {
        // Holding the lock, no live process can be writing a temporary file.
        let n = store::clean_leftovers(&path);
        if n > 0 {
            notes.push(format!(
                "removed {n} temporary file(s) left by an interrupted save"
            ));
        }
    }
    notes.extend(store::placement_warnings(&path));
    if let Ok(dir) = editing_dir(env) {
        clean_editing_dir(&dir);
    }
    if let Some(dir) = &env.config_dir {
        // The recent list is a convenience; failing to update it must not stop the audit.
        let _ = picker::remember(dir, &path);
    }
    // The file's facts and the settings are decided here, before the app starts.
    let cfg = crate::io::config::for_env(env)?;
    let d = &cfg.due_days;
    let file = app::OpenFile {
        path,
        read_only,
        encrypted: keys.is_some(),
        ..app::OpenFile::default()
    };
    let settings = app::Settings {
        user: env.user.clone(),
        redact: false,
        color: !env.no_color,
        home: env.home.clone(),
        due_days: [d.very_high, d.high, d.moderate, d.low],
        word_template: cfg.word_template.clone(),
    };
    let mut doc = doc::Doc::new(Catalog::builtin(), ws, env.today);
    doc.renewal_window = cfg.renewal_window_days;
    let mut app = App::open(doc, file, settings);
    app.restore_place();
    // A workspace answered under an older question bank: reworded questions to re-verify.
    let mut bank_note = None;
    if app.file.read_only.is_none() {
        let actor = app.actor();
        if let Some(c) =
            crate::domain::bank_change::update_bank(app.doc.catalog, &mut app.doc.ws, &actor)
        {
            app.doc.touch();
            bank_note = Some(format!(
                "question bank v{} → v{}: {} reworded since, marked ↻ to re-verify; {} kept as retired",
                c.from,
                c.to,
                crate::domain::text::count(c.reworded.len(), "answer", "answers"),
                crate::domain::text::count(c.retired.len(), "answer", "answers"),
            ));
        }
    }
    if let Some(why) = &app.file.read_only {
        app.set_message(format!("read-only: {why}"));
    } else if let Some(note) = bank_note {
        app.set_message(note);
    } else if !notes.is_empty() {
        app.set_message(format!("warning: {}", notes.join(" · ")));
    } else {
        app.set_message("? shows every key · q saves and quits");
    }
    let mut session = Session::new(Some(stamp), keys, lock);
    let signals = Signals::install();
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    // A panic must not cost the unsaved edits: catch it, restore the terminal, and write an
    // emergency copy beside the workspace. The message names the file, never note text.
    let now = || env.now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop::run(
            &mut terminal,
            &mut app,
            &mut session,
            &mut TerminalEvents,
            &signals,
            &now,
            &mut |t, text| outside::edit_outside(t, env, text),
        )
    }));
    let why = |sig: Option<i32>| match sig {
        Some(sig) => format!("stopped by signal {sig}"),
        None => "the terminal went away".to_string(),
    };
    // Save first, touch the terminal after: a terminal that went away fails every write,
    // and nothing that fails there may cost an edit.
    let (result, farewell) = match result {
        Ok(Ok(exit)) => (Ok(()), exit.farewell),
        Ok(Err(e)) => {
            // The terminal went away (a closed window, a dropped SSH link) or failed: what the
            // note editor holds is work too, so it is committed before the rescue save, as a
            // signal's stop does. The farewell says "saved" only for what was written.
            let mut out = effects::Outcome::default();
            for effect in app.update(msg::Msg::Stop) {
                out = effects::run(effect, &app, &mut session, &mut |_| {
                    Err(anyhow!("no terminal"))
                });
            }
            let gone = e
                .downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe);
            let r = if signals.pending().is_some() || gone {
                Ok(())
            } else {
                Err(e)
            };
            (r, out.farewell)
        }
        Err(_) => {
            let copy = effects::emergency_copy(&app, session.keys.as_deref());
            let r = Err(anyhow!(
                "hipaudit stopped on an internal error; {}",
                match copy {
                    Ok(Some(p)) => format!("your unsaved edits are in {}", p.display()),
                    Ok(None) => "everything had been saved".to_string(),
                    Err(e) => format!(
                        "the emergency copy failed too ({e}); the last save is in the workspace"
                    ),
                }
            ));
            (r, None)
        }
    };
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let farewell_given = farewell.is_some();
    if let Some(said) = farewell {
        use std::io::Write as _;
        let _ = writeln!(io::stderr(), "hipaudit: {}; {said}", why(signals.pending()));
    }
    drop(session.lock.take());
    let stopped = farewell_given || signals.pending().is_some();
    result.map(|()| stopped)
}

/// Loads and validates a workspace, with a hint when the file does not exist.
fn open_checked(path: &Path) -> Result<(Workspace, Stamp, Option<crate::io::crypt::Keys>)> {
    if !path.exists() {
        bail!(
            "{}: no such workspace; create one with `hipaudit new {} --client NAME`",
            path.display(),
            path.display()
        );
    }
    let (ws, stamp, keys) = open_any(path).map_err(|e| {
        let bak = store::backup_path(path);
        let hint = if bak.exists() {
            format!(
                " (the previous version is in {}; the file was not changed)",
                bak.display()
            )
        } else {
            " (the file was not changed)".to_string()
        };
        anyhow!("{e:#}{hint}")
    })?;
    // The loader refuses every problem a parsed file can have (ratings, dates, sizes).
    Ok((ws, stamp, keys))
}

#[cfg(test)]
mod tests {
    use super::effects::{Outcome, emergency_copy};
    use super::msg::Msg;
    use super::*;
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
}

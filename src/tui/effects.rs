//! The effects the app asks for, carried out at the edge: saving (in the background or
//! now), the outside editor, exports, keeping both versions, reloading, moving to another
//! file, the emergency copy. Each returns what happened as messages for `App::update`; none
//! writes the app's state itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

use anyhow::Result;

use super::app::{App, Effect, SaveState};
use super::msg::{Msg, SaveError, Versions};
use crate::domain::workspace::Workspace;
use crate::exchange::export;
use crate::io::crypt::{self, Keys};
use crate::io::store::{self, Lock, Stamp, WriteMode, Written};

/// The keys of an encrypted workspace, shared with the saving thread.
pub type SharedKeys = Option<std::sync::Arc<Keys>>;

/// Writes `ws` unless the file changed since `expected` (pass `None` to overwrite).
pub fn save_checked(
    path: &Path,
    ws: &Workspace,
    expected: Option<Stamp>,
    keys: Option<&Keys>,
    mode: WriteMode,
) -> Result<Written, SaveError> {
    if let Some(exp) = expected {
        // A file that vanished is written anew; other errors surface from the save.
        if let Ok(false) = exp.still_matches(path) {
            return Err(SaveError::Conflict);
        }
    }
    store::save_with(path, ws, keys, mode)
        .map_err(|e| SaveError::Io(format!("saving {} failed: {e}", path.display())))
}

/// Data changes make a new backup generation; view changes (sort, filter) do not.
pub fn write_mode(app: &App) -> WriteMode {
    if app.doc.data_generation != app.doc.saved_data_generation {
        WriteMode::DATA
    } else {
        WriteMode::VIEW
    }
}

/// The workspace file as the loop knows it: how it looked, its keys, our lock, the save
/// under way.
pub struct Session {
    pub stamp: Option<Stamp>,
    pub keys: SharedKeys,
    pub lock: Option<Lock>,
    pub in_flight: Option<(Versions, Receiver<Result<Written, SaveError>>)>,
    pub last_change: Instant,
    pub seen_generation: u64,
}

impl Session {
    pub fn new(stamp: Option<Stamp>, keys: Option<Keys>, lock: Option<Lock>) -> Session {
        Session {
            stamp,
            keys: keys.map(std::sync::Arc::new),
            lock,
            in_flight: None,
            last_change: Instant::now(),
            seen_generation: 0,
        }
    }

    /// Every save holds the workspace's lock: taken again when the folder lost it.
    fn claim(&mut self, path: &Path) -> Result<(), SaveError> {
        match &mut self.lock {
            Some(lock) => lock.keep(path).map_err(SaveError::Io),
            None => Ok(()),
        }
    }

    /// Starts a save in the background, so typing never waits for the disk.
    pub fn start_save(&mut self, app: &App) -> Option<Msg> {
        if self.in_flight.is_some() || app.file.read_only.is_some() {
            return None;
        }
        if let Err(e) = self.claim(&app.file.path) {
            return Some(self.record(app.versions(), Err(e)));
        }
        let (tx, rx) = mpsc::channel();
        let ws = app.doc.ws.clone();
        let path = app.file.path.clone();
        let expected = self.stamp;
        let keys = self.keys.clone();
        let mode = write_mode(app);
        std::thread::spawn(move || {
            let _ = tx.send(save_checked(&path, &ws, expected, keys.as_deref(), mode));
        });
        self.in_flight = Some((app.versions(), rx));
        Some(Msg::SaveStarted)
    }

    /// A finished background save as a message; `wait` blocks until it is done.
    pub fn poll_save(&mut self, wait: bool) -> Option<Msg> {
        let (versions, rx) = self.in_flight.as_ref()?;
        let result = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(r) => Some(r),
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        let versions = *versions;
        self.in_flight = None;
        let result = result.unwrap_or(Err(SaveError::Io("the save thread stopped".into())));
        Some(self.record(versions, result))
    }

    fn record(&mut self, versions: Versions, result: Result<Written, SaveError>) -> Msg {
        if let Ok(w) = &result {
            self.stamp = Some(w.stamp);
        }
        Msg::Saved { versions, result }
    }

    /// Saves on this thread (Ctrl-s, quit): first the save under way, then whatever it did
    /// not carry. Returns the messages and whether everything is on disk.
    pub fn save_now(&mut self, app: &App) -> (Vec<Msg>, bool) {
        let mut msgs = Vec::new();
        let mut saved_all = None;
        if let Some(m) = self.poll_save(true) {
            if let Msg::Saved {
                versions,
                result: Ok(_),
            } = &m
            {
                saved_all = Some(versions.all);
            }
            msgs.push(m);
        }
        if app.file.read_only.is_some() {
            return (msgs, true);
        }
        let pending = match saved_all {
            Some(all) => all != app.doc.generation,
            None => app.dirty() || self.stamp.is_none(),
        };
        if !pending {
            return (msgs, true);
        }
        let r = self.claim(&app.file.path).and_then(|()| {
            save_checked(
                &app.file.path,
                &app.doc.ws,
                self.stamp,
                self.keys.as_deref(),
                write_mode(app),
            )
        });
        let ok = r.is_ok();
        msgs.push(self.record(app.versions(), r));
        (msgs, ok)
    }
}

/// What carrying out an effect gave: messages for the app, and whether the app ends.
#[derive(Debug, Default)]
pub struct Outcome {
    pub msgs: Vec<Msg>,
    pub exit: bool,
    /// Said on the terminal after the app has left the screen (signals).
    pub farewell: Option<String>,
    /// Edits that could be written nowhere: the process then exits non-zero.
    pub lost: bool,
}

impl Outcome {
    fn say(m: impl Into<String>) -> Outcome {
        Outcome {
            msgs: vec![Msg::Notice(m.into())],
            ..Outcome::default()
        }
    }
}

/// Carries out one effect against the disk; `outside_editor` runs `$EDITOR` on a text.
pub fn run(
    effect: Effect,
    app: &App,
    s: &mut Session,
    outside_editor: &mut dyn FnMut(&str) -> Result<String>,
) -> Outcome {
    match effect {
        Effect::MakePrivate => Outcome {
            msgs: vec![Msg::Notice(crate::io::store::make_private(&app.file.path))],
            ..Outcome::default()
        },
        Effect::SaveNow => {
            if app.file.read_only.is_some() {
                return Outcome::default();
            }
            let (mut msgs, ok) = s.save_now(app);
            if ok {
                msgs.push(Msg::Notice(format!("saved {}", app.file.path.display())));
            }
            Outcome {
                msgs,
                ..Outcome::default()
            }
        }
        Effect::Quit => {
            let (mut msgs, ok) = s.save_now(app);
            if !ok {
                msgs.push(Msg::QuitBlocked);
            }
            Outcome {
                msgs,
                exit: ok,
                ..Outcome::default()
            }
        }
        Effect::ForceQuit => Outcome {
            exit: true,
            ..Outcome::default()
        },
        Effect::Rescue => rescue(app, s),
        Effect::SaveAs(target) => {
            let target = std::path::absolute(&target).unwrap_or(target);
            match continue_in(app, s, &target) {
                Ok(()) => Outcome {
                    msgs: vec![Msg::Moved {
                        message: format!("saved to {}; editing it now", target.display()),
                        path: target,
                    }],
                    ..Outcome::default()
                },
                Err(e) => Outcome {
                    msgs: vec![
                        Msg::Notice(format!("could not write {}: {e}", target.display())),
                        Msg::QuitBlocked,
                    ],
                    ..Outcome::default()
                },
            }
        }
        Effect::ExternalEditor { id, text } => Outcome {
            msgs: vec![Msg::EditorReturned {
                id,
                result: outside_editor(&text).map_err(|e| format!("{e:#}")),
            }],
            ..Outcome::default()
        },
        Effect::KeepBoth => {
            let mine = copy_path(&app.file.path, "mine", s.keys.is_some());
            match continue_in(app, s, &mine) {
                Ok(()) => Outcome {
                    msgs: vec![Msg::Moved {
                        message: format!(
                            "kept both: your version is {}; editing it now",
                            mine.display()
                        ),
                        path: mine,
                    }],
                    ..Outcome::default()
                },
                Err(e) => Outcome::say(format!("could not write {}: {e}", mine.display())),
            }
        }
        Effect::Export { format, redact } => {
            Outcome::say(write_export(app, format, redact, s.keys.is_some()))
        }
        Effect::Reload => reload(app, s),
        Effect::Overwrite => {
            let r = s.claim(&app.file.path).and_then(|()| {
                save_checked(
                    &app.file.path,
                    &app.doc.ws,
                    None,
                    s.keys.as_deref(),
                    WriteMode::DATA,
                )
            });
            let ok = r.is_ok();
            let mut msgs = vec![s.record(app.versions(), r)];
            if ok {
                msgs.push(Msg::Notice(
                    "overwritten with your version; theirs is in the .bak file".into(),
                ));
            }
            Outcome {
                msgs,
                ..Outcome::default()
            }
        }
    }
}

/// Beside the workspace; an existing export is never replaced: -2, -3, ...
/// Writes an export beside the workspace and says what its reader must know, as the
/// command line does: it is not encrypted when the workspace is, and notes may hold PHI.
fn write_export(app: &App, format: export::ExportFormat, redact: bool, encrypted: bool) -> String {
    let first = export::export_default_path(&app.file.path, format, redact);
    let mut target = first.clone();
    let mut n = 2;
    while std::fs::symlink_metadata(&target).is_ok() {
        let stem = first
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = first
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        target = first.with_file_name(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    let o = crate::exchange::markdown::Options {
        today: app.doc.today,
        redact,
        window: app.doc.renewal_window,
        omit_unanswered: false,
    };
    // config.ron's Word template styles a Word report, as it does on the command line.
    let template = match &app.settings.word_template {
        Some(t) if format == export::ExportFormat::Docx => {
            match crate::io::files::read_regular(t) {
                Ok(bytes) => Some(bytes),
                Err(e) => {
                    return format!("export failed: the Word template {}: {e:#}", t.display());
                }
            }
        }
        _ => None,
    };
    let extras = export::Extras {
        template: template.as_deref(),
        calendar: crate::exchange::calendar::CalendarOptions {
            owner: None,
            remind_days: app.settings.reminder_days,
        },
        ..Default::default()
    };
    match export::write_export_with(&app.doc.ws, format, &o, &extras, &target, false) {
        Ok(()) => {
            use export::ExportFormat::{Ics, Requests};
            let phi = if redact {
                " (redacted)"
            } else if matches!(format, Ics | Requests) {
                ""
            } else {
                " (includes notes: may hold PHI)"
            };
            let plain = if encrypted {
                "; it is not encrypted (the workspace is): store it accordingly"
            } else {
                ""
            };
            format!("wrote {}{phi}{plain}", target.display())
        }
        Err(e) => format!("export failed: {e:#}"),
    }
}

/// Theirs wins, but ours is kept beside it first: nothing is lost either way.
fn reload(app: &App, s: &mut Session) -> Outcome {
    let mine = copy_path(&app.file.path, "mine", s.keys.is_some());
    if let Err(e) = write_copy(app, s, &mine) {
        return Outcome::say(format!(
            "could not keep your version in {}: {e}; nothing reloaded",
            mine.display()
        ));
    }
    match store::load_with(&app.file.path, s.keys.as_deref()) {
        Ok((ws, stamp)) => {
            s.stamp = Some(stamp);
            Outcome {
                msgs: vec![Msg::Reloaded {
                    ws: Box::new(ws),
                    message: format!("reloaded theirs; your version is in {}", mine.display()),
                }],
                ..Outcome::default()
            }
        }
        Err(e) => Outcome::say(format!(
            "reload failed: {e}; your version is in {}",
            mine.display()
        )),
    }
}

/// The last word when a signal ends the app: save, and if that fails write an emergency
/// copy (encrypted when the workspace is). Ends the app either way.
fn rescue(app: &App, s: &mut Session) -> Outcome {
    let (msgs, ok) = s.save_now(app);
    let mut lost = false;
    let farewell = if app.file.read_only.is_some() {
        None
    } else if ok {
        Some(format!(
            "your edits were saved to {}",
            app.file.path.display()
        ))
    } else {
        Some(match emergency_copy(app, s.keys.as_deref()) {
            Ok(Some(p)) => format!(
                "the workspace could not be saved; your edits are in {}",
                p.display()
            ),
            Ok(None) => "everything had been saved".into(),
            Err(e) => {
                lost = true;
                format!("the workspace and an emergency copy could not be written ({e})")
            }
        })
    };
    Outcome {
        msgs,
        exit: true,
        farewell,
        lost,
    }
}

/// Writes the workspace to a new file (never over an existing one), with its key file when
/// encrypted.
fn write_copy(app: &App, s: &Session, target: &Path) -> std::io::Result<()> {
    store::create_with(target, &app.doc.ws, s.keys.as_deref())?;
    if s.keys.is_some() {
        copy_key(&app.file.path, target)?;
    }
    Ok(())
}

/// Copies the workspace's key file beside an encrypted copy (a new file, never through a
/// link or over another): without it the copy opens only with the original's key file, so a
/// failure is said, never swallowed.
fn copy_key(workspace: &Path, copy: &Path) -> std::io::Result<()> {
    let (from, to) = (crypt::key_path(workspace), crypt::key_path(copy));
    crate::io::files::read_regular(&from)
        .and_then(|key| crate::io::files::create_atomic(&to, &key))
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "{} was written, but its key file {} was not ({e}); it opens with {} copied beside it",
                    copy.display(),
                    to.display(),
                    from.display()
                ),
            )
        })
}

/// Writes the workspace to a new file and moves the session there (its lock, its stamp).
fn continue_in(app: &App, s: &mut Session, target: &Path) -> std::io::Result<()> {
    write_copy(app, s, target)?;
    s.lock = Lock::acquire(target).ok().and_then(Result::ok);
    s.stamp = Stamp::of(target).ok();
    Ok(())
}

/// A copy's name beside the workspace: `NAME.TAG-TIME.ron` (`.ron.age` when encrypted).
pub fn copy_path(path: &Path, tag: &str, encrypted: bool) -> PathBuf {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".age").trim_end_matches(".ron");
    let when = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let ext = if encrypted { "ron.age" } else { "ron" };
    path.with_file_name(format!("{stem}.{tag}-{when}.{ext}"))
}

/// Writes the in-memory workspace after a crash or a signal: beside the file
/// (`NAME.emergency-TIME.ron`), else, when that folder cannot be written (the very reason a
/// save may have failed), in the home folder, else in the temporary folder. An encrypted
/// workspace's copy is encrypted too, with the same key. An error only when every place
/// failed, naming each.
pub fn emergency_copy(app: &App, keys: Option<&Keys>) -> std::io::Result<Option<PathBuf>> {
    if !app.dirty() || app.file.read_only.is_some() {
        return Ok(None);
    }
    let beside = copy_path(&app.file.path, "emergency", keys.is_some());
    let name = beside.file_name().map(std::ffi::OsStr::to_os_string);
    let mut places = vec![beside];
    if let Some(name) = name {
        if let Some(home) = &app.settings.home {
            places.push(home.join(&name));
        }
        places.push(std::env::temp_dir().join(&name));
    }
    let mut failed = Vec::new();
    for copy in places {
        match write_emergency(app, keys, &copy) {
            Ok(()) => return Ok(Some(copy)),
            // Written, but its key file was not: another place would fare no better.
            Err(e) if copy.exists() => return Err(e),
            Err(e) => failed.push(format!("{}: {e}", copy.display())),
        }
    }
    Err(std::io::Error::other(failed.join("; ")))
}

fn write_emergency(app: &App, keys: Option<&Keys>, copy: &Path) -> std::io::Result<()> {
    let verified = store::create_with(copy, &app.doc.ws, keys);
    if let Err(e) = verified {
        // The last resort: a workspace its own checks refuse (the very reason a save failed)
        // is still what the user typed. Written as it is, unverified, it can be read and
        // repaired by hand; refused, it would be lost.
        if copy.exists() {
            return Err(e);
        }
        let text = store::to_ron(&app.doc.ws);
        let bytes = match keys {
            Some(k) => k.encrypt(text.as_bytes())?,
            None => text.into_bytes(),
        };
        store::create_bytes(copy, &bytes)
            .map_err(|last| std::io::Error::other(format!("{e}; written unverified: {last}")))?;
    }
    if keys.is_some() {
        copy_key(&app.file.path, copy)?;
    }
    Ok(())
}

/// Whether the loop should start a background save now: edits wait `delay` after the last
/// change, and not while a failed save or a conflict waits for the user.
pub fn autosave_due(app: &App, s: &Session, delay: std::time::Duration) -> bool {
    let blocked = matches!(
        app.doc.save_state,
        SaveState::Failed(_) | SaveState::Conflict
    );
    app.dirty() && !blocked && app.file.read_only.is_none() && s.last_change.elapsed() >= delay
}

#[cfg(test)]
#[path = "effects_tests.rs"]
mod tests;

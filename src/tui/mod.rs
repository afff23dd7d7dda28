//! The full-screen app. `app` holds the state and `update`; `ui` draws it (reading only);
//! `keymap` is the one key table; `msg` what can happen; `effects` carries out what the app
//! asks for; `event_loop` ties them together over any ratatui backend. This file opens a
//! workspace, sets up the real terminal and runs the loop.
//! Its tests are in `run_tests.rs`.

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
mod focus;
mod form_keys;
mod gap_keys;
pub mod keymap;
pub mod msg;
mod outside;
pub mod overlays;
pub mod picker;
pub mod picker_form;
mod place;
mod project_keys;
mod prompt_keys;
#[cfg(test)]
mod read_only_tests;
#[cfg(test)]
mod register_tests;
mod risk_form_keys;
mod scope;
#[cfg(test)]
mod scope_tests;
mod search_keys;
pub mod session;
#[cfg(test)]
mod site_day_tests;
mod start;
pub use term::need_terminal;
pub mod state;
pub mod tabs;
pub mod term;
#[cfg(test)]
mod test_support;
pub mod theme;
pub mod ui;
pub mod widgets;
#[cfg(test)]
mod year_two_tests;

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

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
        // An encrypted file asks for its passphrase first: not when the app cannot run
        // anyway (found by attack: the prompt came, then the refusal).
        if store::is_encrypted_file(&p) {
            need_terminal()?;
        }
        let (ws, stamp, keys) = open_checked(&p)?;
        return run_workspace(p, ws, stamp, keys, env, None).map(|_| ());
    }
    // From the portfolio, a file that cannot be opened sends the user back to it.
    let mut problem = None;
    loop {
        let Some((p, note)) = start::pick(env, problem.take())? else {
            return Ok(());
        };
        match open_checked(&p) {
            Ok((ws, stamp, keys)) => {
                // A signal or a closed terminal ends everything, not just the workspace.
                if run_workspace(p, ws, stamp, keys, env, note)? {
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
    note: Option<String>,
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
    let mut notes: Vec<String> = note.into_iter().collect();
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
    let loose = ws.loose_ends(env.today).len();
    if loose > 0 {
        notes.push(format!(
            "{} (hipaudit check names them)",
            crate::domain::text::count(
                loose,
                "reference points at nothing",
                "references point at nothing"
            )
        ));
    }
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
        reminder_days: cfg.reminder_days,
    };
    let mut doc = doc::Doc::new(ws.catalog(), ws, env.today);
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
    let mut terminal = term::open_terminal()?;
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
        // Edits written nowhere: the farewell says so, and the exit status too.
        Ok(Ok(exit)) if exit.lost => (
            Err(anyhow!("unsaved edits were lost: nothing could be written")),
            exit.farewell,
        ),
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
            let r = if out.lost {
                Err(anyhow!("unsaved edits were lost: nothing could be written"))
            } else if signals.pending().is_some() || gone {
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
#[path = "run_tests.rs"]
mod tests;

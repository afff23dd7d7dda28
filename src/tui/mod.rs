//! The full-screen app: the event loop and the effects it carries out (saving, the outside
//! editor, quitting). State and keys live in `app`, drawing in `ui`, the key table in `keymap`.

pub mod app;
pub mod keymap;
pub mod picker;
pub mod ui;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::Timelike;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::env::Env;
use crate::exchange::export;
use crate::io::paths::{clean_editing_dir, editing_dir, note_file};
use crate::io::store::open_any;
use crate::io::store::{self, Lock, Stamp};

use app::{App, Effect, Mode, SaveState};
use picker::{Choice, Picker};

/// The keys of an encrypted workspace, shared with the saving thread.
type SharedKeys = Option<std::sync::Arc<crate::io::crypt::Keys>>;

/// How long after the last change the app saves by itself.
pub const SAVE_DELAY: Duration = Duration::from_millis(600);

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The file on disk is not the one we loaded or last saved.
    Conflict,
    Io(String),
}

/// Writes `ws` unless the file changed since `expected` (pass `None` to overwrite).
pub fn save_checked(
    path: &Path,
    ws: &Workspace,
    expected: Option<Stamp>,
    keys: Option<&crate::io::crypt::Keys>,
    mode: store::WriteMode,
) -> Result<store::Written, SaveError> {
    if let Some(exp) = expected {
        // A file that vanished is written anew; other errors surface from the save.
        if let Ok(false) = exp.still_matches(path) {
            return Err(SaveError::Conflict);
        }
    }
    store::save_with(path, ws, keys, mode)
        .map_err(|e| SaveError::Io(format!("saving {} failed: {e}", path.display())))
}

/// Which edits a save carries: every change, and the data changes among them.
#[derive(Debug, Clone, Copy)]
struct Versions {
    all: u64,
    data: u64,
}

impl Versions {
    fn of(app: &App) -> Versions {
        Versions {
            all: app.generation,
            data: app.data_generation,
        }
    }
}

/// Data changes make a new backup generation; view changes (sort, filter) do not.
fn write_mode(app: &App) -> store::WriteMode {
    if app.data_generation != app.saved_data_generation {
        store::WriteMode::DATA
    } else {
        store::WriteMode::VIEW
    }
}

/// The workspace file as the loop knows it: where, how it looked, our lock.
struct Session {
    stamp: Option<Stamp>,
    keys: SharedKeys,
    lock: Option<Lock>,
    in_flight: Option<(Versions, Receiver<Result<store::Written, SaveError>>)>,
    last_change: Instant,
    seen_generation: u64,
}

impl Session {
    /// Starts a save in the background, so typing never waits for the disk.
    fn start_save(&mut self, app: &mut App) {
        if self.in_flight.is_some() || app.read_only.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ws = app.ws.clone();
        let path = app.path.clone();
        let expected = self.stamp;
        let keys = self.keys.clone();
        let mode = write_mode(app);
        std::thread::spawn(move || {
            let _ = tx.send(save_checked(&path, &ws, expected, keys.as_deref(), mode));
        });
        self.in_flight = Some((Versions::of(app), rx));
        app.save_state = SaveState::Saving;
    }

    /// Collects a finished background save; `wait` blocks until it is done.
    fn poll_save(&mut self, app: &mut App, wait: bool) {
        let Some((generation, rx)) = &self.in_flight else {
            return;
        };
        let result = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(r) => Some(r),
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        let generation = *generation;
        self.in_flight = None;
        self.finish(
            app,
            generation,
            result.unwrap_or(Err(SaveError::Io("the save thread stopped".into()))),
        );
    }

    fn finish(
        &mut self,
        app: &mut App,
        generation: Versions,
        result: Result<store::Written, SaveError>,
    ) {
        match result {
            Ok(written) => {
                self.stamp = Some(written.stamp);
                app.saved_generation = generation.all;
                app.saved_data_generation = generation.data;
                app.save_state = SaveState::Saved;
                if matches!(app.message.as_deref(), Some(m) if m.starts_with("saving ")) {
                    app.message = None;
                }
                if !written.warnings.is_empty() {
                    app.set_message(format!("warning: {}", written.warnings.join(" · ")));
                }
            }
            Err(SaveError::Conflict) => {
                app.save_state = SaveState::Conflict;
                app.mode = Mode::Conflict;
            }
            Err(SaveError::Io(e)) => {
                app.set_message(format!("{e} — your edits are kept in memory"));
                app.save_state = SaveState::Failed(e);
            }
        }
    }

    /// Saves now on this thread (Ctrl-s, quit). Returns true when everything is on disk.
    fn save_now(&mut self, app: &mut App) -> bool {
        self.poll_save(app, true);
        if app.read_only.is_some() {
            return true;
        }
        if !app.dirty() && self.stamp.is_some() {
            return true;
        }
        if app.save_state == SaveState::Conflict {
            app.mode = Mode::Conflict;
            return false;
        }
        let generation = Versions::of(app);
        let r = save_checked(
            &app.path,
            &app.ws,
            self.stamp,
            self.keys.as_deref(),
            write_mode(app),
        );
        let ok = r.is_ok();
        self.finish(app, generation, r);
        ok
    }
}

/// Runs the app: the picker when no path is given, then the workspace.
pub fn run(path: Option<PathBuf>, env: &Env) -> Result<()> {
    let (path, ws, stamp, keys) = match path {
        Some(p) => {
            let (ws, stamp, keys) = open_checked(&p)?;
            (p, ws, stamp, keys)
        }
        // From the picker, a file that cannot be opened sends the user back to it.
        None => {
            let mut problem = None;
            loop {
                let Some(p) = pick(env, problem.take())? else {
                    return Ok(());
                };
                match open_checked(&p) {
                    Ok((ws, stamp, keys)) => break (p, ws, stamp, keys),
                    Err(e) => problem = Some(format!("{e:#}")),
                }
            }
        }
    };
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
    let mut app = App::new(Catalog::builtin(), ws, path, env.today, &env.user);
    app.color = !env.no_color;
    app.read_only = read_only;
    app.encrypted = keys.is_some();
    if let Some(why) = &app.read_only {
        app.set_message(format!("read-only: {why}"));
    } else if !notes.is_empty() {
        app.set_message(format!("warning: {}", notes.join(" · ")));
    } else {
        app.set_message("? shows every key · q saves and quits");
    }
    let mut session = Session {
        stamp: Some(stamp),
        keys: keys.map(std::sync::Arc::new),
        lock,
        in_flight: None,
        last_change: Instant::now(),
        seen_generation: 0,
    };
    let signals = Signals::install();
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    // A panic must not cost the unsaved edits: catch it, restore the terminal, and write an
    // emergency copy beside the workspace. The message names the file, never note text.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &mut session, env, &signals)
    }));
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let result = match result {
        // A signal, or a terminal that went away mid-session: save before leaving.
        Ok(r) if signals.pending().is_some() || r.is_err() => {
            let said = save_on_the_way_out(&mut app, &mut session);
            let why = match signals.pending() {
                Some(sig) => format!("stopped by signal {sig}"),
                None => "the terminal failed".into(),
            };
            if let Some(said) = said {
                eprintln!("hipaudit: {why}; {said}");
            }
            match r {
                Err(e) if signals.pending().is_none() => Ok(Err(e)),
                _ => Ok(Ok(())),
            }
        }
        other => other,
    };
    drop(session.lock.take());
    match result {
        Ok(r) => r,
        Err(_) => {
            let copy = emergency_copy(&app, session.keys.as_deref());
            bail!(
                "hipaudit stopped on an internal error; {}",
                match copy {
                    Ok(Some(p)) => format!("your unsaved edits are in {}", p.display()),
                    Ok(None) => "everything had been saved".to_string(),
                    Err(e) => format!(
                        "the emergency copy failed too ({e}); the last save is in the workspace"
                    ),
                }
            )
        }
    }
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
    let problems = ws
        .problems()
        .into_iter()
        .map(|p| p.message)
        .collect::<Vec<_>>();
    if !problems.is_empty() {
        bail!("{}: {}", path.display(), problems.join("; "));
    }
    Ok((ws, stamp, keys))
}

fn pick(env: &Env, problem: Option<String>) -> Result<Option<PathBuf>> {
    let recent = env
        .config_dir
        .as_deref()
        .map(picker::load_recent)
        .unwrap_or_default();
    let mut p = Picker::new(recent, &env.user);
    p.message = problem;
    p.color = !env.no_color;
    let mut terminal = ratatui::init();
    let result = (|| -> Result<Option<PathBuf>> {
        loop {
            terminal.draw(|f| p.draw(f))?;
            let Event::Key(key) = event::read()? else {
                continue;
            };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            match p.update(key) {
                None => {}
                Some(Choice::Quit) => return Ok(None),
                Some(Choice::Open(path)) => return Ok(Some(path)),
                Some(Choice::Demo) => return crate::io::paths::demo_path(env, false).map(Some),
                Some(Choice::Create {
                    path,
                    client,
                    assessor,
                }) => {
                    let ws = Workspace::new(&client, &assessor, Catalog::builtin(), env.today);
                    match store::create(&path, &ws) {
                        Ok(()) => return Ok(Some(path)),
                        Err(e) => p.fail(format!("cannot create {}: {e}", path.display())),
                    }
                }
            }
        }
    })();
    ratatui::restore();
    result
}

/// Signals that end the app with everything saved: the terminal closing (SIGHUP), a
/// polite kill (SIGTERM), SIGQUIT. SIGXFSZ (a file-size limit) is caught too, so that a
/// save over the limit fails with an error instead of killing the app.
pub struct Signals {
    stop: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Signals {
    pub fn install() -> Signals {
        use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM, SIGXFSZ};
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        for sig in [SIGTERM, SIGHUP, SIGQUIT] {
            let _ = signal_hook::flag::register_usize(sig, stop.clone(), sig as usize);
        }
        let ignored = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(SIGXFSZ, ignored);
        Signals { stop }
    }

    /// The signal that asked the app to stop, if one came.
    pub fn pending(&self) -> Option<i32> {
        match self.stop.load(std::sync::atomic::Ordering::SeqCst) {
            0 => None,
            n => Some(n as i32),
        }
    }
}

/// How long the loop may sleep: until the next autosave is due, and at most a second, so
/// an idle app wakes rarely and writes nothing.
fn next_wake(app: &App, s: &Session) -> Duration {
    if s.in_flight.is_some() {
        return Duration::from_millis(30);
    }
    let blocked = matches!(app.save_state, SaveState::Failed(_) | SaveState::Conflict);
    if app.dirty() && !blocked && app.read_only.is_none() {
        return SAVE_DELAY
            .saturating_sub(s.last_change.elapsed())
            .max(Duration::from_millis(10));
    }
    Duration::from_secs(1)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    s: &mut Session,
    env: &Env,
    signals: &Signals,
) -> Result<()> {
    let mut needs_draw = true;
    loop {
        if signals.pending().is_some() {
            return Ok(());
        }
        if needs_draw {
            terminal.draw(|f| ui::draw(f, app))?;
            needs_draw = false;
        }
        if event::poll(next_wake(app, s))? {
            needs_draw = true;
            let effects = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    // Whole seconds: the file records when, not nanoseconds.
                    let now = chrono::Local::now().naive_local();
                    app.now = now.with_nanosecond(0).unwrap_or(now);
                    app.update(key)
                }
                Event::Paste(text) => {
                    app.paste(&text);
                    vec![]
                }
                _ => vec![],
            };
            for effect in effects {
                let mut outside = |text: &str| edit_outside(terminal, env, text);
                if handle(effect, app, s, &mut outside) {
                    return Ok(());
                }
            }
        }
        if app.generation != s.seen_generation {
            s.seen_generation = app.generation;
            s.last_change = Instant::now();
        }
        let shown = (app.save_state.clone(), app.message.clone());
        s.poll_save(app, false);
        let retry_blocked = matches!(app.save_state, SaveState::Failed(_) | SaveState::Conflict);
        if app.dirty() && !retry_blocked && s.last_change.elapsed() >= SAVE_DELAY {
            s.start_save(app);
        }
        if (app.save_state.clone(), app.message.clone()) != shown {
            needs_draw = true;
        }
    }
}

/// The last word when the app ends other than by `q`: a signal or a terminal that went
/// away. Text in the note editor is kept, the workspace saved, and if that fails an
/// emergency copy is written (encrypted when the workspace is).
fn save_on_the_way_out(app: &mut App, s: &mut Session) -> Option<String> {
    app.keep_editor_text();
    s.poll_save(app, true);
    if app.read_only.is_some() || !app.dirty() {
        return None;
    }
    if matches!(app.save_state, SaveState::Failed(_)) {
        app.save_state = SaveState::Pending;
    }
    if app.save_state != SaveState::Conflict && s.save_now(app) {
        return Some(format!("your edits were saved to {}", app.path.display()));
    }
    Some(match emergency_copy(app, s.keys.as_deref()) {
        Ok(Some(p)) => format!(
            "the workspace could not be saved; your edits are in {}",
            p.display()
        ),
        Ok(None) => "everything had been saved".into(),
        Err(e) => format!("the workspace and an emergency copy could not be written ({e})"),
    })
}

/// Carries out one effect; returns true when the app should end.
fn handle(
    effect: Effect,
    app: &mut App,
    s: &mut Session,
    outside_editor: &mut dyn FnMut(&str) -> Result<String>,
) -> bool {
    match effect {
        Effect::SaveNow => {
            if app.read_only.is_none() {
                let failed_before = matches!(app.save_state, SaveState::Failed(_));
                if failed_before {
                    app.save_state = SaveState::Pending;
                }
                if s.save_now(app) {
                    app.set_message(format!("saved {}", app.path.display()));
                }
            }
        }
        Effect::Quit => {
            if app.read_only.is_some() || !app.dirty() {
                s.poll_save(app, true);
                if !app.dirty() || app.read_only.is_some() {
                    return true;
                }
            }
            if matches!(app.save_state, SaveState::Failed(_)) {
                app.save_state = SaveState::Pending;
            }
            if s.save_now(app) {
                return true;
            }
            if !matches!(app.mode, Mode::Conflict) {
                app.mode = Mode::ConfirmQuit;
            }
        }
        Effect::ForceQuit => return true,
        Effect::SaveAs(target) => save_as(app, s, target),
        Effect::ExternalEditor { id, text } => match outside_editor(&text) {
            Ok(new) => app.apply_external_note(&id, &new),
            Err(e) => app.set_message(format!("outside editor: {e:#}")),
        },
        Effect::KeepBoth => {
            let mine = copy_path(&app.path, "mine", s.keys.is_some());
            match continue_in(app, s, mine.clone()) {
                Ok(()) => app.set_message(format!(
                    "kept both: your version is {}; editing it now",
                    app.path.display()
                )),
                Err(e) => app.set_message(format!("could not write {}: {e}", mine.display())),
            }
        }
        Effect::Export { format, redact } => {
            // Beside the workspace; an existing export is never replaced: -2, -3, ...
            let first = export::export_default_path(&app.path, format, redact);
            let mut target = first.clone();
            let mut n = 2;
            while target.exists() {
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
            match export::write_export(&app.ws, format, redact, app.today, &target, false) {
                Ok(()) => app.set_message(format!(
                    "wrote {}{}",
                    target.display(),
                    if redact {
                        " (redacted)"
                    } else {
                        " (includes notes: may hold PHI)"
                    }
                )),
                Err(e) => app.set_message(format!("export failed: {e:#}")),
            }
        }
        Effect::Reload => {
            // Theirs wins, but ours is kept beside it first: nothing is lost either way.
            let mine = copy_path(&app.path, "mine", s.keys.is_some());
            if s.keys.is_some() {
                let _ = std::fs::copy(
                    crate::io::crypt::key_path(&app.path),
                    crate::io::crypt::key_path(&mine),
                );
            }
            if let Err(e) = store::create_with(&mine, &app.ws, s.keys.as_deref()) {
                app.set_message(format!(
                    "could not keep your version in {}: {e}; nothing reloaded",
                    mine.display()
                ));
                return false;
            }
            match store::load_with(&app.path, s.keys.as_deref()) {
                Ok((ws, stamp)) => {
                    s.stamp = Some(stamp);
                    app.ws = ws;
                    app.touch();
                    app.saved_generation = app.generation;
                    app.save_state = SaveState::Saved;
                    app.set_message(format!(
                        "reloaded theirs; your version is in {}",
                        mine.display()
                    ));
                }
                Err(e) => app.set_message(format!(
                    "reload failed: {e}; your version is in {}",
                    mine.display()
                )),
            }
        }
        Effect::Overwrite => {
            let generation = Versions::of(app);
            let r = save_checked(
                &app.path,
                &app.ws,
                None,
                s.keys.as_deref(),
                store::WriteMode::DATA,
            );
            s.finish(app, generation, r);
            if app.save_state == SaveState::Saved {
                app.set_message("overwritten with your version; theirs is in the .bak file");
            }
        }
    }
    false
}

/// Writes the workspace to a new file (never over an existing one, with its key file when
/// encrypted) and goes on editing there, holding its lock.
fn continue_in(app: &mut App, s: &mut Session, target: PathBuf) -> io::Result<()> {
    store::create_with(&target, &app.ws, s.keys.as_deref())?;
    if s.keys.is_some() {
        let _ = std::fs::copy(
            crate::io::crypt::key_path(&app.path),
            crate::io::crypt::key_path(&target),
        );
    }
    s.lock = Lock::acquire(&target).ok().and_then(Result::ok);
    s.stamp = Stamp::of(&target).ok();
    app.path = target;
    app.saved_generation = app.generation;
    app.saved_data_generation = app.data_generation;
    app.save_state = SaveState::Saved;
    Ok(())
}

/// Save-as after a failed save: continue in a new file chosen by the user.
fn save_as(app: &mut App, s: &mut Session, target: PathBuf) {
    let target = std::path::absolute(&target).unwrap_or(target);
    match continue_in(app, s, target.clone()) {
        Ok(()) => app.set_message(format!("saved to {}; editing it now", app.path.display())),
        Err(e) => {
            app.set_message(format!("could not write {}: {e}", target.display()));
            app.mode = Mode::ConfirmQuit;
        }
    }
}

/// A copy's name beside the workspace: `NAME.TAG-TIME.ron` (`.ron.age` when encrypted).
fn copy_path(path: &Path, tag: &str, encrypted: bool) -> PathBuf {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".age").trim_end_matches(".ron");
    let when = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let ext = if encrypted { "ron.age" } else { "ron" };
    path.with_file_name(format!("{stem}.{tag}-{when}.{ext}"))
}

/// Writes the in-memory workspace beside the file after a crash: `NAME.emergency-TIME.ron`.
fn emergency_copy(app: &App, keys: Option<&crate::io::crypt::Keys>) -> io::Result<Option<PathBuf>> {
    if !app.dirty() || app.read_only.is_some() {
        return Ok(None);
    }
    let copy = copy_path(&app.path, "emergency", keys.is_some());
    if let Some(k) = keys {
        // An encrypted workspace's emergency copy is encrypted too, and uses the same key.
        store::create_with(&copy, &app.ws, Some(k))?;
        let _ = std::fs::copy(
            crate::io::crypt::key_path(&app.path),
            crate::io::crypt::key_path(&copy),
        );
        return Ok(Some(copy));
    }
    store::create(&copy, &app.ws)?;
    Ok(Some(copy))
}

/// Hands the terminal to `$VISUAL`/`$EDITOR` with the note in a private file, removed as
/// soon as the editor returns (whatever happened).
fn edit_outside(terminal: &mut DefaultTerminal, env: &Env, text: &str) -> Result<String> {
    let editor = env.editor.clone().unwrap_or_else(|| "vi".to_string());
    let file = note_file(&editing_dir(env)?, text)?;
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&file)
        .status();
    *terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = match status {
        Ok(st) if st.success() => {
            std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))
        }
        Ok(st) => Err(anyhow!("{editor} exited with {st}; the note is unchanged")),
        Err(e) => Err(anyhow!("cannot start {editor}: {e}")),
    };
    let _ = std::fs::remove_file(&file);
    terminal.clear()?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let session = Session {
            stamp: Some(stamp.stamp),
            keys: None,
            lock: None,
            in_flight: None,
            last_change: Instant::now(),
            seen_generation: 0,
        };
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
        let (on_disk, _) = store::load(&app.path).unwrap();
        assert_eq!(on_disk.answers, app.ws.answers);
    }

    #[test]
    fn background_save_writes_and_marks_saved() {
        let (_d, mut app, mut s) = setup();
        app.update(key('y'));
        s.start_save(&mut app);
        s.poll_save(&mut app, true);
        assert_eq!(app.save_state, SaveState::Saved);
        assert!(!app.dirty());
        assert_eq!(store::load(&app.path).unwrap().0.answers, app.ws.answers);
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
        assert!(matches!(app.save_state, SaveState::Failed(_)));
        assert!(matches!(app.mode, Mode::ConfirmQuit));
        assert_eq!(app.ws.answers.len(), 1, "the edit is still in memory");
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
        assert_eq!(app.path, target);
        assert_eq!(store::load(&target).unwrap().0.answers, app.ws.answers);
        assert!(!app.dirty());
        // Quitting now saves there and ends.
        app.update(key('n'));
        assert!(handle(Effect::Quit, &mut app, &mut s, &mut no_editor));
        assert_eq!(store::load(&target).unwrap().0.answers, app.ws.answers);
    }

    #[test]
    fn a_signal_while_typing_a_note_keeps_the_text_on_disk() {
        let (_d, mut app, mut s) = setup();
        app.update(key('e'));
        assert!(matches!(app.mode, Mode::Editor(_)));
        for c in "typed before SIGTERM".chars() {
            app.update(key(c));
        }
        let said = save_on_the_way_out(&mut app, &mut s).unwrap();
        assert!(said.contains("saved"), "{said}");
        let (on_disk, _) = store::load(&app.path).unwrap();
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
        let theirs = std::fs::read_to_string(&app.path)
            .unwrap()
            .replace("Acme", "Acme (edited by Bo)");
        std::fs::write(&app.path, &theirs).unwrap();
        assert!(!s.save_now(&mut app));
        assert_eq!(app.save_state, SaveState::Conflict);
        assert!(matches!(app.mode, Mode::Conflict));
        assert_eq!(std::fs::read_to_string(&app.path).unwrap(), theirs);
        // Keep both: ours goes beside theirs and editing continues there.
        let original = app.path.clone();
        assert!(!handle(Effect::KeepBoth, &mut app, &mut s, &mut no_editor));
        assert_ne!(app.path, original);
        assert_eq!(std::fs::read_to_string(&original).unwrap(), theirs);
        assert_eq!(store::load(&app.path).unwrap().0.answers, app.ws.answers);
        assert_eq!(app.save_state, SaveState::Saved);
    }

    #[test]
    fn overwrite_replaces_theirs_and_keeps_it_as_backup() {
        let (_d, mut app, mut s) = setup();
        app.update(key('y'));
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&app.path, "theirs").unwrap();
        assert!(!s.save_now(&mut app));
        handle(Effect::Overwrite, &mut app, &mut s, &mut no_editor);
        assert_eq!(app.save_state, SaveState::Saved);
        assert_eq!(
            std::fs::read_to_string(store::backup_path(&app.path)).unwrap(),
            "theirs"
        );
    }

    #[test]
    fn export_from_the_app_writes_beside_the_workspace_without_overwriting() {
        let (_d, mut app, mut s) = setup();
        let e = Effect::Export {
            format: export::ExportFormat::Md,
            redact: false,
        };
        handle(e.clone(), &mut app, &mut s, &mut no_editor);
        handle(e, &mut app, &mut s, &mut no_editor);
        let dir = app.path.parent().unwrap();
        assert!(dir.join("w-report.md").exists());
        assert!(dir.join("w-report-2.md").exists());
        assert!(app.message.as_deref().unwrap().contains("w-report-2.md"));
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
        assert_eq!(store::load(&copy).unwrap().0.answers, app.ws.answers);
        let keys = crate::io::crypt::Keys::generate();
        let sealed = emergency_copy(&app, Some(&keys))
            .unwrap()
            .expect("an encrypted copy");
        assert!(crate::io::crypt::is_encrypted(
            &std::fs::read(&sealed).unwrap()
        ));
        assert_eq!(
            store::load_with(&sealed, Some(&keys)).unwrap().0.answers,
            app.ws.answers
        );
    }

    #[test]
    fn the_outside_editor_replaces_the_note() {
        let (_d, mut app, mut s) = setup();
        let id = app
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
        assert_eq!(app.ws.note(&id), "written outside");
        let mut failing = no_editor;
        handle(effect.clone(), &mut app, &mut s, &mut failing);
        assert_eq!(
            app.ws.note(&id),
            "written outside",
            "a failed editor changes nothing"
        );
    }
}

//! The loop: messages in, `App::update`, effects out, their results back in as messages.
//! Generic over ratatui's `Backend` and over where events come from, so that a whole run of
//! the app (keys in, screens out, effects carried out against a temporary folder) runs
//! under `TestBackend` in `cargo test` exactly as it runs in a terminal.

use std::io;
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::app::{App, Effect};
use super::effects::{self, Session};
use super::msg::Msg;
use super::ui;
use crate::io::terminal::terminal_gone;

/// How long after the last change the app saves by itself.
pub const SAVE_DELAY: Duration = Duration::from_millis(600);

/// Where terminal events come from.
pub trait Events {
    /// The next event, waiting at most `timeout`; `None` when none came.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// The real terminal's events (crossterm).
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        // crossterm spins forever once the terminal is gone (every read returns end of
        // file), and would never give the loop back to see a signal or save. So the loop
        // waits on the terminal itself, notices a hang-up, and lets crossterm read only
        // what is there.
        if terminal_gone(Duration::ZERO)? {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal went away",
            ));
        }
        if event::poll(Duration::ZERO)? {
            return event::read().map(Some);
        }
        if terminal_gone(timeout)? {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal went away",
            ));
        }
        if event::poll(Duration::ZERO)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
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

    /// No signal handling (tests).
    pub fn none() -> Signals {
        Signals {
            stop: std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0)),
        }
    }

    /// The signal that asked the app to stop, if one came.
    pub fn pending(&self) -> Option<i32> {
        match self.stop.load(std::sync::atomic::Ordering::SeqCst) {
            0 => None,
            n => Some(n as i32),
        }
    }
}

/// How a run ended.
#[derive(Debug, Default)]
pub struct Exit {
    /// Something to say on the terminal once the app has left the screen.
    pub farewell: Option<String>,
    /// Edits could be written nowhere.
    pub lost: bool,
}

/// How long the loop may sleep: until the next autosave is due, and at most a second, so
/// an idle app wakes rarely and writes nothing.
fn next_wake(app: &App, s: &Session) -> Duration {
    if s.in_flight.is_some() || app.file.hashes.borrow().busy() {
        return Duration::from_millis(30);
    }
    if effects::autosave_due(app, s, Duration::ZERO) {
        return SAVE_DELAY
            .saturating_sub(s.last_change.elapsed())
            .max(Duration::from_millis(10));
    }
    Duration::from_secs(1)
}

/// Feeds one message to the app and carries out the effects that follow, feeding their
/// results back, until nothing is left to do. `Some(exit)` when the app ends.
pub fn dispatch(
    app: &mut App,
    s: &mut Session,
    msg: Msg,
    outside_editor: &mut dyn FnMut(&str) -> Result<String>,
) -> Option<Exit> {
    let mut queue: Vec<Effect> = app.update(msg);
    let mut exit = None;
    while !queue.is_empty() {
        let effect = queue.remove(0);
        let out = effects::run(effect, app, s, outside_editor);
        for m in out.msgs {
            queue.extend(app.update(m));
        }
        if out.exit {
            exit = Some(Exit {
                farewell: out.farewell,
                lost: out.lost,
            });
        }
    }
    exit
}

/// Runs the app until it ends. The clock is passed in (`now`), like everything else from
/// the world.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    s: &mut Session,
    events: &mut dyn Events,
    signals: &Signals,
    now: &dyn Fn() -> chrono::NaiveDateTime,
    outside_editor: &mut dyn FnMut(&mut Terminal<B>, &str) -> Result<String>,
) -> Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let mut needs_draw = true;
    loop {
        if signals.pending().is_some() {
            let mut editor = |t: &str| outside_editor(terminal, t);
            if let Some(exit) = dispatch(app, s, Msg::Stop, &mut editor) {
                return Ok(exit);
            }
        }
        if needs_draw {
            terminal.draw(|f| ui::draw(f, app))?;
            needs_draw = false;
        }
        if let Some(ev) = events.next(next_wake(app, s))? {
            needs_draw = true;
            let msg = match ev {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.update(Msg::Now(now()));
                    Some(Msg::Key(key))
                }
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                _ => None,
            };
            if let Some(msg) = msg {
                let mut editor = |t: &str| outside_editor(terminal, t);
                if let Some(exit) = dispatch(app, s, msg, &mut editor) {
                    return Ok(exit);
                }
            }
        }
        if app.doc.generation != s.seen_generation {
            s.seen_generation = app.doc.generation;
            s.last_change = Instant::now();
        }
        let shown = (app.doc.save_state.clone(), app.message.clone());
        if let Some(m) = s.poll_save(false) {
            app.update(m);
        }
        // Hashes of large evidence files come back from their threads as messages.
        let hashed = app.file.hashes.borrow_mut().finished();
        for (file, stamp, result) in hashed {
            needs_draw = true;
            let mut editor = |t: &str| outside_editor(terminal, t);
            let msg = Msg::Hashed {
                file,
                stamp,
                result,
            };
            if let Some(exit) = dispatch(app, s, msg, &mut editor) {
                return Ok(exit);
            }
        }
        if effects::autosave_due(app, s, SAVE_DELAY)
            && let Some(m) = s.start_save(app)
        {
            app.update(m);
        }
        if (app.doc.save_state.clone(), app.message.clone()) != shown {
            needs_draw = true;
        }
    }
}

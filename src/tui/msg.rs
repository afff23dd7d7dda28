//! Everything that can happen to the app arrives as a `Msg`: keys and pastes from the
//! terminal, its size, the clock, and the results of the effects the loop carried out
//! (saves, the outside editor, exports, moving to another file). `App::update` takes them
//! one at a time and returns the next effects.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::KeyEvent;

use crate::domain::workspace::Workspace;
use crate::io::store::Written;

/// Which edits a save carries: every change, and the data changes among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions {
    pub all: u64,
    pub data: u64,
    /// A fingerprint of the resume place the save carries (the place moves without
    /// counting as a change: it rides along with the next save, and quitting saves it).
    pub place: u64,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The file on disk is not the one we loaded or last saved.
    Conflict,
    Io(String),
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The terminal's size (at the start and on every resize).
    Resize(u16, u16),
    /// The wall clock, given before each key so that changes record when they happened.
    Now(NaiveDateTime),
    /// The loop started a background save of these edits.
    SaveStarted,
    /// A save finished.
    Saved {
        versions: Versions,
        result: Result<Written, SaveError>,
    },
    /// Quitting could not save: ask before dropping anything.
    QuitBlocked,
    /// The outside editor returned (the note's new text) or failed.
    EditorReturned {
        id: String,
        result: Result<String, String>,
    },
    /// The workspace now lives in another file (keep both, save elsewhere).
    Moved {
        path: PathBuf,
        message: String,
    },
    /// The file on disk replaced ours, which was kept beside it first.
    Reloaded {
        ws: Box<Workspace>,
        message: String,
    },
    /// A line for the status bar from the loop (an export written, a copy that failed).
    Notice(String),
    /// A signal asked the app to stop: keep what is being typed, then save and leave.
    Stop,
    /// A large evidence file's hash finished on its thread (with the file's size and time
    /// when it began).
    Hashed {
        file: PathBuf,
        stamp: Option<(u64, Option<std::time::SystemTime>)>,
        result: Result<String, String>,
    },
}

impl From<KeyEvent> for Msg {
    fn from(k: KeyEvent) -> Msg {
        Msg::Key(k)
    }
}

/// How the save indicator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
    Saving,
    Failed(String),
    Conflict,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveNow,
    /// Make the workspace file readable by its owner only (mode 600): a file git checked out
    /// is 644, and the warning would otherwise come back on every open.
    MakePrivate,
    /// Save, then quit when the save succeeded.
    Quit,
    /// Quit without saving (the user confirmed dropping unsaved edits).
    ForceQuit,
    ExternalEditor {
        id: String,
        text: String,
    },
    /// Conflict resolution: write this version beside the changed file and edit that copy.
    KeepBoth,
    /// Conflict resolution: replace the file on disk (its old bytes go to the backup).
    Overwrite,
    /// Conflict resolution: load the file on disk (ours is written beside it first).
    Reload,
    /// A signal is ending the app: save, or write an emergency copy if saving fails.
    Rescue,
    /// Write the workspace to a new file and go on editing there (its own file cannot be
    /// saved: a removed folder, a full disk).
    SaveAs(PathBuf),
    /// Write an export beside the workspace.
    Export {
        format: crate::exchange::export::ExportFormat,
        redact: bool,
    },
}

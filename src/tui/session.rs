//! What the app is opened with, decided before it starts (`tui::start`): the file and what
//! may be done with it, and the user's settings. Screens read these; only the loop and the
//! start-up change the file's facts.

use std::path::PathBuf;

/// The file the workspace came from and what may be done with it, decided before the app
/// starts (`tui::start`).
#[derive(Debug, Clone, Default)]
pub struct OpenFile {
    pub path: PathBuf,
    /// `Some(why)` when the workspace may not be written: another process holds it, or the
    /// file itself is read-only.
    pub read_only: Option<String>,
    /// The workspace is encrypted: nothing in plain text may reach the disk.
    pub encrypted: bool,
    /// The fingerprint of the resume place on disk (see `Versions::place`).
    pub saved_place: u64,
}

/// Who is working and how they asked the screen to look (`config.ron`, flags, `R`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub user: String,
    pub redact: bool,
    pub color: bool,
    /// The user's home folder, where "save elsewhere" suggests a file.
    pub home: Option<PathBuf>,
    /// Days from today an empty due date is offered, by level: very high, high, moderate,
    /// low and below (`config.ron`).
    pub due_days: [u32; 4],
}

//! What the app is opened with, decided before it starts (`tui::start`): the file and what
//! may be done with it, and the user's settings. Screens read these; only the loop and the
//! start-up change the file's facts.

use std::path::PathBuf;

/// The file the workspace came from and what may be done with it, decided before the app
/// starts (`tui::start`).
#[derive(Debug, Default)]
pub struct OpenFile {
    pub path: PathBuf,
    /// `Some(why)` when the workspace may not be written: another process holds it, or the
    /// file itself is read-only.
    pub read_only: Option<String>,
    /// The workspace is encrypted: nothing in plain text may reach the disk.
    pub encrypted: bool,
    /// The fingerprint of the resume place on disk (see `Versions::place`).
    pub saved_place: u64,
    /// The evidence files beside it hashed so far, kept while unchanged on disk (read as
    /// keys arrive, by `tui/evidence_keys.rs`; drawing never touches it).
    pub(crate) hashes: std::cell::RefCell<crate::io::evidence::HashCache>,
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
    /// The Word template reports take their styles from (`config.ron`'s `word_template`).
    pub word_template: Option<PathBuf>,
    /// Days before a due date the calendar export reminds (`config.ron`'s `reminder_days`).
    pub reminder_days: u32,
}

/// The smallest window the app draws in; smaller shows a message and ignores keys.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The terminal's size as the app last heard it. The rows a list pane shows, the board's
/// window and the too-small screen follow from it (the layout's fixed rows are subtracted
/// here and in `ui`, from the same constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub width: u16,
    pub height: u16,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            width: 120,
            height: 40,
        }
    }
}

impl Viewport {
    /// Keys other than quit are ignored while the window is too small: the user cannot see
    /// what they would change.
    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Rows a list pane shows (the body less its borders and headings): a page.
    pub fn page(&self) -> usize {
        usize::from(self.height.saturating_sub(8)).max(1)
    }

    /// Rows of the board's table (the body less header, detail strip and borders).
    pub fn board_rows(&self) -> usize {
        usize::from(self.height.saturating_sub(12)).max(1)
    }
}

/// The rows of a list of `len` drawn in `height` lines (borders included) with `sel` in
/// view, as the list widget itself would scroll them: only these are built, so a key costs
/// the same with 50 rows or 5,000. Returns the range and the selection within it.
pub fn visible_rows(len: usize, sel: usize, height: u16) -> (std::ops::Range<usize>, usize) {
    let visible = usize::from(height.saturating_sub(2)).max(1);
    let sel = sel.min(len.saturating_sub(1));
    let start = (sel + 1).saturating_sub(visible);
    (start..(start + visible).min(len), sel - start)
}

/// The first row of a window of `visible` rows that keeps `sel` in view, moving as little
/// as possible from `offset`.
pub fn scroll_window(offset: usize, sel: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    let offset = offset.min(sel);
    if sel >= offset + visible {
        sel + 1 - visible
    } else {
        offset
    }
}

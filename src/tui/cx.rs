//! What a screen's handler and drawing get besides their own state. `Cx` is the context
//! of one key: the open document to edit, the file and settings to consult, the overlay
//! slot to open a prompt or editor in, and the status message. `View` is its read-only
//! twin for drawing. Screens depend on these, never on `App`, so a screen file can be read
//! on its own.

use chrono::NaiveDateTime;
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::workspace::Actor;
use crate::tui::doc::Doc;
use crate::tui::session::{OpenFile, Settings, Viewport};
use crate::tui::state::{EditTarget, Editor, Mode, Prompt, PromptKind};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_input::TextInput;

/// The context of one key.
pub struct Cx<'a> {
    pub doc: &'a mut Doc,
    pub file: &'a OpenFile,
    pub settings: &'a Settings,
    pub now: NaiveDateTime,
    pub mode: &'a mut Mode,
    pub message: &'a mut Option<String>,
    /// Rows a page key moves.
    pub page: usize,
}

impl Cx<'_> {
    /// Who makes a change: the person running hipaudit (config.ron's `user`, else the login
    /// name), never the engagement's lead assessor, who only signs the report.
    pub fn actor(&self) -> Actor {
        Actor {
            name: self.settings.user.clone(),
            now: self.now,
        }
    }

    pub fn set_message(&mut self, m: impl Into<String>) {
        *self.message = Some(m.into());
    }

    /// Refuses an edit when the workspace may not be written, saying why.
    pub fn refuse_read_only(&mut self) -> bool {
        match &self.file.read_only {
            Some(why) => {
                *self.message = Some(format!("read-only: {why}"));
                true
            }
            None => false,
        }
    }

    /// Opens a one-line prompt with its value offered selected.
    pub fn open_prompt(&mut self, kind: PromptKind, id: String, input: String) {
        *self.mode = Mode::Prompt(Prompt {
            kind,
            id,
            input: TextInput::suggested(input),
            error: None,
        });
    }

    /// Opens the note or plan editor on `text`, the cursor at its end; refused while
    /// redaction hides notes on screen.
    pub fn open_editor(&mut self, target: EditTarget, text: &str) {
        if self.settings.redact {
            self.set_message("redaction is on: R shows notes and plans before editing them");
            return;
        }
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(WrapMode::Word);
        ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
        ta.move_cursor(ratatui_textarea::CursorMove::End);
        *self.mode = Mode::Editor(Box::new(Editor {
            target,
            textarea: ta,
        }));
    }
}

/// What drawing reads besides a screen's own state: nothing here can change.
pub struct View<'a> {
    pub doc: &'a Doc,
    pub settings: &'a Settings,
    pub theme: &'a Theme,
    /// How far the detail pane is scrolled.
    pub detail_scroll: u16,
    /// The overlay open over the screen (the matrix cursor shows in the register).
    pub mode: &'a Mode,
    pub viewport: Viewport,
}

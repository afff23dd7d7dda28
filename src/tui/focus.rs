//! What a key acts on: the item under the cursor whatever the screen (a question, a gap, a
//! register entry, a vendor, a board row), the contexts in force for the key table, moving
//! the cursor of whichever list has focus, the overlays a key opens, and pasted text, which
//! goes to the input with focus.

use crate::domain::catalog::Area;
use crate::domain::workspace::RiskEntry;
use crate::tui::app::{App, Tab, cx};
use crate::tui::keymap::Context;
use crate::tui::overlays::editor;
use crate::tui::state::{EditTarget, Focus, Mode, PromptKind};
use crate::tui::tabs::audit::Pane;

impl App {
    /// True when the Risk tab shows its register (the pane under the question sections).
    pub fn register_open(&self) -> bool {
        self.tab == Tab::Audit(Area::Risk) && self.audit.pane(Area::Risk) == Pane::Register
    }

    /// True when the Risk tab shows its ePHI inventory.
    pub fn inventory_open(&self) -> bool {
        self.tab == Tab::Audit(Area::Risk) && self.audit.pane(Area::Risk) == Pane::Inventory
    }

    /// The register entry under the cursor, when the register is open.
    pub fn current_risk(&self) -> Option<&RiskEntry> {
        self.register_open()
            .then(|| self.register.current(&self.doc))
            .flatten()
    }

    /// True when the Administrative tab shows its vendor list (the pane under the
    /// question sections).
    pub fn vendors_open(&self) -> bool {
        self.tab == Tab::Audit(Area::Administrative)
            && self.audit.pane(Area::Administrative) == Pane::Vendors
    }

    /// The vendor under the cursor, when the vendor list is open.
    pub fn current_vendor(&self) -> Option<&crate::domain::vendor::Vendor> {
        self.vendors_open()
            .then(|| self.vendors.current(&self.doc))
            .flatten()
    }

    /// The gap under the board's cursor.
    pub fn board_gap(&self) -> Option<crate::domain::gaps::Gap> {
        self.board.gap(&self.doc)
    }

    /// Opens the note or plan editor (refused while redaction hides notes).
    pub(crate) fn open_editor(&mut self, target: EditTarget, text: &str) {
        cx!(self).open_editor(target, text);
    }

    /// Opens a one-line prompt with its value offered selected.
    pub(crate) fn open_prompt(&mut self, kind: PromptKind, id: String, input: String) {
        cx!(self).open_prompt(kind, id, input);
    }

    /// Writes the open editor's text into the workspace, leaving the editor open.
    pub fn keep_editor_text(&mut self) -> Option<String> {
        editor::keep_editor_text(&mut cx!(self))
    }

    /// The selected question of the current audit tab.
    pub fn current_question(&self) -> Option<usize> {
        match self.tab {
            Tab::Audit(area) => self.audit.current_question(area),
            _ => None,
        }
    }

    /// Moves the cursor of whatever list has focus: the audit tab's sections or questions,
    /// the register or vendor pane under them, or the board.
    pub(crate) fn move_by(&mut self, delta: isize) {
        let clamp = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.tab {
            Tab::Audit(a) => {
                let questions = self.audit.view(a).focus == Focus::Questions;
                match self.audit.pane(a) {
                    Pane::Inventory if questions => {
                        let len = crate::tui::tabs::inventory::InventoryScreen::len(&self.doc);
                        self.inventory.row =
                            clamp(self.inventory.row.min(len.saturating_sub(1)), len);
                    }
                    Pane::Register if questions => {
                        self.register.row = clamp(self.register.row, self.doc.ws.risks.len());
                    }
                    Pane::Vendors if questions => {
                        self.vendors.row = clamp(self.vendors.row, self.doc.ws.vendors.len());
                    }
                    _ => self.audit.move_by(a, delta),
                }
            }
            Tab::Gaps => {
                let len = self.doc.board_rows().len();
                self.board.row = clamp(self.board.row.min(len.saturating_sub(1)), len);
            }
            Tab::Dashboard => {}
        }
    }

    /// Moves the cursor to a question, switching tab and section.
    pub fn jump_to(&mut self, qi: usize) {
        self.tab = Tab::Audit(self.audit.cursor_to(self.doc.catalog, qi));
        let q = &self.doc.catalog.questions[qi];
        self.set_message(format!("{}: {}", q.id, q.section));
    }

    /// The id the gap keys act on: the selected question when it is a gap, the register
    /// entry, or the board row.
    pub fn current_gap_id(&self) -> Option<String> {
        if self.register_open() {
            return self.current_risk().map(|r| r.id.clone());
        }
        if self.vendors_open() {
            let v = self.current_vendor()?;
            return self
                .doc
                .gaps()
                .iter()
                .any(|g| g.id == v.id)
                .then(|| v.id.clone());
        }
        match self.tab {
            Tab::Audit(_) => {
                let q = &self.doc.catalog.questions[self.current_question()?];
                self.doc.ws.status(&q.id).is_gap().then(|| q.id.clone())
            }
            Tab::Gaps => self.board_gap().map(|g| g.id.clone()),
            Tab::Dashboard => None,
        }
    }

    /// The contexts whose bindings apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        let mut c = Vec::with_capacity(3);
        if self.current_gap_id().is_some() {
            c.push(Context::Gap);
        }
        if self.register_open() {
            c.push(Context::Register);
        } else if self.inventory_open() {
            c.push(Context::Inventory);
        } else if self.vendors_open() {
            c.push(Context::Vendors);
        } else if matches!(self.tab, Tab::Audit(_)) {
            c.push(Context::Audit);
        }
        if self.tab == Tab::Gaps {
            c.push(Context::Board);
        }
        c.push(Context::Global);
        c
    }

    pub fn set_message(&mut self, m: impl Into<String>) {
        self.message = Some(m.into());
    }

    /// Handles pasted text (bracketed paste): into the editor or prompt that has focus.
    pub fn paste(&mut self, text: &str) {
        let one_line = |t: &str| {
            t.split(['\r', '\n'])
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let limit = crate::domain::problems::MAX_TEXT;
        match &mut self.mode {
            Mode::Editor(ed)
                if ed
                    .textarea
                    .lines()
                    .iter()
                    .map(|l| l.len() + 1)
                    .sum::<usize>()
                    + text.len()
                    > limit =>
            {
                self.message = Some(format!(
                    "not pasted: a note holds at most {} KiB; attach long documents as evidence",
                    limit / 1024
                ));
            }
            Mode::Editor(ed) => {
                // Terminals send pasted line breaks as CR.
                ed.textarea
                    .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Mode::Prompt(p) => p.input.paste(text),
            // A form's fields are one line each: pasted line breaks become spaces.
            Mode::Form(f) => {
                let field = f.field;
                if let Some(input) = f.inputs.get_mut(field) {
                    input.paste(&one_line(text));
                }
            }
            Mode::RiskForm(f) => {
                let field = f.field;
                if let Some(input) = f.inputs.get_mut(field) {
                    input.paste(&one_line(text));
                }
            }
            Mode::Search(s) => {
                s.query.insert_str(text.lines().next().unwrap_or(""));
                self.refresh_search();
            }
            _ => {}
        }
    }
}

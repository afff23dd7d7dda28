//! The app and its update function: messages in, state changed, effects out. Nothing here
//! touches the terminal or the disk; the loop in `tui::event_loop` carries out effects.
//!
//! The one router: `App` (the document, the file, the settings and one struct per screen),
//! `update`, and `act`, which sends each key-table action to the screen that owns it
//! (`tabs/`, `overlays/`) or to the app-level modules whose keys cross screens (`gap_keys`,
//! `prompt_keys`, `search_keys`, `evidence_keys`, `form_keys`); what a key acts on is in
//! `focus.rs`.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::KeyEvent;

use super::msg::{Msg, Versions};
use crate::domain::catalog::{Area, Catalog};
use crate::domain::workspace::{Actor, Workspace};
use crate::tui::cx::View;
use crate::tui::doc::Doc;
use crate::tui::keymap::{self, Action, Context};
pub use crate::tui::msg::{Effect, SaveState};
use crate::tui::overlays::evidence::EvidenceScreen;
use crate::tui::overlays::{confirm, editor, export, help, library, merge_conflicts};
pub use crate::tui::session::{MIN_HEIGHT, MIN_WIDTH, OpenFile, Settings, Viewport, scroll_window};
use crate::tui::state::*;
use crate::tui::tabs::audit::AuditScreen;
use crate::tui::tabs::board::BoardScreen;
use crate::tui::tabs::inventory::InventoryScreen;
use crate::tui::tabs::meeting::MeetingScreen;
use crate::tui::tabs::register::RegisterScreen;
use crate::tui::tabs::vendors::VendorScreen;
use crate::tui::theme::Theme;

/// The context a screen's handler gets: the app's parts other than the screen itself,
/// borrowed field by field so the screen can be borrowed beside them.
macro_rules! cx {
    ($app:ident) => {
        crate::tui::cx::Cx {
            doc: &mut $app.doc,
            file: &$app.file,
            settings: &$app.settings,
            now: $app.now,
            mode: &mut $app.mode,
            message: &mut $app.message,
            page: $app.viewport.page(),
        }
    };
}
pub(crate) use cx;

/// The six tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Audit(Area),
    Gaps,
}

pub const TABS: [Tab; 6] = [
    Tab::Dashboard,
    Tab::Audit(Area::Privacy),
    Tab::Audit(Area::Administrative),
    Tab::Audit(Area::Nist),
    Tab::Audit(Area::Risk),
    Tab::Gaps,
];

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Audit(a) => a.name(),
            Tab::Gaps => "Gaps",
        }
    }
}

/// The app: the open document, the file and settings it was opened with, and one struct
/// per screen holding that screen's cursor, marks and undo (`tabs/`, `overlays/`).
pub struct App {
    pub doc: Doc,
    pub file: OpenFile,
    pub settings: Settings,
    /// The clock, set by the loop before each update.
    pub now: NaiveDateTime,
    pub tab: Tab,
    /// The overlay open over the tabs, if any.
    pub mode: Mode,
    pub message: Option<String>,
    /// The terminal's size, from the last resize message: paging, the board's window and
    /// the too-small screen are computed from it, never written back by drawing.
    pub viewport: Viewport,
    /// How far the detail pane (question, gap detail, meeting card) is scrolled.
    pub detail_scroll: u16,
    pub audit: AuditScreen,
    pub board: BoardScreen,
    pub meeting: MeetingScreen,
    pub register: RegisterScreen,
    pub inventory: InventoryScreen,
    pub vendors: VendorScreen,
    pub evidence: EvidenceScreen,
}

impl App {
    /// An app on a workspace with default settings (tests, benches, the demo's first look).
    pub fn new(
        catalog: &'static Catalog,
        ws: Workspace,
        path: PathBuf,
        today: NaiveDate,
        user: &str,
    ) -> App {
        let file = OpenFile {
            path,
            ..OpenFile::default()
        };
        let settings = Settings {
            user: user.to_string(),
            redact: false,
            color: true,
            home: None,
            due_days: [14, 30, 90, 180],
            word_template: None,
            reminder_days: crate::exchange::calendar::REMINDER_DAYS,
        };
        App::open(Doc::new(catalog, ws, today), file, settings)
    }

    /// The app on a document, the file's facts and the settings, all decided before it
    /// starts (`tui::run_workspace` builds them from the disk, the lock and config.ron).
    pub fn open(doc: Doc, file: OpenFile, settings: Settings) -> App {
        let today = doc.today;
        let catalog = doc.catalog;
        let mut app = App {
            doc,
            file,
            settings,
            now: today.and_hms_opt(9, 0, 0).unwrap_or_default(),
            tab: Tab::Audit(Area::Privacy),
            mode: Mode::Normal,
            message: None,
            viewport: Viewport::default(),
            detail_scroll: 0,
            audit: AuditScreen::new(catalog),
            board: BoardScreen::default(),
            meeting: MeetingScreen::default(),
            register: RegisterScreen::default(),
            inventory: InventoryScreen::default(),
            vendors: VendorScreen::default(),
            evidence: EvidenceScreen::default(),
        };
        app.file.saved_place = app.place_fingerprint();
        app
    }

    pub fn dirty(&self) -> bool {
        self.doc.dirty()
    }

    pub fn data_dirty(&self) -> bool {
        self.doc.data_dirty()
    }

    /// Who makes a change: the person running hipaudit (config.ron's `user`, else the login
    /// name), never the engagement's lead assessor, who only signs the report: in a team, each
    /// teammate's changes carry their own name.
    pub(crate) fn actor(&self) -> Actor {
        Actor {
            name: self.settings.user.clone(),
            now: self.now,
        }
    }

    /// What drawing reads: the document, the settings and the open overlay, read-only.
    pub fn view<'a>(&'a self, theme: &'a Theme) -> View<'a> {
        View {
            doc: &self.doc,
            settings: &self.settings,
            theme,
            detail_scroll: self.detail_scroll,
            mode: &self.mode,
            viewport: self.viewport,
        }
    }

    /// The update function: one message in, state changed, effects out. Keys, the
    /// terminal's size and the results of effects all arrive here.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let effects = self.update_msg(msg.into());
        // Whatever changed the profile (the engagement form, a reload, a merge), the tabs
        // walk the bank as it scopes now.
        self.follow_scope();
        effects
    }

    fn update_msg(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => return self.on_key(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize(w, h) => self.resize(w, h),
            Msg::Now(now) => self.now = now,
            Msg::SaveStarted => self.doc.save_state = SaveState::Saving,
            Msg::Saved { versions, result } => self.save_finished(versions, result),
            Msg::QuitBlocked => {
                if !matches!(self.mode, Mode::Conflict) {
                    self.mode = Mode::ConfirmQuit;
                }
            }
            Msg::EditorReturned { id, result } => match result {
                Ok(text) => self.apply_external_note(&id, &text),
                Err(e) => self.set_message(format!("outside editor: {e}")),
            },
            Msg::Moved { path, message } => {
                self.file.path = path;
                self.mark_saved();
                self.set_message(message);
            }
            Msg::Reloaded { ws, message } => {
                self.doc.ws = *ws;
                self.doc.touch();
                self.mark_saved();
                self.set_message(message);
            }
            Msg::Notice(m) => self.set_message(m),
            Msg::Hashed {
                file,
                stamp,
                result,
            } => self.hash_finished(file, stamp, result),
            Msg::Stop => {
                self.keep_editor_text();
                return vec![Effect::Rescue];
            }
        }
        self.settle_view();
        self.refresh_evidence();
        vec![]
    }

    /// Everything in memory is on disk now.
    pub(crate) fn mark_saved(&mut self) {
        self.doc.saved_generation = self.doc.generation;
        self.doc.saved_data_generation = self.doc.data_generation;
        self.file.saved_place = self.place_fingerprint();
        self.doc.save_state = SaveState::Saved;
    }

    /// The edits a save started now would carry.
    pub fn versions(&self) -> Versions {
        Versions {
            all: self.doc.generation,
            data: self.doc.data_generation,
            place: self.place_fingerprint(),
        }
    }

    /// Quitting: where the user was is saved on the way out, as a view change.
    fn quit(&mut self) -> Vec<Effect> {
        if self.file.read_only.is_none() && self.place_fingerprint() != self.file.saved_place {
            self.doc.view_changed();
        }
        vec![Effect::Quit]
    }

    /// One key: state changed, effects out.
    pub(crate) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Ctrl-c quits from anywhere, typing included (q types a letter there), and quits as
        // a signal does: a note or plan open in the editor is kept. A half-typed prompt is
        // dropped, as Esc drops it.
        let ctrl_c = key
            .modifiers
            .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
            && key.code == ratatui::crossterm::event::KeyCode::Char('c');
        if ctrl_c {
            self.keep_editor_text();
            return self.quit();
        }
        if self.viewport.too_small() {
            // Keys wait until the window fits, but q still quits, and quits as a signal does:
            // a note or plan open in the editor is kept, not dropped with the window.
            if keymap::lookup(&[Context::Global], &key) == Some(Action::Quit) {
                self.keep_editor_text();
                return self.quit();
            }
            return vec![];
        }
        let before = self.current_question();
        let board_before = self.board_cursor_id();
        let versions = (self.doc.generation, self.doc.data_generation);
        let effects = self.update_inner(key);
        if self.current_question() != before || self.board_cursor_id() != board_before {
            self.detail_scroll = 0;
        }
        // A jump (board search) put the cursor where the user asked: nothing to follow.
        let jumped = std::mem::take(&mut self.board.jumped);
        if let Some(id) = board_before
            && self.doc.generation != versions.0
            && !jumped
        {
            self.follow_gap(&id, self.doc.data_generation != versions.1);
        }
        self.settle_view();
        self.refresh_evidence();
        if self.file.read_only.is_none() {
            self.remember_place();
        }
        effects
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.viewport = Viewport { width, height };
        self.settle_view();
    }

    /// Keeps what the screen shows consistent after any change: the board's cursor inside
    /// its rows, its window around the cursor, no detail view of a gap that is gone.
    pub fn settle_view(&mut self) {
        // Only the board has rows to keep in range; off it, nothing is derived for it (the
        // key that opens the board settles it).
        if self.tab != Tab::Gaps {
            return;
        }
        let len = self.doc.board_rows().len();
        self.board.row = self.board.row.min(len.saturating_sub(1));
        self.board.offset = scroll_window(
            self.board.offset,
            self.board.row,
            self.viewport.board_rows(),
        );
        if self.board.detail && self.board_gap().is_none() {
            self.board.detail = false;
        }
    }

    pub(crate) fn update_inner(&mut self, key: KeyEvent) -> Vec<Effect> {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Normal => self.normal_key(key),
            Mode::Editor(ed) => editor::editor_key(ed, key, &mut cx!(self)),
            Mode::Prompt(p) => self.prompt_key(p, key),
            Mode::Search(s) => self.search_key(s, key),
            Mode::Help { scroll } => help::help_key(scroll, key, &mut cx!(self)),
            Mode::ConfirmQuit => confirm::confirm_quit_key(key, &mut cx!(self)),
            Mode::Library { selected, asset } => {
                library::library_key(selected, asset, key, &mut cx!(self))
            }
            Mode::Export { selected, redact } => {
                export::export_key(selected, redact, key, &mut cx!(self))
            }
            Mode::RiskForm(form) => self.form_key(form, key),
            Mode::Form(form) => self.generic_form_key(form, key),
            Mode::MergeConflicts { selected, scroll } => {
                merge_conflicts::merge_conflicts_key(selected, scroll, key, &mut cx!(self))
            }
            Mode::Evidence { owner, selected } => self.evidence_list_key(owner, selected, key),
            Mode::ConfirmDelete(id) => confirm::confirm_delete_key(
                id,
                key,
                &mut self.register,
                &mut self.vendors,
                &mut self.inventory,
                &mut cx!(self),
            ),
            Mode::Matrix { likelihood, impact } => {
                self.register
                    .matrix_key(likelihood, impact, key, &mut cx!(self))
            }
            Mode::Conflict => confirm::conflict_key(key, &mut cx!(self)),
        }
    }

    pub(crate) fn normal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let contexts = self.contexts();
        let Some(action) = keymap::lookup(&contexts, &key) else {
            // A key of another place says where it works, from every context's rows.
            // Gap keys first, then the board's and the audit tabs'; on the Administrative tab
            // the vendor list under its sections before the register.
            let lists = if self.tab == Tab::Audit(Area::Administrative) {
                [Context::Vendors, Context::Register, Context::Inventory]
            } else {
                [Context::Register, Context::Inventory, Context::Vendors]
            };
            let order = [
                Context::Gap,
                Context::Board,
                Context::Audit,
                lists[0],
                lists[1],
                lists[2],
            ];
            if let Some((b, ctx)) = keymap::elsewhere(&contexts, &order, &key) {
                self.set_message(format!("{}: {}", b.help, ctx.place()));
            }
            return vec![];
        };
        self.act(action)
    }

    pub(crate) fn refuse_read_only(&mut self) -> bool {
        if let Some(why) = &self.file.read_only {
            self.message = Some(format!("read-only: {why}"));
            true
        } else {
            false
        }
    }

    /// Carries out one action from the key table.
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        let edits = keymap::edits(action);
        if edits && self.refuse_read_only() {
            return vec![];
        }
        match action {
            Action::NextTab => self.go_tab((self.tab_index() + 1) % TABS.len()),
            Action::PrevTab => self.go_tab((self.tab_index() + TABS.len() - 1) % TABS.len()),
            Action::GoTab(i) => self.go_tab(i),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.viewport.page() as isize),
            Action::PageUp => self.move_by(-(self.viewport.page() as isize)),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::ScrollDetail(n) => {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(n);
            }
            Action::FocusSections
            | Action::FocusQuestions
            | Action::Answer(_)
            | Action::EditNote
            | Action::EditNoteExternal => {
                if let Tab::Audit(area) = self.tab {
                    return self.audit.handle(area, action, &mut cx!(self));
                }
            }
            Action::Search => {
                self.mode = Mode::Search(Search {
                    board: self.tab == Tab::Gaps,
                    ..Search::default()
                });
                self.refresh_search();
            }
            Action::ToggleRedact => {
                self.settings.redact = !self.settings.redact;
                self.set_message(if self.settings.redact {
                    "redaction ON: notes and plans are hidden on screen"
                } else {
                    "redaction OFF: notes and plans are visible"
                });
            }
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::NextUnanswered | Action::PrevUnanswered => {
                let here = self.current_question();
                let forward = action == Action::NextUnanswered;
                if let Some(area) = self.audit.jump_unanswered(here, forward, &mut cx!(self)) {
                    self.tab = Tab::Audit(area);
                }
            }
            Action::EngagementForm => self.open_engagement_form(),
            Action::MergeConflictsView => merge_conflicts::open_conflicts(&mut cx!(self)),
            // Starts redacted when the screen is: what is hidden stays hidden by default.
            Action::ExportMenu => {
                self.mode = Mode::Export {
                    selected: 0,
                    redact: self.settings.redact,
                }
            }
            Action::MakePrivate => return vec![Effect::MakePrivate],
            Action::Save => {
                if self.file.read_only.is_some() {
                    self.refuse_read_only();
                    return vec![];
                }
                if self.doc.save_state == SaveState::Conflict {
                    self.mode = Mode::Conflict;
                    return vec![];
                }
                return vec![Effect::SaveNow];
            }
            Action::Quit => return self.quit(),

            Action::AddEvidence => {
                if let Some(owner) = self.evidence_owner() {
                    self.open_evidence_form(owner, None);
                }
            }
            Action::EvidenceList => {
                if let Some(owner) = self.evidence_owner() {
                    self.open_evidence_list(owner);
                }
            }
            Action::AddVendor
            | Action::EditVendor
            | Action::DeleteVendor
            | Action::UndoDeleteVendor => return self.vendors.handle(action, &mut cx!(self)),
            Action::SetOwner
            | Action::SetDue
            | Action::SetLikelihood
            | Action::SetImpact
            | Action::CycleStatus
            | Action::EditPlan
            | Action::GapForm
            | Action::Comment => return self.act_on_gap(action),
            Action::GroupProject => self.group_into_project(),
            Action::OpenDetail
            | Action::Back
            | Action::ToggleMark
            | Action::Filter
            | Action::ClearFilters
            | Action::CycleSort
            | Action::MarkVisible
            | Action::Meeting => {
                if action == Action::Meeting {
                    self.board.detail = false;
                    self.meeting.toggle(&mut cx!(self));
                } else if action == Action::Back && self.meeting.on {
                    self.meeting.on = false;
                } else {
                    return self.board.handle(action, &mut cx!(self));
                }
            }
            Action::AddAsset
            | Action::AddFlow
            | Action::EditInventory
            | Action::DeleteInventory
            | Action::UndoInventory
            | Action::RiskForAsset
            | Action::NoSignificantRisk => return self.inventory.handle(action, &mut cx!(self)),
            Action::Response => self.open_response(),
            Action::AcceptRisk => {
                if self.act_on_project_row(action).is_some() {
                    return vec![];
                }
                if let Some(id) = self.current_gap_id() {
                    let mut targets = self.edit_targets();
                    if targets.is_empty() {
                        targets.push(id);
                    }
                    crate::tui::overlays::accept::open(targets, &mut cx!(self));
                } else if let Some(r) = self.current_risk() {
                    // An entry rated Low or below is no gap, and may still be accepted.
                    let id = r.id.clone();
                    crate::tui::overlays::accept::open(vec![id], &mut cx!(self));
                }
            }
            Action::AddRisk
            | Action::EditRisk
            | Action::DeleteRisk
            | Action::UndoDelete
            | Action::CycleTreatment
            | Action::MatrixCursor
            | Action::ToggleResidual => return self.register.handle(action, &mut cx!(self)),
            // The modal screens' actions are handled where those screens live.
            _ => {}
        }
        vec![]
    }

    pub fn tab_index(&self) -> usize {
        TABS.iter().position(|t| *t == self.tab).unwrap_or(0)
    }

    pub(crate) fn go_tab(&mut self, i: usize) {
        if let Some(t) = TABS.get(i) {
            self.tab = *t;
        }
    }

    /// The text an external editor returned.
    pub fn apply_external_note(&mut self, id: &str, text: &str) {
        let actor = self.actor();
        if self.doc.ws.set_note(id, text.trim_end(), &actor) {
            self.doc.changed_id(id);
            self.set_message(format!("{id}: note updated from the editor"));
        } else {
            self.set_message(format!("{id}: note unchanged"));
        }
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "app_more_tests.rs"]
mod more_tests;

#[cfg(test)]
#[path = "analysis_keys_tests.rs"]
mod analysis_keys_tests;

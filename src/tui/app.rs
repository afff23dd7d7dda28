//! The state of the screen and the update function: keys in, state changed, effects out.
//! Nothing here touches the terminal or the disk; the loop in `tui::run` carries out effects.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::board::{self, GapFilter};
use crate::domain::catalog::{Area, Catalog, Section};
use crate::domain::dates;
use crate::domain::gaps::{self, Gap};
use crate::domain::risk;
use crate::domain::workspace::{
    Actor, AnswerStatus, EvidenceRef, RemediationField, RiskEntry, Treatment, Workspace,
};

use super::keymap::{self, Action, Context};
use super::msg::{Msg, SaveError, Versions};
use crate::io::store::Written;

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

/// Which pane of an audit tab has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Sections,
    #[default]
    Questions,
}

/// Where the cursor is in one audit tab.
#[derive(Debug, Clone, Copy, Default)]
pub struct AreaView {
    pub section: usize,
    pub row: usize,
    pub focus: Focus,
}

/// What a multi-line editor is editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    Note(String),
    Plan(String),
}

pub struct Editor {
    pub target: EditTarget,
    pub textarea: TextArea<'static>,
}

/// One-line prompts and what their value sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Filter,
    Owner,
    Due,
    Likelihood,
    Impact,
    EvidenceLabel,
    EvidenceLocation {
        label: String,
    },
    EvidenceDate {
        label: String,
        location: String,
    },
    /// A path to write the workspace to when its own file cannot be saved.
    SaveAs,
}

impl PromptKind {
    pub fn title(&self) -> &'static str {
        match self {
            PromptKind::Filter => {
                "Filter: owner:NAME status:open|progress|done|accepted area:AREA overdue unassigned words"
            }
            PromptKind::Owner => "Owner",
            PromptKind::Due => "Due date (2026-12-31, +30d, +2w; empty clears)",
            PromptKind::Likelihood => {
                "Likelihood 1-5 (very low .. very high; empty = question default)"
            }
            PromptKind::Impact => "Impact 1-5 (very low .. very high; empty = question default)",
            PromptKind::EvidenceLabel => "Evidence 1/3: what is it (e.g. Backup policy v3)",
            PromptKind::EvidenceLocation { .. } => {
                "Evidence 2/3: where is it kept (e.g. SharePoint > HIPAA > Policies)"
            }
            PromptKind::EvidenceDate { .. } => {
                "Evidence 3/3: date collected (YYYY-MM-DD, empty = today)"
            }
            PromptKind::SaveAs => "Save to a new file (a path; an existing file is never replaced)",
        }
    }
}

pub struct Prompt {
    pub kind: PromptKind,
    pub id: String,
    pub input: String,
    pub error: Option<String>,
}

/// The `/` search overlay.
#[derive(Default)]
pub struct Search {
    pub query: String,
    /// Indexes into the catalog's questions.
    pub results: Vec<usize>,
    pub selected: usize,
}

pub enum Mode {
    Normal,
    Editor(Box<Editor>),
    Prompt(Prompt),
    Search(Search),
    Help {
        scroll: u16,
    },
    /// A save failed and the user asked to quit: drop the edits or stay.
    ConfirmQuit,
    /// The file changed on disk since it was loaded.
    Conflict,
    /// Choosing a threat from the library (index 0 is a blank entry).
    Library {
        selected: usize,
    },
    /// Adding or editing a register entry.
    RiskForm(Box<RiskForm>),
    /// Deleting a register entry waits for y.
    ConfirmDelete(String),
    /// The export menu: the chosen format and whether notes and plans are left out.
    Export {
        selected: usize,
        redact: bool,
    },
    /// A cursor on the 5x5 matrix: likelihood and impact of the cell.
    Matrix {
        likelihood: u8,
        impact: u8,
    },
}

/// The fields of a register entry as the form edits them.
pub const RISK_FIELDS: [&str; 12] = [
    "Title",
    "Assets (comma-separated)",
    "Threat source and event",
    "Vulnerability",
    "Existing controls",
    "Likelihood 1-5",
    "Impact 1-5",
    "Treatment (Mitigate, Accept, Transfer, Avoid)",
    "Rationale",
    "Target likelihood after treatment (1-5, empty = none)",
    "Target impact after treatment (1-5, empty = none)",
    "Related questions (ids, comma-separated)",
];

/// The add/edit form of a register entry: one text input per field.
pub struct RiskForm {
    /// Empty for a new entry.
    pub id: String,
    pub inputs: Vec<String>,
    pub field: usize,
    pub error: Option<String>,
}

impl RiskForm {
    pub fn from_entry(r: &RiskEntry) -> RiskForm {
        let num = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        RiskForm {
            id: r.id.clone(),
            inputs: vec![
                r.title.clone(),
                r.assets.join(", "),
                r.threat.clone(),
                r.vulnerability.clone(),
                r.controls.clone(),
                r.likelihood.to_string(),
                r.impact.to_string(),
                r.treatment.label().to_string(),
                r.rationale.clone(),
                num(r.target_likelihood),
                num(r.target_impact),
                r.links.join(", "),
            ],
            field: 0,
            error: None,
        }
    }

    /// The entry the inputs describe, or the first field that is wrong and why.
    pub fn entry(&self, catalog: &Catalog) -> Result<RiskEntry, (usize, String)> {
        let list = |s: &str| -> Vec<String> {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        let level = |i: usize, optional: bool| -> Result<Option<u8>, (usize, String)> {
            let v = self.inputs[i].trim();
            if v.is_empty() && optional {
                return Ok(None);
            }
            match v.parse::<u8>() {
                Ok(n @ 1..=5) => Ok(Some(n)),
                _ => Err((i, format!("{}: '{v}' is not 1-5", RISK_FIELDS[i]))),
            }
        };
        let title = self.inputs[0].trim().to_string();
        if title.is_empty() {
            return Err((0, "a risk needs a title".into()));
        }
        let treatment = Treatment::parse(&self.inputs[7]).ok_or((
            7,
            format!(
                "treatment '{}': use Mitigate, Accept, Transfer or Avoid",
                self.inputs[7].trim()
            ),
        ))?;
        let links = list(&self.inputs[11]);
        if let Some(bad) = links.iter().find(|l| catalog.get(l).is_none()) {
            return Err((11, format!("no question has the id {bad}")));
        }
        Ok(RiskEntry {
            id: self.id.clone(),
            title,
            assets: list(&self.inputs[1]),
            threat: self.inputs[2].trim().to_string(),
            vulnerability: self.inputs[3].trim().to_string(),
            controls: self.inputs[4].trim().to_string(),
            likelihood: level(5, false)?.unwrap_or(3),
            impact: level(6, false)?.unwrap_or(3),
            treatment,
            rationale: self.inputs[8].trim().to_string(),
            target_likelihood: level(9, true)?,
            target_impact: level(10, true)?,
            links,
        })
    }
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

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveNow,
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

/// How the save indicator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
    Saving,
    Failed(String),
    Conflict,
}

pub struct App {
    pub catalog: &'static Catalog,
    pub ws: Workspace,
    pub path: PathBuf,
    pub today: NaiveDate,
    /// The clock, set by the loop before each update.
    pub now: NaiveDateTime,
    pub user: String,
    pub tab: Tab,
    pub views: [AreaView; 4],
    pub sections: [Vec<Section>; 4],
    pub gap_row: usize,
    /// The first board row on screen, kept between frames so the view scrolls smoothly.
    pub board_offset: usize,
    pub mode: Mode,
    pub message: Option<String>,
    /// Bumped on every change; the loop saves when it differs from the saved generation.
    pub generation: u64,
    pub saved_generation: u64,
    /// Bumped on changes to data (not to how it is viewed): only these rotate backups.
    pub data_generation: u64,
    pub saved_data_generation: u64,
    pub save_state: SaveState,
    /// `Some(why)` when the workspace may not be written: another process holds it, or the
    /// file itself is read-only.
    pub read_only: Option<String>,
    /// The workspace is encrypted: nothing in plain text may reach the disk.
    pub encrypted: bool,
    pub redact: bool,
    pub color: bool,
    /// The terminal's size, from the last resize message: paging, the board's window and
    /// the too-small screen are computed from it, never written back by drawing.
    pub viewport: Viewport,
    /// How far the question detail pane is scrolled.
    pub detail_scroll: u16,
    /// Board rows ticked with Space for a bulk edit.
    pub marked: std::collections::BTreeSet<String>,
    /// The board shows the selected gap's detail instead of the table.
    pub board_detail: bool,
    /// Meeting mode: the board fills the screen, one gap at a time.
    pub meeting: bool,
    /// The cursor in the risk register (Risk tab, last section).
    pub risk_row: usize,
    /// The matrix shows residual risk (after treatment) instead of inherent risk.
    pub residual: bool,
    /// Register entries deleted in this session, newest last, for undo.
    pub deleted: Vec<(usize, RiskEntry)>,
    /// The board's filtered, sorted rows for a generation (indexes into `gaps()`).
    row_cache: RefCell<Option<(u64, Rc<Vec<usize>>)>>,
    /// The gaps derived for a generation: several places read them for each key and frame.
    gap_cache: RefCell<Option<(u64, Rc<Vec<Gap>>)>>,
}

const AREAS: [Area; 4] = Area::ALL;

fn area_index(a: Area) -> usize {
    AREAS.iter().position(|x| *x == a).unwrap_or(0)
}

impl App {
    pub fn new(
        catalog: &'static Catalog,
        ws: Workspace,
        path: PathBuf,
        today: NaiveDate,
        user: &str,
    ) -> App {
        let sections = AREAS.map(|a| catalog.sections(a));
        App {
            catalog,
            ws,
            path,
            today,
            now: today.and_hms_opt(9, 0, 0).unwrap_or_default(),
            user: user.to_string(),
            tab: Tab::Audit(Area::Privacy),
            views: [AreaView::default(); 4],
            sections,
            gap_row: 0,
            board_offset: 0,
            mode: Mode::Normal,
            message: None,
            generation: 0,
            saved_generation: 0,
            data_generation: 0,
            saved_data_generation: 0,
            save_state: SaveState::Saved,
            read_only: None,
            encrypted: false,
            redact: false,
            color: true,
            viewport: Viewport::default(),
            detail_scroll: 0,
            gap_cache: RefCell::new(None),
            marked: Default::default(),
            board_detail: false,
            meeting: false,
            row_cache: RefCell::new(None),
            risk_row: 0,
            residual: false,
            deleted: Vec::new(),
        }
    }

    pub fn dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    fn actor(&self) -> Actor {
        let name = if self.ws.engagement.assessor.trim().is_empty() {
            self.user.clone()
        } else {
            self.ws.engagement.assessor.clone()
        };
        Actor {
            name,
            now: self.now,
        }
    }

    fn changed(&mut self) {
        self.data_generation += 1;
        self.view_changed();
    }

    /// A change to how the workspace is viewed (sort, filter): saved, but not a new version.
    fn view_changed(&mut self) {
        self.generation += 1;
        if !matches!(self.save_state, SaveState::Failed(_) | SaveState::Conflict) {
            self.save_state = SaveState::Pending;
        }
    }

    /// The selected question of the current audit tab.
    pub fn current_question(&self) -> Option<usize> {
        let Tab::Audit(area) = self.tab else {
            return None;
        };
        let v = self.views[area_index(area)];
        let secs = &self.sections[area_index(area)];
        secs.get(v.section)
            .and_then(|s| s.questions.get(v.row))
            .copied()
    }

    /// Every gap, derived once per change. Changes to `ws` go through the app's methods,
    /// which bump `generation`; code that edits `ws` directly must call `touch`.
    pub fn gaps(&self) -> Rc<Vec<Gap>> {
        let mut cache = self.gap_cache.borrow_mut();
        if let Some((generation, gaps)) = &*cache
            && *generation == self.generation
        {
            return gaps.clone();
        }
        let gaps = Rc::new(gaps::derive(self.catalog, &self.ws));
        *cache = Some((self.generation, gaps.clone()));
        gaps
    }

    /// The board's rows: indexes into `gaps()`, filtered and sorted by the saved view.
    pub fn board_rows(&self) -> Rc<Vec<usize>> {
        let mut cache = self.row_cache.borrow_mut();
        if let Some((generation, rows)) = &*cache
            && *generation == self.generation
        {
            return rows.clone();
        }
        let rows = Rc::new(board::rows(
            &self.gaps(),
            &self.ws.view,
            self.catalog,
            self.today,
        ));
        *cache = Some((self.generation, rows.clone()));
        rows
    }

    /// The gap under the board's cursor.
    pub fn board_gap(&self) -> Option<Gap> {
        let rows = self.board_rows();
        let i = *rows.get(self.gap_row.min(rows.len().saturating_sub(1)))?;
        self.gaps().get(i).cloned()
    }

    /// The ids a gap edit applies to: every marked row on the board, or the current gap.
    fn edit_targets(&self) -> Vec<String> {
        if self.tab == Tab::Gaps && !self.marked.is_empty() {
            self.marked.iter().cloned().collect()
        } else {
            self.current_gap_id().into_iter().collect()
        }
    }

    /// Marks a change to one question's answer or remediation. The cached board is patched
    /// in place (one gap re-derived, inserted or removed) instead of derived again, so that a
    /// key on a board of thousands of gaps stays fast.
    fn changed_id(&mut self, id: &str) {
        let risk = self.ws.risks.iter().any(|r| r.id == id);
        {
            let mut cache = self.gap_cache.borrow_mut();
            match cache.as_mut() {
                Some((generation, list)) if *generation == self.generation && !risk => {
                    let list = Rc::make_mut(list);
                    let at = list.iter().position(|g| g.id == id);
                    match (gaps::derive_one(self.catalog, &self.ws, id), at) {
                        (Some(g), Some(i)) => list[i] = g,
                        (Some(g), None) => {
                            let key = |g: &Gap| (g.retired, self.catalog.position(&g.id));
                            let k = key(&g);
                            let i = list.partition_point(|x| x.answer.is_some() && key(x) < k);
                            list.insert(i, g);
                        }
                        (None, Some(i)) => {
                            list.remove(i);
                        }
                        (None, None) => {}
                    }
                    *generation += 1;
                }
                _ => *cache = None,
            }
        }
        self.changed();
    }

    /// The matrix's basis now.
    pub fn basis(&self) -> risk::Basis {
        if self.residual {
            risk::Basis::Residual
        } else {
            risk::Basis::Inherent
        }
    }

    /// A register change: the board is derived again (risks are few).
    fn risk_changed(&mut self) {
        *self.gap_cache.borrow_mut() = None;
        self.changed();
    }

    fn library_key(&mut self, selected: usize, key: KeyEvent) -> Vec<Effect> {
        let len = risk::library().len() + 1;
        match key.code {
            KeyCode::Esc => return vec![],
            KeyCode::Down | KeyCode::Char('j') => {
                self.mode = Mode::Library {
                    selected: (selected + 1).min(len - 1),
                }
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.mode = Mode::Library {
                    selected: selected.saturating_sub(1),
                }
            }
            KeyCode::PageDown => {
                self.mode = Mode::Library {
                    selected: (selected + 10).min(len - 1),
                }
            }
            KeyCode::PageUp => {
                self.mode = Mode::Library {
                    selected: selected.saturating_sub(10),
                }
            }
            KeyCode::Enter => {
                let entry = match selected {
                    0 => RiskEntry {
                        likelihood: 3,
                        impact: 3,
                        ..RiskEntry::default()
                    },
                    n => risk::library()[n - 1].entry(),
                };
                self.mode = Mode::RiskForm(Box::new(RiskForm::from_entry(&entry)));
            }
            _ => self.mode = Mode::Library { selected },
        }
        vec![]
    }

    fn form_key(&mut self, mut form: Box<RiskForm>, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let n = RISK_FIELDS.len();
        match key.code {
            KeyCode::Esc => {
                self.set_message("cancelled: the register is unchanged");
                return vec![];
            }
            KeyCode::Tab | KeyCode::Down => form.field = (form.field + 1) % n,
            KeyCode::BackTab | KeyCode::Up => form.field = (form.field + n - 1) % n,
            KeyCode::Backspace => {
                form.inputs[form.field].pop();
            }
            KeyCode::Char('u') if ctrl => form.inputs[form.field].clear(),
            KeyCode::Enter => match form.entry(self.catalog) {
                Ok(entry) => {
                    let actor = self.actor();
                    if form.id.is_empty() {
                        let id = self.ws.add_risk(entry, &actor);
                        self.risk_row = self.ws.risks.len() - 1;
                        self.set_message(format!("{id} added to the register"));
                    } else {
                        let id = entry.id.clone();
                        if self.ws.update_risk(entry, &actor) {
                            self.set_message(format!("{id} saved"));
                        }
                    }
                    self.risk_changed();
                    return vec![];
                }
                Err((field, e)) => {
                    form.field = field;
                    form.error = Some(e);
                    self.mode = Mode::RiskForm(form);
                    return vec![];
                }
            },
            KeyCode::Char(c) if !ctrl => form.inputs[form.field].push(c),
            _ => {}
        }
        form.error = None;
        self.mode = Mode::RiskForm(form);
        vec![]
    }

    /// Marks `ws` as changed from outside the app's methods.
    pub fn touch(&mut self) {
        *self.gap_cache.borrow_mut() = None;
        self.changed();
    }

    /// True when the Risk tab shows its register (the section after the question sections).
    pub fn register_open(&self) -> bool {
        let i = area_index(Area::Risk);
        self.tab == Tab::Audit(Area::Risk) && self.views[i].section >= self.sections[i].len()
    }

    /// The register entry under the cursor.
    pub fn current_risk(&self) -> Option<&RiskEntry> {
        if !self.register_open() {
            return None;
        }
        self.ws
            .risks
            .get(self.risk_row.min(self.ws.risks.len().saturating_sub(1)))
    }

    fn is_risk(&self, id: &str) -> bool {
        self.ws.risks.iter().any(|r| r.id == id)
    }

    /// The id the gap keys act on: the selected question when it is a gap, the register
    /// entry, or the board row.
    pub fn current_gap_id(&self) -> Option<String> {
        if self.register_open() {
            return self.current_risk().map(|r| r.id.clone());
        }
        match self.tab {
            Tab::Audit(_) => {
                let q = &self.catalog.questions[self.current_question()?];
                self.ws.status(&q.id).is_gap().then(|| q.id.clone())
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
        let limit = crate::domain::workspace::MAX_TEXT;
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
            Mode::Prompt(p) => p.input.push_str(&text.replace(['\n', '\r'], " ")),
            Mode::Search(s) => {
                s.query.push_str(text.lines().next().unwrap_or(""));
                self.refresh_search();
            }
            _ => {}
        }
    }

    /// The update function: one message in, state changed, effects out. Keys, the
    /// terminal's size and the results of effects all arrive here.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        match msg.into() {
            Msg::Key(key) => return self.on_key(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize(w, h) => self.resize(w, h),
            Msg::Now(now) => self.now = now,
            Msg::SaveStarted => self.save_state = SaveState::Saving,
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
                self.path = path;
                self.mark_saved();
                self.set_message(message);
            }
            Msg::Reloaded { ws, message } => {
                self.ws = *ws;
                self.touch();
                self.mark_saved();
                self.set_message(message);
            }
            Msg::Notice(m) => self.set_message(m),
            Msg::Stop => {
                self.keep_editor_text();
                return vec![Effect::Rescue];
            }
        }
        self.settle_view();
        vec![]
    }

    /// Everything in memory is on disk now.
    fn mark_saved(&mut self) {
        self.saved_generation = self.generation;
        self.saved_data_generation = self.data_generation;
        self.save_state = SaveState::Saved;
    }

    /// A save came back: record what it carried, or show why it failed.
    fn save_finished(&mut self, versions: Versions, result: Result<Written, SaveError>) {
        match result {
            Ok(written) => {
                self.saved_generation = versions.all;
                self.saved_data_generation = versions.data;
                self.save_state = if self.dirty() {
                    SaveState::Pending
                } else {
                    SaveState::Saved
                };
                if matches!(self.message.as_deref(), Some(m) if m.starts_with("saving ")) {
                    self.message = None;
                }
                if !written.warnings.is_empty() {
                    self.set_message(format!("warning: {}", written.warnings.join(" · ")));
                }
            }
            Err(SaveError::Conflict) => {
                self.save_state = SaveState::Conflict;
                self.mode = Mode::Conflict;
            }
            Err(SaveError::Io(e)) => {
                self.set_message(format!("{e} — your edits are kept in memory"));
                self.save_state = SaveState::Failed(e);
            }
        }
    }

    /// The edits a save started now would carry.
    pub fn versions(&self) -> Versions {
        Versions {
            all: self.generation,
            data: self.data_generation,
        }
    }

    /// One key: state changed, effects out.
    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.viewport.too_small() {
            let quit = keymap::lookup(&[Context::Global], &key) == Some(Action::Quit);
            return if quit { vec![Effect::Quit] } else { vec![] };
        }
        let before = self.current_question();
        let board_before = self.board_cursor_id();
        let versions = (self.generation, self.data_generation);
        let effects = self.update_inner(key);
        if self.current_question() != before {
            self.detail_scroll = 0;
        }
        if let Some(id) = board_before
            && self.generation != versions.0
        {
            self.follow_gap(&id, self.data_generation != versions.1);
        }
        self.settle_view();
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
        let len = self.board_rows().len();
        self.gap_row = self.gap_row.min(len.saturating_sub(1));
        self.board_offset =
            scroll_window(self.board_offset, self.gap_row, self.viewport.board_rows());
        if self.board_detail && self.board_gap().is_none() {
            self.board_detail = false;
        }
    }

    /// The gap under the board's cursor (the board or meeting view is showing).
    fn board_cursor_id(&self) -> Option<String> {
        (self.tab == Tab::Gaps)
            .then(|| self.board_gap().map(|g| g.id))
            .flatten()
    }

    /// After an edit re-sorted or re-filtered the board, puts the cursor back on the gap
    /// that was edited, so the next key acts on the same gap. A gap that left the view
    /// (closed under a filter, say) leaves the cursor on its neighbour, and says so.
    fn follow_gap(&mut self, id: &str, data_changed: bool) {
        if self.tab != Tab::Gaps {
            return;
        }
        let rows = self.board_rows();
        let gaps = self.gaps();
        if let Some(i) = rows.iter().position(|&r| gaps[r].id == id) {
            self.gap_row = i;
            return;
        }
        self.gap_row = self.gap_row.min(rows.len().saturating_sub(1));
        if data_changed {
            let next = rows
                .get(self.gap_row)
                .map(|&r| format!("the cursor is on {}", gaps[r].id))
                .unwrap_or_else(|| "no gap is left in this view".into());
            let done = self.message.take().unwrap_or_default();
            let sep = if done.is_empty() { "" } else { " — " };
            self.set_message(format!(
                "{done}{sep}{id} is no longer shown with this filter; {next}"
            ));
        }
    }

    /// For bulk edits: how many marked gaps the filter hides (they are edited too).
    fn hidden_marked(&self) -> usize {
        if self.marked.is_empty() {
            return 0;
        }
        let rows = self.board_rows();
        let gaps = self.gaps();
        let shown: std::collections::BTreeSet<&str> =
            rows.iter().map(|&r| gaps[r].id.as_str()).collect();
        self.marked
            .iter()
            .filter(|m| !shown.contains(m.as_str()))
            .count()
    }

    fn bulk_label(&self, n: usize) -> String {
        match self.hidden_marked() {
            0 => format!("{n} marked gaps"),
            h => format!("{n} marked gaps ({h} hidden by the filter, edited too)"),
        }
    }

    fn update_inner(&mut self, key: KeyEvent) -> Vec<Effect> {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Normal => self.normal_key(key),
            Mode::Editor(ed) => self.editor_key(ed, key),
            Mode::Prompt(p) => self.prompt_key(p, key),
            Mode::Search(s) => self.search_key(s, key),
            Mode::Help { scroll } => {
                self.mode = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => Mode::Help { scroll: scroll + 1 },
                    KeyCode::Up | KeyCode::Char('k') => Mode::Help {
                        scroll: scroll.saturating_sub(1),
                    },
                    KeyCode::PageDown => Mode::Help {
                        scroll: scroll + 10,
                    },
                    KeyCode::PageUp => Mode::Help {
                        scroll: scroll.saturating_sub(10),
                    },
                    _ => Mode::Normal,
                };
                vec![]
            }
            Mode::ConfirmQuit => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => vec![Effect::ForceQuit],
                KeyCode::Char('w') | KeyCode::Char('W') => {
                    let name = self
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "workspace.ron".into());
                    let suggestion = std::env::var_os("HOME")
                        .map(|h| PathBuf::from(h).join(&name).display().to_string())
                        .unwrap_or(name);
                    self.open_prompt(PromptKind::SaveAs, String::new(), suggestion);
                    vec![]
                }
                _ => {
                    self.set_message(
                        "not quitting: your edits are still here; Ctrl-s retries the save",
                    );
                    vec![]
                }
            },
            Mode::Library { selected } => self.library_key(selected, key),
            Mode::Export { selected, redact } => {
                let n = crate::exchange::export::ExportFormat::ALL.len();
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.mode = Mode::Export {
                            selected: (selected + 1).min(n - 1),
                            redact,
                        }
                    }
                    KeyCode::Up | KeyCode::Char('k') => {
                        self.mode = Mode::Export {
                            selected: selected.saturating_sub(1),
                            redact,
                        }
                    }
                    KeyCode::Char('r') => {
                        self.mode = Mode::Export {
                            selected,
                            redact: !redact,
                        }
                    }
                    KeyCode::Enter => {
                        return vec![Effect::Export {
                            format: crate::exchange::export::ExportFormat::ALL[selected],
                            redact,
                        }];
                    }
                    KeyCode::Esc => {}
                    _ => self.mode = Mode::Export { selected, redact },
                }
                vec![]
            }
            Mode::RiskForm(form) => self.form_key(form, key),
            Mode::ConfirmDelete(id) => {
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    let actor = self.actor();
                    if let Some(d) = self.ws.delete_risk(&id, &actor) {
                        self.deleted.push(d);
                        self.risk_changed();
                        self.risk_row = self.risk_row.min(self.ws.risks.len().saturating_sub(1));
                        self.set_message(format!("{id} deleted (logged); U undoes"));
                    }
                } else {
                    self.set_message("not deleted");
                }
                vec![]
            }
            Mode::Matrix { likelihood, impact } => {
                let (mut l, mut i) = (likelihood, impact);
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') => l = (l + 1).min(5),
                    KeyCode::Down | KeyCode::Char('j') => l = l.saturating_sub(1).max(1),
                    KeyCode::Right | KeyCode::Char('l') => i = (i + 1).min(5),
                    KeyCode::Left | KeyCode::Char('h') => i = i.saturating_sub(1).max(1),
                    KeyCode::Char('v') => self.residual = !self.residual,
                    _ => return vec![],
                }
                self.mode = Mode::Matrix {
                    likelihood: l,
                    impact: i,
                };
                vec![]
            }
            Mode::Conflict => match key.code {
                KeyCode::Char('k') => vec![Effect::KeepBoth],
                KeyCode::Char('o') => vec![Effect::Overwrite],
                KeyCode::Char('r') => vec![Effect::Reload],
                KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.mode = Mode::Conflict;
                    vec![]
                }
                _ => {
                    self.set_message("file changed on disk: saving paused; Ctrl-s to decide");
                    vec![]
                }
            },
        }
    }

    fn normal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let contexts = self.contexts();
        let Some(action) = keymap::lookup(&contexts, &key) else {
            let all = [
                Context::Gap,
                Context::Board,
                Context::Audit,
                Context::Global,
            ];
            if let Some(a) = keymap::lookup(&all, &key) {
                let what = keymap::BINDINGS
                    .iter()
                    .find(|b| b.action == a)
                    .map(|b| b.help)
                    .unwrap_or("that key");
                let why = if keymap::lookup(&[Context::Gap], &key) == Some(a) {
                    "works on a gap: answer the question No or Partial first"
                } else if keymap::lookup(&[Context::Board], &key) == Some(a) {
                    "works on the gap board (tab 6)"
                } else if keymap::lookup(&[Context::Register], &key) == Some(a) {
                    "works in the risk register (Risk tab, last section)"
                } else {
                    "works in the audit tabs (2-5)"
                };
                self.set_message(format!("{what}: {why}"));
            }
            return vec![];
        };
        self.act(action)
    }

    fn refuse_read_only(&mut self) -> bool {
        if let Some(why) = &self.read_only {
            self.message = Some(format!("read-only: {why}"));
            true
        } else {
            false
        }
    }

    /// Carries out one action from the key table.
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        let edits = matches!(
            action,
            Action::Answer(_)
                | Action::EditNote
                | Action::EditNoteExternal
                | Action::AddEvidence
                | Action::SetOwner
                | Action::SetDue
                | Action::CycleStatus
                | Action::EditPlan
                | Action::SetLikelihood
                | Action::SetImpact
                | Action::AddRisk
                | Action::EditRisk
                | Action::DeleteRisk
                | Action::UndoDelete
                | Action::CycleTreatment
        );
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
            Action::FocusSections => self.set_focus(Focus::Sections),
            Action::FocusQuestions => self.set_focus(Focus::Questions),
            Action::Answer(status) => self.answer(status),
            Action::EditNote => {
                if let Some(v) = self.view_mut()
                    && v.focus == Focus::Sections
                {
                    v.focus = Focus::Questions;
                    return vec![];
                }
                if let Some(q) = self.current_question() {
                    let id = self.catalog.questions[q].id.clone();
                    let text = self.ws.note(&id).to_string();
                    self.open_editor(EditTarget::Note(id), &text);
                }
            }
            Action::EditNoteExternal => {
                if self.encrypted {
                    self.set_message("the workspace is encrypted: an outside editor would need a plain-text file; use e");
                    return vec![];
                }
                if self.redact {
                    self.set_message("redaction is on: R shows notes before editing them");
                    return vec![];
                }
                if let Some(q) = self.current_question() {
                    let id = self.catalog.questions[q].id.clone();
                    let text = self.ws.note(&id).to_string();
                    return vec![Effect::ExternalEditor { id, text }];
                }
            }
            Action::AddEvidence => {
                if let Some(q) = self.current_question() {
                    let id = self.catalog.questions[q].id.clone();
                    self.open_prompt(PromptKind::EvidenceLabel, id, String::new());
                }
            }
            Action::SetOwner => self.gap_prompt(PromptKind::Owner, |r| r.owner.clone()),
            Action::SetDue => self.gap_prompt(PromptKind::Due, |r| {
                r.due.map(|d| d.to_string()).unwrap_or_default()
            }),
            Action::SetLikelihood => self.gap_prompt(PromptKind::Likelihood, |r| {
                r.likelihood.map(|v| v.to_string()).unwrap_or_default()
            }),
            Action::SetImpact => self.gap_prompt(PromptKind::Impact, |r| {
                r.impact.map(|v| v.to_string()).unwrap_or_default()
            }),
            Action::CycleStatus => {
                if let Some(id) = self.current_gap_id() {
                    // Marked rows all take the status after the current row's.
                    let next = self.ws.remediation(&id).status.next();
                    let targets = self.edit_targets();
                    let actor = self.actor();
                    for t in &targets {
                        if self
                            .ws
                            .set_remediation(t, RemediationField::Status(next), &actor)
                        {
                            self.changed_id(t);
                        }
                    }
                    self.set_message(match targets.as_slice() {
                        [one] => format!("{one}: status {next}"),
                        many => format!("{}: status {next}", self.bulk_label(many.len())),
                    });
                }
            }
            Action::OpenDetail => {
                if self.board_gap().is_some() {
                    self.board_detail = true;
                }
            }
            Action::Back => {
                if self.meeting {
                    self.meeting = false;
                } else if self.board_detail {
                    self.board_detail = false;
                } else if !self.marked.is_empty() {
                    self.marked.clear();
                    self.set_message("marks cleared");
                }
            }
            Action::ToggleMark => {
                if let Some(g) = self.board_gap() {
                    if !self.marked.remove(&g.id) {
                        self.marked.insert(g.id.clone());
                    }
                    self.set_message(format!(
                        "{} marked: o, d and s now apply to all of them (Esc clears)",
                        self.marked.len()
                    ));
                    self.move_by(1);
                }
            }
            Action::Filter => {
                let current = self.ws.view.filter.describe();
                self.open_prompt(PromptKind::Filter, "board".into(), current);
            }
            Action::ClearFilters => {
                if !self.ws.view.filter.is_empty() {
                    self.ws.view.filter = GapFilter::default();
                    self.gap_row = 0;
                    self.view_changed();
                }
                self.set_message("filters cleared");
            }
            Action::CycleSort => {
                self.ws.view.sort = self.ws.view.sort.next();
                self.view_changed();
                self.set_message(format!("board ordered by {}", self.ws.view.sort));
            }
            Action::AddRisk => self.mode = Mode::Library { selected: 0 },
            Action::EditRisk => {
                if let Some(r) = self.current_risk() {
                    self.mode = Mode::RiskForm(Box::new(RiskForm::from_entry(r)));
                }
            }
            Action::DeleteRisk => {
                if let Some(r) = self.current_risk() {
                    self.mode = Mode::ConfirmDelete(r.id.clone());
                }
            }
            Action::UndoDelete => match self.deleted.pop() {
                Some((at, entry)) => {
                    let actor = self.actor();
                    let id = entry.id.clone();
                    self.ws.restore_risk(at, entry, &actor);
                    self.risk_row = at.min(self.ws.risks.len().saturating_sub(1));
                    self.risk_changed();
                    self.set_message(format!("{id} restored"));
                }
                None => self.set_message("nothing to undo"),
            },
            Action::CycleTreatment => {
                if let Some(r) = self.current_risk() {
                    let mut e = r.clone();
                    e.treatment = e.treatment.next();
                    let msg = format!("{}: treatment {}", e.id, e.treatment.label());
                    let actor = self.actor();
                    if self.ws.update_risk(e, &actor) {
                        self.risk_changed();
                    }
                    self.set_message(msg);
                }
            }
            Action::MatrixCursor => {
                let (l, i) = self
                    .current_risk()
                    .map(|r| risk::rating(r, self.basis()))
                    .unwrap_or((3, 3));
                self.mode = Mode::Matrix {
                    likelihood: l,
                    impact: i,
                };
            }
            Action::ToggleResidual => {
                self.residual = !self.residual;
                self.set_message(if self.residual {
                    "matrix: residual risk (after treatment targets)"
                } else {
                    "matrix: inherent risk (as rated)"
                });
            }
            Action::Meeting => {
                self.meeting = !self.meeting;
                self.board_detail = false;
            }
            Action::EditPlan => {
                if let Some(id) = self.current_gap_id() {
                    let text = self.ws.remediation(&id).plan;
                    self.open_editor(EditTarget::Plan(id), &text);
                }
            }
            Action::Search => {
                self.mode = Mode::Search(Search::default());
                self.refresh_search();
            }
            Action::ToggleRedact => {
                self.redact = !self.redact;
                self.set_message(if self.redact {
                    "redaction ON: notes and plans are hidden on screen"
                } else {
                    "redaction OFF: notes and plans are visible"
                });
            }
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            // Starts redacted when the screen is: what is hidden stays hidden by default.
            Action::ExportMenu => {
                self.mode = Mode::Export {
                    selected: 0,
                    redact: self.redact,
                }
            }
            Action::Save => {
                if self.read_only.is_some() {
                    self.refuse_read_only();
                    return vec![];
                }
                if self.save_state == SaveState::Conflict {
                    self.mode = Mode::Conflict;
                    return vec![];
                }
                return vec![Effect::SaveNow];
            }
            Action::Quit => return vec![Effect::Quit],
        }
        vec![]
    }

    pub fn tab_index(&self) -> usize {
        TABS.iter().position(|t| *t == self.tab).unwrap_or(0)
    }

    fn go_tab(&mut self, i: usize) {
        if let Some(t) = TABS.get(i) {
            self.tab = *t;
        }
    }

    fn view_mut(&mut self) -> Option<&mut AreaView> {
        match self.tab {
            Tab::Audit(a) => Some(&mut self.views[area_index(a)]),
            _ => None,
        }
    }

    pub fn view(&self, area: Area) -> AreaView {
        self.views[area_index(area)]
    }

    pub fn sections_of(&self, area: Area) -> &[Section] {
        &self.sections[area_index(area)]
    }

    fn set_focus(&mut self, f: Focus) {
        if let Some(v) = self.view_mut() {
            v.focus = f;
        }
    }

    fn move_by(&mut self, delta: isize) {
        let clampi = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.tab {
            Tab::Audit(a) => {
                let i = area_index(a);
                let v = self.views[i];
                let secs = &self.sections[i];
                let mut v2 = v;
                let register = usize::from(a == Area::Risk);
                match v.focus {
                    Focus::Sections => {
                        v2.section = clampi(v.section, secs.len() + register);
                        if v2.section != v.section {
                            v2.row = 0;
                        }
                    }
                    Focus::Questions if v.section >= secs.len() => {
                        self.risk_row = clampi(self.risk_row, self.ws.risks.len());
                    }
                    Focus::Questions => {
                        let len = secs.get(v.section).map_or(0, |s| s.questions.len());
                        v2.row = clampi(v.row, len);
                    }
                }
                self.views[i] = v2;
            }
            Tab::Gaps => {
                let len = self.board_rows().len();
                self.gap_row = clampi(self.gap_row.min(len.saturating_sub(1)), len);
            }
            Tab::Dashboard => {}
        }
    }

    /// After an answer: the next question, on into the next section at a section's end.
    fn advance(&mut self) {
        let Tab::Audit(a) = self.tab else { return };
        let i = area_index(a);
        let secs = &self.sections[i];
        let v = &mut self.views[i];
        let len = secs.get(v.section).map_or(0, |s| s.questions.len());
        if v.row + 1 < len {
            v.row += 1;
        } else if v.section + 1 < secs.len() {
            v.section += 1;
            v.row = 0;
        }
    }

    fn answer(&mut self, status: AnswerStatus) {
        let Some(q) = self.current_question() else {
            return;
        };
        if let Some(v) = self.view_mut()
            && v.focus == Focus::Sections
        {
            v.focus = Focus::Questions;
        }
        let id = self.catalog.questions[q].id.clone();
        let actor = self.actor();
        if self.ws.set_answer(&id, status, &actor) {
            self.changed_id(&id);
        }
        let gap = if status.is_gap() {
            " — a gap now (k goes back to it: o owner, d due)"
        } else {
            ""
        };
        self.set_message(format!("{id}: {}{gap}", status.label()));
        self.advance();
    }

    fn open_editor(&mut self, target: EditTarget, text: &str) {
        if self.redact {
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
        self.mode = Mode::Editor(Box::new(Editor {
            target,
            textarea: ta,
        }));
    }

    /// Writes the open editor's text into the workspace, leaving the editor open: for
    /// Ctrl-s, and for a signal that ends the app while a note is being typed.
    pub fn keep_editor_text(&mut self) -> Option<String> {
        let Mode::Editor(ed) = &self.mode else {
            return None;
        };
        let text = ed.textarea.lines().join("\n").trim_end().to_string();
        let target = ed.target.clone();
        let actor = self.actor();
        let (id, changed) = match &target {
            EditTarget::Note(id) => (id.clone(), self.ws.set_note(id, &text, &actor)),
            EditTarget::Plan(id) => (
                id.clone(),
                self.ws
                    .set_remediation(id, RemediationField::Plan(text), &actor),
            ),
        };
        if changed {
            self.changed_id(&id);
        }
        changed.then_some(id)
    }

    fn editor_key(&mut self, mut ed: Box<Editor>, key: KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Esc {
            let text = ed.textarea.lines().join("\n");
            let text = text.trim_end().to_string();
            if text.len() > crate::domain::workspace::MAX_TEXT {
                self.set_message(format!(
                    "too long to keep: a note holds at most {} KiB; shorten it (Ctrl-z undoes)",
                    crate::domain::workspace::MAX_TEXT / 1024
                ));
                self.mode = Mode::Editor(ed);
                return vec![];
            }
            self.mode = Mode::Editor(ed);
            let kept = self.keep_editor_text();
            self.mode = Mode::Normal;
            if let Some(id) = kept {
                self.set_message(format!("{id}: kept"));
            }
            return vec![];
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('s') {
            // Keep the editor open but make the text durable now.
            self.mode = Mode::Editor(ed);
            self.keep_editor_text();
            return vec![Effect::SaveNow];
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            // The keys people expect, besides the widget's own Ctrl-u / Ctrl-r.
            KeyCode::Char('z') if ctrl => {
                ed.textarea.undo();
            }
            KeyCode::Char('y') if ctrl => {
                ed.textarea.redo();
            }
            _ => {
                ed.textarea.input(key);
            }
        }
        self.mode = Mode::Editor(ed);
        vec![]
    }

    fn gap_prompt(
        &mut self,
        kind: PromptKind,
        current: impl Fn(&crate::domain::workspace::Remediation) -> String,
    ) {
        if let Some(id) = self.current_gap_id() {
            let bulk = self.tab == Tab::Gaps && !self.marked.is_empty();
            let risk = self.ws.risks.iter().find(|r| r.id == id);
            let value = match (&kind, risk) {
                _ if bulk => String::new(),
                (PromptKind::Likelihood, Some(r)) => r.likelihood.to_string(),
                (PromptKind::Impact, Some(r)) => r.impact.to_string(),
                _ => current(&self.ws.remediation(&id)),
            };
            self.open_prompt(kind, id, value);
        }
    }

    fn open_prompt(&mut self, kind: PromptKind, id: String, input: String) {
        self.mode = Mode::Prompt(Prompt {
            kind,
            id,
            input,
            error: None,
        });
    }

    /// Owners that complete what is typed so far.
    pub fn owner_completions(&self, typed: &str) -> Vec<String> {
        let t = typed.trim().to_lowercase();
        self.ws
            .owners()
            .into_iter()
            .filter(|o| o.to_lowercase().starts_with(&t) && o.to_lowercase() != t)
            .collect()
    }

    fn prompt_key(&mut self, mut p: Prompt, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.set_message("cancelled: nothing changed");
                return vec![];
            }
            KeyCode::Enter if p.kind == PromptKind::SaveAs => {
                let v = p.input.trim();
                if v.is_empty() {
                    p.error = Some("type a path (Esc cancels)".into());
                    self.mode = Mode::Prompt(p);
                    return vec![];
                }
                return vec![Effect::SaveAs(PathBuf::from(v))];
            }
            KeyCode::Enter => {
                return match self.accept_prompt(&p) {
                    Ok(next) => {
                        if let Some(next) = next {
                            self.mode = Mode::Prompt(next);
                        }
                        vec![]
                    }
                    Err(e) => {
                        p.error = Some(e);
                        self.mode = Mode::Prompt(p);
                        vec![]
                    }
                };
            }
            KeyCode::Tab if p.kind == PromptKind::Owner => {
                if let Some(first) = self.owner_completions(&p.input).first() {
                    p.input = first.clone();
                }
            }
            KeyCode::Backspace => {
                p.input.pop();
            }
            KeyCode::Char('u') if ctrl => p.input.clear(),
            KeyCode::Char('w') if ctrl => {
                let trimmed = p.input.trim_end().len();
                let cut = p.input[..trimmed].rfind(' ').map_or(0, |i| i + 1);
                p.input.truncate(cut);
            }
            KeyCode::Char(c) if !ctrl => p.input.push(c),
            _ => {}
        }
        p.error = None;
        self.mode = Mode::Prompt(p);
        vec![]
    }

    /// Applies a prompt's value; `Ok(Some(next))` continues a multi-step prompt.
    fn accept_prompt(&mut self, p: &Prompt) -> Result<Option<Prompt>, String> {
        let actor = self.actor();
        let v = p.input.trim();
        let id = p.id.clone();
        let field = match &p.kind {
            // Handled in `prompt_key`: it asks the loop to write the file.
            PromptKind::SaveAs => return Ok(None),
            PromptKind::Filter => {
                self.ws.view.filter = GapFilter::parse(v)?;
                self.gap_row = 0;
                self.view_changed();
                let shown = self.board_rows().len();
                self.set_message(if v.is_empty() {
                    "filters cleared".to_string()
                } else {
                    format!(
                        "filter: {} ({shown} of {} gaps)",
                        self.ws.view.filter.describe(),
                        self.gaps().len()
                    )
                });
                return Ok(None);
            }
            PromptKind::Owner => {
                if v.is_empty() {
                    return Err("an owner needs a name (Esc cancels)".into());
                }
                RemediationField::Owner(v.to_string())
            }
            PromptKind::Due => {
                if v.is_empty() {
                    RemediationField::Due(None)
                } else {
                    RemediationField::Due(Some(dates::parse_due(v, self.today)?))
                }
            }
            PromptKind::Likelihood | PromptKind::Impact if self.is_risk(&id) => {
                // A register entry's own rating changes, not a remediation override.
                let n = match v.parse::<u8>() {
                    Ok(n @ 1..=5) => n,
                    _ => return Err(format!("'{v}' is not 1-5")),
                };
                let Some(mut e) = self.ws.risks.iter().find(|r| r.id == id).cloned() else {
                    return Ok(None);
                };
                if p.kind == PromptKind::Likelihood {
                    e.likelihood = n;
                } else {
                    e.impact = n;
                }
                if self.ws.update_risk(e, &actor) {
                    self.risk_changed();
                }
                self.set_message(format!(
                    "{id}: {} {n}",
                    if p.kind == PromptKind::Likelihood {
                        "likelihood"
                    } else {
                        "impact"
                    }
                ));
                return Ok(None);
            }
            PromptKind::Likelihood | PromptKind::Impact => {
                let n = if v.is_empty() {
                    None
                } else {
                    match v.parse::<u8>() {
                        Ok(n @ 1..=5) => Some(n),
                        _ => return Err(format!("'{v}' is not 1-5")),
                    }
                };
                if p.kind == PromptKind::Likelihood {
                    RemediationField::Likelihood(n)
                } else {
                    RemediationField::Impact(n)
                }
            }
            PromptKind::EvidenceLabel => {
                if v.is_empty() {
                    return Err("name the evidence (Esc cancels)".into());
                }
                return Ok(Some(Prompt {
                    kind: PromptKind::EvidenceLocation {
                        label: v.to_string(),
                    },
                    id,
                    input: String::new(),
                    error: None,
                }));
            }
            PromptKind::EvidenceLocation { label } => {
                return Ok(Some(Prompt {
                    kind: PromptKind::EvidenceDate {
                        label: label.clone(),
                        location: v.to_string(),
                    },
                    id,
                    input: self.today.to_string(),
                    error: None,
                }));
            }
            PromptKind::EvidenceDate { label, location } => {
                let collected = if v.is_empty() {
                    self.today
                } else {
                    dates::parse_date(v)?
                };
                self.ws.add_evidence(
                    &id,
                    EvidenceRef {
                        label: label.clone(),
                        location: location.clone(),
                        collected: Some(collected),
                    },
                    &actor,
                );
                self.changed_id(&id);
                self.set_message(format!("{id}: evidence added"));
                return Ok(None);
            }
        };
        let what = match &field {
            RemediationField::Owner(o) => format!("owner {o}"),
            RemediationField::Due(Some(d)) => format!("due {d}"),
            RemediationField::Due(None) => "due date cleared".into(),
            RemediationField::Status(s) => format!("status {s}"),
            RemediationField::Plan(_) => "plan saved".into(),
            RemediationField::Likelihood(Some(n)) => format!("likelihood {n}"),
            RemediationField::Impact(Some(n)) => format!("impact {n}"),
            RemediationField::Likelihood(None) => {
                "likelihood back to the question's default".into()
            }
            RemediationField::Impact(None) => "impact back to the question's default".into(),
        };
        let targets = if self.tab == Tab::Gaps && !self.marked.is_empty() {
            self.marked.iter().cloned().collect()
        } else {
            vec![id.clone()]
        };
        for t in &targets {
            if self.ws.set_remediation(t, field.clone(), &actor) {
                self.changed_id(t);
            }
        }
        if targets.len() > 1 {
            self.set_message(format!(
                "{}: {}",
                self.bulk_label(targets.len()),
                what.to_lowercase()
            ));
            return Ok(None);
        }
        let r = self.ws.remediation(&id);
        self.set_message(match p.kind {
            PromptKind::Owner => format!("{id}: owner {}", r.owner),
            PromptKind::Due => format!(
                "{id}: due {}",
                r.due
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "cleared".into())
            ),
            _ => format!("{id}: {what}"),
        });
        Ok(None)
    }

    fn refresh_search(&mut self) {
        let Mode::Search(s) = &mut self.mode else {
            return;
        };
        let words: Vec<String> = s.query.split_whitespace().map(str::to_lowercase).collect();
        let ws = &self.ws;
        let redact = self.redact;
        s.results = self
            .catalog
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| {
                if words.is_empty() {
                    return false;
                }
                let note = if redact {
                    String::new()
                } else {
                    ws.note(&q.id).to_lowercase()
                };
                words.iter().all(|w| {
                    q.id.to_lowercase().contains(w)
                        || q.prompt.to_lowercase().contains(w)
                        || q.section.to_lowercase().contains(w)
                        || q.references
                            .iter()
                            .any(|r| r.to_lowercase().starts_with(w.as_str()))
                        || q.tags.iter().any(|t| t == w)
                        || note.contains(w)
                })
            })
            .map(|(i, _)| i)
            .collect();
        s.selected = s.selected.min(s.results.len().saturating_sub(1));
    }

    fn search_key(&mut self, mut s: Search, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => return vec![],
            KeyCode::Enter => {
                if let Some(&qi) = s.results.get(s.selected) {
                    self.jump_to(qi);
                } else {
                    self.set_message("no question matches");
                }
                return vec![];
            }
            KeyCode::Down => s.selected = (s.selected + 1).min(s.results.len().saturating_sub(1)),
            KeyCode::Up => s.selected = s.selected.saturating_sub(1),
            KeyCode::Backspace => {
                s.query.pop();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => s.query.clear(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => s.query.push(c),
            _ => {}
        }
        self.mode = Mode::Search(s);
        self.refresh_search();
        vec![]
    }

    /// Moves the cursor to a question, switching tab and section.
    pub fn jump_to(&mut self, qi: usize) {
        let q = &self.catalog.questions[qi];
        let a = q.area();
        let i = area_index(a);
        for (si, s) in self.sections[i].iter().enumerate() {
            if let Some(row) = s.questions.iter().position(|&x| x == qi) {
                self.views[i] = AreaView {
                    section: si,
                    row,
                    focus: Focus::Questions,
                };
            }
        }
        self.tab = Tab::Audit(a);
        self.set_message(format!("{}: {}", q.id, q.section));
    }

    /// The text an external editor returned.
    pub fn apply_external_note(&mut self, id: &str, text: &str) {
        let actor = self.actor();
        if self.ws.set_note(id, text.trim_end(), &actor) {
            self.changed_id(id);
            self.set_message(format!("{id}: note updated from the editor"));
        } else {
            self.set_message(format!("{id}: note unchanged"));
        }
    }

    /// Answered and total questions of one section.
    pub fn section_progress(&self, s: &Section) -> (usize, usize) {
        let answered = s
            .questions
            .iter()
            .filter(|&&i| self.ws.status(&self.catalog.questions[i].id) != AnswerStatus::Unanswered)
            .count();
        (answered, s.questions.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workspace::RemediationStatus;

    fn app() -> App {
        let c = Catalog::builtin();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let ws = Workspace::new("Acme", "Ana", c, today);
        App::new(c, ws, PathBuf::from("t.ron"), today, "tester")
    }
    fn k(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }
    fn code(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }
    fn typed(app: &mut App, s: &str) {
        for c in s.chars() {
            app.update(k(c));
        }
    }
    fn first_privacy_id(app: &App) -> String {
        app.catalog
            .in_area(Area::Privacy)
            .next()
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn answering_records_and_moves_to_the_next_question() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('n'));
        assert_eq!(a.ws.status(&id), AnswerStatus::No);
        assert_eq!(
            a.ws.answers[&id].by, "Ana",
            "the workspace's assessor is the actor"
        );
        assert_eq!(a.view(Area::Privacy).row, 1);
        assert!(a.dirty());
        a.update(k('k'));
        assert_eq!(a.current_gap_id(), Some(id));
    }

    #[test]
    fn answering_the_last_question_of_a_section_moves_into_the_next() {
        let mut a = app();
        let n = a.sections_of(Area::Privacy)[0].questions.len();
        for _ in 0..n {
            a.update(k('y'));
        }
        assert_eq!(
            (a.view(Area::Privacy).section, a.view(Area::Privacy).row),
            (1, 0)
        );
    }

    #[test]
    fn note_is_kept_after_esc() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('e'));
        typed(&mut a, "line one");
        a.update(code(KeyCode::Enter));
        typed(&mut a, "line two");
        a.update(code(KeyCode::Esc));
        assert!(matches!(a.mode, Mode::Normal));
        assert_eq!(a.ws.note(&id), "line one\nline two");
    }

    #[test]
    fn bad_due_date_is_refused_and_nothing_changes() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('n'));
        a.update(k('k'));
        a.update(k('d'));
        typed(&mut a, "2026-13-45");
        a.update(code(KeyCode::Enter));
        let Mode::Prompt(p) = &a.mode else {
            panic!("prompt closed")
        };
        assert!(p.error.as_deref().unwrap().contains("2026-13-45"));
        assert_eq!(a.ws.remediation(&id).due, None);
        a.update(code(KeyCode::Esc));
        assert_eq!(a.ws.remediation(&id).due, None);
        a.update(k('d'));
        typed(&mut a, "+2w");
        a.update(code(KeyCode::Enter));
        assert_eq!(
            a.ws.remediation(&id).due,
            NaiveDate::from_ymd_opt(2026, 12, 12)
        );
    }

    #[test]
    fn empty_owner_is_refused_and_completion_fills_known_owners() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('n'));
        a.update(k('k'));
        a.update(k('o'));
        a.update(code(KeyCode::Enter));
        assert!(matches!(&a.mode, Mode::Prompt(p) if p.error.is_some()));
        typed(&mut a, "Dana Lee");
        a.update(code(KeyCode::Enter));
        assert_eq!(a.ws.remediation(&id).owner, "Dana Lee");
        a.update(k('j'));
        a.update(k('n'));
        a.update(k('k'));
        a.update(k('o'));
        typed(&mut a, "da");
        a.update(code(KeyCode::Tab));
        a.update(code(KeyCode::Enter));
        let id2 = a.current_gap_id().unwrap();
        assert_eq!(a.ws.remediation(&id2).owner, "Dana Lee");
    }

    #[test]
    fn gap_keys_on_a_non_gap_explain_themselves() {
        let mut a = app();
        a.update(k('o'));
        assert!(matches!(a.mode, Mode::Normal));
        assert!(a.message.as_deref().unwrap().contains("No or Partial"));
    }

    #[test]
    fn status_cycles_on_the_board() {
        let mut a = app();
        a.update(k('n'));
        a.update(k('6'));
        a.update(k('s'));
        let id = a.current_gap_id().unwrap();
        assert_eq!(a.ws.remediation(&id).status, RemediationStatus::InProgress);
    }

    #[test]
    fn quit_asks_the_loop_to_save_first() {
        let mut a = app();
        assert_eq!(a.update(k('q')), vec![Effect::Quit]);
        let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(a.update(ev), vec![Effect::Quit]);
    }

    #[test]
    fn search_finds_references_and_jumps_across_tabs() {
        let mut a = app();
        a.update(k('/'));
        typed(&mut a, "164.312(a)(2)(iv)");
        let Mode::Search(s) = &a.mode else { panic!() };
        assert!(!s.results.is_empty());
        let want = s.results[0];
        a.update(code(KeyCode::Enter));
        assert_eq!(a.current_question(), Some(want));
        assert_eq!(a.tab, Tab::Audit(a.catalog.questions[want].area()));
        let areas: std::collections::BTreeSet<Area> = s_results(&mut a, "164.312(a)(2)(iv)")
            .iter()
            .map(|&i| a.catalog.questions[i].area())
            .collect();
        assert!(areas.contains(&Area::Nist), "{areas:?}");
    }

    fn s_results(a: &mut App, q: &str) -> Vec<usize> {
        a.update(k('/'));
        typed(a, q);
        let Mode::Search(s) = &a.mode else { panic!() };
        let r = s.results.clone();
        a.update(code(KeyCode::Esc));
        r
    }

    #[test]
    fn search_finds_note_text() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('e'));
        typed(&mut a, "binder in the back office");
        a.update(code(KeyCode::Esc));
        a.update(k('3'));
        a.update(k('/'));
        typed(&mut a, "binder");
        a.update(code(KeyCode::Enter));
        assert_eq!(
            a.current_question()
                .map(|q| a.catalog.questions[q].id.clone()),
            Some(id)
        );
    }

    #[test]
    fn read_only_refuses_edits() {
        let mut a = app();
        a.read_only = Some("this workspace is open in pid 1 on h".into());
        a.update(k('y'));
        assert!(a.ws.answers.is_empty());
        assert!(a.message.as_deref().unwrap().contains("read-only"));
        assert!(!a.dirty());
    }

    #[test]
    fn evidence_reference_takes_three_steps() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('a'));
        typed(&mut a, "Policy v3");
        a.update(code(KeyCode::Enter));
        typed(&mut a, "SharePoint");
        a.update(code(KeyCode::Enter));
        a.update(code(KeyCode::Enter));
        let ev = &a.ws.answers[&id].evidence[0];
        assert_eq!(
            (ev.label.as_str(), ev.location.as_str()),
            ("Policy v3", "SharePoint")
        );
        assert_eq!(ev.collected, Some(a.today));
    }

    #[test]
    fn the_patched_board_equals_a_fresh_derivation() {
        let mut a = app();
        let ids: Vec<String> = a
            .catalog
            .in_area(Area::Privacy)
            .take(6)
            .map(|q| q.id.clone())
            .collect();
        let _ = a.gaps();
        let script = "npnynx";
        for c in script.chars() {
            a.update(k(c));
            assert_eq!(*a.gaps(), gaps::derive(a.catalog, &a.ws), "after {c}");
        }
        a.update(k('g'));
        a.update(k('y'));
        a.update(k('6'));
        a.update(k('s'));
        a.update(k('o'));
        typed(&mut a, "Bo");
        a.update(code(KeyCode::Enter));
        assert_eq!(*a.gaps(), gaps::derive(a.catalog, &a.ws));
        a.update(k('2'));
        a.update(k('k'));
        a.update(k('n'));
        assert_eq!(*a.gaps(), gaps::derive(a.catalog, &a.ws));
        assert!(a.gaps().iter().all(|g| ids.contains(&g.id)));
    }

    fn board_app() -> App {
        let mut a = app();
        for _ in 0..4 {
            a.update(k('n'));
        }
        a.update(k('6'));
        a
    }

    /// The statuses of every gap, to prove which ones a key changed.
    fn statuses(a: &App) -> Vec<(String, RemediationStatus)> {
        a.gaps()
            .iter()
            .map(|g| (g.id.clone(), a.ws.remediation(&g.id).status))
            .collect()
    }

    #[test]
    fn s_four_times_changes_only_the_gap_under_the_cursor_whatever_re_sorts() {
        for meeting in [false, true] {
            let mut a = board_app();
            // Ordered by status: every press moves the gap to another place in the list.
            a.ws.view.sort = crate::domain::board::GapSort::Status;
            a.touch();
            a.update(code(KeyCode::Down));
            if meeting {
                a.update(k('M'));
                assert!(a.meeting);
            }
            let id = a.current_gap_id().unwrap();
            let before = statuses(&a);
            for _ in 0..4 {
                a.update(k('s'));
                assert_eq!(a.current_gap_id().as_deref(), Some(id.as_str()));
            }
            let after = statuses(&a);
            for ((gid, b), (_, n)) in before.iter().zip(&after) {
                if *gid != id {
                    assert_eq!(b, n, "{gid} changed too (meeting {meeting})");
                }
            }
            assert_eq!(
                a.ws.remediation(&id).status,
                RemediationStatus::Open,
                "full cycle"
            );
        }
    }

    #[test]
    fn a_gap_leaving_the_filter_leaves_the_cursor_on_its_neighbour_with_a_message() {
        let mut a = board_app();
        a.ws.view.filter = crate::domain::board::GapFilter::parse("status:open").unwrap();
        a.touch();
        let rows_before = a.board_rows().len();
        let id = a.current_gap_id().unwrap();
        a.update(k('s'));
        assert_eq!(a.board_rows().len(), rows_before - 1);
        let now = a.current_gap_id().unwrap();
        assert_ne!(now, id);
        let m = a.message.clone().unwrap();
        assert!(m.contains(&id) && m.contains("no longer shown"), "{m}");
        assert!(m.contains(&now), "{m}");
    }

    #[test]
    fn bulk_edits_say_when_marked_gaps_are_hidden_by_the_filter() {
        let mut a = board_app();
        a.update(k(' '));
        a.update(k(' '));
        let marked: Vec<String> = a.marked.iter().cloned().collect();
        assert_eq!(marked.len(), 2);
        // Hide the first marked gap behind an owner filter.
        a.ws.set_remediation(&marked[1], RemediationField::Owner("Bo".into()), &a.actor());
        a.touch();
        a.ws.view.filter = crate::domain::board::GapFilter::parse("owner:Bo").unwrap();
        a.touch();
        a.gap_row = 0;
        a.update(k('s'));
        let m = a.message.clone().unwrap();
        assert!(m.contains("1 hidden by the filter"), "{m}");
        for id in &marked {
            assert_eq!(a.ws.remediation(id).status, RemediationStatus::InProgress);
        }
    }

    #[test]
    fn board_filter_prompt_applies_refuses_bad_input_and_clears() {
        let mut a = board_app();
        a.update(k('o'));
        typed(&mut a, "Bo");
        a.update(code(KeyCode::Enter));
        a.update(k('f'));
        typed(&mut a, "status:maybe");
        a.update(code(KeyCode::Enter));
        assert!(
            matches!(&a.mode, Mode::Prompt(p) if p.error.is_some()),
            "bad filter refused in place"
        );
        a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut a, "owner:bo");
        a.update(code(KeyCode::Enter));
        assert_eq!(a.board_rows().len(), 1);
        assert_eq!(
            a.ws.view.filter.owner.as_deref(),
            Some("bo"),
            "kept in the workspace"
        );
        a.update(k('F'));
        assert_eq!(a.board_rows().len(), 4);
        assert!(a.ws.view.filter.is_empty());
    }

    #[test]
    fn sort_cycles_and_is_saved_with_the_workspace() {
        let mut a = board_app();
        let before = a.generation;
        a.update(k('O'));
        assert_eq!(a.ws.view.sort, board::GapSort::Risk);
        assert!(a.generation > before, "a view change is saved");
    }

    #[test]
    fn marked_rows_take_owner_due_and_status_together() {
        let mut a = board_app();
        a.update(k(' '));
        a.update(k(' '));
        a.update(k(' '));
        assert_eq!(a.marked.len(), 3);
        a.update(k('o'));
        typed(&mut a, "Team IT");
        a.update(code(KeyCode::Enter));
        a.update(k('d'));
        typed(&mut a, "+30d");
        a.update(code(KeyCode::Enter));
        a.update(k('k'));
        a.update(k('s'));
        let owned: Vec<String> =
            a.ws.remediation
                .iter()
                .filter(|(_, r)| r.owner == "Team IT")
                .map(|(id, _)| id.clone())
                .collect();
        assert_eq!(owned.len(), 3);
        for id in &owned {
            let r = a.ws.remediation(id);
            assert_eq!(r.due, NaiveDate::from_ymd_opt(2026, 12, 28));
            assert_eq!(r.status, RemediationStatus::InProgress);
        }
        a.update(code(KeyCode::Esc));
        assert!(a.marked.is_empty(), "Esc clears the marks");
    }

    #[test]
    fn detail_and_meeting_open_and_close() {
        let mut a = board_app();
        a.update(code(KeyCode::Enter));
        assert!(a.board_detail);
        a.update(k('s'));
        assert_eq!(
            a.ws.remediation(&a.current_gap_id().unwrap()).status,
            RemediationStatus::InProgress
        );
        a.update(code(KeyCode::Esc));
        assert!(!a.board_detail);
        a.update(k('M'));
        assert!(a.meeting);
        a.update(k('j'));
        assert_eq!(a.gap_row, 1);
        a.update(code(KeyCode::Esc));
        assert!(!a.meeting);
    }

    #[test]
    fn answering_yes_takes_a_gap_off_the_board() {
        let mut a = board_app();
        let id = first_privacy_id(&a);
        assert!(a.board_rows().iter().any(|&i| a.gaps()[i].id == id));
        a.update(k('2'));
        a.update(k('g'));
        a.update(k('y'));
        a.update(k('6'));
        assert!(a.board_rows().iter().all(|&i| a.gaps()[i].id != id));
        assert_eq!(a.board_rows().len(), 3);
    }

    fn register_app() -> App {
        let mut a = app();
        a.update(k('5'));
        a.update(k('h'));
        a.update(k('G'));
        a.update(k('l'));
        assert!(a.register_open());
        a
    }

    #[test]
    fn a_risk_from_the_library_is_rated_and_reaches_the_board_until_accepted() {
        let mut a = register_app();
        a.update(k('A'));
        a.update(k('j'));
        a.update(code(KeyCode::Enter));
        assert!(matches!(a.mode, Mode::RiskForm(_)));
        a.update(code(KeyCode::Enter));
        assert_eq!(a.ws.risks.len(), 1);
        let id = a.ws.risks[0].id.clone();
        assert_eq!(a.ws.risks[0].title, risk::library()[0].title);
        a.update(k('L'));
        a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut a, "4");
        a.update(code(KeyCode::Enter));
        a.update(k('I'));
        a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut a, "5");
        a.update(code(KeyCode::Enter));
        assert_eq!((a.ws.risks[0].likelihood, a.ws.risks[0].impact), (4, 5));
        assert_eq!(risk::matrix(&a.ws, risk::Basis::Inherent)[3][4], 1);
        assert!(a.gaps().iter().any(|g| g.id == id), "on the board");
        a.update(k('t'));
        assert_eq!(a.ws.risks[0].treatment, Treatment::Accept);
        assert!(
            !a.gaps().iter().any(|g| g.id == id),
            "accepted: off the board"
        );
        assert_eq!(a.ws.risks.len(), 1, "still in the register");
    }

    #[test]
    fn the_risk_form_refuses_bad_values_and_esc_changes_nothing() {
        let mut a = register_app();
        a.update(k('A'));
        a.update(code(KeyCode::Enter));
        a.update(code(KeyCode::Enter));
        let Mode::RiskForm(f) = &a.mode else {
            panic!("form closed")
        };
        assert_eq!(f.field, 0, "a blank entry needs a title");
        assert!(f.error.is_some());
        typed(&mut a, "Tailgating into the records room");
        for _ in 0..11 {
            a.update(code(KeyCode::Tab));
        }
        typed(&mut a, "NOPE-XX-01");
        a.update(code(KeyCode::Enter));
        let Mode::RiskForm(f) = &a.mode else {
            panic!("form closed")
        };
        assert_eq!(f.field, 11);
        assert!(f.error.as_deref().unwrap().contains("NOPE-XX-01"));
        a.update(code(KeyCode::Esc));
        assert!(a.ws.risks.is_empty());
    }

    #[test]
    fn delete_asks_first_and_undo_restores() {
        let mut a = register_app();
        a.update(k('A'));
        a.update(k('j'));
        a.update(code(KeyCode::Enter));
        a.update(code(KeyCode::Enter));
        a.update(k('D'));
        a.update(k('n'));
        assert_eq!(a.ws.risks.len(), 1, "anything but y keeps it");
        a.update(k('D'));
        a.update(k('y'));
        assert!(a.ws.risks.is_empty());
        a.update(k('U'));
        assert_eq!(a.ws.risks.len(), 1);
        let fields: Vec<&str> = a.ws.log.iter().map(|c| c.new.as_str()).collect();
        assert!(fields.contains(&"deleted"));
        assert!(fields.iter().any(|f| f.starts_with("restored")));
    }

    #[test]
    fn the_matrix_cursor_moves_within_the_grid() {
        let mut a = register_app();
        a.update(k('m'));
        assert!(matches!(
            a.mode,
            Mode::Matrix {
                likelihood: 3,
                impact: 3
            }
        ));
        for _ in 0..9 {
            a.update(k('k'));
            a.update(k('l'));
        }
        assert!(matches!(
            a.mode,
            Mode::Matrix {
                likelihood: 5,
                impact: 5
            }
        ));
        a.update(code(KeyCode::Esc));
        assert!(matches!(a.mode, Mode::Normal));
    }

    #[test]
    fn keys_wait_while_the_window_is_too_small() {
        let mut a = app();
        a.resize(40, 10);
        a.update(k('n'));
        a.update(k('e'));
        assert!(a.ws.answers.is_empty());
        assert!(matches!(a.mode, Mode::Normal));
        assert_eq!(a.update(k('q')), vec![Effect::Quit]);
    }

    #[test]
    fn redaction_blocks_note_editing_and_note_search() {
        let mut a = app();
        a.update(k('e'));
        typed(&mut a, "patient Jane Roe");
        a.update(code(KeyCode::Esc));
        a.update(k('R'));
        a.update(k('e'));
        assert!(matches!(a.mode, Mode::Normal), "no hidden editing");
        assert_eq!(a.update(k('E')), vec![], "nor in the outside editor");
        assert!(
            s_results(&mut a, "Roe").is_empty(),
            "search does not reveal hidden notes"
        );
    }

    #[test]
    fn the_editor_undoes_with_ctrl_z_and_keeps_pasted_line_breaks() {
        let mut a = app();
        let id = first_privacy_id(&a);
        a.update(k('e'));
        a.paste("first\rsecond\r\nthird");
        typed(&mut a, "X");
        a.update(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        a.update(code(KeyCode::Esc));
        assert_eq!(a.ws.note(&id), "first\nsecond\nthird");
    }

    #[test]
    fn messages_use_plain_words() {
        let mut a = app();
        a.update(k('o'));
        let m = a.message.clone().unwrap();
        assert!(m.starts_with("set the owner"), "{m}");
        assert!(!m.contains("SetOwner"));
    }

    #[test]
    fn the_export_menu_chooses_a_format_and_redaction() {
        let mut a = app();
        a.update(k('X'));
        a.update(k('j'));
        a.update(k('r'));
        assert_eq!(
            a.update(code(KeyCode::Enter)),
            vec![Effect::Export {
                format: crate::exchange::export::ExportFormat::Html,
                redact: true
            }]
        );
        a.update(k('R'));
        a.update(k('X'));
        assert!(
            matches!(a.mode, Mode::Export { redact: true, .. }),
            "redacted screen, redacted export"
        );
    }

    #[test]
    fn tabs_cycle_and_jump() {
        let mut a = app();
        a.update(k('1'));
        assert_eq!(a.tab, Tab::Dashboard);
        a.update(code(KeyCode::BackTab));
        assert_eq!(a.tab, Tab::Gaps);
        a.update(code(KeyCode::Tab));
        assert_eq!(a.tab, Tab::Dashboard);
    }

    #[test]
    fn sections_pane_moves_between_sections() {
        let mut a = app();
        a.update(k('h'));
        a.update(k('j'));
        assert_eq!(a.view(Area::Privacy).section, 1);
        a.update(k('l'));
        a.update(k('j'));
        assert_eq!(a.view(Area::Privacy).row, 1);
        a.update(k('G'));
        let len = a.sections_of(Area::Privacy)[1].questions.len();
        assert_eq!(a.view(Area::Privacy).row, len - 1);
    }
}

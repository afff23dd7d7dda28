//! The one key table: dispatch, the `?` help, the key bar, the read-only refusals and the
//! "works elsewhere" hint all read it. One row a line: context, keys, action, whether it
//! edits the workspace, its help, its key-bar text.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::workspace::AnswerStatus;

/// Where the cursor is, which decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere in normal mode.
    Global,
    /// An audit tab (Privacy, Administrative, NIST, Risk).
    Audit,
    /// A question answered No or Partial, or a row of the board.
    Gap,
    /// The Gaps tab (the board), its detail view and meeting mode.
    Board,
    /// The risk register: the last section of the Risk tab.
    Register,
    /// The business associates: the last section of the Administrative tab.
    Vendors,
    /// The ePHI inventory: the Risk tab's section before the register.
    Inventory,
    /// The evidence items of a question or vendor (`b`).
    EvidenceList,
    /// The cursor on the 5x5 matrix (`m` in the register).
    Matrix,
    /// A one-line prompt (owner, due date, filter, ...).
    Prompt,
    /// The note and plan editor.
    Editor,
    /// The `/` search.
    Search,
    /// A form: a register entry, a gap's remediation, the engagement.
    Form,
    /// The threat library a new register entry starts from.
    Library,
    /// The export menu (`X`).
    Export,
    /// Quitting after a failed save.
    ConfirmQuit,
    /// Deleting a register entry.
    ConfirmDelete,
    /// The file changed on disk since it was loaded.
    Conflict,
    /// The merge conflicts a workspace holds (`C`).
    MergeConflicts,
    /// This help.
    Help,
}

impl Context {
    /// A modal screen's keys replace the normal ones (Global does not apply there).
    pub fn is_modal(self) -> bool {
        !matches!(
            self,
            Context::Global
                | Context::Audit
                | Context::Gap
                | Context::Board
                | Context::Register
                | Context::Vendors
                | Context::Inventory
        )
    }

    /// Every context, in the order help lists them.
    pub const ALL: [Context; 20] = [
        Context::Global,
        Context::Audit,
        Context::Gap,
        Context::Board,
        Context::Inventory,
        Context::Register,
        Context::Vendors,
        Context::EvidenceList,
        Context::Matrix,
        Context::Prompt,
        Context::Editor,
        Context::Search,
        Context::Form,
        Context::Library,
        Context::Export,
        Context::ConfirmQuit,
        Context::ConfirmDelete,
        Context::Conflict,
        Context::MergeConflicts,
        Context::Help,
    ];
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Audit => "Audit tabs",
            Context::Gap => "On a gap (No/Partial answer, or a board row)",
            Context::Board => "Gap board (tab 6)",
            Context::Register => "Risk register (Risk tab, last section)",
            Context::Vendors => "Business associates (Administrative tab, last section)",
            Context::Inventory => "ePHI inventory and data flows (Risk tab, before the register)",
            Context::EvidenceList => "Evidence items (b on a question or vendor)",
            Context::Matrix => "Matrix cursor (m in the register)",
            Context::Prompt => "Prompts (owner, due date, filter, evidence, ...)",
            Context::Editor => "Note and plan editor (e, r)",
            Context::Search => "Search (/)",
            Context::Form => {
                "Forms (register entry, remediation w, acceptance Z, engagement i, evidence a, vendor, asset, flow)"
            }
            Context::Library => "Threat library (A in the register)",
            Context::Export => "Export menu (X)",
            Context::ConfirmQuit => "Quit after a failed save",
            Context::ConfirmDelete => "Delete a register entry or a vendor",
            Context::Conflict => "The file changed on disk",
            Context::MergeConflicts => "Merge conflicts (C)",
            Context::Help => "This help (?)",
        }
    }
}

impl Context {
    /// Where a key of this context works, for the hint when it is pressed elsewhere.
    pub fn place(self) -> &'static str {
        match self {
            Context::Gap => "works on a gap: answer the question No or Partial first",
            Context::Board => "works on the gap board (tab 6)",
            Context::Register => "works in the risk register (Risk tab, last section)",
            Context::Vendors => {
                "works in the business associates (Administrative tab, last section)"
            }
            Context::Inventory => "works in the ePHI inventory (Risk tab, before the register)",
            _ => "works in the audit tabs (2-5)",
        }
    }
}

/// Everything a key can ask the app to do in normal mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextTab,
    PrevTab,
    GoTab(usize),
    Down,
    Up,
    PageDown,
    PageUp,
    First,
    Last,
    FocusSections,
    FocusQuestions,
    ScrollDetail(i16),
    Answer(AnswerStatus),
    EditNote,
    EditNoteExternal,
    AddEvidence,
    /// The evidence items of the question or vendor: add, edit, remove.
    EvidenceList,
    EditEvidence,
    RemoveEvidence,
    UndoRemoveEvidence,
    AddVendor,
    EditVendor,
    DeleteVendor,
    UndoDeleteVendor,
    SetOwner,
    SetDue,
    CycleStatus,
    EditPlan,
    SetLikelihood,
    SetImpact,
    Search,
    OpenDetail,
    Back,
    ToggleMark,
    Filter,
    ClearFilters,
    CycleSort,
    Meeting,
    AddRisk,
    /// The inventory's keys: add an asset or a flow, edit, delete and undo the row, a risk
    /// for the asset from the library, "no significant risk, because".
    AddAsset,
    AddFlow,
    EditInventory,
    DeleteInventory,
    UndoInventory,
    RiskForAsset,
    NoSignificantRisk,
    /// Accept the risk of a gap or register entry: who, role, date, rationale, review-by.
    AcceptRisk,
    /// Management's response to the finding the gap belongs to.
    Response,
    /// Ctrl-t in the risk form: the library's hint into the field, to edit.
    TakeHint,
    EditRisk,
    DeleteRisk,
    UndoDelete,
    CycleTreatment,
    MatrixCursor,
    ToggleResidual,
    ToggleRedact,
    /// `]` / `[`: the next / previous unanswered question, across sections and tabs.
    NextUnanswered,
    PrevUnanswered,
    /// The engagement's details (client, site, scope, assessor, fieldwork dates).
    EngagementForm,
    /// One form with every remediation field of a gap.
    GapForm,
    /// A comment or decision on the gap's thread.
    Comment,
    /// Marks every visible board row (or clears them when all are marked).
    MarkVisible,
    /// `P`: the marked gaps (or the cursor's) into a new or an existing project.
    GroupProject,
    /// The merge conflicts view, and its three answers.
    MergeConflictsView,
    KeepOurs,
    TakeTheirs,
    EditConflict,
    ExportMenu,
    Help,
    Save,
    MakePrivate,
    Quit,
    // Keys of the modal screens.
    /// Enter in a menu, prompt, form or search: accept / choose.
    Accept,
    /// Esc: close, cancel, leave.
    Close,
    /// Tab in the owner prompt: complete a known owner.
    Complete,
    /// Next / previous field of a form.
    NextField,
    PrevField,
    /// `r` in the export menu: notes and plans left out, or in.
    ToggleExportRedaction,
    /// `y`: yes (quit without the edits, delete the entry).
    Yes,
    /// `w` after a failed save: write the edits to another file.
    SaveElsewhere,
    /// The three answers to an outside change.
    KeepBoth,
    Overwrite,
    Reload,
    /// Moves on the matrix: likelihood up/down, impact right/left.
    CellUp,
    CellDown,
    CellRight,
    CellLeft,
    /// Keys the editor and text inputs handle themselves (listed in help only).
    Typing,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::BackTab) => "Shift-Tab".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::Home) => "Home".into(),
            Key::Code(KeyCode::End) => "End".into(),
            Key::Code(c) => format!("{c:?}"),
        }
    }

    /// True when this table key is the pressed key. Shift is part of a character's case, so
    /// it is ignored for characters.
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (self, ev.code) {
            (Key::Char(c), KeyCode::Char(k)) => {
                !ctrl && !ev.modifiers.contains(KeyModifiers::ALT) && c == k
            }
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl && c.eq_ignore_ascii_case(&k),
            (Key::Code(c), k) => !ctrl && c == k,
            _ => false,
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// The key changes the workspace: refused, with the reason, when it is read-only.
    pub edits: bool,
    /// What the `?` screen says the key does.
    pub help: &'static str,
    /// What the key bar shows for it (keys included), when it is worth a place there.
    pub bar: Option<&'static str>,
}

use Action as A;
use Context as C;
use Key as K;

const EDIT: bool = true;
const VIEW: bool = false;
const TAB: Key = K::Code(KeyCode::Tab);
const BACKTAB: Key = K::Code(KeyCode::BackTab);
const ENTER: Key = K::Code(KeyCode::Enter);
const ESC: Key = K::Code(KeyCode::Esc);
const DOWN: Key = K::Code(KeyCode::Down);
const UP: Key = K::Code(KeyCode::Up);
const LEFT: Key = K::Code(KeyCode::Left);
const RIGHT: Key = K::Code(KeyCode::Right);
const PGDN: Key = K::Code(KeyCode::PageDown);
const PGUP: Key = K::Code(KeyCode::PageUp);
const HOME: Key = K::Code(KeyCode::Home);
const END: Key = K::Code(KeyCode::End);

const fn c(ch: char) -> Key {
    K::Char(ch)
}

const fn ctrl(ch: char) -> Key {
    K::Ctrl(ch)
}

const fn r(
    context: Context,
    keys: &'static [Key],
    action: Action,
    edits: bool,
    help: &'static str,
    bar: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        edits,
        help,
        bar,
    }
}

/// The key table: one row a key and context. Help (`?`), the key bar, the read-only
/// refusals and the "works elsewhere" hint all read it.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // context, keys, action, whether it edits the workspace, the ? help, the key bar
    r(C::Global,         &[TAB],                    A::NextTab,                             VIEW, "next tab", None),
    r(C::Global,         &[BACKTAB],                A::PrevTab,                             VIEW, "previous tab", None),
    r(C::Global,         &[c('1')],                 A::GoTab(0),                            VIEW, "Dashboard", None),
    r(C::Global,         &[c('2')],                 A::GoTab(1),                            VIEW, "Privacy", None),
    r(C::Global,         &[c('3')],                 A::GoTab(2),                            VIEW, "Administrative", None),
    r(C::Global,         &[c('4')],                 A::GoTab(3),                            VIEW, "NIST", None),
    r(C::Global,         &[c('5')],                 A::GoTab(4),                            VIEW, "Risk", None),
    r(C::Global,         &[c('6')],                 A::GoTab(5),                            VIEW, "Gaps", None),
    r(C::Global,         &[DOWN, c('j')],           A::Down,                                VIEW, "move down", None),
    r(C::Global,         &[UP, c('k')],             A::Up,                                  VIEW, "move up", None),
    r(C::Global,         &[PGDN],                   A::PageDown,                            VIEW, "page down", None),
    r(C::Global,         &[PGUP],                   A::PageUp,                              VIEW, "page up", None),
    r(C::Global,         &[c('g'), HOME],           A::First,                               VIEW, "first", None),
    r(C::Global,         &[c('G'), END],            A::Last,                                VIEW, "last", None),
    r(C::Global,         &[c('/')],                 A::Search,                              VIEW, "search questions, ids, references, notes", Some("/ search")),
    r(C::Global,         &[c('R')],                 A::ToggleRedact,                        VIEW, "redact notes and plans on screen (toggle)", None),
    r(C::Global,         &[c('J')],                 A::ScrollDetail(3),                     VIEW, "scroll the detail pane down (question, gap detail, meeting card)", None),
    r(C::Global,         &[c('K')],                 A::ScrollDetail(-3),                    VIEW, "scroll the detail pane up", None),
    r(C::Global,         &[c(']')],                 A::NextUnanswered,                      VIEW, "next unanswered question (across sections and tabs)", Some("] next unanswered")),
    r(C::Global,         &[c('[')],                 A::PrevUnanswered,                      VIEW, "previous unanswered question", None),
    r(C::Global,         &[c('C')],                 A::MergeConflictsView,                  VIEW, "merge conflicts: each one's two values; keep ours, take theirs, or write a new text", None),
    r(C::Global,         &[c('i')],                 A::EngagementForm,                      EDIT, "engagement details: client, sites, scope, assessor, fieldwork dates", None),
    r(C::Global,         &[c('X')],                 A::ExportMenu,                          VIEW, "export: report (md, html, Word), csv, xlsx, calendar, POA&M json, request list", Some("X export")),
    r(C::Global,         &[c('?')],                 A::Help,                                VIEW, "this help", Some("? help")),
    r(C::Global,         &[ctrl('s')],              A::Save,                                VIEW, "save now (the app also saves by itself)", None),
    r(C::Global,         &[ctrl('p')],              A::MakePrivate,                         VIEW, "make the workspace file private to you (mode 600) when others can read it", None),
    r(C::Global,         &[c('q'), ctrl('c')],      A::Quit,                                VIEW, "save and quit", Some("q quit")),
    r(C::Audit,          &[LEFT, c('h')],           A::FocusSections,                       VIEW, "to the sections", None),
    r(C::Audit,          &[RIGHT, c('l')],          A::FocusQuestions,                      VIEW, "to the questions", None),
    r(C::Audit,          &[c('y')],                 A::Answer(AnswerStatus::Yes),           EDIT, "answer Yes (in place), then next", Some("y yes")),
    r(C::Audit,          &[c('p')],                 A::Answer(AnswerStatus::Partial),       EDIT, "answer Partial, then next", Some("p partial")),
    r(C::Audit,          &[c('n')],                 A::Answer(AnswerStatus::No),            EDIT, "answer No, then next", Some("n no")),
    r(C::Audit,          &[c('x')],                 A::Answer(AnswerStatus::NotApplicable), EDIT, "answer N/A (not applicable), then next", Some("x n/a")),
    r(C::Audit,          &[c('u')],                 A::Answer(AnswerStatus::Unanswered),    EDIT, "clear the answer, then next", None),
    r(C::Audit,          &[c('e'), ENTER],          A::EditNote,                            EDIT, "edit the evidence note here (Esc keeps it)", Some("e note")),
    r(C::Audit,          &[c('E')],                 A::EditNoteExternal,                    EDIT, "edit the evidence note in $VISUAL/$EDITOR", None),
    r(C::Audit,          &[c('a')],                 A::AddEvidence,                         EDIT, "add an evidence item (label, file, collected, expires)", Some("a evidence")),
    r(C::Audit,          &[c('b')],                 A::EvidenceList,                        VIEW, "the question's evidence items: edit, remove, verify", None),
    r(C::Vendors,        &[LEFT, c('h')],           A::FocusSections,                       VIEW, "to the sections", None),
    r(C::Vendors,        &[RIGHT, c('l')],          A::FocusQuestions,                      VIEW, "to the vendors", None),
    r(C::Vendors,        &[c('A')],                 A::AddVendor,                           EDIT, "add a business associate", Some("A add")),
    r(C::Vendors,        &[c('e'), ENTER],          A::EditVendor,                          EDIT, "edit the vendor (BAA dates, PHI, contact, notes)", Some("e edit")),
    r(C::Vendors,        &[c('D')],                 A::DeleteVendor,                        EDIT, "delete the vendor (asks first; logged)", Some("D delete")),
    r(C::Vendors,        &[c('U')],                 A::UndoDeleteVendor,                    EDIT, "undo the last vendor delete of this session", None),
    r(C::Vendors,        &[c('a')],                 A::AddEvidence,                         EDIT, "add an evidence item (the signed BAA)", Some("a evidence")),
    r(C::Vendors,        &[c('b')],                 A::EvidenceList,                        VIEW, "the vendor's evidence items", None),
    r(C::EvidenceList,   &[DOWN, c('j')],           A::Down,                                VIEW, "next item", Some("↑↓ item")),
    r(C::EvidenceList,   &[UP, c('k')],             A::Up,                                  VIEW, "previous item", None),
    r(C::EvidenceList,   &[c('a')],                 A::AddEvidence,                         EDIT, "add an item", Some("a add")),
    r(C::EvidenceList,   &[c('e'), ENTER],          A::EditEvidence,                        EDIT, "edit the item (a changed file is hashed again)", Some("e edit")),
    r(C::EvidenceList,   &[c('D')],                 A::RemoveEvidence,                      EDIT, "remove the item (logged; the file is not touched)", Some("D remove")),
    r(C::EvidenceList,   &[c('U')],                 A::UndoRemoveEvidence,                  EDIT, "put back the last item removed from this list", Some("U undo")),
    r(C::EvidenceList,   &[ESC],                    A::Close,                               VIEW, "close", Some("Esc close")),
    r(C::Gap,            &[c('o')],                 A::SetOwner,                            EDIT, "set the owner (Tab completes)", Some("o owner")),
    r(C::Gap,            &[c('d')],                 A::SetDue,                              EDIT, "set the due date (2026-12-31, +30d, +2w)", Some("d due")),
    r(C::Gap,            &[c('s')],                 A::CycleStatus,                         EDIT, "cycle status: Open, In progress, Done, Risk accepted", Some("s status")),
    r(C::Gap,            &[c('r')],                 A::EditPlan,                            EDIT, "edit the remediation plan", Some("r plan")),
    r(C::Gap,            &[c('w')],                 A::GapForm,                             EDIT, "remediation form: owner, due, status, plan, likelihood, impact in one place", Some("w form")),
    r(C::Gap,            &[c('c')],                 A::Comment,                             EDIT, "add a comment or decision to the gap's thread (\"Name: text\" says who)", Some("c comment")),
    r(C::Gap,            &[c('S')],                 A::Response,                            EDIT, "management's response to the finding: agree, partly or disagree, and why", None),
    r(C::Gap,            &[c('Z')],                 A::AcceptRisk,                          EDIT, "accept the risk: who, role, date, rationale, review-by (never through Done)", None),
    r(C::Gap,            &[c('L')],                 A::SetLikelihood,                       EDIT, "set likelihood (1-5)", None),
    r(C::Gap,            &[c('I')],                 A::SetImpact,                           EDIT, "set impact (1-5)", None),
    r(C::Board,          &[ENTER],                  A::OpenDetail,                          VIEW, "open the gap's detail and history", Some("Enter detail")),
    r(C::Board,          &[ESC],                    A::Back,                                VIEW, "back to the board (from detail or meeting mode)", None),
    r(C::Board,          &[c(' ')],                 A::ToggleMark,                          VIEW, "mark the row for a bulk edit (o, d, s then apply to all marked)", Some("Space mark")),
    r(C::Board,          &[c('P')],                 A::GroupProject,                        EDIT, "group the marked gaps (or this one) into a project: a new one's name, or P-01 to add to it", Some("P project")),
    r(C::Board,          &[c('V')],                 A::MarkVisible,                         VIEW, "mark every visible row (again: clear the marks)", None),
    r(C::Board,          &[c('f')],                 A::Filter,                              VIEW, "filter: owner:NAME status:open area:nist level:high+ kind:vendor overdue nodue unassigned words", Some("f filter")),
    r(C::Board,          &[c('F')],                 A::ClearFilters,                        VIEW, "clear the filters", None),
    r(C::Board,          &[c('O')],                 A::CycleSort,                           VIEW, "order by due date, risk, area, owner, status", Some("O order")),
    r(C::Board,          &[c('M')],                 A::Meeting,                             VIEW, "meeting mode: date and attendees first, then one gap at a time, full screen", Some("M meeting")),
    r(C::Inventory,      &[LEFT, c('h')],           A::FocusSections,                       VIEW, "to the sections", None),
    r(C::Inventory,      &[RIGHT, c('l')],          A::FocusQuestions,                      VIEW, "to the inventory", None),
    r(C::Inventory,      &[c('A')],                 A::AddAsset,                            EDIT, "add an asset (a system, device, service or paper store; a group of alike ones)", Some("A asset")),
    r(C::Inventory,      &[c('F')],                 A::AddFlow,                             EDIT, "add a data flow (from the asset under the cursor)", Some("F flow")),
    r(C::Inventory,      &[c('e'), ENTER],          A::EditInventory,                       EDIT, "edit the asset or flow (Enter on a carried one confirms it)", Some("e edit")),
    r(C::Inventory,      &[c('D')],                 A::DeleteInventory,                     EDIT, "delete the asset or flow (asks first, says which risks lose it)", Some("D delete")),
    r(C::Inventory,      &[c('U')],                 A::UndoInventory,                       EDIT, "undo the last delete of this session", None),
    r(C::Inventory,      &[c('r')],                 A::RiskForAsset,                        EDIT, "add a risk for the asset: the library's threats for its kind not yet assessed", Some("r risk")),
    r(C::Inventory,      &[c('N')],                 A::NoSignificantRisk,                   EDIT, "record why the asset carries no significant risk (empty clears)", Some("N no risk")),
    r(C::Register,       &[LEFT, c('h')],           A::FocusSections,                       VIEW, "to the sections", None),
    r(C::Register,       &[RIGHT, c('l')],          A::FocusQuestions,                      VIEW, "to the register", None),
    r(C::Register,       &[c('A')],                 A::AddRisk,                             EDIT, "add a risk from the threat library (or blank)", Some("A add")),
    r(C::Register,       &[c('e'), ENTER],          A::EditRisk,                            EDIT, "edit the risk entry", Some("e edit")),
    r(C::Register,       &[c('D')],                 A::DeleteRisk,                          EDIT, "delete the risk entry (asks first; logged)", Some("D delete")),
    r(C::Register,       &[c('U')],                 A::UndoDelete,                          EDIT, "undo the last delete of this session", None),
    r(C::Register,       &[c('t')],                 A::CycleTreatment,                      EDIT, "cycle treatment: Mitigate, Accept, Transfer, Avoid", Some("t treatment")),
    r(C::Register,       &[c('m')],                 A::MatrixCursor,                        VIEW, "move a cursor over the matrix (lists the risks in a cell)", Some("m matrix")),
    r(C::Register,       &[c('v')],                 A::ToggleResidual,                      VIEW, "matrix: inherent or residual risk", None),
    r(C::Matrix,         &[UP, c('k')],             A::CellUp,                              VIEW, "likelihood up", Some("arrows move over the matrix")),
    r(C::Matrix,         &[DOWN, c('j')],           A::CellDown,                            VIEW, "likelihood down", None),
    r(C::Matrix,         &[RIGHT, c('l')],          A::CellRight,                           VIEW, "impact up", None),
    r(C::Matrix,         &[LEFT, c('h')],           A::CellLeft,                            VIEW, "impact down", None),
    r(C::Matrix,         &[c('v')],                 A::ToggleResidual,                      VIEW, "inherent / residual risk", Some("v inherent/residual")),
    r(C::Matrix,         &[ESC, c('m')],            A::Close,                               VIEW, "leave the matrix", Some("Esc leaves")),
    r(C::Prompt,         &[ENTER],                  A::Accept,                              VIEW, "accept", Some("Enter accept")),
    r(C::Prompt,         &[ESC],                    A::Close,                               VIEW, "cancel: nothing changes", Some("Esc cancel")),
    r(C::Prompt,         &[TAB],                    A::Complete,                            VIEW, "complete an owner's name", Some("Tab complete")),
    r(C::Prompt,         &[LEFT, RIGHT, HOME, END], A::Typing,                              VIEW, "move the cursor (Ctrl-a / Ctrl-e start / end, Ctrl-u / Ctrl-k clear before / after, Ctrl-w a word)", None),
    r(C::Editor,         &[ESC],                    A::Close,                               VIEW, "leave the editor and keep the text", Some("Esc keep & close")),
    r(C::Editor,         &[ctrl('z'), ctrl('y')],   A::Typing,                              VIEW, "undo / redo (arrows, Home, End move; Alt-←/→ jump words; paste goes in as typed)", Some("Ctrl-z undo · Ctrl-y redo")),
    r(C::Editor,         &[ctrl('s')],              A::Save,                                VIEW, "keep the text and save now", Some("Ctrl-s save now")),
    r(C::Search,         &[],                       A::Typing,                              VIEW, "type: questions, ids, references, notes and plans match", Some("type to search")),
    r(C::Search,         &[DOWN],                   A::Down,                                VIEW, "next result", Some("↑↓ choose")),
    r(C::Search,         &[UP],                     A::Up,                                  VIEW, "previous result", None),
    r(C::Search,         &[ENTER],                  A::Accept,                              VIEW, "go to the chosen question", Some("Enter jump")),
    r(C::Search,         &[ESC],                    A::Close,                               VIEW, "close the search", Some("Esc close")),
    r(C::Form,           &[TAB, DOWN],              A::NextField,                           VIEW, "next field (in an owner field, Tab first completes a known name)", Some("Tab/↑↓ field")),
    r(C::Form,           &[BACKTAB, UP],            A::PrevField,                           VIEW, "previous field", None),
    r(C::Form,           &[ctrl('u')],              A::Typing,                              VIEW, "clear the field (type to edit; Ctrl-a / Ctrl-e start / end)", Some("type to edit · Ctrl-u clears")),
    r(C::Form,           &[ctrl('t')],              A::TakeHint,                            VIEW, "take the library's hint into the field, to edit it (it is never saved as it is)", None),
    r(C::Form,           &[ENTER],                  A::Accept,                              VIEW, "save the entry", Some("Enter save")),
    r(C::Form,           &[ESC],                    A::Close,                               VIEW, "cancel: the register is unchanged", Some("Esc cancel")),
    r(C::Library,        &[DOWN, c('j')],           A::Down,                                VIEW, "next threat", Some("↑↓ choose")),
    r(C::Library,        &[UP, c('k')],             A::Up,                                  VIEW, "previous threat", None),
    r(C::Library,        &[PGDN],                   A::PageDown,                            VIEW, "page down", None),
    r(C::Library,        &[PGUP],                   A::PageUp,                              VIEW, "page up", None),
    r(C::Library,        &[ENTER],                  A::Accept,                              VIEW, "start an entry from it", Some("Enter start from it")),
    r(C::Library,        &[ESC],                    A::Close,                               VIEW, "close", Some("Esc cancel")),
    r(C::Export,         &[DOWN, c('j')],           A::Down,                                VIEW, "next format", Some("↑↓ format")),
    r(C::Export,         &[UP, c('k')],             A::Up,                                  VIEW, "previous format", None),
    r(C::Export,         &[c('r')],                 A::ToggleExportRedaction,               VIEW, "leave notes and plans out, or in", Some("r redaction")),
    r(C::Export,         &[ENTER],                  A::Accept,                              VIEW, "write it beside the workspace", Some("Enter write")),
    r(C::Export,         &[ESC],                    A::Close,                               VIEW, "close", Some("Esc cancel")),
    r(C::ConfirmQuit,    &[c('w'), c('W')],         A::SaveElsewhere,                       VIEW, "save the edits to another file", None),
    r(C::ConfirmQuit,    &[c('y'), c('Y')],         A::Yes,                                 VIEW, "quit and drop the unsaved edits", None),
    r(C::ConfirmDelete,  &[c('y'), c('Y')],         A::Yes,                                 VIEW, "delete it (logged; U undoes)", Some("y delete")),
    r(C::ConfirmDelete,  &[],                       A::Close,                               VIEW, "any other key keeps it", Some("any other key keeps it")),
    r(C::MergeConflicts, &[DOWN, c('j')],           A::Down,                                VIEW, "next conflict", Some("↑↓ choose")),
    r(C::MergeConflicts, &[UP, c('k')],             A::Up,                                  VIEW, "previous conflict", None),
    r(C::MergeConflicts, &[PGDN],                   A::PageDown,                            VIEW, "scroll the two values down", Some("PgDn/PgUp scroll")),
    r(C::MergeConflicts, &[PGUP],                   A::PageUp,                              VIEW, "scroll the two values up", None),
    r(C::MergeConflicts, &[c('o')],                 A::KeepOurs,                            EDIT, "keep ours (the value in place)", Some("o ours")),
    r(C::MergeConflicts, &[c('t')],                 A::TakeTheirs,                          EDIT, "take theirs", Some("t theirs")),
    r(C::MergeConflicts, &[c('e')],                 A::EditConflict,                        EDIT, "write a new text (notes and plans), starting from both values", Some("e from both")),
    r(C::MergeConflicts, &[ESC],                    A::Close,                               VIEW, "close (what is not resolved stays recorded)", Some("Esc close")),
    r(C::Conflict,       &[c('k')],                 A::KeepBoth,                            VIEW, "keep both: yours goes beside theirs", None),
    r(C::Conflict,       &[c('o')],                 A::Overwrite,                           VIEW, "overwrite theirs (it stays in .bak.1)", None),
    r(C::Conflict,       &[c('r')],                 A::Reload,                              VIEW, "reload theirs (yours is kept beside it)", None),
    r(C::Help,           &[DOWN, c('j')],           A::Down,                                VIEW, "scroll down", Some("↑↓ scroll")),
    r(C::Help,           &[UP, c('k')],             A::Up,                                  VIEW, "scroll up", None),
    r(C::Help,           &[PGDN],                   A::PageDown,                            VIEW, "page down", None),
    r(C::Help,           &[PGUP],                   A::PageUp,                              VIEW, "page up", None),
    r(C::Help,           &[],                       A::Close,                               VIEW, "any other key closes", Some("any other key closes")),
];

/// The key that gives an answer ("y" for Yes), from the table.
pub fn answer_key(status: AnswerStatus) -> String {
    BINDINGS
        .iter()
        .find(|b| b.action == Action::Answer(status))
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |k| format!("press {}", k.label()))
}

/// True when the action changes the workspace (its row says so).
pub fn edits(action: Action) -> bool {
    BINDINGS.iter().any(|b| b.action == action && b.edits)
}

/// The key bar of a modal context: its rows' bar texts in table order, those `keep` keeps.
pub fn bar(context: Context, keep: impl Fn(&Binding) -> bool) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.context == context && keep(b))
        .filter_map(|b| b.bar)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Where a key works when it does nothing here: the first context of `order` (other than
/// those in force) that binds it, with what it does there.
pub fn elsewhere(
    here: &[Context],
    order: &[Context],
    ev: &KeyEvent,
) -> Option<(&'static Binding, Context)> {
    order
        .iter()
        .copied()
        .filter(|c| !c.is_modal() && !here.contains(c))
        .find_map(|ctx| {
            BINDINGS
                .iter()
                .find(|b| b.context == ctx && b.keys.iter().any(|k| k.matches(ev)))
                .map(|b| (b, ctx))
        })
}

/// The action for a key in the given contexts (searched in the order given).
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.context == *ctx && b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    })
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;

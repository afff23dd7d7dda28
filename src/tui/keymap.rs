//! The one key table: dispatch, the `?` help and the status-line hints all read it.
//!
//! Longer than most files on purpose: it is a table (one row a key and context, modal
//! screens included), and splitting a table would make help and dispatch read two places.

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
        )
    }

    /// Every context, in the order help lists them.
    pub const ALL: [Context; 19] = [
        Context::Global,
        Context::Audit,
        Context::Gap,
        Context::Board,
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
            Context::EvidenceList => "Evidence items (b on a question or vendor)",
            Context::Matrix => "Matrix cursor (m in the register)",
            Context::Prompt => "Prompts (owner, due date, filter, evidence, ...)",
            Context::Editor => "Note and plan editor (e, r)",
            Context::Search => "Search (/)",
            Context::Form => {
                "Forms (register entry, remediation w, engagement i, evidence a, vendor)"
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
    /// The merge conflicts view, and its three answers.
    MergeConflictsView,
    KeepOurs,
    TakeTheirs,
    EditConflict,
    ExportMenu,
    Help,
    Save,
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
    pub help: &'static str,
    /// A short word for the status line, when the key is worth a hint there.
    pub hint: Option<&'static str>,
}

use Action as A;
use Context as C;
use Key as K;

const fn b(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

pub const BINDINGS: &[Binding] = &[
    b(
        C::Global,
        &[K::Code(KeyCode::Tab)],
        A::NextTab,
        "next tab",
        None,
    ),
    b(
        C::Global,
        &[K::Code(KeyCode::BackTab)],
        A::PrevTab,
        "previous tab",
        None,
    ),
    b(C::Global, &[K::Char('1')], A::GoTab(0), "Dashboard", None),
    b(C::Global, &[K::Char('2')], A::GoTab(1), "Privacy", None),
    b(
        C::Global,
        &[K::Char('3')],
        A::GoTab(2),
        "Administrative",
        None,
    ),
    b(C::Global, &[K::Char('4')], A::GoTab(3), "NIST", None),
    b(C::Global, &[K::Char('5')], A::GoTab(4), "Risk", None),
    b(C::Global, &[K::Char('6')], A::GoTab(5), "Gaps", None),
    b(
        C::Global,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::Down,
        "move down",
        None,
    ),
    b(
        C::Global,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::Up,
        "move up",
        None,
    ),
    b(
        C::Global,
        &[K::Code(KeyCode::PageDown)],
        A::PageDown,
        "page down",
        None,
    ),
    b(
        C::Global,
        &[K::Code(KeyCode::PageUp)],
        A::PageUp,
        "page up",
        None,
    ),
    b(
        C::Global,
        &[K::Char('g'), K::Code(KeyCode::Home)],
        A::First,
        "first",
        None,
    ),
    b(
        C::Global,
        &[K::Char('G'), K::Code(KeyCode::End)],
        A::Last,
        "last",
        None,
    ),
    b(
        C::Global,
        &[K::Char('/')],
        A::Search,
        "search questions, ids, references, notes",
        Some("search"),
    ),
    b(
        C::Global,
        &[K::Char('R')],
        A::ToggleRedact,
        "redact notes and plans on screen (toggle)",
        None,
    ),
    b(
        C::Global,
        &[K::Char('J')],
        A::ScrollDetail(3),
        "scroll the detail pane down (question, gap detail, meeting card)",
        None,
    ),
    b(
        C::Global,
        &[K::Char('K')],
        A::ScrollDetail(-3),
        "scroll the detail pane up",
        None,
    ),
    b(
        C::Global,
        &[K::Char(']')],
        A::NextUnanswered,
        "next unanswered question (across sections and tabs)",
        Some("next unanswered"),
    ),
    b(
        C::Global,
        &[K::Char('[')],
        A::PrevUnanswered,
        "previous unanswered question",
        None,
    ),
    b(
        C::Global,
        &[K::Char('C')],
        A::MergeConflictsView,
        "merge conflicts: each one's two values; keep ours, take theirs, or write a new text",
        None,
    ),
    b(
        C::Global,
        &[K::Char('i')],
        A::EngagementForm,
        "engagement details: client, sites, scope, assessor, fieldwork dates",
        None,
    ),
    b(
        C::Global,
        &[K::Char('X')],
        A::ExportMenu,
        "export: report (md, html, Word), csv, xlsx, calendar, POA&M json, request list",
        Some("export"),
    ),
    b(
        C::Global,
        &[K::Char('?')],
        A::Help,
        "this help",
        Some("help"),
    ),
    b(
        C::Global,
        &[K::Ctrl('s')],
        A::Save,
        "save now (the app also saves by itself)",
        None,
    ),
    b(
        C::Global,
        &[K::Char('q'), K::Ctrl('c')],
        A::Quit,
        "save and quit",
        Some("quit"),
    ),
    b(
        C::Audit,
        &[K::Code(KeyCode::Left), K::Char('h')],
        A::FocusSections,
        "to the sections",
        None,
    ),
    b(
        C::Audit,
        &[K::Code(KeyCode::Right), K::Char('l')],
        A::FocusQuestions,
        "to the questions",
        None,
    ),
    b(
        C::Audit,
        &[K::Char('y')],
        A::Answer(AnswerStatus::Yes),
        "answer Yes (in place), then next",
        Some("yes"),
    ),
    b(
        C::Audit,
        &[K::Char('p')],
        A::Answer(AnswerStatus::Partial),
        "answer Partial, then next",
        Some("partial"),
    ),
    b(
        C::Audit,
        &[K::Char('n')],
        A::Answer(AnswerStatus::No),
        "answer No, then next",
        Some("no"),
    ),
    b(
        C::Audit,
        &[K::Char('x')],
        A::Answer(AnswerStatus::NotApplicable),
        "answer N/A (not applicable), then next",
        Some("n/a"),
    ),
    b(
        C::Audit,
        &[K::Char('u')],
        A::Answer(AnswerStatus::Unanswered),
        "clear the answer, then next",
        None,
    ),
    b(
        C::Audit,
        &[K::Char('e'), K::Code(KeyCode::Enter)],
        A::EditNote,
        "edit the evidence note here (Esc keeps it)",
        Some("note"),
    ),
    b(
        C::Audit,
        &[K::Char('E')],
        A::EditNoteExternal,
        "edit the evidence note in $VISUAL/$EDITOR",
        None,
    ),
    b(
        C::Audit,
        &[K::Char('a')],
        A::AddEvidence,
        "add an evidence item (label, file, collected, expires)",
        Some("evidence"),
    ),
    b(
        C::Audit,
        &[K::Char('b')],
        A::EvidenceList,
        "the question's evidence items: edit, remove, verify",
        None,
    ),
    b(
        C::Vendors,
        &[K::Code(KeyCode::Left), K::Char('h')],
        A::FocusSections,
        "to the sections",
        None,
    ),
    b(
        C::Vendors,
        &[K::Code(KeyCode::Right), K::Char('l')],
        A::FocusQuestions,
        "to the vendors",
        None,
    ),
    b(
        C::Vendors,
        &[K::Char('A')],
        A::AddVendor,
        "add a business associate",
        Some("add"),
    ),
    b(
        C::Vendors,
        &[K::Char('e'), K::Code(KeyCode::Enter)],
        A::EditVendor,
        "edit the vendor (BAA dates, PHI, contact, notes)",
        Some("edit"),
    ),
    b(
        C::Vendors,
        &[K::Char('D')],
        A::DeleteVendor,
        "delete the vendor (asks first; logged)",
        Some("delete"),
    ),
    b(
        C::Vendors,
        &[K::Char('U')],
        A::UndoDeleteVendor,
        "undo the last vendor delete of this session",
        None,
    ),
    b(
        C::Vendors,
        &[K::Char('a')],
        A::AddEvidence,
        "add an evidence item (the signed BAA)",
        Some("evidence"),
    ),
    b(
        C::Vendors,
        &[K::Char('b')],
        A::EvidenceList,
        "the vendor's evidence items",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::Down,
        "next item",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::Up,
        "previous item",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Char('a')],
        A::AddEvidence,
        "add an item",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Char('e'), K::Code(KeyCode::Enter)],
        A::EditEvidence,
        "edit the item (a changed file is hashed again)",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Char('D')],
        A::RemoveEvidence,
        "remove the item (logged; the file is not touched)",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Char('U')],
        A::UndoRemoveEvidence,
        "put back the last item removed from this list",
        None,
    ),
    b(
        C::EvidenceList,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "close",
        None,
    ),
    b(
        C::Gap,
        &[K::Char('o')],
        A::SetOwner,
        "set the owner (Tab completes)",
        Some("owner"),
    ),
    b(
        C::Gap,
        &[K::Char('d')],
        A::SetDue,
        "set the due date (2026-12-31, +30d, +2w)",
        Some("due"),
    ),
    b(
        C::Gap,
        &[K::Char('s')],
        A::CycleStatus,
        "cycle status: Open, In progress, Done, Risk accepted",
        Some("status"),
    ),
    b(
        C::Gap,
        &[K::Char('r')],
        A::EditPlan,
        "edit the remediation plan",
        Some("plan"),
    ),
    b(
        C::Gap,
        &[K::Char('w')],
        A::GapForm,
        "remediation form: owner, due, status, plan, likelihood, impact in one place",
        Some("form"),
    ),
    b(
        C::Gap,
        &[K::Char('c')],
        A::Comment,
        "add a comment or decision to the gap's thread (\"Name: text\" says who)",
        Some("comment"),
    ),
    b(
        C::Gap,
        &[K::Char('L')],
        A::SetLikelihood,
        "set likelihood (1-5)",
        None,
    ),
    b(
        C::Gap,
        &[K::Char('I')],
        A::SetImpact,
        "set impact (1-5)",
        None,
    ),
    b(
        C::Board,
        &[K::Code(KeyCode::Enter)],
        A::OpenDetail,
        "open the gap's detail and history",
        Some("detail"),
    ),
    b(
        C::Board,
        &[K::Code(KeyCode::Esc)],
        A::Back,
        "back to the board (from detail or meeting mode)",
        None,
    ),
    b(
        C::Board,
        &[K::Char(' ')],
        A::ToggleMark,
        "mark the row for a bulk edit (o, d, s then apply to all marked)",
        Some("mark"),
    ),
    b(
        C::Board,
        &[K::Char('V')],
        A::MarkVisible,
        "mark every visible row (again: clear the marks)",
        None,
    ),
    b(
        C::Board,
        &[K::Char('f')],
        A::Filter,
        "filter: owner:NAME status:open area:nist overdue unassigned words",
        Some("filter"),
    ),
    b(
        C::Board,
        &[K::Char('F')],
        A::ClearFilters,
        "clear the filters",
        None,
    ),
    b(
        C::Board,
        &[K::Char('O')],
        A::CycleSort,
        "order by due date, risk, area, owner, status",
        Some("order"),
    ),
    b(
        C::Board,
        &[K::Char('M')],
        A::Meeting,
        "meeting mode: date and attendees first, then one gap at a time, full screen",
        Some("meeting"),
    ),
    b(
        C::Register,
        &[K::Code(KeyCode::Left), K::Char('h')],
        A::FocusSections,
        "to the sections",
        None,
    ),
    b(
        C::Register,
        &[K::Code(KeyCode::Right), K::Char('l')],
        A::FocusQuestions,
        "to the register",
        None,
    ),
    b(
        C::Register,
        &[K::Char('A')],
        A::AddRisk,
        "add a risk from the threat library (or blank)",
        Some("add"),
    ),
    b(
        C::Register,
        &[K::Char('e'), K::Code(KeyCode::Enter)],
        A::EditRisk,
        "edit the risk entry",
        Some("edit"),
    ),
    b(
        C::Register,
        &[K::Char('D')],
        A::DeleteRisk,
        "delete the risk entry (asks first; logged)",
        Some("delete"),
    ),
    b(
        C::Register,
        &[K::Char('U')],
        A::UndoDelete,
        "undo the last delete of this session",
        None,
    ),
    b(
        C::Register,
        &[K::Char('t')],
        A::CycleTreatment,
        "cycle treatment: Mitigate, Accept, Transfer, Avoid",
        Some("treatment"),
    ),
    b(
        C::Register,
        &[K::Char('m')],
        A::MatrixCursor,
        "move a cursor over the matrix (lists the risks in a cell)",
        Some("matrix"),
    ),
    b(
        C::Register,
        &[K::Char('v')],
        A::ToggleResidual,
        "matrix: inherent or residual risk",
        None,
    ),
    // Modal screens: their keys dispatch from here too, so help lists them all.
    b(
        C::Matrix,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::CellUp,
        "likelihood up",
        None,
    ),
    b(
        C::Matrix,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::CellDown,
        "likelihood down",
        None,
    ),
    b(
        C::Matrix,
        &[K::Code(KeyCode::Right), K::Char('l')],
        A::CellRight,
        "impact up",
        None,
    ),
    b(
        C::Matrix,
        &[K::Code(KeyCode::Left), K::Char('h')],
        A::CellLeft,
        "impact down",
        None,
    ),
    b(
        C::Matrix,
        &[K::Char('v')],
        A::ToggleResidual,
        "inherent / residual risk",
        None,
    ),
    b(
        C::Matrix,
        &[K::Code(KeyCode::Esc), K::Char('m')],
        A::Close,
        "leave the matrix",
        None,
    ),
    b(
        C::Prompt,
        &[K::Code(KeyCode::Enter)],
        A::Accept,
        "accept",
        None,
    ),
    b(
        C::Prompt,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "cancel: nothing changes",
        None,
    ),
    b(
        C::Prompt,
        &[K::Code(KeyCode::Tab)],
        A::Complete,
        "complete an owner's name",
        None,
    ),
    b(
        C::Prompt,
        &[
            K::Code(KeyCode::Left),
            K::Code(KeyCode::Right),
            K::Code(KeyCode::Home),
            K::Code(KeyCode::End),
        ],
        A::Typing,
        "move the cursor (Ctrl-a / Ctrl-e start / end, Ctrl-u / Ctrl-k clear before / after, Ctrl-w a word)",
        None,
    ),
    b(
        C::Editor,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "leave the editor and keep the text",
        None,
    ),
    b(
        C::Editor,
        &[K::Ctrl('s')],
        A::Save,
        "keep the text and save now",
        None,
    ),
    b(
        C::Editor,
        &[K::Ctrl('z'), K::Ctrl('y')],
        A::Typing,
        "undo / redo (arrows, Home, End move; Alt-←/→ jump words; paste goes in as typed)",
        None,
    ),
    b(
        C::Search,
        &[K::Code(KeyCode::Enter)],
        A::Accept,
        "go to the chosen question",
        None,
    ),
    b(
        C::Search,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "close the search",
        None,
    ),
    b(
        C::Search,
        &[K::Code(KeyCode::Down)],
        A::Down,
        "next result",
        None,
    ),
    b(
        C::Search,
        &[K::Code(KeyCode::Up)],
        A::Up,
        "previous result",
        None,
    ),
    b(
        C::Form,
        &[K::Code(KeyCode::Enter)],
        A::Accept,
        "save the entry",
        None,
    ),
    b(
        C::Form,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "cancel: the register is unchanged",
        None,
    ),
    b(
        C::Form,
        &[K::Code(KeyCode::Tab), K::Code(KeyCode::Down)],
        A::NextField,
        "next field (in an owner field, Tab first completes a known name)",
        None,
    ),
    b(
        C::Form,
        &[K::Code(KeyCode::BackTab), K::Code(KeyCode::Up)],
        A::PrevField,
        "previous field",
        None,
    ),
    b(
        C::Library,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::Down,
        "next threat",
        None,
    ),
    b(
        C::Library,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::Up,
        "previous threat",
        None,
    ),
    b(
        C::Library,
        &[K::Code(KeyCode::PageDown)],
        A::PageDown,
        "page down",
        None,
    ),
    b(
        C::Library,
        &[K::Code(KeyCode::PageUp)],
        A::PageUp,
        "page up",
        None,
    ),
    b(
        C::Library,
        &[K::Code(KeyCode::Enter)],
        A::Accept,
        "start an entry from it",
        None,
    ),
    b(
        C::Library,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "close",
        None,
    ),
    b(
        C::Export,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::Down,
        "next format",
        None,
    ),
    b(
        C::Export,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::Up,
        "previous format",
        None,
    ),
    b(
        C::Export,
        &[K::Char('r')],
        A::ToggleExportRedaction,
        "leave notes and plans out, or in",
        None,
    ),
    b(
        C::Export,
        &[K::Code(KeyCode::Enter)],
        A::Accept,
        "write it beside the workspace",
        None,
    ),
    b(C::Export, &[K::Code(KeyCode::Esc)], A::Close, "close", None),
    b(
        C::ConfirmQuit,
        &[K::Char('w'), K::Char('W')],
        A::SaveElsewhere,
        "save the edits to another file",
        None,
    ),
    b(
        C::ConfirmQuit,
        &[K::Char('y'), K::Char('Y')],
        A::Yes,
        "quit and drop the unsaved edits",
        None,
    ),
    b(
        C::ConfirmDelete,
        &[K::Char('y'), K::Char('Y')],
        A::Yes,
        "delete it (logged; U undoes)",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::Down,
        "next conflict",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::Up,
        "previous conflict",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Code(KeyCode::PageDown)],
        A::PageDown,
        "scroll the two values down",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Code(KeyCode::PageUp)],
        A::PageUp,
        "scroll the two values up",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Char('o')],
        A::KeepOurs,
        "keep ours (the value in place)",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Char('t')],
        A::TakeTheirs,
        "take theirs",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Char('e')],
        A::EditConflict,
        "write a new text (notes and plans), starting from both values",
        None,
    ),
    b(
        C::MergeConflicts,
        &[K::Code(KeyCode::Esc)],
        A::Close,
        "close (what is not resolved stays recorded)",
        None,
    ),
    b(
        C::Conflict,
        &[K::Char('k')],
        A::KeepBoth,
        "keep both: yours goes beside theirs",
        None,
    ),
    b(
        C::Conflict,
        &[K::Char('o')],
        A::Overwrite,
        "overwrite theirs (it stays in .bak.1)",
        None,
    ),
    b(
        C::Conflict,
        &[K::Char('r')],
        A::Reload,
        "reload theirs (yours is kept beside it)",
        None,
    ),
    b(
        C::Help,
        &[K::Code(KeyCode::Down), K::Char('j')],
        A::Down,
        "scroll down",
        None,
    ),
    b(
        C::Help,
        &[K::Code(KeyCode::Up), K::Char('k')],
        A::Up,
        "scroll up",
        None,
    ),
    b(
        C::Help,
        &[K::Code(KeyCode::PageDown)],
        A::PageDown,
        "page down",
        None,
    ),
    b(
        C::Help,
        &[K::Code(KeyCode::PageUp)],
        A::PageUp,
        "page up; any other key closes",
        None,
    ),
];

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
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context_pair() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let normal = !a.context.is_modal() && !b.context.is_modal();
                let overlap = a.context == b.context
                    || (normal && [a.context, b.context].contains(&Context::Global));
                if overlap {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{k:?} bound to {:?} and {:?}",
                            a.action,
                            b.action
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn shift_is_ignored_for_characters_and_ctrl_is_not() {
        let ev = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Context::Global], &ev), Some(Action::Last));
        let ev = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&[Context::Gap, Context::Global], &ev),
            Some(Action::Save)
        );
        let ev = key(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Context::Gap, Context::Global], &ev),
            Some(Action::CycleStatus)
        );
        assert_eq!(lookup(&[Context::Global], &ev), None);
    }
}

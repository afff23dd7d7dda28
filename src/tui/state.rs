//! The state of what is open on screen: the mode (which overlay, if any) and each overlay's
//! and tab's own state. Kept apart from `App` so that the files that act on it (tabs and
//! overlays) and `App` itself depend on it, never on each other.

use ratatui_textarea::TextArea;

use crate::domain::catalog::{Area, Catalog};
use crate::domain::rating::Rating;
use crate::domain::workspace::{RiskEntry, Treatment};
use crate::tui::widgets::text_input::TextInput;

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
    /// A gap's remediation or the engagement's details.
    Form(Box<Form>),
    /// The merge conflicts the workspace holds, one selected.
    MergeConflicts {
        selected: usize,
        /// How far the selected conflict's two values are scrolled (lines).
        scroll: u16,
    },
    /// The evidence items of a question or vendor (`owner`), one selected.
    Evidence {
        owner: String,
        selected: usize,
    },
    /// Deleting a register entry or a vendor (by id) waits for y.
    ConfirmDelete(String),
    /// The export menu: the chosen format and whether notes and plans are left out.
    Export {
        selected: usize,
        redact: bool,
    },
    /// A cursor on the 5x5 matrix: likelihood and impact of the cell.
    Matrix {
        likelihood: Rating,
        impact: Rating,
    },
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
    /// A path to write the workspace to when its own file cannot be saved.
    SaveAs,
    /// Why the question (the prompt's id) is not applicable.
    NaReason,
    /// N/A for every unanswered question of a section, with one reason.
    SectionNa {
        section: String,
        ids: Vec<String>,
    },
    /// A meeting's date, then its attendees.
    MeetingDate,
    MeetingAttendees {
        date: chrono::NaiveDate,
    },
    /// A comment or decision on the gap's thread.
    Comment,
    /// Who accepts the risk of the gap(s): name and role.
    AcceptRisk {
        targets: Vec<String>,
    },
}

impl PromptKind {
    pub fn title(&self) -> String {
        match self {
            PromptKind::NaReason => {
                "Why does it not apply? (Enter keeps this reason · Esc: N/A without one)".into()
            }
            PromptKind::SectionNa { section, ids } => format!(
                "N/A for the {} unanswered question{} of {section}: the reason (Esc cancels)",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            ),
            PromptKind::MeetingDate => "Meeting 1/2: date (YYYY-MM-DD, empty = today)".into(),
            PromptKind::MeetingAttendees { .. } => {
                "Meeting 2/2: attendees: Name (role), Name (role)".into()
            }
            PromptKind::Comment => {
                "Comment or decision (\"Dana: we accept the plan\" records who said it)".into()
            }
            PromptKind::AcceptRisk { targets } => format!(
                "Who accepts the risk{}? Name, role (recorded with today's date)",
                if targets.len() > 1 {
                    format!(" of {} gaps", targets.len())
                } else {
                    String::new()
                }
            ),
            other => other.fixed_title().into(),
        }
    }

    fn fixed_title(&self) -> &'static str {
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
            PromptKind::SaveAs => "Save to a new file (a path; an existing file is never replaced)",
            _ => "",
        }
    }
}

pub struct Prompt {
    pub kind: PromptKind,
    pub id: String,
    pub input: TextInput,
    pub error: Option<String>,
}

/// The `/` search overlay.
#[derive(Default)]
pub struct Search {
    pub query: TextInput,
    /// Searching the board's gaps (from the Gaps tab) instead of the questions.
    pub board: bool,
    /// Indexes into the catalog's questions, or into the board's gaps.
    pub results: Vec<usize>,
    pub selected: usize,
}

/// What a generic form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// Every remediation field of a gap (a question id or a register entry id).
    Gap(String),
    /// The engagement's details.
    Engagement,
    /// An evidence item of a question or vendor: a new one, or the one at `index`.
    Evidence { owner: String, index: Option<usize> },
    /// A business associate: a new one (`None`) or the one with this id.
    Vendor(Option<String>),
}

/// A form: labelled one-line inputs, one focused.
pub struct Form {
    pub kind: FormKind,
    pub labels: Vec<&'static str>,
    pub inputs: Vec<TextInput>,
    pub field: usize,
    pub error: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, fields: Vec<(&'static str, String)>) -> Form {
        let (labels, inputs) = fields
            .into_iter()
            .map(|(l, v)| (l, TextInput::new(v)))
            .unzip();
        Form {
            kind,
            labels,
            inputs,
            field: 0,
            error: None,
        }
    }

    pub fn text(&self, i: usize) -> &str {
        self.inputs.get(i).map_or("", |t| t.text().trim())
    }
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
    pub inputs: Vec<TextInput>,
    pub field: usize,
    pub error: Option<String>,
}

impl RiskForm {
    pub fn from_entry(r: &RiskEntry) -> RiskForm {
        let num = |v: Option<Rating>| v.map(|v| v.to_string()).unwrap_or_default();
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
            ]
            .into_iter()
            .map(TextInput::new)
            .collect(),
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
        let field = |i: usize| self.inputs[i].text();
        let err = |i: usize| move |e: String| (i, format!("{}: {e}", RISK_FIELDS[i]));
        let level = |i: usize| Rating::parse(field(i)).map_err(err(i));
        let target = |i: usize| Rating::parse_optional(field(i)).map_err(err(i));
        let title = self.inputs[0].text().trim().to_string();
        if title.is_empty() {
            return Err((0, "a risk needs a title".into()));
        }
        let treatment = Treatment::parse(self.inputs[7].text()).ok_or((
            7,
            format!(
                "treatment '{}': use Mitigate, Accept, Transfer or Avoid",
                self.inputs[7].text().trim()
            ),
        ))?;
        let links = list(self.inputs[11].text());
        if let Some(bad) = links.iter().find(|l| catalog.get(l).is_none()) {
            return Err((11, format!("no question has the id {bad}")));
        }
        Ok(RiskEntry {
            id: self.id.clone(),
            title,
            assets: list(self.inputs[1].text()),
            threat: self.inputs[2].text().trim().to_string(),
            vulnerability: self.inputs[3].text().trim().to_string(),
            controls: self.inputs[4].text().trim().to_string(),
            likelihood: level(5)?,
            impact: level(6)?,
            treatment,
            rationale: self.inputs[8].text().trim().to_string(),
            target_likelihood: target(9)?,
            target_impact: target(10)?,
            links,
            rerate: false,
        })
    }
}

/// The four audit areas, in tab order.
pub const AREAS: [Area; 4] = Area::ALL;

/// An area's place in `AREAS` (and in the per-area arrays of the audit screen).
pub fn area_index(a: Area) -> usize {
    AREAS.iter().position(|x| *x == a).unwrap_or(0)
}

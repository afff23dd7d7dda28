//! The state of what is open on screen: the mode (which overlay, if any) and each overlay's
//! and tab's own state. Kept apart from `App` so that the files that act on it (tabs and
//! overlays) and `App` itself depend on it, never on each other.

use std::any::TypeId;

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
        /// Adding a risk for this asset: the pairs of its kind not yet assessed for it.
        asset: Option<String>,
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
    /// Why an asset (the prompt's id) carries no significant risk.
    NoRisk,
    /// Management's response to the finding (the prompt's id is the finding's lead).
    Response,
    /// Which project the gaps (the prompt's id, one a line) go into; `offer` names the
    /// existing ones.
    Project {
        offer: String,
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
            PromptKind::Response => {
                "Management response: agree, partly or disagree, then why (\"Dana: partly: …\" says who)"
                    .into()
            }
            PromptKind::NoRisk => {
                "No significant risk for this asset, because … (empty clears; Esc cancels)".into()
            }
            PromptKind::Project { offer } => {
                format!("Project: a new one's name, or the id of one to add to{offer}")
            }
            other => other.fixed_title().into(),
        }
    }

    fn fixed_title(&self) -> &'static str {
        match self {
            PromptKind::Filter => {
                "Filter: owner:NAME status:S area:A level:high+ kind:vendor overdue nodue unassigned words"
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
    /// An asset of the ePHI inventory: new, or the one with this id.
    Asset(Option<String>),
    /// A data flow: new, or the one with this id.
    Flow(Option<String>),
    /// Accepting the risk of these gaps or register entries.
    Accept(Vec<String>),
}

/// The fields of one form as an enum, in the order the form shows them. Adding a field is
/// one variant: the compiler then points at every `match` that must place it (its label,
/// its value when the form opens, how its text is read).
pub trait FormField: Copy + Eq + 'static {
    /// Every field, in screen order.
    const ALL: &'static [Self];

    /// The label shown before the field's input.
    fn label(self) -> &'static str;

    /// The field's place on screen.
    fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The labels of every field, in screen order.
    fn labels() -> Vec<&'static str> {
        Self::ALL.iter().map(|f| f.label()).collect()
    }
}

/// Declares a form's fields: the enum, and its `FormField` impl with every variant in
/// `ALL` (in the order written, the order on screen) and each one's label. Adding a field is
/// one line here; the compiler then finds every `match` on the enum.
macro_rules! form_fields {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $label:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $crate::tui::state::FormField for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)+];

            fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }
    };
}
pub(crate) use form_fields;

/// The field that is wrong and why: what accepting a form of `F` fails with.
pub type FieldError<F> = (F, String);

/// A form: labelled one-line inputs, one focused. Built from a `FormField` enum and read
/// through it (`form.get(VendorField::BaaSigned)`); the inputs stay a list for drawing,
/// pasting and moving between fields.
pub struct Form {
    pub kind: FormKind,
    pub labels: Vec<&'static str>,
    pub inputs: Vec<TextInput>,
    pub field: usize,
    pub error: Option<String>,
    /// The `FormField` enum the inputs follow, checked by the typed accessors.
    fields: TypeId,
}

impl Form {
    /// A form of the fields `F`, each filled with `value(field)`.
    pub fn new<F: FormField>(kind: FormKind, value: impl Fn(F) -> String) -> Form {
        Form {
            kind,
            labels: F::labels(),
            inputs: F::ALL.iter().map(|f| TextInput::new(value(*f))).collect(),
            field: 0,
            error: None,
            fields: TypeId::of::<F>(),
        }
    }

    fn follows<F: FormField>(&self) -> bool {
        self.fields == TypeId::of::<F>()
    }

    /// The text of field `f`, trimmed.
    pub fn get<F: FormField>(&self, f: F) -> &str {
        debug_assert!(
            self.follows::<F>(),
            "{} is not a field of this form",
            f.label()
        );
        field_text(&self.inputs, f)
    }

    /// The input of field `f`.
    pub fn input<F: FormField>(&mut self, f: F) -> &mut TextInput {
        debug_assert!(
            self.follows::<F>(),
            "{} is not a field of this form",
            f.label()
        );
        &mut self.inputs[f.index()]
    }

    /// The focused field, when this is a form of `F`.
    pub fn focused<F: FormField>(&self) -> Option<F> {
        if self.follows::<F>() {
            F::ALL.get(self.field).copied()
        } else {
            None
        }
    }

    /// Puts the cursor on the field that is wrong and says why.
    pub fn fail<F: FormField>(&mut self, (f, e): FieldError<F>) {
        self.field = f.index();
        self.error = Some(e);
    }
}

/// The trimmed text of a field among `inputs`.
fn field_text<F: FormField>(inputs: &[TextInput], f: F) -> &str {
    inputs.get(f.index()).map_or("", |t| t.text().trim())
}

form_fields! {
    /// The fields of a register entry as the form edits them.
    pub enum RiskField {
        Title => "Title",
        Assets => "Assets (inventory ids A-01, comma-separated)",
        Threat => "Threat source and event",
        Vulnerability => "Vulnerability",
        Controls => "Controls observed at this client",
        Likelihood => "Likelihood 1-5",
        LikelihoodWhy => "Why this likelihood",
        Impact => "Impact 1-5",
        ImpactWhy => "Why this impact",
        Treatment => "Treatment (Mitigate, Accept, Transfer, Avoid)",
        Rationale => "Rationale",
        TargetLikelihood => "Target likelihood after treatment (1-5, empty = none)",
        TargetImpact => "Target impact after treatment (1-5, empty = none)",
        Links => "Questions and evidence showing it (ids, ADM-SM-01/E1)",
    }
}

impl RiskField {
    /// What the field shows for an entry when the form opens.
    fn shown(self, r: &RiskEntry) -> String {
        let num = |v: Option<Rating>| v.map(|v| v.to_string()).unwrap_or_default();
        match self {
            RiskField::Title => r.title.clone(),
            RiskField::Assets => r.assets.join(", "),
            RiskField::Threat => r.threat.clone(),
            RiskField::Vulnerability => r.vulnerability.clone(),
            RiskField::Controls => r.controls.clone(),
            RiskField::Likelihood => r.likelihood.to_string(),
            RiskField::LikelihoodWhy => r.likelihood_why.clone(),
            RiskField::ImpactWhy => r.impact_why.clone(),
            RiskField::Impact => r.impact.to_string(),
            RiskField::Treatment => r.treatment.label().to_string(),
            RiskField::Rationale => r.rationale.clone(),
            RiskField::TargetLikelihood => num(r.target_likelihood),
            RiskField::TargetImpact => num(r.target_impact),
            RiskField::Links => r.links.join(", "),
        }
    }
}

/// The add/edit form of a register entry: one text input per `RiskField`.
pub struct RiskForm {
    /// Empty for a new entry.
    pub id: String,
    /// The entry as it was when the form opened: what the form does not show (an
    /// acceptance, the re-rate mark) is kept from it.
    pub base: RiskEntry,
    pub inputs: Vec<TextInput>,
    /// Per field, the threat library's text shown dimmed while the field is empty; never
    /// saved as it is (it describes no client).
    pub hints: Vec<String>,
    pub field: usize,
    pub error: Option<String>,
}

impl RiskForm {
    pub fn from_entry(r: &RiskEntry) -> RiskForm {
        RiskForm {
            id: r.id.clone(),
            base: r.clone(),
            inputs: RiskField::ALL
                .iter()
                .map(|f| TextInput::new(f.shown(r)))
                .collect(),
            hints: vec![String::new(); RiskField::ALL.len()],
            field: 0,
            error: None,
        }
    }

    /// A new entry started from a library pair: its title, threat and ratings filled in,
    /// its vulnerability, controls and rationale as hints.
    pub fn from_template(t: &crate::domain::risk::Template, assets: &[String]) -> RiskForm {
        let mut e = t.entry();
        e.assets = assets.to_vec();
        let mut form = RiskForm::from_entry(&e);
        form.hint(RiskField::Vulnerability, &t.vulnerability);
        form.hint(RiskField::Controls, &t.controls);
        form.hint(RiskField::Rationale, &t.rationale);
        form
    }

    /// Sets the hint of a field.
    pub fn hint(&mut self, f: RiskField, text: &str) {
        self.hints[f.index()] = text.to_string();
    }

    /// The focused field's hint, if it has one.
    pub fn focused_hint(&self) -> Option<&str> {
        self.hints
            .get(self.field)
            .map(String::as_str)
            .filter(|h| !h.is_empty())
    }

    /// The text of field `f`, trimmed.
    pub fn get(&self, f: RiskField) -> &str {
        field_text(&self.inputs, f)
    }

    /// The focused field.
    pub fn focused(&self) -> Option<RiskField> {
        RiskField::ALL.get(self.field).copied()
    }

    /// Puts the cursor on the field that is wrong and says why.
    pub fn fail(&mut self, (f, e): FieldError<RiskField>) {
        self.field = f.index();
        self.error = Some(e);
    }

    /// The entry the inputs describe, or the first field that is wrong and why. Assets are
    /// inventory ids (a name of the inventory is read as its id); links are question ids or
    /// evidence items (`ADM-SM-01/E1`).
    pub fn entry(
        &self,
        ws: &crate::domain::workspace::Workspace,
        catalog: &Catalog,
    ) -> Result<RiskEntry, FieldError<RiskField>> {
        use RiskField as F;
        let list = |f: RiskField| -> Vec<String> {
            self.get(f)
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        let err = |f: RiskField| move |e: String| (f, format!("{}: {e}", f.label()));
        let level = |f: RiskField| Rating::parse(self.get(f)).map_err(err(f));
        let target = |f: RiskField| Rating::parse_optional(self.get(f)).map_err(err(f));
        for (i, f) in RiskField::ALL.iter().enumerate() {
            let hint = self.hints[i].trim();
            if !hint.is_empty() && self.get(*f) == hint {
                return Err((
                    *f,
                    format!(
                        "{}: this is the library's hint, not what you saw here: edit it",
                        f.label()
                    ),
                ));
            }
        }
        let title = self.get(F::Title).to_string();
        if title.is_empty() {
            return Err((F::Title, "a risk needs a title".into()));
        }
        let treatment = Treatment::parse(self.get(F::Treatment)).ok_or((
            F::Treatment,
            format!(
                "treatment '{}': use Mitigate, Accept, Transfer or Avoid",
                self.get(F::Treatment)
            ),
        ))?;
        let links = list(F::Links);
        let evidence = ws.evidence_items();
        if let Some(bad) = links
            .iter()
            .find(|l| catalog.get(l).is_none() && !evidence.iter().any(|h| h.board_id() == **l))
        {
            return Err((
                F::Links,
                format!(
                    "no question or evidence item has the id {}",
                    crate::domain::text::truncate_clean(bad, 30)
                ),
            ));
        }
        let mut assets = Vec::new();
        for a in list(F::Assets) {
            let found = ws
                .assets
                .iter()
                .find(|x| x.id.eq_ignore_ascii_case(&a) || x.name.eq_ignore_ascii_case(&a));
            match found {
                Some(x) => {
                    if !assets.contains(&x.id) {
                        assets.push(x.id.clone());
                    }
                }
                // Free words stay only where there is no inventory to name (older files).
                None if ws.assets.is_empty() || self.base.assets.contains(&a) => assets.push(a),
                None => {
                    return Err((
                        F::Assets,
                        format!(
                            "no asset {} in the inventory (ids: {})",
                            crate::domain::text::truncate_clean(&a, 30),
                            ws.assets
                                .iter()
                                .map(|x| x.id.as_str())
                                .take(8)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(RiskEntry {
            id: self.id.clone(),
            title,
            assets,
            threat: self.get(F::Threat).to_string(),
            vulnerability: self.get(F::Vulnerability).to_string(),
            controls: self.get(F::Controls).to_string(),
            likelihood: level(F::Likelihood)?,
            likelihood_why: self.get(F::LikelihoodWhy).to_string(),
            impact: level(F::Impact)?,
            impact_why: self.get(F::ImpactWhy).to_string(),
            treatment,
            rationale: self.get(F::Rationale).to_string(),
            target_likelihood: target(F::TargetLikelihood)?,
            target_impact: target(F::TargetImpact)?,
            links,
            ..self.base.clone()
        })
    }
}

/// The four audit areas, in tab order.
pub const AREAS: [Area; 4] = Area::ALL;

/// An area's place in `AREAS` (and in the per-area arrays of the audit screen).
pub fn area_index(a: Area) -> usize {
    AREAS.iter().position(|x| *x == a).unwrap_or(0)
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;

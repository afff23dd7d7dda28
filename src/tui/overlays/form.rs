//! Forms: a gap's whole remediation in one place (`w`), and the engagement's details (`i`).
//! The register entry's form (`risk_form.rs`) draws with the same `draw_fields`.

use crate::domain::workspace::{Engagement, EngagementField, Remediation, RiskEntry};
use crate::tui::overlays::evidence::EvidenceField;
use crate::tui::prelude::*;
use crate::tui::widgets::fields::{Fields, draw_fields};

/// How a line break of a plan shows in a one-line field, and is read back.
const BREAK: &str = " ⏎ ";

form_fields! {
    /// The fields of a gap's remediation form.
    pub enum GapField {
        Owner => "Owner (Tab completes a known name)",
        Due => "Due date (2026-12-31, +30d, +2w; empty = none)",
        Status => "Status (open, in progress, done, accepted)",
        Plan => "Plan (⏎ is a line break; r edits it at length)",
        Likelihood => "Likelihood 1-5 (empty = the question's default)",
        Impact => "Impact 1-5 (empty = the question's default)",
    }
}

impl GapField {
    /// What the field shows when the form opens: the gap's remediation, the plan the bank
    /// suggests when none is written yet, a register entry's own rating.
    fn shown(self, r: &Remediation, risk: Option<&RiskEntry>, suggested: Option<&str>) -> String {
        let num = |v: Option<Rating>| v.map(|v| v.to_string()).unwrap_or_default();
        match self {
            GapField::Owner => r.owner.clone(),
            GapField::Due => r.due.map(|d| d.to_string()).unwrap_or_default(),
            GapField::Status => r.status.label().to_string(),
            GapField::Plan => match (r.plan.as_str(), suggested) {
                ("", Some(s)) => s,
                (plan, _) => plan,
            }
            .replace('\n', BREAK),
            GapField::Likelihood => risk.map_or(num(r.likelihood), |x| x.likelihood.to_string()),
            GapField::Impact => risk.map_or(num(r.impact), |x| x.impact.to_string()),
        }
    }

    /// The remediation change the field's text asks for.
    fn parse(self, text: &str, today: NaiveDate) -> Result<RemediationField, String> {
        Ok(match self {
            GapField::Owner => RemediationField::Owner(text.to_string()),
            GapField::Due => RemediationField::Due(match text {
                "" => None,
                v => Some(dates::parse_due(v, today)?),
            }),
            GapField::Status => {
                RemediationField::Status(RemediationStatus::parse(text).ok_or_else(|| {
                    format!("status '{text}': use open, in progress, done or accepted")
                })?)
            }
            GapField::Plan => RemediationField::Plan(
                text.replace(BREAK, "\n")
                    .replace('⏎', "\n")
                    .trim()
                    .to_string(),
            ),
            GapField::Likelihood => RemediationField::Likelihood(Rating::parse_optional(text)?),
            GapField::Impact => RemediationField::Impact(Rating::parse_optional(text)?),
        })
    }
}

form_fields! {
    /// The fields of the engagement's details form.
    pub enum EngagementFormField {
        Client => "Client",
        Site => "Site(s)",
        Scope => "Scope",
        Assessor => "Assessor",
        Firm => "Assessing firm (the MSP)",
        Interviewed => "Interviewed (name, role; name, role)",
        Started => "Fieldwork start (YYYY-MM-DD)",
        Ended => "Fieldwork end (YYYY-MM-DD, empty = ongoing)",
    }
}

impl EngagementFormField {
    /// What the field shows when the form opens.
    fn shown(self, e: &Engagement) -> String {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            EngagementFormField::Client => e.client.clone(),
            EngagementFormField::Site => e.site.clone(),
            EngagementFormField::Scope => e.scope.clone(),
            EngagementFormField::Assessor => e.assessor.clone(),
            EngagementFormField::Firm => e.firm.clone(),
            EngagementFormField::Interviewed => e.interviewed.clone(),
            EngagementFormField::Started => date(e.started),
            EngagementFormField::Ended => date(e.ended),
        }
    }

    /// The engagement change the field's text asks for.
    fn parse(self, text: &str) -> Result<EngagementField, String> {
        let date = || match text {
            "" => Ok(None),
            v => dates::parse_date(v).map(Some),
        };
        let text = text.to_string();
        Ok(match self {
            EngagementFormField::Client if text.is_empty() => {
                return Err("the client's name cannot be empty".into());
            }
            EngagementFormField::Client => EngagementField::Client(text),
            EngagementFormField::Site => EngagementField::Site(text),
            EngagementFormField::Scope => EngagementField::Scope(text),
            EngagementFormField::Assessor => EngagementField::Assessor(text),
            EngagementFormField::Firm => EngagementField::Firm(text),
            EngagementFormField::Interviewed => EngagementField::Interviewed(text),
            EngagementFormField::Started => EngagementField::Started(date()?),
            EngagementFormField::Ended => EngagementField::Ended(date()?),
        })
    }
}

impl App {
    /// Opens the remediation form of the current gap, the plan pre-filled with the bank's
    /// suggestion when none is written yet.
    pub(crate) fn open_gap_form(&mut self) {
        let Some(id) = self.current_gap_id() else {
            return;
        };
        if self.settings.redact {
            self.set_message("redaction is on: R shows plans before the form opens");
            return;
        }
        let r = self.doc.ws.remediation(&id);
        let risk = self.doc.ws.risks.iter().find(|x| x.id == id);
        let suggested = self.doc.catalog.get(&id).map(|q| q.remediation.as_str());
        let form = Form::new(FormKind::Gap(id.clone()), |f: GapField| {
            f.shown(&r, risk, suggested)
        });
        if self.tab == Tab::Gaps && !self.board.marked.is_empty() {
            self.set_message(format!(
                "the form edits {id} alone; o, d and s apply to the {} marked gaps",
                self.board.marked.len()
            ));
        }
        self.mode = Mode::Form(Box::new(form));
    }

    pub(crate) fn open_engagement_form(&mut self) {
        let e = &self.doc.ws.engagement;
        let form = Form::new(FormKind::Engagement, |f: EngagementFormField| f.shown(e));
        self.mode = Mode::Form(Box::new(form));
    }

    pub(crate) fn generic_form_key(&mut self, mut form: Box<Form>, key: KeyEvent) -> Vec<Effect> {
        let n = form.inputs.len();
        let owner_field = form.focused() == Some(GapField::Owner);
        match keymap::lookup(&[Context::Form], &key) {
            Some(Action::Close) => {
                self.set_message("cancelled: nothing changed");
                return vec![];
            }
            Some(Action::NextField)
                if owner_field
                    && key.code == KeyCode::Tab
                    && !self.owner_completions(form.get(GapField::Owner)).is_empty() =>
            {
                let first = self.owner_completions(form.get(GapField::Owner))[0].clone();
                form.input(GapField::Owner).set(first);
            }
            // Tab in an evidence item's file field completes the path when it can.
            Some(Action::NextField)
                if form.focused() == Some(EvidenceField::File)
                    && key.code == KeyCode::Tab
                    && self.complete_evidence_path(&mut form) => {}
            Some(Action::NextField) => form.field = (form.field + 1) % n,
            Some(Action::PrevField) => form.field = (form.field + n - 1) % n,
            Some(Action::Accept) => {
                let result = match form.kind.clone() {
                    FormKind::Gap(id) => self.accept_gap_form(&id, &form).map_err(|e| form.fail(e)),
                    FormKind::Engagement => {
                        self.accept_engagement_form(&form).map_err(|e| form.fail(e))
                    }
                    FormKind::Evidence { owner, index } => self
                        .accept_evidence_form(&owner, index, &form)
                        .map_err(|e| form.fail(e)),
                    FormKind::Vendor(id) => self
                        .vendors
                        .accept_form(id.as_deref(), &form, &mut crate::tui::app::cx!(self))
                        .map_err(|e| form.fail(e)),
                };
                if result.is_err() {
                    self.mode = Mode::Form(form);
                }
                return vec![];
            }
            _ => {
                form.inputs[form.field].handle(&key);
            }
        }
        form.error = None;
        self.mode = Mode::Form(form);
        vec![]
    }

    /// Checks every field first, then applies them; a risk acceptance asks who accepts.
    fn accept_gap_form(&mut self, id: &str, form: &Form) -> Result<(), FieldError<GapField>> {
        let mut asked = Vec::new();
        for &f in GapField::ALL {
            asked.push(f.parse(form.get(f), self.doc.today).map_err(|e| (f, e))?);
        }
        let risk = self.doc.ws.risks.iter().find(|r| r.id == id).cloned();
        let was = self.doc.ws.remediation(id).status;
        let (mut rating, mut accepting, mut status) = ((None, None), false, None);
        let mut fields = Vec::new();
        for change in asked {
            match change {
                // A register entry's rating is the entry's own.
                RemediationField::Likelihood(l) if risk.is_some() => rating.0 = l,
                RemediationField::Impact(i) if risk.is_some() => rating.1 = i,
                // Accepting a risk asks who accepts it; any other status is set last.
                RemediationField::Status(s) => {
                    accepting = s == RemediationStatus::RiskAccepted
                        && was != RemediationStatus::RiskAccepted;
                    status = (!accepting).then_some(change);
                }
                other => fields.push(other),
            }
        }
        if risk.is_some() && (rating.0.is_none() || rating.1.is_none()) {
            return Err((
                GapField::Likelihood,
                "a register entry needs its likelihood and impact".into(),
            ));
        }
        fields.extend(status);
        let actor = self.actor();
        let mut changed = false;
        for f in fields {
            changed |= self.doc.ws.set_remediation(id, f, &actor);
        }
        if let (Some(mut e), (Some(l), Some(i))) = (risk, rating) {
            e.likelihood = l;
            e.impact = i;
            if self.doc.ws.update_risk(e, &actor) {
                self.doc.risk_changed();
            }
        }
        if changed {
            self.doc.changed_id(id);
        }
        if accepting {
            crate::tui::tabs::meeting::MeetingScreen::ask_acceptance(
                vec![id.to_string()],
                &mut crate::tui::app::cx!(self),
            );
        } else {
            self.set_message(if changed {
                format!("{id}: remediation saved")
            } else {
                format!("{id}: nothing changed")
            });
        }
        Ok(())
    }

    /// Checks every field first, then applies them.
    fn accept_engagement_form(
        &mut self,
        form: &Form,
    ) -> Result<(), FieldError<EngagementFormField>> {
        let mut fields = Vec::new();
        for &f in EngagementFormField::ALL {
            fields.push(f.parse(form.get(f)).map_err(|e| (f, e))?);
        }
        let started = fields.iter().find_map(|f| match f {
            EngagementField::Started(d) => *d,
            _ => None,
        });
        let ended = fields.iter().find_map(|f| match f {
            EngagementField::Ended(d) => *d,
            _ => None,
        });
        if let (Some(s), Some(e)) = (started, ended)
            && e < s
        {
            return Err((
                EngagementFormField::Ended,
                format!("fieldwork cannot end ({e}) before it starts ({s})"),
            ));
        }
        let actor = self.actor();
        let mut changed = false;
        for f in fields {
            changed |= self.doc.ws.set_engagement(f, &actor);
        }
        if changed {
            self.doc.changed();
        }
        self.set_message(if changed {
            "engagement details saved"
        } else {
            "engagement details: nothing changed"
        });
        Ok(())
    }
}

pub(crate) fn draw_form(f: &mut Frame, app: &App, t: &Theme, area: Rect, form: &Form) {
    let title = match &form.kind {
        FormKind::Gap(id) => format!(" Remediation of {id} "),
        FormKind::Engagement => " Engagement ".to_string(),
        FormKind::Evidence { .. } => {
            return crate::tui::overlays::evidence::draw_evidence_form(
                f,
                t,
                &app.evidence,
                area,
                form,
            );
        }
        FormKind::Vendor(_) => {
            return crate::tui::tabs::vendors::draw_vendor_form(f, t, area, form);
        }
    };
    let mut extra = Vec::new();
    if form.focused() == Some(GapField::Owner) {
        let names = app.owner_completions(form.get(GapField::Owner));
        if !names.is_empty() {
            extra.push(Line::from(Span::styled(
                format!("Tab: {}", names.join(", ")),
                t.dim(),
            )));
        }
    }
    draw_fields(
        f,
        t,
        area,
        Fields {
            title,
            labels: &form.labels,
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            extra,
        },
    );
}

//! Forms: a gap's whole remediation in one place (`w`), and the engagement's details (`i`).
//! The register entry's form (`risk_form.rs`) draws with the same `draw_fields`.

use crate::domain::workspace::EngagementField;
use crate::tui::prelude::*;
use crate::tui::widgets::fields::{Fields, draw_fields};

/// How a line break of a plan shows in a one-line field, and is read back.
const BREAK: &str = " ⏎ ";

pub const GAP_FIELDS: [&str; 6] = [
    "Owner (Tab completes a known name)",
    "Due date (2026-12-31, +30d, +2w; empty = none)",
    "Status (open, in progress, done, accepted)",
    "Plan (⏎ is a line break; r edits it at length)",
    "Likelihood 1-5 (empty = the question's default)",
    "Impact 1-5 (empty = the question's default)",
];

pub const ENGAGEMENT_FIELDS: [&str; 8] = [
    "Client",
    "Site(s)",
    "Scope",
    "Assessor",
    "Assessing firm (the MSP)",
    "Interviewed (name, role; name, role)",
    "Fieldwork start (YYYY-MM-DD)",
    "Fieldwork end (YYYY-MM-DD, empty = ongoing)",
];

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
        let mut plan = r.plan.clone();
        if plan.is_empty()
            && let Some(q) = self.doc.catalog.get(&id)
        {
            plan = q.remediation.clone();
        }
        let num = |v: Option<Rating>| v.map(|v| v.to_string()).unwrap_or_default();
        let (l, i) = match risk {
            Some(x) => (x.likelihood.to_string(), x.impact.to_string()),
            None => (num(r.likelihood), num(r.impact)),
        };
        let values = [
            r.owner.clone(),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            r.status.label().to_string(),
            plan.replace('\n', BREAK),
            l,
            i,
        ];
        if self.tab == Tab::Gaps && !self.board.marked.is_empty() {
            self.set_message(format!(
                "the form edits {id} alone; o, d and s apply to the {} marked gaps",
                self.board.marked.len()
            ));
        }
        self.mode = Mode::Form(Box::new(Form::new(
            FormKind::Gap(id),
            GAP_FIELDS.iter().copied().zip(values).collect(),
        )));
    }

    pub(crate) fn open_engagement_form(&mut self) {
        let e = &self.doc.ws.engagement;
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let values = [
            e.client.clone(),
            e.site.clone(),
            e.scope.clone(),
            e.assessor.clone(),
            e.firm.clone(),
            e.interviewed.clone(),
            date(e.started),
            date(e.ended),
        ];
        self.mode = Mode::Form(Box::new(Form::new(
            FormKind::Engagement,
            ENGAGEMENT_FIELDS.iter().copied().zip(values).collect(),
        )));
    }

    pub(crate) fn generic_form_key(&mut self, mut form: Box<Form>, key: KeyEvent) -> Vec<Effect> {
        let n = form.inputs.len();
        let owner_field = matches!(form.kind, FormKind::Gap(_)) && form.field == 0;
        match keymap::lookup(&[Context::Form], &key) {
            Some(Action::Close) => {
                self.set_message("cancelled: nothing changed");
                return vec![];
            }
            Some(Action::NextField)
                if owner_field
                    && key.code == KeyCode::Tab
                    && !self.owner_completions(form.text(0)).is_empty() =>
            {
                let first = self.owner_completions(form.text(0))[0].clone();
                form.inputs[0].set(first);
            }
            // Tab in an evidence item's file field completes the path when it can.
            Some(Action::NextField)
                if matches!(form.kind, FormKind::Evidence { .. })
                    && form.field == 1
                    && key.code == KeyCode::Tab
                    && self.complete_evidence_path(&mut form) => {}
            Some(Action::NextField) => form.field = (form.field + 1) % n,
            Some(Action::PrevField) => form.field = (form.field + n - 1) % n,
            Some(Action::Accept) => {
                let result = match form.kind.clone() {
                    FormKind::Gap(id) => self.accept_gap_form(&id, &form),
                    FormKind::Engagement => self.accept_engagement_form(&form),
                    FormKind::Evidence { owner, index } => {
                        self.accept_evidence_form(&owner, index, &form)
                    }
                    FormKind::Vendor(id) => self.vendors.accept_form(
                        id.as_deref(),
                        &form,
                        &mut crate::tui::app::cx!(self),
                    ),
                };
                if let Err((field, e)) = result {
                    form.field = field;
                    form.error = Some(e);
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
    fn accept_gap_form(&mut self, id: &str, form: &Form) -> Result<(), (usize, String)> {
        let due = match form.text(1) {
            "" => None,
            v => Some(dates::parse_due(v, self.doc.today).map_err(|e| (1, e))?),
        };
        let status = RemediationStatus::parse(form.text(2)).ok_or((
            2,
            format!(
                "status '{}': use open, in progress, done or accepted",
                form.text(2)
            ),
        ))?;
        let plan = form.text(3).replace(BREAK, "\n").replace('⏎', "\n");
        let risk = self.doc.ws.risks.iter().find(|r| r.id == id).cloned();
        let rating = |i: usize| Rating::parse_optional(form.text(i)).map_err(|e| (i, e));
        let (l, i) = (rating(4)?, rating(5)?);
        if risk.is_some() && (l.is_none() || i.is_none()) {
            return Err((4, "a register entry needs its likelihood and impact".into()));
        }
        let actor = self.actor();
        let mut fields = vec![
            RemediationField::Owner(form.text(0).to_string()),
            RemediationField::Due(due),
            RemediationField::Plan(plan.trim().to_string()),
        ];
        if risk.is_none() {
            fields.push(RemediationField::Likelihood(l));
            fields.push(RemediationField::Impact(i));
        }
        let accepting = status == RemediationStatus::RiskAccepted
            && self.doc.ws.remediation(id).status != RemediationStatus::RiskAccepted;
        if !accepting {
            fields.push(RemediationField::Status(status));
        }
        let mut changed = false;
        for f in fields {
            changed |= self.doc.ws.set_remediation(id, f, &actor);
        }
        if let (Some(mut e), Some(l), Some(i)) = (risk, l, i) {
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

    fn accept_engagement_form(&mut self, form: &Form) -> Result<(), (usize, String)> {
        let client = form.text(0);
        if client.is_empty() {
            return Err((0, "the client's name cannot be empty".into()));
        }
        let date = |i: usize| match form.text(i) {
            "" => Ok(None),
            v => dates::parse_date(v).map(Some).map_err(|e| (i, e)),
        };
        let (started, ended) = (date(6)?, date(7)?);
        if let (Some(s), Some(e)) = (started, ended)
            && e < s
        {
            return Err((
                7,
                format!("fieldwork cannot end ({e}) before it starts ({s})"),
            ));
        }
        let actor = self.actor();
        let mut changed = false;
        for f in [
            EngagementField::Client(client.to_string()),
            EngagementField::Site(form.text(1).to_string()),
            EngagementField::Scope(form.text(2).to_string()),
            EngagementField::Assessor(form.text(3).to_string()),
            EngagementField::Firm(form.text(4).to_string()),
            EngagementField::Interviewed(form.text(5).to_string()),
            EngagementField::Started(started),
            EngagementField::Ended(ended),
        ] {
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
    if matches!(form.kind, FormKind::Gap(_)) && form.field == 0 {
        let names = app.owner_completions(form.text(0));
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

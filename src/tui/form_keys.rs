//! The forms' keys: moving between fields, typing, and Enter, which applies the whole form:
//! a gap's remediation (a question, register entry or vendor alike), the engagement, an
//! evidence item, a vendor. Applying crosses screens, so it lives at the app's level; each
//! form's fields, parsing and drawing are in `overlays/form.rs` and the screen it belongs to.

use crate::domain::workspace::EngagementField;
use crate::domain::workspace::{RemediationField, RemediationStatus};
use crate::tui::app::{App, Effect, Tab};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::overlays::evidence::EvidenceField;
use crate::tui::overlays::form::{EngagementFormField, GapField};
use crate::tui::state::{FieldError, Form, FormField, FormKind, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

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
        let suggested = self.suggested_plan(&id);
        let form = Form::new(FormKind::Gap(id.clone()), |f: GapField| {
            f.shown(&r, risk, suggested.as_deref())
        });
        if self.tab == Tab::Gaps && !self.board.marked.is_empty() {
            self.set_message(format!(
                "the form edits {id} alone; o, d and s apply to the {} marked gaps",
                self.board.marked.len()
            ));
        }
        self.mode = Mode::Form(Box::new(form));
    }

    /// What the plan starts from when none is written: the finding's recommendation (the
    /// bank's suggestion, else the register's mitigation), the same for `w` and `r`.
    pub(crate) fn suggested_plan(&self, id: &str) -> Option<String> {
        let gaps = self.doc.gaps();
        let g = gaps.iter().find(|g| g.id == id)?;
        let (text, suggested) =
            crate::domain::findings::recommendation(self.doc.catalog, &self.doc.ws, g);
        suggested.then_some(text)
    }

    pub(crate) fn open_engagement_form(&mut self) {
        let (e, m) = (&self.doc.ws.engagement, &self.doc.ws.method);
        let p = self.doc.ws.profile.as_ref();
        let form = Form::new(FormKind::Engagement, |f: EngagementFormField| {
            f.shown(e, m, p)
        });
        self.mode = Mode::Form(Box::new(form));
    }

    pub(crate) fn generic_form_key(&mut self, mut form: Box<Form>, key: KeyEvent) -> Vec<Effect> {
        let n = form.inputs.len();
        let owner_field = form.focused() == Some(GapField::Owner);
        match keymap::lookup(&[Context::Form], &key) {
            Some(Action::Close) => {
                if let FormKind::Accept(targets) = &form.kind {
                    // Declining once lets s move on past Risk accepted.
                    self.board.skip_acceptance = targets.first().cloned();
                    self.set_message("not accepted: the status is unchanged (s again moves on)");
                } else {
                    self.set_message("cancelled: nothing changed");
                }
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
                    FormKind::Asset(id) => self
                        .inventory
                        .accept_asset_form(id.as_deref(), &form, &mut crate::tui::app::cx!(self))
                        .map_err(|e| form.fail(e)),
                    FormKind::Flow(id) => self
                        .inventory
                        .accept_flow_form(id.as_deref(), &form, &mut crate::tui::app::cx!(self))
                        .map_err(|e| form.fail(e)),
                    FormKind::Accept(targets) => {
                        let meeting = self.meeting.id.clone().filter(|_| self.meeting.on);
                        crate::tui::overlays::accept::accept_form(
                            &targets,
                            &form,
                            meeting,
                            &mut crate::tui::app::cx!(self),
                        )
                        .map_err(|e| form.fail(e))
                    }
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
            crate::tui::overlays::accept::open(
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
            if f.profile_key().is_none() {
                fields.push(f.parse(form.get(f)).map_err(|e| (f, e))?);
            }
        }
        let profile = crate::tui::overlays::form::profile_of(form)?;
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
        // Emptied profile fields leave the profile as it is: scoping back to every question
        // is `hipaudit profile PATH --set`'s, never an accident of a blank form.
        let scoped_before = self.doc.catalog.questions.len();
        if let Some(p) = profile
            && self.doc.ws.set_profile(p, &actor)
        {
            self.doc.changed();
            let now = self.doc.catalog.questions.len();
            self.set_message(format!(
                "profile saved: {now} questions in scope (was {scoped_before}); answers to the others are kept"
            ));
            return Ok(());
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

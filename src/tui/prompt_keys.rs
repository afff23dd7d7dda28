//! The one-line prompts' keys (owner, due date, ratings, filter, save elsewhere, N/A
//! reasons, meetings, comments, who accepts a risk): what Enter sets crosses screens (a
//! question, a register entry, a vendor, every marked board row), so it lives at the app's
//! level; the prompt's drawing is in `overlays/prompt.rs`.

use crate::domain::board::GapFilter;
use crate::domain::dates;
use crate::domain::rating::Rating;
use crate::domain::workspace::RemediationField;
use crate::tui::app::{App, Effect, Tab};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::state::{Mode, Prompt, PromptKind};
use ratatui::crossterm::event::KeyEvent;
use std::path::PathBuf;

impl App {
    pub(crate) fn gap_prompt(
        &mut self,
        kind: PromptKind,
        current: impl Fn(&crate::domain::workspace::Remediation) -> String,
    ) {
        if let Some(id) = self.current_gap_id() {
            let bulk = self.tab == Tab::Gaps && !self.board.marked.is_empty();
            let risk = self.doc.ws.risks.iter().find(|r| r.id == id);
            let value = match (&kind, risk) {
                _ if bulk => String::new(),
                (PromptKind::Likelihood, Some(r)) => r.likelihood.to_string(),
                (PromptKind::Impact, Some(r)) => r.impact.to_string(),
                _ => current(&self.doc.ws.remediation(&id)),
            };
            self.open_prompt(kind, id, value);
        }
    }

    /// Owners that complete what is typed so far.
    pub fn owner_completions(&self, typed: &str) -> Vec<String> {
        let t = typed.trim().to_lowercase();
        self.doc
            .ws
            .owners()
            .into_iter()
            .filter(|o| o.to_lowercase().starts_with(&t) && o.to_lowercase() != t)
            .collect()
    }

    pub(crate) fn prompt_key(&mut self, mut p: Prompt, key: KeyEvent) -> Vec<Effect> {
        match keymap::lookup(&[Context::Prompt], &key) {
            Some(Action::Close) => {
                match &p.kind {
                    PromptKind::NaReason => {
                        self.set_message(format!("{}: N/A, no reason recorded", p.id))
                    }
                    _ => self.set_message("cancelled: nothing changed"),
                }
                return vec![];
            }
            Some(Action::Accept) if p.kind == PromptKind::SaveAs => {
                let v = p.input.text().trim();
                if v.is_empty() {
                    p.error = Some("type a path (Esc cancels)".into());
                    self.mode = Mode::Prompt(p);
                    return vec![];
                }
                return vec![Effect::SaveAs(PathBuf::from(v))];
            }
            Some(Action::Accept) => {
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
            Some(Action::Complete) if p.kind == PromptKind::Owner => {
                if let Some(first) = self.owner_completions(p.input.text()).first() {
                    p.input.set(first.clone());
                }
            }
            _ => {
                p.input.handle(&key);
            }
        }
        p.error = None;
        self.mode = Mode::Prompt(p);
        vec![]
    }

    /// Applies a prompt's value; `Ok(Some(next))` continues a multi-step prompt.
    pub(crate) fn accept_prompt(&mut self, p: &Prompt) -> Result<Option<Prompt>, String> {
        let actor = self.actor();
        let v = p.input.text().trim();
        let id = p.id.clone();
        if matches!(p.kind, PromptKind::Owner | PromptKind::Due)
            && self.doc.ws.project(&id).is_some()
        {
            return self.accept_project_field(p);
        }
        let field = match &p.kind {
            PromptKind::Project { .. } => return self.accept_project_prompt(p),
            // Handled in `prompt_key`: it asks the loop to write the file.
            PromptKind::SaveAs => return Ok(None),
            PromptKind::MeetingDate
            | PromptKind::MeetingAttendees { .. }
            | PromptKind::Comment
            | PromptKind::Response => {
                return self
                    .meeting
                    .accept_prompt(p, &mut crate::tui::app::cx!(self));
            }
            PromptKind::NoRisk => {
                crate::tui::tabs::inventory::InventoryScreen::set_no_risk(
                    &p.id,
                    v,
                    &mut crate::tui::app::cx!(self),
                );
                return Ok(None);
            }
            PromptKind::NaReason | PromptKind::SectionNa { .. } => {
                return crate::tui::tabs::audit::accept_na_prompt(
                    p,
                    &mut crate::tui::app::cx!(self),
                );
            }
            PromptKind::Filter => {
                self.doc.ws.view.filter = GapFilter::parse(v)?;
                self.board.row = 0;
                self.doc.view_changed();
                let all = self.doc.gaps();
                let shown = self
                    .doc
                    .board_rows()
                    .iter()
                    .filter(|&&i| all[i].kind != crate::domain::gaps::GapKind::Project)
                    .count();
                self.set_message(if v.is_empty() {
                    "filters cleared".to_string()
                } else {
                    format!(
                        "filter: {} ({shown} of {})",
                        self.doc.ws.view.filter.describe(),
                        crate::domain::text::count(
                            crate::domain::board::counts(all.iter(), self.doc.today).total,
                            "gap",
                            "gaps"
                        )
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
                    RemediationField::Due(Some(dates::parse_due(v, self.doc.today)?))
                }
            }
            PromptKind::Likelihood | PromptKind::Impact if self.doc.is_risk(&id) => {
                // A register entry's own rating changes, not a remediation override.
                let n = Rating::parse(v)?;
                let Some(mut e) = self.doc.ws.risks.iter().find(|r| r.id == id).cloned() else {
                    return Ok(None);
                };
                if p.kind == PromptKind::Likelihood {
                    e.likelihood = n;
                } else {
                    e.impact = n;
                }
                if self.doc.ws.update_risk(e, &actor) {
                    self.doc.risk_changed();
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
                let n = Rating::parse_optional(v)?;
                if p.kind == PromptKind::Likelihood {
                    RemediationField::Likelihood(n)
                } else {
                    RemediationField::Impact(n)
                }
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
        let targets = if self.tab == Tab::Gaps && !self.board.marked.is_empty() {
            self.board.marked.iter().cloned().collect()
        } else {
            vec![id.clone()]
        };
        for t in &targets {
            if self.doc.ws.set_remediation(t, field.clone(), &actor) {
                self.doc.changed_id(t);
            }
        }
        if targets.len() > 1 {
            self.set_message(format!(
                "{}: {}",
                self.board.bulk_label(&self.doc, targets.len()),
                what.to_lowercase()
            ));
            return Ok(None);
        }
        let r = self.doc.ws.remediation(&id);
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
}

//! The keys that act on any gap wherever it is selected: a question answered No or
//! Partial, a register entry, a vendor, a board row (owner, due date, ratings, status,
//! plan, comment). They cross screens, so they live at the app's level; each screen keeps
//! its own keys.

use crate::domain::gaps::GapKind;
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{RemediationField, RemediationStatus};
use crate::tui::app::{App, Tab, cx};
use crate::tui::keymap::Action;
use crate::tui::msg::Effect;
use crate::tui::state::{EditTarget, PromptKind};

impl App {
    /// The ids a gap edit applies to: every marked row on the board, or the current gap.
    pub(crate) fn edit_targets(&self) -> Vec<String> {
        if self.tab == Tab::Gaps && !self.board.marked.is_empty() {
            self.board.marked.iter().cloned().collect()
        } else {
            self.current_gap_id().into_iter().collect()
        }
    }

    /// The gap under the board's cursor (the board or meeting view is showing).
    pub(crate) fn board_cursor_id(&self) -> Option<String> {
        (self.tab == Tab::Gaps)
            .then(|| self.board_gap().map(|g| g.id))
            .flatten()
    }

    /// After an edit re-sorted or re-filtered the board, puts the cursor back on the gap
    /// that was edited, so the next key acts on the same gap. A gap that left the view
    /// (closed under a filter, say) leaves the cursor on its neighbour, and says so.
    pub(crate) fn follow_gap(&mut self, id: &str, data_changed: bool) {
        if self.tab == Tab::Gaps {
            self.board.follow(id, data_changed, &mut cx!(self));
        }
    }
}

impl App {
    /// Actions on a gap, from an audit tab, the register or the board: owner, due date, ratings, status, plan.
    /// `+Nd` for the current gap's level, from the configured due-date offsets.
    fn due_offer(&self) -> String {
        let Some(id) = self.current_gap_id() else {
            return String::new();
        };
        let level = self
            .doc
            .gaps()
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.level())
            .unwrap_or(RiskLevel::Moderate);
        let days = match level {
            RiskLevel::VeryHigh => self.settings.due_days[0],
            RiskLevel::High => self.settings.due_days[1],
            RiskLevel::Moderate => self.settings.due_days[2],
            _ => self.settings.due_days[3],
        };
        format!("+{days}d")
    }

    pub(crate) fn act_on_gap(&mut self, action: Action) -> Vec<Effect> {
        if self.act_on_project_row(action).is_some() {
            return vec![];
        }
        // A renewal item is a date, not a finding: it moves when the duty is done again.
        let renewal =
            self.tab == Tab::Gaps && self.board_gap().is_some_and(|g| g.kind == GapKind::Renewal);
        if renewal && !matches!(action, Action::SetOwner | Action::Comment) {
            self.set_message(
                "a yearly duty coming due: add its new evidence on the question (a), dated when it was done, and it moves a year on; o sets who does it",
            );
            return vec![];
        }
        // An expiring evidence item belongs to its question or vendor: its owner is theirs.
        if let Some(g) = self
            .board_gap()
            .filter(|g| self.tab == Tab::Gaps && g.kind == GapKind::Evidence)
        {
            let owner = crate::domain::evidence::parse_board_id(&g.id)
                .map_or(g.id.clone(), |(o, _)| o.to_string());
            self.set_message(format!(
                "evidence expiring: collect the new document and add it on {owner} (a), or edit the item's expiry (b); its owner is {owner}'s"
            ));
            return vec![];
        }
        match action {
            Action::SetOwner => self.gap_prompt(PromptKind::Owner, |r| r.owner.clone()),
            Action::SetDue => {
                // An empty due date is offered as the configured offset for the gap's level.
                let offer = self.due_offer();
                self.gap_prompt(PromptKind::Due, move |r| {
                    r.due
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| offer.clone())
                })
            }
            Action::SetLikelihood => self.gap_prompt(PromptKind::Likelihood, |r| {
                r.likelihood.map(|v| v.to_string()).unwrap_or_default()
            }),
            Action::SetImpact => self.gap_prompt(PromptKind::Impact, |r| {
                r.impact.map(|v| v.to_string()).unwrap_or_default()
            }),
            Action::CycleStatus => {
                if let Some(id) = self.current_gap_id() {
                    // Marked rows all take the status after the current row's.
                    let mut next = self.doc.ws.remediation(&id).status.next();
                    let targets = self.edit_targets();
                    // Accepting a risk names who accepts it; declining once moves on.
                    if next == RemediationStatus::RiskAccepted {
                        if self.board.skip_acceptance.take().as_deref() == Some(id.as_str()) {
                            next = next.next();
                        } else {
                            crate::tui::overlays::accept::open(targets, &mut cx!(self));
                            return vec![];
                        }
                    }
                    let actor = self.actor();
                    for t in &targets {
                        if self
                            .doc
                            .ws
                            .set_remediation(t, RemediationField::Status(next), &actor)
                        {
                            self.doc.changed_id(t);
                        }
                    }
                    self.set_message(match targets.as_slice() {
                        [one] => format!("{one}: status {next}"),
                        many => format!(
                            "{}: status {next}",
                            self.board.bulk_label(&self.doc, many.len())
                        ),
                    });
                }
            }
            Action::GapForm => self.open_gap_form(),
            Action::Comment => {
                if let Some(id) = self.current_gap_id() {
                    self.open_prompt(PromptKind::Comment, id, String::new());
                }
            }
            Action::EditPlan => {
                if let Some(id) = self.current_gap_id() {
                    let mut text = self.doc.ws.remediation(&id).plan;
                    if text.trim().is_empty() {
                        text = self.suggested_plan(&id).unwrap_or_default();
                    }
                    self.open_editor(EditTarget::Plan(id), &text);
                }
            }
            _ => {}
        }
        vec![]
    }

    /// `S`: management's response to the finding the current gap belongs to, kept under
    /// the finding's lead item.
    pub(crate) fn open_response(&mut self) {
        // A project groups findings; each of them has its own response.
        if self.act_on_project_row(Action::Response).is_some() {
            return;
        }
        let Some(id) = self.current_gap_id() else {
            return;
        };
        let gaps = self.doc.gaps();
        let lead = crate::domain::findings::finding_of(
            self.doc.catalog,
            &self.doc.ws,
            &gaps,
            &id,
            self.doc.today,
            self.doc.renewal_window,
            false,
        )
        .map_or(id.clone(), |f| f.id().to_string());
        if lead != id {
            self.set_message(format!(
                "{id} is printed under {lead} (the same problem): the response is {lead}'s"
            ));
        }
        self.open_prompt(crate::tui::state::PromptKind::Response, lead, String::new());
    }
}

#[cfg(test)]
#[path = "findings_keys_tests.rs"]
mod findings_keys_tests;

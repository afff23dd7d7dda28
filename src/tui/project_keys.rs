//! Remediation projects on the board: `P` groups the marked gaps (or the one under the
//! cursor) into a new project or an existing one; on a project's row `o` and `d` set its
//! owner and due date, which its gaps without their own take.

use crate::domain::gaps::GapKind;
use crate::domain::project::{Project, can_join};
use crate::tui::app::{App, Tab};
use crate::tui::keymap::Action;
use crate::tui::state::{Prompt, PromptKind};

impl App {
    /// `P`: asks which project the marked gaps (or the cursor's) go into.
    pub(crate) fn group_into_project(&mut self) {
        if self.tab != Tab::Gaps {
            return;
        }
        let all = self.doc.gaps();
        let chosen: Vec<String> = if self.board.marked.is_empty() {
            self.board_gap().into_iter().map(|g| g.id).collect()
        } else {
            self.board.marked.iter().cloned().collect()
        };
        let ids: Vec<String> = chosen
            .into_iter()
            .filter(|id| all.iter().any(|g| &g.id == id && can_join(g.kind)))
            .collect();
        if ids.is_empty() {
            self.set_message(
                "a project groups findings, register risks and vendors: mark them (Space), then P",
            );
            return;
        }
        let known: Vec<String> = self
            .doc
            .ws
            .projects
            .iter()
            .map(|p| {
                format!(
                    "{} {}",
                    p.id,
                    crate::domain::text::truncate_clean(&p.name, 24)
                )
            })
            .collect();
        let offer = if known.is_empty() {
            String::new()
        } else {
            format!(" ({})", known.join(", "))
        };
        self.open_prompt(PromptKind::Project { offer }, ids.join("\n"), String::new());
    }

    /// The project prompt's answer: an existing project's id adds the gaps to it, any other
    /// text names a new project. The cursor follows the project's row.
    pub(crate) fn accept_project_prompt(&mut self, p: &Prompt) -> Result<Option<Prompt>, String> {
        let v = p.input.text().trim();
        if v.is_empty() {
            return Err("a project needs a name, or the id of one to add to (Esc cancels)".into());
        }
        let actor = self.actor();
        let existing = self
            .doc
            .ws
            .projects
            .iter()
            .find(|x| x.id.eq_ignore_ascii_case(v))
            .map(|x| x.id.clone());
        let (pid, new) = match existing {
            Some(id) => (id, false),
            None => {
                let name = v.to_string();
                (
                    self.doc.ws.add_project(
                        Project {
                            name,
                            ..Project::default()
                        },
                        &actor,
                    ),
                    true,
                )
            }
        };
        let ids: Vec<&str> = p.id.split('\n').filter(|s| !s.is_empty()).collect();
        for id in &ids {
            self.doc.ws.set_project(id, Some(&pid), &actor);
        }
        self.board.marked.clear();
        self.doc.touch();
        self.follow_gap(&pid, true);
        // The cursor goes to the project, not back to the gap it was on.
        self.board.jumped = true;
        let gaps = crate::domain::text::count(ids.len(), "gap", "gaps");
        self.set_message(if new {
            format!("{pid} started with {gaps}: o sets its owner, d its due date, for gaps without their own")
        } else {
            format!("{gaps} added to {pid}")
        });
        Ok(None)
    }

    /// A gap key on a project's row: `o` and `d` edit the project; the others say what
    /// does. `None` when the cursor is not on a project.
    pub(crate) fn act_on_project_row(&mut self, action: Action) -> Option<()> {
        let g = self
            .board_gap()
            .filter(|g| self.tab == Tab::Gaps && g.kind == GapKind::Project)?;
        let project = self.doc.ws.project(&g.id)?.clone();
        match action {
            Action::SetOwner => self.open_prompt(PromptKind::Owner, project.id, project.owner),
            Action::SetDue => self.open_prompt(
                PromptKind::Due,
                project.id,
                project.due.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Action::EditPlan => {
                let id = project.id.clone();
                self.open_editor(crate::tui::state::EditTarget::Plan(id), &project.plan);
            }
            // In a meeting, what is said on a project's row is recorded on the project: a
            // key that only showed a message let the words typed next run as commands on
            // the next gap (found by attack). A project has no response of its own (each of
            // its findings has), so `S` records what is said as a comment on it.
            Action::Comment | Action::Response => {
                let id = project.id.clone();
                self.open_prompt(PromptKind::Comment, id.clone(), String::new());
                if action == Action::Response {
                    self.set_message(format!(
                        "{id} is a project: each of its findings takes its own response; this records a comment on {id}"
                    ));
                }
            }
            _ => self.set_message(format!(
                "{}: a project's status follows its gaps; o sets its owner, d its due date, r its plan, P on marked gaps adds them",
                project.id
            )),
        }
        Some(())
    }

    /// The owner or due prompt answered on a project's row.
    pub(crate) fn accept_project_field(&mut self, p: &Prompt) -> Result<Option<Prompt>, String> {
        let v = p.input.text().trim();
        let Some(mut project) = self.doc.ws.project(&p.id).cloned() else {
            return Ok(None);
        };
        let what = if p.kind == PromptKind::Owner {
            project.owner = v.to_string();
            format!("owner {}", if v.is_empty() { "cleared" } else { v })
        } else {
            project.due = if v.is_empty() {
                None
            } else {
                Some(crate::domain::dates::parse_due(v, self.doc.today)?)
            };
            format!(
                "due {}",
                project
                    .due
                    .map_or_else(|| "cleared".to_string(), |d| d.to_string())
            )
        };
        let id = project.id.clone();
        let actor = self.actor();
        if self.doc.ws.update_project(project, &actor) {
            self.doc.touch();
            self.follow_gap(&id, true);
        }
        self.set_message(format!("{id}: {what}; its gaps without their own take it"));
        Ok(None)
    }
}

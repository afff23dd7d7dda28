//! The merge conflicts a workspace holds (`C`): each one's two values, and the choice of
//! ours, theirs, or writing a new text (notes, plans, reasons).

use crate::domain::merge::{Side, resolve};
use crate::tui::prelude::*;

impl App {
    pub(crate) fn open_conflicts(&mut self) {
        if self.ws.conflicts.is_empty() {
            self.set_message("no merge conflicts in this workspace");
            return;
        }
        self.mode = Mode::MergeConflicts { selected: 0 };
    }

    /// The conflict of a question or gap, for its mark.
    pub fn conflict_on(&self, id: &str) -> Option<&crate::domain::conflict::Conflict> {
        self.ws.conflicts.iter().find(|c| c.id == id)
    }

    pub(crate) fn merge_conflicts_key(&mut self, selected: usize, key: KeyEvent) -> Vec<Effect> {
        let n = self.ws.conflicts.len();
        let mut selected = selected.min(n.saturating_sub(1));
        match keymap::lookup(&[Context::MergeConflicts], &key) {
            Some(Action::Close) => return vec![],
            Some(Action::Down) => selected = (selected + 1).min(n.saturating_sub(1)),
            Some(Action::Up) => selected = selected.saturating_sub(1),
            Some(action @ (Action::KeepOurs | Action::TakeTheirs)) => {
                if self.refuse_read_only() {
                    return vec![];
                }
                let side = if action == Action::KeepOurs {
                    Side::Ours
                } else {
                    Side::Theirs
                };
                let c = self.ws.conflicts[selected].clone();
                match resolve(&mut self.ws, selected, side) {
                    Ok(()) => {
                        self.touch();
                        self.set_message(format!(
                            "{} {}: {} kept",
                            c.id,
                            c.field,
                            if side == Side::Ours { "ours" } else { "theirs" }
                        ));
                    }
                    Err(e) => self.set_message(e),
                }
            }
            Some(Action::EditConflict) => {
                if self.refuse_read_only() {
                    return vec![];
                }
                let c = self.ws.conflicts[selected].clone();
                let text: Option<String> = ron::from_str(&c.ours).ok();
                let target = match c.field.as_str() {
                    "note" => Some(EditTarget::Note(c.id.clone())),
                    "plan" => Some(EditTarget::Plan(c.id.clone())),
                    _ => None,
                };
                match (target, text) {
                    (Some(target), Some(text)) => {
                        // The written text settles it: ours is the starting point.
                        let _ = resolve(&mut self.ws, selected, Side::Ours);
                        self.touch();
                        self.open_editor(target, &text);
                        return vec![];
                    }
                    _ => self.set_message(format!(
                        "{} is not a text to write: o keeps ours, t takes theirs, then change it with its own key",
                        c.field
                    )),
                }
            }
            _ => {}
        }
        if !self.ws.conflicts.is_empty() {
            self.mode = Mode::MergeConflicts {
                selected: selected.min(self.ws.conflicts.len() - 1),
            };
        } else {
            self.set_message("every merge conflict is resolved");
        }
        vec![]
    }
}

pub(crate) fn draw_merge_conflicts(
    f: &mut Frame,
    app: &App,
    t: &Theme,
    area: Rect,
    selected: usize,
) {
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(format!(
            " {} from a merge · o keep ours · t take theirs · e write a new text · Esc close ",
            crate::domain::text::count(app.ws.conflicts.len(), "conflict", "conflicts")
        ))
        .border_style(t.warn());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, c) in app.ws.conflicts.iter().enumerate() {
        let style = if i == selected {
            t.selected()
        } else {
            Style::default()
        };
        let what = app
            .catalog
            .get(&c.id)
            .map(|q| q.prompt.clone())
            .unwrap_or_default();
        lines.push(Line::from(Span::styled(
            truncate(&format!("≠ {} · {} · {what}", c.id, c.field), w),
            style.add_modifier(Modifier::BOLD),
        )));
        let shown = |v: &str| {
            if app.redact {
                REDACTED.to_string()
            } else {
                v.to_string()
            }
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("    ours:   {}", shown(&c.ours)), w),
            style,
        )));
        lines.push(Line::from(Span::styled(
            truncate(&format!("    theirs: {}", shown(&c.theirs)), w),
            style,
        )));
    }
    let visible = usize::from(inner.height).max(3) / 3;
    let skip = selected.saturating_sub(visible.saturating_sub(1)) * 3;
    f.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
}

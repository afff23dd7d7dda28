//! The form that adds or edits a register entry.

use crate::tui::prelude::*;

impl App {
    pub(crate) fn form_key(&mut self, mut form: Box<RiskForm>, key: KeyEvent) -> Vec<Effect> {
        let n = RISK_FIELDS.len();
        match keymap::lookup(&[Context::RiskForm], &key) {
            Some(Action::Close) => {
                self.set_message("cancelled: the register is unchanged");
                return vec![];
            }
            Some(Action::NextField) => form.field = (form.field + 1) % n,
            Some(Action::PrevField) => form.field = (form.field + n - 1) % n,
            Some(Action::Accept) => match form.entry(self.catalog) {
                Ok(entry) => {
                    let actor = self.actor();
                    if form.id.is_empty() {
                        let id = self.ws.add_risk(entry, &actor);
                        self.risk_row = self.ws.risks.len() - 1;
                        self.set_message(format!("{id} added to the register"));
                    } else {
                        let id = entry.id.clone();
                        if self.ws.update_risk(entry, &actor) {
                            self.set_message(format!("{id} saved"));
                        }
                    }
                    self.risk_changed();
                    return vec![];
                }
                Err((field, e)) => {
                    form.field = field;
                    form.error = Some(e);
                    self.mode = Mode::RiskForm(form);
                    return vec![];
                }
            },
            _ => {
                form.inputs[form.field].handle(&key);
            }
        }
        form.error = None;
        self.mode = Mode::RiskForm(form);
        vec![]
    }
}

pub(crate) fn draw_risk_form(f: &mut Frame, t: &Theme, area: Rect, form: &RiskForm) {
    let boxed = centered(area, 100, (RISK_FIELDS.len() as u16) + 5);
    f.render_widget(Clear, boxed);
    let title = if form.id.is_empty() {
        " New risk ".to_string()
    } else {
        format!(" Edit {} ", form.id)
    };
    let block = Block::bordered()
        .title(format!("{title}· Tab/↑↓ field · Enter save · Esc cancel "))
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let label_w = usize::from((inner.width / 3).min(36));
    let value_w = usize::from(inner.width).saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = RISK_FIELDS
        .iter()
        .zip(&form.inputs)
        .enumerate()
        .map(|(i, (label, value))| {
            let focused = i == form.field;
            let marker = if focused { "▶" } else { " " };
            let text = value.text();
            let shown = if text.chars().count() > value_w {
                let skip = text.chars().count() - value_w + 1;
                format!("…{}", text.chars().skip(skip).collect::<String>())
            } else {
                text.to_string()
            };
            let style = if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            let label = Span::styled(
                format!("{marker} {:<label_w$} ", truncate(label, label_w)),
                t.dim(),
            );
            if focused && text.chars().count() <= value_w {
                let mut line = value.line(style);
                line.spans.insert(0, label);
                line
            } else {
                Line::from(vec![label, Span::styled(shown, style)])
            }
        })
        .collect();
    lines.push(Line::default());
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(format!("✗ {e}"), t.warn())));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

//! The form that adds or edits a register entry.

use crate::tui::prelude::*;

impl App {
    pub(crate) fn form_key(&mut self, mut form: Box<RiskForm>, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let n = RISK_FIELDS.len();
        match key.code {
            KeyCode::Esc => {
                self.set_message("cancelled: the register is unchanged");
                return vec![];
            }
            KeyCode::Tab | KeyCode::Down => form.field = (form.field + 1) % n,
            KeyCode::BackTab | KeyCode::Up => form.field = (form.field + n - 1) % n,
            KeyCode::Backspace => {
                form.inputs[form.field].pop();
            }
            KeyCode::Char('u') if ctrl => form.inputs[form.field].clear(),
            KeyCode::Enter => match form.entry(self.catalog) {
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
            KeyCode::Char(c) if !ctrl => form.inputs[form.field].push(c),
            _ => {}
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
            let shown = if value.chars().count() > value_w {
                let skip = value.chars().count() - value_w + 1;
                format!("…{}", value.chars().skip(skip).collect::<String>())
            } else {
                value.clone()
            };
            let style = if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(
                    format!("{marker} {:<label_w$} ", truncate(label, label_w)),
                    t.dim(),
                ),
                Span::styled(shown, style),
            ])
        })
        .collect();
    lines.push(Line::default());
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(format!("✗ {e}"), t.warn())));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let row = inner.y + form.field as u16;
    let col =
        inner.x + label_w as u16 + 3 + form.inputs[form.field].chars().count().min(value_w) as u16;
    if col < inner.right() && row < inner.bottom() {
        f.set_cursor_position((col, row));
    }
}

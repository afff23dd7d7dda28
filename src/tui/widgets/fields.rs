//! A form's labelled fields in a centred box: every form (remediation, engagement,
//! evidence, vendor) draws through here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::text::truncate_clean as truncate;
use crate::tui::theme::{Theme, centered};
use crate::tui::widgets::text_input::TextInput;

/// Labelled fields, the focused one with its cursor, and the error under them.
pub struct Fields<'a> {
    pub title: String,
    pub labels: &'a [&'a str],
    pub inputs: &'a [TextInput],
    pub field: usize,
    pub error: Option<&'a str>,
    /// Per field, a hint shown dimmed while the field is empty (the threat library's
    /// text); may be shorter than the fields, or empty.
    pub hints: &'a [String],
    /// Lines under the fields (completions, hints).
    pub extra: Vec<Line<'static>>,
}

pub fn draw_fields(f: &mut Frame, t: &Theme, area: Rect, form: Fields) {
    let height = form.labels.len() as u16 + 5 + form.extra.len() as u16;
    let boxed = centered(area, 100, height);
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(format!(
            "{}· Tab/↑↓ field · Enter save · Esc cancel ",
            form.title
        ))
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let label_w = usize::from((inner.width / 3).min(36));
    let value_w = usize::from(inner.width).saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = form
        .labels
        .iter()
        .zip(form.inputs)
        .enumerate()
        .map(|(i, (label, value))| {
            let focused = i == form.field;
            let marker = if focused { "▶" } else { " " };
            let text = value.text();
            let hint = form
                .hints
                .get(i)
                .filter(|h| !h.is_empty() && text.is_empty());
            if let Some(h) = hint {
                let label = Span::styled(
                    format!("{marker} {:<label_w$} ", truncate(label, label_w)),
                    t.dim(),
                );
                let shown = truncate(&format!("hint: {h}"), value_w.saturating_sub(1));
                let cursor = if focused { "▏" } else { "" };
                return Line::from(vec![
                    label,
                    Span::raw(cursor),
                    Span::styled(shown, t.dim().add_modifier(Modifier::ITALIC)),
                ]);
            }
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
    if let Some(e) = form.error {
        lines.push(Line::from(Span::styled(format!("✗ {e}"), t.warn())));
    }
    lines.extend(form.extra);
    f.render_widget(Paragraph::new(lines), inner);
}

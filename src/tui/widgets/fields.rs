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
    let lines: Vec<Line> = form
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
    let mut tail = Vec::new();
    if let Some(e) = form.error {
        tail.push(Line::from(Span::styled(format!("✗ {e}"), t.warn())));
    }
    tail.extend(form.extra);
    let (shown, scrolled) = window(lines, tail, form.field, usize::from(inner.height));
    f.render_widget(Paragraph::new(shown), inner);
    if let Some(note) = scrolled {
        // Said on the bottom border, where no field is hidden by it.
        let bottom = Rect {
            y: boxed.y + boxed.height.saturating_sub(1),
            height: 1,
            x: boxed.x + 2,
            width: boxed.width.saturating_sub(4),
        };
        f.render_widget(Paragraph::new(Span::styled(note, t.dim())), bottom);
    }
}

/// The lines a box of `height` rows shows: every field, a blank line and the error and hints
/// when they fit; on a short screen the error and hints first (what the user must read),
/// then as many fields as fit around the focused one, which is always shown, with a note
/// saying which fields are out of sight.
fn window<'a>(
    fields: Vec<Line<'a>>,
    tail: Vec<Line<'a>>,
    focused: usize,
    height: usize,
) -> (Vec<Line<'a>>, Option<String>) {
    let n = fields.len();
    if n + 1 + tail.len() <= height {
        let mut all = fields;
        all.push(Line::default());
        all.extend(tail);
        return (all, None);
    }
    let keep_tail = tail.len().min(height.saturating_sub(1));
    let room = height.saturating_sub(keep_tail).max(1);
    let start = if focused < room {
        0
    } else {
        focused + 1 - room
    }
    .min(n.saturating_sub(room));
    let end = (start + room).min(n);
    let mut shown: Vec<Line> = fields.into_iter().skip(start).take(end - start).collect();
    shown.extend(tail.into_iter().take(keep_tail));
    let note = (start > 0 || end < n).then(|| {
        format!(
            " fields {}-{} of {n}{}{} ",
            start + 1,
            end,
            if start > 0 { " · ↑ more" } else { "" },
            if end < n { " · ↓ more" } else { "" },
        )
    });
    (shown, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At 80x24 and at the 60x15 minimum, the focused field and the error under the fields
    /// stay on screen, wherever the focus is (found by attack: the engagement form's 21
    /// fields ran past the box, and Enter seemed to do nothing while its error was drawn
    /// out of sight).
    #[test]
    fn the_focused_field_and_the_error_stay_in_sight_on_a_short_screen() {
        let labels: Vec<String> = (1..=21).map(|i| format!("Field number {i}")).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let inputs = vec![TextInput::default(); labels.len()];
        for (w, h) in [(80, 24), (60, 15), (120, 40)] {
            for field in 0..labels.len() {
                let backend = ratatui::backend::TestBackend::new(w, h);
                let mut term = ratatui::Terminal::new(backend).unwrap();
                term.draw(|f| {
                    draw_fields(
                        f,
                        &Theme { color: false },
                        f.area(),
                        Fields {
                            title: " Engagement ".into(),
                            labels: &labels,
                            inputs: &inputs,
                            field,
                            error: Some("five levels, very low to very high"),
                            hints: &[],
                            extra: vec![Line::from("Tab: Dana, Lee")],
                        },
                    )
                })
                .unwrap();
                let screen: String = term
                    .backend()
                    .buffer()
                    .content()
                    .iter()
                    .map(|c| c.symbol())
                    .collect();
                let focused = format!("▶ Field number {} ", field + 1);
                assert!(screen.contains(&focused), "{w}x{h}, field {field}");
                assert!(screen.contains("✗ five levels"), "{w}x{h}, field {field}");
                if h < 30 {
                    assert!(screen.contains("of 21"), "{w}x{h}: says fields are hidden");
                }
            }
        }
    }
}

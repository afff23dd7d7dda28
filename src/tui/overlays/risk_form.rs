//! The form that adds or edits a register entry.

use crate::tui::state::{FormField, RiskField, RiskForm};
use crate::tui::theme::Theme;
use crate::tui::widgets::fields::{Fields, draw_fields};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub(crate) fn draw_risk_form(f: &mut Frame, t: &Theme, area: Rect, form: &RiskForm) {
    let title = if form.id.is_empty() {
        " New risk ".to_string()
    } else {
        format!(" Edit {} ", form.id)
    };
    draw_fields(
        f,
        t,
        area,
        Fields {
            title,
            labels: &RiskField::labels(),
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            hints: &form.hints,
            extra: match form.focused_hint() {
                Some(h) => vec![Line::from(Span::styled(
                    "Library hint (Ctrl-t takes it to edit; never saved as it is):",
                    t.dim(),
                ))]
                .into_iter()
                .chain(
                    wrap(h, usize::from(area.width.min(100).saturating_sub(4)))
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, t.dim()))),
                )
                .collect(),
                None => Vec::new(),
            },
        },
    );
}

/// Words into lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

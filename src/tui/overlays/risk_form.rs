//! The form that adds or edits a register entry.

use crate::tui::state::{FormField, RiskField, RiskForm};
use crate::tui::theme::Theme;
use crate::tui::widgets::fields::{Fields, draw_fields};
use ratatui::Frame;
use ratatui::layout::Rect;

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
            extra: Vec::new(),
        },
    );
}

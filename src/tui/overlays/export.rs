//! The export menu (`X`): format and redaction.

use crate::tui::prelude::*;

pub(crate) fn draw_export(f: &mut Frame, t: &Theme, area: Rect, selected: usize, redact: bool) {
    use crate::exchange::export::ExportFormat;
    let boxed = centered(area, 80, ExportFormat::ALL.len() as u16 + 6);
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(" Export (written beside the workspace) · Enter write · Esc cancel ")
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let mut lines: Vec<Line> = ExportFormat::ALL
        .iter()
        .enumerate()
        .map(|(i, fmt)| {
            let name = format!("{fmt:?}").to_lowercase();
            let text = format!(
                "{} {name:<5} {}",
                if i == selected { "▶" } else { " " },
                fmt.describe()
            );
            Line::from(Span::styled(
                text,
                if i == selected {
                    t.selected()
                } else {
                    Style::default()
                },
            ))
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        if redact {
            "r  redaction ON: notes, evidence locations and plans are left out".to_string()
        } else {
            "r  redaction OFF: the export includes notes, which may hold PHI".to_string()
        },
        if redact { t.accent() } else { t.warn() },
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

//! The export menu (`X`): format and redaction.

use crate::tui::cx::Cx;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::Mode;
use crate::tui::theme::{Theme, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

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
                "{} {name:<8} {}",
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
            "r  redaction ON: notes, evidence file names and plans are left out".to_string()
        } else {
            "r  redaction OFF: the export includes notes, which may hold PHI".to_string()
        },
        if redact { t.accent() } else { t.warn() },
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The export menu: choose a format, redaction, Enter writes it.
pub(crate) fn export_key(selected: usize, redact: bool, key: KeyEvent, cx: &mut Cx) -> Vec<Effect> {
    use crate::exchange::export::ExportFormat;
    let n = ExportFormat::ALL.len();
    let (selected, redact) = match keymap::lookup(&[Context::Export], &key) {
        Some(Action::Down) => ((selected + 1).min(n - 1), redact),
        Some(Action::Up) => (selected.saturating_sub(1), redact),
        Some(Action::ToggleExportRedaction) => (selected, !redact),
        Some(Action::Accept) => {
            return vec![Effect::Export {
                format: ExportFormat::ALL[selected],
                redact,
            }];
        }
        Some(Action::Close) => return vec![],
        _ => (selected, redact),
    };
    *cx.mode = Mode::Export { selected, redact };
    vec![]
}

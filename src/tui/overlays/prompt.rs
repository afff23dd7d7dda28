//! One-line prompts (owner, due date, likelihood, impact, filter, evidence, save elsewhere): keys, checks, drawing.

use crate::tui::app::{App, Tab};
use crate::tui::state::{Mode, PromptKind};
use crate::tui::theme::{Theme, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub(crate) fn draw_prompt(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let Mode::Prompt(p) = &app.mode else { return };
    let completions = if p.kind == PromptKind::Owner {
        app.owner_completions(p.input.text())
    } else {
        vec![]
    };
    let boxed = centered(area, 72, 7);
    f.render_widget(Clear, boxed);
    let who = if p.kind == PromptKind::Filter {
        "Board".to_string()
    } else if app.tab == Tab::Gaps && !app.board.marked.is_empty() {
        format!(
            "{} marked",
            crate::domain::text::count(app.board.marked.len(), "gap", "gaps")
        )
    } else {
        p.id.clone()
    };
    let block = Block::bordered()
        .title(format!(" {who} · {} ", p.kind.title()))
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let mut first = p.input.line(Style::default());
    first.spans.insert(0, Span::raw("> "));
    let mut lines = vec![first];
    match &p.error {
        Some(e) => lines.push(Line::from(Span::styled(format!("✗ {e}"), t.warn()))),
        None => lines.push(Line::default()),
    }
    if !completions.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Tab: {}", completions.join(", ")),
            t.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        "Enter accept · Esc cancel",
        t.dim(),
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

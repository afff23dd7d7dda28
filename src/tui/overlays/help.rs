//! The `?` help overlay, generated from the key table.

use crate::tui::prelude::*;

/// The help text, built from the key table for the contexts active now.
pub fn help_lines(app: &App) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let contexts = app.contexts();
    for ctx in [
        Context::Global,
        Context::Audit,
        Context::Gap,
        Context::Board,
        Context::Register,
    ] {
        let active = contexts.contains(&ctx);
        let suffix = if active { "" } else { " (not here)" };
        out.push((format!("{}{suffix}", ctx.title()), String::new()));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            out.push((format!("  {}", keys.join(" / ")), b.help.to_string()));
        }
    }
    out.push(("Note and plan editor".into(), String::new()));
    for (k, h) in keymap::EDITOR_KEYS {
        out.push((format!("  {k}"), h.to_string()));
    }
    out.push(("Prompts".into(), String::new()));
    for (k, h) in keymap::PROMPT_KEYS {
        out.push((format!("  {k}"), h.to_string()));
    }
    out
}

pub(crate) fn draw_help(f: &mut Frame, app: &App, t: &Theme, area: Rect, scroll: u16) {
    let boxed = centered(area, 84, area.height.saturating_sub(2));
    f.render_widget(Clear, boxed);
    let lines: Vec<Line> = help_lines(app)
        .into_iter()
        .map(|(k, h)| {
            if h.is_empty() {
                Line::from(Span::styled(k, t.accent().add_modifier(Modifier::BOLD)))
            } else {
                Line::from(vec![
                    Span::styled(
                        format!("{k:<22}"),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(h),
                ])
            }
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines.clone())
            .scroll((
                scroll.min(
                    lines
                        .len()
                        .saturating_sub(usize::from(boxed.height.saturating_sub(2)))
                        as u16,
                ),
                0,
            ))
            .block(
                Block::bordered()
                    .title(" Keys (↑↓ scroll, any other key closes) ")
                    .border_style(t.accent()),
            ),
        boxed,
    );
}

//! The `?` help overlay, generated from the key table.

use crate::tui::cx::Cx;
use crate::tui::keymap::{self, Action, BINDINGS, Context};
use crate::tui::msg::Effect;
use crate::tui::state::Mode;
use crate::tui::theme::{Theme, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// The help text, built from the key table for the contexts active now.
pub fn help_lines(contexts: &[Context]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for ctx in Context::ALL {
        let active = contexts.contains(&ctx);
        let suffix = if active || ctx == Context::Help {
            ""
        } else {
            " (not here)"
        };
        out.push((format!("{}{suffix}", ctx.title()), String::new()));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            // A row without keys stands for typing, or for any other key.
            let keys = match (keys.is_empty(), b.action) {
                (false, _) => keys.join(" / "),
                (true, Action::Typing) => "(type)".to_string(),
                (true, _) => "(any key)".to_string(),
            };
            out.push((format!("  {keys}"), b.help.to_string()));
        }
    }
    out
}

/// Keys while help is open: scroll, or close on anything else.
pub(crate) fn help_key(scroll: u16, key: KeyEvent, cx: &mut Cx) -> Vec<Effect> {
    *cx.mode = match keymap::lookup(&[Context::Help], &key) {
        Some(Action::Down) => Mode::Help { scroll: scroll + 1 },
        Some(Action::Up) => Mode::Help {
            scroll: scroll.saturating_sub(1),
        },
        Some(Action::PageDown) => Mode::Help {
            scroll: scroll + 10,
        },
        Some(Action::PageUp) => Mode::Help {
            scroll: scroll.saturating_sub(10),
        },
        _ => Mode::Normal,
    };
    vec![]
}

pub(crate) fn draw_help(f: &mut Frame, t: &Theme, contexts: &[Context], area: Rect, scroll: u16) {
    let boxed = centered(area, 84, area.height.saturating_sub(2));
    f.render_widget(Clear, boxed);
    let lines: Vec<Line> = help_lines(contexts)
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

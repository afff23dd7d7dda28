//! The threat library a new register entry starts from.

use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::RiskEntry;
use crate::tui::cx::Cx;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::{Mode, RiskForm};
use crate::tui::theme::{Theme, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

pub(crate) fn library_key(selected: usize, key: KeyEvent, cx: &mut Cx) -> Vec<Effect> {
    let len = risk::library().len() + 1;
    match keymap::lookup(&[Context::Library], &key) {
        Some(Action::Close) => return vec![],
        Some(Action::Down) => {
            *cx.mode = Mode::Library {
                selected: (selected + 1).min(len - 1),
            }
        }
        Some(Action::Up) => {
            *cx.mode = Mode::Library {
                selected: selected.saturating_sub(1),
            }
        }
        Some(Action::PageDown) => {
            *cx.mode = Mode::Library {
                selected: (selected + 10).min(len - 1),
            }
        }
        Some(Action::PageUp) => {
            *cx.mode = Mode::Library {
                selected: selected.saturating_sub(10),
            }
        }
        Some(Action::Accept) => {
            let entry = match selected {
                0 => RiskEntry {
                    likelihood: Rating::MODERATE,
                    impact: Rating::MODERATE,
                    ..RiskEntry::default()
                },
                n => risk::library()[n - 1].entry(),
            };
            *cx.mode = Mode::RiskForm(Box::new(RiskForm::from_entry(&entry)));
        }
        _ => *cx.mode = Mode::Library { selected },
    }
    vec![]
}

pub(crate) fn draw_library(f: &mut Frame, t: &Theme, area: Rect, selected: usize) {
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(" Add a risk: choose a starting point (Enter), Esc cancels ")
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(inner);
    let w = usize::from(list.width);
    let lib = risk::library();
    let mut items = vec![ListItem::new("  (blank entry)")];
    items.extend(lib.iter().map(|tpl| {
        let level = RiskLevel::of(tpl.likelihood, tpl.impact);
        ListItem::new(Line::from(vec![
            Span::styled(
                format!(
                    "{:>2} {:<2} ",
                    Rating::score(tpl.likelihood, tpl.impact),
                    level.short()
                ),
                t.level(level),
            ),
            Span::raw(truncate(&tpl.title, w.saturating_sub(7))),
        ]))
    }));
    let mut st = ListState::default().with_selected(Some(selected));
    f.render_stateful_widget(
        List::new(items).highlight_style(t.selected()),
        list,
        &mut st,
    );
    if let Some(tpl) = selected.checked_sub(1).and_then(|i| lib.get(i)) {
        f.render_widget(
            Paragraph::new(vec![
                Line::from(format!("Threat: {}", tpl.threat)),
                Line::from(format!("Vulnerability: {}", tpl.vulnerability)),
            ])
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP)),
            detail,
        );
    }
}

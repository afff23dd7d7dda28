//! The threat library a new register entry starts from.

use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::RiskEntry;
use crate::tui::cx::Cx;
use crate::tui::doc::Doc;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::{FormField, Mode, RiskField, RiskForm};
use crate::tui::theme::{Theme, centered};
use crate::tui::widgets::text_input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

/// The library's rows after the blank entry: every pair, or for an asset the pairs of its
/// kind not yet assessed for it, with what the answers suggest as its vulnerability.
pub(crate) fn choices<'a>(doc: &Doc, asset: Option<&str>) -> Vec<risk::Offer<'a>> {
    match asset.and_then(|id| doc.ws.asset(id)) {
        Some(a) => risk::offers_for(&doc.ws, doc.catalog, a),
        None => risk::library()
            .iter()
            .map(|t| risk::Offer {
                template: t,
                vulnerability: None,
            })
            .collect(),
    }
}

pub(crate) fn library_key(
    selected: usize,
    asset: Option<String>,
    key: KeyEvent,
    cx: &mut Cx,
) -> Vec<Effect> {
    let offers = choices(cx.doc, asset.as_deref());
    let len = offers.len() + 1;
    let at = |selected: usize| Mode::Library {
        selected,
        asset: asset.clone(),
    };
    match keymap::lookup(&[Context::Library], &key) {
        Some(Action::Close) => return vec![],
        Some(Action::Down) => *cx.mode = at((selected + 1).min(len - 1)),
        Some(Action::Up) => *cx.mode = at(selected.saturating_sub(1)),
        Some(Action::PageDown) => *cx.mode = at((selected + 10).min(len - 1)),
        Some(Action::PageUp) => *cx.mode = at(selected.saturating_sub(10)),
        Some(Action::Accept) => {
            let assets: Vec<String> = asset.iter().cloned().collect();
            let form = match selected.checked_sub(1).and_then(|i| offers.get(i)) {
                None => RiskForm::from_entry(&RiskEntry {
                    likelihood: Rating::MODERATE,
                    impact: Rating::MODERATE,
                    assets,
                    ..RiskEntry::default()
                }),
                Some(o) => {
                    let mut form = RiskForm::from_template(o.template, &assets);
                    if let Some(v) = &o.vulnerability {
                        form.inputs[RiskField::Vulnerability.index()] = TextInput::new(v.clone());
                    }
                    form
                }
            };
            *cx.mode = Mode::RiskForm(Box::new(form));
        }
        _ => *cx.mode = at(selected),
    }
    vec![]
}

pub(crate) fn draw_library(
    f: &mut Frame,
    t: &Theme,
    doc: &Doc,
    area: Rect,
    selected: usize,
    asset: Option<&str>,
) {
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(match asset.and_then(|id| doc.ws.asset(id)) {
            Some(a) => format!(
                " Risks for {} {} ({}): pairs not yet assessed · Enter start · Esc cancel ",
                a.id,
                truncate(&a.name, 40),
                a.kind.label()
            ),
            None => " Add a risk: choose a starting point (Enter), Esc cancels ".to_string(),
        })
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(inner);
    let w = usize::from(list.width);
    let offers = choices(doc, asset);
    let mut items = vec![ListItem::new("  (blank entry)")];
    items.extend(offers.iter().map(|o| {
        let tpl = o.template;
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
    if let Some(o) = selected.checked_sub(1).and_then(|i| offers.get(i)) {
        let tpl = o.template;
        let vulnerability = match &o.vulnerability {
            Some(v) => format!("Vulnerability (from the answers): {v}"),
            None => format!("Vulnerability (library hint): {}", tpl.vulnerability),
        };
        f.render_widget(
            Paragraph::new(vec![
                Line::from(format!("Threat: {}", tpl.threat)),
                Line::from(vulnerability),
            ])
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP)),
            detail,
        );
    }
}

//! Search over questions, ids, references and notes (`/`).

use crate::domain::catalog::Area;
use crate::domain::text::truncate_clean as truncate;
use crate::tui::app::App;
use crate::tui::state::Mode;
use crate::tui::theme::{Theme, centered};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};

pub(crate) fn draw_search(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let Mode::Search(s) = &app.mode else { return };
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let title = if s.board {
        " Search the board: gap ids, owners, words of the finding or plan, status "
    } else {
        " Search: ids, words, references (164.312, PR.AA), tags, note text "
    };
    let block = Block::bordered().title(title).border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [input, count, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let mut line = s.query.line(Style::default());
    line.spans.insert(0, Span::raw("/ "));
    f.render_widget(Paragraph::new(line), input);
    f.render_widget(
        Paragraph::new(Span::styled(
            match (s.query.is_empty(), s.board, s.results.len()) {
                (true, false, _) => "type to search all four audits".to_string(),
                (true, true, _) => "type to search every gap on the board".to_string(),
                (false, false, 1) => "1 question".to_string(),
                (false, false, n) => format!("{n} questions"),
                (false, true, 1) => "1 gap".to_string(),
                (false, true, n) => format!("{n} gaps"),
            },
            t.dim(),
        )),
        count,
    );
    let w = usize::from(list.width);
    if s.board {
        let gaps = app.doc.gaps();
        let items: Vec<ListItem> = s
            .results
            .iter()
            .filter_map(|&i| gaps.get(i))
            .map(|g| {
                let owner = if g.owner.is_empty() { "—" } else { &g.owner };
                ListItem::new(truncate(
                    &format!(
                        " {:<10} {:<14} {:<11} {}",
                        g.id,
                        truncate(owner, 14),
                        g.status.label(),
                        g.title
                    ),
                    w,
                ))
            })
            .collect();
        let mut st =
            ListState::default().with_selected((!s.results.is_empty()).then_some(s.selected));
        f.render_stateful_widget(
            List::new(items).highlight_style(t.selected()),
            list,
            &mut st,
        );
        return;
    }
    let items: Vec<ListItem> = s
        .results
        .iter()
        .map(|&i| {
            let q = &app.doc.catalog.questions[i];
            let st = app.doc.ws.status(&q.id);
            ListItem::new(Line::from(vec![
                Span::styled(st.mark(), t.answer(st)),
                Span::raw(truncate(
                    &format!(" {} {:<5} {}", q.id, short_area(q.area()), q.prompt),
                    w.saturating_sub(1),
                )),
            ]))
        })
        .collect();
    let mut st = ListState::default().with_selected(if s.results.is_empty() {
        None
    } else {
        Some(s.selected)
    });
    f.render_stateful_widget(
        List::new(items).highlight_style(t.selected()),
        list,
        &mut st,
    );
}

pub(crate) fn short_area(a: Area) -> &'static str {
    match a {
        Area::Privacy => "Priv",
        Area::Administrative => "Admin",
        Area::Nist => "NIST",
        Area::Risk => "Risk",
    }
}

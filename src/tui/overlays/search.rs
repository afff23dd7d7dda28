//! Search over questions, ids, references and notes (`/`).

use crate::tui::prelude::*;

impl App {
    pub(crate) fn refresh_search(&mut self) {
        let Mode::Search(s) = &mut self.mode else {
            return;
        };
        let words: Vec<String> = s
            .query
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let ws = &self.ws;
        let redact = self.redact;
        s.results = self
            .catalog
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| {
                if words.is_empty() {
                    return false;
                }
                let note = if redact {
                    String::new()
                } else {
                    ws.note(&q.id).to_lowercase()
                };
                words.iter().all(|w| {
                    q.id.to_lowercase().contains(w)
                        || q.prompt.to_lowercase().contains(w)
                        || q.section.to_lowercase().contains(w)
                        || q.references
                            .iter()
                            .any(|r| r.to_lowercase().starts_with(w.as_str()))
                        || q.tags.iter().any(|t| t == w)
                        || note.contains(w)
                })
            })
            .map(|(i, _)| i)
            .collect();
        s.selected = s.selected.min(s.results.len().saturating_sub(1));
    }

    pub(crate) fn search_key(&mut self, mut s: Search, key: KeyEvent) -> Vec<Effect> {
        match keymap::lookup(&[Context::Search], &key) {
            Some(Action::Close) => return vec![],
            Some(Action::Accept) => {
                if let Some(&qi) = s.results.get(s.selected) {
                    self.jump_to(qi);
                } else {
                    self.set_message("no question matches");
                }
                return vec![];
            }
            Some(Action::Down) => {
                s.selected = (s.selected + 1).min(s.results.len().saturating_sub(1))
            }
            Some(Action::Up) => s.selected = s.selected.saturating_sub(1),
            _ => {
                s.query.handle(&key);
            }
        }
        self.mode = Mode::Search(s);
        self.refresh_search();
        vec![]
    }
}

pub(crate) fn draw_search(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let Mode::Search(s) = &app.mode else { return };
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(" Search: ids, words, references (164.312, PR.AA), tags, note text ")
        .border_style(t.accent());
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
            if s.query.is_empty() {
                "type to search all four audits".to_string()
            } else {
                match s.results.len() {
                    1 => "1 question".to_string(),
                    n => format!("{n} questions"),
                }
            },
            t.dim(),
        )),
        count,
    );
    let w = usize::from(list.width);
    let items: Vec<ListItem> = s
        .results
        .iter()
        .map(|&i| {
            let q = &app.catalog.questions[i];
            let st = app.ws.status(&q.id);
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

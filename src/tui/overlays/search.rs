//! Search over questions, ids, references and notes (`/`).

use crate::tui::prelude::*;

impl App {
    pub(crate) fn refresh_search(&mut self) {
        let gaps = self.doc.gaps();
        let Mode::Search(s) = &mut self.mode else {
            return;
        };
        let words: Vec<String> = s
            .query
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let ws = &self.doc.ws;
        let redact = self.settings.redact;
        if s.board {
            s.results = gaps
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    let plan = if redact {
                        String::new()
                    } else {
                        g.plan.to_lowercase()
                    };
                    let hay = [
                        g.id.to_lowercase(),
                        g.owner.to_lowercase(),
                        g.title.to_lowercase(),
                        g.section.to_lowercase(),
                        g.area_name().to_lowercase(),
                        g.status.label().to_lowercase(),
                    ];
                    !words.is_empty()
                        && words
                            .iter()
                            .all(|w| hay.iter().any(|h| h.contains(w)) || plan.contains(w))
                })
                .map(|(i, _)| i)
                .collect();
            s.selected = s.selected.min(s.results.len().saturating_sub(1));
            return;
        }
        s.results = self
            .doc
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
            Some(Action::Accept) if s.board => {
                match s.results.get(s.selected) {
                    Some(&gi) => self.show_gap(gi),
                    None => self.set_message("no gap matches"),
                }
                return vec![];
            }
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

impl App {
    /// Puts the board's cursor on a gap (an index into `gaps()`), clearing the filter
    /// when it hides the gap.
    pub(crate) fn show_gap(&mut self, gi: usize) {
        let Some(id) = self.doc.gaps().get(gi).map(|g| g.id.clone()) else {
            return;
        };
        let find = |a: &App| {
            let all = a.doc.gaps();
            a.doc.board_rows().iter().position(|&i| all[i].id == id)
        };
        let row = match find(self) {
            Some(r) => Some(r),
            None => {
                self.doc.ws.view.filter = GapFilter::default();
                self.doc.view_changed();
                self.set_message(format!("{id}: the filter hid it, so it is cleared"));
                find(self)
            }
        };
        if let Some(r) = row {
            self.board.row = r;
            self.board.jumped = true;
            self.board.detail = false;
            if !matches!(self.message.as_deref(), Some(m) if m.starts_with(&id)) {
                self.set_message(id.clone());
            }
        }
    }
}

pub(crate) fn short_area(a: Area) -> &'static str {
    match a {
        Area::Privacy => "Priv",
        Area::Administrative => "Admin",
        Area::Nist => "NIST",
        Area::Risk => "Risk",
    }
}

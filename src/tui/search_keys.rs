//! The `/` search's keys: typing refines the results, Enter jumps to a question on its
//! tab or to a gap on the board (clearing a filter that hides it). Jumping crosses screens,
//! so it lives at the app's level; the search's drawing is in `overlays/search.rs`.

use crate::domain::board::GapFilter;
use crate::tui::app::{App, Effect};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::state::{Mode, Search};
use ratatui::crossterm::event::KeyEvent;

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
            // An exact id comes first (`R-1` before `R-10`, `ADM-BA-02` before its evidence).
            let exact = s.query.text().trim().to_lowercase();
            s.results
                .sort_by_key(|&i| gaps[i].id.to_lowercase() != exact);
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

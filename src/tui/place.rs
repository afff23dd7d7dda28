//! Where the user was: kept in the workspace's view state so a reopened workspace resumes on
//! the same tab, question of each audit tab, and board row. A change of place is a view
//! change: saved, never a new backup generation.

use crate::domain::catalog::Area;
use crate::domain::view::Place;
use crate::tui::app::{App, TABS};
use crate::tui::state::{AREAS, Focus, area_index};

impl App {
    /// The place as it is now.
    pub fn place(&self) -> Place {
        let questions = AREAS
            .iter()
            .enumerate()
            .filter_map(|(i, _)| {
                let v = self.audit.views[i];
                // On the Administrative tab's vendor list: the vendor's id (`BA-03`).
                if v.section >= self.audit.sections[i].len() {
                    return self
                        .doc
                        .ws
                        .vendors
                        .get(self.vendors.row)
                        .map(|vendor| vendor.id.clone());
                }
                self.audit.sections[i]
                    .get(v.section)
                    .and_then(|s| s.questions.get(v.row))
                    .map(|&q| self.doc.catalog.questions[q].id.clone())
            })
            .collect();
        Place {
            tab: Some(self.tab.title().to_string()),
            questions,
            gap: self.board_gap().map(|g| g.id),
        }
    }

    /// Keeps the workspace's view state on the current place. A move alone does not start
    /// a save (an encrypted save costs a key derivation): it rides along with the next one,
    /// and quitting saves it.
    pub(crate) fn remember_place(&mut self) {
        let place = self.place();
        if place != self.doc.ws.view.place {
            self.doc.ws.view.place = place;
        }
    }

    /// A fingerprint of the place in the workspace's view state.
    pub fn place_fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.doc.ws.view.place.hash(&mut h);
        h.finish()
    }

    /// Puts the cursors back where the view state says they were. Ids that no longer
    /// exist (a retired question, a closed gap) are skipped.
    pub fn restore_place(&mut self) {
        let place = self.doc.ws.view.place.clone();
        for id in &place.questions {
            if let Some(qi) = self.doc.catalog.position(id) {
                self.audit.cursor_to(self.doc.catalog, qi);
            } else if let Some(row) = self.doc.ws.vendors.iter().position(|v| v.id == *id) {
                let i = area_index(Area::Administrative);
                self.audit.views[i].section = self.audit.sections[i].len();
                self.audit.views[i].focus = Focus::Questions;
                self.vendors.row = row;
            }
        }
        if let Some(t) = place.tab.as_deref()
            && let Some(tab) = TABS.iter().find(|x| x.title() == t)
        {
            self.tab = *tab;
        }
        if let Some(gap) = place.gap.as_deref() {
            let rows = self.doc.board_rows();
            let all = self.doc.gaps();
            if let Some(r) = rows.iter().position(|&i| all[i].id == gap) {
                self.board.row = r;
            }
        }
        self.settle_view();
        self.file.saved_place = self.place_fingerprint();
    }
}

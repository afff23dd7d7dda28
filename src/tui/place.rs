//! Where the user was: kept in the workspace's view state so a reopened workspace resumes on
//! the same tab, question of each audit tab, and board row. A change of place is a view
//! change: saved, never a new backup generation.

use crate::domain::catalog::Area;
use crate::domain::view::Place;
use crate::tui::app::{App, TABS, Tab};
use crate::tui::state::{AREAS, Focus};
use crate::tui::tabs::audit::Pane;
use crate::tui::tabs::inventory::Row;

impl App {
    /// The place as it is now.
    pub fn place(&self) -> Place {
        let questions = AREAS
            .iter()
            .enumerate()
            .filter_map(|(i, _)| {
                let v = self.audit.views[i];
                // On a list under the sections: the entry's id (`BA-03`, `A-02`, `R-04`).
                match self.audit.pane(AREAS[i]) {
                    Pane::Vendors => {
                        return self
                            .doc
                            .ws
                            .vendors
                            .get(self.vendors.row)
                            .map(|x| x.id.clone());
                    }
                    Pane::Inventory => {
                        return match self.inventory.current(&self.doc) {
                            Some(Row::Asset(a)) => Some(a.id.clone()),
                            Some(Row::Flow(f)) => Some(f.id.clone()),
                            None => None,
                        };
                    }
                    Pane::Register => {
                        return self
                            .doc
                            .ws
                            .risks
                            .get(self.register.row)
                            .map(|r| r.id.clone());
                    }
                    Pane::Section(_) => {}
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
            // The board's row is the board's: off the board it stays as it was left, and
            // nothing is derived for it.
            gap: if self.tab == Tab::Gaps {
                self.board_gap().map(|g| g.id)
            } else {
                self.doc.ws.view.place.gap.clone()
            },
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
                self.audit.open_pane(Area::Administrative, Pane::Vendors);
                self.audit.set_focus(Area::Administrative, Focus::Questions);
                self.vendors.row = row;
            } else if let Some(row) = self.doc.ws.risks.iter().position(|r| r.id == *id) {
                self.audit.open_pane(Area::Risk, Pane::Register);
                self.audit.set_focus(Area::Risk, Focus::Questions);
                self.register.row = row;
            } else if let Some(row) =
                self.doc
                    .ws
                    .assets
                    .iter()
                    .position(|a| a.id == *id)
                    .or_else(|| {
                        self.doc
                            .ws
                            .flows
                            .iter()
                            .position(|f| f.id == *id)
                            .map(|i| i + self.doc.ws.assets.len())
                    })
            {
                self.audit.open_pane(Area::Risk, Pane::Inventory);
                self.audit.set_focus(Area::Risk, Focus::Questions);
                self.inventory.row = row;
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

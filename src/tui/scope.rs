//! The tabs follow the engagement's scope: when the profile changes, the audit tabs walk
//! the bank as it is now scoped, each tab's cursor kept on its question while that stays in
//! scope (else on the nearest place); and a save's result comes back here too.

use crate::io::store::Written;
use crate::tui::app::App;
use crate::tui::msg::{SaveError, SaveState, Versions};
use crate::tui::state::{AREAS, AreaView, Mode};
use crate::tui::tabs::audit::{AuditScreen, Pane};

impl App {
    /// Rebuilds the audit tabs' sections when the document's scoped bank is another one.
    pub(crate) fn follow_scope(&mut self) {
        if std::ptr::eq(self.audit.catalog, self.doc.catalog) {
            return;
        }
        let old = self.audit.catalog;
        let here = AREAS.map(|a| {
            (
                self.audit.pane(a),
                self.audit.view(a),
                self.audit
                    .current_question(a)
                    .map(|qi| old.questions[qi].id.clone()),
            )
        });
        let mut next = AuditScreen::new(self.doc.catalog);
        for (a, (pane, view, id)) in AREAS.into_iter().zip(here) {
            match (pane, id.and_then(|id| self.doc.catalog.position(&id))) {
                (Pane::Section(_), Some(qi)) => {
                    next.cursor_to(self.doc.catalog, qi);
                    next.view_mut(a).focus = view.focus;
                }
                (Pane::Section(i), None) => {
                    let n = next.sections_of(a).len();
                    *next.view_mut(a) = AreaView {
                        section: i.min(n.saturating_sub(1)),
                        row: 0,
                        focus: view.focus,
                    };
                }
                (p, _) => {
                    next.open_pane(a, p);
                    let v = next.view_mut(a);
                    (v.row, v.focus) = (view.row, view.focus);
                }
            }
        }
        self.audit = next;
    }

    /// A save came back: record what it carried, or show why it failed.
    pub(crate) fn save_finished(&mut self, versions: Versions, result: Result<Written, SaveError>) {
        match result {
            Ok(written) => {
                self.doc.saved_generation = versions.all;
                self.doc.saved_data_generation = versions.data;
                self.file.saved_place = versions.place;
                self.doc.save_state = if self.dirty() {
                    SaveState::Pending
                } else {
                    SaveState::Saved
                };
                if matches!(self.message.as_deref(), Some(m) if m.starts_with("saving ")) {
                    self.message = None;
                }
                if !written.warnings.is_empty() {
                    self.set_message(format!("warning: {}", written.warnings.join(" · ")));
                }
            }
            Err(SaveError::Conflict) => {
                self.doc.save_state = SaveState::Conflict;
                self.mode = Mode::Conflict;
            }
            Err(SaveError::Io(e)) => {
                self.set_message(format!("{e} — your edits are kept in memory"));
                self.doc.save_state = SaveState::Failed(e);
            }
        }
    }
}

//! The register entry form's keys: Enter saves the entry (new or edited) into the register
//! and puts the register's cursor on it. The form's fields and drawing are in
//! `overlays/risk_form.rs`.

use crate::tui::app::{App, Effect};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::state::{FormField, Mode, RiskField, RiskForm};
use ratatui::crossterm::event::KeyEvent;

impl App {
    pub(crate) fn form_key(&mut self, mut form: Box<RiskForm>, key: KeyEvent) -> Vec<Effect> {
        let n = RiskField::ALL.len();
        match keymap::lookup(&[Context::Form], &key) {
            Some(Action::Close) => {
                self.set_message("cancelled: the register is unchanged");
                return vec![];
            }
            Some(Action::TakeHint) => match form.focused_hint().map(str::to_string) {
                Some(h) => {
                    form.inputs[form.field] = crate::tui::widgets::text_input::TextInput::plain(h);
                    self.set_message(
                        "the library's text is in the field: edit it to say what you saw here",
                    );
                }
                None => self.set_message("this field has no hint"),
            },
            Some(Action::NextField) => form.field = (form.field + 1) % n,
            Some(Action::PrevField) => form.field = (form.field + n - 1) % n,
            Some(Action::Accept) => match form.entry(&self.doc.ws, self.doc.catalog) {
                Ok(entry) => {
                    let actor = self.actor();
                    if form.id.is_empty() {
                        let id = self.doc.ws.add_risk(entry, &actor);
                        self.register.row = self.doc.ws.risks.len() - 1;
                        self.set_message(format!("{id} added to the register"));
                    } else {
                        let id = entry.id.clone();
                        if self.doc.ws.update_risk(entry, &actor) {
                            self.set_message(format!("{id} saved"));
                        }
                    }
                    self.doc.risk_changed();
                    return vec![];
                }
                Err(e) => {
                    form.fail(e);
                    self.mode = Mode::RiskForm(form);
                    return vec![];
                }
            },
            _ => {
                form.inputs[form.field].handle(&key);
            }
        }
        form.error = None;
        self.mode = Mode::RiskForm(form);
        vec![]
    }
}

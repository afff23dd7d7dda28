//! The form that adds or edits a register entry.

use crate::tui::prelude::*;
use crate::tui::widgets::fields::{Fields, draw_fields};

impl App {
    pub(crate) fn form_key(&mut self, mut form: Box<RiskForm>, key: KeyEvent) -> Vec<Effect> {
        let n = RiskField::ALL.len();
        match keymap::lookup(&[Context::Form], &key) {
            Some(Action::Close) => {
                self.set_message("cancelled: the register is unchanged");
                return vec![];
            }
            Some(Action::NextField) => form.field = (form.field + 1) % n,
            Some(Action::PrevField) => form.field = (form.field + n - 1) % n,
            Some(Action::Accept) => match form.entry(self.doc.catalog) {
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

pub(crate) fn draw_risk_form(f: &mut Frame, t: &Theme, area: Rect, form: &RiskForm) {
    let title = if form.id.is_empty() {
        " New risk ".to_string()
    } else {
        format!(" Edit {} ", form.id)
    };
    draw_fields(
        f,
        t,
        area,
        Fields {
            title,
            labels: &RiskField::labels(),
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            extra: Vec::new(),
        },
    );
}

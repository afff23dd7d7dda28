//! The ePHI inventory (the Risk tab's section before the register): the assets, then the data
//! flows, in one list; the selected row's detail with the risks that name it and where the
//! risk analysis stands; the asset and flow forms, delete (asks first) and undo.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::domain::inventory::{Asset, Flow};
use crate::domain::inventory_edits::DeletedAsset;
use crate::tui::cx::{Cx, View};
use crate::tui::doc::Doc;
use crate::tui::keymap::Action;
use crate::tui::msg::Effect;
use crate::tui::state::{FieldError, Form, FormField, FormKind, Mode, PromptKind};
pub use crate::tui::tabs::inventory_forms::{AssetField, FlowField};

/// What was deleted in this session, newest last, for undo.
#[derive(Debug)]
pub enum Deleted {
    Asset(DeletedAsset),
    Flow(usize, Flow),
}

/// The inventory's own state (Risk tab, the pane under the sections).
#[derive(Debug, Default)]
pub struct InventoryScreen {
    /// The row: assets first, then flows.
    pub row: usize,
    pub deleted: Vec<Deleted>,
}

pub use crate::tui::tabs::inventory_draw::Row;

impl InventoryScreen {
    /// Rows: the assets, then the flows.
    pub fn len(doc: &Doc) -> usize {
        doc.ws.assets.len() + doc.ws.flows.len()
    }

    pub fn current<'a>(&self, doc: &'a Doc) -> Option<Row<'a>> {
        crate::tui::tabs::inventory_draw::row_at(doc, self.row)
    }

    /// The asset under the cursor, if the row is one.
    pub fn current_asset<'a>(&self, doc: &'a Doc) -> Option<&'a Asset> {
        match self.current(doc) {
            Some(Row::Asset(a)) => Some(a),
            _ => None,
        }
    }

    fn put_cursor_on(&mut self, doc: &Doc, id: &str) {
        if let Some(i) = doc.ws.assets.iter().position(|a| a.id == id) {
            self.row = i;
        } else if let Some(i) = doc.ws.flows.iter().position(|f| f.id == id) {
            self.row = doc.ws.assets.len() + i;
        }
    }

    /// The inventory's keys.
    pub fn handle(&mut self, action: Action, cx: &mut Cx) -> Vec<Effect> {
        match action {
            Action::AddAsset => open_asset_form(None, cx),
            Action::AddFlow => {
                // A flow added on an asset starts from it.
                let from = self
                    .current_asset(cx.doc)
                    .map(|a| a.id.clone())
                    .unwrap_or_default();
                let f = Flow {
                    from,
                    ..Flow::default()
                };
                let form = Form::new(FormKind::Flow(None), |x: FlowField| x.shown(&f));
                *cx.mode = Mode::Form(Box::new(form));
            }
            Action::EditInventory => match self.current(cx.doc) {
                Some(Row::Asset(a)) => open_asset_form(Some(a.clone()), cx),
                Some(Row::Flow(f)) => {
                    let form = Form::new(FormKind::Flow(Some(f.id.clone())), |x: FlowField| {
                        x.shown(f)
                    });
                    *cx.mode = Mode::Form(Box::new(form));
                }
                None => cx.set_message("the inventory is empty: A adds an asset"),
            },
            Action::DeleteInventory => match self.current(cx.doc) {
                Some(Row::Asset(a)) => *cx.mode = Mode::ConfirmDelete(a.id.clone()),
                Some(Row::Flow(f)) => *cx.mode = Mode::ConfirmDelete(f.id.clone()),
                None => {}
            },
            Action::UndoInventory => {
                let actor = cx.actor();
                let id = match self.deleted.pop() {
                    Some(Deleted::Asset(d)) => {
                        let id = d.asset.id.clone();
                        cx.doc.ws.restore_asset(d, &actor);
                        id
                    }
                    Some(Deleted::Flow(at, f)) => {
                        let id = f.id.clone();
                        cx.doc.ws.restore_flow(at, f, &actor);
                        id
                    }
                    None => {
                        cx.set_message("nothing to undo");
                        return vec![];
                    }
                };
                cx.doc.risk_changed();
                self.put_cursor_on(cx.doc, &id);
                cx.set_message(format!("{id} restored"));
            }
            Action::RiskForAsset => match self.current_asset(cx.doc) {
                Some(a) => {
                    *cx.mode = Mode::Library {
                        selected: 0,
                        asset: Some(a.id.clone()),
                    }
                }
                None => cx.set_message("r adds a risk for an asset: put the cursor on one"),
            },
            Action::NoSignificantRisk => match self.current_asset(cx.doc) {
                Some(a) => {
                    let (id, text) = (a.id.clone(), a.no_risk.clone());
                    cx.open_prompt(PromptKind::NoRisk, id, text);
                }
                None => cx.set_message("N records a reason on an asset: put the cursor on one"),
            },
            _ => {}
        }
        vec![]
    }

    /// `y` on the delete question of an asset or a flow.
    pub(crate) fn delete_now(&mut self, id: &str, cx: &mut Cx) {
        let actor = cx.actor();
        if let Some(d) = cx.doc.ws.delete_asset(id, &actor) {
            let lost = d.risks.len();
            self.deleted.push(Deleted::Asset(d));
            cx.set_message(match lost {
                0 => format!("{id} deleted (logged); U undoes"),
                n => format!("{id} deleted and taken out of {n} risk(s) (logged); U undoes"),
            });
        } else if let Some((at, f)) = cx.doc.ws.delete_flow(id, &actor) {
            self.deleted.push(Deleted::Flow(at, f));
            cx.set_message(format!("{id} deleted (logged); U undoes"));
        }
        cx.doc.risk_changed();
        self.row = self.row.min(Self::len(cx.doc).saturating_sub(1));
    }

    /// The delete question's lines: how many risks lose the asset.
    pub fn delete_question(doc: &Doc, id: &str) -> Option<Vec<String>> {
        if let Some(a) = doc.ws.asset(id) {
            let risks = doc.ws.risks_of_asset(id);
            let flows = doc
                .ws
                .flows
                .iter()
                .filter(|f| f.from == id || f.to == id)
                .count();
            let mut lines = vec![format!("Delete {id} {} from the inventory?", a.name)];
            lines.push(match risks.len() {
                0 => "No risk names it.".to_string(),
                n => format!("{n} risk(s) lose it: {}.", risks.join(", ")),
            });
            if flows > 0 {
                lines.push(format!(
                    "{flows} flow(s) name it and will show its id only."
                ));
            }
            lines.push(
                "The deletion is logged; U undoes it. y deletes, any other key keeps it.".into(),
            );
            return Some(lines);
        }
        doc.ws.flows.iter().find(|f| f.id == id).map(|f| {
            vec![
                format!(
                    "Delete the flow {id} ({} → {})?",
                    doc.ws.party_name(&f.from),
                    doc.ws.party_name(&f.to)
                ),
                "The deletion is logged; U undoes it. y deletes, any other key keeps it.".into(),
            ]
        })
    }

    /// Checks every field, then adds or saves the asset; the cursor stays on it.
    pub(crate) fn accept_asset_form(
        &mut self,
        id: Option<&str>,
        form: &Form,
        cx: &mut Cx,
    ) -> Result<(), FieldError<AssetField>> {
        let mut a = id
            .and_then(|id| cx.doc.ws.asset(id))
            .cloned()
            .unwrap_or_default();
        a.id = id.unwrap_or_default().to_string();
        for &f in AssetField::ALL {
            f.apply(form.get(f), &mut a, cx.doc)?;
        }
        let actor = cx.actor();
        let id = match id {
            Some(id) => {
                let changed = cx.doc.ws.update_asset(a, &actor);
                saved(cx, id, changed)
            }
            None => {
                let holds = a.holds_ephi();
                let id = cx.doc.ws.add_asset(a, &actor);
                cx.set_message(if holds {
                    format!("{id} added: r adds a risk for it, F a flow from it")
                } else {
                    format!("{id} added (no ePHI: outside the analysis's scope)")
                });
                id
            }
        };
        cx.doc.risk_changed();
        self.put_cursor_on(cx.doc, &id);
        Ok(())
    }

    pub(crate) fn accept_flow_form(
        &mut self,
        id: Option<&str>,
        form: &Form,
        cx: &mut Cx,
    ) -> Result<(), FieldError<FlowField>> {
        let mut f = id
            .and_then(|id| cx.doc.ws.flows.iter().find(|f| f.id == id))
            .cloned()
            .unwrap_or_default();
        f.id = id.unwrap_or_default().to_string();
        for &x in FlowField::ALL {
            x.apply(form.get(x), &mut f, cx.doc)?;
        }
        let actor = cx.actor();
        let id = match id {
            Some(id) => {
                let changed = cx.doc.ws.update_flow(f, &actor);
                saved(cx, id, changed)
            }
            None => {
                let id = cx.doc.ws.add_flow(f, &actor);
                cx.set_message(format!("{id} added"));
                id
            }
        };
        cx.doc.risk_changed();
        self.put_cursor_on(cx.doc, &id);
        Ok(())
    }

    /// Records (or clears) why an asset carries no significant risk.
    pub(crate) fn set_no_risk(id: &str, text: &str, cx: &mut Cx) {
        let Some(mut a) = cx.doc.ws.asset(id).cloned() else {
            return;
        };
        a.no_risk = text.trim().to_string();
        let actor = cx.actor();
        if cx.doc.ws.update_asset(a, &actor) {
            cx.doc.risk_changed();
        }
        cx.set_message(if text.trim().is_empty() {
            format!("{id}: no reason recorded; it needs a rated risk (r)")
        } else {
            format!("{id}: no significant risk, reason recorded")
        });
    }

    pub fn draw(&self, f: &mut Frame, vw: &View, list: Rect, detail: Rect, border: Style) {
        crate::tui::tabs::inventory_draw::draw_inventory(f, self.row, vw, list, detail, border);
    }
}

/// The message after an edit of an existing asset or flow; its id, for the cursor.
fn saved(cx: &mut Cx, id: &str, changed: bool) -> String {
    cx.set_message(if changed {
        format!("{id} saved")
    } else {
        format!("{id}: nothing changed")
    });
    id.to_string()
}

fn open_asset_form(a: Option<Asset>, cx: &mut Cx) {
    let blank = Asset {
        count: 1,
        ..Asset::default()
    };
    let shown = a.clone().unwrap_or(blank);
    let form = Form::new(FormKind::Asset(a.map(|a| a.id)), |f: AssetField| {
        f.shown(&shown)
    });
    *cx.mode = Mode::Form(Box::new(form));
}

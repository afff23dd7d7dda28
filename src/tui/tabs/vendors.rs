//! The business associates (the Administrative tab's last section): the vendor list with
//! each BAA's state, the selected vendor's detail, its form, delete and undo.

use crate::domain::vendor::{self, Vendor, VendorState};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::domain::dates;
use crate::domain::text::truncate_clean as truncate;
use crate::tui::cx::{Cx, View};
use crate::tui::doc::Doc;
use crate::tui::keymap::Action;
use crate::tui::msg::Effect;
use crate::tui::state::{FieldError, Form, FormField, FormKind, Mode, form_fields};
use crate::tui::theme::{REDACTED, Theme};
use crate::tui::widgets::evidence_line::item_line;
use crate::tui::widgets::fields::{Fields, draw_fields};
use crate::tui::widgets::gap_card::gap_lines;

/// The business associates' own state (Administrative tab, the pane under the sections).
#[derive(Debug, Default)]
pub struct VendorScreen {
    pub row: usize,
    /// Vendors deleted in this session, newest last, for undo.
    pub deleted: Vec<crate::domain::registry::DeletedVendor>,
}

form_fields! {
    /// The fields of the vendor form.
    pub enum VendorField {
        Name => "Name",
        Service => "Service",
        Phi => "PHI (no, yes, or how)",
        Contact => "Contact",
        BaaSigned => "BAA signed (empty = not)",
        BaaExpires => "BAA expires / review",
        Subcontractor => "Subcontractor (yes/no)",
        Notes => "Notes",
    }
}

impl VendorField {
    /// What the field takes, shown under the form while it has the focus.
    pub fn help(self) -> &'static str {
        match self {
            VendorField::Name => "the vendor's name as on the contract",
            VendorField::Service => {
                "what they do for the practice (billing, transcription, shredding, IT)"
            }
            VendorField::Phi => {
                "no, yes, or any of create, receive, maintain, transmit (the four ways a vendor handles PHI)"
            }
            VendorField::Contact => "who to ask for the BAA: name, email or phone",
            VendorField::BaaSigned => {
                "YYYY-MM-DD the BAA was signed; empty when there is none (a vendor with PHI is then a gap)"
            }
            VendorField::BaaExpires => {
                "YYYY-MM-DD it expires or is next reviewed, or +1y from the signing date; empty = none"
            }
            VendorField::Subcontractor => {
                "yes when the vendor is the MSP's subcontractor (164.502(e)(1)(ii)) rather than the client's"
            }
            VendorField::Notes => {
                "anything worth keeping: renewal status, who signed, where the original is"
            }
        }
    }

    /// What the field shows when the form opens, on a vendor or blank (a new vendor is
    /// taken to handle PHI).
    fn shown(self, v: Option<&Vendor>) -> String {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let blank = Vendor::default();
        let new = v.is_none();
        let v = v.unwrap_or(&blank);
        match self {
            VendorField::Phi if new => "yes".into(),
            VendorField::Name => v.name.clone(),
            VendorField::Service => v.service.clone(),
            VendorField::Phi => v.phi_text(),
            VendorField::Contact => v.contact.clone(),
            VendorField::BaaSigned => date(v.baa_signed),
            VendorField::BaaExpires => date(v.baa_expires),
            VendorField::Subcontractor => if v.subcontractor { "yes" } else { "no" }.into(),
            VendorField::Notes => v.notes.replace('\n', " "),
        }
    }

    /// Reads the field's text into the vendor, the fields before it already read (the
    /// expiry can count from the signing date); both BAA dates are checked once the second
    /// is read.
    fn apply(self, text: &str, v: &mut Vendor, today: NaiveDate) -> Result<(), FieldError<Self>> {
        let err = |e: String| (self, e);
        match self {
            VendorField::Name if text.is_empty() => {
                return Err(err("the vendor needs a name".into()));
            }
            VendorField::Name => v.name = text.to_string(),
            VendorField::Service => v.service = text.to_string(),
            VendorField::Phi => (v.phi, v.phi_uses) = vendor::parse_phi(text).map_err(err)?,
            VendorField::Contact => v.contact = text.to_string(),
            VendorField::BaaSigned => {
                v.baa_signed = match text {
                    "" => None,
                    t => Some(dates::parse_date(t).map_err(err)?),
                }
            }
            VendorField::BaaExpires => {
                v.baa_expires = match text {
                    "" => None,
                    t if t.starts_with('+') => {
                        let from = v.baa_signed.ok_or_else(|| {
                            err("+1y counts from the signing date: give that first".into())
                        })?;
                        Some(dates::parse_due(t, from).map_err(err)?)
                    }
                    t => Some(dates::parse_date(t).map_err(err)?),
                };
                vendor::check_baa_dates(v.baa_signed, v.baa_expires, today).map_err(|e| {
                    let field = if v.baa_signed.is_some_and(|s| s > today) {
                        VendorField::BaaSigned
                    } else {
                        VendorField::BaaExpires
                    };
                    (
                        field,
                        e.replace("baa_signed", "signed")
                            .replace("baa_expires", "expires"),
                    )
                })?;
            }
            VendorField::Subcontractor => {
                v.subcontractor = vendor::parse_flag(text).map_err(err)?;
            }
            VendorField::Notes => v.notes = text.to_string(),
        }
        Ok(())
    }
}

impl VendorScreen {
    /// The vendor under the cursor (when the list is open).
    pub fn current<'a>(&self, doc: &'a Doc) -> Option<&'a Vendor> {
        doc.ws
            .vendors
            .get(self.row.min(doc.ws.vendors.len().saturating_sub(1)))
    }

    /// The vendor list's own keys: add, edit, delete, undo.
    pub fn handle(&mut self, action: Action, cx: &mut Cx) -> Vec<Effect> {
        match action {
            Action::AddVendor => open_vendor_form(None, cx),
            Action::EditVendor => {
                if let Some(v) = self.current(cx.doc).cloned() {
                    open_vendor_form(Some(v), cx);
                } else {
                    cx.set_message("no vendors yet: A adds one");
                }
            }
            Action::DeleteVendor => {
                if let Some(v) = self.current(cx.doc) {
                    *cx.mode = Mode::ConfirmDelete(v.id.clone());
                }
            }
            Action::UndoDeleteVendor => match self.deleted.pop() {
                Some(d) => {
                    let actor = cx.actor();
                    let (at, id) = (d.at, d.vendor.id.clone());
                    cx.doc.ws.restore_vendor(d, &actor);
                    self.row = at.min(cx.doc.ws.vendors.len().saturating_sub(1));
                    cx.doc.risk_changed();
                    cx.set_message(format!("{id} restored"));
                }
                None => cx.set_message("nothing to undo"),
            },
            _ => {}
        }
        vec![]
    }

    /// The vendor list open under the sections: the list and the selected vendor.
    pub fn draw(&self, f: &mut Frame, vw: &View, list: Rect, detail: Rect, border: Style) {
        draw_vendors(f, self, vw, list, detail, border);
    }

    /// Checks every field, then adds or saves the vendor; the cursor stays on it.
    pub(crate) fn accept_form(
        &mut self,
        id: Option<&str>,
        form: &Form,
        cx: &mut Cx,
    ) -> Result<(), FieldError<VendorField>> {
        // What the form does not edit (the evidence) is the vendor's own.
        let mut v = id
            .and_then(|id| cx.doc.ws.vendor(id))
            .cloned()
            .unwrap_or_default();
        v.id = id.unwrap_or_default().to_string();
        for &f in VendorField::ALL {
            f.apply(form.get(f), &mut v, cx.doc.today)?;
        }
        let actor = cx.actor();
        let state = v.state(cx.doc.today, cx.doc.renewal_window);
        let id = match id {
            Some(id) => {
                let changed = cx.doc.ws.update_vendor(v, &actor);
                if changed {
                    cx.doc.risk_changed();
                }
                cx.set_message(if changed {
                    format!("{id} saved: BAA {}", state_text(state))
                } else {
                    format!("{id}: nothing changed")
                });
                id.to_string()
            }
            None => {
                let id = cx.doc.ws.add_vendor(v, &actor);
                cx.doc.risk_changed();
                let gap = if state.is_gap() {
                    " — a gap on the board (o owner, d due)"
                } else {
                    ""
                };
                cx.set_message(format!("{id} added: BAA {}{gap}", state_text(state)));
                id
            }
        };
        if let Some(at) = cx.doc.ws.vendors.iter().position(|v| v.id == id) {
            self.row = at;
        }
        Ok(())
    }

    /// `y` on the delete question of a vendor.
    pub(crate) fn delete_now(&mut self, id: &str, cx: &mut Cx) {
        let actor = cx.actor();
        if let Some(d) = cx.doc.ws.delete_vendor(id, &actor) {
            let assets: Vec<String> = d.assets.iter().map(|(a, _)| a.clone()).collect();
            self.deleted.push(d);
            cx.doc.risk_changed();
            self.row = self.row.min(cx.doc.ws.vendors.len().saturating_sub(1));
            cx.set_message(if assets.is_empty() {
                format!("{id} deleted (logged); U undoes")
            } else {
                format!(
                    "{id} deleted (logged) and taken out of {}; U undoes both",
                    assets.join(", ")
                )
            });
        }
    }
}

/// Opens the vendor form, on a vendor or blank.
fn open_vendor_form(v: Option<Vendor>, cx: &mut Cx) {
    let form = Form::new(
        FormKind::Vendor(v.as_ref().map(|v| v.id.clone())),
        |f: VendorField| f.shown(v.as_ref()),
    );
    *cx.mode = Mode::Form(Box::new(form));
}

fn state_text(s: VendorState) -> &'static str {
    match s {
        VendorState::Ok => "signed and current",
        VendorState::Missing => "missing (PHI and no signed BAA)",
        VendorState::Expired => "expired",
        VendorState::Expiring => "expiring soon",
        VendorState::NotNeeded => "not needed (no PHI)",
    }
}

fn state_style(t: &Theme, s: VendorState) -> Style {
    match s {
        VendorState::Missing | VendorState::Expired => t.warn(),
        VendorState::Expiring => t.carried(),
        _ => Style::default(),
    }
}

pub(crate) fn draw_vendors(
    f: &mut Frame,
    s: &VendorScreen,
    vw: &View,
    list_area: Rect,
    right: Rect,
    border: Style,
) {
    let t = vw.theme;
    let w = usize::from(list_area.width.saturating_sub(2));
    let items: Vec<ListItem> = vw
        .doc
        .ws
        .vendors
        .iter()
        .map(|v| {
            let s = v.state(vw.doc.today, vw.doc.renewal_window);
            ListItem::new(Line::from(vec![
                Span::styled(format!("{:<11}", s.word()), state_style(t, s)),
                Span::raw(truncate(
                    &format!("{} {}", v.id, v.name),
                    w.saturating_sub(11),
                )),
            ]))
        })
        .collect();
    let empty = items.is_empty();
    let mut st = ListState::default()
        .with_selected((!empty).then(|| s.row.min(vw.doc.ws.vendors.len().saturating_sub(1))));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(" Vendors · A add · e edit · D delete ")
                    .border_style(border),
            )
            .highlight_style(t.selected()),
        list_area,
        &mut st,
    );
    draw_vendor_detail(f, s, vw, right);
}

fn draw_vendor_detail(f: &mut Frame, s: &VendorScreen, vw: &View, area: Rect) {
    let t = vw.theme;
    let Some(v) = s.current(vw.doc) else {
        f.render_widget(
            Paragraph::new(
                "No business associates yet. A adds one: every vendor that creates, receives, maintains or transmits PHI for the practice needs a signed BAA (45 CFR 164.502(e), 164.504(e)); the MSP's own subcontractors too (164.308(b)).",
            )
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
            area,
        );
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let state = v.state(vw.doc.today, vw.doc.renewal_window);
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
    let mut lines = vec![
        Line::from(Span::styled(v.name.clone(), bold)),
        Line::from(vec![
            Span::raw("BAA "),
            Span::styled(state_text(state), state_style(t, state)),
        ]),
    ];
    if let Some(g) = vw.doc.gaps().iter().find(|g| g.id == v.id) {
        lines.extend(gap_lines(vw.doc.today, vw.settings.redact, t, g));
    }
    let notes = if vw.settings.redact && !v.notes.is_empty() {
        REDACTED.to_string()
    } else {
        v.notes.clone()
    };
    for (label, value) in [
        ("Service", v.service.clone()),
        ("PHI", v.phi_text()),
        ("Contact", v.contact.clone()),
        ("BAA signed", date(v.baa_signed)),
        ("BAA expires / review", date(v.baa_expires)),
        (
            "Subcontractor",
            if v.subcontractor { "yes" } else { "no" }.into(),
        ),
        ("Notes", notes),
    ] {
        if !value.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), bold),
                Span::raw(value),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Evidence (a adds, b lists)", bold)));
    if v.evidence.is_empty() {
        lines.push(Line::from(Span::styled(
            if v.phi {
                "none: add the signed BAA (a)"
            } else {
                "none (no PHI: no BAA needed; a contract or other record can be added with a)"
            },
            t.dim(),
        )));
    } else if vw.settings.redact {
        lines.push(Line::from(Span::styled(
            format!("{} items [redacted]", v.evidence.len()),
            t.dim(),
        )));
    } else {
        for e in &v.evidence {
            lines.push(Line::from(item_line(
                e,
                vw.doc.today,
                vw.doc.renewal_window,
            )));
        }
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", v.id))),
        area,
    );
}

/// Draws the vendor form with `draw_fields`.
pub(crate) fn draw_vendor_form(f: &mut Frame, t: &Theme, area: Rect, form: &Form) {
    let FormKind::Vendor(id) = &form.kind else {
        return;
    };
    draw_fields(
        f,
        t,
        area,
        Fields {
            title: match id {
                Some(id) => format!(" Edit {id} "),
                None => " New business associate ".into(),
            },
            labels: &form.labels,
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            hints: &[],
            extra: vec![Line::from(Span::styled(
                form.focused().map_or("", VendorField::help),
                t.dim(),
            ))],
        },
    );
}

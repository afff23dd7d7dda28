//! The ePHI inventory's forms: an asset's fields and a data flow's, each read and checked
//! into the domain's types (an asset's kind, encryption and business associate; a flow's
//! parties, by asset id or in words), and their drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::inventory::{self, Asset, AssetKind, Channel, Encryption, Flow};
use crate::domain::text::truncate_clean as truncate;
use crate::tui::doc::Doc;
use crate::tui::state::{FieldError, Form, FormKind, form_fields};
use crate::tui::theme::Theme;
use crate::tui::widgets::fields::{Fields, draw_fields};

form_fields! {
    /// The fields of the asset form.
    pub enum AssetField {
        Name => "Name",
        Kind => "Kind",
        Count => "How many (a group of alike items)",
        Location => "Location or site",
        Owner => "Owner",
        Ephi => "ePHI (create receive maintain transmit)",
        Records => "Records held (rough number)",
        AtRest => "Encrypted at rest",
        InTransit => "Encrypted in transit",
        Vendor => "Business associate (BA-01 or name)",
        Notes => "Notes",
        NoRisk => "No significant risk, because",
    }
}

impl AssetField {
    /// What the field takes, shown under the form while it has the focus.
    pub fn help(self) -> String {
        match self {
            AssetField::Name => "what the practice calls it: \"Front-desk PCs\", \"athenaOne EHR\"".into(),
            AssetField::Kind => format!("one of: {}", AssetKind::accepted()),
            AssetField::Count => "1 for a single item; 8 for \"8 front-desk workstations\"".into(),
            AssetField::Location => "where it is: a room, a site, or the vendor's cloud".into(),
            AssetField::Owner => "who at the practice answers for it".into(),
            AssetField::Ephi => {
                "how it holds ePHI: any of create, receive, maintain, transmit; empty or none = no ePHI".into()
            }
            AssetField::Records => "about how many patients' records; empty if not known".into(),
            AssetField::AtRest | AssetField::InTransit => {
                "yes, no, partial or unknown (what was seen, not what was said)".into()
            }
            AssetField::Vendor => {
                "the business associate behind it: a vendor id of the register or its name; empty = none".into()
            }
            AssetField::Notes => "anything worth keeping (not shown when redacting)".into(),
            AssetField::NoRisk => {
                "only when no risk is worth rating for it, and why; a rated risk (r) is the usual way".into()
            }
        }
    }

    pub(crate) fn shown(self, a: &Asset) -> String {
        match self {
            AssetField::Name => a.name.clone(),
            AssetField::Kind => a.kind.word().into(),
            AssetField::Count => a.count.to_string(),
            AssetField::Location => a.location.clone(),
            AssetField::Owner => a.owner.clone(),
            AssetField::Ephi => {
                if a.ephi.is_empty() {
                    String::new()
                } else {
                    a.ephi_text()
                }
            }
            AssetField::Records => a.records.map(|r| r.to_string()).unwrap_or_default(),
            AssetField::AtRest => a.encrypted_at_rest.word().into(),
            AssetField::InTransit => a.encrypted_in_transit.word().into(),
            AssetField::Vendor => a.vendor.clone(),
            AssetField::Notes => a.notes.replace('\n', " "),
            AssetField::NoRisk => a.no_risk.replace('\n', " "),
        }
    }

    pub(crate) fn apply(
        self,
        text: &str,
        a: &mut Asset,
        doc: &Doc,
    ) -> Result<(), FieldError<Self>> {
        let err = |e: String| (self, e);
        let enc = |t: &str| {
            Encryption::parse(t).ok_or_else(|| err("use yes, no, partial or unknown".into()))
        };
        match self {
            AssetField::Name if text.is_empty() => return Err(err("an asset needs a name".into())),
            AssetField::Name => {
                if let Some(o) = doc
                    .ws
                    .assets
                    .iter()
                    .find(|o| o.id != a.id && o.name.eq_ignore_ascii_case(text))
                {
                    return Err(err(format!("{} already has this name", o.id)));
                }
                a.name = text.to_string();
            }
            AssetField::Kind => {
                a.kind = AssetKind::parse(text).ok_or_else(|| {
                    err(format!(
                        "kind '{}': use one of {}",
                        truncate(text, 20),
                        AssetKind::accepted()
                    ))
                })?
            }
            AssetField::Count => {
                a.count = match text {
                    "" => 1,
                    t => t
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| err("how many: a whole number from 1".into()))?,
                }
            }
            AssetField::Location => a.location = text.to_string(),
            AssetField::Owner => a.owner = text.to_string(),
            AssetField::Ephi => a.ephi = inventory::parse_ephi(text).map_err(err)?,
            AssetField::Records => {
                let digits: String = text.chars().filter(|c| *c != ',' && *c != '_').collect();
                a.records = match digits.as_str() {
                    "" => None,
                    t => Some(
                        t.parse::<u64>()
                            .map_err(|_| err("records: a whole number, or empty".into()))?,
                    ),
                }
            }
            AssetField::AtRest => a.encrypted_at_rest = enc(text)?,
            AssetField::InTransit => a.encrypted_in_transit = enc(text)?,
            AssetField::Vendor => {
                a.vendor = match text {
                    "" => String::new(),
                    t => doc
                        .ws
                        .vendors
                        .iter()
                        .find(|v| v.id.eq_ignore_ascii_case(t) || v.name.eq_ignore_ascii_case(t))
                        .map(|v| v.id.clone())
                        .ok_or_else(|| {
                            err(format!(
                                "no business associate {} in the register (Administrative tab)",
                                truncate(t, 30)
                            ))
                        })?,
                }
            }
            AssetField::Notes => a.notes = text.to_string(),
            AssetField::NoRisk => a.no_risk = text.to_string(),
        }
        Ok(())
    }
}

form_fields! {
    /// The fields of the data flow form.
    pub enum FlowField {
        From => "From (an asset id or an outside party)",
        To => "To (an asset id or an outside party)",
        Data => "What ePHI",
        Channel => "Channel",
        Protection => "How it is protected",
    }
}

impl FlowField {
    pub fn help(self) -> String {
        match self {
            FlowField::From | FlowField::To => {
                "A-01 (or an asset's name) for the inventory; words for anyone outside: \"Reference lab\"".into()
            }
            FlowField::Data => "what moves: \"lab orders and results\", \"claims\"".into(),
            FlowField::Channel => format!("one of: {}", Channel::accepted()),
            FlowField::Protection => "what protects it on the way: TLS, VPN, sealed envelope, none".into(),
        }
    }

    pub(crate) fn shown(self, f: &Flow) -> String {
        match self {
            FlowField::From => f.from.clone(),
            FlowField::To => f.to.clone(),
            FlowField::Data => f.data.clone(),
            FlowField::Channel => f.channel.word().into(),
            FlowField::Protection => f.protection.clone(),
        }
    }

    pub(crate) fn apply(self, text: &str, f: &mut Flow, doc: &Doc) -> Result<(), FieldError<Self>> {
        let err = |e: String| (self, e);
        // An asset's id or name names the asset; anything else is an outside party.
        let party = |t: &str| -> Result<String, FieldError<Self>> {
            if t.is_empty() {
                return Err(err("say where it comes from and goes to".into()));
            }
            Ok(doc
                .ws
                .assets
                .iter()
                .find(|a| a.id.eq_ignore_ascii_case(t) || a.name.eq_ignore_ascii_case(t))
                .map_or_else(|| t.to_string(), |a| a.id.clone()))
        };
        match self {
            FlowField::From => f.from = party(text)?,
            FlowField::To => f.to = party(text)?,
            FlowField::Data => f.data = text.to_string(),
            FlowField::Channel => {
                f.channel = Channel::parse(text).ok_or_else(|| {
                    err(format!(
                        "channel '{}': use one of {}",
                        truncate(text, 20),
                        Channel::accepted()
                    ))
                })?
            }
            FlowField::Protection => f.protection = text.to_string(),
        }
        Ok(())
    }
}

/// Draws the asset or flow form with `draw_fields`.
pub(crate) fn draw_inventory_form(f: &mut Frame, t: &Theme, area: Rect, form: &Form) {
    let (title, help) = match &form.kind {
        FormKind::Asset(id) => (
            id.as_ref()
                .map_or(" New asset ".to_string(), |id| format!(" Edit {id} ")),
            form.focused::<AssetField>().map(AssetField::help),
        ),
        FormKind::Flow(id) => (
            id.as_ref()
                .map_or(" New data flow ".to_string(), |id| format!(" Edit {id} ")),
            form.focused::<FlowField>().map(FlowField::help),
        ),
        _ => return,
    };
    draw_fields(
        f,
        t,
        area,
        Fields {
            title,
            labels: &form.labels,
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            hints: &[],
            extra: vec![Line::from(Span::styled(help.unwrap_or_default(), t.dim()))],
        },
    );
}

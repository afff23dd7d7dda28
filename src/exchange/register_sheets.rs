//! The workbook's Vendors, Evidence and Minutes sheets, laid out like every other sheet
//! (`workbook::header`, `put`, `fit_row`). What the report leaves out of a redacted copy
//! (evidence notes, file names, meeting comments) the sheets leave out too.

use rust_xlsxwriter::{Workbook, Worksheet};

use crate::domain::evidence::{self, EvidenceState};
use crate::domain::meeting::{Decision, DecisionKind, Meeting};
use crate::domain::vendor::VendorState;
use crate::domain::workspace::Workspace;
use crate::exchange::options::{Options, private};
use crate::exchange::xlsx_layout::{Formats, fit_row, header, put, put_date};

/// The three sheets, in this order.
pub(crate) fn sheets(
    wb: &mut Workbook,
    f: &Formats,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    vendors(wb, f, ws, o)?;
    evidence_sheet(wb, f, ws, o)?;
    minutes(wb, f, ws, o)
}

/// A row's text cells, written and the row fitted to them.
fn texts(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    cells: &[(u16, String)],
    cols: &[(&str, f64)],
) -> anyhow::Result<()> {
    for (c, v) in cells {
        put(sheet, row, *c, v, &f.text)?;
    }
    let refs: Vec<(u16, &str)> = cells.iter().map(|(c, v)| (*c, v.as_str())).collect();
    fit_row(sheet, row, &refs, cols)
}

fn vendor_state(s: VendorState) -> &'static str {
    match s {
        VendorState::Ok => "Signed, current",
        VendorState::Missing => "Missing",
        VendorState::Expired => "Expired",
        VendorState::Expiring => "Expiring soon",
        VendorState::NotNeeded => "Not needed (no PHI)",
    }
}

fn vendors(wb: &mut Workbook, f: &Formats, ws: &Workspace, o: &Options) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Vendors")?;
    let cols = [
        ("ID", 8.0),
        ("Vendor", 24.0),
        ("Service", 26.0),
        ("PHI", 18.0),
        ("Subcontractor", 9.0),
        ("Contact", 24.0),
        ("BAA signed", 11.0),
        ("Expires / review", 11.0),
        ("State", 14.0),
        ("Notes", 40.0),
    ];
    header(sheet, f, &cols, ws.vendors.len())?;
    for (i, v) in ws.vendors.iter().enumerate() {
        let row = i as u32 + 1;
        let cells = [
            (0u16, v.id.clone()),
            (1, v.name.clone()),
            (2, v.service.clone()),
            (3, v.phi_text()),
            (4, if v.subcontractor { "yes" } else { "no" }.to_string()),
            (5, v.contact.clone()),
            (8, vendor_state(v.state(o.today, o.window)).to_string()),
            (9, private(&v.notes, o).to_string()),
        ];
        texts(sheet, f, row, &cells, &cols)?;
        put_date(sheet, row, 6, v.baa_signed, &f.date)?;
        put_date(sheet, row, 7, v.baa_expires, &f.date)?;
    }
    Ok(())
}

fn evidence_sheet(
    wb: &mut Workbook,
    f: &Formats,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Evidence")?;
    let cols = [
        ("For", 12.0),
        ("Item", 36.0),
        ("File", 28.0),
        ("SHA-256", 24.0),
        ("Collected", 11.0),
        ("Expires", 11.0),
        ("State", 10.0),
    ];
    let items = ws.evidence_items();
    header(sheet, f, &cols, items.len())?;
    for (i, h) in items.iter().enumerate() {
        let row = i as u32 + 1;
        let e = h.item;
        let state = match evidence::expiry(e, o.today, o.window) {
            Some(EvidenceState::Expired) => "expired",
            Some(_) => "expiring",
            None => "",
        };
        let cells = [
            (0u16, h.owner.to_string()),
            (1, e.label.clone()),
            (2, private(e.file_name(), o).to_string()),
            (3, e.sha256.clone()),
            (6, state.to_string()),
        ];
        texts(sheet, f, row, &cells, &cols)?;
        put_date(sheet, row, 4, e.collected, &f.date)?;
        put_date(sheet, row, 5, e.expires, &f.date)?;
    }
    Ok(())
}

/// One row a decision or comment, under the meeting it was recorded in (meetings in their
/// order, then what was recorded outside a meeting); a meeting with nothing on the record
/// still has its row.
fn minutes(wb: &mut Workbook, f: &Formats, ws: &Workspace, o: &Options) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Minutes")?;
    let cols = [
        ("Meeting", 10.0),
        ("Date", 11.0),
        ("Attendees", 30.0),
        ("Gap", 12.0),
        ("When", 17.0),
        ("By", 18.0),
        ("Role", 16.0),
        ("Kind", 14.0),
        ("Text", 60.0),
    ];
    // This assessment's minutes only: what was carried from the previous one is its own.
    let decisions: Vec<&Decision> = ws.own_decisions().collect();
    let mut rows: Vec<(Option<&Meeting>, Option<&Decision>)> = Vec::new();
    for m in ws.own_meetings() {
        let said: Vec<&Decision> = decisions
            .iter()
            .copied()
            .filter(|d| d.meeting.as_deref() == Some(m.id.as_str()))
            .collect();
        if said.is_empty() {
            rows.push((Some(m), None));
        }
        rows.extend(said.into_iter().map(|d| (Some(m), Some(d))));
    }
    let known = |d: &Decision| {
        d.meeting
            .as_deref()
            .is_some_and(|id| ws.meetings.iter().any(|m| m.id == id))
    };
    rows.extend(
        decisions
            .iter()
            .copied()
            .filter(|d| !known(d))
            .map(|d| (None, Some(d))),
    );
    header(sheet, f, &cols, rows.len())?;
    for (i, (m, d)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let mut cells: Vec<(u16, String)> = Vec::new();
        match m {
            Some(m) => {
                let people: Vec<String> = m
                    .attendees
                    .iter()
                    .map(|a| {
                        if a.role.is_empty() {
                            a.name.clone()
                        } else {
                            format!("{} ({})", a.name, a.role)
                        }
                    })
                    .collect();
                cells.push((0, m.id.clone()));
                cells.push((2, people.join(", ")));
                put_date(sheet, row, 1, Some(m.date), &f.date)?;
            }
            None => {
                let meeting = d.and_then(|d| d.meeting.clone()).unwrap_or_default();
                cells.push((0, meeting));
                put_date(sheet, row, 1, None, &f.date)?;
            }
        }
        if let Some(d) = d {
            let (kind, text) = match d.kind {
                // An acceptance is a signed decision the report prints even when redacted.
                DecisionKind::RiskAcceptance => ("Risk acceptance", d.text.as_str()),
                DecisionKind::Comment => ("Comment", private(&d.text, o)),
            };
            cells.push((3, d.gap.clone()));
            cells.push((4, d.at.format("%Y-%m-%d %H:%M").to_string()));
            cells.push((5, d.by.clone()));
            cells.push((6, d.role.clone()));
            cells.push((7, kind.to_string()));
            cells.push((8, text.to_string()));
        }
        texts(sheet, f, row, &cells, &cols)?;
    }
    Ok(())
}

//! The ePHI inventory, its flows and the risk register in the workbook (sheets Inventory,
//! Flows and Risk register, laid out as `workbook` lays out every sheet) and in the JSON
//! export (the objects `hipaudit inventory --format json` prints, per SPEC).

use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

use crate::domain::analysis;
use crate::domain::rating::Rating;
use crate::domain::risk::{self, Basis};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::Workspace;
use crate::exchange::options::{Options, private};
use crate::exchange::xlsx_layout::{Formats, fit_row, header, put, put_date};

/// The inventory as SPEC's objects: an asset's fields by their words, the risks naming it,
/// and whether it is assessed (a risk names it, or a reason says none is significant).
pub fn inventory_json(ws: &Workspace) -> Vec<Value> {
    let by_asset = ws.risks_by_asset();
    ws.assets
        .iter()
        .map(|a| {
            let risks = by_asset.get(a.id.as_str()).cloned().unwrap_or_default();
            json!({
                "id": a.id,
                "name": a.name,
                "kind": a.kind.word(),
                "count": a.count,
                "location": a.location,
                "owner": a.owner,
                "ephi": a.ephi.iter().map(|u| u.word()).collect::<Vec<_>>(),
                "records": a.records,
                "encrypted_at_rest": a.encrypted_at_rest.word(),
                "encrypted_in_transit": a.encrypted_in_transit.word(),
                "vendor": (!a.vendor.is_empty()).then(|| a.vendor.clone()),
                "assessed": !risks.is_empty() || !a.no_risk.trim().is_empty(),
                "risks": risks,
            })
        })
        .collect()
}

/// The flows: ends as stored (an asset id or an outside party's words) and by name.
pub fn flows_json(ws: &Workspace) -> Vec<Value> {
    ws.flows
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "from": f.from,
                "to": f.to,
                "from_name": ws.party_name(&f.from),
                "to_name": ws.party_name(&f.to),
                "data": f.data,
                "channel": f.channel.word(),
                "protection": f.protection,
            })
        })
        .collect()
}

/// The three sheets, in this order.
pub(crate) fn sheets(
    wb: &mut Workbook,
    f: &Formats,
    ws: &Workspace,
    o: &Options,
) -> anyhow::Result<()> {
    inventory(wb, f, ws, o)?;
    flows(wb, f, ws)?;
    register(wb, f, ws)
}

fn inventory(wb: &mut Workbook, f: &Formats, ws: &Workspace, o: &Options) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Inventory")?;
    let cols = [
        ("ID", 8.0),
        ("Asset", 28.0),
        ("Kind", 18.0),
        ("Count", 7.0),
        ("Location", 20.0),
        ("Owner", 18.0),
        ("ePHI", 18.0),
        ("Records", 10.0),
        ("Encrypted at rest", 11.0),
        ("Encrypted in transit", 11.0),
        ("Business associate", 24.0),
        ("Risks", 14.0),
        ("No significant risk because", 36.0),
        ("Notes", 40.0),
    ];
    header(sheet, f, &cols, ws.assets.len())?;
    let by_asset = ws.risks_by_asset();
    for (i, a) in ws.assets.iter().enumerate() {
        let row = i as u32 + 1;
        let vendor = match ws.vendor(&a.vendor) {
            Some(v) => format!("{} ({})", v.name, v.id),
            None => a.vendor.clone(),
        };
        let texts = [
            (0u16, a.id.clone()),
            (1, a.name.clone()),
            (2, a.kind.label().to_string()),
            (4, a.location.clone()),
            (5, a.owner.clone()),
            (6, a.ephi_text()),
            (8, a.encrypted_at_rest.word().to_string()),
            (9, a.encrypted_in_transit.word().to_string()),
            (10, vendor),
            (
                11,
                by_asset
                    .get(a.id.as_str())
                    .map(|v| v.join(", "))
                    .unwrap_or_default(),
            ),
            (12, a.no_risk.clone()),
            (13, private(&a.notes, o).to_string()),
        ];
        for (c, v) in &texts {
            put(sheet, row, *c, v, &f.text)?;
        }
        let cells: Vec<(u16, &str)> = texts.iter().map(|(c, v)| (*c, v.as_str())).collect();
        fit_row(sheet, row, &cells, &cols)?;
        sheet.write_number_with_format(row, 3, f64::from(a.count), &f.text)?;
        if let Some(n) = a.records {
            sheet.write_number_with_format(row, 7, n as f64, &f.text)?;
        }
    }
    Ok(())
}

fn flows(wb: &mut Workbook, f: &Formats, ws: &Workspace) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Flows")?;
    let cols = [
        ("ID", 8.0),
        ("From", 28.0),
        ("To", 28.0),
        ("ePHI", 36.0),
        ("Channel", 16.0),
        ("Protection", 40.0),
    ];
    header(sheet, f, &cols, ws.flows.len())?;
    for (i, fl) in ws.flows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells: Vec<(u16, &str)> = [
            fl.id.as_str(),
            ws.party_name(&fl.from),
            ws.party_name(&fl.to),
            &fl.data,
            fl.channel.label(),
            &fl.protection,
        ]
        .into_iter()
        .enumerate()
        .map(|(c, v)| (c as u16, v))
        .collect();
        for (c, v) in &cells {
            put(sheet, row, *c, v, &f.text)?;
        }
        fit_row(sheet, row, &cells, &cols)?;
    }
    Ok(())
}

/// One row a risk, every column a reviewer reads it by.
fn register(wb: &mut Workbook, f: &Formats, ws: &Workspace) -> anyhow::Result<()> {
    let sheet = wb.add_worksheet();
    sheet.set_name("Risk register")?;
    let cols = [
        ("ID", 7.0),
        ("Risk", 30.0),
        ("Assets", 24.0),
        ("Threat", 30.0),
        ("Vulnerability", 30.0),
        ("Controls observed", 30.0),
        ("L", 4.0),
        ("Likelihood: why", 30.0),
        ("I", 4.0),
        ("Impact: why", 30.0),
        ("Level", 10.0),
        ("Treatment", 11.0),
        ("Rationale", 36.0),
        ("Residual", 11.0),
        ("Owner", 16.0),
        ("Due", 11.0),
        ("Acceptance", 40.0),
    ];
    header(sheet, f, &cols, ws.risks.len())?;
    for (i, r) in ws.risks.iter().enumerate() {
        let row = i as u32 + 1;
        let rem = ws.remediation(&r.id);
        let assets: Vec<&str> = r.assets.iter().map(|a| ws.party_name(a)).collect();
        let residual = if r.target_likelihood.is_some() || r.target_impact.is_some() {
            let (l, i) = risk::rating(r, Basis::Residual);
            format!("{} ({})", RiskLevel::of(l, i).label(), Rating::score(l, i))
        } else {
            String::new()
        };
        let acceptance = r.acceptance.as_ref().map_or(String::new(), |a| {
            let mut s = a.by.clone();
            if !a.role.is_empty() {
                s.push_str(&format!(" ({})", a.role));
            }
            if let Some(d) = a.date {
                s.push_str(&format!(", {d}"));
            }
            if !a.rationale.is_empty() {
                s.push_str(&format!(": {}", a.rationale));
            }
            if let Some(d) = a.review_by {
                s.push_str(&format!("; review by {d}"));
            }
            s
        });
        let texts = [
            (0u16, r.id.clone()),
            (1, r.title.clone()),
            (2, assets.join(", ")),
            (3, r.threat.clone()),
            (4, r.vulnerability.clone()),
            (5, r.controls.clone()),
            (7, r.likelihood_why.clone()),
            (9, r.impact_why.clone()),
            (10, analysis::level(r).label().to_string()),
            (11, r.treatment.label().to_string()),
            (12, r.rationale.clone()),
            (13, residual),
            (14, rem.owner.clone()),
            (16, acceptance),
        ];
        for (c, v) in &texts {
            put(sheet, row, *c, v, &f.text)?;
        }
        let cells: Vec<(u16, &str)> = texts.iter().map(|(c, v)| (*c, v.as_str())).collect();
        fit_row(sheet, row, &cells, &cols)?;
        sheet.write_number_with_format(row, 6, f64::from(r.likelihood.get()), &f.text)?;
        sheet.write_number_with_format(row, 8, f64::from(r.impact.get()), &f.text)?;
        put_date(sheet, row, 15, rem.due, &f.date)?;
    }
    Ok(())
}

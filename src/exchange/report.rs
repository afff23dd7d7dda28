//! What leaves the laptop besides the report (`markdown`, `html`): the gap board as CSV and
//! a plan of action and milestones as JSON (the workbook is in `workbook`, the deadlines as a
//! calendar in `calendar`).

use serde_json::json;

use crate::domain::board::{self};
use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::exchange::columns;

pub use crate::exchange::markdown::Options;
use crate::exchange::markdown::ordered_gaps;

/// The same values for a spreadsheet: text in any column (the id too: register ids are
/// typed by people) that a spreadsheet would read as a formula gets a quote.
pub fn spreadsheet_safe(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| crate::exchange::cells::csv_safe(&v))
        .collect()
}

/// The gap board as CSV (RFC 4180 quoting, UTF-8).
pub fn csv(catalog: &Catalog, ws: &Workspace, o: &Options) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(columns::COLUMNS.iter().map(|c| c.key))?;
    let ctx = columns::Ctx::new(catalog, ws, o.today, o.redact);
    for g in ordered_gaps(catalog, ws, o) {
        let vals = columns::values(&ctx, &g, columns::COLUMNS);
        w.write_record(spreadsheet_safe(
            vals.iter().map(columns::Value::text).collect(),
        ))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A plan of action and milestones, one item per gap, in the spirit of NIST OSCAL's POA&M.
pub fn poam_json(catalog: &Catalog, ws: &Workspace, o: &Options) -> serde_json::Value {
    let (vendors, evidence) = crate::exchange::appendix::json_parts(ws, o);
    let openings = board::Openings::of(ws);
    let items: Vec<serde_json::Value> = ordered_gaps(catalog, ws, o)
        .iter()
        .map(|g| {
            let (opened, closed) = openings.get(g);
            let q = catalog.get(&g.id);
            json!({
                "id": g.id,
                "title": g.title,
                // The weakness, as the report states it (a POA&M item describes what is
                // wrong); what "in place" looks like is the guidance.
                "description": crate::domain::findings::title(catalog, g),
                "guidance": q.map(|q| q.guidance.clone()),
                "area": g.area_name(),
                "section": g.section,
                "references": q.map(|q| q.references.clone()).unwrap_or_default(),
                "answer": g.answer.map(|a| a.label()),
                "risk": {
                    "likelihood": g.likelihood,
                    "impact": g.impact,
                    "score": g.score(),
                    "level": g.level().label(),
                },
                "owner": (!g.owner.is_empty()).then(|| g.owner.clone()),
                "due": g.due,
                "status": g.status.label(),
                "overdue": g.is_overdue(o.today),
                "plan": if o.redact { None } else { (!g.plan.is_empty()).then(|| g.plan.clone()) },
                "suggested_remediation": q.map(|q| q.remediation.clone()),
                "opened": opened,
                "closed": closed,
            })
        })
        .collect();
    json!({
        "poam": {
            "client": ws.engagement.client,
            "assessor": ws.engagement.assessor,
            "generated": o.today,
            "bank": { "id": ws.bank.id, "version": ws.bank.version },
            "redacted": o.redact,
            "items": items,
            "vendors": vendors,
            "evidence": evidence,
            "inventory": crate::exchange::inventory_sheet::inventory_json(ws),
            "flows": crate::exchange::inventory_sheet::flows_json(ws),
            "analysis": crate::domain::analysis::state(ws, o.today),
        }
    })
}

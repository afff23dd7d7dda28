//! The end of the report's risk analysis part: the risks and question gaps accepted (who,
//! in what role, when, why and until when), and what changed since the last analysis.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::method::Acceptance;
use crate::domain::workspace::Workspace;
use crate::exchange::cells::{cell, code, md_text};

/// Every acceptance on record: the register's risks first, then the question gaps.
pub(crate) fn acceptances(md: &mut String, catalog: &Catalog, ws: &Workspace, today: NaiveDate) {
    let _ = writeln!(md, "### Risks accepted\n");
    let mut items: Vec<(String, String, &Acceptance)> = ws
        .risks
        .iter()
        .filter_map(|r| {
            let a = r.acceptance.as_ref()?;
            Some((r.id.clone(), r.title.clone(), a))
        })
        .collect();
    items.extend(ws.remediation.iter().filter_map(|(id, m)| {
        let a = m.acceptance.as_ref()?;
        let what = catalog
            .get(id)
            .map(|q| {
                let f = q.finding.trim().trim_end_matches('.');
                if f.is_empty() {
                    q.prompt.clone()
                } else {
                    f.to_string()
                }
            })
            .unwrap_or_default();
        Some((id.clone(), what, a))
    }));
    if items.is_empty() {
        let _ = writeln!(md, "No risk has been accepted.\n");
        return;
    }
    let _ = writeln!(
        md,
        "| ID | Risk or gap | Accepted by | Role | Date | Rationale | Review by |\n| --- | --- | --- | --- | --- | --- | --- |"
    );
    let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let mut incomplete = Vec::new();
    for (id, what, a) in &items {
        let review = match a.review_by {
            Some(d) if a.is_due(today) => format!("{d} — **due for review**"),
            Some(d) => d.to_string(),
            None => "—".into(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {review} |",
            code(id),
            dash(cell(what)),
            dash(cell(&a.by)),
            dash(cell(&a.role)),
            a.date.map_or("—".into(), |d| d.to_string()),
            dash(cell(&a.rationale)),
        );
        let missing = a.missing();
        if !missing.is_empty() {
            incomplete.push(format!("{} lacks {}", md_text(id), missing.join(", ")));
        }
    }
    md.push('\n');
    if !incomplete.is_empty() {
        let _ = writeln!(
            md,
            "Not complete, so not yet standing as an acceptance: {}.\n",
            incomplete.join("; ")
        );
    }
}

/// For a carried-forward workspace: the assets and flows not confirmed and the risks not
/// re-rated since the last analysis.
pub(crate) fn changes(md: &mut String, ws: &Workspace) {
    let Some(p) = &ws.previous else { return };
    let _ = writeln!(md, "### Changes since the last analysis\n");
    let started = p
        .started
        .map(|d| format!(", started {d}"))
        .unwrap_or_default();
    let _ = writeln!(md, "Carried forward from {}{started}.\n", cell(&p.file));
    let named = |id: &str, name: &str| format!("{} {}", md_text(id), cell(name));
    let groups = [
        (
            "Assets still to re-verify",
            ws.assets
                .iter()
                .filter(|a| a.reverify)
                .map(|a| named(&a.id, &a.name))
                .collect::<Vec<_>>(),
        ),
        (
            "Data flows still to re-verify",
            ws.flows
                .iter()
                .filter(|f| f.reverify)
                .map(|f| {
                    format!(
                        "{} ({} → {})",
                        md_text(&f.id),
                        cell(ws.party_name(&f.from)),
                        cell(ws.party_name(&f.to))
                    )
                })
                .collect(),
        ),
        (
            "Risks still to re-rate",
            ws.risks
                .iter()
                .filter(|r| r.rerate)
                .map(|r| named(&r.id, &r.title))
                .collect(),
        ),
    ];
    if groups.iter().all(|(_, v)| v.is_empty()) {
        let _ = writeln!(
            md,
            "Every carried asset and data flow has been confirmed and every carried risk re-rated.\n"
        );
        return;
    }
    for (what, v) in groups {
        if !v.is_empty() {
            let _ = writeln!(md, "- {what}: {}.", v.join(", "));
        }
    }
    let _ = writeln!(
        md,
        "\nUntil they are looked at again they state the last analysis's facts, not this one's.\n"
    );
}

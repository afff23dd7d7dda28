//! The end of the report's risk analysis part: the risks and question gaps accepted (who,
//! in what role, when, why and until when), and what changed since the last analysis.

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::method::Acceptance;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{DATE, Doc, ID, TEXT, b, code, flat};
use crate::inl;

/// Every acceptance on record: the register's risks first, then the question gaps.
pub(crate) fn acceptances(d: &mut Doc, catalog: &Catalog, ws: &Workspace, today: NaiveDate) {
    d.heading(3, "Risks accepted");
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
        // The finding as the report states it elsewhere: a Partial answer's own variant.
        let partial = ws.status(id) == crate::domain::workspace::AnswerStatus::Partial;
        let what = catalog
            .get(id)
            .map(|q| {
                let f = if partial {
                    crate::domain::findings::partial_finding(q)
                } else {
                    q.finding.trim().to_string()
                };
                let f = f.trim_end_matches('.');
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
        d.p("No risk has been accepted.");
        return;
    }
    d.table(&[
        ("ID", ID),
        ("Risk or gap", TEXT),
        ("Accepted by", TEXT),
        ("Role", TEXT),
        ("Date", DATE),
        ("Rationale", TEXT),
        ("Review by", DATE),
    ]);
    let dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let mut incomplete = Vec::new();
    for (id, what, a) in &items {
        let review = match a.review_by {
            Some(d) if a.is_due(today) => inl![format!("{d} — "), b("due for review")],
            Some(d) => inl![d.to_string()],
            None => inl!["—"],
        };
        d.row(crate::cells![
            code(id),
            dash(what),
            dash(&a.by),
            dash(&a.role),
            a.date.map_or("—".into(), |d| d.to_string()),
            dash(&a.rationale),
            review
        ]);
        let missing = a.missing();
        if !missing.is_empty() {
            incomplete.push(format!("{id} lacks {}", missing.join(", ")));
        }
    }
    if !incomplete.is_empty() {
        d.p(format!(
            "Not complete, so not yet standing as an acceptance: {}.",
            incomplete.join("; ")
        ));
    }
}

/// For a carried-forward workspace: the assets and flows not confirmed and the risks not
/// re-rated since the last analysis.
pub(crate) fn changes(d: &mut Doc, ws: &Workspace) {
    let Some(p) = &ws.previous else { return };
    d.heading(3, "Changes since the last analysis");
    let started = p
        .started
        .map(|d| format!(", started {d}"))
        .unwrap_or_default();
    d.p(format!("Carried forward from {}{started}.", flat(&p.file)));
    let named = |id: &str, name: &str| format!("{id} {}", flat(name));
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
                        f.id,
                        flat(ws.party_name(&f.from)),
                        flat(ws.party_name(&f.to))
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
        d.p(
            "Every carried asset and data flow has been confirmed and every carried risk re-rated.",
        );
        return;
    }
    for (what, v) in groups {
        if !v.is_empty() {
            d.li(format!("{what}: {}.", v.join(", ")));
        }
    }
    d.p("Until they are looked at again they state the last analysis's facts, not this one's.");
}

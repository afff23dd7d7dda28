//! The executive summary's honest parts: a conclusion in three sentences from the figures,
//! compliance only for areas assessed far enough, the answers something else contradicts,
//! the register's highest risks, and one count that reconciles the board, the findings and
//! the analysed risks.

use std::fmt::Write as _;

use crate::domain::catalog::Catalog;
use crate::domain::conclusion::{self, AreaCoverage};
use crate::domain::findings::Finding;
use crate::domain::gaps::Gap;
use crate::domain::scoring::RiskLevel;
use crate::domain::text::count;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{Doc, b};
use crate::exchange::options::Options;
use crate::inl;

/// The conclusion: how far the assessment got and how much is in place, what needs action,
/// and where the risk analysis stands.
pub(crate) fn conclusion(
    d: &mut Doc,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
    findings: &[Finding],
    areas: &[AreaCoverage],
) {
    let (answered, total) = crate::domain::board::answered_total(catalog, ws);
    let mut s = String::new();
    if answered < total {
        let _ = write!(
            s,
            "The assessment is still under way: {answered} of {total} questions are answered, so every figure here is provisional."
        );
    } else {
        let _ = write!(s, "All {total} questions are answered.");
    }
    let quoted: Vec<&AreaCoverage> = areas.iter().filter(|a| a.compliance.is_some()).collect();
    let (yes, asked) = quoted.iter().fold((0, 0), |(y, n), a| {
        (
            y + a.figures.yes,
            n + a.figures.yes + a.figures.partial + a.figures.no,
        )
    });
    if let Some(p) = (yes * 100).checked_div(asked) {
        let names: Vec<&str> = quoted.iter().map(|a| a.area.name()).collect();
        let _ = write!(
            s,
            " In the areas assessed far enough to judge ({}), {p}% of what was asked is fully in place.",
            names.join(", ")
        );
    } else {
        let _ = write!(
            s,
            " No area is assessed far enough yet to quote how much is in place."
        );
    }
    let open: Vec<&Finding> = findings
        .iter()
        .filter(|f| !f.status().is_closed())
        .collect();
    let high = open
        .iter()
        .filter(|f| f.lead.level() >= RiskLevel::High)
        .count();
    let overdue = open.iter().filter(|f| f.is_overdue(o.today)).count();
    let _ = write!(
        s,
        " {} need{} action, {high} of them rated high or very high and {overdue} overdue.",
        count(open.len(), "finding", "findings"),
        if open.len() == 1 { "s" } else { "" },
    );
    let st = crate::domain::analysis::state(ws, o.today);
    let top = conclusion::top_risks(ws, 1);
    if st.complete {
        match top.first() {
            Some(r) => {
                let _ = write!(
                    s,
                    " The risk analysis is complete; its highest risk is {} ({}, {}).",
                    r.id,
                    r.title,
                    crate::domain::analysis::level(r).label().to_lowercase()
                );
            }
            None => {
                let _ = write!(s, " The risk analysis is complete.");
            }
        }
    } else {
        let _ = write!(
            s,
            " The risk analysis is not complete yet ({}), so this document is a gap assessment.",
            st.missing
                .first()
                .map(|m| m.trim_end_matches('.').to_string())
                .unwrap_or_default()
        );
    }
    d.p(inl![b("Conclusion."), format!(" {}", s.trim())]);
}

/// The contradictions, the register's highest risks and the reconciling count.
pub(crate) fn checks(
    d: &mut Doc,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
    gaps: &[Gap],
    findings: &[Finding],
) {
    let contradictions = conclusion::contradictions(catalog, ws, o.today, o.window);
    if !contradictions.is_empty() {
        // Counted as answers, as the list names them (one contradiction may name several).
        let answers: usize = contradictions.iter().map(|c| c.ids.len()).sum();
        d.p(inl![
            b(format!(
                "Answers to check before this report is final ({answers})"
            )),
            if answers == 1 {
                ": a Yes that something else in this workspace contradicts."
            } else {
                ": Yes answers that something else in this workspace contradicts."
            }
        ]);
        for c in &contradictions {
            d.li(format!(
                "{} {} answered Yes, but {}.",
                c.ids.join(", "),
                if c.ids.len() == 1 { "is" } else { "are" },
                c.why
            ));
        }
    }
    let top = conclusion::top_risks(ws, 3);
    if !top.is_empty() {
        let named: Vec<String> = top
            .iter()
            .map(|r| {
                format!(
                    "{} {} ({}, {}{})",
                    r.id,
                    r.title,
                    crate::domain::analysis::level(r).label().to_lowercase(),
                    r.treatment.label().to_lowercase(),
                    if crate::domain::risk::is_open(r) {
                        ""
                    } else {
                        ", not open"
                    }
                )
            })
            .collect();
        d.p(format!(
            "The highest risks in the register: {}.",
            named.join("; ")
        ));
    }
    let r = conclusion::reconcile(ws, gaps, findings);
    let mut kinds = Vec::new();
    for (n, one, many) in [
        (r.questions, "from an answer", "from answers"),
        (r.register, "register risk", "register risks"),
        (r.vendors, "vendor", "vendors"),
        (
            r.evidence,
            "evidence or yearly item",
            "evidence or yearly items",
        ),
    ] {
        if n > 0 {
            kinds.push(count(n, one, many));
        }
    }
    d.p(format!(
        "In one count: the board's {} open {} ({}) make {} open {}, one per problem (a question, a vendor and a register risk that describe the same problem are one finding). The risk analysis rates {}: {} open on the board, {} accepted and {} at or below the acceptance threshold.",
        r.items(),
        if r.items() == 1 { "item" } else { "items" },
        if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds.join(", ")
        },
        r.findings,
        if r.findings == 1 {
            "finding"
        } else {
            "findings"
        },
        count(r.analysed, "risk", "risks"),
        r.analysed_open,
        r.analysed_accepted,
        r.analysed_within,
    ));
}

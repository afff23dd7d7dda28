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
use crate::exchange::cells::md_text;
use crate::exchange::options::Options;

/// The conclusion: how far the assessment got and how much is in place, what needs action,
/// and where the risk analysis stands.
pub(crate) fn conclusion(
    md: &mut String,
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
                    md_text(&r.id),
                    md_text(&r.title),
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
                .map(|m| md_text(m.trim_end_matches('.')))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(md, "**Conclusion.** {}\n", s.trim());
}

/// The contradictions, the register's highest risks and the reconciling count.
pub(crate) fn checks(
    md: &mut String,
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
    gaps: &[Gap],
    findings: &[Finding],
) {
    let contradictions = conclusion::contradictions(catalog, ws, o.today, o.window);
    if !contradictions.is_empty() {
        let _ = writeln!(
            md,
            "**Answers to check before this report is final ({})**: a Yes that something else in this workspace contradicts.\n",
            contradictions.len()
        );
        for c in &contradictions {
            let _ = writeln!(
                md,
                "- {} {} answered Yes, but {}.",
                md_text(&c.ids.join(", ")),
                if c.ids.len() == 1 { "is" } else { "are" },
                md_text(&c.why)
            );
        }
        md.push('\n');
    }
    let top = conclusion::top_risks(ws, 3);
    if !top.is_empty() {
        let named: Vec<String> = top
            .iter()
            .map(|r| {
                format!(
                    "{} {} ({}, {}{})",
                    md_text(&r.id),
                    md_text(&r.title),
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
        let _ = writeln!(
            md,
            "The highest risks in the register: {}.\n",
            named.join("; ")
        );
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
    let _ = writeln!(
        md,
        "In one count: the board's {} open {} ({}) make {} open {}, one per problem (a question, a vendor and a register risk that describe the same problem are one finding). The risk analysis rates {}: {} open on the board, {} accepted and {} at or below the acceptance threshold.\n",
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
    );
}

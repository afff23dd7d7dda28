//! The security risk analysis (45 CFR 164.308(a)(1)(ii)(A)) as OCR's 2010 guidance lays it
//! out: scope and inventory, threats and vulnerabilities per asset, current controls,
//! likelihood, impact and level with their reasons, treatment, and whether all of it is done.
//! The method (scales, threshold, sources) is the engagement's; the state is derived.

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::domain::method::{Acceptance, Method};
use crate::domain::scoring::RiskLevel;
use crate::domain::status::{RemediationStatus, Treatment};
use crate::domain::workspace::{RiskEntry, Workspace};

/// How many register risks name each asset id, in one pass over the register.
pub fn risk_counts(ws: &Workspace) -> std::collections::HashMap<&str, usize> {
    let mut out = std::collections::HashMap::new();
    for r in &ws.risks {
        for a in &r.assets {
            *out.entry(a.as_str()).or_default() += 1;
        }
    }
    out
}

/// A risk entry's level before treatment.
pub fn level(r: &RiskEntry) -> RiskLevel {
    RiskLevel::of(r.likelihood, r.impact)
}

/// Both ratings carry a reason, and a carried entry has been looked at again.
pub fn is_rated(r: &RiskEntry) -> bool {
    !r.rerate && !r.likelihood_why.trim().is_empty() && !r.impact_why.trim().is_empty()
}

/// The treatment decided for a risk is on record: an acceptance with its facts, or a plan
/// (the remediation plan of the entry, or a residual target) for the other treatments.
pub fn is_treated(ws: &Workspace, r: &RiskEntry) -> bool {
    match r.treatment {
        Treatment::Accept => r
            .acceptance
            .as_ref()
            .is_some_and(|a| a.missing().is_empty()),
        _ => {
            let rem = ws.remediation.get(&r.id);
            rem.is_some_and(|m| !m.plan.trim().is_empty() || m.status == RemediationStatus::Done)
                || r.target_likelihood.is_some()
                || r.target_impact.is_some()
        }
    }
}

/// Where the analysis stands: complete, or what is missing (OCR's elements as checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct State {
    pub complete: bool,
    pub assets: usize,
    /// Assets holding ePHI.
    pub ephi_assets: usize,
    /// Assets holding ePHI with neither a risk naming them nor a "no significant risk" reason.
    pub assets_unassessed: Vec<String>,
    /// Assets carried from the last assessment and not confirmed.
    pub assets_to_reverify: Vec<String>,
    pub flows: usize,
    pub risks: usize,
    /// Risks without a reason for their likelihood or impact, or carried and not re-rated.
    pub risks_unrated: Vec<String>,
    /// Risks above the threshold without a recorded treatment.
    pub untreated_above_threshold: Vec<String>,
    /// Accepted risks and gaps past their review-by date.
    pub acceptances_due: Vec<String>,
    /// What keeps it from being complete, in words, most basic first.
    pub missing: Vec<String>,
}

/// The analysis's state on `today`.
pub fn state(ws: &Workspace, today: NaiveDate) -> State {
    let threshold = ws.method.threshold();
    let ephi: Vec<_> = ws.assets.iter().filter(|a| a.holds_ephi()).collect();
    let named = risk_counts(ws);
    let assets_unassessed: Vec<String> = ephi
        .iter()
        .filter(|a| a.no_risk.trim().is_empty() && !named.contains_key(a.id.as_str()))
        .map(|a| a.id.clone())
        .collect();
    let assets_to_reverify: Vec<String> = ws
        .assets
        .iter()
        .filter(|a| a.reverify)
        .map(|a| a.id.clone())
        .collect();
    let risks_unrated: Vec<String> = ws
        .risks
        .iter()
        .filter(|r| !is_rated(r))
        .map(|r| r.id.clone())
        .collect();
    let untreated_above_threshold: Vec<String> = ws
        .risks
        .iter()
        .filter(|r| level(r) > threshold && !is_treated(ws, r))
        .map(|r| r.id.clone())
        .collect();
    let mut acceptances_due: Vec<String> = ws
        .risks
        .iter()
        .filter(|r| r.acceptance.as_ref().is_some_and(|a| a.is_due(today)))
        .map(|r| r.id.clone())
        .collect();
    acceptances_due.extend(
        ws.remediation
            .iter()
            .filter(|(_, m)| m.acceptance.as_ref().is_some_and(|a| a.is_due(today)))
            .map(|(id, _)| id.clone()),
    );
    let mut missing = Vec::new();
    let n = |v: usize, one: &str, many: &str| crate::domain::text::count(v, one, many);
    if ephi.is_empty() {
        missing.push("no asset holding ePHI is in the inventory".to_string());
    }
    if !ephi.is_empty() && ws.flows.is_empty() {
        missing.push("no data flow of ePHI is documented".to_string());
    }
    if !assets_unassessed.is_empty() {
        missing.push(format!(
            "{} holding ePHI without a rated risk or a reason why none is significant: {}",
            n(assets_unassessed.len(), "asset", "assets"),
            assets_unassessed.join(", ")
        ));
    }
    if !assets_to_reverify.is_empty() {
        missing.push(format!(
            "{} carried from the last assessment and not confirmed: {}",
            n(assets_to_reverify.len(), "asset", "assets"),
            assets_to_reverify.join(", ")
        ));
    }
    if !risks_unrated.is_empty() {
        missing.push(format!(
            "{} without a reason for the likelihood or the impact (or not re-rated): {}",
            n(risks_unrated.len(), "risk", "risks"),
            risks_unrated.join(", ")
        ));
    }
    if !untreated_above_threshold.is_empty() {
        missing.push(format!(
            "{} above the acceptance threshold ({}) without a treatment on record: {}",
            n(untreated_above_threshold.len(), "risk", "risks"),
            threshold.label(),
            untreated_above_threshold.join(", ")
        ));
    }
    State {
        complete: missing.is_empty(),
        assets: ws.assets.len(),
        ephi_assets: ephi.len(),
        assets_unassessed,
        assets_to_reverify,
        flows: ws.flows.len(),
        risks: ws.risks.len(),
        risks_unrated,
        untreated_above_threshold,
        acceptances_due,
        missing,
    }
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod tests;

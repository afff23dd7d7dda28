//! How a risk analysis is done and judged (the engagement's method: sources, the scales'
//! definitions, the acceptance threshold) and what a risk acceptance records. Plain types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::rating::Rating;
use crate::domain::scoring::RiskLevel;

/// SP 800-30 r1, Table G-2 (likelihood of a threat event), in our words; 1 first.
pub const LIKELIHOOD_SCALE: [&str; 5] = [
    "Very low: highly unlikely to happen in the coming year",
    "Low: unlikely, though it has happened to practices like this one",
    "Moderate: somewhat likely; expect it within a few years",
    "High: highly likely within the year",
    "Very high: almost certain, or already happening",
];

/// SP 800-30 r1, Table H-3 (impact of a threat event), in our words; 1 first.
pub const IMPACT_SCALE: [&str; 5] = [
    "Very low: a negligible effect on patients, operations or the practice",
    "Low: a limited effect; a few records, quickly contained",
    "Moderate: a serious effect; a reportable breach or care delayed for days",
    "High: a severe effect; a large breach, weeks of disruption, patient harm possible",
    "Very high: multiple severe or catastrophic effects; the practice may not recover",
];

pub const DEFAULT_SOURCES: &str = "Interviews with staff, review of documents and configurations, a walkthrough of the site, and vulnerability or configuration scans where available";

/// How the analysis was done and is judged: the engagement's, editable; empty texts take the
/// defaults above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Where the facts came from (interviews, documents, walkthrough, scans).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sources: String,
    /// Five definitions, Very low first; empty for SP 800-30's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub likelihood_scale: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impact_scale: Vec<String>,
    /// Risks at this level or below may be accepted; above it they need a treatment.
    /// `None` is Low.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<RiskLevel>,
}

impl Method {
    pub fn is_default(&self) -> bool {
        *self == Method::default()
    }

    pub fn sources(&self) -> &str {
        if self.sources.trim().is_empty() {
            DEFAULT_SOURCES
        } else {
            &self.sources
        }
    }

    pub fn threshold(&self) -> RiskLevel {
        self.threshold.unwrap_or(RiskLevel::Low)
    }

    fn scale<'a>(own: &'a [String], default: &'a [&'static str; 5], r: Rating) -> &'a str {
        match own.get(r.index()) {
            Some(s) if own.len() == 5 && !s.trim().is_empty() => s,
            _ => default[r.index()],
        }
    }

    /// The definition of a likelihood level.
    pub fn likelihood(&self, r: Rating) -> &str {
        Self::scale(&self.likelihood_scale, &LIKELIHOOD_SCALE, r)
    }

    pub fn impact(&self, r: Rating) -> &str {
        Self::scale(&self.impact_scale, &IMPACT_SCALE, r)
    }
}

/// A risk (a register entry or a question gap) accepted by someone with the authority to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    /// When the acceptance is to be looked at again; past it, the item returns to the board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<NaiveDate>,
}

impl Acceptance {
    /// Past its review date.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.review_by.is_some_and(|d| d < today)
    }

    /// What is missing for the acceptance to stand, in words; empty when complete.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.by.trim().is_empty() {
            out.push("who accepts");
        }
        if self.role.trim().is_empty() {
            out.push("their role");
        }
        if self.date.is_none() {
            out.push("the date");
        }
        if self.rationale.trim().is_empty() {
            out.push("the rationale");
        }
        if self.review_by.is_none() {
            out.push("a review-by date");
        }
        out
    }
}

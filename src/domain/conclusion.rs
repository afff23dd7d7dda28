//! What the executive summary may honestly say: which areas are assessed far enough to quote a
//! compliance figure, the answers that something else in the workspace contradicts, the
//! register's highest risks, and one count that reconciles the board, the findings and the
//! analysed risks.

use chrono::NaiveDate;

use crate::domain::board::{self, AreaFigures};
use crate::domain::catalog::{Area, Catalog};
use crate::domain::findings::{BAA_QUESTIONS, Finding};
use crate::domain::gaps::{Gap, GapKind};
use crate::domain::scoring::RiskLevel;
use crate::domain::status::AnswerStatus;
use crate::domain::vendor::VendorState;
use crate::domain::workspace::{RiskEntry, Workspace};

/// An area's compliance is quoted once at least this share of its questions is answered
/// (N/A counts: it is an answer) ...
pub const COVERAGE_PERCENT: usize = 50;
/// ... and at least this many of them (a four-question area needs all four).
pub const COVERAGE_MIN: usize = 10;

/// One area's figures and whether they may be quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaCoverage {
    pub area: Area,
    pub figures: AreaFigures,
    /// The compliance percentage, when enough is answered to quote it.
    pub compliance: Option<usize>,
}

impl AreaCoverage {
    /// The table cell: "85%", or "not yet assessed: 2 of 69 answered".
    pub fn shown(&self) -> String {
        match self.compliance {
            Some(p) => format!("{p}%"),
            None => format!(
                "not yet assessed: {} of {} answered",
                self.figures.answered(),
                self.figures.total
            ),
        }
    }
}

/// Whether an area's answers are enough to quote its compliance.
pub fn assessed(f: &AreaFigures) -> bool {
    let answered = f.answered();
    answered * 100 >= f.total * COVERAGE_PERCENT
        && answered >= COVERAGE_MIN.min(f.total)
        && f.yes + f.partial + f.no > 0
}

pub fn coverage(catalog: &Catalog, ws: &Workspace) -> Vec<AreaCoverage> {
    Area::ALL
        .into_iter()
        .map(|area| {
            let figures = board::area_figures(catalog, ws, area);
            let compliance = assessed(&figures)
                .then(|| figures.compliance_percent())
                .flatten();
            AreaCoverage {
                area,
                figures,
                compliance,
            }
        })
        .collect()
}

/// Yes answers that something else in the workspace contradicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// The questions answered Yes.
    pub ids: Vec<String>,
    /// What contradicts them, in words.
    pub why: String,
}

/// Yes answers that the register, the vendor register, the risk analysis or the evidence
/// contradict, in bank order.
pub fn contradictions(
    catalog: &Catalog,
    ws: &Workspace,
    today: NaiveDate,
    window: u32,
) -> Vec<Contradiction> {
    let st = crate::domain::analysis::state(ws, today);
    let mut out = Vec::new();
    let open_high: Vec<&RiskEntry> = ws
        .risks
        .iter()
        .filter(|r| {
            crate::domain::risk::is_open(r) && crate::domain::analysis::level(r) >= RiskLevel::High
        })
        .collect();
    for q in &catalog.questions {
        let Some(a) = ws.answers.get(&q.id) else {
            continue;
        };
        if a.status != AnswerStatus::Yes {
            continue;
        }
        let mut why = Vec::new();
        if let Some(f) = crate::domain::analysis_facts::facts_of(ws, &st, &q.id)
            && f.supports != AnswerStatus::Yes
        {
            why.push(format!("the risk analysis shows {}", f.text));
        }
        if BAA_QUESTIONS[0] == q.id {
            let missing: Vec<&str> = ws
                .vendors
                .iter()
                .filter(|v| {
                    matches!(
                        v.state(today, window),
                        VendorState::Missing | VendorState::Expired
                    )
                })
                .map(|v| v.name.as_str())
                .collect();
            if !missing.is_empty() {
                why.push(format!(
                    "the vendor register lists no BAA in effect for {}",
                    missing.join(", ")
                ));
            }
        }
        if !a.evidence.is_empty()
            && a.evidence.iter().all(|e| {
                matches!(
                    crate::domain::evidence::expiry(e, today, window),
                    Some(crate::domain::evidence::EvidenceState::Expired)
                )
            })
        {
            why.push("every evidence item for it has expired".to_string());
        }
        if !why.is_empty() {
            out.push(Contradiction {
                ids: vec![q.id.clone()],
                why: why.join("; "),
            });
        }
    }
    // A risk the register rates high or very high, while every question it links that is
    // answered says the safeguard is fully in place: one of the two is wrong.
    for r in open_high {
        let answered: Vec<(&str, AnswerStatus)> = r
            .links
            .iter()
            .map(|l| (l.as_str(), ws.status(l)))
            .filter(|(_, s)| *s != AnswerStatus::Unanswered && *s != AnswerStatus::NotApplicable)
            .collect();
        if !answered.is_empty() && answered.iter().all(|(_, s)| *s == AnswerStatus::Yes) {
            out.push(Contradiction {
                ids: answered.iter().map(|(id, _)| id.to_string()).collect(),
                why: format!(
                    "register risk {} ({}) is rated {} on the weakness {} cover{}",
                    r.id,
                    r.title,
                    crate::domain::analysis::level(r).label().to_lowercase(),
                    if answered.len() == 1 { "it" } else { "they" },
                    if answered.len() == 1 { "s" } else { "" }
                ),
            });
        }
    }
    out
}

/// The board, the findings and the register in one count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// Open items on the board, by kind.
    pub questions: usize,
    pub register: usize,
    pub vendors: usize,
    pub evidence: usize,
    /// Open findings they make.
    pub findings: usize,
    /// Risks in the register, and how many of them are open items on the board.
    pub analysed: usize,
    pub analysed_open: usize,
    /// Register risks accepted, or rated at or below the acceptance threshold.
    pub analysed_accepted: usize,
    pub analysed_within: usize,
}

impl Reconciled {
    pub fn items(&self) -> usize {
        self.questions + self.register + self.vendors + self.evidence
    }
}

pub fn reconcile(ws: &Workspace, gaps: &[Gap], findings: &[Finding]) -> Reconciled {
    let mut r = Reconciled::default();
    for g in gaps.iter().filter(|g| !g.status.is_closed()) {
        match g.kind {
            GapKind::Question => r.questions += 1,
            GapKind::Risk => r.register += 1,
            GapKind::Vendor => r.vendors += 1,
            GapKind::Evidence | GapKind::Renewal => r.evidence += 1,
            GapKind::Project => {}
        }
    }
    r.findings = findings.iter().filter(|f| !f.status().is_closed()).count();
    r.analysed = ws.risks.len();
    let open: std::collections::HashSet<&str> = gaps
        .iter()
        .filter(|g| g.kind == GapKind::Risk && !g.status.is_closed())
        .map(|g| g.id.as_str())
        .collect();
    let threshold = ws.method.threshold();
    for e in &ws.risks {
        if open.contains(e.id.as_str()) {
            r.analysed_open += 1;
        } else if e.treatment == crate::domain::status::Treatment::Accept || e.acceptance.is_some()
        {
            r.analysed_accepted += 1;
        } else if crate::domain::analysis::level(e) <= threshold {
            r.analysed_within += 1;
        }
    }
    r
}

/// The register's highest risks, open ones first, then by inherent score: always named.
pub fn top_risks(ws: &Workspace, n: usize) -> Vec<&RiskEntry> {
    let mut v: Vec<&RiskEntry> = ws.risks.iter().collect();
    v.sort_by_key(|r| {
        (
            !crate::domain::risk::is_open(r),
            std::cmp::Reverse(crate::domain::rating::Rating::score(r.likelihood, r.impact)),
        )
    });
    v.truncate(n);
    v
}

#[cfg(test)]
#[path = "conclusion_tests.rs"]
mod tests;

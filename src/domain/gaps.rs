//! Gaps are derived, never stored: every question answered No or Partial and every open
//! risk-register entry rated above Low, joined with its remediation record.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::catalog::{Area, Catalog};
use crate::domain::evidence::EvidenceState;
use crate::domain::rating::Rating;
use crate::domain::scoring::RiskLevel;
use crate::domain::vendor::{Vendor, VendorState};
use crate::domain::workspace::{AnswerStatus, Remediation, RemediationStatus, Workspace};

/// One gap on the board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub id: String,
    /// `None` for a risk-register entry.
    pub area: Option<Area>,
    pub section: String,
    pub title: String,
    pub answer: Option<AnswerStatus>,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: RemediationStatus,
    pub plan: String,
    pub likelihood: Rating,
    pub impact: Rating,
    pub retired: bool,
    /// Carried from the last assessment: the answer (or a register entry's rating) is still
    /// to be re-verified.
    pub reverify: bool,
    pub kind: GapKind,
    /// When an item that closed by itself was resolved (a vendor's BAA signed, an expiring
    /// document replaced): it stays on the board as closed work with this date, so progress
    /// counts what the client fixed instead of losing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// The likelihood and impact are the bank's (or the item kind's) defaults, not the
    /// assessor's judgement (a Partial answer's default likelihood is one level below).
    pub default_rating: bool,
    /// The remediation project the gap belongs to; its owner and due date stand in for the
    /// gap's own when those are not set.
    pub project: Option<String>,
}

pub use crate::domain::status::GapKind;

impl Gap {
    pub fn score(&self) -> u8 {
        Rating::score(self.likelihood, self.impact)
    }

    pub fn level(&self) -> RiskLevel {
        RiskLevel::of(self.likelihood, self.impact)
    }

    pub fn area_name(&self) -> &'static str {
        match (self.area, self.kind) {
            (Some(a), _) => a.name(),
            (None, GapKind::Project) => "Project",
            (None, _) => "Register",
        }
    }

    /// Due before today and not closed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_closed() && self.due.is_some_and(|d| d < today)
    }

    /// Days until due (negative when overdue).
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.due.map(|d| (d - today).num_days())
    }
}

fn from_question(
    id: &str,
    status: AnswerStatus,
    rem: Option<&Remediation>,
    catalog: &Catalog,
) -> Gap {
    let q = catalog.get(id);
    let empty = Remediation::default();
    let r = rem.unwrap_or(&empty);
    Gap {
        id: id.to_string(),
        area: q.map(|q| q.area()).or_else(|| Area::of_id(id)),
        section: q.map(|q| q.section.clone()).unwrap_or_default(),
        title: q
            .map(|q| q.prompt.clone())
            .unwrap_or_else(|| "(retired question)".to_string()),
        answer: Some(status),
        owner: r.owner.clone(),
        due: r.due,
        status: r.status,
        plan: r.plan.clone(),
        // A Partial answer means part of the safeguard is there: by default one likelihood
        // level below a No (the consultant's own rating, when given, stands).
        likelihood: r.likelihood.unwrap_or_else(|| {
            let l = q.map_or(Rating::MODERATE, |q| q.likelihood);
            if status == AnswerStatus::Partial {
                l.lower()
            } else {
                l
            }
        }),
        impact: r.impact.unwrap_or(q.map_or(Rating::MODERATE, |q| q.impact)),
        retired: q.is_none(),
        reverify: false,
        kind: GapKind::Question,
        closed_on: None,
        default_rating: r.likelihood.is_none() && r.impact.is_none(),
        project: None,
    }
}

/// A vendor's board item: its BAA missing, expired or expiring, with the remediation kept
/// under the vendor's id. An expired BAA is no BAA: rated as a missing one, and due (so
/// overdue) from the day it expired unless someone set another date.
fn from_vendor(ws: &Workspace, v: &Vendor, state: VendorState) -> Gap {
    let r = ws.remediation.get(&v.id).cloned().unwrap_or_default();
    let who = if v.service.is_empty() {
        v.name.clone()
    } else {
        format!("{} ({})", v.name, v.service)
    };
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let (title, l, i) = match state {
        VendorState::Missing => (format!("No signed BAA: {who} handles PHI"), 4, 4),
        VendorState::Expired => (format!("BAA expired {}: {who}", date(v.baa_expires)), 4, 4),
        _ => (format!("BAA expires {}: {who}", date(v.baa_expires)), 2, 3),
    };
    let rating = |n: u8| Rating::new(n).unwrap_or(Rating::MODERATE);
    let due = match state {
        VendorState::Expired | VendorState::Expiring => r.due.or(v.baa_expires),
        _ => r.due,
    };
    Gap {
        id: v.id.clone(),
        area: Some(Area::Administrative),
        section: "Business associates".into(),
        title,
        answer: None,
        owner: r.owner,
        due,
        status: r.status,
        plan: r.plan,
        likelihood: r.likelihood.unwrap_or(rating(l)),
        impact: r.impact.unwrap_or(rating(i)),
        retired: false,
        reverify: false,
        kind: GapKind::Vendor,
        closed_on: None,
        default_rating: r.likelihood.is_none() && r.impact.is_none(),
        project: None,
    }
}

/// How long resolved vendor and evidence items stay on the board as closed work.
pub const RESOLVED_KEPT_DAYS: i64 = 365;

/// A vendor whose BAA is now in effect but that was a gap before: someone tracked it (a
/// remediation record under its id) or it was in the register before the BAA was signed.
/// It stays on the board, closed on the signing date, for a year.
fn resolved_vendor(ws: &Workspace, v: &Vendor, today: NaiveDate) -> Option<Gap> {
    let signed = v.baa_signed?;
    if !v.phi || signed > today || (today - signed).num_days() > RESOLVED_KEPT_DAYS {
        return None;
    }
    let tracked = ws.remediation.contains_key(&v.id);
    let listed_before = ws.log.iter().any(|c| c.id == v.id && c.at.date() < signed);
    if !tracked && !listed_before {
        return None;
    }
    let mut g = from_vendor(ws, v, VendorState::Missing);
    g.title = format!("BAA signed {signed}: {}", v.name);
    if !g.status.is_closed() {
        g.status = RemediationStatus::Done;
    }
    g.due = g.due.or(Some(signed));
    g.closed_on = Some(signed);
    Some(g)
}

/// Every gap of the workspace, in bank order, then retired ids, then the risk register,
/// then the vendors without a signed BAA.
pub fn derive(catalog: &Catalog, ws: &Workspace) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = ws
        .answers
        .iter()
        .filter(|(id, a)| a.status.is_gap() && !catalog.is_out_of_scope(id))
        .map(|(id, a)| {
            let mut g = from_question(id, a.status, ws.remediation.get(id), catalog);
            g.reverify = a.reverify;
            g
        })
        .collect();
    gaps.sort_by_cached_key(|g| (g.retired, catalog.position(&g.id)));
    gaps.extend(ws.risks.iter().filter_map(|risk| risk_gap(ws, risk)));
    for v in ws
        .vendors
        .iter()
        .filter(|v| v.phi && v.baa_signed.is_none())
    {
        gaps.push(from_vendor(ws, v, VendorState::Missing));
    }
    apply_projects(ws, &mut gaps);
    gaps
}

/// The board's items as of `today`: every gap; the vendors whose BAA has expired or expires
/// within `window` days; evidence expired or expiring within the window (`evidence` items,
/// id `QID/E1`, the owner of the question or vendor it belongs to, due when it expires);
/// then the yearly duties due within the window or past (`renewal` items: the question's
/// owner, the date a year after its evidence or answer). The app, `check`, `gaps` and the
/// exports all list these.
pub fn derive_all(catalog: &Catalog, ws: &Workspace, today: NaiveDate, window: u32) -> Vec<Gap> {
    let mut all = derive(catalog, ws);
    for v in &ws.vendors {
        let state = v.state(today, window);
        if matches!(state, VendorState::Expired | VendorState::Expiring) {
            all.push(from_vendor(ws, v, state));
        } else if matches!(state, VendorState::Ok)
            && let Some(g) = resolved_vendor(ws, v, today)
        {
            all.push(g);
        }
    }
    let items = ws.evidence_items();
    for held in &items {
        let Some(state) = crate::domain::evidence::expiry(held.item, today, window) else {
            continue;
        };
        // Replaced: the same owner holds a later document under the same label that is not
        // itself expiring. Closed on the day the new one was collected.
        let replaced_on = items
            .iter()
            .filter(|other| {
                other.owner == held.owner
                    && other.index != held.index
                    && other.item.label.trim() == held.item.label.trim()
                    && crate::domain::evidence::expiry(other.item, today, window).is_none()
            })
            .filter_map(|other| other.item.collected)
            .filter(|c| held.item.collected.is_none_or(|old| *c > old) && *c <= today)
            .max();
        // Evidence of a question the profile sets aside waits with its answer.
        if catalog.is_out_of_scope(held.owner)
            || replaced_on.is_some_and(|d| (today - d).num_days() > RESOLVED_KEPT_DAYS)
        {
            continue;
        }
        let q = catalog.get(held.owner);
        let vendor = ws.vendor(held.owner);
        let (l, i) = q.map_or((Rating::LOW, Rating::MODERATE), |q| {
            (q.likelihood, q.impact)
        });
        let verb = if state == EvidenceState::Expired {
            "expired"
        } else {
            "expires"
        };
        let when = held.item.expires.map(|d| d.to_string()).unwrap_or_default();
        all.push(Gap {
            id: held.board_id(),
            area: q.map(|q| q.area()).or(vendor.map(|_| Area::Administrative)),
            section: q.map_or_else(|| "Business associates".to_string(), |q| q.section.clone()),
            title: match replaced_on {
                Some(d) => format!("Evidence replaced {d}: {}", held.item.label),
                None => format!("Evidence {verb} {when}: {}", held.item.label),
            },
            answer: None,
            owner: ws.remediation(held.owner).owner,
            due: held.item.expires,
            status: if replaced_on.is_some() {
                RemediationStatus::Done
            } else {
                RemediationStatus::Open
            },
            plan: String::new(),
            likelihood: l,
            impact: i,
            retired: false,
            reverify: false,
            kind: GapKind::Evidence,
            closed_on: replaced_on,
            default_rating: true,
            project: None,
        });
    }
    // An acceptance past its review-by date is open work again until someone reviews it.
    let due: std::collections::HashMap<&str, NaiveDate> = ws
        .remediation
        .iter()
        .filter_map(|(id, r)| {
            let a = r.acceptance.as_ref()?;
            a.review_by
                .filter(|_| a.is_due(today))
                .map(|d| (id.as_str(), d))
        })
        .collect();
    if !due.is_empty() {
        for g in &mut all {
            if let Some(d) = due.get(g.id.as_str())
                && g.status == RemediationStatus::RiskAccepted
            {
                g.status = RemediationStatus::Open;
                g.title = format!("Acceptance to review (due {d}): {}", g.title);
            }
        }
    }
    for risk in &ws.risks {
        let Some(d) = risk
            .acceptance
            .as_ref()
            .filter(|a| a.is_due(today))
            .and_then(|a| a.review_by)
        else {
            continue;
        };
        if risk.treatment != crate::domain::status::Treatment::Accept
            || all.iter().any(|g| g.id == risk.id)
        {
            continue;
        }
        let r = ws.remediation(&risk.id);
        all.push(Gap {
            id: risk.id.clone(),
            area: None,
            section: "Risk register".into(),
            title: format!("Acceptance to review (due {d}): {}", risk.title),
            answer: None,
            owner: r.owner,
            due: Some(d),
            status: RemediationStatus::Open,
            plan: r.plan,
            likelihood: risk.likelihood,
            impact: risk.impact,
            retired: false,
            reverify: risk.rerate,
            kind: GapKind::Risk,
            closed_on: None,
            default_rating: false,
            project: None,
        });
    }
    let horizon = today
        .checked_add_days(chrono::Days::new(window.into()))
        .unwrap_or(NaiveDate::MAX);
    for (id, due) in crate::domain::duties::renewals(catalog, ws) {
        if due > horizon {
            continue;
        }
        let Some(q) = catalog.get(&id) else { continue };
        let r = ws.remediation(&id);
        all.push(Gap {
            id: id.clone(),
            area: Some(q.area()),
            section: q.section.clone(),
            title: format!("Renew (yearly): {}", q.prompt),
            answer: Some(AnswerStatus::Yes),
            owner: r.owner,
            due: Some(due),
            status: RemediationStatus::Open,
            plan: String::new(),
            likelihood: q.likelihood,
            impact: q.impact,
            retired: false,
            reverify: false,
            kind: GapKind::Renewal,
            closed_on: None,
            default_rating: true,
            project: None,
        });
    }
    apply_projects(ws, &mut all);
    all
}

/// Fills in a member's owner and due date from its project where the gap has none, and
/// names the project on the gap. References to a project that does not exist are ignored.
pub(crate) fn apply_projects(ws: &Workspace, gaps: &mut [Gap]) {
    if ws.projects.is_empty() {
        return;
    }
    let by_id: std::collections::BTreeMap<&str, &crate::domain::workspace::Project> =
        ws.projects.iter().map(|p| (p.id.as_str(), p)).collect();
    for g in gaps
        .iter_mut()
        .filter(|g| matches!(g.kind, GapKind::Question | GapKind::Risk | GapKind::Vendor))
    {
        let Some(p) = ws
            .remediation
            .get(&g.id)
            .and_then(|r| r.project.as_deref())
            .and_then(|id| by_id.get(id))
        else {
            continue;
        };
        g.project = Some(p.id.clone());
        if g.owner.is_empty() {
            g.owner = p.owner.clone();
        }
        if g.due.is_none() {
            g.due = p.due;
        }
    }
}

/// A register entry's gap: when it is open (rated above Low and not accepted).
pub fn risk_gap(ws: &Workspace, risk: &crate::domain::workspace::RiskEntry) -> Option<Gap> {
    if !crate::domain::risk::is_open(risk) {
        return None;
    }
    let r = ws.remediation.get(&risk.id).cloned().unwrap_or_default();
    let mut g = Gap {
        id: risk.id.clone(),
        area: None,
        section: "Risk register".into(),
        title: risk.title.clone(),
        answer: None,
        owner: r.owner,
        due: r.due,
        status: r.status,
        plan: r.plan,
        likelihood: risk.likelihood,
        impact: risk.impact,
        retired: false,
        reverify: risk.rerate,
        kind: GapKind::Risk,
        closed_on: None,
        default_rating: false,
        project: None,
    };
    apply_projects(ws, std::slice::from_mut(&mut g));
    Some(g)
}

/// The gap of one question, when it is one.
pub fn derive_one(catalog: &Catalog, ws: &Workspace, id: &str) -> Option<Gap> {
    let a = ws.answers.get(id)?;
    (a.status.is_gap() && !catalog.is_out_of_scope(id)).then(|| {
        let mut g = from_question(id, a.status, ws.remediation.get(id), catalog);
        g.reverify = a.reverify;
        apply_projects(ws, std::slice::from_mut(&mut g));
        g
    })
}

#[cfg(test)]
#[path = "gaps_tests.rs"]
mod tests;

/// What to do about a gap when no plan is written yet: the bank's suggested remediation for
/// a question (for a register risk, that of the first question it links), or the standard
/// step for a vendor, an expiring document or a yearly duty. A report prints it marked as a
/// suggestion, never as the client's plan, so no finding goes out without a recommendation.
pub fn suggested_plan(catalog: &Catalog, ws: &Workspace, g: &Gap) -> Option<String> {
    suggested_plan_for(catalog, ws, g, ws.risks.iter().find(|r| r.id == g.id))
}

/// `suggested_plan`, given the gap's register risk (when it is one).
pub fn suggested_plan_for(
    catalog: &Catalog,
    ws: &Workspace,
    g: &Gap,
    risk: Option<&crate::domain::workspace::RiskEntry>,
) -> Option<String> {
    let from_question = |id: &str| {
        catalog
            .get(id)
            .map(|q| q.remediation.trim().to_string())
            .filter(|r| !r.is_empty())
    };
    match g.kind {
        GapKind::Question => from_question(&g.id),
        GapKind::Risk => risk.and_then(|r| r.links.iter().find_map(|l| from_question(l))),
        GapKind::Vendor => Some(
            "Get a signed business associate agreement (45 CFR 164.502(e), 164.504(e)) before \
             any more PHI is shared with this vendor, or stop sharing it; keep the signed copy \
             as evidence."
                .to_string(),
        ),
        GapKind::Evidence => Some(
            "Collect the renewed document and add it as evidence before the old one expires."
                .to_string(),
        ),
        GapKind::Renewal => Some(
            "Do this yearly duty again and record its new evidence, dated when it was done."
                .to_string(),
        ),
        GapKind::Project => ws
            .project(&g.id)
            .map(|p| p.plan.trim().to_string())
            .filter(|p| !p.is_empty()),
    }
}

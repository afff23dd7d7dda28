//! Findings: what the report states, one per problem. A question answered No, the register
//! risk that links the question and the vendor without a BAA behind both are one problem, so
//! they print as one finding: the register risk leads (its rating is the analysis's) and the
//! others are named under it. Each finding has the parts an auditor reads: condition (what
//! was seen), criteria (what the rule asks), risk, recommendation (never empty), management's
//! response, owner, due date and status.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::catalog::{Catalog, Kind};
use crate::domain::gaps::{Gap, GapKind};
use crate::domain::response::Response;
use crate::domain::status::{AnswerStatus, RemediationStatus, Treatment};
use crate::domain::vendor::VendorState;
use crate::domain::workspace::Workspace;

/// The questions a vendor without a BAA answers No to: the first one that is an open gap
/// takes the vendor under it.
pub const BAA_QUESTIONS: [&str; 2] = ["ADM-BA-02", "ADM-BA-01"];

/// What the report's finding says about one problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The item whose rating the finding carries: the register risk when one is linked.
    pub lead: Gap,
    /// The other board items of the same problem, named under it.
    pub linked: Vec<Gap>,
    /// The finding in one sentence (for a question, the bank's finding, not its prompt).
    pub title: String,
    /// What was seen: the consultant's note, else the bank's finding (its Partial variant
    /// for a Partial answer), else the register's vulnerability or the item's title.
    pub condition: String,
    /// The condition is the consultant's own words (a note), not the bank's.
    pub observed: bool,
    /// What the rule asks: citations and the kind of requirement.
    pub criteria: String,
    /// What to do: the plan, else the bank's suggestion, else the register's mitigation.
    pub recommendation: String,
    /// The recommendation is a suggestion (no plan is agreed yet).
    pub suggested: bool,
    pub response: Option<Response>,
}

impl Finding {
    pub fn id(&self) -> &str {
        &self.lead.id
    }

    /// The finding's owner: the lead's, else the first linked item's that has one.
    pub fn owner(&self) -> &str {
        std::iter::once(&self.lead)
            .chain(&self.linked)
            .map(|g| g.owner.as_str())
            .find(|o| !o.trim().is_empty())
            .unwrap_or("")
    }

    /// The finding's due date: the lead's, else the earliest of the linked items'.
    pub fn due(&self) -> Option<NaiveDate> {
        self.lead
            .due
            .or_else(|| self.linked.iter().filter_map(|g| g.due).min())
    }

    pub fn status(&self) -> RemediationStatus {
        self.lead.status
    }

    /// The remediation project the finding's work is grouped in: the lead's, else the first
    /// linked item's.
    pub fn project(&self) -> Option<&str> {
        std::iter::once(&self.lead)
            .chain(&self.linked)
            .find_map(|g| g.project.as_deref())
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status().is_closed() && self.due().is_some_and(|d| d < today)
    }

    /// Every board id the finding covers, the lead first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lead.id.as_str()).chain(self.linked.iter().map(|g| g.id.as_str()))
    }
}

/// The findings of `gaps` (any order; the leads keep it), one per problem. `redact` leaves
/// the consultant's notes out of the conditions (they may hold PHI).
pub fn findings(
    catalog: &Catalog,
    ws: &Workspace,
    gaps: &[Gap],
    today: NaiveDate,
    window: u32,
    redact: bool,
) -> Vec<Finding> {
    let parents = parents(ws, gaps, today, window);
    let look = Lookup::indexed(ws);
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..gaps.len() {
        let r = root_of(&parents, i);
        if r != i {
            members.entry(r).or_default().push(i);
        }
    }
    // A project's row on the board groups work; it is not a problem of its own.
    (0..gaps.len())
        .filter(|&i| root_of(&parents, i) == i && gaps[i].kind != GapKind::Project)
        .map(|i| {
            let linked: Vec<Gap> = members
                .get(&i)
                .map(|m| m.iter().map(|&j| gaps[j].clone()).collect())
                .unwrap_or_default();
            build(catalog, &look, &gaps[i], linked, redact)
        })
        .collect()
}

/// Register risks and vendors by id: a map for many lookups (a report), a scan for one.
pub struct Lookup<'a> {
    ws: &'a Workspace,
    risks: Option<std::collections::HashMap<&'a str, &'a crate::domain::workspace::RiskEntry>>,
    vendors: Option<std::collections::HashMap<&'a str, &'a crate::domain::vendor::Vendor>>,
}

impl<'a> Lookup<'a> {
    /// For many lookups: the register and the vendors read once.
    pub fn indexed(ws: &'a Workspace) -> Lookup<'a> {
        Lookup {
            ws,
            // The first of a repeated id, as a scan finds it.
            risks: Some(ws.risks.iter().rev().map(|r| (r.id.as_str(), r)).collect()),
            vendors: Some(
                ws.vendors
                    .iter()
                    .rev()
                    .map(|v| (v.id.as_str(), v))
                    .collect(),
            ),
        }
    }

    /// For one lookup.
    pub fn scan(ws: &'a Workspace) -> Lookup<'a> {
        Lookup {
            ws,
            risks: None,
            vendors: None,
        }
    }

    pub fn risk(&self, id: &str) -> Option<&'a crate::domain::workspace::RiskEntry> {
        match &self.risks {
            Some(m) => m.get(id).copied(),
            None => self.ws.risks.iter().find(|r| r.id == id),
        }
    }

    pub fn vendor(&self, id: &str) -> Option<&'a crate::domain::vendor::Vendor> {
        match &self.vendors {
            Some(m) => m.get(id).copied(),
            None => self.ws.vendors.iter().find(|v| v.id == id),
        }
    }
}

/// The finding led by `lead` with `linked` under it.
fn build(catalog: &Catalog, look: &Lookup, lead: &Gap, linked: Vec<Gap>, redact: bool) -> Finding {
    let ws = look.ws;
    let (condition, observed) = condition_in(catalog, look, lead, redact);
    let (recommendation, suggested) = recommendation_in(catalog, look, lead);
    let mut criteria = criteria(catalog, lead);
    // The bank's finding says that no equivalent alternative was in place and that a
    // proposed rule is not a duty yet; a note in the consultant's words may not.
    if let Some(q) = catalog
        .get(&lead.id)
        .filter(|_| observed && lead.kind == GapKind::Question)
    {
        if q.kind == Kind::Addressable {
            criteria.push_str(" No documented equivalent alternative was seen.");
        }
        if q.has_tag("nprm") {
            criteria.push_str(
                " The question measures readiness for a proposed rule, not a duty in force today.",
            );
        }
    }
    for l in linked.iter().filter(|l| l.kind == GapKind::Question) {
        let _ = write!(criteria, " {}: {}", l.id, self::criteria(catalog, l));
    }
    Finding {
        title: title(catalog, lead),
        criteria,
        condition,
        observed,
        recommendation,
        suggested,
        response: ws
            .remediation
            .get(&lead.id)
            .and_then(|r| r.response.clone()),
        lead: lead.clone(),
        linked,
    }
}

/// For each open item that belongs under another: the index of that other. A question goes
/// under the highest open register risk that links it; a vendor without a BAA under the
/// open risk of an asset it runs, else under the open BAA question. Closed items stand alone.
fn parents(ws: &Workspace, gaps: &[Gap], today: NaiveDate, window: u32) -> BTreeMap<usize, usize> {
    let open = |g: &Gap| !g.status.is_closed();
    let index: BTreeMap<&str, usize> = gaps
        .iter()
        .enumerate()
        .filter(|(_, g)| open(g))
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    // The highest open register risk (its board index) for each question it links and for
    // each asset it names: one pass over the register, so a large register stays fast.
    let mut by_link: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_asset: BTreeMap<&str, usize> = BTreeMap::new();
    let better = |have: Option<&usize>, i: usize| {
        have.is_none_or(|&h| {
            gaps[i].score() > gaps[h].score() || gaps[i].score() == gaps[h].score() && i < h
        })
    };
    for r in &ws.risks {
        let Some(&i) = index.get(r.id.as_str()) else {
            continue;
        };
        if gaps[i].kind != GapKind::Risk {
            continue;
        }
        for l in &r.links {
            if better(by_link.get(l.as_str()), i) {
                by_link.insert(l.as_str(), i);
            }
        }
        for a in &r.assets {
            if better(by_asset.get(a.as_str()), i) {
                by_asset.insert(a.as_str(), i);
            }
        }
    }
    let mut out = BTreeMap::new();
    for (i, g) in gaps.iter().enumerate() {
        if !open(g) {
            continue;
        }
        match g.kind {
            GapKind::Question => {
                if let Some(&p) = by_link.get(g.id.as_str()) {
                    out.insert(i, p);
                }
            }
            GapKind::Vendor => {
                let Some(v) = ws.vendors.iter().find(|v| v.id == g.id) else {
                    continue;
                };
                if !matches!(
                    v.state(today, window),
                    VendorState::Missing | VendorState::Expired
                ) {
                    continue;
                }
                let by_asset = ws
                    .assets
                    .iter()
                    .filter(|a| a.vendor == v.id)
                    .filter_map(|a| by_asset.get(a.id.as_str()).copied())
                    .max_by_key(|&i| (gaps[i].score(), std::cmp::Reverse(i)));
                let by_question = || {
                    BAA_QUESTIONS
                        .iter()
                        .find_map(|q| index.get(q).copied())
                        .filter(|&q| gaps[q].kind == GapKind::Question)
                };
                if let Some(p) = by_asset.or_else(by_question) {
                    out.insert(i, p);
                }
            }
            _ => {}
        }
    }
    out
}

/// A board item's finding in one sentence: a question's is the bank's finding (its Partial
/// variant, or words that do not overstate, for a Partial answer); other items' titles are
/// findings already.
pub fn title(catalog: &Catalog, g: &Gap) -> String {
    let Some(q) = catalog.get(&g.id).filter(|_| g.kind == GapKind::Question) else {
        return g.title.clone();
    };
    if g.answer == Some(AnswerStatus::Partial) {
        if !q.finding_partial.trim().is_empty() {
            return q.finding_partial.trim().to_string();
        }
        return format!("Only partly in place: {}", q.prompt.trim());
    }
    match q.finding.trim() {
        "" => g.title.clone(),
        f => f.to_string(),
    }
}

/// The finding that covers board item `id` (led by it or naming it under another).
pub fn finding_of(
    catalog: &Catalog,
    ws: &Workspace,
    gaps: &[Gap],
    id: &str,
    today: NaiveDate,
    window: u32,
    redact: bool,
) -> Option<Finding> {
    let parents = parents(ws, gaps, today, window);
    let at = gaps
        .iter()
        .position(|g| g.id == id && g.kind != GapKind::Project)?;
    let i = root_of(&parents, at);
    let linked = (0..gaps.len())
        .filter(|&j| j != i && root_of(&parents, j) == i)
        .map(|j| gaps[j].clone())
        .collect();
    Some(build(catalog, &Lookup::scan(ws), &gaps[i], linked, redact))
}

fn root_of(parents: &BTreeMap<usize, usize>, mut i: usize) -> usize {
    for _ in 0..3 {
        match parents.get(&i) {
            Some(&p) => i = p,
            None => break,
        }
    }
    i
}

/// The condition of a finding and whether it is the consultant's own words.
pub fn condition(catalog: &Catalog, ws: &Workspace, g: &Gap, redact: bool) -> (String, bool) {
    condition_in(catalog, &Lookup::scan(ws), g, redact)
}

/// `condition`, looking risks and vendors up in `look`.
pub fn condition_in(catalog: &Catalog, look: &Lookup, g: &Gap, redact: bool) -> (String, bool) {
    let ws = look.ws;
    let note = |id: &str| {
        ws.answers
            .get(id)
            .map(|a| a.note.trim().to_string())
            .filter(|n| !n.is_empty() && !redact)
    };
    match g.kind {
        GapKind::Question => {
            if let Some(n) = note(&g.id) {
                return (n, true);
            }
            let Some(q) = catalog.get(&g.id) else {
                return (g.title.clone(), false);
            };
            if g.answer == Some(AnswerStatus::Partial) {
                return (partial_finding(q), false);
            }
            let f = q.finding.trim();
            (if f.is_empty() { &g.title } else { f }.to_string(), false)
        }
        GapKind::Risk => {
            let r = look.risk(&g.id);
            match r.map(|r| r.vulnerability.trim()).filter(|v| !v.is_empty()) {
                Some(v) => (v.to_string(), true),
                None => (g.title.clone(), false),
            }
        }
        GapKind::Vendor => {
            let notes = look
                .vendor(&g.id)
                .map(|v| v.notes.trim())
                .filter(|n| !n.is_empty() && !redact);
            match notes {
                Some(n) => (format!("{}. {n}", g.title), true),
                None => (format!("{}.", g.title), false),
            }
        }
        GapKind::Evidence | GapKind::Renewal | GapKind::Project => (format!("{}.", g.title), false),
    }
}

/// The bank's finding for a Partial answer: its own variant when it has one, else words that
/// say only that the practice falls short of the question, never that nothing is in place.
pub fn partial_finding(q: &crate::domain::catalog::Question) -> String {
    if !q.finding_partial.trim().is_empty() {
        return q.finding_partial.trim().to_string();
    }
    format!(
        "Partly in place: some of what the question asks was seen, not all of it, and no note \
         says which part is missing. The question: {}",
        q.prompt.trim()
    )
}

/// The criteria: what the rule asks, with the kind of requirement. An Addressable finding
/// says that neither the specification nor a documented equivalent alternative was seen.
pub fn criteria(catalog: &Catalog, g: &Gap) -> String {
    let question = || {
        let id = g.id.split('/').next().unwrap_or(&g.id);
        catalog.get(id)
    };
    match g.kind {
        GapKind::Risk => "45 CFR 164.308(a)(1)(ii)(A) and (B) (Required): an accurate and \
                          thorough risk analysis, and security measures that reduce each risk \
                          to a reasonable and appropriate level."
            .to_string(),
        GapKind::Vendor => "45 CFR 164.308(b)(1), 164.502(e) and 164.504(e) (Required): a \
                            business associate may handle PHI only under a written agreement \
                            that gives the required assurances."
            .to_string(),
        _ => match question() {
            Some(q) => {
                let refs = if q.references.is_empty() {
                    "No citation".to_string()
                } else {
                    q.references
                        .iter()
                        .map(|r| cite(r))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let mut s = format!("{refs} ({}).", q.kind.label());
                if q.kind == Kind::Addressable {
                    s.push_str(
                        " An addressable specification: it is met by the specification itself or \
                         by a documented, equivalent alternative measure (45 CFR 164.306(d)(3)).",
                    );
                }
                s
            }
            None => "The question is no longer in the bank (retired).".to_string(),
        },
    }
}

/// A bank reference as a reader cites it: CFR paragraphs get "45 CFR".
fn cite(r: &str) -> String {
    if r.starts_with("16") && r.chars().nth(3) == Some('.') {
        format!("45 CFR {r}")
    } else {
        r.to_string()
    }
}

/// What to do about a gap and whether it is only suggested: the agreed plan, else the bank's
/// suggestion, else the register's mitigation. Never empty. The remediation form (`w`) and
/// the plan editor (`r`) start from the same text.
pub fn recommendation(catalog: &Catalog, ws: &Workspace, g: &Gap) -> (String, bool) {
    recommendation_in(catalog, &Lookup::scan(ws), g)
}

/// `recommendation`, looking the register up in `look`.
pub fn recommendation_in(catalog: &Catalog, look: &Lookup, g: &Gap) -> (String, bool) {
    if !g.plan.trim().is_empty() {
        return (g.plan.trim().to_string(), false);
    }
    let risk = look.risk(&g.id);
    if let Some(s) = crate::domain::gaps::suggested_plan_for(catalog, look.ws, g, risk) {
        return (s, true);
    }
    if let Some(r) = risk {
        let why = r.rationale.trim();
        let what = match r.treatment {
            Treatment::Mitigate => "Mitigate the risk",
            Treatment::Accept => "Accept the risk, in writing, by someone who may",
            Treatment::Transfer => "Transfer the risk (insurance or a contract)",
            Treatment::Avoid => "Avoid the risk: stop the activity that causes it",
        };
        return if why.is_empty() {
            (
                format!("{what}; agree the steps, an owner and a date with the practice."),
                true,
            )
        } else {
            (format!("{what}: {why}"), true)
        };
    }
    (
        "Agree the steps, an owner and a date with the practice.".to_string(),
        true,
    )
}

#[cfg(test)]
#[path = "findings_tests.rs"]
mod tests;

//! The risk register's helpers: the starting library of threats, the 5x5 matrix, the
//! register's edits (as `impl Workspace`, each logged) and the penalty table shown for context.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::change::{Change, Field, RiskEvent};
use crate::domain::inventory::AssetKind;
use crate::domain::rating::Rating;
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{Actor, RiskEntry, Treatment, Workspace};

/// A common threat/vulnerability pair to start a register entry from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub assets: Vec<String>,
    pub threat: String,
    pub vulnerability: String,
    pub controls: String,
    pub likelihood: Rating,
    pub impact: Rating,
    pub treatment: Treatment,
    pub rationale: String,
    pub links: Vec<String>,
}

impl Template {
    /// A register entry made from this template (the workspace assigns its id). Only the
    /// title, the threat and the ratings are taken: the library's vulnerability, controls
    /// and rationale describe no client, so they are hints the form shows dimmed
    /// (`Template::hint`), never the client's facts.
    pub fn entry(&self) -> RiskEntry {
        RiskEntry {
            title: self.title.clone(),
            threat: self.threat.clone(),
            likelihood: self.likelihood,
            impact: self.impact,
            treatment: self.treatment,
            links: self.links.clone(),
            ..RiskEntry::default()
        }
    }

    /// The asset kinds this pair concerns (from the library's asset words).
    pub fn kinds(&self) -> Vec<AssetKind> {
        let mut out: Vec<AssetKind> = self
            .assets
            .iter()
            .flat_map(|w| AssetKind::of_library_word(w).iter().copied())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

const LIBRARY: &str = include_str!("../../assets/threats.ron");

/// The built-in library (`assets/threats.ron`), validated by a test.
pub fn library() -> &'static [Template] {
    static LIB: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    LIB.get_or_init(|| match ron::from_str(LIBRARY) {
        Ok(v) => v,
        Err(e) => panic!("assets/threats.ron is invalid: {e}"),
    })
}

/// Questions whose No or Partial answer is a vulnerability of every asset of some kinds:
/// the answer's finding becomes the suggested vulnerability of a risk on such an asset.
const ANSWER_VULNERABILITIES: &[(&str, &[AssetKind])] = &[
    ("NST-DS-01", &[AssetKind::Laptop, AssetKind::Workstation]),
    ("NST-DS-02", &[AssetKind::Mobile]),
    ("NST-DS-03", &[AssetKind::Removable]),
    ("NST-DS-06", &[AssetKind::Email]),
    ("NST-DS-08", &[AssetKind::Backup, AssetKind::Server]),
    (
        "NST-AA-05",
        &[
            AssetKind::Email,
            AssetKind::Cloud,
            AssetKind::Ehr,
            AssetKind::Network,
        ],
    ),
    ("NST-AA-01", &[AssetKind::Workstation, AssetKind::Ehr]),
    (
        "NST-PS-01",
        &[
            AssetKind::Workstation,
            AssetKind::Server,
            AssetKind::Network,
        ],
    ),
    ("NST-PS-02", &[AssetKind::Workstation, AssetKind::Ehr]),
    (
        "NST-PS-03",
        &[
            AssetKind::Workstation,
            AssetKind::Server,
            AssetKind::Removable,
        ],
    ),
];

/// What the answers already given say is weak about an asset of this kind: the finding of
/// each mapped question answered No or Partial, with the question's id and answer.
pub fn answer_vulnerabilities(
    ws: &Workspace,
    catalog: &crate::domain::catalog::Catalog,
    kind: AssetKind,
) -> Vec<String> {
    ANSWER_VULNERABILITIES
        .iter()
        .filter(|(_, kinds)| kinds.contains(&kind))
        .filter_map(|(id, _)| {
            let st = ws.status(id);
            if !st.is_gap() {
                return None;
            }
            let q = catalog.get(id)?;
            let finding = if st == crate::domain::status::AnswerStatus::Partial {
                format!("Partly in place: {}", q.finding)
            } else {
                q.finding.clone()
            };
            Some(format!("{finding} ({id} answered {})", st.label()))
        })
        .collect()
}

/// A library pair offered for an asset: the template, and the vulnerability the answers
/// suggest (a fact of this client, so it may be filled in), if any.
pub struct Offer<'a> {
    pub template: &'a Template,
    pub vulnerability: Option<String>,
}

/// The library pairs for an asset's kind that no register entry naming the asset has
/// assessed yet (an entry of the same title), the kind's own first.
pub fn offers_for<'a>(
    ws: &Workspace,
    catalog: &crate::domain::catalog::Catalog,
    asset: &crate::domain::inventory::Asset,
) -> Vec<Offer<'a>> {
    let assessed: Vec<&str> = ws
        .risks
        .iter()
        .filter(|r| r.assets.contains(&asset.id))
        .map(|r| r.title.as_str())
        .collect();
    let found = answer_vulnerabilities(ws, catalog, asset.kind);
    library()
        .iter()
        .filter(|t| t.kinds().contains(&asset.kind) && !assessed.contains(&t.title.as_str()))
        .map(|t| Offer {
            template: t,
            vulnerability: found.first().cloned(),
        })
        .collect()
}

/// Inherent (as rated) or residual (after treatment, where a target is recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Inherent,
    Residual,
}

/// The likelihood and impact of an entry on a basis.
pub fn rating(r: &RiskEntry, basis: Basis) -> (Rating, Rating) {
    match basis {
        Basis::Inherent => (r.likelihood, r.impact),
        Basis::Residual => (
            r.target_likelihood.unwrap_or(r.likelihood),
            r.target_impact.unwrap_or(r.impact),
        ),
    }
}

/// Entries per cell: `cells[likelihood - 1][impact - 1]`.
pub fn matrix(ws: &Workspace, basis: Basis) -> [[usize; 5]; 5] {
    let mut cells = [[0usize; 5]; 5];
    for r in &ws.risks {
        let (l, i) = rating(r, basis);
        cells[l.index()][i.index()] += 1;
    }
    cells
}

/// The entries in one cell.
pub fn in_cell(
    ws: &Workspace,
    basis: Basis,
    likelihood: Rating,
    impact: Rating,
) -> Vec<&RiskEntry> {
    ws.risks
        .iter()
        .filter(|r| rating(r, basis) == (likelihood, impact))
        .collect()
}

/// A register entry is open work (and a gap) when rated above Low and not accepted.
pub fn is_open(r: &RiskEntry) -> bool {
    RiskLevel::of(r.likelihood, r.impact) > RiskLevel::Low && r.treatment != Treatment::Accept
}

/// The register's edits, each logged.
impl Workspace {
    /// A free risk id: `R-01`, `R-02`, ... never reusing one in the register or the log.
    pub fn next_risk_id(&self) -> String {
        self.free_id("R", self.risks.iter().map(|r| r.id.as_str()))
    }

    /// Adds a risk entry (its id is assigned here) and logs it; returns the id.
    pub fn add_risk(&mut self, mut entry: RiskEntry, actor: &Actor) -> String {
        entry.id = self.next_risk_id();
        let id = entry.id.clone();
        let title = entry.title.clone();
        self.risks.push(entry);
        self.record_change(
            actor,
            &id,
            Field::Risk,
            Change::risk_values(RiskEvent::Created, &title),
        );
        id
    }

    /// Replaces a risk entry, logging each field that changed; false when nothing did.
    pub fn update_risk(&mut self, entry: RiskEntry, actor: &Actor) -> bool {
        let Some(i) = self.risks.iter().position(|r| r.id == entry.id) else {
            return false;
        };
        let old = self.risks[i].clone();
        let mut entry = entry;
        // Any edit of a carried entry is its re-rating.
        entry.rerate = false;
        if old == entry {
            return false;
        }
        if old.rerate && old.likelihood == entry.likelihood && old.impact == entry.impact {
            let rating = format!("{}x{}", entry.likelihood, entry.impact);
            self.record_change(actor, &entry.id, Field::Verified, (rating.clone(), rating));
        }
        let num = |v: Option<Rating>| v.map(|v| v.to_string()).unwrap_or_default();
        let fields: [(Field, String, String); 13] = [
            (Field::Title, old.title.clone(), entry.title.clone()),
            (
                Field::Assets,
                old.assets.join(", "),
                entry.assets.join(", "),
            ),
            (Field::Threat, old.threat.clone(), entry.threat.clone()),
            (
                Field::Vulnerability,
                old.vulnerability.clone(),
                entry.vulnerability.clone(),
            ),
            (
                Field::Controls,
                old.controls.clone(),
                entry.controls.clone(),
            ),
            (
                Field::Likelihood,
                old.likelihood.to_string(),
                entry.likelihood.to_string(),
            ),
            (
                Field::Impact,
                old.impact.to_string(),
                entry.impact.to_string(),
            ),
            {
                let (before, after) = Change::treatment_values(old.treatment, entry.treatment);
                (Field::Treatment, before, after)
            },
            (
                Field::Rationale,
                old.rationale.clone(),
                entry.rationale.clone(),
            ),
            (Field::Links, old.links.join(", "), entry.links.join(", ")),
            (
                Field::LikelihoodWhy,
                old.likelihood_why.clone(),
                entry.likelihood_why.clone(),
            ),
            (
                Field::ImpactWhy,
                old.impact_why.clone(),
                entry.impact_why.clone(),
            ),
            (
                Field::Target,
                format!("{}x{}", num(old.target_likelihood), num(old.target_impact)),
                format!(
                    "{}x{}",
                    num(entry.target_likelihood),
                    num(entry.target_impact)
                ),
            ),
        ];
        let id = entry.id.clone();
        self.risks[i] = entry;
        for (name, before, after) in fields {
            if before != after {
                self.record_change(actor, &id, name, (before, after));
            }
        }
        true
    }

    /// Removes a risk entry and logs it; returns it with its position, for undo.
    pub fn delete_risk(&mut self, id: &str, actor: &Actor) -> Option<(usize, RiskEntry)> {
        let i = self.risks.iter().position(|r| r.id == id)?;
        let entry = self.risks.remove(i);
        self.record_change(
            actor,
            id,
            Field::Risk,
            Change::risk_values(RiskEvent::Deleted, &entry.title),
        );
        Some((i, entry))
    }

    /// Puts a deleted entry back where it was, and logs that. Assets deleted from the
    /// inventory meanwhile are left out of it (found by attack: the entry came back naming
    /// an asset that was gone); they are returned, to be said.
    pub fn restore_risk(&mut self, at: usize, mut entry: RiskEntry, actor: &Actor) -> Vec<String> {
        let gone: Vec<String> = entry
            .assets
            .iter()
            .filter(|a| {
                crate::domain::loose_ends::looks_like_asset_id(a) && self.asset(a).is_none()
            })
            .cloned()
            .collect();
        entry.assets.retain(|a| !gone.contains(a));
        let id = entry.id.clone();
        let title = entry.title.clone();
        self.risks.insert(at.min(self.risks.len()), entry);
        self.record_change(
            actor,
            &id,
            Field::Risk,
            Change::risk_values(RiskEvent::Restored, &title),
        );
        gone
    }
}

/// One tier of HIPAA civil money penalties (45 CFR 160.404).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PenaltyTier {
    pub tier: u8,
    pub culpability: String,
    pub min: u64,
    pub max: u64,
    pub annual_cap: u64,
}

/// The penalty table with the date its figures took effect.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Penalties {
    pub effective: NaiveDate,
    pub source: String,
    pub tiers: Vec<PenaltyTier>,
    pub note: String,
}

const PENALTIES: &str = include_str!("../../assets/penalties.ron");

pub fn penalties() -> &'static Penalties {
    static P: std::sync::OnceLock<Penalties> = std::sync::OnceLock::new();
    P.get_or_init(|| match ron::from_str(PENALTIES) {
        Ok(v) => v,
        Err(e) => panic!("assets/penalties.ron is invalid: {e}"),
    })
}

/// `$2,190,294`
pub fn dollars(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("${out}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::gaps;
    use crate::domain::regulation::classify_reference;
    use crate::domain::workspace::Actor;

    fn actor() -> Actor {
        Actor {
            name: "t".into(),
            now: NaiveDate::from_ymd_opt(2026, 11, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        }
    }

    #[test]
    fn the_library_is_valid_and_links_to_real_questions() {
        let lib = library();
        assert!(lib.len() >= 20, "{}", lib.len());
        let c = Catalog::builtin();
        let mut ids = std::collections::BTreeSet::new();
        for t in lib {
            assert!(ids.insert(&t.id), "{} twice", t.id);
            assert!(
                !t.title.is_empty() && !t.threat.is_empty() && !t.vulnerability.is_empty(),
                "{}",
                t.id
            );
            assert!(!t.assets.is_empty(), "{}", t.id);
            for l in &t.links {
                assert!(c.get(l).is_some(), "{} links to unknown question {l}", t.id);
            }
        }
        let _ = classify_reference;
    }

    #[test]
    fn the_penalty_table_has_four_tiers_with_its_date() {
        let p = penalties();
        assert_eq!(p.tiers.len(), 4);
        assert_eq!(p.effective, NaiveDate::from_ymd_opt(2026, 1, 28).unwrap());
        assert_eq!(p.tiers[0].min, 145);
        assert_eq!(p.tiers[3].min, 73_011);
        assert!(p.tiers.iter().all(|t| t.annual_cap == 2_190_294));
        assert_eq!(dollars(2_190_294), "$2,190,294");
        assert_eq!(dollars(145), "$145");
    }

    #[test]
    fn register_add_edit_delete_restore_are_logged_and_ids_never_reused() {
        let c = Catalog::builtin();
        let mut ws = Workspace::new("c", "a", c, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let id = ws.add_risk(library()[0].entry(), &actor());
        assert_eq!(id, "R-01");
        let mut e = ws.risks[0].clone();
        e.likelihood = Rating::LOW;
        e.treatment = Treatment::Transfer;
        assert!(ws.update_risk(e.clone(), &actor()));
        assert!(!ws.update_risk(e, &actor()), "no change, no log");
        let (at, entry) = ws.delete_risk(&id, &actor()).unwrap();
        assert!(ws.risks.is_empty());
        assert_eq!(ws.next_risk_id(), "R-02", "a deleted id is not reused");
        ws.restore_risk(at, entry, &actor());
        assert_eq!(ws.risks[0].id, "R-01");
        let fields: Vec<&str> = ws.log.iter().map(|c| c.field.name()).collect();
        assert_eq!(
            fields,
            vec!["risk", "likelihood", "treatment", "risk", "risk"]
        );
    }

    #[test]
    fn treatment_rules_decide_what_reaches_the_board() {
        let c = Catalog::builtin();
        let mut ws = Workspace::new("c", "a", c, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let mut e = library()[0].entry();
        e.likelihood = Rating::HIGH;
        e.impact = Rating::VERY_HIGH;
        let id = ws.add_risk(e, &actor());
        assert!(is_open(&ws.risks[0]));
        assert_eq!(gaps::derive(c, &ws).len(), 1);
        for (t, on_board) in [
            (Treatment::Transfer, true),
            (Treatment::Avoid, true),
            (Treatment::Accept, false),
            (Treatment::Mitigate, true),
        ] {
            let mut e = ws.risks[0].clone();
            e.treatment = t;
            ws.update_risk(e, &actor());
            assert_eq!(
                gaps::derive(c, &ws).iter().any(|g| g.id == id),
                on_board,
                "{t:?}"
            );
        }
        let mut e = ws.risks[0].clone();
        e.likelihood = Rating::LOW;
        e.impact = Rating::LOW;
        ws.update_risk(e, &actor());
        assert!(gaps::derive(c, &ws).is_empty(), "Low risks are not gaps");
    }

    #[test]
    fn matrix_counts_inherent_and_residual() {
        let c = Catalog::builtin();
        let mut ws = Workspace::new("c", "a", c, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let mut e = library()[0].entry();
        e.likelihood = Rating::HIGH;
        e.impact = Rating::VERY_HIGH;
        e.target_likelihood = Some(Rating::LOW);
        ws.add_risk(e.clone(), &actor());
        e.target_likelihood = None;
        ws.add_risk(e, &actor());
        let m = matrix(&ws, Basis::Inherent);
        assert_eq!(m[3][4], 2);
        let r = matrix(&ws, Basis::Residual);
        assert_eq!((r[3][4], r[1][4]), (1, 1));
        assert_eq!(
            in_cell(&ws, Basis::Residual, Rating::LOW, Rating::VERY_HIGH).len(),
            1
        );
    }
}

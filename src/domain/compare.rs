//! What changed between two assessments: per area, answered and compliance then and now;
//! answers improved, regressed or otherwise changed; gaps closed, new and still open; register
//! risks whose level moved; assets of the ePHI inventory added and removed. By question,
//! risk and asset id, so it works across bank versions.
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::board;
use crate::domain::catalog::{Area, Catalog};
use crate::domain::gaps;
use crate::domain::scoring::RiskLevel;
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::Workspace;

/// One area then and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaChange {
    pub area: &'static str,
    /// Answered questions, then and now.
    pub answered: (usize, usize),
    /// Compliance in percent (Yes of Yes+Partial+No), then and now.
    pub compliance: (Option<usize>, Option<usize>),
}

/// A gap open in both, with its age in days (from when it was opened, as far as the
/// change log knows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StillOpen {
    pub id: String,
    pub age_days: Option<i64>,
}

/// A register risk whose level moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskMove {
    pub id: String,
    pub then: &'static str,
    pub now: &'static str,
}

/// An asset of the ePHI inventory found in one assessment and not the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetChange {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub areas: Vec<AreaChange>,
    /// No → Partial or Yes, Partial → Yes.
    pub improved: Vec<String>,
    /// Yes → Partial or No, Partial → No.
    pub regressed: Vec<String>,
    /// Any other change (to or from N/A, an answer cleared or given).
    pub changed: Vec<String>,
    pub unchanged: usize,
    pub gaps_closed: Vec<String>,
    pub gaps_new: Vec<String>,
    pub gaps_still_open: Vec<StillOpen>,
    pub risks_moved: Vec<RiskMove>,
    /// Assets in the new inventory whose id the old one lacks (in the new one's order).
    pub assets_added: Vec<AssetChange>,
    /// Assets of the old inventory whose id the new one lacks (in the old one's order).
    pub assets_removed: Vec<AssetChange>,
}

impl Comparison {
    /// Nothing an auditor would call a change.
    pub fn is_empty(&self) -> bool {
        self.improved.is_empty()
            && self.regressed.is_empty()
            && self.changed.is_empty()
            && self.gaps_closed.is_empty()
            && self.gaps_new.is_empty()
            && self.risks_moved.is_empty()
            && self.assets_added.is_empty()
            && self.assets_removed.is_empty()
    }
}

fn rank(s: AnswerStatus) -> Option<u8> {
    match s {
        AnswerStatus::No => Some(0),
        AnswerStatus::Partial => Some(1),
        AnswerStatus::Yes => Some(2),
        AnswerStatus::NotApplicable | AnswerStatus::Unanswered => None,
    }
}

/// Compares the old assessment with the new one.
pub fn compare(
    catalog: &Catalog,
    old: &Workspace,
    new: &Workspace,
    today: NaiveDate,
) -> Comparison {
    let areas = Area::ALL
        .iter()
        .map(|&a| {
            let (t, n) = (
                board::area_figures(catalog, old, a),
                board::area_figures(catalog, new, a),
            );
            AreaChange {
                area: a.name(),
                answered: (t.answered(), n.answered()),
                compliance: (t.compliance_percent(), n.compliance_percent()),
            }
        })
        .collect();
    let ids: BTreeSet<&String> = old.answers.keys().chain(new.answers.keys()).collect();
    let (mut improved, mut regressed, mut changed, mut unchanged) =
        (Vec::new(), Vec::new(), Vec::new(), 0);
    for id in ids {
        let (a, b) = (old.status(id), new.status(id));
        if a == b {
            unchanged += usize::from(a != AnswerStatus::Unanswered);
            continue;
        }
        match (rank(a), rank(b)) {
            (Some(x), Some(y)) if y > x => improved.push(id.clone()),
            (Some(x), Some(y)) if y < x => regressed.push(id.clone()),
            _ => changed.push(id.clone()),
        }
    }
    let open = |ws: &Workspace| -> BTreeMap<String, gaps::Gap> {
        gaps::derive(catalog, ws)
            .into_iter()
            .filter(|g| !g.status.is_closed())
            .map(|g| (g.id.clone(), g))
            .collect()
    };
    let (then, now) = (open(old), open(new));
    // When each gap was last opened, from one pass over each log (not one pass a gap).
    let opened = |ws: &Workspace| -> BTreeMap<String, NaiveDate> {
        let mut m = BTreeMap::new();
        for c in ws.log.iter().filter(|c| c.opens_gap()) {
            m.insert(c.id.clone(), c.at.date());
        }
        m
    };
    let (opened_then, opened_now) = (opened(old), opened(new));
    let gaps_closed = then
        .keys()
        .filter(|id| !now.contains_key(*id))
        .cloned()
        .collect();
    let gaps_new = now
        .keys()
        .filter(|id| !then.contains_key(*id))
        .cloned()
        .collect();
    let gaps_still_open = now
        .iter()
        .filter(|(id, _)| then.contains_key(*id))
        .map(|(id, _)| StillOpen {
            id: id.clone(),
            age_days: opened_now
                .get(id)
                .or_else(|| opened_then.get(id))
                .map(|d| (today - *d).num_days()),
        })
        .collect();
    let level = |ws: &Workspace, id: &str| {
        ws.risks
            .iter()
            .find(|r| r.id == id)
            .map(|r| RiskLevel::of(r.likelihood, r.impact))
    };
    let risks_moved = new
        .risks
        .iter()
        .filter_map(|r| {
            let (a, b) = (level(old, &r.id)?, level(new, &r.id)?);
            (a != b).then(|| RiskMove {
                id: r.id.clone(),
                then: a.label(),
                now: b.label(),
            })
        })
        .collect();
    let missing = |from: &Workspace, other: &Workspace| -> Vec<AssetChange> {
        from.assets
            .iter()
            .filter(|a| other.asset(&a.id).is_none())
            .map(|a| AssetChange {
                id: a.id.clone(),
                name: a.name.clone(),
            })
            .collect()
    };
    Comparison {
        areas,
        improved,
        regressed,
        changed,
        unchanged,
        gaps_closed,
        gaps_new,
        gaps_still_open,
        risks_moved,
        assets_added: missing(new, old),
        assets_removed: missing(old, new),
    }
}

/// For a carried-forward workspace: the comparison with the assessment it came from, as
/// its answers remember it (their `previous` status), without the old file.
pub fn since_carried(catalog: &Catalog, ws: &Workspace, today: NaiveDate) -> Option<Comparison> {
    ws.previous.as_ref()?;
    let mut old = ws.clone();
    old.answers.retain(|_, a| a.previous.is_some());
    for a in old.answers.values_mut() {
        a.status = a.previous.unwrap_or_default();
    }
    Some(compare(catalog, &old, ws, today))
}

/// A carried-forward workspace's questions: (still to re-verify, re-verified, new since).
/// "New" counts the bank's questions the last assessment had no answer to.
pub fn carried_counts(catalog: &Catalog, ws: &Workspace) -> (usize, usize, usize) {
    let (mut left, mut done, mut new) = (0, 0, 0);
    for q in &catalog.questions {
        match ws.answers.get(&q.id) {
            Some(a) if a.reverify => left += 1,
            Some(a) if a.previous.is_some() => done += 1,
            _ => new += 1,
        }
    }
    (left, done, new)
}

/// Carried answers still to re-verify, per area (and retired ids under none).
pub fn to_reverify(catalog: &Catalog, ws: &Workspace) -> Vec<(Area, usize)> {
    Area::ALL
        .iter()
        .map(|&a| {
            let n = catalog.in_area(a).filter(|q| ws.to_reverify(&q.id)).count();
            (a, n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workspace::Actor;

    #[test]
    fn improved_regressed_and_gaps_follow_the_answers() {
        let c = Catalog::builtin();
        let d = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let actor = Actor {
            name: "a".into(),
            now: d.and_hms_opt(9, 0, 0).unwrap(),
        };
        let mut old = Workspace::new("c", "a", c, d);
        let ids: Vec<String> = c.questions.iter().take(4).map(|q| q.id.clone()).collect();
        for (id, s) in ids.iter().zip([
            AnswerStatus::No,
            AnswerStatus::Yes,
            AnswerStatus::Partial,
            AnswerStatus::Yes,
        ]) {
            old.set_answer(id, s, &actor);
        }
        let mut new = old.clone();
        assert!(compare(c, &old, &new, d).is_empty());
        new.set_answer(&ids[0], AnswerStatus::Yes, &actor);
        new.set_answer(&ids[1], AnswerStatus::No, &actor);
        new.set_answer(&ids[3], AnswerStatus::NotApplicable, &actor);
        let cmp = compare(c, &old, &new, d);
        assert_eq!(cmp.improved, [ids[0].clone()]);
        assert_eq!(cmp.regressed, [ids[1].clone()]);
        assert_eq!(cmp.changed, [ids[3].clone()]);
        assert_eq!(cmp.gaps_closed, [ids[0].clone()]);
        assert_eq!(cmp.gaps_new, [ids[1].clone()]);
        assert_eq!(cmp.gaps_still_open.len(), 1);
        assert_eq!(cmp.gaps_still_open[0].id, ids[2]);
        assert_eq!(cmp.unchanged, 1);
    }

    #[test]
    fn assets_added_and_removed_are_found_by_id() {
        use crate::domain::inventory::{Asset, AssetKind};
        let c = Catalog::builtin();
        let d = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let actor = Actor {
            name: "a".into(),
            now: d.and_hms_opt(9, 0, 0).unwrap(),
        };
        let asset = |name: &str| Asset {
            name: name.into(),
            kind: AssetKind::Laptop,
            ..Asset::default()
        };
        let mut old = Workspace::new("c", "a", c, d);
        let kept = old.add_asset(asset("Front-desk laptops"), &actor);
        let gone = old.add_asset(asset("Old fax server"), &actor);
        let mut new = old.clone();
        assert!(compare(c, &old, &new, d).is_empty());
        // Renaming an asset keeps its id: neither added nor removed.
        let mut renamed = new.asset(&kept).unwrap().clone();
        renamed.name = "Check-in laptops".into();
        new.update_asset(renamed, &actor);
        new.delete_asset(&gone, &actor);
        let added = new.add_asset(asset("ECG cart"), &actor);
        let cmp = compare(c, &old, &new, d);
        assert!(!cmp.is_empty());
        assert_eq!(
            cmp.assets_added,
            [AssetChange {
                id: added.clone(),
                name: "ECG cart".into()
            }]
        );
        assert_eq!(
            cmp.assets_removed,
            [AssetChange {
                id: gone,
                name: "Old fax server".into()
            }]
        );
        assert_ne!(added, kept);
        // Only an asset removed is a change too.
        let mut fewer = old.clone();
        fewer.delete_asset(&kept, &actor);
        let cmp = compare(c, &old, &fewer, d);
        assert!(!cmp.is_empty() && cmp.assets_added.is_empty());
        assert_eq!(cmp.assets_removed.len(), 1);
    }
}

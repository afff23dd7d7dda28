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
}

/// What made the item: a No/Partial answer, a register risk, a business associate without
/// a current BAA, evidence expiring, or a yearly duty coming due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum GapKind {
    #[default]
    Question,
    Risk,
    Vendor,
    Evidence,
    Renewal,
}

impl GapKind {
    /// The word in exports (`gaps --format json`: `kind`).
    pub fn word(self) -> &'static str {
        match self {
            GapKind::Question => "question",
            GapKind::Risk => "risk",
            GapKind::Vendor => "vendor",
            GapKind::Evidence => "evidence",
            GapKind::Renewal => "renewal",
        }
    }
}

impl Gap {
    pub fn score(&self) -> u8 {
        Rating::score(self.likelihood, self.impact)
    }

    pub fn level(&self) -> RiskLevel {
        RiskLevel::of(self.likelihood, self.impact)
    }

    pub fn area_name(&self) -> &'static str {
        self.area.map(Area::name).unwrap_or("Register")
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
        likelihood: r
            .likelihood
            .unwrap_or(q.map_or(Rating::MODERATE, |q| q.likelihood)),
        impact: r.impact.unwrap_or(q.map_or(Rating::MODERATE, |q| q.impact)),
        retired: q.is_none(),
        reverify: false,
        kind: GapKind::Question,
        closed_on: None,
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
        .filter(|(_, a)| a.status.is_gap())
        .map(|(id, a)| {
            let mut g = from_question(id, a.status, ws.remediation.get(id), catalog);
            g.reverify = a.reverify;
            g
        })
        .collect();
    gaps.sort_by_cached_key(|g| (g.retired, catalog.position(&g.id)));
    for risk in &ws.risks {
        if !crate::domain::risk::is_open(risk) {
            continue;
        }
        let r = ws.remediation.get(&risk.id).cloned().unwrap_or_default();
        gaps.push(Gap {
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
        });
    }
    for v in ws
        .vendors
        .iter()
        .filter(|v| v.phi && v.baa_signed.is_none())
    {
        gaps.push(from_vendor(ws, v, VendorState::Missing));
    }
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
        if replaced_on.is_some_and(|d| (today - d).num_days() > RESOLVED_KEPT_DAYS) {
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
        });
    }
    all
}

/// The gap of one question, when it is one.
pub fn derive_one(catalog: &Catalog, ws: &Workspace, id: &str) -> Option<Gap> {
    let a = ws.answers.get(id)?;
    a.status.is_gap().then(|| {
        let mut g = from_question(id, a.status, ws.remediation.get(id), catalog);
        g.reverify = a.reverify;
        g
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workspace::{Actor, RemediationField, RiskEntry, Treatment};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn actor() -> Actor {
        Actor {
            name: "t".into(),
            now: d(2026, 11, 1).and_hms_opt(0, 0, 0).unwrap(),
        }
    }
    fn first_ids(n: usize) -> Vec<String> {
        Catalog::builtin()
            .questions
            .iter()
            .take(n)
            .map(|q| q.id.clone())
            .collect()
    }

    #[test]
    fn no_and_partial_make_gaps_yes_na_and_clear_remove_them() {
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        let ids = first_ids(5);
        let statuses = [
            AnswerStatus::No,
            AnswerStatus::Partial,
            AnswerStatus::Yes,
            AnswerStatus::NotApplicable,
            AnswerStatus::Unanswered,
        ];
        for (id, s) in ids.iter().zip(statuses) {
            w.set_answer(id, s, &actor());
        }
        let g: Vec<String> = derive(c, &w).into_iter().map(|g| g.id).collect();
        assert_eq!(g, vec![ids[0].clone(), ids[1].clone()]);
        w.set_answer(&ids[0], AnswerStatus::Yes, &actor());
        assert_eq!(derive(c, &w).len(), 1);
    }

    #[test]
    fn defaults_come_from_the_question_and_overrides_win() {
        let c = Catalog::builtin();
        let q = &c.questions[0];
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        w.set_answer(&q.id, AnswerStatus::No, &actor());
        let g = &derive(c, &w)[0];
        assert_eq!((g.likelihood, g.impact), (q.likelihood, q.impact));
        w.set_remediation(
            &q.id,
            RemediationField::Impact(Some(Rating::VERY_HIGH)),
            &actor(),
        );
        w.set_remediation(
            &q.id,
            RemediationField::Likelihood(Some(Rating::VERY_HIGH)),
            &actor(),
        );
        assert_eq!(derive(c, &w)[0].score(), 25);
    }

    #[test]
    fn overdue_is_strictly_before_today_and_never_when_closed() {
        let c = Catalog::builtin();
        let id = &first_ids(1)[0];
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        w.set_answer(id, AnswerStatus::No, &actor());
        let today = d(2026, 11, 28);
        let overdue = |w: &Workspace| derive(c, w)[0].is_overdue(today);
        w.set_remediation(id, RemediationField::Due(Some(today)), &actor());
        assert!(!overdue(&w), "due today is not overdue");
        w.set_remediation(id, RemediationField::Due(Some(d(2026, 11, 27))), &actor());
        assert!(overdue(&w));
        assert_eq!(derive(c, &w)[0].days_left(today), Some(-1));
        w.set_remediation(
            id,
            RemediationField::Status(RemediationStatus::Done),
            &actor(),
        );
        assert!(!overdue(&w));
        w.set_remediation(
            id,
            RemediationField::Status(RemediationStatus::RiskAccepted),
            &actor(),
        );
        assert!(!overdue(&w));
    }

    #[test]
    fn retired_ids_stay_on_the_board() {
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        w.set_answer("ADM-ZZ-99", AnswerStatus::No, &actor());
        let g = derive(c, &w);
        assert!(g[0].retired);
        assert_eq!(g[0].area, Some(Area::Administrative));
        assert_eq!(w.retired_ids(c).collect::<Vec<_>>(), vec!["ADM-ZZ-99"]);
    }

    #[test]
    fn risks_above_low_and_not_accepted_are_gaps() {
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        let risk = |id: &str, l, i, t| RiskEntry {
            id: id.into(),
            title: id.into(),
            likelihood: l,
            impact: i,
            treatment: t,
            ..RiskEntry::default()
        };
        w.risks = vec![
            risk("R-1", Rating::HIGH, Rating::VERY_HIGH, Treatment::Mitigate),
            risk("R-2", Rating::LOW, Rating::LOW, Treatment::Mitigate),
            risk(
                "R-3",
                Rating::VERY_HIGH,
                Rating::VERY_HIGH,
                Treatment::Accept,
            ),
        ];
        let ids: Vec<String> = derive(c, &w).into_iter().map(|g| g.id).collect();
        assert_eq!(ids, vec!["R-1"]);
    }

    fn vendor(name: &str, signed: Option<NaiveDate>, expires: Option<NaiveDate>) -> Vendor {
        Vendor {
            name: name.into(),
            phi: true,
            baa_signed: signed,
            baa_expires: expires,
            ..Vendor::default()
        }
    }

    fn one(gaps: &[Gap], id: &str) -> Gap {
        gaps.iter().find(|g| g.id == id).cloned().unwrap()
    }

    #[test]
    fn an_expired_baa_is_overdue_from_its_expiry_and_rated_as_a_missing_one() {
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        let today = d(2026, 12, 2);
        let a = actor();
        let missing = w.add_vendor(vendor("Scribe", None, None), &a);
        let expired = w.add_vendor(vendor("Fax", Some(d(2024, 1, 1)), Some(d(2026, 12, 1))), &a);
        let expiring = w.add_vendor(
            vendor("Portal", Some(d(2024, 1, 1)), Some(d(2026, 12, 20))),
            &a,
        );
        let all = derive_all(c, &w, today, 60);
        let m = one(&all, &missing);
        assert_eq!((m.kind, m.due, m.score()), (GapKind::Vendor, None, 16));
        assert!(m.title.starts_with("No signed BAA"), "{}", m.title);
        let e = one(&all, &expired);
        assert_eq!((e.due, e.score()), (Some(d(2026, 12, 1)), 16));
        assert!(e.is_overdue(today), "expired yesterday is overdue today");
        assert_eq!(e.days_left(today), Some(-1));
        assert!(e.title.starts_with("BAA expired 2026-12-01"), "{}", e.title);
        let x = one(&all, &expiring);
        assert_eq!((x.due, x.score()), (Some(d(2026, 12, 20)), 6));
        assert!(!x.is_overdue(today));
        assert!(x.title.starts_with("BAA expires 2026-12-20"), "{}", x.title);
        // A date someone set wins over the expiry.
        w.set_remediation(
            &expired,
            RemediationField::Due(Some(d(2027, 1, 31))),
            &actor(),
        );
        let e = one(&derive_all(c, &w, today, 60), &expired);
        assert_eq!(e.due, Some(d(2027, 1, 31)));
        // The missing one is a gap in `derive` too; the time-bound ones are not.
        let ids: Vec<String> = derive(c, &w).into_iter().map(|g| g.id).collect();
        assert_eq!(ids, [missing]);
    }

    #[test]
    fn a_baa_signed_after_the_vendor_was_listed_closes_its_gap_with_the_signing_date() {
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        let today = d(2026, 12, 2);
        let id = w.add_vendor(vendor("Scribe", None, None), &actor());
        w.vendors[0].baa_signed = Some(d(2026, 11, 20));
        let all = derive_all(c, &w, today, 60);
        let g = one(&all, &id);
        assert_eq!(
            (g.status, g.closed_on, g.kind),
            (
                RemediationStatus::Done,
                Some(d(2026, 11, 20)),
                GapKind::Vendor
            )
        );
        assert!(g.title.starts_with("BAA signed 2026-11-20"), "{}", g.title);
        assert!(!g.is_overdue(today));
        assert_eq!(
            crate::domain::board::opened_closed(&w, &g).1,
            Some(d(2026, 11, 20))
        );
        // A year later it has left the board.
        assert!(
            derive_all(c, &w, d(2027, 11, 21), 60)
                .iter()
                .all(|g| g.id != id)
        );
        // Signed before it was ever listed, and nobody tracked it: never a gap.
        w.vendors[0].baa_signed = Some(d(2026, 10, 1));
        assert!(derive_all(c, &w, today, 60).iter().all(|g| g.id != id));
        // Tracked (an owner was set while it was missing): closed when signed.
        w.set_remediation(&id, RemediationField::Owner("Dana".into()), &actor());
        let g = one(&derive_all(c, &w, today, 60), &id);
        assert_eq!(
            (g.status, g.owner.as_str()),
            (RemediationStatus::Done, "Dana")
        );
        // A vendor without PHI needs no BAA and is not a closed gap either.
        w.vendors[0].phi = false;
        assert!(derive_all(c, &w, today, 60).iter().all(|g| g.id != id));
    }

    #[test]
    fn a_replaced_document_closes_the_expiring_item_with_the_new_ones_date() {
        let c = Catalog::builtin();
        let q = first_ids(1).remove(0);
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        let today = d(2026, 12, 2);
        w.set_answer(&q, AnswerStatus::Yes, &actor());
        let item = |collected, expires| crate::domain::evidence::EvidenceItem {
            label: "Training roster".into(),
            collected: Some(collected),
            expires: Some(expires),
            ..Default::default()
        };
        w.add_evidence(&q, item(d(2025, 12, 1), d(2026, 11, 30)), &actor());
        let g = one(&derive_all(c, &w, today, 60), &format!("{q}/E1"));
        assert_eq!((g.status, g.closed_on), (RemediationStatus::Open, None));
        assert!(g.is_overdue(today));
        w.add_evidence(&q, item(d(2026, 12, 1), d(2027, 12, 1)), &actor());
        let all = derive_all(c, &w, today, 60);
        let g = one(&all, &format!("{q}/E1"));
        assert_eq!(
            (g.status, g.closed_on),
            (RemediationStatus::Done, Some(d(2026, 12, 1)))
        );
        assert!(
            g.title.starts_with("Evidence replaced 2026-12-01"),
            "{}",
            g.title
        );
        assert!(all.iter().all(|g| g.id != format!("{q}/E2")));
        // A second copy that expires too replaces nothing.
        w.add_evidence(&q, item(d(2026, 12, 1), d(2026, 12, 5)), &actor());
        w.remove_evidence(&q, 1, &actor());
        let g = one(&derive_all(c, &w, today, 60), &format!("{q}/E1"));
        assert_eq!(g.status, RemediationStatus::Open);
    }

    #[test]
    fn gap_kinds_have_their_export_words_and_register_gaps_their_area_name() {
        assert_eq!(
            [
                GapKind::Question,
                GapKind::Risk,
                GapKind::Vendor,
                GapKind::Evidence,
                GapKind::Renewal
            ]
            .map(GapKind::word),
            ["question", "risk", "vendor", "evidence", "renewal"]
        );
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        w.risks = vec![RiskEntry {
            id: "R-01".into(),
            title: "x".into(),
            likelihood: Rating::HIGH,
            impact: Rating::MODERATE,
            ..RiskEntry::default()
        }];
        let g = &derive(c, &w)[0];
        assert_eq!(
            (g.area_name(), g.score(), g.kind),
            ("Register", 12, GapKind::Risk)
        );
        assert_eq!(g.level(), RiskLevel::of(Rating::HIGH, Rating::MODERATE));
    }

    #[test]
    fn summary_and_filter_count_what_the_board_shows() {
        let c = Catalog::builtin();
        let ids = first_ids(3);
        let mut w = Workspace::new("c", "a", c, d(2026, 11, 1));
        for id in &ids {
            w.set_answer(id, AnswerStatus::No, &actor());
        }
        w.set_remediation(&ids[0], RemediationField::Owner("Bo".into()), &actor());
        w.set_remediation(
            &ids[0],
            RemediationField::Due(Some(d(2026, 11, 2))),
            &actor(),
        );
        w.set_remediation(
            &ids[1],
            RemediationField::Status(RemediationStatus::Done),
            &actor(),
        );
        let today = d(2026, 11, 28);
        let gaps = derive(c, &w);
        // The counts the board, the dashboard and `check` all print.
        let s = crate::domain::board::counts(gaps.iter(), today);
        assert_eq!(
            (
                s.total,
                s.open,
                s.overdue,
                s.unassigned,
                s.done + s.accepted
            ),
            (3, 2, 1, 1, 1)
        );
        let f = crate::domain::board::GapFilter {
            owner: Some("bo".into()),
            ..Default::default()
        };
        assert_eq!(gaps.iter().filter(|g| f.keeps(g, today)).count(), 1);
        let f = crate::domain::board::GapFilter {
            overdue: true,
            ..Default::default()
        };
        assert_eq!(gaps.iter().filter(|g| f.keeps(g, today)).count(), 1);
    }
}

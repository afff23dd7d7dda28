//! The gap board as a review meeting sees it: filters, sort orders, counts, and each gap's
//! history from the change log. Shared by the TUI board and `hipaudit gaps`.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::catalog::{Area, Catalog};
use crate::domain::gaps::{Gap, GapKind};
pub use crate::domain::view::{BoardView, GapFilter, GapSort};
use crate::domain::workspace::{Change, RemediationStatus, Workspace};

/// Days ahead that count as "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

/// Open work due within the next week (today included), not yet overdue.
pub fn is_due_soon(g: &Gap, today: NaiveDate) -> bool {
    !g.status.is_closed()
        && g.days_left(today)
            .is_some_and(|d| (0..=DUE_SOON_DAYS).contains(&d))
}

/// Days left as the board says them: `in 12d`, `due today`, `3d late`, `closed`.
pub fn days_text(g: &Gap, today: NaiveDate) -> String {
    match g.days_left(today) {
        None => String::new(),
        Some(_) if g.status.is_closed() => "closed".into(),
        Some(d) if d < 0 => format!("{}d late", -d),
        Some(0) => "due today".into(),
        Some(d) => format!("in {d}d"),
    }
}

/// A one-character mark that says what colour says: `!` overdue, `~` due within a week,
/// `✓` closed.
pub fn mark(g: &Gap, today: NaiveDate) -> &'static str {
    if g.is_overdue(today) {
        "!"
    } else if g.status.is_closed() {
        "✓"
    } else if is_due_soon(g, today) {
        "~"
    } else {
        " "
    }
}

fn status_rank(s: RemediationStatus) -> u8 {
    match s {
        RemediationStatus::Open => 0,
        RemediationStatus::InProgress => 1,
        RemediationStatus::Done => 2,
        RemediationStatus::RiskAccepted => 3,
    }
}

/// Closed work sinks to the bottom in every order; undated work comes after dated work.
fn compare(a: &Gap, b: &Gap, sort: GapSort, catalog: &Catalog) -> Ordering {
    let closed = a.status.is_closed().cmp(&b.status.is_closed());
    let due = || match (a.due, b.due) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let risk = || b.score().cmp(&a.score());
    let bank = || {
        let pa = catalog.position(&a.id).unwrap_or(usize::MAX);
        let pb = catalog.position(&b.id).unwrap_or(usize::MAX);
        pa.cmp(&pb).then_with(|| a.id.cmp(&b.id))
    };
    let owner = || match (a.owner.is_empty(), b.owner.is_empty()) {
        (false, false) => a.owner.to_lowercase().cmp(&b.owner.to_lowercase()),
        (x, y) => x.cmp(&y),
    };
    let area = || {
        a.area
            .map_or(4, |x| x as u8)
            .cmp(&b.area.map_or(4, |x| x as u8))
    };
    let primary = match sort {
        GapSort::Due => closed.then_with(due).then_with(risk),
        GapSort::Risk => closed.then_with(risk).then_with(due),
        GapSort::Area => closed.then_with(area),
        GapSort::Owner => closed.then_with(owner).then_with(due),
        GapSort::Status => status_rank(a.status)
            .cmp(&status_rank(b.status))
            .then_with(due),
    };
    primary.then_with(bank)
}

impl GapFilter {
    pub fn keeps(&self, g: &Gap, today: NaiveDate) -> bool {
        let text = self.text.trim().to_lowercase();
        self.owner
            .as_ref()
            .is_none_or(|o| g.owner.to_lowercase().contains(&o.trim().to_lowercase()))
            && self.status.is_none_or(|s| g.status == s)
            && self.area.is_none_or(|a| g.area == Some(a))
            && (!self.register || (g.area.is_none() && g.kind != GapKind::Project))
            && (!self.overdue || g.is_overdue(today))
            && (!self.unassigned || g.owner.is_empty())
            && (!self.reverify || g.reverify)
            && self.level.is_none_or(|l| {
                if self.level_and_above {
                    g.level() >= l
                } else {
                    g.level() == l
                }
            })
            && self.kind.is_none_or(|k| g.kind == k)
            && (!self.no_due || g.due.is_none())
            && (text.is_empty()
                || text.split_whitespace().all(|w| {
                    g.id.to_lowercase().contains(w)
                        || g.title.to_lowercase().contains(w)
                        || g.owner.to_lowercase().contains(w)
                        || g.section.to_lowercase().contains(w)
                }))
    }
}

/// The indexes into `gaps` that the board shows, filtered and in order.
pub fn rows(gaps: &[Gap], view: &BoardView, catalog: &Catalog, today: NaiveDate) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..gaps.len())
        .filter(|&i| view.filter.keeps(&gaps[i], today))
        .collect();
    idx.sort_by(|&a, &b| compare(&gaps[a], &gaps[b], view.sort, catalog));
    crate::domain::project::grouped(gaps, idx)
}

/// The counts in the board's header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub open: usize,
    pub overdue: usize,
    pub due_soon: usize,
    pub in_progress: usize,
    pub done: usize,
    pub accepted: usize,
    pub unassigned: usize,
}

pub fn counts<'a>(gaps: impl IntoIterator<Item = &'a Gap>, today: NaiveDate) -> Counts {
    let mut c = Counts::default();
    // A project's row stands for its gaps, which are counted themselves.
    for g in gaps.into_iter().filter(|g| g.kind != GapKind::Project) {
        c.total += 1;
        match g.status {
            RemediationStatus::Open => c.open += 1,
            RemediationStatus::InProgress => c.in_progress += 1,
            RemediationStatus::Done => c.done += 1,
            RemediationStatus::RiskAccepted => c.accepted += 1,
        }
        if g.is_overdue(today) {
            c.overdue += 1;
        }
        if is_due_soon(g, today) {
            c.due_soon += 1;
        }
        if !g.status.is_closed() && g.owner.is_empty() {
            c.unassigned += 1;
        }
    }
    c
}

/// The change log entries of one question or risk, oldest first.
pub fn history<'a>(ws: &'a Workspace, id: &'a str) -> impl Iterator<Item = &'a Change> {
    ws.log.iter().filter(move |c| c.id == id)
}

/// When the gap (as it stands) was opened, and when it was closed if it is: the last time its
/// answer turned No or Partial, and the last time its status turned Done or Risk accepted.
pub fn opened_closed(ws: &Workspace, g: &Gap) -> (Option<NaiveDate>, Option<NaiveDate>) {
    if g.kind == GapKind::Project {
        // Opened when it was created; its closing is its members'.
        return (history(ws, &g.id).next().map(|c| c.at.date()), None);
    }
    let mut opened = None;
    let mut closed = None;
    for c in history(ws, &g.id) {
        if c.opens_gap() {
            opened = Some(c.at.date());
        }
        if let Some((_, new)) = c.status_change() {
            closed = new.is_closed().then(|| c.at.date());
        }
    }
    if g.closed_on.is_some() {
        return (opened, g.closed_on);
    }
    (opened, if g.status.is_closed() { closed } else { None })
}

/// One area's figures on the dashboard and in the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AreaFigures {
    pub total: usize,
    pub yes: usize,
    pub partial: usize,
    pub no: usize,
    pub na: usize,
}

impl AreaFigures {
    pub fn answered(&self) -> usize {
        self.yes + self.partial + self.no + self.na
    }

    /// Compliance: Yes / (Yes + Partial + No), N/A left out; `None` before any such answer.
    pub fn compliance_percent(&self) -> Option<usize> {
        (self.yes * 100).checked_div(self.yes + self.partial + self.no)
    }
}

pub fn area_figures(catalog: &Catalog, ws: &Workspace, area: Area) -> AreaFigures {
    use crate::domain::workspace::AnswerStatus;
    let mut f = AreaFigures::default();
    for q in catalog.in_area(area) {
        f.total += 1;
        match ws.status(&q.id) {
            AnswerStatus::Yes => f.yes += 1,
            AnswerStatus::Partial => f.partial += 1,
            AnswerStatus::No => f.no += 1,
            AnswerStatus::NotApplicable => f.na += 1,
            AnswerStatus::Unanswered => {}
        }
    }
    f
}

/// Gaps opened and closed per week (weeks start on Monday), oldest first, ending with the
/// week that holds `today`: the remediation trend on the dashboard.
pub fn weekly_trend(ws: &Workspace, today: NaiveDate, weeks: usize) -> Vec<(NaiveDate, u64, u64)> {
    use chrono::Datelike;
    let this_monday =
        today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first = this_monday - chrono::Duration::weeks(weeks.saturating_sub(1) as i64);
    let mut out: Vec<(NaiveDate, u64, u64)> = (0..weeks)
        .map(|w| (first + chrono::Duration::weeks(w as i64), 0, 0))
        .collect();
    for c in &ws.log {
        let day = c.at.date();
        if day < first || day > today {
            continue;
        }
        let w = ((day - first).num_days() / 7) as usize;
        let Some(slot) = out.get_mut(w) else { continue };
        // The trend counts answers and statuses; a risk entering the register is not a week's
        // finding.
        if c.answer_change().is_some() && c.opens_gap() {
            slot.1 += 1;
        } else if c.closes_gap() {
            slot.2 += 1;
        }
    }
    out
}

/// Answered and total questions of the whole assessment.
pub fn answered_total(catalog: &Catalog, ws: &Workspace) -> (usize, usize) {
    crate::domain::catalog::Area::ALL
        .iter()
        .fold((0, 0), |(a, t), area| {
            let c = area_figures(catalog, ws, *area);
            (a + c.answered(), t + c.total)
        })
}

/// Answered and total questions of one area.
pub fn progress(catalog: &Catalog, ws: &Workspace, area: Area) -> (usize, usize) {
    let mut answered = 0;
    let mut total = 0;
    for q in catalog.in_area(area) {
        total += 1;
        if ws.status(&q.id) != crate::domain::status::AnswerStatus::Unanswered {
            answered += 1;
        }
    }
    (answered, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gaps;
    use crate::domain::rating::Rating;
    use crate::domain::workspace::{Actor, AnswerStatus, RemediationField};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn actor(day: u32) -> Actor {
        Actor {
            name: "t".into(),
            now: d(2026, 11, day).and_hms_opt(23, 59, 0).unwrap(),
        }
    }

    /// Five gaps with known owners, dates and statuses.
    fn sample() -> (Workspace, Vec<String>) {
        let c = Catalog::builtin();
        let mut ws = Workspace::new("c", "a", c, d(2026, 11, 1));
        let ids: Vec<String> = c.questions.iter().take(5).map(|q| q.id.clone()).collect();
        let plan = [
            ("Bo", Some(d(2026, 11, 20)), RemediationStatus::Open),
            ("", Some(d(2026, 11, 28)), RemediationStatus::InProgress),
            ("Al", Some(d(2026, 12, 5)), RemediationStatus::Open),
            ("Al", None, RemediationStatus::Open),
            ("Bo", Some(d(2026, 10, 1)), RemediationStatus::Done),
        ];
        for (id, (owner, due, status)) in ids.iter().zip(plan) {
            ws.set_answer(id, AnswerStatus::No, &actor(2));
            ws.set_remediation(id, RemediationField::Owner(owner.into()), &actor(3));
            ws.set_remediation(id, RemediationField::Due(due), &actor(3));
            ws.set_remediation(id, RemediationField::Status(status), &actor(4));
        }
        (ws, ids)
    }

    #[test]
    fn due_today_is_due_soon_not_overdue_and_closed_work_is_neither() {
        let (ws, ids) = sample();
        let today = d(2026, 11, 28);
        let g = gaps::derive(Catalog::builtin(), &ws);
        let by = |id: &String| g.iter().find(|x| &x.id == id).unwrap();
        assert!(by(&ids[0]).is_overdue(today));
        assert!(!is_due_soon(by(&ids[0]), today));
        assert!(!by(&ids[1]).is_overdue(today), "due today is not overdue");
        assert!(is_due_soon(by(&ids[1]), today));
        assert!(is_due_soon(by(&ids[2]), today), "7 days ahead counts");
        assert!(!is_due_soon(by(&ids[3]), today), "no date");
        assert!(!by(&ids[4]).is_overdue(today) && !is_due_soon(by(&ids[4]), today));
        let c = counts(&g, today);
        assert_eq!(
            (
                c.total,
                c.open,
                c.overdue,
                c.due_soon,
                c.in_progress,
                c.done,
                c.unassigned
            ),
            (5, 3, 1, 2, 1, 1, 1)
        );
    }

    #[test]
    fn sorts_put_closed_last_and_break_ties_by_bank_order() {
        let (ws, ids) = sample();
        let c = Catalog::builtin();
        let g = gaps::derive(c, &ws);
        let today = d(2026, 11, 28);
        let order = |sort| -> Vec<String> {
            rows(
                &g,
                &BoardView {
                    sort,
                    ..BoardView::default()
                },
                c,
                today,
            )
            .into_iter()
            .map(|i| g[i].id.clone())
            .collect()
        };
        assert_eq!(
            order(GapSort::Due),
            vec![
                ids[0].clone(),
                ids[1].clone(),
                ids[2].clone(),
                ids[3].clone(),
                ids[4].clone()
            ]
        );
        let by_owner = order(GapSort::Owner);
        assert_eq!(
            &by_owner[..2],
            &[ids[2].clone(), ids[3].clone()],
            "Al before Bo"
        );
        assert_eq!(by_owner[3], ids[1], "unassigned after named owners");
        assert_eq!(by_owner[4], ids[4], "closed last");
        let by_status = order(GapSort::Status);
        assert_eq!(by_status[3], ids[1], "in progress after open");
    }

    #[test]
    fn filters_parse_describe_and_apply() {
        let (ws, ids) = sample();
        let c = Catalog::builtin();
        let g = gaps::derive(c, &ws);
        let today = d(2026, 11, 28);
        let f = GapFilter::parse("owner:bo status:open overdue").unwrap();
        assert_eq!(f.describe(), "owner:bo status:open overdue");
        let kept: Vec<&str> = g
            .iter()
            .filter(|x| f.keeps(x, today))
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(kept, vec![ids[0].as_str()]);
        let f = GapFilter::parse("unassigned").unwrap();
        assert_eq!(g.iter().filter(|x| f.keeps(x, today)).count(), 1);
        let f = GapFilter::parse(&ids[2].to_lowercase()).unwrap();
        assert_eq!(g.iter().filter(|x| f.keeps(x, today)).count(), 1);
        assert!(GapFilter::parse("status:maybe").is_err());
        assert!(GapFilter::parse("colour:red").is_err());
        assert_eq!(
            GapFilter::parse("owner:Dr._Priya")
                .unwrap()
                .owner
                .as_deref(),
            Some("Dr. Priya")
        );
        assert!(GapFilter::parse("  ").unwrap().is_empty());
    }

    #[test]
    fn level_kind_and_nodue_filters_read_write_and_keep_only_their_gaps() {
        use crate::domain::gaps::GapKind;
        use crate::domain::scoring::RiskLevel;
        let (mut ws, ids) = sample();
        let c = Catalog::builtin();
        let today = d(2026, 11, 28);
        // ids[0] very high, ids[1] high, ids[2] moderate (likelihood x impact).
        for (id, (l, i)) in ids.iter().zip([(5, 5), (4, 4), (3, 3)]) {
            ws.set_remediation(
                id,
                RemediationField::Likelihood(Some(Rating::new(l).unwrap())),
                &actor(5),
            );
            ws.set_remediation(
                id,
                RemediationField::Impact(Some(Rating::new(i).unwrap())),
                &actor(5),
            );
        }
        let g = gaps::derive(c, &ws);
        let kept = |line: &str| -> Vec<String> {
            let f = GapFilter::parse(line).unwrap();
            // What the header shows reads back as the same filter.
            assert_eq!(GapFilter::parse(&f.describe()).unwrap(), f, "{line}");
            g.iter()
                .filter(|x| f.keeps(x, today))
                .map(|x| x.id.clone())
                .collect()
        };
        let level = |id: &String| g.iter().find(|x| &x.id == id).unwrap().level();
        assert_eq!(level(&ids[1]), RiskLevel::High);
        assert_eq!(kept("level:high"), vec![ids[1].clone()]);
        let high_up = kept("level:HIGH+");
        assert!(high_up.contains(&ids[0]) && high_up.contains(&ids[1]));
        assert!(high_up.iter().all(|id| level(id) >= RiskLevel::High));
        assert!(
            kept("level:vh")
                .iter()
                .all(|id| level(id) == RiskLevel::VeryHigh)
        );
        assert_eq!(kept("nodue"), vec![ids[3].clone()]);
        assert_eq!(kept("kind:question").len(), g.len());
        assert!(kept("kind:register").is_empty() && kept("kind:risk").is_empty());
        assert_eq!(
            GapFilter::parse("kind:register").unwrap().kind,
            Some(GapKind::Risk)
        );
        assert_eq!(
            GapFilter::parse("accepted").unwrap().status,
            Some(RemediationStatus::RiskAccepted)
        );
        assert_eq!(
            GapFilter::parse("level:moderate+ kind:vendor nodue")
                .unwrap()
                .describe(),
            "level:moderate+ kind:vendor nodue"
        );
        // A value that does not exist names the accepted ones.
        let e = GapFilter::parse("level:extreme").unwrap_err();
        assert!(e.contains("very-high, high, moderate"), "{e}");
        let e = GapFilter::parse("kind:program").unwrap_err();
        assert!(e.contains("question, register, vendor"), "{e}");
    }

    #[test]
    fn dashboard_figures_on_a_hand_made_workspace() {
        use crate::domain::workspace::AnswerStatus::*;
        let c = Catalog::builtin();
        let mut ws = Workspace::new("c", "a", c, d(2026, 11, 1));
        let ids: Vec<String> = c
            .in_area(Area::Privacy)
            .take(7)
            .map(|q| q.id.clone())
            .collect();
        // 3 Yes, 1 Partial, 1 No, 2 N/A: compliance 3 / 5 = 60 %.
        for (id, s) in ids
            .iter()
            .zip([Yes, Yes, Yes, Partial, No, NotApplicable, NotApplicable])
        {
            ws.set_answer(id, s, &actor(2));
        }
        let f = area_figures(c, &ws, Area::Privacy);
        assert_eq!(
            (f.answered(), f.yes, f.partial, f.no, f.na),
            (7, 3, 1, 1, 2)
        );
        assert_eq!(f.total, c.in_area(Area::Privacy).count());
        assert_eq!(f.compliance_percent(), Some(60));
        assert_eq!(area_figures(c, &ws, Area::Risk).compliance_percent(), None);
        let g = crate::domain::gaps::derive(c, &ws);
        let k = counts(&g, d(2026, 11, 28));
        assert_eq!((k.total, k.open, k.unassigned, k.overdue), (2, 2, 2, 0));
        let t = weekly_trend(&ws, d(2026, 11, 28), 5);
        assert_eq!(t.iter().map(|w| w.1).sum::<u64>(), 2, "two gaps opened");
    }

    #[test]
    fn weekly_trend_counts_openings_and_closings_per_week() {
        let (ws, _) = sample();
        // sample(): 5 answers turned No on 2026-11-02 (a Monday), one closed (Done) on 11-04.
        let t = weekly_trend(&ws, d(2026, 11, 28), 4);
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].0, d(2026, 11, 2));
        assert_eq!((t[0].1, t[0].2), (5, 1));
        assert!(t[1..].iter().all(|w| w.1 == 0 && w.2 == 0));
        assert_eq!(t[3].0, d(2026, 11, 23));
    }

    #[test]
    fn opened_and_closed_dates_come_from_the_log() {
        let (mut ws, ids) = sample();
        let c = Catalog::builtin();
        let g = gaps::derive(c, &ws);
        let closed = g.iter().find(|x| x.id == ids[4]).unwrap();
        assert_eq!(
            opened_closed(&ws, closed),
            (Some(d(2026, 11, 2)), Some(d(2026, 11, 4)))
        );
        let open = g.iter().find(|x| x.id == ids[0]).unwrap();
        assert_eq!(opened_closed(&ws, open), (Some(d(2026, 11, 2)), None));
        // Answered Yes, then No again: the gap reopens on the later date.
        ws.set_answer(&ids[0], AnswerStatus::Yes, &actor(10));
        ws.set_answer(&ids[0], AnswerStatus::Partial, &actor(12));
        let g = gaps::derive(c, &ws);
        let again = g.iter().find(|x| x.id == ids[0]).unwrap();
        assert_eq!(opened_closed(&ws, again).0, Some(d(2026, 11, 12)));
        assert_eq!(
            history(&ws, &ids[0]).count(),
            5,
            "answer, owner, due, answer, answer"
        );
    }
}

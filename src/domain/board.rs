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
        self.owner.as_ref().is_none_or(|o| {
            crate::domain::text::name_key(&g.owner).contains(&crate::domain::text::name_key(o))
        }) && self.status.is_none_or(|s| g.status == s)
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
/// For many gaps, `Openings` reads the log once instead of once a gap.
pub fn opened_closed(ws: &Workspace, g: &Gap) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let mut dates = Dates::default();
    for c in history(ws, &g.id) {
        dates.add(c);
    }
    dates.resolve(g)
}

/// What the log says of one id: its first change, the last that opened it as a gap, and the
/// day its status last turned closed (None when it turned open again since).
#[derive(Debug, Clone, Copy, Default)]
struct Dates {
    first: Option<NaiveDate>,
    opened: Option<NaiveDate>,
    closed: Option<NaiveDate>,
}

impl Dates {
    fn add(&mut self, c: &Change) {
        let day = c.at.date();
        self.first.get_or_insert(day);
        // An undone deletion restores the same item: its age runs from when it first opened.
        if c.opens_gap() && !(c.restores() && self.opened.is_some()) {
            self.opened = Some(day);
        }
        if let Some((_, new)) = c.status_change() {
            self.closed = new.is_closed().then_some(day);
        }
    }

    fn resolve(self, g: &Gap) -> (Option<NaiveDate>, Option<NaiveDate>) {
        if g.kind == GapKind::Project {
            // Opened when it was created; its closing is its members'.
            return (self.first, None);
        }
        if g.closed_on.is_some() {
            return (self.opened, g.closed_on);
        }
        (
            self.opened,
            if g.status.is_closed() {
                self.closed
            } else {
                None
            },
        )
    }
}

/// `opened_closed` for every gap of a workspace: the log read once.
pub struct Openings<'a> {
    by_id: std::collections::HashMap<&'a str, Dates>,
}

impl<'a> Openings<'a> {
    pub fn of(ws: &'a Workspace) -> Openings<'a> {
        let mut by_id = std::collections::HashMap::<&str, Dates>::new();
        for c in &ws.log {
            by_id.entry(c.id.as_str()).or_default().add(c);
        }
        Openings { by_id }
    }

    pub fn get(&self, g: &Gap) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.by_id
            .get(g.id.as_str())
            .copied()
            .unwrap_or_default()
            .resolve(g)
    }
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
#[path = "board_tests.rs"]
mod tests;

//! Yearly duties: a question tagged `yearly` answered Yes (policy review, training, risk
//! analysis, contingency test, self-audit, BAA review) comes due again a year after its
//! newest evidence was collected, or after it was answered when it has no dated evidence.
use chrono::{Months, NaiveDate};

use crate::domain::catalog::Catalog;
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::{Answer, Workspace};

/// How many days ahead a duty coming due shows up, unless `config.ron` says otherwise.
pub const DEFAULT_WINDOW_DAYS: u32 = 60;

/// When a yearly duty answered Yes is due again.
pub fn due_again(a: &Answer) -> Option<NaiveDate> {
    if a.status != AnswerStatus::Yes {
        return None;
    }
    let done = a
        .evidence
        .iter()
        .filter_map(|e| e.collected)
        .max()
        .or(a.at.map(|t| t.date()))?;
    done.checked_add_months(Months::new(12))
}

/// Every yearly duty answered Yes, with the date it is due again, in bank order.
pub fn renewals(catalog: &Catalog, ws: &Workspace) -> Vec<(String, NaiveDate)> {
    catalog
        .questions
        .iter()
        .filter(|q| q.has_tag("yearly"))
        .filter_map(|q| {
            let due = due_again(ws.answers.get(&q.id)?)?;
            Some((q.id.clone(), due))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gaps::{GapKind, derive_all};
    use crate::domain::workspace::{Actor, EvidenceItem};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_yearly_duty_answered_yes_on_2025_12_10_is_due_on_2026_12_10_and_shows_in_the_window() {
        let c = Catalog::builtin();
        let q = c.questions.iter().find(|q| q.has_tag("yearly")).unwrap();
        let mut ws = Workspace::new("c", "a", c, d(2025, 12, 1));
        let actor = Actor {
            name: "a".into(),
            now: d(2025, 12, 10).and_hms_opt(9, 0, 0).unwrap(),
        };
        ws.set_answer(&q.id, AnswerStatus::Yes, &actor);
        assert_eq!(renewals(c, &ws), [(q.id.clone(), d(2026, 12, 10))]);
        // Outside a 60-day window on 2026-09-01, inside it on 2026-11-01, overdue after.
        let items = |today| -> Vec<_> {
            derive_all(c, &ws, today, 60)
                .into_iter()
                .filter(|g| g.kind == GapKind::Renewal)
                .collect()
        };
        assert!(items(d(2026, 9, 1)).is_empty());
        let due = items(d(2026, 11, 1));
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].due, Some(d(2026, 12, 10)));
        assert!(items(d(2026, 12, 11))[0].is_overdue(d(2026, 12, 11)));
        // Newer evidence moves the date.
        ws.add_evidence(
            &q.id,
            EvidenceItem {
                label: "Signed policy (binder)".into(),
                collected: Some(d(2026, 3, 1)),
                ..EvidenceItem::default()
            },
            &actor,
        );
        assert_eq!(renewals(c, &ws)[0].1, d(2027, 3, 1));
    }
}

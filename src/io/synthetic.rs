//! A large synthetic workspace for the benches and the crash test: built like the demo,
//! through the workspace's own edits, so its change log is the one those edits write.

use chrono::{Days, NaiveDate};

use crate::domain::catalog::{Area, Catalog};
use crate::domain::workspace::{Actor, AnswerStatus, RemediationField, Workspace};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A large synthetic workspace for benchmarks: `answers` answered questions with ids shaped
/// like the bank's (unknown to it, so kept as retired), a 1 KB note each, `gaps` of them
/// answered No or Partial with a full remediation record, and the change log that produced it.
pub fn build(catalog: &Catalog, answers: usize, gaps: usize) -> Workspace {
    let start = date(2026, 1, 5).and_hms_opt(9, 0, 0).expect("valid time");
    let mut ws = Workspace::new(
        "Synthetic Health System",
        "Bench Mark",
        catalog,
        date(2026, 1, 5),
    );
    let note: String = "Reviewed the policy binder, the EHR access report and interviewed the \
                        practice manager; evidence filed in the shared drive. "
        .repeat(8)
        .chars()
        .take(1000)
        .collect();
    let owners = [
        "Dana Whitfield",
        "Sam Ortiz",
        "Dr. Priya Nair",
        "Lee Chen",
        "Alex Kim",
    ];
    for i in 0..answers {
        let prefix = Area::ALL[i % 4].prefix();
        let id = format!("{prefix}-SY-{i:05}");
        let actor = Actor {
            name: "Bench Mark".into(),
            now: start + chrono::Duration::minutes(i as i64),
        };
        let status = if i < gaps {
            if i % 3 == 0 {
                AnswerStatus::Partial
            } else {
                AnswerStatus::No
            }
        } else {
            AnswerStatus::Yes
        };
        ws.set_answer(&id, status, &actor);
        ws.set_note(&id, &note, &actor);
        if i < gaps {
            ws.set_remediation(
                &id,
                RemediationField::Owner(owners[i % owners.len()].into()),
                &actor,
            );
            ws.set_remediation(
                &id,
                RemediationField::Due(
                    date(2026, 6, 1).checked_add_days(Days::new((i % 300) as u64)),
                ),
                &actor,
            );
            ws.set_remediation(
                &id,
                RemediationField::Plan(
                    "Write the procedure, train the front desk, collect signed attestations and \
                     file them with the compliance calendar; re-check in the next quarterly review."
                        .into(),
                ),
                &actor,
            );
        }
    }
    ws
}

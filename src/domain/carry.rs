//! Next year's assessment from this year's: answers carried and marked to re-verify, open
//! gaps with their remediation, thread and history, the register to be re-rated. Closed gaps
//! keep only their closed status (so they stay closed); their records stay in the old file.
use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use crate::domain::catalog::Catalog;
use crate::domain::change::Field;
use crate::domain::gaps;
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::{Actor, Remediation, Workspace};

pub use crate::domain::carried::{CarriedInto, EarlierNote, Previous};

/// The last assessment as read: its workspace, its file name and a SHA-256 of its bytes.
pub struct Source<'a> {
    pub ws: &'a Workspace,
    pub file: String,
    pub sha256: String,
}

/// The new workspace. `client` replaces the client's name when given (a renamed practice).
pub fn carry_forward(
    src: &Source,
    catalog: &Catalog,
    today: NaiveDate,
    client: Option<&str>,
    actor: &Actor,
) -> Workspace {
    let old = src.ws;
    let e = &old.engagement;
    let mut ws = Workspace::new(client.unwrap_or(&e.client), &e.assessor, catalog, today);
    ws.engagement.site = e.site.clone();
    ws.engagement.scope = e.scope.clone();
    ws.engagement.firm = e.firm.clone();
    ws.previous = Some(Previous {
        file: src.file.clone(),
        started: e.started,
        sha256: src.sha256.clone(),
    });
    let derived = gaps::derive(catalog, old);
    let open: BTreeSet<&str> = derived
        .iter()
        .filter(|g| !g.status.is_closed())
        .map(|g| g.id.as_str())
        .collect();
    let closed: BTreeSet<&str> = derived
        .iter()
        .filter(|g| g.status.is_closed())
        .map(|g| g.id.as_str())
        .collect();
    for (id, a) in &old.answers {
        let mut a = a.clone();
        let answered = a.status != AnswerStatus::Unanswered;
        a.previous = answered.then_some(a.status);
        a.reverify = answered;
        // Last year's observation is not this year's: it is kept, labelled with its year,
        // and this year's note starts empty (an older carried note gives way to a newer one).
        if !a.note.is_empty() {
            let year = e
                .started
                .or(a.at.map(|t| t.date()))
                .map_or(today.year() - 1, |d| d.year());
            a.earlier_note = Some(EarlierNote {
                year,
                text: std::mem::take(&mut a.note),
            });
        }
        ws.answers.insert(id.clone(), a);
    }
    for (id, r) in &old.remediation {
        if open.contains(id.as_str()) {
            ws.remediation.insert(id.clone(), r.clone());
        } else if closed.contains(id.as_str()) {
            ws.remediation.insert(
                id.clone(),
                Remediation {
                    status: r.status,
                    ..Remediation::default()
                },
            );
        }
    }
    // The business associates stay the practice's: carried as they are (their evidence and
    // BAA dates with them); a missing or expired BAA is found again on the new board.
    ws.vendors = old.vendors.clone();
    ws.risks = old
        .risks
        .iter()
        .cloned()
        .map(|mut r| {
            r.rerate = true;
            r
        })
        .collect();
    // The inventory, its flows and the method stay the practice's: carried to be confirmed.
    ws.assets = old
        .assets
        .iter()
        .cloned()
        .map(|mut a| {
            a.reverify = true;
            a
        })
        .collect();
    ws.flows = old
        .flows
        .iter()
        .cloned()
        .map(|mut f| {
            f.reverify = true;
            f
        })
        .collect();
    ws.method = old.method.clone();
    // Projects still under way go on with their open members; finished ones stay behind.
    ws.projects = old
        .projects
        .iter()
        .filter(|p| {
            let members = derived
                .iter()
                .filter(|g| g.project.as_deref() == Some(p.id.as_str()));
            crate::domain::project::status_of(members)
                != crate::domain::status::RemediationStatus::Done
        })
        .cloned()
        .collect();
    ws.decisions = old
        .decisions
        .iter()
        .filter(|d| open.contains(d.gap.as_str()))
        .cloned()
        .map(|mut d| {
            d.earlier = true;
            d
        })
        .collect();
    let meetings: BTreeSet<&str> = ws
        .decisions
        .iter()
        .filter_map(|d| d.meeting.as_deref())
        .collect();
    ws.meetings = old
        .meetings
        .iter()
        .filter(|m| meetings.contains(m.id.as_str()))
        .cloned()
        .map(|mut m| {
            m.earlier = true;
            m
        })
        .collect();
    // The history of the work that goes on; every register id stays taken.
    let registered: BTreeSet<&str> = old
        .risks
        .iter()
        .map(|r| r.id.as_str())
        .chain(old.assets.iter().map(|a| a.id.as_str()))
        .chain(old.flows.iter().map(|f| f.id.as_str()))
        .chain(ws.projects.iter().map(|p| p.id.as_str()))
        .collect();
    ws.log = old
        .log
        .iter()
        .filter(|c| open.contains(c.id.as_str()) || registered.contains(c.id.as_str()))
        .cloned()
        .collect();
    ws.record_change(
        actor,
        "engagement",
        Field::Engagement,
        (String::new(), format!("carried forward from {}", src.file)),
    );
    ws
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::RemediationStatus;
    use crate::domain::workspace::RemediationField;

    fn actor(day: u32) -> Actor {
        Actor {
            name: "Ana".into(),
            now: NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        }
    }

    #[test]
    fn answers_are_carried_to_reverify_open_gaps_keep_their_work_closed_ones_do_not() {
        let c = Catalog::builtin();
        let mut old = Workspace::new(
            "Acme",
            "Ana",
            c,
            NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
        );
        let ids: Vec<String> = c.questions.iter().take(3).map(|q| q.id.clone()).collect();
        old.set_answer(&ids[0], AnswerStatus::Yes, &actor(1));
        old.set_note(&ids[0], "Policy signed 2025-03-02", &actor(1));
        old.set_answer(&ids[1], AnswerStatus::No, &actor(1));
        old.set_remediation(&ids[1], RemediationField::Owner("Dana".into()), &actor(2));
        old.set_answer(&ids[2], AnswerStatus::Partial, &actor(1));
        old.set_remediation(&ids[2], RemediationField::Owner("Lee".into()), &actor(2));
        old.set_remediation(
            &ids[2],
            RemediationField::Status(RemediationStatus::Done),
            &actor(3),
        );
        let next = carry_forward(
            &Source {
                ws: &old,
                file: "acme-2025.ron".into(),
                sha256: "ab".repeat(32),
            },
            c,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            None,
            &actor(4),
        );
        for id in &ids {
            assert!(next.to_reverify(id), "{id}");
            assert_eq!(next.status(id), old.status(id));
            assert_eq!(next.answers[id].previous, Some(old.status(id)));
        }
        assert_eq!(next.remediation(&ids[1]).owner, "Dana");
        assert_eq!(
            next.remediation(&ids[2]).owner,
            "",
            "a closed gap's records stay behind"
        );
        assert_eq!(next.remediation(&ids[2]).status, RemediationStatus::Done);
        assert!(
            next.log.iter().any(|l| l.id == ids[1]),
            "history of open work"
        );
        assert!(!next.log.iter().any(|l| l.id == ids[2]));
        assert_eq!(next.previous.as_ref().unwrap().file, "acme-2025.ron");
        // Last year's note is labelled with its year, not this year's observation.
        assert_eq!(next.note(&ids[0]), "");
        assert_eq!(
            next.answers[&ids[0]].earlier_note,
            Some(EarlierNote {
                year: 2025,
                text: "Policy signed 2025-03-02".into()
            })
        );
        assert_eq!(
            next.engagement.started,
            NaiveDate::from_ymd_opt(2026, 11, 1)
        );
    }
}

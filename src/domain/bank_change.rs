//! A workspace answered under an older version of the question bank, opened with a newer
//! one: answers to questions reworded since are marked to re-verify, questions added since
//! are simply unanswered, retired ones keep their answers (listed as retired).
use std::collections::BTreeSet;

use serde::Deserialize;

use crate::domain::catalog::Catalog;
use crate::domain::change::Field;
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::{Actor, Workspace};

#[derive(Deserialize)]
struct Version {
    version: u32,
    reworded: Vec<String>,
}

const CHANGES: &str = include_str!("../../assets/bank/changes.ron");

/// The ids reworded in the versions after `from`, up to `to`.
pub fn reworded_between(from: u32, to: u32) -> BTreeSet<String> {
    let all: Vec<Version> = ron::from_str(CHANGES).unwrap_or_default();
    all.into_iter()
        .filter(|v| v.version > from && v.version <= to)
        .flat_map(|v| v.reworded)
        .collect()
}

/// What an update of the bank did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankChange {
    pub from: u32,
    pub to: u32,
    /// Answered questions reworded since: now marked to re-verify.
    pub reworded: Vec<String>,
    /// Answers kept for questions the bank no longer has.
    pub retired: Vec<String>,
}

/// Brings a workspace from an older bank version to the catalog's; `None` when it is
/// already there (or is another bank).
pub fn update_bank(catalog: &Catalog, ws: &mut Workspace, actor: &Actor) -> Option<BankChange> {
    let (from, to) = (ws.bank.version, catalog.info.version);
    if ws.bank.id != catalog.info.id || from >= to {
        return None;
    }
    let changed = reworded_between(from, to);
    let mut reworded = Vec::new();
    for (id, a) in ws.answers.iter_mut() {
        if changed.contains(id) && a.status != AnswerStatus::Unanswered && !a.reverify {
            a.reverify = true;
            reworded.push(id.clone());
        }
    }
    let retired = ws.retired_ids(catalog).map(str::to_string).collect();
    ws.bank = catalog.info.clone();
    ws.record_change(
        actor,
        "engagement",
        Field::Engagement,
        (format!("bank: v{from}"), format!("bank: v{to}")),
    );
    Some(BankChange {
        from,
        to,
        reworded,
        retired,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changes_file_reads_and_names_only_bank_questions() {
        let c = Catalog::builtin();
        let ids = reworded_between(1, c.info.version);
        assert!(!ids.is_empty());
        for id in &ids {
            assert!(c.get(id).is_some(), "{id} is not in the bank");
        }
        assert!(reworded_between(c.info.version, c.info.version).is_empty());
    }

    #[test]
    fn an_older_workspace_gets_its_reworded_answers_marked_once() {
        let c = Catalog::builtin();
        let mut ws = crate::domain::workspace::Workspace::new(
            "c",
            "a",
            c,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        let actor = Actor {
            name: "a".into(),
            now: chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        };
        let changed: Vec<String> = reworded_between(1, c.info.version).into_iter().collect();
        let same = c
            .questions
            .iter()
            .find(|q| !changed.contains(&q.id))
            .unwrap()
            .id
            .clone();
        ws.set_answer(&changed[0], AnswerStatus::Yes, &actor);
        ws.set_answer(&same, AnswerStatus::No, &actor);
        ws.bank.version = 1;
        let done = update_bank(c, &mut ws, &actor).unwrap();
        assert_eq!(done.reworded, [changed[0].clone()]);
        assert!(ws.to_reverify(&changed[0]));
        assert!(!ws.to_reverify(&same));
        assert_eq!(ws.bank.version, c.info.version);
        assert!(update_bank(c, &mut ws, &actor).is_none(), "once");
    }
}

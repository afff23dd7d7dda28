//! A workspace answered under an older version of the question bank, opened with a newer
//! one: answers to questions reworded since are marked to re-verify, questions added since
//! are simply unanswered, retired ones keep their answers (listed as retired). A question
//! retired into another that asks the same thing also lends its answer to the one kept.
use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::domain::catalog::Catalog;
use crate::domain::change::{Change, Field};
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::{Actor, Workspace};

#[derive(Deserialize)]
struct Version {
    version: u32,
    reworded: Vec<String>,
    /// Retired id -> the id kept in its place, for duplicates merged in this version.
    #[serde(default)]
    retired_into: BTreeMap<String, String>,
}

const CHANGES: &str = include_str!("../../assets/bank/changes.ron");

fn versions(from: u32, to: u32) -> impl Iterator<Item = Version> {
    let all: Vec<Version> = ron::from_str(CHANGES).unwrap_or_default();
    all.into_iter()
        .filter(move |v| v.version > from && v.version <= to)
}

/// The ids reworded in the versions after `from`, up to `to`.
pub fn reworded_between(from: u32, to: u32) -> BTreeSet<String> {
    versions(from, to).flat_map(|v| v.reworded).collect()
}

/// The ids retired into another in the versions after `from`, up to `to`, each with the id
/// that finally stands for it (a kept id retired in turn later is followed).
pub fn retired_into_between(from: u32, to: u32) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for v in versions(from, to) {
        for target in map.values_mut() {
            if let Some(next) = v.retired_into.get(target.as_str()) {
                *target = next.clone();
            }
        }
        map.extend(v.retired_into);
    }
    map
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
    /// (retired id, kept id): answers copied to the question kept in a retired one's place,
    /// marked to re-verify; the retired answer stays as it was.
    pub carried: Vec<(String, String)>,
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
    // A merged duplicate: the kept question starts from the retired one's answer (to
    // re-verify, as its wording differs) unless it has one of its own. The retired answer is
    // not moved: threads, plans and projects may name its id.
    let mut carried = Vec::new();
    for (old, kept) in retired_into_between(from, to) {
        let Some(a) = ws.answers.get(&old) else {
            continue;
        };
        let free = ws.answers.get(&kept).is_none_or(|k| k.is_empty());
        if catalog.get(&old).is_some() || catalog.get(&kept).is_none() || !free || a.is_empty() {
            continue;
        }
        let mut copy = a.clone();
        copy.reverify = copy.status != AnswerStatus::Unanswered;
        copy.by = actor.name.clone();
        copy.at = Some(actor.now);
        let status = copy.status;
        ws.answers.insert(kept.clone(), copy);
        ws.record_change(
            actor,
            &kept,
            Field::Answer,
            Change::answer_values(AnswerStatus::Unanswered, status),
        );
        carried.push((old, kept));
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
        carried,
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
        let merged = retired_into_between(1, c.info.version);
        assert!(!merged.is_empty());
        for (old, kept) in &merged {
            assert!(
                c.get(old).is_none(),
                "{old} is retired but still in the bank"
            );
            assert!(
                c.get(kept).is_some(),
                "{old} is retired into {kept}, not in the bank"
            );
        }
    }

    #[test]
    fn an_answer_given_under_version_3_to_the_question_reworded_in_4_is_marked() {
        let c = Catalog::builtin();
        assert!(c.info.version >= 4);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut ws = crate::domain::workspace::Workspace::new("c", "a", c, day);
        let actor = Actor {
            name: "a".into(),
            now: day.and_hms_opt(9, 0, 0).unwrap(),
        };
        ws.set_answer("PRV-AR-18", AnswerStatus::Yes, &actor);
        ws.set_answer("PRV-AR-08", AnswerStatus::Yes, &actor);
        ws.bank.version = 3;
        let change = update_bank(c, &mut ws, &actor).expect("3 is older");
        assert_eq!(change.reworded, vec!["PRV-AR-18".to_string()]);
        assert!(ws.to_reverify("PRV-AR-18"));
        // A guidance-only change (PRV-AR-08 in version 4) leaves the answer as it was.
        assert!(!ws.to_reverify("PRV-AR-08"));
        assert_eq!(ws.bank.version, c.info.version);
    }

    #[test]
    fn a_retired_duplicate_lends_its_answer_to_the_question_kept_and_stays_readable() {
        let c = Catalog::builtin();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut ws = crate::domain::workspace::Workspace::new("c", "a", c, day);
        let actor = Actor {
            name: "a".into(),
            now: day.and_hms_opt(9, 0, 0).unwrap(),
        };
        // Answers given under version 2, when both of each pair were in the bank.
        ws.set_answer("NST-SC-03", AnswerStatus::No, &actor);
        ws.set_note("NST-SC-03", "Two clinicians use FaceTime.", &actor);
        ws.set_answer("ADM-NP-07", AnswerStatus::Yes, &actor);
        ws.set_answer("RSK-TV-04", AnswerStatus::Partial, &actor);
        ws.bank.version = 2;
        let done = update_bank(c, &mut ws, &actor).unwrap();
        assert_eq!(
            done.carried,
            [("NST-SC-03".to_string(), "PRV-TH-03".to_string())]
        );
        // The kept question starts from the retired answer, to re-verify.
        assert_eq!(ws.status("PRV-TH-03"), AnswerStatus::No);
        assert_eq!(ws.answers["PRV-TH-03"].note, "Two clinicians use FaceTime.");
        assert!(ws.to_reverify("PRV-TH-03"));
        // The retired answer is still there, readable as retired.
        assert_eq!(ws.status("NST-SC-03"), AnswerStatus::No);
        assert!(done.retired.contains(&"NST-SC-03".to_string()));
        // A kept question answered in its own right keeps its answer.
        assert_eq!(ws.status("RSK-TV-04"), AnswerStatus::Partial);
        assert!(!ws.to_reverify("RSK-TV-04"));
        assert!(done.retired.contains(&"ADM-NP-07".to_string()));
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

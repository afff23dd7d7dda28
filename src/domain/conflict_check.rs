//! The recorded merge conflicts put to use: the one place that writes a recorded value into
//! its field, and the load-time check of every record.
//!
//! A record comes from a teammate's file and is applied later, when someone takes "theirs":
//! a record that names another entry's id, holds a value of the wrong type or one far past
//! the workspace's limits would make the workspace unsaveable at that moment. So each record
//! is checked on load like every other field, by applying both of its values to a small
//! scratch workspace and asking that the result pass the workspace's own checks.
use serde::{Deserialize, Serialize};

use crate::domain::conflict::Conflict;
use crate::domain::workspace::{RiskEntry, Vendor, Workspace};

/// The longest recorded value (bytes of RON). A whole register entry or vendor holds several
/// texts of up to `problems::MAX_TEXT` each (1 MiB; `problems` holds the two together); the
/// value's own texts are then held to that limit by the scratch check.
pub const MAX_RECORD: usize = 8 << 20;

/// The longest id: a request-list item's key is its text, so as long as a text.
const MAX_ID: usize = 1 << 20;

const ENGAGEMENT: [&str; 11] = [
    "client",
    "site",
    "assessor",
    "scope",
    "firm",
    "interviewed",
    "started",
    "ended",
    "previous",
    "method",
    "uid",
];
const ANSWER: [&str; 5] = ["answer", "note", "evidence", "reason", "previous"];
const REMEDIATION: [&str; 7] = [
    "owner",
    "due",
    "status",
    "plan",
    "likelihood",
    "impact",
    "acceptance",
];

/// A list entry merged as a whole by its id (register entries, vendors).
pub(crate) trait Keyed: Clone + PartialEq + Serialize + for<'a> Deserialize<'a> {
    const FIELD: &'static str;
    fn key(&self) -> &str;
    fn key_mut(&mut self) -> &mut String;
}

impl Keyed for RiskEntry {
    const FIELD: &'static str = "risk";
    fn key(&self) -> &str {
        &self.id
    }
    fn key_mut(&mut self) -> &mut String {
        &mut self.id
    }
}

impl Keyed for crate::domain::inventory::Asset {
    const FIELD: &'static str = "asset";
    fn key(&self) -> &str {
        &self.id
    }
    fn key_mut(&mut self) -> &mut String {
        &mut self.id
    }
}

impl Keyed for crate::domain::inventory::Flow {
    const FIELD: &'static str = "flow";
    fn key(&self) -> &str {
        &self.id
    }
    fn key_mut(&mut self) -> &mut String {
        &mut self.id
    }
}

impl Keyed for Vendor {
    const FIELD: &'static str = "vendor";
    fn key(&self) -> &str {
        &self.id
    }
    fn key_mut(&mut self) -> &mut String {
        &mut self.id
    }
}

fn read<'a, T: Deserialize<'a>>(text: &'a str, field: &str) -> Result<T, String> {
    ron::from_str(text).map_err(|e| format!("the recorded {field} cannot be read: {e}"))
}

/// Puts a recorded whole entry (or its absence) in place of the one with that id. An entry
/// recorded under another id is refused: putting it in would give two entries one id.
fn put<T: Keyed>(list: &mut Vec<T>, id: &str, v: &str) -> Result<(), String> {
    let entry: Option<T> = read(v, T::FIELD)?;
    if let Some(e) = &entry
        && e.key() != id
    {
        return Err(format!(
            "the recorded {} is {}, not {id}",
            T::FIELD,
            crate::domain::text::truncate_clean(e.key(), 40)
        ));
    }
    let at = list.iter().position(|r| r.key() == id);
    match (entry, at) {
        (Some(r), Some(i)) => list[i] = r,
        (Some(r), None) => list.push(r),
        (None, Some(i)) => {
            list.remove(i);
        }
        (None, None) => {}
    }
    Ok(())
}

/// Writes a recorded value (RON) into the field the conflict names.
pub fn apply(ws: &mut Workspace, id: &str, field: &str, v: &str) -> Result<(), String> {
    if id == "engagement" {
        let e = &mut ws.engagement;
        match field {
            "client" => e.client = read(v, field)?,
            "site" => e.site = read(v, field)?,
            "assessor" => e.assessor = read(v, field)?,
            "scope" => e.scope = read(v, field)?,
            "firm" => e.firm = read(v, field)?,
            "interviewed" => e.interviewed = read(v, field)?,
            "started" => e.started = read(v, field)?,
            "ended" => e.ended = read(v, field)?,
            "previous" => ws.previous = read(v, field)?,
            "method" => ws.method = read(v, field)?,
            "uid" => ws.uid = read(v, field)?,
            _ => return Err(format!("unknown engagement field {field}")),
        }
        return Ok(());
    }
    match field {
        "risk" => put(&mut ws.risks, id, v),
        "vendor" => put(&mut ws.vendors, id, v),
        "asset" => put(&mut ws.assets, id, v),
        "flow" => put(&mut ws.flows, id, v),
        "received" => {
            let d: chrono::NaiveDate = read(v, field)?;
            ws.received.insert(id.to_string(), d);
            Ok(())
        }
        "answer" | "note" | "evidence" | "reason" | "previous" => {
            let ans = ws.answers.entry(id.to_string()).or_default();
            match field {
                "answer" => ans.status = read(v, field)?,
                "note" => ans.note = read(v, field)?,
                "evidence" => ans.evidence = read(v, field)?,
                "reason" => ans.reason = read(v, field)?,
                _ => ans.previous = read(v, field)?,
            }
            Ok(())
        }
        "owner" | "due" | "status" | "plan" | "likelihood" | "impact" | "acceptance" => {
            let r = ws.remediation.entry(id.to_string()).or_default();
            match field {
                "owner" => r.owner = read(v, field)?,
                "due" => r.due = read(v, field)?,
                "status" => r.status = read(v, field)?,
                "plan" => r.plan = read(v, field)?,
                "likelihood" => r.likelihood = read(v, field)?,
                "acceptance" => r.acceptance = read(v, field)?,
                _ => r.impact = read(v, field)?,
            }
            Ok(())
        }
        _ => Err(format!("unknown field {field}")),
    }
}

/// A workspace holding only what a record of `c.id` can touch, so that applying a value to
/// it and running the workspace's checks costs little whatever the workspace's size.
fn scratch(ws: &Workspace, id: &str) -> Workspace {
    let mut s = Workspace {
        answers: Default::default(),
        remediation: Default::default(),
        risks: ws.risks.iter().filter(|r| r.id == id).cloned().collect(),
        vendors: ws.vendors.iter().filter(|v| v.id == id).cloned().collect(),
        assets: ws.assets.iter().filter(|a| a.id == id).cloned().collect(),
        flows: ws.flows.iter().filter(|f| f.id == id).cloned().collect(),
        method: ws.method.clone(),
        received: Default::default(),
        log: Vec::new(),
        meetings: Vec::new(),
        decisions: Vec::new(),
        conflicts: Vec::new(),
        engagement: ws.engagement.clone(),
        previous: ws.previous.clone(),
        bank: ws.bank.clone(),
        format_version: ws.format_version,
        view: Default::default(),
        uid: ws.uid.clone(),
    };
    if let Some(a) = ws.answers.get(id) {
        s.answers.insert(id.to_string(), a.clone());
    }
    if let Some(r) = ws.remediation.get(id) {
        s.remediation.insert(id.to_string(), r.clone());
    }
    s
}

impl Conflict {
    /// What is wrong with this record in `ws`, if anything: an unknown field, a value too
    /// long, of the wrong type, naming another entry than the record's id, or one that would
    /// put the workspace past its own checks once taken. The id itself may name nothing
    /// present: one side may have deleted what the other changed.
    pub fn problem(&self, ws: &Workspace) -> Option<String> {
        let what = || {
            format!(
                "merge conflict {} {}",
                crate::domain::text::truncate_clean(&self.id, 40),
                crate::domain::text::truncate_clean(&self.field, 40)
            )
        };
        if self.id.len() > MAX_ID || self.field.len() > 64 {
            return Some(format!("{}: the id or field name is too long", what()));
        }
        let known_field = if self.id == "engagement" {
            ENGAGEMENT.contains(&self.field.as_str())
        } else {
            ANSWER
                .iter()
                .chain(&REMEDIATION)
                .chain(&["risk", "vendor", "asset", "flow", "received"])
                .any(|f| *f == self.field)
        };
        if !known_field {
            return Some(format!(
                "{}: no such field (a conflict names a field hipaudit merges)",
                what()
            ));
        }
        let limit = format!("{} KiB", MAX_RECORD / 1024);
        for (side, v) in [
            ("ours", &self.ours),
            ("theirs", &self.theirs),
            ("base", &self.base),
        ] {
            if v.len() > MAX_RECORD {
                return Some(format!(
                    "{}: {side} is longer than the {limit} limit",
                    what()
                ));
            }
            // The base is only shown, never applied: its length is all that matters.
            if side == "base" {
                continue;
            }
            let mut s = scratch(ws, &self.id);
            if let Err(e) = apply(&mut s, &self.id, &self.field, v) {
                return Some(format!("{}: {side}: {e}", what()));
            }
            if let Some(p) = s.problems().into_iter().next() {
                return Some(format!(
                    "{}: {side} would not be valid: {}",
                    what(),
                    p.message
                ));
            }
        }
        None
    }
}

/// Every bad record: its index and what is wrong.
pub fn problems(ws: &Workspace) -> Vec<(usize, String)> {
    ws.conflicts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.problem(ws).map(|m| (i, m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::problems::MAX_TEXT;
    use crate::domain::workspace::Actor;
    use crate::io::store;
    use chrono::NaiveDate;
    use std::path::Path;

    fn ws() -> Workspace {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut ws = Workspace::new("Acme", "Ana", Catalog::builtin(), day);
        let actor = Actor {
            name: "Ana".into(),
            now: day.and_hms_opt(9, 0, 0).unwrap(),
        };
        for title in ["Laptops", "Backups"] {
            let entry = RiskEntry {
                title: title.into(),
                ..RiskEntry::default()
            };
            ws.add_risk(entry, &actor);
        }
        ws
    }

    /// A record whose ours is what the workspace holds, so that only theirs is at fault.
    fn record(id: &str, field: &str, theirs: String) -> Conflict {
        let ours = match field {
            "risk" => ron_of(&Some(ws().risks[0].clone())),
            "due" => ron_of(&None::<NaiveDate>),
            _ => ron_of(&""),
        };
        Conflict {
            id: id.into(),
            field: field.into(),
            ours,
            theirs,
            base: String::new(),
        }
    }

    fn ron_of<T: Serialize>(v: &T) -> String {
        ron::to_string(v).unwrap()
    }

    #[test]
    fn a_conflict_record_that_taking_would_break_is_refused_on_load_with_its_place() {
        let w = ws();
        let other_risk = ron_of(&Some(w.risks[1].clone()));
        let bad = [
            ("another risk's id", record("R-01", "risk", other_risk)),
            (
                "past the record limit",
                record("PRV-UD-01", "note", ron_of(&"x".repeat(MAX_RECORD + 1))),
            ),
            (
                "a note past the text limit",
                record("PRV-UD-01", "note", ron_of(&"x".repeat(MAX_TEXT + 1))),
            ),
            (
                "an unknown field",
                record("PRV-UD-01", "colour", ron_of(&"red")),
            ),
            (
                "an id past the text limit",
                record(&"Q".repeat(MAX_TEXT + 1), "note", ron_of(&"hi")),
            ),
            (
                "a risk of the wrong shape",
                record("R-01", "risk", ron_of(&Some("R-01"))),
            ),
            (
                "a value that is no date",
                record("R-01", "due", ron_of(&"soon")),
            ),
        ];
        for (what, c) in bad {
            let mut w = w.clone();
            w.conflicts.push(c);
            let text = store::to_ron(&w);
            let e = store::from_ron(&text, Path::new("w.ron"))
                .expect_err(&format!("{what} must be refused on load"));
            assert!(e.message.contains("merge conflict"), "{what}: {e}");
            assert!(
                !e.message.contains(": ours"),
                "{what}: only theirs is at fault: {e}"
            );
            let (line, _) = e.position.expect("a position");
            assert!(
                text.lines().nth(line - 1).unwrap().contains("conflicts:"),
                "{what}: {e}"
            );
        }
        // A record the merge itself writes loads.
        let mut good = w.clone();
        let mut entry = w.risks[0].clone();
        // A whole entry may hold several texts each near the text limit.
        entry.title = "Stolen laptops".into();
        entry.threat = "t".repeat(MAX_TEXT - 10);
        entry.controls = "c".repeat(MAX_TEXT - 10);
        good.conflicts.push(Conflict {
            ours: ron_of(&Some(w.risks[0].clone())),
            base: ron_of(&Some(w.risks[0].clone())),
            ..record("R-01", "risk", ron_of(&Some(entry)))
        });
        good.conflicts.push(Conflict {
            ours: ron_of(&"ours"),
            ..record("PRV-UD-01", "note", ron_of(&"theirs"))
        });
        let back = store::from_ron(&store::to_ron(&good), Path::new("w.ron")).unwrap();
        assert_eq!(back, good);
    }

    /// Every field the merge can record a conflict on: the record loads, and taking theirs
    /// gives exactly theirs' workspace in that field (keeping ours keeps ours).
    #[test]
    fn an_id_or_field_name_at_its_limit_is_read_and_one_past_it_is_refused() {
        let w = ws();
        let with = |id: String, field: String| Conflict {
            id,
            field,
            ours: ron_of(&""),
            theirs: ron_of(&""),
            base: String::new(),
        };
        let long = |p: &Option<String>| p.as_deref().is_some_and(|m| m.contains("too long"));
        // An id of exactly the limit is not too long (it names nothing present: allowed).
        assert!(!long(&with("R".repeat(MAX_ID), "note".into()).problem(&w)));
        assert!(long(
            &with("R".repeat(MAX_ID + 1), "note".into()).problem(&w)
        ));
        // A field name of 64 characters is read (and is no field hipaudit merges); 65 is not.
        let at_limit = with("PRV-UD-01".into(), "f".repeat(64)).problem(&w);
        assert!(
            at_limit
                .as_deref()
                .is_some_and(|m| m.contains("no such field")),
            "{at_limit:?}"
        );
        assert!(long(&with("PRV-UD-01".into(), "f".repeat(65)).problem(&w)));
        // A recorded value of exactly the record limit is read; one byte more is refused.
        let value = |n: usize| Conflict {
            theirs: "x".repeat(n),
            ..with("PRV-UD-01".into(), "note".into())
        };
        let over = |p: Option<String>| p.is_some_and(|m| m.contains("longer than the"));
        assert!(!over(value(MAX_RECORD).problem(&w)));
        assert!(over(value(MAX_RECORD + 1).problem(&w)));
    }

    #[test]
    fn every_conflict_the_merge_records_loads_and_taking_theirs_gives_theirs() {
        use crate::domain::merge::{Side, merge, resolve};
        use crate::domain::rating::Rating;
        use crate::domain::status::{AnswerStatus, RemediationStatus};
        use crate::domain::workspace::Previous;
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
        let item = |l: &str| crate::domain::evidence::EvidenceItem {
            label: l.into(),
            ..Default::default()
        };
        let prev = |f: &str| Previous {
            file: f.into(),
            started: None,
            sha256: "0".repeat(64),
        };
        type Edit = Box<dyn Fn(&mut Workspace, u32)>;
        let q = "PRV-UD-01";
        let edits: Vec<(&str, Edit)> = vec![
            (
                "client",
                Box::new(|w, n| w.engagement.client = format!("C{n}")),
            ),
            ("site", Box::new(|w, n| w.engagement.site = format!("S{n}"))),
            (
                "assessor",
                Box::new(|w, n| w.engagement.assessor = format!("A{n}")),
            ),
            (
                "scope",
                Box::new(|w, n| w.engagement.scope = format!("s{n}")),
            ),
            ("firm", Box::new(|w, n| w.engagement.firm = format!("F{n}"))),
            (
                "interviewed",
                Box::new(|w, n| w.engagement.interviewed = format!("I{n}")),
            ),
            (
                "started",
                Box::new(move |w, n| w.engagement.started = day(n)),
            ),
            (
                "ended",
                Box::new(move |w, n| w.engagement.ended = day(n + 2)),
            ),
            (
                "previous",
                Box::new(move |w, n| w.previous = Some(prev(&format!("p{n}")))),
            ),
            (
                "answer",
                Box::new(move |w, n| {
                    w.answers.entry(q.into()).or_default().status =
                        [AnswerStatus::Yes, AnswerStatus::No][n as usize % 2]
                }),
            ),
            (
                "note",
                Box::new(move |w, n| w.answers.entry(q.into()).or_default().note = format!("n{n}")),
            ),
            (
                "evidence",
                Box::new(move |w, n| {
                    w.answers.entry(q.into()).or_default().evidence = vec![item("same")];
                    w.answers.get_mut(q).unwrap().evidence[0].expires = day(n);
                }),
            ),
            (
                "reason",
                Box::new(move |w, n| {
                    w.answers.entry(q.into()).or_default().reason = format!("r{n}")
                }),
            ),
            (
                "previous",
                Box::new(move |w, n| {
                    w.answers.entry(q.into()).or_default().previous =
                        Some([AnswerStatus::Yes, AnswerStatus::No][n as usize % 2])
                }),
            ),
            (
                "owner",
                Box::new(move |w, n| {
                    w.remediation.entry(q.into()).or_default().owner = format!("o{n}")
                }),
            ),
            (
                "due",
                Box::new(move |w, n| w.remediation.entry(q.into()).or_default().due = day(n)),
            ),
            (
                "status",
                Box::new(move |w, n| {
                    w.remediation.entry(q.into()).or_default().status =
                        [RemediationStatus::Done, RemediationStatus::InProgress][n as usize % 2]
                }),
            ),
            (
                "plan",
                Box::new(move |w, n| {
                    w.remediation.entry(q.into()).or_default().plan = format!("p{n}")
                }),
            ),
            (
                "likelihood",
                Box::new(move |w, n| {
                    w.remediation.entry(q.into()).or_default().likelihood =
                        Rating::new(n as u8 % 5 + 1)
                }),
            ),
            (
                "impact",
                Box::new(move |w, n| {
                    w.remediation.entry(q.into()).or_default().impact = Rating::new(n as u8 % 5 + 1)
                }),
            ),
            ("risk", Box::new(|w, n| w.risks[0].title = format!("t{n}"))),
            (
                "vendor",
                Box::new(|w, n| w.vendors[0].notes = format!("v{n}")),
            ),
            (
                "received",
                Box::new(move |w, n| {
                    w.received.insert("signed baa".into(), day(n).unwrap());
                }),
            ),
        ];
        let mut b = ws();
        b.vendors.push(Vendor {
            id: "BA-01".into(),
            name: "Shred".into(),
            ..Vendor::default()
        });
        for (field, edit) in &edits {
            let (mut o, mut t) = (b.clone(), b.clone());
            edit(&mut o, 3);
            edit(&mut t, 4);
            let m = merge(&b, &o, &t);
            assert_eq!(m.conflicts.len(), 1, "{field}: {:?}", m.conflicts);
            assert_eq!(m.conflicts[0].field, *field);
            assert_eq!(
                m.conflicts[0].problem(&m),
                None,
                "{field}: the record loads"
            );
            let mut ours = m.clone();
            resolve(&mut ours, 0, Side::Ours).unwrap();
            assert_eq!(
                Workspace {
                    log: o.log.clone(),
                    ..ours
                },
                o,
                "{field}: ours kept"
            );
            let mut theirs = m.clone();
            resolve(&mut theirs, 0, Side::Theirs).unwrap();
            let expected = Workspace {
                log: theirs.log.clone(),
                ..t.clone()
            };
            assert_eq!(theirs, expected, "{field}: theirs taken");
        }
    }
}

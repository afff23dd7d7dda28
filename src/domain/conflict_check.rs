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

const ENGAGEMENT: [&str; 18] = [
    "client",
    "site",
    "assessor",
    "scope",
    "firm",
    "interviewed",
    "started",
    "ended",
    "previous",
    "carried_into",
    "method",
    "uid",
    "profile",
    "assessor_role",
    "credentials",
    "doc_version",
    "issues",
    "distribution",
];
const ANSWER: [&str; 6] = [
    "answer",
    "note",
    "evidence",
    "reason",
    "previous",
    "earlier_note",
];
const REMEDIATION: [&str; 9] = [
    "owner",
    "due",
    "status",
    "plan",
    "likelihood",
    "impact",
    "acceptance",
    "response",
    "in_project",
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

impl Keyed for crate::domain::project::Project {
    const FIELD: &'static str = "project";
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
            "carried_into" => ws.carried_into = read(v, field)?,
            "method" => ws.method = read(v, field)?,
            "uid" => ws.uid = read(v, field)?,
            "profile" => ws.profile = read(v, field)?,
            "assessor_role" => e.assessor_role = read(v, field)?,
            "credentials" => e.credentials = read(v, field)?,
            "doc_version" => e.doc_version = read(v, field)?,
            "issues" => e.issues = read(v, field)?,
            "distribution" => e.distribution = read(v, field)?,
            _ => return Err(format!("unknown engagement field {field}")),
        }
        return Ok(());
    }
    match field {
        "risk" => put(&mut ws.risks, id, v),
        "vendor" => put(&mut ws.vendors, id, v),
        "asset" => put(&mut ws.assets, id, v),
        "flow" => put(&mut ws.flows, id, v),
        "project" => put(&mut ws.projects, id, v),
        "received" => {
            let d: chrono::NaiveDate = read(v, field)?;
            ws.received.insert(id.to_string(), d);
            Ok(())
        }
        "answer" | "note" | "evidence" | "reason" | "previous" | "earlier_note" => {
            let ans = ws.answers.entry(id.to_string()).or_default();
            match field {
                "answer" => ans.status = read(v, field)?,
                "note" => ans.note = read(v, field)?,
                "evidence" => ans.evidence = read(v, field)?,
                "reason" => ans.reason = read(v, field)?,
                "earlier_note" => ans.earlier_note = read(v, field)?,
                _ => ans.previous = read(v, field)?,
            }
            Ok(())
        }
        "owner" | "due" | "status" | "plan" | "likelihood" | "impact" | "acceptance"
        | "response" | "in_project" => {
            let r = ws.remediation.entry(id.to_string()).or_default();
            match field {
                "owner" => r.owner = read(v, field)?,
                "due" => r.due = read(v, field)?,
                "status" => r.status = read(v, field)?,
                "plan" => r.plan = read(v, field)?,
                "likelihood" => r.likelihood = read(v, field)?,
                "acceptance" => r.acceptance = read(v, field)?,
                "response" => r.response = read(v, field)?,
                "in_project" => r.project = read(v, field)?,
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
        projects: ws.projects.iter().filter(|p| p.id == id).cloned().collect(),
        method: ws.method.clone(),
        received: Default::default(),
        log: Vec::new(),
        meetings: Vec::new(),
        decisions: Vec::new(),
        conflicts: Vec::new(),
        engagement: ws.engagement.clone(),
        profile: ws.profile.clone(),
        previous: ws.previous.clone(),
        carried_into: ws.carried_into.clone(),
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
                .chain(&["risk", "vendor", "asset", "flow", "project", "received"])
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
#[path = "conflict_check_tests.rs"]
mod tests;

//! Review meetings and the decisions they leave: who met when, and what was said or decided
//! about each gap (a thread kept with the gap). Risk acceptance is a decision with the name
//! and role of the person who accepts, never a silent status change.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::change::Field;
use crate::domain::status::RemediationStatus;
use crate::domain::workspace::{Actor, RemediationField, Workspace};

/// Someone at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

/// A review meeting: its date and who took part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
}

/// What a decision entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DecisionKind {
    /// A comment or a decision on the gap.
    #[default]
    Comment,
    /// The named person accepts the risk (the gap's status turned Risk accepted).
    RiskAcceptance,
}

/// One entry of a gap's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The gap: a question id or a register entry id.
    pub gap: String,
    pub at: NaiveDateTime,
    /// Who said or decided it.
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    pub text: String,
    #[serde(default)]
    pub kind: DecisionKind,
    /// The meeting it was recorded in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
}

/// Reads "Dana Whitfield (practice manager), Sam Ortiz (MSP)" into attendees. Names are
/// trimmed; an empty list or an empty name is an error that says so.
pub fn parse_attendees(text: &str) -> Result<Vec<Attendee>, String> {
    let mut out = Vec::new();
    for part in split_outside_parens(text) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, role) = match part.find('(') {
            Some(i) => {
                let role = part[i + 1..].trim_end().trim_end_matches(')').trim();
                (part[..i].trim(), role)
            }
            None => (part, ""),
        };
        if name.is_empty() {
            return Err(format!("'{part}': a name comes before the role"));
        }
        out.push(Attendee {
            name: name.to_string(),
            role: role.to_string(),
        });
    }
    if out.is_empty() {
        return Err("name at least one attendee: Name (role), Name (role)".into());
    }
    Ok(out)
}

fn split_outside_parens(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            ',' | ';' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Reads "Name, role" (or "Name (role)") for a risk acceptance.
pub fn parse_person(text: &str) -> Result<Attendee, String> {
    let t = text.trim();
    let (name, role) = if let Some(i) = t.find('(') {
        (t[..i].trim(), t[i + 1..].trim_end_matches(')').trim())
    } else if let Some((n, r)) = t.split_once(',') {
        (n.trim(), r.trim())
    } else {
        (t, "")
    };
    if name.is_empty() {
        return Err("name who accepts the risk: Name, role".into());
    }
    if role.is_empty() {
        return Err(format!(
            "give {name}'s role too (Name, role): an auditor asks who had the authority"
        ));
    }
    Ok(Attendee {
        name: name.into(),
        role: role.into(),
    })
}

impl Workspace {
    /// Starts a meeting; returns its id (`M-1`, `M-2`, ...).
    pub fn start_meeting(
        &mut self,
        date: NaiveDate,
        attendees: Vec<Attendee>,
        actor: &Actor,
    ) -> String {
        let n = self.meetings.len() + 1;
        let id = (n..)
            .map(|n| format!("M-{n}"))
            .find(|id| !self.meetings.iter().any(|m| &m.id == id))
            .unwrap_or_default();
        let names: Vec<&str> = attendees.iter().map(|a| a.name.as_str()).collect();
        let shown = format!("{date}: {}", names.join(", "));
        self.meetings.push(Meeting {
            id: id.clone(),
            date,
            attendees,
        });
        self.record_change(actor, &id, Field::Meeting, (String::new(), shown));
        id
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// Adds an entry to a gap's thread.
    pub fn add_decision(&mut self, d: Decision, actor: &Actor) {
        let shown = format!("{} chars by {}", d.text.chars().count(), d.by);
        let gap = d.gap.clone();
        self.decisions.push(d);
        self.record_change(actor, &gap, Field::Decision, (String::new(), shown));
    }

    /// The thread of one gap, oldest first.
    pub fn decisions_on<'a>(&'a self, gap: &'a str) -> impl Iterator<Item = &'a Decision> {
        self.decisions.iter().filter(move |d| d.gap == gap)
    }

    /// Records that `who` accepts the risk of a gap, and sets its status; false when it was
    /// already accepted.
    pub fn accept_risk(
        &mut self,
        gap: &str,
        who: &Attendee,
        meeting: Option<String>,
        actor: &Actor,
    ) -> bool {
        if self.remediation(gap).status == RemediationStatus::RiskAccepted {
            return false;
        }
        self.add_decision(
            Decision {
                gap: gap.to_string(),
                at: actor.now,
                by: who.name.clone(),
                role: who.role.clone(),
                text: format!("Risk accepted by {} ({})", who.name, who.role),
                kind: DecisionKind::RiskAcceptance,
                meeting,
            },
            actor,
        );
        self.set_remediation(
            gap,
            RemediationField::Status(RemediationStatus::RiskAccepted),
            actor,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;

    fn actor() -> Actor {
        Actor {
            name: "Jordan".into(),
            now: NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
        }
    }

    #[test]
    fn attendees_read_names_and_roles_and_refuse_nonsense() {
        let a =
            parse_attendees("Dana Whitfield (practice manager, HIPAA officer); Sam Ortiz").unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].name, "Dana Whitfield");
        assert_eq!(a[0].role, "practice manager, HIPAA officer");
        assert_eq!(a[1].role, "");
        assert!(parse_attendees("  ,  ").is_err());
        assert!(parse_attendees("(manager)").is_err());
    }

    #[test]
    fn acceptance_needs_a_name_and_a_role() {
        assert!(parse_person("").is_err());
        assert!(parse_person("Dana").unwrap_err().contains("role"));
        let p = parse_person("Dana Whitfield, practice manager").unwrap();
        assert_eq!(
            (p.name.as_str(), p.role.as_str()),
            ("Dana Whitfield", "practice manager")
        );
        assert_eq!(parse_person("Dana (owner)").unwrap().role, "owner");
    }

    #[test]
    fn a_meeting_and_an_acceptance_are_recorded_and_logged() {
        let c = Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let id = w.start_meeting(
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            parse_attendees("Dana (manager), Sam (MSP)").unwrap(),
            &actor(),
        );
        assert_eq!(id, "M-1");
        let who = parse_person("Dana, manager").unwrap();
        assert!(w.accept_risk("X-1", &who, Some(id.clone()), &actor()));
        assert!(!w.accept_risk("X-1", &who, Some(id), &actor()));
        assert_eq!(w.remediation("X-1").status, RemediationStatus::RiskAccepted);
        let thread: Vec<&Decision> = w.decisions_on("X-1").collect();
        assert_eq!(thread.len(), 1);
        assert_eq!(thread[0].kind, DecisionKind::RiskAcceptance);
        assert_eq!(thread[0].meeting.as_deref(), Some("M-1"));
        let fields: Vec<&Field> = w.log.iter().map(|c| &c.field).collect();
        assert_eq!(fields, [&Field::Meeting, &Field::Decision, &Field::Status]);
    }
}

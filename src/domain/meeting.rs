//! Review meetings and the decisions they leave: who met when, and what was said or decided
//! about each gap (a thread kept with the gap). Risk acceptance is a decision with the name
//! and role of the person who accepts, never a silent status change.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Someone at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

/// A review meeting: its date and who took part.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// Held in the previous assessment (carried with the threads of its open gaps): not
    /// this year's minutes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub earlier: bool,
}

/// What a decision entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum DecisionKind {
    /// A comment or a decision on the gap.
    #[default]
    Comment,
    /// The named person accepts the risk (the gap's status turned Risk accepted).
    RiskAcceptance,
}

/// One entry of a gap's thread.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Recorded in the previous assessment: kept in the gap's thread, not in this year's
    /// minutes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub earlier: bool,
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
            // One closing parenthesis closes the role: "manager (acting))" keeps its own.
            Some(i) => {
                let rest = part[i + 1..].trim_end();
                let role = rest.strip_suffix(')').unwrap_or(rest).trim();
                (part[..i].trim(), role)
            }
            None => (part, ""),
        };
        if name.is_empty() {
            return Err(format!("'{part}': a name comes before the role"));
        }
        // "Ann: …" must name one person: the same name twice is a typing slip.
        if out
            .iter()
            .any(|a: &Attendee| a.name.eq_ignore_ascii_case(name))
        {
            return Err(format!("{name} is named twice: name each attendee once"));
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
        let rest = t[i + 1..].trim_end();
        (t[..i].trim(), rest.strip_suffix(')').unwrap_or(rest).trim())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_keeps_its_own_parentheses_and_no_one_is_named_twice() {
        let a =
            parse_attendees("Dana Whitfield (practice manager (acting)), Sam Ortiz (IT)").unwrap();
        assert_eq!(a[0].role, "practice manager (acting)");
        assert_eq!(a[1].role, "IT");
        assert!(parse_attendees("Ann (dup), ann (dup)").is_err());
        assert_eq!(
            parse_person("Dr. Priya Nair (owner (acting))")
                .unwrap()
                .role,
            "owner (acting)"
        );
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
}

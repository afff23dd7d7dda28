//! The change log's entries: which field of which question or risk changed, from what to what.
//!
//! The field is a type, not a string, and the values of the fields that decide the board's
//! history (an answer, a remediation status, a register entry's life) are written and read
//! back here, in one place, so the dashboard's trend and a gap's opened/closed dates never
//! compare display words. The file keeps the same text as before (`field: "answer"`,
//! `old: "No"`): no format change.
use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::status::{AnswerStatus, RemediationStatus};

/// What a change touched.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Field {
    Answer,
    Note,
    Evidence,
    Owner,
    Due,
    Status,
    Plan,
    Likelihood,
    Impact,
    /// A register entry was created, deleted or restored.
    Risk,
    Title,
    Assets,
    Threat,
    Vulnerability,
    Controls,
    Treatment,
    Rationale,
    Links,
    /// A register entry's residual target (`LxI`).
    Target,
    /// Why a question is not applicable.
    Reason,
    /// A review meeting was held (its id is the change's id).
    Meeting,
    /// A comment, decision or risk acceptance on a gap's thread.
    Decision,
    /// An engagement detail (client, site, scope, assessor, fieldwork dates).
    Engagement,
    /// A carried answer or risk rating confirmed as it stands.
    Verified,
    /// A business associate added, changed, deleted or restored (`name: old` → `name: new`).
    Vendor,
    /// An item of the evidence request list received (`item: date`).
    Request,
    /// A merge conflict resolved (`field: ours · theirs` → which was kept).
    Conflict,
    /// A name this build does not know (a newer build's, kept as it was).
    Other(String),
}

impl Field {
    const NAMED: [(Field, &'static str); 27] = [
        (Field::Answer, "answer"),
        (Field::Note, "note"),
        (Field::Evidence, "evidence"),
        (Field::Owner, "owner"),
        (Field::Due, "due"),
        (Field::Status, "status"),
        (Field::Plan, "plan"),
        (Field::Likelihood, "likelihood"),
        (Field::Impact, "impact"),
        (Field::Risk, "risk"),
        (Field::Title, "title"),
        (Field::Assets, "assets"),
        (Field::Threat, "threat"),
        (Field::Vulnerability, "vulnerability"),
        (Field::Controls, "controls"),
        (Field::Treatment, "treatment"),
        (Field::Rationale, "rationale"),
        (Field::Links, "links"),
        (Field::Target, "target"),
        (Field::Reason, "reason"),
        (Field::Meeting, "meeting"),
        (Field::Decision, "decision"),
        (Field::Engagement, "engagement"),
        (Field::Verified, "verified"),
        (Field::Vendor, "vendor"),
        (Field::Request, "request"),
        (Field::Conflict, "conflict"),
    ];

    /// The name in the file and in `hipaudit log`.
    pub fn name(&self) -> &str {
        match self {
            Field::Other(s) => s,
            f => Field::NAMED
                .iter()
                .find(|(n, _)| n == f)
                .map_or("", |(_, s)| s),
        }
    }
}

impl From<String> for Field {
    fn from(s: String) -> Field {
        Field::NAMED
            .iter()
            .find(|(_, n)| *n == s)
            .map_or(Field::Other(s), |(f, _)| f.clone())
    }
}

impl From<Field> for String {
    fn from(f: Field) -> String {
        f.name().to_string()
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// What happened to a register entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskEvent {
    Created,
    Deleted,
    Restored,
}

/// One recorded change: the audit trail behind every answer and remediation field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub at: NaiveDateTime,
    pub by: String,
    pub id: String,
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// How an answer is written into the log (its label) and read back.
fn answer_value(s: AnswerStatus) -> &'static str {
    s.label()
}

fn read_answer(s: &str) -> Option<AnswerStatus> {
    use AnswerStatus::*;
    [Unanswered, Yes, Partial, No, NotApplicable]
        .into_iter()
        .find(|a| answer_value(*a) == s)
}

fn status_value(s: RemediationStatus) -> &'static str {
    s.label()
}

fn read_status(s: &str) -> Option<RemediationStatus> {
    RemediationStatus::ALL
        .into_iter()
        .find(|r| status_value(*r) == s)
}

const CREATED: &str = "created: ";
const DELETED: &str = "deleted";
const RESTORED: &str = "restored: ";
/// How the log records a vendor's arrival (`vendor.rs` writes it).
pub const VENDOR_ADDED: &str = "added: ";

impl Change {
    /// The (old, new) texts an answer change is logged with.
    pub fn answer_values(old: AnswerStatus, new: AnswerStatus) -> (String, String) {
        (answer_value(old).into(), answer_value(new).into())
    }

    /// The (old, new) texts a remediation status change is logged with.
    pub fn status_values(old: RemediationStatus, new: RemediationStatus) -> (String, String) {
        (status_value(old).into(), status_value(new).into())
    }

    /// The (old, new) texts of a register entry's life event.
    pub fn risk_values(event: RiskEvent, title: &str) -> (String, String) {
        match event {
            RiskEvent::Created => (String::new(), format!("{CREATED}{title}")),
            RiskEvent::Deleted => (title.to_string(), DELETED.into()),
            RiskEvent::Restored => (DELETED.into(), format!("{RESTORED}{title}")),
        }
    }

    /// The answer before and after, when this change is an answer change.
    pub fn answer_change(&self) -> Option<(AnswerStatus, AnswerStatus)> {
        (self.field == Field::Answer).then_some(())?;
        Some((read_answer(&self.old)?, read_answer(&self.new)?))
    }

    /// The remediation status before and after, when this change is a status change.
    pub fn status_change(&self) -> Option<(RemediationStatus, RemediationStatus)> {
        (self.field == Field::Status).then_some(())?;
        Some((read_status(&self.old)?, read_status(&self.new)?))
    }

    /// What happened to a register entry, when this change is one.
    pub fn risk_event(&self) -> Option<RiskEvent> {
        (self.field == Field::Risk).then_some(())?;
        if self.new.starts_with(CREATED) {
            Some(RiskEvent::Created)
        } else if self.new.starts_with(RESTORED) {
            Some(RiskEvent::Restored)
        } else if self.new == DELETED {
            Some(RiskEvent::Deleted)
        } else {
            None
        }
    }

    /// True when this change made a gap: an answer turned No or Partial, or a risk entered the
    /// register.
    pub fn opens_gap(&self) -> bool {
        self.answer_change()
            .is_some_and(|(old, new)| new.is_gap() && !old.is_gap())
            || matches!(
                self.risk_event(),
                Some(RiskEvent::Created | RiskEvent::Restored)
            )
            || (self.field == Field::Vendor
                && (self.new.starts_with(VENDOR_ADDED) || self.new.starts_with(RESTORED)))
    }

    /// True when this change closed a gap: an answer left No/Partial, or the status turned
    /// Done or Risk accepted.
    pub fn closes_gap(&self) -> bool {
        self.answer_change()
            .is_some_and(|(old, new)| old.is_gap() && !new.is_gap())
            || self.closes_status()
    }

    /// True when the remediation status turned Done or Risk accepted.
    pub fn closes_status(&self) -> bool {
        self.status_change()
            .is_some_and(|(old, new)| new.is_closed() && !old.is_closed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(field: Field, (old, new): (String, String)) -> Change {
        Change {
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            by: "a".into(),
            id: "X".into(),
            field,
            old,
            new,
        }
    }

    #[test]
    fn every_field_keeps_its_name_in_the_file() {
        for (f, name) in Field::NAMED {
            assert_eq!(f.name(), name);
            assert_eq!(Field::from(name.to_string()), f);
            assert_eq!(ron::to_string(&f).unwrap(), format!("\"{name}\""));
        }
        let future = Field::from("colour".to_string());
        assert_eq!(future, Field::Other("colour".into()));
        assert_eq!(ron::to_string(&future).unwrap(), "\"colour\"");
    }

    #[test]
    fn every_answer_and_status_reads_back_as_written() {
        use AnswerStatus::*;
        for old in [Unanswered, Yes, Partial, No, NotApplicable] {
            for new in [Unanswered, Yes, Partial, No, NotApplicable] {
                let c = change(Field::Answer, Change::answer_values(old, new));
                assert_eq!(c.answer_change(), Some((old, new)));
                assert_eq!(c.status_change(), None);
                assert_eq!(c.opens_gap(), new.is_gap() && !old.is_gap());
            }
        }
        for old in RemediationStatus::ALL {
            for new in RemediationStatus::ALL {
                let c = change(Field::Status, Change::status_values(old, new));
                assert_eq!(c.status_change(), Some((old, new)));
                assert_eq!(c.closes_gap(), new.is_closed() && !old.is_closed());
            }
        }
    }

    #[test]
    fn risk_events_read_back_and_a_title_cannot_fake_one() {
        for e in [RiskEvent::Created, RiskEvent::Deleted, RiskEvent::Restored] {
            let c = change(Field::Risk, Change::risk_values(e, "deleted"));
            assert_eq!(c.risk_event(), Some(e));
        }
        // A note or title that reads like an event is not one.
        let c = change(Field::Title, (String::new(), "created: x".into()));
        assert_eq!(c.risk_event(), None);
        assert!(!c.opens_gap());
        let c = change(Field::Note, ("No".into(), "Yes".into()));
        assert_eq!(c.answer_change(), None);
    }
}

//! The change log's entries: which field of which question or risk changed, from what to what.
//!
//! The field is a type, not a string, and the values of the fields that decide the board's
//! history (an answer, a remediation status, a register entry's life) are written and read
//! back here, in one place, so the dashboard's trend and a gap's opened/closed dates never
//! compare display words. The file holds stable snake_case names, never the screen's words:
//! `field: "status"`, `old: "in_progress"`, `new: "risk_accepted"` (answers, statuses and
//! treatments). Files written before these names hold the labels (`old: "In progress"`,
//! `new: "N/A"`): they are read as they are, each label standing for its value, and never
//! rewritten (the trail stays as it was recorded). Whoever prints the log shows the labels
//! (`Change::shown`).
use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::status::{AnswerStatus, RemediationStatus, Treatment};

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
    /// An asset of the ePHI inventory added, changed, deleted or restored (`field: value`).
    Asset,
    /// A data flow added, changed, deleted or restored.
    Flow,
    /// A risk accepted (who, role, date, review-by) or its acceptance withdrawn.
    Acceptance,
    /// Why a likelihood or an impact is rated as it is.
    LikelihoodWhy,
    ImpactWhy,
    /// Management's response to a finding (agree, partly, disagree).
    Response,
    /// A remediation project added, changed, deleted or restored (`field: value`), or a
    /// gap put in one or taken out (the project's id).
    Project,
    /// A name this build does not know (a newer build's, kept as it was).
    Other(String),
}

impl Field {
    const NAMED: [(Field, &'static str); 34] = [
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
        (Field::Asset, "asset"),
        (Field::Flow, "flow"),
        (Field::Acceptance, "acceptance"),
        (Field::LikelihoodWhy, "likelihood_why"),
        (Field::ImpactWhy, "impact_why"),
        (Field::Response, "response"),
        (Field::Project, "project"),
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
    #[serde(deserialize_with = "crate::domain::dates::logged_time")]
    pub at: NaiveDateTime,
    pub by: String,
    pub id: String,
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// How the log spells a state: the stable name it is written with, and the label builds
/// before the names wrote (frozen here, still read: an older file keeps its meaning when a
/// label on screen is reworded).
trait Logged: Copy + Sized + 'static {
    /// Every value, for reading.
    const ALL: &'static [Self];
    fn spellings(self) -> (&'static str, &'static str);
    fn label(self) -> &'static str;

    fn name(self) -> String {
        self.spellings().0.to_string()
    }

    /// The value a logged text stands for: its stable name, or an older build's label.
    fn read(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| {
            let (name, old) = v.spellings();
            name == text || old == text
        })
    }
}

impl Logged for AnswerStatus {
    const ALL: &'static [AnswerStatus] = &[
        AnswerStatus::Unanswered,
        AnswerStatus::Yes,
        AnswerStatus::Partial,
        AnswerStatus::No,
        AnswerStatus::NotApplicable,
    ];

    fn spellings(self) -> (&'static str, &'static str) {
        match self {
            AnswerStatus::Unanswered => ("unanswered", "Unanswered"),
            AnswerStatus::Yes => ("yes", "Yes"),
            AnswerStatus::Partial => ("partial", "Partial"),
            AnswerStatus::No => ("no", "No"),
            AnswerStatus::NotApplicable => ("not_applicable", "N/A"),
        }
    }

    fn label(self) -> &'static str {
        AnswerStatus::label(self)
    }
}

impl Logged for RemediationStatus {
    const ALL: &'static [RemediationStatus] = &RemediationStatus::ALL;

    fn spellings(self) -> (&'static str, &'static str) {
        match self {
            RemediationStatus::Open => ("open", "Open"),
            RemediationStatus::InProgress => ("in_progress", "In progress"),
            RemediationStatus::Done => ("done", "Done"),
            RemediationStatus::RiskAccepted => ("risk_accepted", "Risk accepted"),
        }
    }

    fn label(self) -> &'static str {
        RemediationStatus::label(self)
    }
}

impl Logged for Treatment {
    const ALL: &'static [Treatment] = &Treatment::ALL;

    fn spellings(self) -> (&'static str, &'static str) {
        match self {
            Treatment::Mitigate => ("mitigate", "Mitigate"),
            Treatment::Accept => ("accept", "Accept"),
            Treatment::Transfer => ("transfer", "Transfer"),
            Treatment::Avoid => ("avoid", "Avoid"),
        }
    }

    fn label(self) -> &'static str {
        Treatment::label(self)
    }
}

/// A logged text in the screen's words when it spells a `T`, as written otherwise.
fn shown_as<T: Logged>(text: &str) -> String {
    T::read(text).map_or_else(|| text.to_string(), |v| v.label().to_string())
}

const CREATED: &str = "created: ";
const DELETED: &str = "deleted";
const RESTORED: &str = "restored: ";
/// How the log records a vendor's arrival (`vendor.rs` writes it).
pub const VENDOR_ADDED: &str = "added: ";

impl Change {
    /// The (old, new) texts an answer change is logged with.
    pub fn answer_values(old: AnswerStatus, new: AnswerStatus) -> (String, String) {
        (old.name(), new.name())
    }

    /// The (old, new) texts of a carried answer confirmed as it stands.
    pub fn verified_values(answer: AnswerStatus) -> (String, String) {
        Change::answer_values(answer, answer)
    }

    /// The (old, new) texts a remediation status change is logged with.
    pub fn status_values(old: RemediationStatus, new: RemediationStatus) -> (String, String) {
        (old.name(), new.name())
    }

    /// The (old, new) texts a register entry's treatment change is logged with.
    pub fn treatment_values(old: Treatment, new: Treatment) -> (String, String) {
        (old.name(), new.name())
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
        Some((Logged::read(&self.old)?, Logged::read(&self.new)?))
    }

    /// The remediation status before and after, when this change is a status change.
    pub fn status_change(&self) -> Option<(RemediationStatus, RemediationStatus)> {
        (self.field == Field::Status).then_some(())?;
        Some((Logged::read(&self.old)?, Logged::read(&self.new)?))
    }

    /// The (old, new) values in the screen's words: an answer, a status or a treatment by
    /// its label (whichever spelling the log holds), any other value as written.
    pub fn shown(&self) -> (String, String) {
        let show = match self.field {
            Field::Answer | Field::Verified => shown_as::<AnswerStatus>,
            Field::Status => shown_as::<RemediationStatus>,
            Field::Treatment => shown_as::<Treatment>,
            _ => str::to_string,
        };
        (show(&self.old), show(&self.new))
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

    /// True when this change put back an item deleted earlier (a register entry, a vendor):
    /// the item is the same one, so its gap keeps the day it first opened.
    pub fn restores(&self) -> bool {
        matches!(self.risk_event(), Some(RiskEvent::Restored))
            || (self.field == Field::Vendor && self.new.starts_with(RESTORED))
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
    fn the_log_writes_stable_names_and_shows_labels() {
        let c = change(
            Field::Status,
            Change::status_values(
                RemediationStatus::InProgress,
                RemediationStatus::RiskAccepted,
            ),
        );
        assert_eq!(
            (c.old.as_str(), c.new.as_str()),
            ("in_progress", "risk_accepted")
        );
        assert_eq!(c.shown(), ("In progress".into(), "Risk accepted".into()));
        let c = change(
            Field::Answer,
            Change::answer_values(AnswerStatus::Unanswered, AnswerStatus::NotApplicable),
        );
        assert_eq!(
            (c.old.as_str(), c.new.as_str()),
            ("unanswered", "not_applicable")
        );
        assert_eq!(c.shown(), ("Unanswered".into(), "N/A".into()));
        let c = change(
            Field::Treatment,
            Change::treatment_values(Treatment::Mitigate, Treatment::Transfer),
        );
        assert_eq!((c.old.as_str(), c.new.as_str()), ("mitigate", "transfer"));
        assert_eq!(c.shown(), ("Mitigate".into(), "Transfer".into()));
        let c = change(Field::Verified, Change::verified_values(AnswerStatus::Yes));
        assert_eq!(c.shown(), ("Yes".into(), "Yes".into()));
        fn snake_and_distinct<T: Logged>() {
            let names: std::collections::BTreeSet<String> =
                T::ALL.iter().map(|v| v.name()).collect();
            assert_eq!(names.len(), T::ALL.len());
            assert!(
                names
                    .iter()
                    .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            );
        }
        snake_and_distinct::<AnswerStatus>();
        snake_and_distinct::<RemediationStatus>();
        snake_and_distinct::<Treatment>();
        // Values that are not a state are shown as written.
        let c = change(Field::Verified, ("3x4".into(), "3x4".into()));
        assert_eq!(c.shown(), ("3x4".into(), "3x4".into()));
        let c = change(Field::Note, ("no".into(), "12 chars".into()));
        assert_eq!(c.shown(), ("no".into(), "12 chars".into()));
    }

    #[test]
    fn an_old_label_entry_and_a_new_name_entry_read_alike() {
        // The first two as builds before the stable names wrote them, the last two as now.
        let text = r#"[
            (at: "2026-11-02T09:00:00", by: "a", id: "X", field: "answer", old: "Unanswered", new: "N/A"),
            (at: "2026-11-02T09:00:00", by: "a", id: "X", field: "status", old: "In progress", new: "Risk accepted"),
            (at: "2026-11-02T09:00:00", by: "a", id: "X", field: "answer", old: "unanswered", new: "not_applicable"),
            (at: "2026-11-02T09:00:00", by: "a", id: "X", field: "status", old: "in_progress", new: "risk_accepted"),
        ]"#;
        let log: Vec<Change> = ron::from_str(text).unwrap();
        let (old, new) = (&log[..2], &log[2..]);
        for (o, n) in old.iter().zip(new) {
            assert_eq!(o.field, n.field);
            assert_eq!(o.answer_change(), n.answer_change());
            assert_eq!(o.status_change(), n.status_change());
            assert_eq!(o.closes_gap(), n.closes_gap());
            assert_eq!(o.shown(), n.shown());
        }
        use AnswerStatus::*;
        use RemediationStatus::*;
        assert_eq!(old[0].answer_change(), Some((Unanswered, NotApplicable)));
        assert_eq!(old[1].status_change(), Some((InProgress, RiskAccepted)));
        assert!(old[1].closes_gap());
        assert_eq!(
            old[1].shown(),
            ("In progress".into(), "Risk accepted".into())
        );
        // An old entry is kept as it was recorded: written back, it is the same text.
        let again: Vec<Change> = ron::from_str(&ron::to_string(&log).unwrap()).unwrap();
        assert_eq!(again, log);
        assert_eq!(again[1].old, "In progress");
        // A new entry is written with the names.
        let written = ron::to_string(&new[1]).unwrap();
        assert!(written.contains("\"in_progress\"") && written.contains("\"risk_accepted\""));
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

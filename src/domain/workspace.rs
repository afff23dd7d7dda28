//! One engagement: who is audited, the answers given, the remediation agreed, the risk register
//! and the log of every change. Plain data; saving and loading live in `store`.
//!
//! Here: the file format's types and the edits of answers and the engagement, each logged.
//! The other edits sit with their concept, as `impl Workspace`: a gap's remediation plan in
//! `remediation.rs`, the risk register's in `risk.rs`, evidence, requests and business
//! associates in `registry.rs`, meetings and decisions in `thread.rs`; the load-time checks
//! are in `problems.rs`.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::catalog::{BankInfo, Catalog};
pub use crate::domain::change::{Change, Field, RiskEvent};
pub use crate::domain::rating::Rating;
pub use crate::domain::status::{AnswerStatus, RemediationStatus, Treatment};

/// The file format this build writes. Older versions are migrated on load.
pub const FORMAT_VERSION: u32 = 6;

pub use crate::domain::evidence::EvidenceItem;
pub use crate::domain::inventory::{Asset, Flow};
pub use crate::domain::method::{Acceptance, Method};
pub use crate::domain::vendor::Vendor;

/// The answer to one question with its evidence, and who gave it when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub status: AnswerStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceItem>,
    /// Why the question does not apply (an N/A answer's justification).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The answer in the assessment this one was carried from; kept after re-verification,
    /// for the "since the last assessment" comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<AnswerStatus>,
    /// Carried from the last assessment and not confirmed or changed since.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverify: bool,
    /// The last assessment's note, kept apart from this year's observation (`note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_note: Option<crate::domain::lineage::EarlierNote>,
    #[serde(default)]
    pub by: String,
    #[serde(default, deserialize_with = "crate::domain::dates::logged_time_opt")]
    pub at: Option<NaiveDateTime>,
}

impl Answer {
    /// Nothing worth keeping: the answer is dropped from the file.
    pub(crate) fn is_empty(&self) -> bool {
        self.status == AnswerStatus::Unanswered
            && self.note.is_empty()
            && self.evidence.is_empty()
            && self.reason.is_empty()
            && self.previous.is_none()
            && !self.reverify
            && self.earlier_note.is_none()
    }
}

/// The plan to close one gap, kept by question id so that it survives answer changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: RemediationStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan: String,
    /// `None` takes the question's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Rating>,
    /// Who accepted the risk of the gap, when, why and until when (format 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    /// Management's response to the finding (format 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<crate::domain::response::Response>,
    /// The remediation project the gap belongs to, by id (format 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

impl Remediation {
    /// All defaults: the record is dropped from the file.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Remediation::default()
    }
}

/// One remediation project (format 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan: String,
}

/// One entry of the risk register: a threat exploiting a vulnerability of assets holding ePHI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RiskEntry {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub assets: Vec<String>,
    #[serde(default)]
    pub threat: String,
    #[serde(default)]
    pub vulnerability: String,
    #[serde(default)]
    pub controls: String,
    pub likelihood: Rating,
    pub impact: Rating,
    #[serde(default)]
    pub treatment: Treatment,
    #[serde(default)]
    pub rationale: String,
    #[serde(default)]
    pub links: Vec<String>,
    /// Likelihood and impact expected once the treatment is done (residual risk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_likelihood: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_impact: Option<Rating>,
    /// Carried from the last assessment: to be re-rated (cleared by the next edit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rerate: bool,
    /// Why the likelihood is what it is (format 4).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub likelihood_why: String,
    /// Why the impact is what it is (format 4).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub impact_why: String,
    /// Who accepted the risk, when, why and until when (format 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
}

pub use crate::domain::doc_control::Issued;

/// Who is audited, by whom, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    pub client: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub assessor: String,
    /// The assessing firm (the MSP), on the report's cover and sign-off (format 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub firm: String,
    /// Who was interviewed (names and roles, as written), for the report's methodology.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub interviewed: String,
    #[serde(default)]
    pub scope: String,
    pub started: Option<NaiveDate>,
    /// The last day of fieldwork, when it is over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<NaiveDate>,
    /// The assessor's role in the engagement and professional credentials, on the report's
    /// cover and signature block.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assessor_role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credentials: String,
    /// Document control: the version of the report being written (empty = a draft), the
    /// versions issued before it and who receives it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_version: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issued>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<String>,
}

pub use crate::domain::lineage::Previous;

/// A whole engagement as saved in one RON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub format_version: u32,
    pub bank: BankInfo,
    pub engagement: Engagement,
    /// Who is assessed and what services they run: scopes the bank (format 6). None in older
    /// files and until one is set: every question is in scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::domain::profile::Profile>,
    #[serde(default, deserialize_with = "unique_map")]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default, deserialize_with = "unique_map")]
    pub remediation: BTreeMap<String, Remediation>,
    #[serde(default)]
    pub risks: Vec<RiskEntry>,
    /// The business-associate register (format 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendors: Vec<Vendor>,
    /// The ePHI inventory (format 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// Flows of ePHI between assets and outside parties (format 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
    /// Remediation projects grouping gaps (format 5); members name theirs in `remediation`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// How the risk analysis is done: sources, scales, acceptance threshold (format 4).
    #[serde(default, skip_serializing_if = "Method::is_default")]
    pub method: Method,
    /// Items of the evidence request list the client has provided, by the item's key (its
    /// text in lower case, without a leading article), with the date it came (format 3).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub received: BTreeMap<String, NaiveDate>,
    #[serde(default)]
    pub log: Vec<Change>,
    /// The assessment this one was carried forward from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// The assessment this one was carried into (`new --from`): last year's file says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_into: Option<crate::domain::lineage::CarriedInto>,
    /// Review meetings, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<crate::domain::meeting::Meeting>,
    /// The threads of comments, decisions and risk acceptances kept with the gaps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<crate::domain::meeting::Decision>,
    /// Fields both sides of a merge changed differently, until someone resolves them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<crate::domain::conflict::Conflict>,
    /// How the board is sorted and filtered, so a reopened workspace looks the same.
    #[serde(default)]
    pub view: crate::domain::view::BoardView,
    /// What names this assessment outside the file (calendar event ids): set when it is
    /// created, kept when the client is renamed (format 4). Empty in older files: the
    /// client's name stands in until a rename, which records it here first.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
}

/// How the log shows a text that may hold PHI (notes, plans): its length only.
pub(crate) fn chars(s: &str) -> String {
    format!("{} chars", s.chars().count())
}

/// A map keyed by id that refuses an id given twice: a hand-edited or merged file must not
/// lose one of two entries silently.
fn unique_map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    use serde::de::{Error, MapAccess, Visitor};
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map keyed by question id")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(k) = m.next_key::<String>()? {
                if out.contains_key(&k) {
                    return Err(A::Error::custom(format!(
                        "the id \"{}\" appears twice",
                        crate::domain::text::clean_line(&k)
                    )));
                }
                let v = m.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

/// Who makes a change and when; passed in so that the domain never reads the clock.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub now: NaiveDateTime,
}

/// The engagement's details, for one generic setter.
#[derive(Debug, Clone, PartialEq)]
pub enum EngagementField {
    Client(String),
    Site(String),
    Scope(String),
    Assessor(String),
    Firm(String),
    Interviewed(String),
    Started(Option<NaiveDate>),
    Ended(Option<NaiveDate>),
    AssessorRole(String),
    Credentials(String),
    DocVersion(String),
    Issues(Vec<Issued>),
    Distribution(Vec<String>),
    /// The risk analysis's method (format 4): where the facts came from, the level risks
    /// may be accepted at, the five definitions of each scale (empty = SP 800-30's).
    Sources(String),
    Threshold(Option<crate::domain::scoring::RiskLevel>),
    LikelihoodScale(Vec<String>),
    ImpactScale(Vec<String>),
}

/// The remediation fields a gap carries, for one generic setter.
#[derive(Debug, Clone, PartialEq)]
pub enum RemediationField {
    Owner(String),
    Due(Option<NaiveDate>),
    Status(RemediationStatus),
    Plan(String),
    Likelihood(Option<Rating>),
    Impact(Option<Rating>),
}

impl Workspace {
    pub fn new(client: &str, assessor: &str, catalog: &Catalog, today: NaiveDate) -> Workspace {
        Workspace {
            format_version: FORMAT_VERSION,
            bank: catalog.info.clone(),
            engagement: Engagement {
                client: client.to_string(),
                assessor: assessor.to_string(),
                started: Some(today),
                ..Engagement::default()
            },
            profile: None,
            answers: BTreeMap::new(),
            remediation: BTreeMap::new(),
            risks: Vec::new(),
            vendors: Vec::new(),
            assets: Vec::new(),
            flows: Vec::new(),
            projects: Vec::new(),
            method: Method::default(),
            received: BTreeMap::new(),
            log: Vec::new(),
            previous: None,
            carried_into: None,
            meetings: Vec::new(),
            decisions: Vec::new(),
            conflicts: Vec::new(),
            view: crate::domain::view::BoardView::default(),
            uid: crate::domain::text::new_uid(client, assessor, today),
        }
    }

    /// The id calendar events carry: the stored one, else the client's name as it is now.
    pub fn calendar_uid(&self) -> String {
        if self.uid.is_empty() {
            crate::domain::text::slug(&self.engagement.client)
        } else {
            self.uid.clone()
        }
    }

    pub fn status(&self, id: &str) -> AnswerStatus {
        self.answers.get(id).map(|a| a.status).unwrap_or_default()
    }

    /// Carried from the last assessment and not answered again yet.
    pub fn to_reverify(&self, id: &str) -> bool {
        self.answers.get(id).is_some_and(|a| a.reverify)
    }

    pub fn note(&self, id: &str) -> &str {
        self.answers.get(id).map(|a| a.note.as_str()).unwrap_or("")
    }

    /// Appends to the change log; callers record only what changed.
    pub(crate) fn record_change(
        &mut self,
        actor: &Actor,
        id: &str,
        field: Field,
        values: (String, String),
    ) {
        self.record(actor, id, field, values);
    }

    fn record(&mut self, actor: &Actor, id: &str, field: Field, (old, new): (String, String)) {
        self.log.push(Change {
            at: actor.now,
            by: actor.name.clone(),
            id: id.to_string(),
            field,
            old,
            new,
        });
    }

    /// Records an answer; returns false when nothing changed.
    pub fn set_answer(&mut self, id: &str, status: AnswerStatus, actor: &Actor) -> bool {
        let old = self.status(id);
        let carried = self.to_reverify(id);
        if old == status && !carried {
            return false;
        }
        let a = self.answers.entry(id.to_string()).or_default();
        a.reverify = false;
        if old == status {
            // The carried answer is confirmed as it stands.
            a.by = actor.name.clone();
            a.at = Some(actor.now);
            self.record(actor, id, Field::Verified, Change::verified_values(status));
            return true;
        }
        a.status = status;
        a.by = actor.name.clone();
        a.at = Some(actor.now);
        if a.is_empty() {
            self.answers.remove(id);
        }
        self.record(actor, id, Field::Answer, Change::answer_values(old, status));
        // A finding that comes back must not look fixed: closed remediation reopens.
        if status.is_gap() && !old.is_gap() && self.remediation(id).status.is_closed() {
            self.set_remediation(id, RemediationField::Status(RemediationStatus::Open), actor);
        }
        true
    }

    /// Replaces the evidence note; returns false when nothing changed.
    pub fn set_note(&mut self, id: &str, note: &str, actor: &Actor) -> bool {
        let old = self.note(id).to_string();
        if old == note {
            return false;
        }
        let a = self.answers.entry(id.to_string()).or_default();
        a.note = note.to_string();
        if a.is_empty() {
            self.answers.remove(id);
        }
        // The log keeps that the note changed, not its text: notes may hold PHI.
        self.record(actor, id, Field::Note, (chars(&old), chars(note)));
        true
    }

    /// Why the question does not apply; returns false when nothing changed.
    pub fn set_reason(&mut self, id: &str, reason: &str, actor: &Actor) -> bool {
        let reason = reason.trim();
        let old = self.reason(id).to_string();
        if old == reason {
            return false;
        }
        let a = self.answers.entry(id.to_string()).or_default();
        a.reason = reason.to_string();
        if a.is_empty() {
            self.answers.remove(id);
        }
        self.record(actor, id, Field::Reason, (chars(&old), chars(reason)));
        true
    }

    pub fn reason(&self, id: &str) -> &str {
        self.answers
            .get(id)
            .map(|a| a.reason.as_str())
            .unwrap_or("")
    }

    /// Changes one engagement detail; returns false when nothing changed.
    pub fn set_engagement(&mut self, field: EngagementField, actor: &Actor) -> bool {
        // A renamed client keeps its calendar: an older file records the id it had first.
        if matches!(&field, EngagementField::Client(v) if *v != self.engagement.client)
            && self.uid.is_empty()
        {
            self.uid = crate::domain::text::slug(&self.engagement.client);
        }
        let e = &mut self.engagement;
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let (name, old, new) = match field {
            EngagementField::Client(v) => {
                ("client", std::mem::replace(&mut e.client, v.clone()), v)
            }
            EngagementField::Site(v) => ("site", std::mem::replace(&mut e.site, v.clone()), v),
            EngagementField::Scope(v) => ("scope", std::mem::replace(&mut e.scope, v.clone()), v),
            EngagementField::Assessor(v) => {
                ("assessor", std::mem::replace(&mut e.assessor, v.clone()), v)
            }
            EngagementField::Firm(v) => ("firm", std::mem::replace(&mut e.firm, v.clone()), v),
            EngagementField::Interviewed(v) => (
                "interviewed",
                std::mem::replace(&mut e.interviewed, v.clone()),
                v,
            ),
            EngagementField::Started(v) => (
                "started",
                date(std::mem::replace(&mut e.started, v)),
                date(v),
            ),
            EngagementField::Ended(v) => {
                ("ended", date(std::mem::replace(&mut e.ended, v)), date(v))
            }
            EngagementField::AssessorRole(v) => (
                "assessor_role",
                std::mem::replace(&mut e.assessor_role, v.clone()),
                v,
            ),
            EngagementField::Credentials(v) => (
                "credentials",
                std::mem::replace(&mut e.credentials, v.clone()),
                v,
            ),
            EngagementField::DocVersion(v) => (
                "doc_version",
                std::mem::replace(&mut e.doc_version, v.clone()),
                v,
            ),
            EngagementField::Issues(v) => {
                let new = Issued::list(&v);
                (
                    "issues",
                    Issued::list(&std::mem::replace(&mut e.issues, v)),
                    new,
                )
            }
            EngagementField::Distribution(v) => (
                "distribution",
                std::mem::replace(&mut e.distribution, v.clone()).join("; "),
                v.join("; "),
            ),
            EngagementField::Sources(v) => (
                "sources",
                std::mem::replace(&mut self.method.sources, v.clone()),
                v,
            ),
            EngagementField::Threshold(v) => {
                let shown = |l: Option<crate::domain::scoring::RiskLevel>| {
                    l.map(|l| l.label().to_string()).unwrap_or_default()
                };
                (
                    "threshold",
                    shown(std::mem::replace(&mut self.method.threshold, v)),
                    shown(v),
                )
            }
            EngagementField::LikelihoodScale(v) => (
                "likelihood_scale",
                std::mem::replace(&mut self.method.likelihood_scale, v.clone()).join(" | "),
                v.join(" | "),
            ),
            EngagementField::ImpactScale(v) => (
                "impact_scale",
                std::mem::replace(&mut self.method.impact_scale, v.clone()).join(" | "),
                v.join(" | "),
            ),
        };
        if old == new {
            return false;
        }
        self.record(
            actor,
            "engagement",
            Field::Engagement,
            (format!("{name}: {old}"), format!("{name}: {new}")),
        );
        true
    }
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;

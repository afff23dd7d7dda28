//! The edits that record review meetings and the threads of decisions kept with the gaps.
//! (The types are in `meeting`, which knows nothing of the workspace.)
use chrono::NaiveDate;

use crate::domain::change::Field;
use crate::domain::meeting::{Attendee, Decision, DecisionKind, Meeting};
use crate::domain::method::Acceptance;
use crate::domain::response::Response;
use crate::domain::status::{RemediationStatus, Treatment};
use crate::domain::workspace::{Actor, RemediationField, Workspace};

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
            earlier: false,
        });
        self.record_change(actor, &id, Field::Meeting, (String::new(), shown));
        id
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// This assessment's meetings: those carried from the previous one (with the threads of
    /// its open gaps) are not this year's minutes.
    pub fn own_meetings(&self) -> impl Iterator<Item = &Meeting> {
        self.meetings.iter().filter(|m| !m.earlier)
    }

    /// This assessment's thread entries: not those carried from the previous one, nor those
    /// recorded in one of its meetings.
    pub fn own_decisions(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(|d| {
            !d.earlier
                && !d
                    .meeting
                    .as_deref()
                    .and_then(|id| self.meeting(id))
                    .is_some_and(|m| m.earlier)
        })
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

    /// Records that `who` accepts the risk of a gap, with today's date and nothing else;
    /// false when it was already accepted. `accept` takes the whole acceptance.
    pub fn accept_risk(
        &mut self,
        gap: &str,
        who: &Attendee,
        meeting: Option<String>,
        actor: &Actor,
    ) -> bool {
        let a = Acceptance {
            by: who.name.clone(),
            role: who.role.clone(),
            date: Some(actor.now.date()),
            ..Acceptance::default()
        };
        self.accept(gap, a, meeting, actor)
    }

    /// Accepts the risk of a gap or a register entry in one step (it never passes through
    /// Done): the acceptance is kept with the gap's remediation (status Risk accepted) or the
    /// entry (treatment Accept), and the thread records who accepted it. False when the
    /// same acceptance is already on record.
    pub fn accept(
        &mut self,
        gap: &str,
        a: Acceptance,
        meeting: Option<String>,
        actor: &Actor,
    ) -> bool {
        let shown = |a: &Acceptance| {
            format!(
                "{} ({}) on {}, review by {}",
                a.by,
                a.role,
                a.date.map(|d| d.to_string()).unwrap_or_default(),
                a.review_by.map(|d| d.to_string()).unwrap_or_default()
            )
        };
        if let Some(i) = self.risks.iter().position(|r| r.id == gap) {
            let old = self.risks[i].clone();
            if old.acceptance.as_ref() == Some(&a) && old.treatment == Treatment::Accept {
                return false;
            }
            let mut e = old.clone();
            e.treatment = Treatment::Accept;
            e.acceptance = Some(a.clone());
            self.update_risk(e, actor);
            let before = old.acceptance.as_ref().map(shown).unwrap_or_default();
            self.record_change(actor, gap, Field::Acceptance, (before, shown(&a)));
        } else {
            let r = self.remediation(gap);
            if r.status == RemediationStatus::RiskAccepted && r.acceptance.as_ref() == Some(&a) {
                return false;
            }
            let before = r.acceptance.as_ref().map(shown).unwrap_or_default();
            self.remediation
                .entry(gap.to_string())
                .or_default()
                .acceptance = Some(a.clone());
            self.record_change(actor, gap, Field::Acceptance, (before, shown(&a)));
            self.set_remediation(
                gap,
                RemediationField::Status(RemediationStatus::RiskAccepted),
                actor,
            );
        }
        let text = if a.rationale.trim().is_empty() {
            format!("Risk accepted by {} ({})", a.by, a.role)
        } else {
            format!(
                "Risk accepted by {} ({}): {}",
                a.by,
                a.role,
                a.rationale.trim()
            )
        };
        self.add_decision(
            Decision {
                gap: gap.to_string(),
                at: actor.now,
                by: a.by.clone(),
                role: a.role.clone(),
                text,
                kind: DecisionKind::RiskAcceptance,
                meeting,
                earlier: false,
            },
            actor,
        );
        true
    }
}

impl Workspace {
    /// Records management's response to a finding (kept under the lead gap's id) and adds it
    /// to the gap's thread with the meeting it was given in. False when the same response is
    /// already on record.
    pub fn set_response(
        &mut self,
        gap: &str,
        response: Response,
        meeting: Option<String>,
        actor: &Actor,
    ) -> bool {
        let old = self.remediation(gap).response;
        if old.as_ref() == Some(&response) {
            return false;
        }
        let shown =
            |r: &Response| format!("{} ({} chars)", r.stance.word(), r.text.chars().count());
        let before = old.as_ref().map(shown).unwrap_or_default();
        self.remediation
            .entry(gap.to_string())
            .or_default()
            .response = Some(response.clone());
        self.record_change(actor, gap, Field::Response, (before, shown(&response)));
        let by = if response.by.is_empty() {
            actor.name.clone()
        } else {
            response.by.clone()
        };
        // The minutes name the speaker's role as for every other entry: the meeting's
        // attendee of that name says it (found in review: responses stood without one).
        let role = meeting
            .as_deref()
            .and_then(|m| self.meetings.iter().find(|x| x.id == m))
            .and_then(|m| {
                m.attendees
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&by))
            })
            .map(|a| a.role.clone())
            .unwrap_or_default();
        self.add_decision(
            Decision {
                gap: gap.to_string(),
                at: actor.now,
                by,
                role,
                // The thread names who and when already.
                text: if response.text.is_empty() {
                    format!("Management response: {}", response.stance.label())
                } else {
                    format!(
                        "Management response: {}: {}",
                        response.stance.label(),
                        response.text
                    )
                },
                kind: DecisionKind::Comment,
                meeting,
                earlier: false,
            },
            actor,
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::meeting::{parse_attendees, parse_person};

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
        assert_eq!(
            fields,
            [
                &Field::Meeting,
                &Field::Acceptance,
                &Field::Status,
                &Field::Decision
            ]
        );
        let a = w.remediation("X-1").acceptance.unwrap();
        assert_eq!((a.by.as_str(), a.role.as_str()), ("Dana", "manager"));
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn a_response_is_kept_logged_and_threaded_once() {
        let c = crate::domain::catalog::Catalog::builtin();
        let mut w = Workspace::new("c", "a", c, day());
        let actor = Actor {
            name: "Jordan".into(),
            now: day().and_hms_opt(10, 0, 0).unwrap(),
        };
        let r = crate::domain::response::Response::parse("Dana: agree: will do by March", day())
            .unwrap();
        assert!(w.set_response("ADM-BA-02", r.clone(), Some("M-1".into()), &actor));
        assert!(!w.set_response("ADM-BA-02", r.clone(), Some("M-1".into()), &actor));
        assert_eq!(w.remediation("ADM-BA-02").response, Some(r));
        let thread: Vec<_> = w.decisions_on("ADM-BA-02").collect();
        assert_eq!(thread.len(), 1);
        assert!(
            thread[0]
                .text
                .starts_with("Management response: Agrees: will do by March")
        );
        assert_eq!(thread[0].meeting.as_deref(), Some("M-1"));
        assert_eq!(
            w.log.iter().filter(|c| c.field == Field::Response).count(),
            1
        );
    }
}

//! The edits that record review meetings and the threads of decisions kept with the gaps.
//! (The types are in `meeting`, which knows nothing of the workspace.)
use chrono::NaiveDate;

use crate::domain::change::Field;
use crate::domain::meeting::{Attendee, Decision, DecisionKind, Meeting};
use crate::domain::status::RemediationStatus;
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
        assert_eq!(fields, [&Field::Meeting, &Field::Decision, &Field::Status]);
    }
}

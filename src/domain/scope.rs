//! The engagement's scope: the bank as the workspace's profile fits it, the answers it keeps
//! aside while their questions are out of scope, and the logged change of the profile.

use crate::domain::catalog::Catalog;
use crate::domain::profile::Profile;
use crate::domain::workspace::{Actor, Field, Workspace};

impl Workspace {
    /// The built-in bank scoped to this engagement's profile (the whole bank without one).
    pub fn catalog(&self) -> &'static Catalog {
        Catalog::scoped(self.profile.as_ref())
    }

    /// Answer ids the bank does not know (retired or from a newer bank): kept, never dropped.
    /// A question the profile leaves out is not retired: it is known, only set aside.
    pub fn retired_ids<'a>(&'a self, catalog: &'a Catalog) -> impl Iterator<Item = &'a str> {
        self.answers
            .keys()
            .chain(self.remediation.keys())
            .filter(|id| {
                is_question_id(id)
                    && catalog.get(id).is_none()
                    && !catalog.is_out_of_scope(id)
                    && !self.risks.iter().any(|r| &r.id == *id)
                    && self.vendor(id).is_none()
            })
            .map(String::as_str)
    }

    /// Answered questions the profile sets aside: kept in the file, back when it changes.
    pub fn set_aside_ids<'a>(&'a self, catalog: &'a Catalog) -> impl Iterator<Item = &'a str> {
        self.answers
            .keys()
            .filter(|id| catalog.is_out_of_scope(id))
            .map(String::as_str)
    }

    /// Sets the profile, logged as an engagement change. Never touches an answer, a note, an
    /// evidence item or a remediation: out-of-scope answers wait in the file. False when
    /// nothing changed.
    pub fn set_profile(&mut self, profile: Profile, actor: &Actor) -> bool {
        if self.profile.as_ref() == Some(&profile) {
            return false;
        }
        let old = self
            .profile
            .as_ref()
            .map_or_else(|| "none (every question)".to_string(), Profile::describe);
        let new = profile.describe();
        self.profile = Some(profile);
        self.record_change(
            actor,
            "engagement",
            Field::Engagement,
            (format!("profile: {old}"), format!("profile: {new}")),
        );
        true
    }
}

/// Whether `id` is shaped like a question of a bank (`ADM-BA-02`: letters, letters,
/// digits). A deleted register entry's or vendor's remediation record (`R-01`, `BA-03`) is
/// no answer to a retired question (found by attack: check and the report said it was).
fn is_question_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() == 3
        && parts[..2]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphabetic()))
        && !parts[2].is_empty()
        && parts[2].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gaps;
    use crate::domain::workspace::AnswerStatus;
    use chrono::NaiveDate;

    fn actor() -> Actor {
        Actor {
            name: "t".into(),
            now: NaiveDate::from_ymd_opt(2026, 12, 7)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        }
    }

    /// The built-in bank with a Part 2 condition on its first two questions.
    fn bank() -> Catalog {
        let b = Catalog::builtin();
        let mut qs = b.questions.clone();
        qs[0].applies = "service:part2".into();
        qs[1].applies = "entity:business-associate or entity:msp".into();
        Catalog::new(b.info.clone(), qs)
    }

    #[test]
    fn a_profile_sets_questions_aside_with_a_reason_and_keeps_their_answers() {
        let whole = bank();
        let always = whole.questions[2..].iter().find(|q| q.applies.is_empty());
        let (a, b, c) = (
            whole.questions[0].id.clone(),
            whole.questions[1].id.clone(),
            always.unwrap().id.clone(),
        );
        let mut ws = Workspace::new("Clinic", "Ana", &whole, actor().now.date());
        for id in [&a, &b, &c] {
            ws.set_answer(id, AnswerStatus::No, &actor());
            ws.set_note(id, "seen on site", &actor());
        }
        let before = ws.answers.clone();
        let p = Profile::parse_list("entity=provider").unwrap();
        assert!(ws.set_profile(p.clone(), &actor()));
        let scoped = whole.scope_to(&p);
        let out: Vec<&str> = scoped.out_of_scope.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(scoped.questions.len(), whole.questions.len() - out.len());
        assert_eq!(out[..2], [a.as_str(), b.as_str()]);
        assert!(!out.contains(&c.as_str()));
        assert!(
            scoped.out_of_scope[0].reason.contains("Part 2"),
            "{:?}",
            scoped.out_of_scope[0]
        );
        // Off the board, not retired, answers untouched.
        let ids: Vec<String> = gaps::derive(&scoped, &ws)
            .into_iter()
            .map(|g| g.id)
            .collect();
        assert_eq!(ids, std::slice::from_ref(&c));
        assert_eq!(ws.retired_ids(&scoped).count(), 0);
        assert_eq!(
            ws.set_aside_ids(&scoped).collect::<Vec<_>>(),
            [a.as_str(), b.as_str()]
        );
        assert_eq!(ws.answers, before);
        // The service added back: the Part 2 question and its gap return as they were.
        let mut p2 = p.clone();
        p2.set("service=part2").unwrap();
        assert!(ws.set_profile(p2.clone(), &actor()));
        let back = whole.scope_to(&p2);
        let ids: Vec<String> = gaps::derive(&back, &ws).into_iter().map(|g| g.id).collect();
        assert_eq!(ids, [a.clone(), c.clone()]);
        assert_eq!(ws.answers, before);
        // Logged as an engagement change; setting the same profile again changes nothing.
        assert!(ws.log.iter().any(|l| l.new.starts_with("profile: ")));
        assert!(!ws.set_profile(p2, &actor()));
    }

    #[test]
    fn no_profile_is_the_whole_bank_and_each_profile_is_scoped_once() {
        assert!(std::ptr::eq(Catalog::scoped(None), Catalog::builtin()));
        let p = Profile::parse_list("entity=plan,services=research").unwrap();
        assert!(std::ptr::eq(
            Catalog::scoped(Some(&p)),
            Catalog::scoped(Some(&p.clone()))
        ));
        let ws = Workspace::new("Clinic", "Ana", Catalog::builtin(), actor().now.date());
        assert!(std::ptr::eq(ws.catalog(), Catalog::builtin()));
    }
}

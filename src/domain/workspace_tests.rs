//! The workspace's own edits: answers, notes, the engagement, the log.
use super::*;

fn actor() -> Actor {
    Actor {
        name: "ana".into(),
        now: NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    }
}

fn ws() -> Workspace {
    Workspace::new(
        "Clinic",
        "Ana",
        Catalog::builtin(),
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    )
}

#[test]
fn answering_records_who_and_when_and_logs_it() {
    let mut w = ws();
    assert!(w.set_answer("PRV-UD-01", AnswerStatus::No, &actor()));
    let a = &w.answers["PRV-UD-01"];
    assert_eq!((a.status, a.by.as_str()), (AnswerStatus::No, "ana"));
    assert_eq!(a.at, Some(actor().now));
    assert_eq!(w.log.len(), 1);
    assert_eq!(w.log[0].new, "no", "the stable name, not the label");
    assert!(
        !w.set_answer("PRV-UD-01", AnswerStatus::No, &actor()),
        "no-op"
    );
    assert_eq!(w.log.len(), 1);
}

#[test]
fn clearing_an_answer_keeps_its_note() {
    let mut w = ws();
    w.set_answer("X", AnswerStatus::Yes, &actor());
    w.set_note("X", "seen the policy", &actor());
    w.set_answer("X", AnswerStatus::Unanswered, &actor());
    assert_eq!(w.note("X"), "seen the policy");
    w.set_note("X", "", &actor());
    assert!(
        !w.answers.contains_key("X"),
        "an empty answer is not stored"
    );
}

#[test]
fn remediation_survives_answer_changes() {
    let mut w = ws();
    w.set_answer("X", AnswerStatus::No, &actor());
    w.set_remediation("X", RemediationField::Owner("  Bo ".into()), &actor());
    w.set_answer("X", AnswerStatus::Yes, &actor());
    w.set_answer("X", AnswerStatus::Partial, &actor());
    assert_eq!(w.remediation("X").owner, "Bo");
    assert_eq!(w.owners(), vec!["Bo".to_string()]);
}

#[test]
fn notes_and_plans_are_logged_without_their_text() {
    let mut w = ws();
    w.set_note("X", "patient John Doe", &actor());
    w.set_remediation("X", RemediationField::Plan("call John".into()), &actor());
    let log = format!("{:?}", w.log);
    assert!(!log.contains("John"), "{log}");
}

#[test]
fn a_note_or_plan_rewritten_to_the_same_length_is_still_logged() {
    let mut w = ws();
    assert!(w.set_note("X", "cat", &actor()));
    assert!(w.set_note("X", "dog", &actor()));
    assert!(w.set_remediation("X", RemediationField::Plan("abc".into()), &actor()));
    assert!(w.set_remediation("X", RemediationField::Plan("xyz".into()), &actor()));
    assert!(!w.set_remediation("X", RemediationField::Plan("xyz".into()), &actor()));
    let fields: Vec<&Field> = w.log.iter().map(|c| &c.field).collect();
    assert_eq!(
        fields,
        [&Field::Note, &Field::Note, &Field::Plan, &Field::Plan]
    );
    assert_eq!(w.log[1].old, "3 chars");
}

#[test]
fn a_gap_that_comes_back_reopens_its_closed_remediation() {
    let mut w = ws();
    w.set_answer("X", AnswerStatus::No, &actor());
    w.set_remediation(
        "X",
        RemediationField::Status(RemediationStatus::Done),
        &actor(),
    );
    w.set_answer("X", AnswerStatus::Yes, &actor());
    assert_eq!(w.remediation("X").status, RemediationStatus::Done);
    w.set_answer("X", AnswerStatus::No, &actor());
    assert_eq!(w.remediation("X").status, RemediationStatus::Open);
    assert_eq!(w.log.last().unwrap().field, Field::Status);
    // Partial to No is the same gap: its status stands.
    w.set_remediation(
        "X",
        RemediationField::Status(RemediationStatus::RiskAccepted),
        &actor(),
    );
    w.set_answer("X", AnswerStatus::Partial, &actor());
    assert_eq!(w.remediation("X").status, RemediationStatus::RiskAccepted);
}

#[test]
fn status_cycles_through_all_four() {
    let mut s = RemediationStatus::Open;
    let mut seen = vec![s];
    for _ in 0..3 {
        s = s.next();
        seen.push(s);
    }
    assert_eq!(seen, RemediationStatus::ALL.to_vec());
    assert_eq!(s.next(), RemediationStatus::Open);
}

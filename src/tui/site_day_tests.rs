//! Update-function tests of a day on site and a review meeting: finding the work left, N/A
//! with a reason, the remediation and engagement forms, marks, meetings, the resume place.

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::catalog::{Area, Catalog};
use crate::domain::meeting::DecisionKind;
use crate::domain::workspace::{AnswerStatus, RemediationStatus};
use crate::tui::app::{App, Effect, Tab};
use crate::tui::overlays::form::{EngagementFormField, GapField};
use crate::tui::state::{Focus, Mode, PromptKind};
use crate::tui::test_support::{app, code, enter, k, today, typed};

fn current_id(a: &App) -> String {
    a.doc.catalog.questions[a.current_question().unwrap()]
        .id
        .clone()
}
fn prompt_kind(a: &App) -> Option<PromptKind> {
    match &a.mode {
        Mode::Prompt(p) => Some(p.kind.clone()),
        _ => None,
    }
}

#[test]
fn bracket_finds_the_next_unanswered_question_across_sections_and_tabs_and_wraps() {
    let mut a = app();
    let secs = a.audit.sections_of(Area::Privacy).to_vec();
    // The whole first section and the first question of the second are answered.
    let mut done: Vec<usize> = secs[0].questions.clone();
    done.push(secs[1].questions[0]);
    let actor = a.actor();
    for q in done {
        let id = a.doc.catalog.questions[q].id.clone();
        a.doc.ws.set_answer(&id, AnswerStatus::Yes, &actor);
    }
    a.doc.touch();
    let second_section = secs[1].name.clone();
    a.update(k(']'));
    let here = a.current_question().unwrap();
    assert_eq!(a.doc.catalog.questions[here].section, second_section);
    assert_eq!(here, secs[1].questions[1], "across the section boundary");
    assert_eq!(a.doc.ws.status(&current_id(&a)), AnswerStatus::Unanswered);
    assert!(a.message.as_deref().unwrap().contains("left to answer"));
    // [ from there wraps backwards to the last question of the bank (Risk tab).
    a.update(k('['));
    assert_eq!(a.tab, Tab::Audit(Area::Risk));
    assert!(a.message.as_deref().unwrap().contains("wrapped"));
    // From the dashboard, ] starts at the beginning of the bank.
    a.update(k('1'));
    a.update(k(']'));
    assert_eq!(a.tab, Tab::Audit(Area::Privacy));
    assert_eq!(a.audit.view(Area::Privacy).section, 1);
}

#[test]
fn bracket_says_so_when_nothing_is_left() {
    let mut a = app();
    let ids: Vec<String> = a
        .doc
        .catalog
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let actor = a.actor();
    for id in &ids {
        a.doc.ws.set_answer(id, AnswerStatus::Yes, &actor);
    }
    a.doc.touch();
    a.update(k(']'));
    assert_eq!(a.message.as_deref(), Some("every question is answered"));
}

#[test]
fn x_asks_why_and_offers_the_sections_last_reason() {
    let mut a = app();
    let first = current_id(&a);
    a.update(k('x'));
    assert_eq!(a.doc.ws.status(&first), AnswerStatus::NotApplicable);
    assert_eq!(prompt_kind(&a), Some(PromptKind::NaReason));
    typed(&mut a, "No paper records");
    enter(&mut a);
    assert_eq!(a.doc.ws.reason(&first), "No paper records");
    // The next N/A in the section offers the same reason: x Enter repeats it.
    let second = current_id(&a);
    a.update(k('x'));
    enter(&mut a);
    assert_eq!(a.doc.ws.reason(&second), "No paper records");
    // Esc keeps N/A without a reason.
    let third = current_id(&a);
    a.update(k('x'));
    a.update(code(KeyCode::Esc));
    assert_eq!(a.doc.ws.status(&third), AnswerStatus::NotApplicable);
    assert_eq!(a.doc.ws.reason(&third), "");
    assert!(a.message.as_deref().unwrap().contains("no reason"));
}

#[test]
fn answer_keys_on_the_sections_pane_never_answer_a_hidden_question() {
    let mut a = app();
    a.update(k('h'));
    let under = current_id(&a);
    for key in ['y', 'n', 'p', 'u'] {
        a.update(k('h'));
        a.update(k(key));
        assert_eq!(a.doc.ws.status(&under), AnswerStatus::Unanswered, "{key}");
        assert_eq!(a.audit.view(Area::Privacy).focus, Focus::Questions);
    }
    assert!(a.doc.ws.log.is_empty());
}

#[test]
fn x_on_the_sections_pane_marks_the_unanswered_questions_na_with_one_reason() {
    let mut a = app();
    let section = a.audit.sections_of(Area::Privacy)[0].clone();
    a.update(k('y'));
    a.update(k('h'));
    a.update(k('x'));
    let Some(PromptKind::SectionNa { ids, .. }) = prompt_kind(&a) else {
        panic!("no section prompt")
    };
    assert_eq!(
        ids.len(),
        section.questions.len() - 1,
        "the answered one is kept"
    );
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Prompt(_)), "a reason is required");
    typed(&mut a, "The clinic has no workforce under 18");
    enter(&mut a);
    let statuses: Vec<AnswerStatus> = section
        .questions
        .iter()
        .map(|&q| a.doc.ws.status(&a.doc.catalog.questions[q].id))
        .collect();
    assert_eq!(statuses[0], AnswerStatus::Yes);
    assert!(
        statuses[1..]
            .iter()
            .all(|s| *s == AnswerStatus::NotApplicable)
    );
    let last = &a.doc.catalog.questions[*section.questions.last().unwrap()].id;
    assert_eq!(
        a.doc.ws.reason(last),
        "The clinic has no workforce under 18"
    );
    // Esc on that prompt changes nothing.
    let mut b = app();
    b.update(k('h'));
    b.update(k('x'));
    b.update(code(KeyCode::Esc));
    assert!(b.doc.ws.answers.is_empty());
}

fn on_a_gap() -> App {
    let mut a = app();
    a.update(k('n'));
    a.update(k('k'));
    a
}

#[test]
fn the_remediation_form_pre_fills_the_plan_and_saves_every_field() {
    let mut a = on_a_gap();
    let id = current_id(&a);
    let suggested = a.doc.catalog.get(&id).unwrap().remediation.clone();
    a.update(k('w'));
    let Mode::Form(f) = &a.mode else {
        panic!("no form")
    };
    assert_eq!(f.get(GapField::Plan), suggested.replace('\n', " ⏎ ").trim());
    typed(&mut a, "Dana");
    a.update(code(KeyCode::Tab));
    typed(&mut a, "+2w");
    a.update(code(KeyCode::Tab));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "in progress");
    enter(&mut a);
    let r = a.doc.ws.remediation(&id);
    assert_eq!(r.owner, "Dana");
    assert_eq!(r.due, Some(today() + chrono::Duration::weeks(2)));
    assert_eq!(r.status, RemediationStatus::InProgress);
    assert_eq!(
        r.plan,
        suggested.trim(),
        "accepting the suggestion is one key"
    );
    assert!(matches!(a.mode, Mode::Normal));
}

#[test]
fn the_remediation_form_refuses_bad_fields_and_keeps_the_rest() {
    let mut a = on_a_gap();
    let id = current_id(&a);
    a.update(k('w'));
    a.update(code(KeyCode::Tab));
    typed(&mut a, "next tuesday");
    enter(&mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("the form closed on a bad date")
    };
    assert_eq!(f.focused(), Some(GapField::Due));
    assert!(f.error.is_some());
    assert_eq!(a.doc.ws.remediation(&id).plan, "", "nothing applied");
    a.update(code(KeyCode::Esc));
    assert!(matches!(a.mode, Mode::Normal));
}

#[test]
fn accepting_in_the_form_asks_who_accepts() {
    let mut a = on_a_gap();
    let id = current_id(&a);
    a.update(k('w'));
    a.update(code(KeyCode::Tab));
    a.update(code(KeyCode::Tab));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "accepted");
    enter(&mut a);
    assert!(accepting(&a));
    assert_ne!(
        a.doc.ws.remediation(&id).status,
        RemediationStatus::RiskAccepted
    );
    typed(&mut a, "Dr. Nair");
    a.update(code(KeyCode::Tab));
    typed(&mut a, "practice owner");
    a.update(code(KeyCode::Tab));
    a.update(code(KeyCode::Tab));
    typed(&mut a, "paper charts leave the building in March");
    enter(&mut a);
    assert_eq!(
        a.doc.ws.remediation(&id).status,
        RemediationStatus::RiskAccepted
    );
    let d = a.doc.ws.decisions_on(&id).next().unwrap();
    assert_eq!(d.kind, DecisionKind::RiskAcceptance);
    assert_eq!(
        (d.by.as_str(), d.role.as_str()),
        ("Dr. Nair", "practice owner")
    );
    let acc = a.doc.ws.remediation(&id).acceptance.unwrap();
    assert_eq!(acc.rationale, "paper charts leave the building in March");
    assert_eq!(acc.date, Some(a.doc.today));
    assert_eq!(
        acc.review_by,
        a.doc.today.checked_add_months(chrono::Months::new(12)),
        "+1y is offered"
    );
}

fn accepting(a: &App) -> bool {
    matches!(&a.mode, Mode::Form(f) if matches!(f.kind, crate::tui::state::FormKind::Accept(_)))
}

#[test]
fn declining_an_acceptance_changes_nothing_and_s_then_moves_on() {
    let mut a = on_a_gap();
    let id = current_id(&a);
    for _ in 0..3 {
        a.update(k('s'));
    }
    assert!(accepting(&a));
    a.update(code(KeyCode::Esc));
    assert_eq!(a.doc.ws.remediation(&id).status, RemediationStatus::Done);
    a.update(k('s'));
    assert_eq!(a.doc.ws.remediation(&id).status, RemediationStatus::Open);
}

#[test]
fn the_engagement_form_edits_details_and_checks_dates() {
    let mut a = app();
    a.update(k('i'));
    assert!(matches!(a.mode, Mode::Form(_)));
    a.update(code(KeyCode::Tab));
    typed(&mut a, "2 Main St; 9 Oak Ave");
    for _ in 0..3 {
        a.update(code(KeyCode::Tab));
    }
    typed(&mut a, "Northwind IT");
    a.update(code(KeyCode::Tab));
    typed(&mut a, "Dana Whitfield, privacy officer");
    for _ in 0..2 {
        a.update(code(KeyCode::Tab));
    }
    typed(&mut a, "2026-11-01");
    enter(&mut a);
    assert!(
        matches!(&a.mode, Mode::Form(f) if f.focused() == Some(EngagementFormField::Ended)),
        "an end before the start is refused"
    );
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "2026-11-30");
    enter(&mut a);
    assert_eq!(a.doc.ws.engagement.site, "2 Main St; 9 Oak Ave");
    assert_eq!(a.doc.ws.engagement.firm, "Northwind IT");
    assert_eq!(
        a.doc.ws.engagement.interviewed,
        "Dana Whitfield, privacy officer"
    );
    assert_eq!(
        a.doc.ws.engagement.ended,
        NaiveDate::from_ymd_opt(2026, 11, 30)
    );
    // An empty client is refused.
    a.update(k('i'));
    a.update(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    enter(&mut a);
    assert!(matches!(&a.mode, Mode::Form(f) if f.error.is_some()));
}

fn board() -> App {
    let mut a = app();
    for _ in 0..5 {
        a.update(k('n'));
    }
    a.update(k('6'));
    a
}

#[test]
fn v_marks_every_visible_row_and_marks_survive_filtering() {
    let mut a = board();
    a.update(k('V'));
    assert_eq!(a.board.marked.len(), 5);
    // Filter down to one row: the marks stay, and a bulk edit says the hidden ones are in it.
    let one = a.doc.gaps()[0].id.clone();
    a.update(k('f'));
    typed(&mut a, &one);
    enter(&mut a);
    assert_eq!(a.doc.board_rows().len(), 1);
    assert_eq!(a.board.marked.len(), 5);
    a.update(k('s'));
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("hidden by the filter")
    );
    // V on a view whose rows are all marked clears them.
    a.update(k('V'));
    assert_eq!(a.board.marked.len(), 4);
}

#[test]
fn a_meeting_records_date_attendees_and_decisions_with_who_said_them() {
    let mut a = board();
    a.update(k('M'));
    assert_eq!(prompt_kind(&a), Some(PromptKind::MeetingDate));
    enter(&mut a);
    enter(&mut a);
    assert!(matches!(a.mode, Mode::Prompt(_)), "attendees are needed");
    typed(&mut a, "Dana Whitfield (practice manager), Sam Ortiz (MSP)");
    enter(&mut a);
    assert!(a.meeting.on);
    let m = &a.doc.ws.meetings[0];
    assert_eq!((m.date, m.attendees.len()), (today(), 2));
    let gap = a.current_gap_id().unwrap();
    a.update(k('c'));
    typed(&mut a, "dana: sign the BAAs by Friday");
    enter(&mut a);
    a.update(k('c'));
    typed(&mut a, "Follow up next week");
    enter(&mut a);
    let thread: Vec<_> = a.doc.ws.decisions_on(&gap).collect();
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[0].by, "Dana Whitfield");
    assert_eq!(thread[0].role, "practice manager");
    assert_eq!(thread[0].text, "sign the BAAs by Friday");
    assert_eq!(thread[0].meeting.as_deref(), Some("M-1"));
    assert_eq!(
        thread[1].by, "tester",
        "no name: the note of whoever runs hipaudit"
    );
    // M leaves; M again the same day continues the same meeting.
    a.update(k('M'));
    a.update(k('M'));
    assert!(a.meeting.on);
    assert_eq!(a.doc.ws.meetings.len(), 1);
}

#[test]
fn the_place_is_kept_in_the_view_and_restored_on_reopening() {
    let mut a = app();
    a.update(k('3'));
    for _ in 0..3 {
        a.update(k('j'));
    }
    let id = current_id(&a);
    let effects = a.update(k('q'));
    assert_eq!(effects, vec![Effect::Quit]);
    assert!(a.dirty(), "quitting saves where the user was");
    assert!(
        !a.data_dirty(),
        "as a view change: no new backup generation"
    );
    let c = Catalog::builtin();
    let mut b = App::new(
        c,
        a.doc.ws.clone(),
        PathBuf::from("t.ron"),
        today(),
        "tester",
    );
    b.restore_place();
    assert_eq!(b.tab, Tab::Audit(Area::Administrative));
    assert_eq!(current_id(&b), id);
}

#[test]
fn j_and_k_capitals_scroll_the_gap_detail() {
    let mut a = board();
    enter(&mut a);
    assert!(a.board.detail);
    a.update(k('J'));
    assert_eq!(a.detail_scroll, 3);
    a.update(k('K'));
    assert_eq!(a.detail_scroll, 0);
}

#[test]
fn slash_on_the_board_searches_the_board_and_finds_what_the_filter_hides() {
    let mut a = board();
    let ids: Vec<String> = a.doc.gaps().iter().map(|g| g.id.clone()).collect();
    let target = ids[3].clone();
    let actor = a.actor();
    a.doc.ws.set_remediation(
        &target,
        crate::domain::workspace::RemediationField::Owner("Zed Quinn".into()),
        &actor,
    );
    a.doc.touch();
    // A filter that hides the target.
    a.update(k('f'));
    typed(&mut a, &ids[0]);
    enter(&mut a);
    assert_eq!(a.doc.board_rows().len(), 1);
    a.update(k('/'));
    assert!(matches!(&a.mode, Mode::Search(s) if s.board));
    typed(&mut a, "zed");
    let Mode::Search(s) = &a.mode else { panic!() };
    assert_eq!(s.results.len(), 1);
    enter(&mut a);
    assert_eq!(a.current_gap_id().as_deref(), Some(target.as_str()));
    assert!(
        a.doc.ws.view.filter.is_empty(),
        "the hiding filter was cleared"
    );
    // From an audit tab, / still searches the questions.
    a.update(k('2'));
    a.update(k('/'));
    assert!(matches!(&a.mode, Mode::Search(s) if !s.board));
}

#[test]
fn area_register_filters_the_registers_gaps() {
    use crate::domain::view::GapFilter;
    let f = GapFilter::parse("area:register overdue").unwrap();
    assert!(f.register && f.overdue && f.area.is_none());
    assert_eq!(GapFilter::parse(&f.describe()).unwrap(), f);
    let mut a = board();
    let mut e = crate::domain::risk::library()[0].entry();
    e.likelihood = crate::domain::rating::Rating::HIGH;
    let actor = a.actor();
    let rid = a.doc.ws.add_risk(e, &actor);
    a.doc.touch();
    a.update(k('f'));
    typed(&mut a, "area:register");
    enter(&mut a);
    let all = a.doc.gaps();
    let shown: Vec<&str> = a
        .doc
        .board_rows()
        .iter()
        .map(|&i| all[i].id.as_str())
        .collect();
    assert_eq!(shown, [rid.as_str()]);
}

#[test]
fn the_whole_privacy_tab_takes_one_key_an_answer_without_na() {
    let mut a = app();
    let total = a.doc.catalog.in_area(Area::Privacy).count();
    let mut keys = 0;
    let answers = ['y', 'y', 'p', 'y', 'n'];
    while a.tab == Tab::Audit(Area::Privacy) && keys < total * 2 {
        a.update(k(answers[keys % answers.len()]));
        keys += 1;
        if crate::domain::board::progress(a.doc.catalog, &a.doc.ws, Area::Privacy).0 == total {
            break;
        }
    }
    let (answered, _) = crate::domain::board::progress(a.doc.catalog, &a.doc.ws, Area::Privacy);
    assert_eq!(answered, total);
    assert!(
        keys as f64 / total as f64 <= 1.2,
        "{keys} keys for {total} answers"
    );
    assert!(matches!(a.mode, Mode::Normal), "no prompt got in the way");
}

#[test]
fn a_renewal_item_takes_an_owner_but_not_a_status() {
    let mut a = app();
    let q = a
        .doc
        .catalog
        .questions
        .iter()
        .find(|q| q.has_tag("yearly"))
        .unwrap()
        .id
        .clone();
    let year_ago = crate::domain::workspace::Actor {
        name: "Ana".into(),
        now: NaiveDate::from_ymd_opt(2025, 12, 10)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    };
    a.doc.ws.set_answer(&q, AnswerStatus::Yes, &year_ago);
    a.doc.touch();
    a.update(k('6'));
    assert_eq!(a.current_gap_id().as_deref(), Some(q.as_str()));
    a.update(k('s'));
    assert!(a.message.as_deref().unwrap().contains("yearly duty"));
    assert_eq!(a.doc.ws.remediation(&q).status, RemediationStatus::Open);
    a.update(k('o'));
    typed(&mut a, "Dana");
    enter(&mut a);
    assert_eq!(a.doc.ws.remediation(&q).owner, "Dana");
    assert_eq!(
        a.doc.gaps().iter().find(|g| g.id == q).unwrap().owner,
        "Dana"
    );
}

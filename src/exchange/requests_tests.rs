use super::table::{ASSESSOR, CLIENT, LEFT_TO_ALL};
use super::*;
use crate::exchange::cells::md_text;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn fresh() -> Workspace {
    Workspace::new("Acme", "Ana", Catalog::builtin(), day())
}

#[test]
fn evidence_sentences_become_items() {
    let g = "In place: x. Evidence: The signed policy with its date, a sample of 5 records, and an interview with the manager.";
    assert_eq!(
        evidence_items(g),
        [
            "The signed policy with its date",
            "A sample of 5 records",
            "An interview with the manager"
        ]
    );
    assert!(evidence_items("In place: nothing to show").is_empty());
    // "or an interview …" and "staff interviews …" are items of their own, not tails of the
    // record before them.
    let g = "Evidence: the vendor log, or an interview with the official, and staff interviews about laptops.";
    assert_eq!(
        evidence_items(g),
        [
            "The vendor log",
            "An interview with the official",
            "Staff interviews about laptops"
        ]
    );
    // A comma inside parentheses does not end an item.
    let g = "Evidence: a spot check of three activities (for example a log review, an access review), and the log.";
    assert_eq!(
        evidence_items(g),
        [
            "A spot check of three activities (for example a log review, an access review)",
            "The log"
        ]
    );
}

#[test]
fn every_question_the_core_tables_name_exists_in_the_bank() {
    let c = Catalog::builtin();
    for t in CLIENT.iter().chain(ASSESSOR) {
        for id in t.ids() {
            assert!(c.get(id).is_some(), "{}: {id} is not in the bank", t.kind);
        }
    }
    for id in LEFT_TO_ALL {
        assert!(c.get(id).is_some(), "LEFT_TO_ALL: {id} is not in the bank");
    }
}

#[test]
fn every_question_is_served_by_a_core_item_or_left_to_all_on_purpose() {
    let c = Catalog::builtin();
    let mut missing = Vec::new();
    for q in &c.questions {
        let client = CLIENT.iter().any(|t| t.serves_question(&q.id));
        let assessor = ASSESSOR.iter().any(|t| t.serves_question(&q.id));
        let left = LEFT_TO_ALL.contains(&q.id.as_str());
        assert!(
            !(left && (client || assessor)),
            "{} is left to --all but a core item serves it",
            q.id
        );
        if !(client || assessor || left) {
            missing.push(q.id.clone());
        }
    }
    assert!(missing.is_empty(), "no core item serves {missing:?}");
}

#[test]
fn core_items_are_whole_sentences_each_asking_for_its_own_kind_of_record() {
    let mut kinds: Vec<&str> = CLIENT.iter().chain(ASSESSOR).map(|t| t.kind).collect();
    let mut texts: Vec<String> = CLIENT.iter().chain(ASSESSOR).map(|t| key(t.text)).collect();
    let n = kinds.len();
    kinds.sort_unstable();
    kinds.dedup();
    texts.sort();
    texts.dedup();
    assert_eq!(kinds.len(), n, "a kind of record asked twice");
    assert_eq!(texts.len(), n, "a request written twice");
    for t in CLIENT.iter().chain(ASSESSOR) {
        assert!(t.text.starts_with(char::is_uppercase), "{}", t.text);
        assert!(t.text.ends_with('.'), "{}", t.text);
        assert!(t.text.split_whitespace().count() > 5, "{}", t.text);
        assert!(t.ids().next().is_some(), "{} serves nothing", t.kind);
    }
    // The assessor's work is never in the client's table.
    for t in CLIENT {
        assert!(!is_assessor_activity(t.text), "{}", t.text);
    }
}

#[test]
fn the_full_list_of_a_new_workspace_lists_every_section_and_no_item_twice() {
    let c = Catalog::builtin();
    let md = markdown(c, &fresh(), day(), Scope::All);
    for area in Area::ALL {
        for s in c.sections(area) {
            let heading = format!("### {}", md_text(&s.name));
            let at = md
                .find(&heading)
                .unwrap_or_else(|| panic!("{heading} missing"));
            let rest = &md[at + heading.len()..];
            let body = rest.split("\n#").next().unwrap();
            assert!(body.contains("- [ ]"), "{heading} has no item");
        }
    }
    let items: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("- [ ] "))
        .map(|l| key(l.rsplit_once(" (").map_or(l, |x| x.0)))
        .collect();
    let mut unique = items.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), items.len(), "an item is listed twice");
    assert!(md.contains(&format!("## {}", table::ASSESSOR_GROUP)));
}

#[test]
fn assessor_activities_never_reach_the_clients_checklist() {
    let c = Catalog::builtin();
    for scope in [Scope::Core, Scope::All] {
        let l = list(c, &fresh(), scope);
        assert!(!l.assessor.is_empty(), "{scope:?}: no assessor part");
        for i in l.client_items() {
            let t = i.text.to_lowercase();
            for word in [
                "interview",
                "walkthrough",
                "walk-through",
                "observ",
                " asked ",
            ] {
                assert!(
                    !t.contains(word),
                    "{scope:?}: '{}' in the checklist",
                    i.text
                );
            }
        }
        // The spreadsheet the client fills in holds the checklist only.
        let sheet = csv(c, &fresh(), scope).unwrap();
        assert_eq!(sheet.lines().count() - 1, l.client_items().count());
        assert!(!sheet.to_lowercase().contains("interview"), "{scope:?}");
        // In Markdown, the assessor's part comes after the checklist and has no checkboxes.
        let md = markdown(c, &fresh(), day(), scope);
        let (_, part) = md.split_once(table::ASSESSOR_GROUP).unwrap();
        assert!(!part.contains("- ["), "{scope:?}");
    }
}

#[test]
fn the_list_says_how_to_send_records_that_hold_phi() {
    let md = markdown(Catalog::builtin(), &fresh(), day(), Scope::Core);
    let head: String = md.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(head.contains("encrypted email"), "{head}");
    assert!(head.contains("never by plain email"), "{head}");
    assert!(head.contains("redacted"), "{head}");
}

#[test]
fn a_received_core_item_is_ticked_and_stays_once_its_questions_are_answered() {
    let c = Catalog::builtin();
    let mut ws = fresh();
    let t = CLIENT.iter().find(|t| t.kind == "cyber insurance").unwrap();
    let when = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    ws.received.insert(key(t.text), when);
    let find = |ws: &Workspace| {
        list(c, ws, Scope::Core)
            .client_items()
            .find(|i| i.text == t.text)
            .map(|i| (i.received, i.ids.clone()))
    };
    assert_eq!(find(&ws).unwrap().0, Some(when));
    let md = markdown(c, &ws, day(), Scope::Core);
    assert!(md.contains(&format!("- [x] {}", md_text(t.text))), "{md}");
    assert!(md.contains("received 2026-11-20"));
    assert_eq!(progress(c, &ws).0, 1);
    // Answering every question it serves keeps it on the list, ticked, so the count of
    // what came back does not shrink; an item not received drops out.
    let other = CLIENT.iter().find(|t| t.kind == "telehealth").unwrap();
    for id in t.ids().chain(other.ids()) {
        ws.answers.entry(id.to_string()).or_default().status = AnswerStatus::Yes;
    }
    let (received, ids) = find(&ws).unwrap();
    assert_eq!(received, Some(when));
    assert_eq!(ids.len(), t.ids().count());
    assert!(
        list(c, &ws, Scope::Core)
            .client_items()
            .all(|i| i.text != other.text)
    );
    // The detail pane of one of its questions shows it with its date.
    let shown = serving(c, &ws, t.ids().next().unwrap());
    assert!(
        shown.contains(&(t.text.to_string(), Some(when))),
        "{shown:?}"
    );
}

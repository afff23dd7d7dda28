//! What a recorded conflict may hold, and applying it.
use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::problems::MAX_TEXT;
use crate::domain::workspace::Actor;
use crate::io::store;
use chrono::NaiveDate;
use std::path::Path;

fn ws() -> Workspace {
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut ws = Workspace::new("Acme", "Ana", Catalog::builtin(), day);
    let actor = Actor {
        name: "Ana".into(),
        now: day.and_hms_opt(9, 0, 0).unwrap(),
    };
    for title in ["Laptops", "Backups"] {
        let entry = RiskEntry {
            title: title.into(),
            ..RiskEntry::default()
        };
        ws.add_risk(entry, &actor);
    }
    ws
}

/// A record whose ours is what the workspace holds, so that only theirs is at fault.
fn record(id: &str, field: &str, theirs: String) -> Conflict {
    let ours = match field {
        "risk" => ron_of(&Some(ws().risks[0].clone())),
        "due" => ron_of(&None::<NaiveDate>),
        _ => ron_of(&""),
    };
    Conflict {
        id: id.into(),
        field: field.into(),
        ours,
        theirs,
        base: String::new(),
    }
}

fn ron_of<T: Serialize>(v: &T) -> String {
    ron::to_string(v).unwrap()
}

#[test]
fn a_conflict_record_that_taking_would_break_is_refused_on_load_with_its_place() {
    let w = ws();
    let other_risk = ron_of(&Some(w.risks[1].clone()));
    let bad = [
        ("another risk's id", record("R-01", "risk", other_risk)),
        (
            "past the record limit",
            record("PRV-UD-01", "note", ron_of(&"x".repeat(MAX_RECORD + 1))),
        ),
        (
            "a note past the text limit",
            record("PRV-UD-01", "note", ron_of(&"x".repeat(MAX_TEXT + 1))),
        ),
        (
            "an unknown field",
            record("PRV-UD-01", "colour", ron_of(&"red")),
        ),
        (
            "an id past the text limit",
            record(&"Q".repeat(MAX_TEXT + 1), "note", ron_of(&"hi")),
        ),
        (
            "a risk of the wrong shape",
            record("R-01", "risk", ron_of(&Some("R-01"))),
        ),
        (
            "a value that is no date",
            record("R-01", "due", ron_of(&"soon")),
        ),
    ];
    for (what, c) in bad {
        let mut w = w.clone();
        w.conflicts.push(c);
        let text = store::to_ron(&w);
        let e = store::from_ron(&text, Path::new("w.ron"))
            .expect_err(&format!("{what} must be refused on load"));
        assert!(e.message.contains("merge conflict"), "{what}: {e}");
        assert!(
            !e.message.contains(": ours"),
            "{what}: only theirs is at fault: {e}"
        );
        let (line, _) = e.position.expect("a position");
        assert!(
            text.lines().nth(line - 1).unwrap().contains("conflicts:"),
            "{what}: {e}"
        );
    }
    // A record the merge itself writes loads.
    let mut good = w.clone();
    let mut entry = w.risks[0].clone();
    // A whole entry may hold several texts each near the text limit.
    entry.title = "Stolen laptops".into();
    entry.threat = "t".repeat(MAX_TEXT - 10);
    entry.controls = "c".repeat(MAX_TEXT - 10);
    good.conflicts.push(Conflict {
        ours: ron_of(&Some(w.risks[0].clone())),
        base: ron_of(&Some(w.risks[0].clone())),
        ..record("R-01", "risk", ron_of(&Some(entry)))
    });
    good.conflicts.push(Conflict {
        ours: ron_of(&"ours"),
        ..record("PRV-UD-01", "note", ron_of(&"theirs"))
    });
    let back = store::from_ron(&store::to_ron(&good), Path::new("w.ron")).unwrap();
    assert_eq!(back, good);
}

/// Every field the merge can record a conflict on: the record loads, and taking theirs
/// gives exactly theirs' workspace in that field (keeping ours keeps ours).
#[test]
fn an_id_or_field_name_at_its_limit_is_read_and_one_past_it_is_refused() {
    let w = ws();
    let with = |id: String, field: String| Conflict {
        id,
        field,
        ours: ron_of(&""),
        theirs: ron_of(&""),
        base: String::new(),
    };
    let long = |p: &Option<String>| p.as_deref().is_some_and(|m| m.contains("too long"));
    // An id of exactly the limit is not too long (it names nothing present: allowed).
    assert!(!long(&with("R".repeat(MAX_ID), "note".into()).problem(&w)));
    assert!(long(
        &with("R".repeat(MAX_ID + 1), "note".into()).problem(&w)
    ));
    // A field name of 64 characters is read (and is no field hipaudit merges); 65 is not.
    let at_limit = with("PRV-UD-01".into(), "f".repeat(64)).problem(&w);
    assert!(
        at_limit
            .as_deref()
            .is_some_and(|m| m.contains("no such field")),
        "{at_limit:?}"
    );
    assert!(long(&with("PRV-UD-01".into(), "f".repeat(65)).problem(&w)));
    // A recorded value of exactly the record limit is read; one byte more is refused.
    let value = |n: usize| Conflict {
        theirs: "x".repeat(n),
        ..with("PRV-UD-01".into(), "note".into())
    };
    let over = |p: Option<String>| p.is_some_and(|m| m.contains("longer than the"));
    assert!(!over(value(MAX_RECORD).problem(&w)));
    assert!(over(value(MAX_RECORD + 1).problem(&w)));
}

#[test]
fn every_conflict_the_merge_records_loads_and_taking_theirs_gives_theirs() {
    use crate::domain::merge::{Side, merge, resolve};
    use crate::domain::rating::Rating;
    use crate::domain::status::{AnswerStatus, RemediationStatus};
    use crate::domain::workspace::Previous;
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
    let item = |l: &str| crate::domain::evidence::EvidenceItem {
        label: l.into(),
        ..Default::default()
    };
    let prev = |f: &str| Previous {
        file: f.into(),
        started: None,
        sha256: "0".repeat(64),
    };
    type Edit = Box<dyn Fn(&mut Workspace, u32)>;
    let q = "PRV-UD-01";
    let edits: Vec<(&str, Edit)> = vec![
        (
            "client",
            Box::new(|w, n| w.engagement.client = format!("C{n}")),
        ),
        ("site", Box::new(|w, n| w.engagement.site = format!("S{n}"))),
        (
            "assessor",
            Box::new(|w, n| w.engagement.assessor = format!("A{n}")),
        ),
        (
            "scope",
            Box::new(|w, n| w.engagement.scope = format!("s{n}")),
        ),
        ("firm", Box::new(|w, n| w.engagement.firm = format!("F{n}"))),
        (
            "interviewed",
            Box::new(|w, n| w.engagement.interviewed = format!("I{n}")),
        ),
        (
            "started",
            Box::new(move |w, n| w.engagement.started = day(n)),
        ),
        (
            "ended",
            Box::new(move |w, n| w.engagement.ended = day(n + 2)),
        ),
        (
            "previous",
            Box::new(move |w, n| w.previous = Some(prev(&format!("p{n}")))),
        ),
        (
            "carried_into",
            Box::new(move |w, n| {
                w.carried_into = Some(crate::domain::carry::CarriedInto {
                    file: format!("c{n}"),
                    on: day(n).unwrap(),
                })
            }),
        ),
        (
            "answer",
            Box::new(move |w, n| {
                w.answers.entry(q.into()).or_default().status =
                    [AnswerStatus::Yes, AnswerStatus::No][n as usize % 2]
            }),
        ),
        (
            "note",
            Box::new(move |w, n| w.answers.entry(q.into()).or_default().note = format!("n{n}")),
        ),
        (
            "evidence",
            Box::new(move |w, n| {
                w.answers.entry(q.into()).or_default().evidence = vec![item("same")];
                w.answers.get_mut(q).unwrap().evidence[0].expires = day(n);
            }),
        ),
        (
            "reason",
            Box::new(move |w, n| w.answers.entry(q.into()).or_default().reason = format!("r{n}")),
        ),
        (
            "previous",
            Box::new(move |w, n| {
                w.answers.entry(q.into()).or_default().previous =
                    Some([AnswerStatus::Yes, AnswerStatus::No][n as usize % 2])
            }),
        ),
        (
            "earlier_note",
            Box::new(move |w, n| {
                w.answers.entry(q.into()).or_default().earlier_note =
                    Some(crate::domain::carry::EarlierNote {
                        year: 2020 + n as i32,
                        text: format!("e{n}"),
                    })
            }),
        ),
        (
            "owner",
            Box::new(move |w, n| {
                w.remediation.entry(q.into()).or_default().owner = format!("o{n}")
            }),
        ),
        (
            "due",
            Box::new(move |w, n| w.remediation.entry(q.into()).or_default().due = day(n)),
        ),
        (
            "status",
            Box::new(move |w, n| {
                w.remediation.entry(q.into()).or_default().status =
                    [RemediationStatus::Done, RemediationStatus::InProgress][n as usize % 2]
            }),
        ),
        (
            "plan",
            Box::new(move |w, n| w.remediation.entry(q.into()).or_default().plan = format!("p{n}")),
        ),
        (
            "likelihood",
            Box::new(move |w, n| {
                w.remediation.entry(q.into()).or_default().likelihood = Rating::new(n as u8 % 5 + 1)
            }),
        ),
        (
            "impact",
            Box::new(move |w, n| {
                w.remediation.entry(q.into()).or_default().impact = Rating::new(n as u8 % 5 + 1)
            }),
        ),
        ("risk", Box::new(|w, n| w.risks[0].title = format!("t{n}"))),
        (
            "vendor",
            Box::new(|w, n| w.vendors[0].notes = format!("v{n}")),
        ),
        (
            "received",
            Box::new(move |w, n| {
                w.received.insert("signed baa".into(), day(n).unwrap());
            }),
        ),
    ];
    let mut b = ws();
    b.vendors.push(Vendor {
        id: "BA-01".into(),
        name: "Shred".into(),
        ..Vendor::default()
    });
    for (field, edit) in &edits {
        let (mut o, mut t) = (b.clone(), b.clone());
        edit(&mut o, 3);
        edit(&mut t, 4);
        let m = merge(&b, &o, &t);
        assert_eq!(m.conflicts.len(), 1, "{field}: {:?}", m.conflicts);
        assert_eq!(m.conflicts[0].field, *field);
        assert_eq!(
            m.conflicts[0].problem(&m),
            None,
            "{field}: the record loads"
        );
        let mut ours = m.clone();
        resolve(&mut ours, 0, Side::Ours).unwrap();
        assert_eq!(
            Workspace {
                log: o.log.clone(),
                ..ours
            },
            o,
            "{field}: ours kept"
        );
        let mut theirs = m.clone();
        resolve(&mut theirs, 0, Side::Theirs).unwrap();
        let expected = Workspace {
            log: theirs.log.clone(),
            ..t.clone()
        };
        assert_eq!(theirs, expected, "{field}: theirs taken");
    }
}

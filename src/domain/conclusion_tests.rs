use chrono::NaiveDate;

use super::*;
use crate::domain::rating::Rating;
use crate::domain::vendor::Vendor;
use crate::domain::workspace::Actor;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: day(7).and_hms_opt(9, 0, 0).unwrap(),
    }
}

fn answer_first(w: &mut Workspace, area: Area, n: usize, s: AnswerStatus) {
    let c = Catalog::builtin();
    let ids: Vec<String> = c.in_area(area).take(n).map(|q| q.id.clone()).collect();
    for id in ids {
        w.set_answer(&id, s, &actor());
    }
}

#[test]
fn an_area_quotes_compliance_only_once_half_its_questions_and_ten_are_answered() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("Clinic", "Ana", c, day(1));
    // Two of 69 NIST answers, both No: never "NIST 0%".
    answer_first(&mut w, Area::Nist, 2, AnswerStatus::No);
    let nist = coverage(c, &w)
        .into_iter()
        .find(|a| a.area == Area::Nist)
        .unwrap();
    assert_eq!(nist.compliance, None);
    assert_eq!(
        nist.shown(),
        format!("not yet assessed: 2 of {} answered", nist.figures.total)
    );
    // Half of them answered: quoted.
    let half = nist.figures.total.div_ceil(2);
    answer_first(&mut w, Area::Nist, half, AnswerStatus::Yes);
    let nist = coverage(c, &w)
        .into_iter()
        .find(|a| a.area == Area::Nist)
        .unwrap();
    assert!(nist.compliance.is_some(), "{nist:?}");
    // Just below half: not quoted.
    let mut w = Workspace::new("Clinic", "Ana", c, day(1));
    answer_first(&mut w, Area::Nist, half - 1, AnswerStatus::Yes);
    let nist = coverage(c, &w)
        .into_iter()
        .find(|a| a.area == Area::Nist)
        .unwrap();
    assert_eq!(nist.compliance, None);
    // All N/A is answered but has nothing to quote.
    let f = AreaFigures {
        total: 10,
        na: 10,
        ..AreaFigures::default()
    };
    assert!(!assessed(&f));
}

#[test]
fn yes_answers_that_the_workspace_contradicts_are_listed_with_the_reason() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("Clinic", "Ana", c, day(1));
    // "A current risk analysis exists": Yes, with no inventory and no register.
    w.set_answer("RSK-SC-01", AnswerStatus::Yes, &actor());
    // Every vendor has a BAA: Yes, while one handling PHI has none.
    w.set_answer(BAA_QUESTIONS[0], AnswerStatus::Yes, &actor());
    w.vendors.push(Vendor {
        id: "BA-01".into(),
        name: "SwiftScribe".into(),
        phi: true,
        ..Vendor::default()
    });
    // A Yes on a weakness the register rates high.
    let linked = c.in_area(Area::Nist).next().unwrap().id.clone();
    w.set_answer(&linked, AnswerStatus::Yes, &actor());
    w.risks.push(RiskEntry {
        id: "R-1".into(),
        title: "Laptop theft".into(),
        likelihood: Rating::new(4).unwrap(),
        impact: Rating::new(4).unwrap(),
        links: vec![linked.clone()],
        ..RiskEntry::default()
    });
    // A Yes with no contradiction stays off the list.
    let fine = c.in_area(Area::Privacy).next().unwrap().id.clone();
    w.set_answer(&fine, AnswerStatus::Yes, &actor());
    let got = contradictions(c, &w, day(7), 30);
    let ids: Vec<&str> = got
        .iter()
        .flat_map(|x| x.ids.iter().map(String::as_str))
        .collect();
    assert!(ids.contains(&"RSK-SC-01"), "{got:?}");
    assert!(ids.contains(&BAA_QUESTIONS[0]), "{got:?}");
    assert!(ids.contains(&linked.as_str()), "{got:?}");
    assert!(!ids.contains(&fine.as_str()));
    let baa = got.iter().find(|x| x.ids == [BAA_QUESTIONS[0]]).unwrap();
    assert!(baa.why.contains("SwiftScribe"));
    let risk = got.iter().find(|x| x.ids == [linked.clone()]).unwrap();
    assert!(risk.why.contains("R-1"));
    // One of its safeguards answered Partial: the register and the answers agree.
    let other = c.in_area(Area::Nist).nth(1).unwrap().id.clone();
    w.risks[0].links.push(other.clone());
    w.set_answer(&other, AnswerStatus::Partial, &actor());
    assert!(
        contradictions(c, &w, day(7), 30)
            .iter()
            .all(|x| !x.why.contains("R-1"))
    );
    // Answered No instead, nothing contradicts it.
    w.set_answer("RSK-SC-01", AnswerStatus::No, &actor());
    assert!(
        contradictions(c, &w, day(7), 30)
            .iter()
            .all(|x| x.ids != ["RSK-SC-01"])
    );
}

#[test]
fn the_count_reconciles_items_findings_and_analysed_risks() {
    let c = Catalog::builtin();
    let mut w = Workspace::new("Clinic", "Ana", c, day(1));
    w.set_answer(BAA_QUESTIONS[0], AnswerStatus::No, &actor());
    w.risks.push(RiskEntry {
        id: "R-1".into(),
        title: "Vendor without a BAA".into(),
        likelihood: Rating::new(3).unwrap(),
        impact: Rating::new(4).unwrap(),
        links: vec![BAA_QUESTIONS[0].into()],
        ..RiskEntry::default()
    });
    w.risks.push(RiskEntry {
        id: "R-2".into(),
        title: "Small".into(),
        likelihood: Rating::new(1).unwrap(),
        impact: Rating::new(2).unwrap(),
        ..RiskEntry::default()
    });
    let gaps = crate::domain::gaps::derive_all(c, &w, day(7), 30);
    let f = crate::domain::findings::findings(c, &w, &gaps, day(7), 30, false);
    let r = reconcile(&w, &gaps, &f);
    assert_eq!((r.questions, r.register, r.items()), (1, 1, 2));
    assert_eq!(r.findings, 1, "the question and its risk are one finding");
    assert_eq!((r.analysed, r.analysed_open, r.analysed_within), (2, 1, 1));
    assert_eq!(top_risks(&w, 1)[0].id, "R-1");
}

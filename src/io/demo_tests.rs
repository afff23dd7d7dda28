//! The demo asset is what the generator builds, and it shows what a demo should.
use super::*;
use crate::domain::gaps;

#[test]
fn the_demo_asset_is_what_the_generator_builds() {
    let built = crate::io::store::to_ron(&build(Catalog::builtin()));
    if std::env::var_os("HIPAUDIT_WRITE_DEMO").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.ron"),
            &built,
        )
        .unwrap();
    }
    assert!(
        built == crate::io::paths::DEMO,
        "assets/demo.ron is stale: run HIPAUDIT_WRITE_DEMO=1 cargo test the_demo_asset"
    );
}

#[test]
fn the_demo_has_half_its_questions_answered_and_a_dozen_gaps() {
    let c = Catalog::builtin();
    let ws = build(c);
    let answered = ws
        .answers
        .values()
        .filter(|a| a.status != AnswerStatus::Unanswered)
        .count();
    let total = c.questions.len();
    assert!(
        answered * 10 >= total * 4 && answered * 10 <= total * 6,
        "{answered}/{total}"
    );
    let g = gaps::derive(c, &ws);
    let s = crate::domain::board::counts(g.iter(), date(2026, 11, 28));
    let question_gaps = g.iter().filter(|g| g.answer.is_some()).count();
    assert!((10..=16).contains(&question_gaps), "{s:?}");
    assert!(ws.risks.len() >= 10);
    assert!(
        g.iter().filter(|g| g.answer.is_none()).count() >= 5,
        "register risks on the board"
    );
    assert!(s.overdue >= 3, "{s:?}");
    assert!(s.unassigned >= 1, "{s:?}");
}

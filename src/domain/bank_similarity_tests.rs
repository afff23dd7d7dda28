//! The duplicate check's tests: the five duplicates the 2.1 review named are each caught beside
//! the question kept for them, and the bank's distinct questions are not.
use super::*;

fn bank() -> &'static Catalog {
    Catalog::builtin()
}

fn retired() -> Vec<Question> {
    ron::from_str(include_str!("../../assets/bank/retired.ron")).expect("retired.ron")
}

#[test]
fn every_duplicate_retired_in_version_3_is_caught_beside_the_question_kept() {
    let merged = crate::domain::bank_change::retired_into_between(2, 3);
    let retired = retired();
    assert_eq!(retired.len(), 5, "the 2.1 review named five pairs");
    let mut missed = Vec::new();
    for old in &retired {
        let kept = bank()
            .get(&merged[&old.id])
            .expect("the kept question is in the bank");
        if !asks_the_same_thing(old, kept) && !asks_the_same_thing(kept, old) {
            missed.push(format!(
                "{} / {}: words {:.2}, key terms and citations {:.2}",
                old.id,
                kept.id,
                prompt_overlap(old, kept),
                question_similarity(old, kept)
            ));
        }
    }
    assert!(missed.is_empty(), "not caught:\n{}", missed.join("\n"));
}

#[test]
fn the_two_duplicates_said_in_other_words_are_caught_by_key_terms_and_citations() {
    // The inventory and the yearly audit: no word overlap finds them, so the key-term measure
    // must, with a margin over the bank's highest distinct pair.
    let merged = crate::domain::bank_change::retired_into_between(2, 3);
    for old in retired()
        .iter()
        .filter(|q| ["ADM-NP-01", "ADM-NP-05"].contains(&q.id.as_str()))
    {
        let kept = bank().get(&merged[&old.id]).unwrap();
        assert!(prompt_overlap(old, kept) < NEAR_DUPLICATE, "{}", old.id);
        let score = question_similarity(old, kept);
        assert!(
            score >= SAME_QUESTION + 0.04,
            "{} scores {score:.3}",
            old.id
        );
    }
    let qs = &bank().questions;
    let terms: Vec<KeyTerms> = qs.iter().map(KeyTerms::of).collect();
    let mut highest = (0.0, String::new());
    for (i, a) in qs.iter().enumerate() {
        for (j, b) in qs.iter().enumerate().skip(i + 1) {
            let s = terms[i].similarity(&terms[j]);
            if s > highest.0 {
                highest = (s, format!("{} / {}", a.id, b.id));
            }
        }
    }
    assert!(
        highest.0 <= SAME_QUESTION - 0.04,
        "{} scores {:.3}, too close to SAME_QUESTION: retire one or list it in DELIBERATE_PAIRS",
        highest.1,
        highest.0
    );
}

#[test]
fn key_terms_read_one_word_alike_in_every_form() {
    let t = |s: &str| key_terms(s).into_iter().collect::<Vec<_>>();
    assert_eq!(t("devices"), t("device"));
    assert_eq!(t("devices"), t("computers"));
    assert_eq!(t("stores"), t("stored"));
    assert_eq!(t("storing"), t("store"));
    assert_eq!(t("policies"), t("policy"));
    assert_eq!(t("once a year"), t("on a regular cycle"));
    assert_eq!(t("an audit"), t("evaluations"));
    assert_eq!(t("access"), ["access"]);
    assert_eq!(t("analysis"), ["analysis"]);
    assert!(
        t("whether it is still non-technical")
            .iter()
            .all(|w| w == "technical")
    );
}

#[test]
fn shared_citations_alone_do_not_make_two_questions_one() {
    // Same citations, different subject: a pair the citations would flag on their own.
    let a = bank().get("NST-DS-01").unwrap();
    let mut b = bank().get("PRV-UD-25").unwrap().clone();
    b.references = a.references.clone();
    assert!(question_similarity(a, &b) < SAME_QUESTION);
    assert!(!asks_the_same_thing(a, &b));
    // Same words with no citation in common still read as the same question.
    let mut c = a.clone();
    c.references = vec!["GV.OC-03".into()];
    assert!(asks_the_same_thing(a, &c));
}

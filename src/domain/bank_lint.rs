//! The bank linter: the rules every question must follow (id shape, a one-question prompt, a
//! finding, guidance naming evidence, well-formed references, the kind its first reference
//! gives) and the coverage table of `docs/COVERAGE.md`. Its tests hold the built-in bank to
//! them and to the regulation tables: every Security Rule specification, CSF 2.0 category and
//! MSP checklist line has its questions.

use crate::domain::catalog::{Area, Catalog, Kind, Question};
use crate::domain::regulation::{
    CSF_CATEGORIES, MSP_CHECKLIST, RefKind, SECURITY_RULE, classify_reference, kind_of_citation,
};
use std::collections::BTreeSet;

/// Checks one question against the bank's rules; returns every problem found.
pub fn validate_question(q: &Question) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |m: String| problems.push(format!("{}: {m}", q.id));
    let id_ok = {
        let parts: Vec<&str> = q.id.split('-').collect();
        parts.len() == 3
            && Area::of_id(&q.id).is_some()
            && (2..=4).contains(&parts[1].len())
            && parts[1].chars().all(|c| c.is_ascii_uppercase())
            && parts[2].len() == 2
            && parts[2].chars().all(|c| c.is_ascii_digit())
    };
    if !id_ok {
        p("id must read like ADM-CP-03".into());
    }
    for (name, text) in [
        ("section", &q.section),
        ("prompt", &q.prompt),
        ("guidance", &q.guidance),
        ("remediation", &q.remediation),
    ] {
        if text.trim().is_empty() {
            p(format!("{name} is empty"));
        }
    }
    if !q.prompt.trim_end().ends_with('?') {
        p("prompt must be a question ending with '?'".into());
    }
    if !q.applies.trim().is_empty()
        && let Err(e) = crate::domain::profile::Condition::parse(&q.applies)
    {
        p(format!("applies: {e}"));
    }
    if !q.guidance.contains("In place:") || !q.guidance.contains("Evidence:") {
        p("guidance must say 'In place:' and name 'Evidence:'".into());
    }
    if q.references.is_empty() {
        p("no references".into());
    }
    for r in &q.references {
        if let Err(e) = classify_reference(r) {
            p(e);
        }
    }
    for t in &q.tags {
        if t.is_empty()
            || t.chars()
                .any(|c| c.is_ascii_uppercase() || c.is_whitespace())
        {
            p(format!("tag '{t}' must be one lowercase word"));
        }
    }
    // The kind rule (bank v2): the FIRST reference decides. A CFR paragraph first gives its
    // own kind; a CSF id, SP 800 publication or MSP line first makes the question Best
    // practice, whatever CFR citations follow it: a question that asks for more than the
    // law is led by the practice it asks for.
    let first = q.references.first();
    let first_cfr = first.filter(|r| classify_reference(r) == Ok(RefKind::Cfr));
    let expected = match first_cfr {
        Some(r) => kind_of_citation(r),
        None => Some(Kind::BestPractice),
    };
    match (expected, first_cfr) {
        (Some(k), _) if k != q.kind => p(format!(
            "kind is {:?} but its first reference {} makes it {:?}",
            q.kind,
            first.map(String::as_str).unwrap_or("(none)"),
            k
        )),
        (None, Some(r)) => p(format!(
            "{r} is not a Security Rule standard or specification"
        )),
        _ => {}
    }
    if q.prompt.chars().count() > 240 {
        p(format!(
            "the prompt has {} characters; 240 at most",
            q.prompt.chars().count()
        ));
    }
    // The Security and Privacy Rules set no test, review or audit interval for what the bank
    // asks: a prompt led by the law that fixes one asks more than the law. The interval the
    // assessor recommends belongs in the guidance.
    if q.kind != Kind::BestPractice {
        let lower = q.prompt.to_lowercase();
        if let Some(w) = INTERVAL_WORDS.iter().find(|w| lower.contains(*w)) {
            p(format!(
                "the prompt sets an interval ('{w}') the rule does not: say 'on a set schedule' \
                 and recommend the interval in the guidance, or make the question best practice"
            ));
        }
    }
    if q.prompt.matches('?').count() > 1 {
        p("the prompt asks more than one question".into());
    }
    if q.finding.trim().is_empty()
        || q.finding.contains('?')
        || !q.finding.trim_end().ends_with('.')
    {
        p("the finding must be one statement ending with '.'".into());
    }
    findings_are_exact(q, &mut p);
    problems
}

/// Intervals a prompt led by the law may not fix (see `validate_question`).
pub const INTERVAL_WORDS: [&str; 13] = [
    "every quarter",
    "quarterly",
    "twice a year",
    "once a year",
    "every year",
    "each year",
    "yearly",
    "annually",
    "every month",
    "monthly",
    "every six months",
    "every 12 months",
    "within the last 12 months",
];

/// The words an Addressable finding must use: under 164.306(d)(3) an addressable
/// specification is met by the specification itself or by a documented equivalent
/// alternative, so a finding that names only the first overstates the gap.
pub const ALTERNATIVE_WORDS: [&str; 2] = ["equivalent alternative", "164.306(d)(3)"];

/// The findings a report states (No and Partial) must not claim more than the answer shows.
fn findings_are_exact(q: &Question, p: &mut impl FnMut(String)) {
    let partial = q.finding_partial.trim();
    if partial.is_empty() || partial.contains('?') || !partial.ends_with('.') {
        p("finding_partial must be one statement ending with '.'".into());
    }
    if partial == q.finding.trim() {
        p("finding_partial must differ from the finding (some of it is in place)".into());
    }
    // A Partial answer means some of it is in place: an opening that denies the whole
    // requirement overstates.
    let lower = partial.to_lowercase();
    if ["there is no ", "there are no ", "no "]
        .iter()
        .any(|o| lower.starts_with(o))
    {
        p("finding_partial must not say that nothing is in place".into());
    }
    let alternative = ALTERNATIVE_WORDS.iter().all(|w| q.finding.contains(w));
    match q.kind {
        Kind::Addressable if !alternative => p(format!(
            "an Addressable finding must say that no documented equivalent alternative \
             (45 CFR 164.306(d)(3)) was in place either; it needs {ALTERNATIVE_WORDS:?}"
        )),
        Kind::Required | Kind::BestPractice if q.finding.contains(ALTERNATIVE_WORDS[0]) => {
            p("only an Addressable finding may speak of an equivalent alternative".into())
        }
        _ => {}
    }
    if q.has_tag("nprm") {
        for (name, text) in [
            ("finding", &q.finding),
            ("finding_partial", &q.finding_partial),
        ] {
            if !text.contains("proposed rule") || !text.contains("not a current") {
                p(format!(
                    "an nprm {name} must say it measures readiness for a proposed rule, not a \
                     current duty"
                ));
            }
        }
    }
}

/// How much of each of two questions' prompts the other one also says (in its prompt or the
/// "In place" part of its guidance), the smaller of the two shares: 1.0 when every content
/// word of each prompt is found in the other question. Words are compared lowercased, without
/// common words, plural and verb endings, and with the bank's synonyms folded (data, PHI and
/// information; list and inventory; a device and a system). The 2.1 review's duplicates score
/// 0.67 to 0.93; distinct questions of the bank stay below `NEAR_DUPLICATE`, or are listed in
/// `DELIBERATE_PAIRS`.
pub fn prompt_overlap(a: &Question, b: &Question) -> f64 {
    let (pa, pb) = (content_words(&a.prompt), content_words(&b.prompt));
    let (ga, gb) = (said(a), said(b));
    let share = |p: &std::collections::BTreeSet<String>,
                 other: &std::collections::BTreeSet<String>| {
        if p.is_empty() {
            0.0
        } else {
            p.intersection(other).count() as f64 / p.len() as f64
        }
    };
    share(&pa, &gb).min(share(&pb, &ga))
}

/// Two questions whose `prompt_overlap` reaches this ask the same thing.
pub const NEAR_DUPLICATE: f64 = 0.6;

/// Pairs that overlap on purpose, with why they are two questions.
pub const DELIBERATE_PAIRS: &[(&str, &str, &str)] = &[
    (
        "PRV-UD-13",
        "PRV-UD-22",
        "court orders and subpoenas (164.512(e)) and law enforcement (164.512(f)) are two permissions",
    ),
    (
        "PRV-IR-01",
        "PRV-SUD-03",
        "the notice's elements, and the Part 2 statement only a Part 2 holder adds to it",
    ),
    (
        "ADM-SM-02",
        "RSK-SC-04",
        "whether a current risk analysis exists, and the vendor list the Risk tab builds it from",
    ),
    (
        "ADM-SM-02",
        "RSK-SC-02",
        "whether a current risk analysis exists, and the Risk tab's check of its scope",
    ),
    (
        "ADM-PD-01",
        "PRV-AR-10",
        "Security Rule policies (164.316) and Privacy Rule policies (164.530(i))",
    ),
    (
        "PRV-UD-01",
        "PRV-UD-25",
        "uses without authorization in general, and the research conditions of 164.512(i)",
    ),
    (
        "ADM-IR-04",
        "PRV-BN-07",
        "a business associate's notice to its client, and a covered entity's notice to the media",
    ),
    (
        "ADM-IR-04",
        "PRV-BN-05",
        "a business associate's notice to its client (164.410), and the notice to patients (164.404)",
    ),
    (
        "PRV-BN-03",
        "PRV-BN-13",
        "the presumption of a breach for every incident, and HHS's view that ransomware \
         encrypting ePHI is itself an acquisition of it, which practices most often miss",
    ),
    (
        "PRV-SUD-02",
        "PRV-SUD-05",
        "a Part 2 program's consent forms (42 CFR 2.31), and the duties of a lawful holder that \
         receives Part 2 records (42 CFR 2.12(d))",
    ),
];

/// Whether two questions ask the same thing: their prompts' words overlap (`prompt_overlap`)
/// or, said in other words, their key terms and citations do (`question_similarity`).
pub fn asks_the_same_thing(a: &Question, b: &Question) -> bool {
    prompt_overlap(a, b) >= NEAR_DUPLICATE || question_similarity(a, b) >= SAME_QUESTION
}

/// Three parts key-term overlap to one part shared citations. Two of the 2.1 review's
/// duplicates said one thing in other words ("a written inventory of every technology asset"
/// and "a list of the computers, devices and software"; "a written audit ... once a year" and
/// "a documented evaluation on a regular cycle"): their words overlap no more than distinct
/// questions do, but each cited all of its keeper's citations. Citations alone do not tell
/// either (many distinct questions share theirs), so the two are weighed together.
pub fn question_similarity(a: &Question, b: &Question) -> f64 {
    KeyTerms::of(a).similarity(&KeyTerms::of(b))
}

/// What `question_similarity` compares, read once per question (the bank-wide check compares
/// every pair).
pub struct KeyTerms {
    prompt: BTreeSet<String>,
    said: BTreeSet<String>,
    cited: BTreeSet<String>,
}

impl KeyTerms {
    pub fn of(q: &Question) -> Self {
        let in_place = q.guidance.split("Evidence:").next().unwrap_or("");
        KeyTerms {
            prompt: key_terms(&q.prompt),
            said: key_terms(&format!("{} {in_place}", q.prompt)),
            cited: q.references.iter().cloned().collect(),
        }
    }

    pub fn similarity(&self, other: &KeyTerms) -> f64 {
        let terms = share(&self.prompt, &other.said).min(share(&other.prompt, &self.said));
        let shorter = self.cited.len().min(other.cited.len());
        let cited = if shorter == 0 {
            0.0
        } else {
            self.cited.intersection(&other.cited).count() as f64 / shorter as f64
        };
        0.75 * terms + 0.25 * cited
    }
}

/// Two questions whose `question_similarity` reaches this ask the same thing. The 2.1
/// review's duplicates score 0.79 to 0.95; the bank's highest distinct pair scores 0.69.
pub const SAME_QUESTION: f64 = 0.74;

fn share(p: &BTreeSet<String>, other: &BTreeSet<String>) -> f64 {
    if p.is_empty() {
        0.0
    } else {
        p.intersection(other).count() as f64 / p.len() as f64
    }
}

/// Words that name one thing in the bank's questions, for `key_terms`, beyond `SYNONYMS`
/// (whose groups come first, with the same first words): the intervals folded together (the
/// rule says "periodic" where a practice says "once a year"), meeting a rule and complying
/// with it, and the proposed rule by its names.
const MORE_KEY_TERMS: &[&[&str]] = &[
    &[
        "yearly",
        "month",
        "once",
        "regular",
        "periodic",
        "periodically",
        "cycle",
        "schedule",
        "interval",
        "quarter",
        "quarterly",
    ],
    &["meet", "comply", "compliance"],
    &["proposed", "nprm", "update"],
];

/// A finer reading than `content_words`: each word is cut to a root the same way whatever its
/// ending ("devices", "device" and "devicing" all read "devic", which is then folded with
/// "computer"; "access" keeps its "ss"), and a few more words that name nothing are dropped.
fn key_terms(text: &str) -> BTreeSet<String> {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3 && !COMMON_WORDS.contains(w) && !VAGUE_WORDS.contains(w))
        .map(|w| {
            let root = word_root(w);
            SYNONYMS
                .iter()
                .chain(MORE_KEY_TERMS)
                .find(|g| g.iter().any(|k| word_root(k) == root))
                .map_or(root, |g| word_root(g[0]))
        })
        .collect()
}

/// A plural, "-ing" or "-ed" ending and a final "e" cut off: "stores", "storing" and "stored"
/// all read "stor"; "policies" reads "policy"; "access", "status" and "analysis" keep theirs.
fn word_root(w: &str) -> String {
    let mut w = w.to_string();
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.len() > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|e| w.ends_with(e))
    {
        w.pop();
    }
    if w.len() >= 6 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
    } else if w.len() >= 5 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Words that join a prompt's terms without naming any ("whether", "still", the "non" of
/// "non-technical").
const VAGUE_WORDS: &[&str] = &[
    "whether", "still", "non", "out", "kept", "keep", "get", "given",
];

/// The prompt and the "In place" part of the guidance (evidence lists are shared by many).
fn said(q: &Question) -> std::collections::BTreeSet<String> {
    let in_place = q.guidance.split("Evidence:").next().unwrap_or("");
    content_words(&format!("{} {in_place}", q.prompt))
}

const COMMON_WORDS: &[&str] = &[
    "the", "and", "are", "you", "your", "for", "with", "that", "this", "does", "any", "its", "has",
    "have", "been", "what", "which", "who", "when", "from", "into", "not", "all", "each", "their",
    "them", "they", "there", "how", "can", "our", "about", "own", "did", "was", "were", "would",
    "should", "could", "will", "may", "must", "than", "then", "such", "also", "only", "every",
    "least", "most", "more",
];

/// Words that name one thing in the bank, folded to the first of their group.
const SYNONYMS: &[&[&str]] = &[
    &["data", "information", "ephi", "phi", "record"],
    &["list", "inventory", "register"],
    &[
        "computer",
        "device",
        "system",
        "asset",
        "software",
        "technology",
        "equipment",
        "laptop",
        "server",
    ],
    &["evaluation", "audit", "assessment"],
    &["yearly", "annual", "year", "annually", "months"],
    &["test", "tested", "testing"],
    &["agreement", "baa", "contract"],
    &["vendor", "associate"],
    &["written", "documented"],
    &["video", "telehealth", "visit"],
    &["break", "penetration", "pentest"],
    &["practice", "organization"],
];

fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    let fold = |w: &str| -> String {
        SYNONYMS
            .iter()
            .find(|g| g.contains(&w))
            .map_or(w, |g| g[0])
            .to_string()
    };
    let stem = |w: &str| -> String {
        for suffix in ["ing", "es", "s", "ed"] {
            if let Some(root) = w.strip_suffix(suffix)
                && root.len() >= 4
            {
                return root.to_string();
            }
        }
        w.to_string()
    };
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3 && !COMMON_WORDS.contains(w))
        .map(|w| fold(&stem(&fold(w))))
        .collect()
}

/// The coverage table (HIPAA citation -> questions, CSF category -> questions) as Markdown,
/// kept in `docs/COVERAGE.md` by a test so that holes in coverage are visible in review.
pub fn coverage_markdown(c: &Catalog) -> String {
    use std::fmt::Write as _;
    let ids = |pred: &dyn Fn(&Question) -> bool| -> String {
        let v: Vec<&str> = c
            .questions
            .iter()
            .filter(|q| pred(q))
            .map(|q| q.id.as_str())
            .collect();
        if v.is_empty() {
            "**none**".to_string()
        } else {
            v.join(", ")
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Question bank coverage\n\nGenerated from the bank ({} v{}, {} questions) by \
         `cargo test coverage_table`; do not edit by hand.\n",
        c.info.id,
        c.info.version,
        c.questions.len()
    );
    let _ = writeln!(out, "| area | questions |\n| --- | --- |");
    for a in Area::ALL {
        let _ = writeln!(out, "| {} | {} |", a.name(), c.in_area(a).count());
    }
    let _ = writeln!(
        out,
        "\n## HIPAA Security Rule (164.308-164.316): every standard and implementation specification\n\n\
         | citation | name | R/A | questions citing it exactly |\n| --- | --- | --- | --- |"
    );
    for (cite, required, name) in SECURITY_RULE {
        let _ = writeln!(
            out,
            "| {cite} | {name} | {} | {} |",
            if *required { "R" } else { "A" },
            ids(&|q| q.references.iter().any(|r| r == cite))
        );
    }
    let mut other: Vec<&str> = c
        .questions
        .iter()
        .flat_map(|q| q.references.iter())
        .filter(|r| classify_reference(r) == Ok(RefKind::Cfr))
        .filter(|r| !SECURITY_RULE.iter().any(|(s, _, _)| s == r))
        .map(String::as_str)
        .collect();
    other.sort();
    other.dedup();
    let _ = writeln!(
        out,
        "\n## Other CFR paragraphs cited (Privacy, Breach Notification, general rules)\n\n\
         | citation | questions |\n| --- | --- |"
    );
    for cite in other {
        let _ = writeln!(
            out,
            "| {cite} | {} |",
            ids(&|q| q.references.iter().any(|r| r == cite))
        );
    }
    let _ = writeln!(
        out,
        "\n## NIST CSF 2.0 categories\n\n| category | name | questions citing it or its subcategories |\n| --- | --- | --- |"
    );
    for (cat, name, _) in CSF_CATEGORIES {
        let _ = writeln!(out, "| {cat} | {name} | {} |", ids(&|q| q.cites(cat)));
    }
    let _ = writeln!(
        out,
        "\n## MSP checklist\n\n| line | questions |\n| --- | --- |"
    );
    for line in MSP_CHECKLIST {
        let r = format!("MSP {line}");
        let _ = writeln!(out, "| {line} | {} |", ids(&|q| q.references.contains(&r)));
    }
    out
}

#[cfg(test)]
#[path = "bank_lint_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "bank_similarity_tests.rs"]
mod similarity_tests;

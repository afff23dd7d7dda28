//! The built-in question bank: the four audit areas, the question model, and the bank read
//! from `assets/bank/` at build time. The regulation tables that references are checked
//! against live in `regulation`; the rules every question follows and the coverage table in
//! `bank_lint`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::profile::{Condition, Profile};
use crate::domain::rating::Rating;

/// The four audit areas, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Area {
    Privacy,
    Administrative,
    Nist,
    Risk,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Privacy, Area::Administrative, Area::Nist, Area::Risk];

    pub fn name(self) -> &'static str {
        match self {
            Area::Privacy => "Privacy",
            Area::Administrative => "Administrative",
            Area::Nist => "NIST",
            Area::Risk => "Risk",
        }
    }

    /// The id prefix every question of this area carries.
    pub fn prefix(self) -> &'static str {
        match self {
            Area::Privacy => "PRV",
            Area::Administrative => "ADM",
            Area::Nist => "NST",
            Area::Risk => "RSK",
        }
    }

    /// The area a question id belongs to, from its prefix.
    pub fn of_id(id: &str) -> Option<Area> {
        Area::ALL
            .into_iter()
            .find(|a| id.starts_with(a.prefix()) && id[3..].starts_with('-'))
    }

    /// Parses a user-typed area name (`privacy`, `adm`, `nist`, ...).
    pub fn parse(s: &str) -> Option<Area> {
        let s = s.trim().to_ascii_lowercase();
        Area::ALL.into_iter().find(|a| {
            let name = a.name().to_ascii_lowercase();
            s == name
                || s == a.prefix().to_ascii_lowercase()
                || (s.len() >= 3 && name.starts_with(&s))
        })
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the rule treats a requirement: HIPAA's required and addressable specifications, or a
/// best practice the law does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Required,
    Addressable,
    BestPractice,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Required => "Required",
            Kind::Addressable => "Addressable",
            Kind::BestPractice => "Best practice",
        }
    }
}

/// One audit question as the bank defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub prompt: String,
    /// The finding a report states when the answer is No or Partial (one sentence).
    #[serde(default)]
    pub finding: String,
    /// The finding for a Partial answer, which must not overstate (some of it is in place).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub finding_partial: String,
    pub guidance: String,
    pub references: Vec<String>,
    pub kind: Kind,
    pub likelihood: Rating,
    pub impact: Rating,
    pub remediation: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When the question applies, on the engagement profile (`service:telehealth`,
    /// `entity:business-associate or entity:msp`); empty: always.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub applies: String,
}

impl Question {
    pub fn area(&self) -> Area {
        Area::of_id(&self.id).unwrap_or(Area::Risk)
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    /// True when any reference equals `query` or sits below it (`164.312` covers
    /// `164.312(a)(1)`, `PR.DS` covers `PR.DS-01`).
    pub fn cites(&self, query: &str) -> bool {
        self.references.iter().any(|r| reference_matches(r, query))
    }
}

/// True when reference `r` is `query` or one of its sub-paragraphs or subcategories.
pub fn reference_matches(r: &str, query: &str) -> bool {
    let q = query.trim();
    if q.is_empty() {
        return false;
    }
    let r_low = r.to_ascii_lowercase();
    let q_low = q.to_ascii_lowercase();
    // CFR paragraph letters are case-sensitive in meaning ((a) vs (A)), so compare exactly first.
    if r == q || r.starts_with(q) && matches!(r[q.len()..].chars().next(), Some('(' | '-')) {
        return true;
    }
    // CSF ids and MSP ids are upper case by convention; accept any case for those.
    !q.contains('(')
        && (r_low == q_low
            || r_low.starts_with(&q_low)
                && matches!(r_low[q_low.len()..].chars().next(), Some('-')))
}

/// The bank's identity, recorded in every workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankInfo {
    pub id: String,
    pub version: u32,
}

/// The whole question bank, in tab and section order, with an index by id.
#[derive(Debug)]
pub struct Catalog {
    pub info: BankInfo,
    pub questions: Vec<Question>,
    index: crate::domain::idhash::IdMap<String, usize>,
    /// The bank's questions the engagement profile leaves out, in bank order, each with why.
    /// Empty for the whole bank.
    pub out_of_scope: Vec<OutOfScope>,
}

/// A question of the bank that does not apply to this engagement, and why: its answer (if
/// any) is kept in the file and returns when the profile changes back.
#[derive(Debug, Clone)]
pub struct OutOfScope {
    pub id: String,
    pub section: String,
    pub prompt: String,
    /// "applies only when …", from the question's condition.
    pub reason: String,
}

/// A section of one area, with the indexes of its questions in `Catalog::questions`.
#[derive(Debug, Clone)]
pub struct Section {
    pub area: Area,
    pub name: String,
    pub questions: Vec<usize>,
}

const BANK_INFO: &str = include_str!("../../assets/bank/bank.ron");
const BANK_FILES: [(Area, &str, &str); 4] = [
    (
        Area::Privacy,
        "assets/bank/privacy.ron",
        include_str!("../../assets/bank/privacy.ron"),
    ),
    (
        Area::Administrative,
        "assets/bank/administrative.ron",
        include_str!("../../assets/bank/administrative.ron"),
    ),
    (
        Area::Nist,
        "assets/bank/nist.ron",
        include_str!("../../assets/bank/nist.ron"),
    ),
    (
        Area::Risk,
        "assets/bank/risk.ron",
        include_str!("../../assets/bank/risk.ron"),
    ),
];

impl Catalog {
    /// The bank compiled into the binary. Its validity is proven by the test suite, so a
    /// failure here is a build defect, reported with the file and position.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::parse_builtin() {
            Ok(c) => c,
            Err(e) => panic!("the built-in question bank is invalid: {e}"),
        })
    }

    fn parse_builtin() -> Result<Catalog, String> {
        let info: BankInfo =
            ron::from_str(BANK_INFO).map_err(|e| format!("assets/bank/bank.ron:{e}"))?;
        let mut questions = Vec::new();
        for (_, file, text) in BANK_FILES {
            let qs: Vec<Question> = ron::from_str(text).map_err(|e| format!("{file}:{e}"))?;
            questions.extend(qs);
        }
        Ok(Catalog::new(info, questions))
    }

    pub fn new(info: BankInfo, mut questions: Vec<Question>) -> Catalog {
        // Tab order first; within an area the file's order stands.
        questions.sort_by_key(|q| q.area());
        let index = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Catalog {
            info,
            questions,
            index,
            out_of_scope: Vec::new(),
        }
    }

    /// The built-in bank as the profile scopes it; the whole bank without a profile (a
    /// workspace from before profiles, or one that never set one). Each distinct profile is
    /// scoped once per process and kept: a session sees a handful at most.
    pub fn scoped(profile: Option<&Profile>) -> &'static Catalog {
        use std::collections::HashMap as Map;
        use std::sync::{Mutex, OnceLock};
        let Some(p) = profile else {
            return Catalog::builtin();
        };
        static SCOPED: OnceLock<Mutex<Map<Profile, &'static Catalog>>> = OnceLock::new();
        let cache = SCOPED.get_or_init(|| Mutex::new(Map::new()));
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(p.clone())
            .or_insert_with(|| Box::leak(Box::new(Catalog::builtin().scope_to(p))))
    }

    /// This bank without the questions whose condition the profile does not meet. A condition
    /// that does not parse keeps its question in scope (the bank's tests refuse one).
    pub fn scope_to(&self, p: &Profile) -> Catalog {
        let mut keep = Vec::with_capacity(self.questions.len());
        let mut out = Vec::new();
        for q in &self.questions {
            match Condition::parse(&q.applies) {
                Ok(c) if !q.applies.trim().is_empty() && !c.holds(p) => out.push(OutOfScope {
                    id: q.id.clone(),
                    section: q.section.clone(),
                    prompt: q.prompt.clone(),
                    reason: c.why_not(),
                }),
                _ => keep.push(q.clone()),
            }
        }
        let mut c = Catalog::new(self.info.clone(), keep);
        c.out_of_scope = out;
        c
    }

    /// True when the bank has the question but this engagement's profile leaves it out.
    pub fn is_out_of_scope(&self, id: &str) -> bool {
        self.out_of_scope.iter().any(|o| o.id == id)
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.index.get(id).map(|&i| &self.questions[i])
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn in_area(&self, area: Area) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.area() == area)
    }

    /// The sections of an area in the order the bank lists them.
    pub fn sections(&self, area: Area) -> Vec<Section> {
        let mut out: Vec<Section> = Vec::new();
        for (i, q) in self.questions.iter().enumerate() {
            if q.area() != area {
                continue;
            }
            match out.iter_mut().find(|s| s.name == q.section) {
                Some(s) => s.questions.push(i),
                None => out.push(Section {
                    area,
                    name: q.section.clone(),
                    questions: vec![i],
                }),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank_lint::validate_question;
    use std::collections::BTreeSet;

    fn bank() -> &'static Catalog {
        Catalog::builtin()
    }

    #[test]
    fn every_bank_file_parses_and_every_question_is_valid() {
        let c = Catalog::parse_builtin().expect("bank parses");
        let problems: Vec<String> = c.questions.iter().flat_map(validate_question).collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn ids_are_unique_and_sit_in_the_file_of_their_area() {
        let mut seen = BTreeSet::new();
        for (area, file, text) in BANK_FILES {
            let qs: Vec<Question> = ron::from_str(text).unwrap();
            for q in qs {
                assert_eq!(q.area(), area, "{} is in {file}", q.id);
                assert!(seen.insert(q.id.clone()), "{} is used twice", q.id);
            }
        }
    }

    #[test]
    fn reference_queries_match_sub_paragraphs_only() {
        assert!(reference_matches("164.312(a)(2)(iv)", "164.312"));
        assert!(reference_matches("164.312(a)(2)(iv)", "164.312(a)"));
        assert!(!reference_matches("164.312(a)(2)(iv)", "164.31"));
        assert!(!reference_matches("164.312(a)(1)", "164.312(a)(2)(iv)"));
        assert!(reference_matches("PR.DS-01", "PR.DS"));
        assert!(reference_matches("PR.DS-01", "pr.ds"));
        assert!(!reference_matches("PR.DS-10", "PR.DS-1"));
        assert!(!reference_matches(
            "164.308(a)(1)(ii)(A)",
            "164.308(a)(1)(ii)(a)"
        ));
    }

    #[test]
    fn sections_keep_bank_order() {
        let s = bank().sections(Area::Nist);
        assert_eq!(s[0].name, "Govern (GV)");
        assert_eq!(s.last().unwrap().name, "Recover (RC)");
        let total: usize = s.iter().map(|s| s.questions.len()).sum();
        assert_eq!(total, bank().in_area(Area::Nist).count());
    }
}

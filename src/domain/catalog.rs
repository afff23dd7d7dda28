//! The built-in question bank: the four audit areas, their questions and references.
//!
//! Longer than most files on purpose: the Security Rule, CSF 2.0 and MSP checklist tables the
//! bank is checked against live here as data, beside the tests of every coverage rule.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

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
    pub guidance: String,
    pub references: Vec<String>,
    pub kind: Kind,
    pub likelihood: Rating,
    pub impact: Rating,
    pub remediation: String,
    #[serde(default)]
    pub tags: Vec<String>,
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
    index: HashMap<String, usize>,
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
        }
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

/// What the HIPAA Security Rule calls each of its standards and implementation specifications
/// in 164.308 - 164.316: the citation and whether it is required (`true`) or addressable.
/// Standards are listed as required.
pub const SECURITY_RULE: &[(&str, bool, &str)] = &[
    ("164.308(a)(1)(i)", true, "Security management process"),
    ("164.308(a)(1)(ii)(A)", true, "Risk analysis"),
    ("164.308(a)(1)(ii)(B)", true, "Risk management"),
    ("164.308(a)(1)(ii)(C)", true, "Sanction policy"),
    (
        "164.308(a)(1)(ii)(D)",
        true,
        "Information system activity review",
    ),
    ("164.308(a)(2)", true, "Assigned security responsibility"),
    ("164.308(a)(3)(i)", true, "Workforce security"),
    (
        "164.308(a)(3)(ii)(A)",
        false,
        "Authorization and/or supervision",
    ),
    (
        "164.308(a)(3)(ii)(B)",
        false,
        "Workforce clearance procedure",
    ),
    ("164.308(a)(3)(ii)(C)", false, "Termination procedures"),
    ("164.308(a)(4)(i)", true, "Information access management"),
    (
        "164.308(a)(4)(ii)(A)",
        true,
        "Isolating clearinghouse functions",
    ),
    ("164.308(a)(4)(ii)(B)", false, "Access authorization"),
    (
        "164.308(a)(4)(ii)(C)",
        false,
        "Access establishment and modification",
    ),
    ("164.308(a)(5)(i)", true, "Security awareness and training"),
    ("164.308(a)(5)(ii)(A)", false, "Security reminders"),
    (
        "164.308(a)(5)(ii)(B)",
        false,
        "Protection from malicious software",
    ),
    ("164.308(a)(5)(ii)(C)", false, "Log-in monitoring"),
    ("164.308(a)(5)(ii)(D)", false, "Password management"),
    ("164.308(a)(6)(i)", true, "Security incident procedures"),
    ("164.308(a)(6)(ii)", true, "Response and reporting"),
    ("164.308(a)(7)(i)", true, "Contingency plan"),
    ("164.308(a)(7)(ii)(A)", true, "Data backup plan"),
    ("164.308(a)(7)(ii)(B)", true, "Disaster recovery plan"),
    (
        "164.308(a)(7)(ii)(C)",
        true,
        "Emergency mode operation plan",
    ),
    (
        "164.308(a)(7)(ii)(D)",
        false,
        "Testing and revision procedures",
    ),
    (
        "164.308(a)(7)(ii)(E)",
        false,
        "Applications and data criticality analysis",
    ),
    ("164.308(a)(8)", true, "Evaluation"),
    ("164.308(b)(1)", true, "Business associate contracts"),
    (
        "164.308(b)(3)",
        true,
        "Written contract or other arrangement",
    ),
    ("164.310(a)(1)", true, "Facility access controls"),
    ("164.310(a)(2)(i)", false, "Contingency operations"),
    ("164.310(a)(2)(ii)", false, "Facility security plan"),
    (
        "164.310(a)(2)(iii)",
        false,
        "Access control and validation procedures",
    ),
    ("164.310(a)(2)(iv)", false, "Maintenance records"),
    ("164.310(b)", true, "Workstation use"),
    ("164.310(c)", true, "Workstation security"),
    ("164.310(d)(1)", true, "Device and media controls"),
    ("164.310(d)(2)(i)", true, "Disposal"),
    ("164.310(d)(2)(ii)", true, "Media re-use"),
    ("164.310(d)(2)(iii)", false, "Accountability"),
    ("164.310(d)(2)(iv)", false, "Data backup and storage"),
    ("164.312(a)(1)", true, "Access control"),
    ("164.312(a)(2)(i)", true, "Unique user identification"),
    ("164.312(a)(2)(ii)", true, "Emergency access procedure"),
    ("164.312(a)(2)(iii)", false, "Automatic logoff"),
    ("164.312(a)(2)(iv)", false, "Encryption and decryption"),
    ("164.312(b)", true, "Audit controls"),
    ("164.312(c)(1)", true, "Integrity"),
    ("164.312(c)(2)", false, "Mechanism to authenticate ePHI"),
    ("164.312(d)", true, "Person or entity authentication"),
    ("164.312(e)(1)", true, "Transmission security"),
    ("164.312(e)(2)(i)", false, "Integrity controls"),
    ("164.312(e)(2)(ii)", false, "Encryption"),
    (
        "164.314(a)(1)",
        true,
        "Business associate contracts or other arrangements",
    ),
    ("164.314(a)(2)(i)", true, "Business associate contracts"),
    (
        "164.314(a)(2)(iii)",
        true,
        "Business associate contracts with subcontractors",
    ),
    ("164.314(b)(1)", true, "Requirements for group health plans"),
    (
        "164.314(b)(2)",
        true,
        "Group health plan implementation specifications",
    ),
    ("164.316(a)", true, "Policies and procedures"),
    ("164.316(b)(1)", true, "Documentation"),
    ("164.316(b)(2)(i)", true, "Time limit (6 years)"),
    ("164.316(b)(2)(ii)", true, "Availability"),
    ("164.316(b)(2)(iii)", true, "Updates"),
];

/// Every category of NIST CSF 2.0 with its subcategory numbers (withdrawn numbers left out).
pub const CSF_CATEGORIES: &[(&str, &str, &[u8])] = &[
    ("GV.OC", "Organizational Context", &[1, 2, 3, 4, 5]),
    ("GV.RM", "Risk Management Strategy", &[1, 2, 3, 4, 5, 6, 7]),
    (
        "GV.RR",
        "Roles, Responsibilities, and Authorities",
        &[1, 2, 3, 4],
    ),
    ("GV.PO", "Policy", &[1, 2]),
    ("GV.OV", "Oversight", &[1, 2, 3]),
    (
        "GV.SC",
        "Cybersecurity Supply Chain Risk Management",
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ),
    ("ID.AM", "Asset Management", &[1, 2, 3, 4, 5, 7, 8]),
    ("ID.RA", "Risk Assessment", &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ("ID.IM", "Improvement", &[1, 2, 3, 4]),
    (
        "PR.AA",
        "Identity Management, Authentication, and Access Control",
        &[1, 2, 3, 4, 5, 6],
    ),
    ("PR.AT", "Awareness and Training", &[1, 2]),
    ("PR.DS", "Data Security", &[1, 2, 10, 11]),
    ("PR.PS", "Platform Security", &[1, 2, 3, 4, 5, 6]),
    (
        "PR.IR",
        "Technology Infrastructure Resilience",
        &[1, 2, 3, 4],
    ),
    ("DE.CM", "Continuous Monitoring", &[1, 2, 3, 6, 9]),
    ("DE.AE", "Adverse Event Analysis", &[2, 3, 4, 6, 7, 8]),
    ("RS.MA", "Incident Management", &[1, 2, 3, 4, 5]),
    ("RS.AN", "Incident Analysis", &[3, 6, 7, 8]),
    (
        "RS.CO",
        "Incident Response Reporting and Communication",
        &[2, 3],
    ),
    ("RS.MI", "Incident Mitigation", &[1, 2]),
    (
        "RC.RP",
        "Incident Recovery Plan Execution",
        &[1, 2, 3, 4, 5, 6],
    ),
    ("RC.CO", "Incident Recovery Communication", &[3, 4]),
];

/// The MSP checklist lines every MSP audit must answer (shared/reference/MSP-CHECKLIST.md).
pub const MSP_CHECKLIST: &[&str] = &[
    "POL-1", "POL-2", "POL-3", "POL-4", "AUD-1", "AUD-2", "AUD-3", "AUD-4", "AUD-5", "REM-1",
    "REM-2", "PER-1", "PER-2", "PER-3", "PER-4", "BA-1", "BA-2", "REP-1", "REP-2", "REP-3",
    "REP-4",
];

/// The kinds of reference a question may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// A paragraph of 45 CFR Part 160 or 164.
    Cfr,
    /// A NIST CSF 2.0 category or subcategory.
    Csf,
    /// A NIST special publication.
    SpecialPublication,
    /// A line of the MSP checklist.
    Msp,
}

/// Classifies a reference, or says why it is not well formed.
pub fn classify_reference(r: &str) -> Result<RefKind, String> {
    if let Some(rest) = r.strip_prefix("MSP ") {
        return if MSP_CHECKLIST.contains(&rest) {
            Ok(RefKind::Msp)
        } else {
            Err(format!("{r}: not a line of the MSP checklist"))
        };
    }
    if let Some(rest) = r.strip_prefix("SP 800-") {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let tail = &rest[digits.len()..];
        let tail_ok = tail.is_empty()
            || tail.len() == 2
                && tail.starts_with('r')
                && tail[1..].chars().all(|c| c.is_ascii_digit());
        return if !digits.is_empty() && tail_ok {
            Ok(RefKind::SpecialPublication)
        } else {
            Err(format!(
                "{r}: a special publication reads like SP 800-30 or SP 800-66r2"
            ))
        };
    }
    if r.starts_with("160.") || r.starts_with("164.") {
        return check_cfr(r).map(|_| RefKind::Cfr);
    }
    if r.len() >= 5 && r.as_bytes()[2] == b'.' {
        return check_csf(r).map(|_| RefKind::Csf);
    }
    Err(format!(
        "{r}: not a CFR paragraph, CSF 2.0 id, SP 800 publication or MSP checklist line"
    ))
}

fn check_cfr(r: &str) -> Result<(), String> {
    let section: String = r[4..].chars().take_while(|c| c.is_ascii_digit()).collect();
    if section.len() != 3 {
        return Err(format!("{r}: a CFR section has three digits (164.308)"));
    }
    let mut rest = &r[4 + section.len()..];
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('(') else {
            return Err(format!(
                "{r}: paragraphs are written in parentheses: (a)(1)(ii)"
            ));
        };
        let Some(end) = inner.find(')') else {
            return Err(format!("{r}: unclosed parenthesis"));
        };
        let para = &inner[..end];
        if para.is_empty() || !para.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!(
                "{r}: paragraph ({para}) is not a letter, number or numeral"
            ));
        }
        rest = &inner[end + 1..];
    }
    Ok(())
}

fn check_csf(r: &str) -> Result<(), String> {
    let (cat, sub) = match r.split_once('-') {
        Some((c, s)) => (c, Some(s)),
        None => (r, None),
    };
    let Some((_, _, subs)) = CSF_CATEGORIES.iter().find(|(c, _, _)| *c == cat) else {
        return Err(format!("{r}: {cat} is not a NIST CSF 2.0 category"));
    };
    if let Some(sub) = sub {
        let ok = sub.len() == 2 && sub.parse::<u8>().is_ok_and(|n| subs.contains(&n));
        if !ok {
            return Err(format!("{r}: not a NIST CSF 2.0 subcategory of {cat}"));
        }
    }
    Ok(())
}

/// The kind a HIPAA citation implies: the Security Rule table for 164.308-164.316, and
/// Required for every other CFR paragraph (the Privacy and Breach rules have no addressable
/// specifications). `None` for a citation in the Security Rule range that the table lacks.
pub fn kind_of_citation(r: &str) -> Option<Kind> {
    if let Some((_, required, _)) = SECURITY_RULE.iter().find(|(c, _, _)| *c == r) {
        return Some(if *required {
            Kind::Required
        } else {
            Kind::Addressable
        });
    }
    let in_security_specs = ["164.308", "164.310", "164.312", "164.314", "164.316"]
        .iter()
        .any(|s| r.starts_with(s));
    if in_security_specs {
        None
    } else {
        Some(Kind::Required)
    }
}

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
    if q.prompt.matches('?').count() > 1 {
        p("the prompt asks more than one question".into());
    }
    if q.finding.trim().is_empty()
        || q.finding.contains('?')
        || !q.finding.trim_end().ends_with('.')
    {
        p("the finding must be one statement ending with '.'".into());
    }
    problems
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
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

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
    fn no_two_questions_share_a_prompt() {
        let mut seen = BTreeMap::new();
        for q in &bank().questions {
            let key = q.prompt.to_lowercase();
            if let Some(other) = seen.insert(key, &q.id) {
                panic!("{} and {other} ask the same thing", q.id);
            }
        }
    }

    #[test]
    fn each_area_has_its_minimum_count() {
        let count = |a| bank().in_area(a).count();
        assert!(
            count(Area::Privacy) >= 40,
            "privacy {}",
            count(Area::Privacy)
        );
        assert!(count(Area::Administrative) >= 45);
        assert!(count(Area::Nist) >= 44);
        assert!(count(Area::Risk) >= 20);
    }

    #[test]
    fn administrative_tab_cites_every_308_314_316_spec_exactly_with_its_kind() {
        for (cite, required, name) in SECURITY_RULE {
            if !["164.308", "164.314", "164.316"]
                .iter()
                .any(|s| cite.starts_with(s))
            {
                continue;
            }
            // Bank v2 asks the plan sponsor's terms as one applicability question led by
            // the standard, 164.314(b)(1); the specification is cited right after it.
            if *cite == "164.314(b)(2)" {
                assert!(
                    bank().in_area(Area::Administrative).any(|q| q
                        .references
                        .first()
                        .map(String::as_str)
                        == Some("164.314(b)(1)")
                        && q.cites(cite)),
                    "164.314(b)(2) is not asked with its standard"
                );
                continue;
            }
            let hit = bank().in_area(Area::Administrative).find(|q| {
                q.references.first().map(String::as_str) == Some(cite)
                    && (q.kind == Kind::Required) == *required
            });
            assert!(
                hit.is_some(),
                "no Administrative question leads with {cite} ({name})"
            );
        }
    }

    #[test]
    fn nist_tab_cites_every_physical_and_technical_spec() {
        for (cite, _, name) in SECURITY_RULE {
            if !cite.starts_with("164.310") && !cite.starts_with("164.312") {
                continue;
            }
            let hit = bank()
                .in_area(Area::Nist)
                .any(|q| q.references.iter().any(|r| r == cite));
            assert!(hit, "no NIST question cites {cite} ({name})");
        }
    }

    #[test]
    fn nist_tab_has_two_questions_per_csf_category_citing_subcategories() {
        for (cat, name, _) in CSF_CATEGORIES {
            let n = bank()
                .in_area(Area::Nist)
                .filter(|q| {
                    q.references
                        .iter()
                        .any(|r| r.starts_with(cat) && r.len() > cat.len())
                })
                .count();
            assert!(
                n >= 2,
                "{cat} ({name}) has {n} questions citing its subcategories"
            );
        }
    }

    #[test]
    fn every_msp_checklist_line_is_a_tagged_question() {
        for line in MSP_CHECKLIST {
            let r = format!("MSP {line}");
            let hit = bank()
                .questions
                .iter()
                .any(|q| q.has_tag("msp") && q.references.contains(&r));
            assert!(hit, "MSP checklist line {line} has no question tagged msp");
        }
        assert!(
            bank()
                .questions
                .iter()
                .filter(|q| q.has_tag("msp"))
                .all(|q| q.area() == Area::Administrative)
        );
    }

    #[test]
    fn privacy_tab_covers_rights_and_breach_deadlines() {
        for cite in [
            "164.502", "164.508", "164.520", "164.522", "164.524", "164.526", "164.528", "164.530",
            "164.402", "164.404", "164.406", "164.408", "164.410", "164.414",
        ] {
            assert!(
                bank().in_area(Area::Privacy).any(|q| q.cites(cite)),
                "no Privacy question cites {cite}"
            );
        }
    }

    #[test]
    fn risk_tab_covers_analysis_and_management() {
        for cite in ["164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)", "SP 800-30"] {
            let n = bank().in_area(Area::Risk).filter(|q| q.cites(cite)).count();
            assert!(n >= 3, "only {n} Risk questions cite {cite}");
        }
    }

    #[test]
    fn the_kind_rule_the_first_reference_decides() {
        let q = |refs: &[&str], kind| Question {
            id: "ADM-XX-01".into(),
            section: "S".into(),
            prompt: "Is it done?".into(),
            finding: "It is not done.".into(),
            guidance: "In place: done. Evidence: the record.".into(),
            references: refs.iter().map(|r| r.to_string()).collect(),
            kind,
            likelihood: Rating::MODERATE,
            impact: Rating::MODERATE,
            remediation: "Do it.".into(),
            tags: vec![],
        };
        let ok = |refs: &[&str], kind| validate_question(&q(refs, kind)).is_empty();
        // A CSF id first: Best practice, even with a Required CFR citation after it.
        assert!(ok(&["PR.AA-03", "164.312(d)"], Kind::BestPractice));
        assert!(!ok(&["PR.AA-03", "164.312(d)"], Kind::Required));
        // A CFR specification first gives its own kind.
        assert!(ok(&["164.312(e)(2)(ii)", "PR.DS-02"], Kind::Addressable));
        assert!(!ok(&["164.312(e)(2)(ii)"], Kind::Required));
        assert!(ok(&["164.308(a)(1)(ii)(A)"], Kind::Required));
        // Prompts: one question, 240 characters at most; a finding is a statement.
        let mut two = q(&["164.308(a)(1)(ii)(A)"], Kind::Required);
        two.prompt = "Is it done? Is it written?".into();
        assert!(!validate_question(&two).is_empty());
        let mut long = q(&["164.308(a)(1)(ii)(A)"], Kind::Required);
        long.prompt = format!("{}?", "a".repeat(240));
        assert!(!validate_question(&long).is_empty());
        let mut nofinding = q(&["164.308(a)(1)(ii)(A)"], Kind::Required);
        nofinding.finding = String::new();
        assert!(!validate_question(&nofinding).is_empty());
    }

    #[test]
    fn bank_v2_covers_the_topics_of_the_2025_2026_review() {
        let b = bank();
        let text = |q: &Question| format!("{} {} {}", q.prompt, q.guidance, q.references.join(" "));
        let has = |what: &str, f: &dyn Fn(&Question) -> bool| {
            assert!(b.questions.iter().any(f), "no question on {what}");
        };
        has("42 CFR Part 2 records", &|q| q.has_tag("part2"));
        has("encryption at rest beyond laptops", &|q| {
            q.has_tag("encryption") && text(q).contains("at rest")
        });
        has("recognized security practices (Pub. L. 116-321)", &|q| {
            text(q).contains("116-321")
        });
        has("readiness for the Security Rule NPRM", &|q| {
            q.has_tag("nprm") && q.kind == Kind::BestPractice
        });
        has("power and environmental protection", &|q| {
            text(q).contains("UPS")
        });
        has("telehealth platforms", &|q| q.has_tag("telehealth"));
        has("staff social media and replies to online reviews", &|q| {
            q.section == "Social media and reviews"
        });
        has("164.512 disclosures", &|q| {
            q.references.iter().any(|r| r.starts_with("164.512"))
        });
        has("decedents and the 50-year rule", &|q| {
            text(q).contains("50 years")
        });
        has("patient-portal security", &|q| {
            q.prompt.to_lowercase().contains("portal")
        });
        has("AI tools that see PHI", &|q| q.has_tag("ai"));
        has("business associates' direct liability", &|q| {
            text(q).contains("Omnibus")
        });
        let lib = crate::domain::risk::library();
        assert!(lib.iter().any(|t| t.title.contains("Tracking pixels")));
        assert!(lib.iter().any(|t| t.title.contains("Zero-day")));
        assert!(b.info.version >= 2);
    }

    #[test]
    fn yearly_duties_are_tagged() {
        let yearly: Vec<&Question> = bank()
            .questions
            .iter()
            .filter(|q| q.has_tag("yearly"))
            .collect();
        for (what, cite) in [
            ("training", "MSP PER-1"),
            ("policy review", "MSP POL-4"),
            ("risk audit", "MSP AUD-1"),
            ("contingency test", "164.308(a)(7)(ii)(D)"),
            ("evaluation", "164.308(a)(8)"),
        ] {
            assert!(
                yearly.iter().any(|q| q.cites(cite)),
                "the yearly duty '{what}' ({cite}) is not tagged yearly"
            );
        }
        assert!(yearly.iter().any(|q| q.area() == Area::Risk));
    }

    #[test]
    fn references_are_classified() {
        assert_eq!(classify_reference("164.312(a)(2)(iv)"), Ok(RefKind::Cfr));
        assert_eq!(classify_reference("PR.DS-01"), Ok(RefKind::Csf));
        assert_eq!(classify_reference("PR.DS"), Ok(RefKind::Csf));
        assert!(
            classify_reference("PR.DS-03").is_err(),
            "withdrawn in CSF 2.0"
        );
        assert!(classify_reference("XX.DS-01").is_err());
        assert!(classify_reference("164.31(a)").is_err());
        assert!(classify_reference("164.312 (a)").is_err());
        assert!(classify_reference("164.312(a").is_err());
        assert_eq!(
            classify_reference("SP 800-66r2"),
            Ok(RefKind::SpecialPublication)
        );
        assert!(classify_reference("SP 800-").is_err());
        assert_eq!(classify_reference("MSP BA-2"), Ok(RefKind::Msp));
        assert!(classify_reference("MSP BA-9").is_err());
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
    fn kind_rules_follow_the_security_rule_table() {
        let specs = SECURITY_RULE.iter().filter(|(c, _, _)| {
            c.starts_with("164.308") || c.starts_with("164.310") || c.starts_with("164.312")
        });
        assert_eq!(
            specs.count(),
            54,
            "18 standards + 36 implementation specifications"
        );
        assert_eq!(
            kind_of_citation("164.312(a)(2)(iv)"),
            Some(Kind::Addressable)
        );
        assert_eq!(kind_of_citation("164.310(d)(2)(i)"), Some(Kind::Required));
        assert_eq!(kind_of_citation("164.524(b)"), Some(Kind::Required));
        assert_eq!(kind_of_citation("164.308(a)(9)"), None);
    }

    #[test]
    fn coverage_table_is_current_and_has_no_holes() {
        let md = coverage_markdown(bank());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/COVERAGE.md");
        if std::env::var_os("HIPAUDIT_WRITE_DOCS").is_some() {
            std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).unwrap();
            std::fs::write(path, &md).unwrap();
        }
        assert!(
            !md.contains("**none**"),
            "a citation or category has no question:\n{md}"
        );
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == md,
            "docs/COVERAGE.md is stale: run HIPAUDIT_WRITE_DOCS=1 cargo test coverage_table"
        );
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

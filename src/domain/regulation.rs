//! The regulation tables the bank is checked against, as data: every standard and
//! implementation specification of the HIPAA Security Rule with its kind, the categories and
//! subcategories of NIST CSF 2.0, and the MSP checklist; and the reading of a reference (a CFR
//! paragraph, a CSF id, an SP 800 publication or a checklist line) against them.

use crate::domain::catalog::Kind;

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
    if r.starts_with("160.") || r.starts_with("164.") || r.starts_with("171.") {
        return check_cfr(r).map(|_| RefKind::Cfr);
    }
    if let Some(rest) = r.strip_prefix("42 CFR 2.") {
        return check_part2(r, rest).map(|_| RefKind::Cfr);
    }
    if r.len() >= 5 && r.as_bytes()[2] == b'.' {
        return check_csf(r).map(|_| RefKind::Csf);
    }
    Err(format!(
        "{r}: not a CFR paragraph, CSF 2.0 id, SP 800 publication or MSP checklist line"
    ))
}

/// The sections of 42 CFR Part 2 (as amended in 2024, 89 FR 12472): Part 2's consent and
/// lawful-holder duties bind a program and whoever receives its records, so the bank cites
/// them as `42 CFR 2.31` or `42 CFR 2.12(d)`.
pub const PART2_SECTIONS: &[u8] = &[
    1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 31, 32, 33, 34,
    35, 36, 51, 52, 53, 54, 61, 62, 63, 64, 65, 66, 67, 68,
];

fn check_part2(r: &str, rest: &str) -> Result<(), String> {
    let section: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    match section.parse::<u8>() {
        Ok(n) if PART2_SECTIONS.contains(&n) && !section.starts_with('0') => {
            check_paragraphs(r, &rest[section.len()..])
        }
        _ => Err(format!(
            "{r}: not a section of 42 CFR Part 2 (write it like 42 CFR 2.31)"
        )),
    }
}

fn check_cfr(r: &str) -> Result<(), String> {
    let section: String = r[4..].chars().take_while(|c| c.is_ascii_digit()).collect();
    if section.len() != 3 {
        return Err(format!("{r}: a CFR section has three digits (164.308)"));
    }
    check_paragraphs(r, &r[4 + section.len()..])
}

fn check_paragraphs(r: &str, mut rest: &str) -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // 42 CFR Part 2 sections and 45 CFR Part 171 (information blocking) are law too.
        assert_eq!(classify_reference("42 CFR 2.31"), Ok(RefKind::Cfr));
        assert_eq!(classify_reference("42 CFR 2.12(d)(2)"), Ok(RefKind::Cfr));
        assert_eq!(classify_reference("171.103"), Ok(RefKind::Cfr));
        for bad in [
            "42 CFR 2.99",
            "42 CFR 2.031",
            "42 CFR 2.",
            "42 CFR 2.31 (a)",
            "42 CFR 2.3x",
        ] {
            assert!(classify_reference(bad).is_err(), "{bad}");
        }
        assert_eq!(kind_of_citation("42 CFR 2.31"), Some(Kind::Required));
        assert!(classify_reference("MSP BA-9").is_err());
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
}

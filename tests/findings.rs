//! The report's findings: one per problem, never without a recommendation, the consultant's
//! words before the bank's, and the same grouping in `gaps --format json`.

use hipaudit::exchange::export::ExportFormat;
use hipaudit::io::paths::DEMO;

#[path = "common/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{hipaudit, text};

/// The plan section of the demo's Markdown report.
fn plan(redact: bool) -> String {
    let md = text(ExportFormat::Md, redact);
    let start = md.find("## Gap and remediation plan").unwrap();
    let end = start + md[start..].find("\n## Risk analysis").unwrap();
    md[start..end].to_string()
}

#[test]
fn the_missing_swiftscribe_baa_is_one_finding_with_the_others_named_under_it() {
    let p = plan(false);
    let rows: Vec<&str> = p.lines().filter(|l| l.starts_with("| ")).collect();
    let row_of = |id: &str| {
        rows.iter()
            .filter(|r| r.split('|').nth(2).map(str::trim) == Some(id))
            .count()
    };
    assert_eq!(row_of("R-06"), 1);
    assert_eq!(
        row_of("ADM-BA-02"),
        0,
        "printed under R-06, not as its own row"
    );
    assert_eq!(row_of("BA-03"), 0, "printed under R-06, not as its own row");
    let headings: Vec<&str> = p
        .lines()
        .filter(|l| {
            l.starts_with("### ") && l.contains("SwiftScribe")
                || l.contains("without a signed BAA") && l.starts_with("### ")
        })
        .collect();
    assert_eq!(headings.len(), 1, "{headings:?}");
    let r06 = &p[p.find("### R-06").unwrap()..];
    let r06 = &r06[..r06[4..].find("\n### ").map_or(r06.len(), |e| e + 4)];
    assert!(r06.contains("- ADM-BA-02 (Administrative)"), "{r06}");
    assert!(r06.contains("- BA-03 (Administrative)"), "{r06}");
    assert_eq!(r06.matches("**Risk:**").count(), 1, "one rating");
}

#[test]
fn every_finding_has_a_recommendation_and_its_parts() {
    for redact in [false, true] {
        let p = plan(redact);
        let findings = p
            .lines()
            .filter(|l| l.starts_with("### ") && *l != "### Remediation projects")
            .count();
        assert!(
            p.contains("### Remediation projects"),
            "the demo's projects are listed"
        );
        let rows = p
            .lines()
            .filter(|l| l.starts_with("| ! |") || l.starts_with("|  |"))
            .count();
        assert!(findings > 10);
        assert_eq!(findings, rows, "a table row for every finding");
        for part in [
            "**Risk:**",
            "**Condition",
            "**Criteria:**",
            "**Recommendation:**",
            "**Management response:**",
        ] {
            assert_eq!(p.matches(part).count(), findings, "{part}");
        }
        for l in p.lines().filter(|l| l.starts_with("**Recommendation:**")) {
            let rest = l["**Recommendation:**".len()..].trim();
            // A redacted copy withholds the agreed plan (it may hold PHI) and says so.
            assert!(rest.len() > 10 || redact && rest == "[redacted]", "{l}");
        }
        assert!(!p.contains("| — |  |"), "no empty finding cell");
    }
}

#[test]
fn a_redacted_report_states_the_banks_finding_instead_of_the_note() {
    let full = plan(false);
    let red = plan(true);
    // The demo's note on audit logging is the condition in full, withheld when redacted.
    let note = "M365 unified audit log not enabled";
    assert!(full.contains(note));
    assert!(!red.contains(note));
    assert!(red.contains("**Condition (the bank's finding):** Audit logging is not enabled"));
}

#[test]
fn gaps_json_names_each_items_finding_and_never_an_empty_recommendation() {
    let d = tempfile::tempdir().unwrap();
    let w = d.path().join("demo.ron");
    std::fs::write(&w, DEMO).unwrap();
    let o = hipaudit(d.path())
        .args(["gaps", w.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let get = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    assert_eq!(get("BA-03")["finding"], "R-06");
    assert_eq!(get("ADM-BA-02")["finding"], "R-06");
    let mut linked: Vec<&str> = get("R-06")["linked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    linked.sort();
    assert_eq!(linked, ["ADM-BA-02", "BA-03"]);
    for i in &items {
        assert!(
            !i["recommendation"].as_str().unwrap().trim().is_empty(),
            "{}",
            i["id"]
        );
        assert!(!i["condition"].as_str().unwrap().trim().is_empty());
    }
}

#[test]
fn the_summary_never_quotes_an_area_from_two_answers_and_flags_what_contradicts_a_yes() {
    use hipaudit::domain::catalog::{Area, Catalog};
    use hipaudit::domain::workspace::{Actor, AnswerStatus, Workspace};
    use hipaudit::exchange::export::export_bytes;
    let c = Catalog::builtin();
    let today = reports::today();
    let mut w = Workspace::new("Clinic", "Ana", c, today);
    let actor = Actor {
        name: "Ana".into(),
        now: today.and_hms_opt(9, 0, 0).unwrap(),
    };
    let nist: Vec<String> = c
        .in_area(Area::Nist)
        .take(2)
        .map(|q| q.id.clone())
        .collect();
    for id in &nist {
        w.set_answer(id, AnswerStatus::No, &actor);
    }
    // "Is there a current risk analysis?" Yes, with an empty inventory and register.
    w.set_answer("RSK-SC-01", AnswerStatus::Yes, &actor);
    let md = String::from_utf8(export_bytes(&w, ExportFormat::Md, false, today).unwrap()).unwrap();
    let total = c.in_area(Area::Nist).count();
    assert!(
        md.contains(&format!("| not yet assessed: 2 of {total} answered |")),
        "the NIST row says it is not assessed"
    );
    assert!(
        !md.contains("| 0% |"),
        "never a percentage from two answers"
    );
    assert!(md.contains("No area is assessed far enough yet"));
    assert!(md.contains("**Answers to check before this report is final (1)**"));
    assert!(md.contains("- RSK-SC-01 is answered Yes, but the risk analysis shows"));
    assert!(md.contains("so this document is a gap assessment"));
}

//! The evidence request list sent before a visit: per area and section, the documents and
//! records to have ready, drawn from each question's "Evidence:" guidance, for the questions
//! still unanswered or to re-verify. Deduplicated across the whole list (an item asked by
//! several questions is listed once, with all their ids), with checkboxes; the people to
//! interview are gathered apart.
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::catalog::{Area, Catalog};
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::Workspace;
use crate::exchange::cells::md_text;

/// The items of one guidance text's "Evidence:" part.
pub fn evidence_items(guidance: &str) -> Vec<String> {
    let Some((_, evidence)) = guidance.split_once("Evidence:") else {
        return Vec::new();
    };
    let evidence = evidence.trim().trim_end_matches('.');
    // Items are separated by ", " (", and " before the last), but a comma also sits inside
    // an item ("the access, amendment and accounting clauses"): a piece starts a new item
    // only when it opens like one.
    const STARTS: [&str; 14] = [
        "a ",
        "an ",
        "the ",
        "any ",
        "each ",
        "every ",
        "copies",
        "photos",
        "screenshots",
        "signed",
        "interview",
        "records",
        "proof",
        "minutes",
    ];
    let mut out: Vec<String> = Vec::new();
    for part in evidence.split("; ") {
        for (n, raw) in part.split(", ").enumerate() {
            let piece = raw.trim();
            let bare = piece.strip_prefix("and ").unwrap_or(piece);
            let l = bare.to_lowercase();
            let opens = n == 0
                || STARTS.iter().any(|s| l.starts_with(s))
                || l.starts_with(|c: char| c.is_ascii_digit());
            match out.last_mut() {
                Some(last) if !opens => {
                    last.push_str(", ");
                    last.push_str(piece);
                }
                _ if bare.len() >= 4 => {
                    let mut c = bare.chars();
                    if let Some(f) = c.next() {
                        out.push(f.to_uppercase().collect::<String>() + c.as_str());
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// A key that counts "The signed policy" and "the signed policy" as one item.
fn key(item: &str) -> String {
    let l = item.to_lowercase();
    let l = l
        .strip_prefix("the ")
        .or_else(|| l.strip_prefix("a "))
        .or_else(|| l.strip_prefix("an "))
        .unwrap_or(&l);
    l.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_interview(item: &str) -> bool {
    let l = item.to_lowercase();
    l.starts_with("an interview") || l.starts_with("interview")
}

/// The request list as Markdown.
pub fn markdown(catalog: &Catalog, ws: &Workspace, today: NaiveDate) -> String {
    let wanted = |id: &str| ws.status(id) == AnswerStatus::Unanswered || ws.to_reverify(id);
    // (item, question ids), in first-asked order; interviews apart.
    let mut seen: Vec<(String, String)> = Vec::new(); // (key, item)
    let mut ids_of: Vec<Vec<String>> = Vec::new();
    let mut sections: Vec<(Area, String, Vec<usize>)> = Vec::new();
    let mut interviews: Vec<usize> = Vec::new();
    for area in Area::ALL {
        for s in catalog.sections(area) {
            let mut here = Vec::new();
            for &qi in &s.questions {
                let q = &catalog.questions[qi];
                if !wanted(&q.id) {
                    continue;
                }
                for item in evidence_items(&q.guidance) {
                    let k = key(&item);
                    let at = match seen.iter().position(|(sk, _)| *sk == k) {
                        Some(i) => i,
                        None => {
                            seen.push((k, item.clone()));
                            ids_of.push(Vec::new());
                            let i = seen.len() - 1;
                            if is_interview(&item) {
                                interviews.push(i);
                            } else {
                                here.push(i);
                            }
                            i
                        }
                    };
                    if !ids_of[at].contains(&q.id) {
                        ids_of[at].push(q.id.clone());
                    }
                }
            }
            if !here.is_empty() {
                sections.push((area, s.name.clone(), here));
            }
        }
    }
    let e = &ws.engagement;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Documents and records to prepare: {}\n",
        md_text(&e.client)
    );
    let _ = writeln!(
        md,
        "Prepared {today} for the HIPAA assessment{}. Please have each item ready (a copy, or where it is kept) and tick it off; the codes say which questions it answers.\n",
        if e.assessor.is_empty() {
            String::new()
        } else {
            format!(" with {}", md_text(&e.assessor))
        }
    );
    let mut area_done = None;
    for (area, section, items) in &sections {
        if area_done != Some(*area) {
            let _ = writeln!(md, "\n## {}\n", area.name());
            area_done = Some(*area);
        }
        let _ = writeln!(md, "### {}\n", md_text(section));
        for &i in items {
            let _ = writeln!(
                md,
                "- [ ] {} ({})",
                md_text(&seen[i].1),
                ids_of[i].join(", ")
            );
        }
        md.push('\n');
    }
    if !interviews.is_empty() {
        let _ = writeln!(md, "\n## People to interview\n");
        for &i in &interviews {
            let _ = writeln!(
                md,
                "- [ ] {} ({})",
                md_text(&seen[i].1),
                ids_of[i].join(", ")
            );
        }
    }
    if sections.is_empty() && interviews.is_empty() {
        let _ = writeln!(
            md,
            "Every question is answered and nothing is waiting to be re-verified: nothing to request."
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn a_new_workspace_lists_every_section_and_no_item_twice() {
        let c = Catalog::builtin();
        let ws = Workspace::new(
            "Acme",
            "Ana",
            c,
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        );
        let md = markdown(c, &ws, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
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
        assert!(md.contains("## People to interview"));
    }
}

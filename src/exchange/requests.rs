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

/// The request list: every item once, in first-asked order, with the questions it answers;
/// the sections that ask for them; the interviews apart.
struct List {
    /// (key, item text)
    items: Vec<(String, String)>,
    ids: Vec<Vec<String>>,
    sections: Vec<(Area, String, Vec<usize>)>,
    interviews: Vec<usize>,
}

/// The items of every question `wanted` says to ask about.
fn gather(catalog: &Catalog, wanted: impl Fn(&str) -> bool) -> List {
    let mut l = List {
        items: Vec::new(),
        ids: Vec::new(),
        sections: Vec::new(),
        interviews: Vec::new(),
    };
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
                    let at = match l.items.iter().position(|(sk, _)| *sk == k) {
                        Some(i) => i,
                        None => {
                            l.items.push((k, item.clone()));
                            l.ids.push(Vec::new());
                            let i = l.items.len() - 1;
                            if is_interview(&item) {
                                l.interviews.push(i);
                            } else {
                                here.push(i);
                            }
                            i
                        }
                    };
                    if !l.ids[at].contains(&q.id) {
                        l.ids[at].push(q.id.clone());
                    }
                }
            }
            if !here.is_empty() {
                l.sections.push((area, s.name.clone(), here));
            }
        }
    }
    l
}

fn wanted(ws: &Workspace) -> impl Fn(&str) -> bool + '_ {
    |id: &str| ws.status(id) == AnswerStatus::Unanswered || ws.to_reverify(id)
}

/// One line of the list: ticked, with the date, once the client provided it.
fn line(md: &mut String, l: &List, i: usize, ws: &Workspace) {
    let (k, item) = &l.items[i];
    let (mark, when) = match ws.received.get(k) {
        Some(d) => ("x", format!(" — received {d}")),
        None => (" ", String::new()),
    };
    let _ = writeln!(
        md,
        "- [{mark}] {} ({}){when}",
        md_text(item),
        l.ids[i].join(", ")
    );
}

/// The request list as Markdown.
pub fn markdown(catalog: &Catalog, ws: &Workspace, today: NaiveDate) -> String {
    let list = gather(catalog, wanted(ws));
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
    for (area, section, items) in &list.sections {
        if area_done != Some(*area) {
            let _ = writeln!(md, "\n## {}\n", area.name());
            area_done = Some(*area);
        }
        let _ = writeln!(md, "### {}\n", md_text(section));
        for &i in items {
            line(&mut md, &list, i, ws);
        }
        md.push('\n');
    }
    if !list.interviews.is_empty() {
        let _ = writeln!(md, "\n## People to interview\n");
        for &i in &list.interviews {
            line(&mut md, &list, i, ws);
        }
    }
    if list.sections.is_empty() && list.interviews.is_empty() {
        let _ = writeln!(
            md,
            "Every question is answered and nothing is waiting to be re-verified: nothing to request."
        );
    }
    md
}

/// The list as a CSV to hand the client: one row an item, `received` to fill in (a date, or
/// yes for today); `import --requests` reads it back.
pub fn csv(catalog: &Catalog, ws: &Workspace) -> anyhow::Result<String> {
    let list = gather(catalog, wanted(ws));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["area", "section", "item", "questions", "received"])?;
    let mut row = |area: &str, section: &str, i: usize| -> anyhow::Result<()> {
        let (k, item) = &list.items[i];
        let received = ws
            .received
            .get(k)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let cells = [area, section, item, &list.ids[i].join(" "), &received];
        w.write_record(cells.iter().map(|c| crate::exchange::cells::csv_safe(c)))?;
        Ok(())
    };
    for (area, section, items) in &list.sections {
        for &i in items {
            row(area.name(), section, i)?;
        }
    }
    for &i in &list.interviews {
        row("", "People to interview", i)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Reads back which items the client provided: a CSV with `item` and `received` (a date,
/// yes or x for `today`, empty or no for not received), through the one strict reader every
/// import uses. Items are matched by their text against every item the bank's guidance
/// names; a date received cannot be after today; the same item twice must say the same.
/// Every problem comes with its line.
pub fn parse_received(
    text: &str,
    catalog: &Catalog,
    today: NaiveDate,
) -> Result<Vec<(String, Option<NaiveDate>)>, Vec<String>> {
    use crate::exchange::sheet::{self, quoted};
    let known = gather(catalog, |_| true);
    let mut s = sheet::read(text)?;
    if !s.has("item") || !s.has("received") {
        return Err(vec!["1: the header needs `item` and `received` columns (export --format requests --as csv writes them)".into()]);
    }
    let mut problems = s.refuse_conflicting_repeats("item", |s, r| {
        Some(key(s.get(r, "item"))).filter(|k| !k.is_empty())
    });
    let mut out = Vec::new();
    for rec in &s.rows {
        let line = rec.line;
        let item = s.get(rec, "item");
        let k = key(item);
        if !known.items.iter().any(|(kk, _)| *kk == k) {
            problems.push(format!(
                "{line}: item '{}' is not on the request list",
                quoted(item)
            ));
            continue;
        }
        let received = s.get(rec, "received");
        let when = match received.to_ascii_lowercase().as_str() {
            "" | "no" | "n" => None,
            "yes" | "y" | "x" | "received" => Some(today),
            v if crate::domain::dates::parse_date(v).is_err() => {
                problems.push(format!(
                    "{line}: received '{}': give the date it came (YYYY-MM-DD), yes for today, or leave it empty",
                    quoted(received)
                ));
                continue;
            }
            v => match sheet::happened(v, "received", today) {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(format!("{line}: {e}"));
                    continue;
                }
            },
        };
        out.push((k, when));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(sheet::capped(problems))
    }
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

//! The evidence request list sent before a visit. By default the core list: whole-sentence
//! requests a practice manager acts on, one per kind of record, each naming the questions it
//! serves (`request_core.rs`). `--all` lists every item of each question's "Evidence:"
//! guidance, per area and section, each once. Either way only questions still unanswered or to
//! re-verify ask for something (an item already received stays, ticked, so the list shows what
//! came back), and the assessor's own on-site work (walkthrough, interviews, observations,
//! tests) is a part of its own, never in the client's checklist.

use chrono::NaiveDate;

use crate::domain::catalog::{Area, Catalog};
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::Doc;

pub use crate::exchange::request_core as table;

/// The items of one guidance text's "Evidence:" part.
pub fn evidence_items(guidance: &str) -> Vec<String> {
    let Some((_, evidence)) = guidance.split_once("Evidence:") else {
        return Vec::new();
    };
    let evidence = evidence.trim().trim_end_matches('.');
    // Items are separated by ", " (", and " before the last), but a comma also sits inside
    // an item ("the access, amendment and accounting clauses"): a piece starts a new item
    // only when it opens like one.
    const STARTS: [&str; 22] = [
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
        "staff ",
        "two ",
        "three ",
        "several ",
        "walk",
        "notes ",
        "completed ",
        "dated ",
    ];
    let mut out: Vec<String> = Vec::new();
    for part in split_outside_parentheses(evidence, "; ") {
        for (n, raw) in split_outside_parentheses(part, ", ")
            .into_iter()
            .enumerate()
        {
            let piece = raw.trim();
            let bare = ["and ", "or ", "plus "]
                .iter()
                .find_map(|p| piece.strip_prefix(p))
                .unwrap_or(piece);
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

/// `s` split at each `sep` that is not inside parentheses: "(for example a log review, an
/// access review)" stays in one item.
fn split_outside_parentheses<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut depth, mut from) = (0usize, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 && i >= from && s[i..].starts_with(sep) => {
                out.push(&s[from..i]);
                from = i + sep.len();
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

/// A key that counts "The signed policy" and "the signed policy" as one item; items received
/// are recorded under it.
pub fn key(item: &str) -> String {
    let l = item.to_lowercase();
    let l = l
        .strip_prefix("the ")
        .or_else(|| l.strip_prefix("a "))
        .or_else(|| l.strip_prefix("an "))
        .unwrap_or(&l);
    l.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an item of the guidance is the assessor's own work on site rather than a record
/// the practice can send.
pub fn is_assessor_activity(item: &str) -> bool {
    const MARKS: [&str; 19] = [
        "interview",
        "walkthrough",
        "walk-through",
        "walk through",
        "observation",
        "a look ",
        "look at",
        "a test of",
        "a test from",
        "test call",
        "test sign-in",
        "test install",
        "demonstration",
        " asked ",
        "a check ",
        "spot check",
        "a comparison",
        "a review of",
        "during the",
    ];
    let l = format!(" {} ", item.to_lowercase());
    MARKS.iter().any(|m| l.contains(m))
}

/// Which list `export --format requests` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The core requests (about fifty for a small practice).
    #[default]
    Core,
    /// Every item of the bank's evidence guidance (`--all`).
    All,
}

/// One line of the list.
pub struct Item {
    pub text: String,
    pub key: String,
    /// The questions it serves that still ask for it (every one it serves, once received
    /// and none is left).
    pub ids: Vec<String>,
    pub received: Option<NaiveDate>,
}

/// Items under one heading: a core group, or (with `--all`) an area's section.
pub struct Group {
    pub area: Option<Area>,
    pub name: String,
    pub items: Vec<Item>,
}

/// The list to print: the client's part in groups, then the assessor's part.
pub struct List {
    pub groups: Vec<Group>,
    pub assessor: Vec<Item>,
}

impl List {
    /// The client's items, in order.
    pub fn client_items(&self) -> impl Iterator<Item = &Item> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }
}

/// Whether a question still asks for its evidence.
fn open(ws: &Workspace, id: &str) -> bool {
    ws.status(id) == AnswerStatus::Unanswered || ws.to_reverify(id)
}

/// An item with the questions it serves, or None when nothing asks for it and it was not
/// received. `serves` is in bank order.
fn item(ws: &Workspace, text: &str, serves: Vec<String>) -> Option<Item> {
    let k = key(text);
    let received = ws.received.get(&k).copied();
    let open_ids: Vec<String> = serves.iter().filter(|id| open(ws, id)).cloned().collect();
    let ids = match (open_ids.is_empty(), received) {
        (false, _) => open_ids,
        (true, Some(_)) => serves,
        (true, None) => return None,
    };
    Some(Item {
        text: text.to_string(),
        key: k,
        ids,
        received,
    })
}

/// The ids a core item serves that the bank has, in bank order.
fn served(catalog: &Catalog, c: &table::Core) -> Vec<String> {
    let mut at: Vec<usize> = c.ids().filter_map(|id| catalog.position(id)).collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .map(|i| catalog.questions[i].id.clone())
        .collect()
}

fn core_list(catalog: &Catalog, ws: &Workspace) -> List {
    let mut groups: Vec<Group> = Vec::new();
    for c in table::CLIENT {
        let Some(it) = item(ws, c.text, served(catalog, c)) else {
            continue;
        };
        match groups.iter_mut().find(|g| g.name == c.group) {
            Some(g) => g.items.push(it),
            None => groups.push(Group {
                area: None,
                name: c.group.to_string(),
                items: vec![it],
            }),
        }
    }
    let assessor = table::ASSESSOR
        .iter()
        .filter_map(|c| item(ws, c.text, served(catalog, c)))
        .collect();
    List { groups, assessor }
}

/// Every item of the guidance once, in first-asked order, with every question naming it:
/// (text, ids, area, section).
fn every_item(catalog: &Catalog) -> Vec<(String, Vec<String>, Area, String)> {
    let mut out: Vec<(String, Vec<String>, Area, String)> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for area in Area::ALL {
        for s in catalog.sections(area) {
            for &qi in &s.questions {
                let q = &catalog.questions[qi];
                for text in evidence_items(&q.guidance) {
                    let k = key(&text);
                    let at = match keys.iter().position(|x| *x == k) {
                        Some(i) => i,
                        None => {
                            keys.push(k);
                            out.push((text, Vec::new(), area, s.name.clone()));
                            out.len() - 1
                        }
                    };
                    if !out[at].1.contains(&q.id) {
                        out[at].1.push(q.id.clone());
                    }
                }
            }
        }
    }
    out
}

fn full_list(catalog: &Catalog, ws: &Workspace) -> List {
    let mut groups: Vec<Group> = Vec::new();
    let mut assessor = Vec::new();
    for (text, ids, area, section) in every_item(catalog) {
        let Some(it) = item(ws, &text, ids) else {
            continue;
        };
        if is_assessor_activity(&text) {
            assessor.push(it);
            continue;
        }
        match groups.last_mut() {
            Some(g) if g.area == Some(area) && g.name == section => g.items.push(it),
            _ => groups.push(Group {
                area: Some(area),
                name: section,
                items: vec![it],
            }),
        }
    }
    List { groups, assessor }
}

/// The list for this workspace.
pub fn list(catalog: &Catalog, ws: &Workspace, scope: Scope) -> List {
    match scope {
        Scope::Core => core_list(catalog, ws),
        Scope::All => full_list(catalog, ws),
    }
}

/// The core requests serving one question, with the date each came (the question's detail
/// pane), and any item of its own guidance received from the full list.
pub fn serving(catalog: &Catalog, ws: &Workspace, id: &str) -> Vec<(String, Option<NaiveDate>)> {
    let mut out: Vec<(String, Option<NaiveDate>)> = table::CLIENT
        .iter()
        .filter(|c| c.serves_question(id))
        .map(|c| (c.text.to_string(), ws.received.get(&key(c.text)).copied()))
        .collect();
    if let Some(q) = catalog.get(id) {
        for text in evidence_items(&q.guidance) {
            if let Some(d) = ws.received.get(&key(&text)) {
                out.push((text, Some(*d)));
            }
        }
    }
    out
}

/// How much of the core list came back: (received, items on the list).
pub fn progress(catalog: &Catalog, ws: &Workspace) -> (usize, usize) {
    let l = core_list(catalog, ws);
    let received = l.client_items().filter(|i| i.received.is_some()).count();
    (received, l.client_items().count())
}

/// One line of the client's checklist: ticked, with the date, once the client provided it.
fn line(d: &mut Doc, i: &Item) {
    let when = i
        .received
        .map(|d| format!(" — received {d}"))
        .unwrap_or_default();
    d.task(
        i.received.is_some(),
        format!("{} ({}){when}", i.text, i.ids.join(", ")),
    );
}

/// The request list as Markdown.
pub fn markdown(catalog: &Catalog, ws: &Workspace, today: NaiveDate, scope: Scope) -> String {
    crate::exchange::doc_md::render(&document(catalog, ws, today, scope))
}

/// The request list as a document, which every format renders.
pub fn document(
    catalog: &Catalog,
    ws: &Workspace,
    today: NaiveDate,
    scope: Scope,
) -> crate::exchange::doc_model::Report {
    let list = list(catalog, ws, scope);
    let e = &ws.engagement;
    let mut d = Doc::default();
    d.heading(1, format!("Documents and records to prepare: {}", e.client));
    d.p(format!(
        "Prepared {today} for the HIPAA assessment{}. Please send each item (a copy, or a note of where it is kept) and tick it off; the codes say which questions it answers.",
        if e.assessor.is_empty() {
            String::new()
        } else {
            format!(" with {}", e.assessor)
        }
    ));
    let share = if e.firm.trim().is_empty() {
        "your assessor's secure file share".to_string()
    } else {
        format!("the secure file share of {}", e.firm)
    };
    d.p(crate::inl![
        crate::exchange::doc_model::b("Sending records safely:"),
        format!(
            " send anything that holds patient information through {share} or by encrypted email, never by plain email; where a sample is enough, send a redacted one."
        )
    ]);
    if scope == Scope::Core {
        d.p("This is the core list: one request for each kind of record. Your assessor can give you the full list of every record the questions mention.");
    }
    // One section for the whole list, the areas and groups as headings inside it: a list of
    // forty items is a checklist, and a new page for every area of two items left pages
    // three quarters empty (found in review: 12 pages for 40 items).
    if !list.groups.is_empty() {
        d.section("What to prepare");
    }
    let mut area_done = None;
    for g in &list.groups {
        match g.area {
            Some(area) => {
                if area_done != Some(area) {
                    d.heading(3, area.name());
                    area_done = Some(area);
                }
                d.heading(4, g.name.clone());
            }
            None => d.heading(3, g.name.clone()),
        }
        for i in &g.items {
            line(&mut d, i);
        }
    }
    if !list.assessor.is_empty() {
        d.section(table::ASSESSOR_GROUP);
        d.p("Nothing here for the practice to prepare: the assessor does these on site, with the staff named.");
        for i in &list.assessor {
            d.li(format!("{} ({})", i.text, i.ids.join(", ")));
        }
    }
    if list.groups.is_empty() && list.assessor.is_empty() {
        d.p("Every question is answered and nothing is waiting to be re-verified: nothing to request.");
    }
    d.into_report(format!(
        "Evidence requests: {}",
        crate::domain::text::clean_line(&e.client)
    ))
}

/// The client's list as a CSV to hand the client: one row an item, `received` to fill in (a
/// date, or yes for today); `import --requests` reads it back. The assessor's activities are
/// not the client's to tick and are left out.
pub fn csv(catalog: &Catalog, ws: &Workspace, scope: Scope) -> anyhow::Result<String> {
    let list = list(catalog, ws, scope);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["area", "section", "item", "questions", "received"])?;
    for g in &list.groups {
        for i in &g.items {
            // A core group spans areas: name those of the questions it serves.
            let area = match g.area {
                Some(a) => a.name().to_string(),
                None => {
                    let mut names: Vec<&str> = Vec::new();
                    for a in i.ids.iter().filter_map(|id| Area::of_id(id)) {
                        if !names.contains(&a.name()) {
                            names.push(a.name());
                        }
                    }
                    names.join(" / ")
                }
            };
            let received = i.received.map(|d| d.to_string()).unwrap_or_default();
            let cells = [&area, &g.name, &i.text, &i.ids.join(" "), &received];
            w.write_record(cells.iter().map(|c| crate::exchange::cells::csv_safe(c)))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Reads back which items the client provided: a CSV with `item` and `received` (a date,
/// yes or x for `today`, empty or no for not received), through the one strict reader every
/// import uses. Items are matched by their text against the core list and every item the
/// bank's guidance names; a date received cannot be after today; the same item twice must say the same.
/// Every problem comes with its line.
pub fn parse_received(
    text: &str,
    catalog: &Catalog,
    today: NaiveDate,
) -> Result<Vec<(String, Option<NaiveDate>)>, Vec<String>> {
    use crate::exchange::sheet::{self, quoted};
    let everything: std::collections::HashSet<String> = table::CLIENT
        .iter()
        .map(|c| key(c.text))
        .chain(
            every_item(catalog)
                .into_iter()
                .filter(|(t, ..)| !is_assessor_activity(t))
                .map(|(t, ..)| key(&t)),
        )
        .collect();
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
        if !everything.contains(&k) {
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
#[path = "requests_tests.rs"]
mod tests;

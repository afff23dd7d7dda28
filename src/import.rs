//! `hipaudit import`: answers, notes, owners, due dates and statuses from a spreadsheet,
//! applied as one change: every row is checked first, and one bad row rejects the file.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::catalog::Catalog;
use crate::dates;
use crate::workspace::{Actor, AnswerStatus, RemediationField, RemediationStatus, Workspace};

/// One row as read: `None` leaves that field alone (an empty cell changes nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u64,
    pub id: String,
    pub answer: Option<AnswerStatus>,
    pub note: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: Option<RemediationStatus>,
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub plan: Option<String>,
}

/// Undoes the leading quote the CSV export puts before formula-like text.
fn unquote(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => s.to_string(),
    }
}

/// Reads and checks every row; on any problem returns all of them as `line N: reason`.
pub fn parse(text: &str, catalog: &Catalog, ws: &Workspace) -> Result<Vec<Row>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![format!("line 1: cannot read the header: {e}")]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(id_col) = col("id") else {
        return Err(vec![
            "line 1: the header needs an `id` column (and any of answer, note, owner, due, status)"
                .into(),
        ]);
    };
    let known = [
        "answer",
        "note",
        "owner",
        "due",
        "status",
        "likelihood",
        "impact",
        "plan",
    ];
    if !known.iter().any(|k| col(k).is_some()) {
        return Err(vec![
            "line 1: no column to import: use answer, note, owner, due or status".into(),
        ]);
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| -> Option<String> {
            col(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(unquote)
        };
        let id = record.get(id_col).unwrap_or("").trim().to_string();
        let mut bad = |m: String| problems.push(format!("line {line}: {m}"));
        if id.is_empty() {
            bad("no id".into());
            continue;
        }
        let is_risk = ws.risks.iter().any(|r| r.id == id);
        if catalog.get(&id).is_none() && !is_risk {
            bad(format!(
                "unknown id {id}: not a question of the bank nor a risk of this workspace"
            ));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            bad(format!("{id} appears again (first on line {first})"));
            continue;
        }
        let mut row = Row {
            line,
            id: id.clone(),
            answer: None,
            note: get("note"),
            owner: get("owner"),
            due: None,
            status: None,
            likelihood: None,
            impact: None,
            plan: get("plan"),
        };
        if let Some(a) = get("answer") {
            match AnswerStatus::parse(&a) {
                Some(s) if is_risk => bad(format!("{id} is a risk: it takes no answer ({s})")),
                Some(s) => row.answer = Some(s),
                None => bad(format!("answer '{a}': use yes, no, partial or na")),
            }
        }
        if let Some(d) = get("due") {
            match dates::parse_date(&d) {
                Ok(d) => row.due = Some(d),
                Err(e) => bad(format!("due {e}")),
            }
        }
        if let Some(s) = get("status") {
            match RemediationStatus::parse(&s) {
                Some(s) => row.status = Some(s),
                None => bad(format!(
                    "status '{s}': use open, in progress, done or risk accepted"
                )),
            }
        }
        for (name, slot) in [
            ("likelihood", &mut row.likelihood),
            ("impact", &mut row.impact),
        ] {
            if let Some(v) = get(name) {
                match v.parse::<u8>() {
                    Ok(n @ 1..=5) => *slot = Some(n),
                    _ => bad(format!("{name} '{v}' is not 1-5")),
                }
            }
        }
        rows.push(row);
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Applies checked rows; returns what changed, one line each.
pub fn apply(rows: &[Row], catalog: &Catalog, ws: &mut Workspace, actor: &Actor) -> Vec<String> {
    let mut changes = Vec::new();
    for r in rows {
        let id = r.id.as_str();
        if let Some(a) = r.answer {
            let old = ws.status(id);
            if ws.set_answer(id, a, actor) {
                changes.push(format!("{id}: answer {old} -> {a}"));
            }
        }
        if let Some(note) = &r.note
            && ws.set_note(id, note, actor)
        {
            changes.push(format!("{id}: evidence note updated"));
        }
        let defaults = catalog.get(id).map(|q| (q.likelihood, q.impact));
        let mut fields = Vec::new();
        if let Some(o) = &r.owner {
            fields.push(("owner", o.clone(), RemediationField::Owner(o.clone())));
        }
        if let Some(d) = r.due {
            fields.push(("due", d.to_string(), RemediationField::Due(Some(d))));
        }
        if let Some(s) = r.status {
            fields.push(("status", s.to_string(), RemediationField::Status(s)));
        }
        if let Some(p) = &r.plan {
            fields.push(("plan", "updated".into(), RemediationField::Plan(p.clone())));
        }
        // A likelihood or impact equal to the question's default stays a default.
        if let (Some(l), Some((dl, _))) = (r.likelihood, defaults) {
            fields.push((
                "likelihood",
                l.to_string(),
                RemediationField::Likelihood((l != dl).then_some(l)),
            ));
        }
        if let (Some(i), Some((_, di))) = (r.impact, defaults) {
            fields.push((
                "impact",
                i.to_string(),
                RemediationField::Impact((i != di).then_some(i)),
            ));
        }
        for (name, shown, field) in fields {
            if ws.set_remediation(id, field, actor) {
                changes.push(format!("{id}: {name} {shown}"));
            }
        }
    }
    changes
}

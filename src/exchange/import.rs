//! `hipaudit import`: answers, notes, owners, due dates and statuses from a spreadsheet,
//! applied as one change: every row is checked first, and one bad row rejects the file.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::dates;
use crate::domain::rating::Rating;
use crate::domain::workspace::{
    Actor, AnswerStatus, RemediationField, RemediationStatus, Workspace,
};

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
    pub likelihood: Option<Rating>,
    pub impact: Option<Rating>,
    pub plan: Option<String>,
}

/// Undoes the leading quote the CSV export puts before formula-like text.
fn unquote(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest)
            if rest
                .trim_start_matches([' ', '\u{a0}'])
                .starts_with(['=', '+', '-', '@', '\t', '\r', '|', '%']) =>
        {
            rest.to_string()
        }
        _ => s.to_string(),
    }
}

/// Checks RFC 4180 quoting strictly, which the csv reader does not: a quote inside an
/// unquoted field, text after a closing quote, or a quote never closed is an error with
/// its line (a spreadsheet mangled by hand must not import half-read).
pub fn check_quoting(text: &str) -> Result<(), String> {
    let mut line = 1u64;
    let mut opened_on = 0u64;
    let mut in_quotes = false;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => {
                    in_quotes = false;
                    match chars.peek() {
                        None | Some(',') | Some('\n') | Some('\r') => {}
                        Some(_) => {
                            return Err(format!(
                                "line {line}: text after a closing quote (a quote inside a quoted field is written twice: \"\")"
                            ));
                        }
                    }
                }
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if field_start => {
                in_quotes = true;
                opened_on = line;
                field_start = false;
            }
            '"' => {
                return Err(format!(
                    "line {line}: a stray quote inside an unquoted field (quote the whole field and double the quote)"
                ));
            }
            ',' => field_start = true,
            '\n' => {
                line += 1;
                field_start = true;
            }
            '\r' => {}
            _ => field_start = false,
        }
    }
    if in_quotes {
        return Err(format!("line {opened_on}: a quoted field is never closed"));
    }
    Ok(())
}

/// Reads and checks every row; on any problem returns all of them as `line N: reason`.
pub fn parse(text: &str, catalog: &Catalog, ws: &Workspace) -> Result<Vec<Row>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    check_quoting(text).map_err(|e| vec![e])?;
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![format!("line 1: cannot read the header: {e}")]),
    };
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].contains(h) {
            return Err(vec![format!(
                "line 1: the column `{h}` appears twice; which one to import would be a guess"
            )]);
        }
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(id_col) = col("id") else {
        return Err(vec![
            "line 1: the header needs an `id` column (and any of answer, note, owner, due, status)"
                .into(),
        ]);
    };
    if !crate::exchange::columns::importable().any(|k| col(k).is_some()) {
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
        let id = unquote(record.get(id_col).unwrap_or("").trim());
        let mut bad = |m: String| problems.push(format!("line {line}: {m}"));
        if id.is_empty() {
            bad("no id".into());
            continue;
        }
        // An evidence item's expiry row (`ID/E1`) is a reminder, not a record: the board's
        // own CSV carries them, and reading that CSV back skips them.
        if crate::domain::evidence::parse_board_id(&id).is_some() {
            continue;
        }
        let is_vendor = ws.vendor(&id).is_some();
        let is_risk = ws.risks.iter().any(|r| r.id == id) || is_vendor;
        if catalog.get(&id).is_none() && !is_risk {
            bad(format!(
                "unknown id {id}: not a question of the bank nor a risk or vendor of this workspace"
            ));
            continue;
        }
        if is_vendor && get("note").is_some() {
            bad(format!(
                "{id} is a vendor: its notes are edited in the app or by `hipaudit vendors --import`"
            ));
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
                Some(s) if is_risk => bad(format!(
                    "{id} is a {}: it takes no answer ({s})",
                    if is_vendor { "vendor" } else { "risk" }
                )),
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
                match Rating::parse(&v) {
                    Ok(n) => *slot = Some(n),
                    Err(e) => bad(format!("{name} {e}")),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_quoting_and_repeated_columns_are_rejected_with_their_line() {
        let c = Catalog::builtin();
        let ws = Workspace::new("A", "B", c, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        let id = &c.questions[0].id;
        let cases = [
            (
                format!("id,answer\n{id},yes\n{id}x,\"no\n"),
                "line 3",
                "never closed",
            ),
            (format!("id,note\n{id},ab\"c\n"), "line 2", "stray quote"),
            (
                format!("id,note\n{id},\"ab\"c\n"),
                "line 2",
                "after a closing quote",
            ),
            (
                format!("id,answer,answer\n{id},yes,no\n"),
                "line 1",
                "appears twice",
            ),
        ];
        for (text, line, what) in cases {
            let e = parse(&text, c, &ws).unwrap_err().join("; ");
            assert!(e.contains(line) && e.contains(what), "{text:?}: {e}");
        }
        // Good quoting passes: doubled quotes, commas and line breaks inside quotes.
        let ok = format!("id,note\n{id},\"He said \"\"no\"\", then\nleft\"\n");
        assert!(parse(&ok, c, &ws).is_ok());
    }
}

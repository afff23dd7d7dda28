//! `hipaudit import`: answers, notes, owners, due dates and statuses from a spreadsheet,
//! applied as one change: every row is checked first, and one bad row rejects the file.

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

/// Reads and checks every row; on any problem returns all of them as `LINE: reason`.
pub fn parse(text: &str, catalog: &Catalog, ws: &Workspace) -> Result<Vec<Row>, Vec<String>> {
    let mut sheet = crate::exchange::sheet::read(text)?;
    if !sheet.has("id") {
        return Err(vec![
            "1: the header needs an `id` column (and any of answer, note, owner, due, status)"
                .into(),
        ]);
    }
    if !crate::exchange::columns::importable().any(|k| sheet.has(k)) {
        return Err(vec![
            "1: no column to import: use answer, note, owner, due or status".into(),
        ]);
    }
    let mut problems = sheet.refuse_conflicting_repeats("id", |s, r| {
        Some(s.get(r, "id").to_string()).filter(|k| !k.is_empty())
    });
    let mut rows = Vec::new();
    for record in &sheet.rows {
        let line = record.line;
        // An empty cell changes nothing, nor does a redacted export's marker, which stands
        // for text left out, not for new text.
        // A cell with nothing visible in it (only spaces or invisible characters) is empty
        // too (found by attack: a zero-width space cleared an owner).
        let get = |name: &str| -> Option<String> {
            Some(sheet.get(record, name))
                .filter(|v| {
                    !crate::domain::text::name(v).is_empty()
                        && *v != crate::exchange::columns::REDACTED
                })
                .map(str::to_string)
        };
        let id = sheet.get(record, "id").to_string();
        let mut bad = |m: String| problems.push(format!("{line}: {m}"));
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
                "unknown id {}: not a question of the bank nor a risk or vendor of this workspace",
                crate::exchange::sheet::quoted(&id)
            ));
            continue;
        }
        if is_vendor && get("note").is_some() {
            bad(format!(
                "{id} is a vendor: its notes are edited in the app or by `hipaudit vendors --import`"
            ));
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
                None => bad(format!(
                    "answer '{}': use yes, no, partial or na",
                    crate::exchange::sheet::quoted(&a)
                )),
            }
        }
        if let Some(d) = get("due") {
            match dates::parse_date(&d) {
                Ok(d) => row.due = Some(d),
                Err(e) => bad(format!("due {}", crate::exchange::sheet::shorten(e, &d))),
            }
        }
        if let Some(s) = get("status") {
            match RemediationStatus::parse(&s) {
                Some(s) => row.status = Some(s),
                None => bad(format!(
                    "status '{}': use open, in progress, done or risk accepted",
                    crate::exchange::sheet::quoted(&s)
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
        Err(crate::exchange::sheet::capped(problems))
    }
}

/// Leaves alone every cell that says what the export shows for its row. A board value can
/// come from elsewhere: a project's owner, a vendor's renewal date, a risk's acceptance
/// review, a rating the practice's profile adjusts, a suggested plan. Those are shown, not
/// stored, and reading an unchanged export back must leave the workspace as it was. `shown`
/// is the board the export was made from (its rows as `hipaudit export --format csv` gives).
pub fn drop_shown(
    rows: &mut [Row],
    shown: &[crate::domain::gaps::Gap],
    ws: &Workspace,
) -> Vec<String> {
    use crate::domain::gaps::Gap;
    let mut notes = Vec::new();
    for r in rows.iter_mut() {
        let of_row: Vec<&Gap> = shown.iter().filter(|g| g.id == r.id).collect();
        let any = |f: &dyn Fn(&Gap) -> bool| of_row.iter().any(|g| f(g));
        if r.owner.as_ref().is_some_and(|o| any(&|g| g.owner == *o)) {
            r.owner = None;
        }
        if r.due.is_some_and(|d| any(&|g| g.due == Some(d))) {
            r.due = None;
        }
        if r.status.is_some_and(|s| any(&|g| g.status == s)) {
            r.status = None;
        }
        if r.plan.as_ref().is_some_and(|p| any(&|g| g.plan == *p)) {
            r.plan = None;
        }
        if r.likelihood.is_some_and(|l| any(&|g| g.likelihood == l)) {
            r.likelihood = None;
        }
        if r.impact.is_some_and(|i| any(&|g| g.impact == i)) {
            r.impact = None;
        }
        // A register entry's ratings are its own, with their reasons: edited in the
        // register, never from the board's sheet. Said, not dropped in silence (found by
        // attack: an edited likelihood imported as "0 changes").
        if (r.likelihood.is_some() || r.impact.is_some()) && ws.risks.iter().any(|x| x.id == r.id) {
            notes.push(format!(
                "{}: a register entry's likelihood and impact are not imported; rate it in the register (e), with the reasons",
                r.id
            ));
            r.likelihood = None;
            r.impact = None;
        }
    }
    notes
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
            // Said as it is kept: a line break in the cell must not print a line of its own.
            fields.push((
                "owner",
                crate::domain::text::name(o),
                RemediationField::Owner(o.clone()),
            ));
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
                "3: ",
                "never closed",
            ),
            (format!("id,note\n{id},ab\"c\n"), "2: ", "stray quote"),
            (
                format!("id,note\n{id},\"ab\"c\n"),
                "2: ",
                "after a closing quote",
            ),
            (
                format!("id,answer,answer\n{id},yes,no\n"),
                "1: ",
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

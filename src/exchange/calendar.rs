//! The deadlines as a calendar (RFC 5545): one all-day event per dated gap, in the order
//! `ordered_gaps` gives them, for everyone or for one owner.
//!
//! A calendar that imports a newer export must update what it holds, never duplicate it: the
//! event ids come from the assessment's id (a client's rename keeps them), and SEQUENCE and
//! LAST-MODIFIED come from the change log, so an edited item wins over the copy a calendar
//! kept and an unchanged one is left alone.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::catalog::Catalog;
use crate::domain::gaps::{Gap, GapKind};
use crate::domain::text::{clean_line, clean_text};
use crate::domain::workspace::Workspace;
use crate::exchange::columns;
use crate::exchange::markdown::ordered_gaps;
use crate::exchange::options::{Options, private};

pub use crate::domain::dates::{MAX_REMINDER_DAYS, REMINDER_DAYS, check_remind_days};

/// How long a closed item stays in the calendar as a cancelled event: long enough for every
/// calendar that took an older export to drop it, short enough that a yearly export does
/// not carry every item ever closed.
pub const CANCELLED_KEPT_DAYS: i64 = 365;

/// What the calendar takes besides the report's options.
#[derive(Debug, Clone, Copy)]
pub struct CalendarOptions<'a> {
    /// Only this person's items (compared trimmed and case-insensitively).
    pub owner: Option<&'a str>,
    /// The reminder's days before the due date (0: on the day).
    pub remind_days: u32,
}

impl Default for CalendarOptions<'_> {
    fn default() -> Self {
        CalendarOptions {
            owner: None,
            remind_days: REMINDER_DAYS,
        }
    }
}

/// An owner as `--owner` compares it.
fn owner_key(s: &str) -> String {
    crate::domain::text::name_key(s)
}

/// The gaps of `owner`, or an error that names the owners there are.
fn of_owner(gaps: Vec<Gap>, owner: &str) -> anyhow::Result<Vec<Gap>> {
    let key = owner_key(owner);
    if key.is_empty() {
        anyhow::bail!("--owner needs a name: give the owner as the board shows it");
    }
    if gaps.iter().any(|g| owner_key(&g.owner) == key) {
        return Ok(gaps
            .into_iter()
            .filter(|g| owner_key(&g.owner) == key)
            .collect());
    }
    let mut owners: Vec<String> = Vec::new();
    for g in &gaps {
        let name = clean_line(g.owner.trim());
        if !name.is_empty() && !owners.iter().any(|o| owner_key(o) == owner_key(&name)) {
            owners.push(name);
        }
    }
    owners.sort_by_key(|o| owner_key(o));
    let asked = crate::exchange::sheet::quoted(owner.trim());
    if owners.is_empty() {
        anyhow::bail!(
            "no gap is owned by '{asked}': no gap has an owner yet (set one with `o` on the board)"
        );
    }
    anyhow::bail!(
        "no gap is owned by '{asked}': the owners are {}",
        owners.join(", ")
    )
}

/// How many logged changes each item has had and when the last was, read in one pass over
/// the log (a workspace of thousands of gaps would otherwise read it once per gap).
struct Revisions<'a> {
    by_id: HashMap<&'a str, (u32, Option<NaiveDateTime>)>,
    openings: crate::domain::board::Openings<'a>,
}

impl<'a> Revisions<'a> {
    fn of(ws: &'a Workspace) -> Self {
        let mut by_id = HashMap::<&str, (u32, Option<NaiveDateTime>)>::new();
        for c in &ws.log {
            let e = by_id.entry(c.id.as_str()).or_default();
            e.0 = e.0.saturating_add(1);
            e.1 = e.1.max(Some(c.at));
        }
        Revisions {
            by_id,
            openings: crate::domain::board::Openings::of(ws),
        }
    }

    /// The change log's entries about a gap: its own id, and for an evidence item (`ID/E1`)
    /// the item that holds the evidence.
    fn changes(&self, g: &Gap) -> (u32, Option<NaiveDateTime>) {
        let holder = g.id.split_once('/').map(|(h, _)| h);
        let own = self.by_id.get(g.id.as_str()).copied().unwrap_or_default();
        let held = holder
            .and_then(|h| self.by_id.get(h))
            .copied()
            .unwrap_or_default();
        (own.0.saturating_add(held.0), own.1.max(held.1))
    }

    /// SEQUENCE and LAST-MODIFIED of a gap's event. Every logged change to the item counts
    /// two, and an overdue item one more (its title says so from the day after its due
    /// date): the number only grows, since a change that ends an item's overdue state adds
    /// two and takes one. Log times are the laptop's wall clock, written as UTC: they order
    /// an item's versions, which is what a calendar reads them for.
    fn revision(&self, g: &Gap, overdue: bool) -> (u32, Option<NaiveDateTime>) {
        let (count, mut last) = self.changes(g);
        let mut seq = count.saturating_mul(2);
        if overdue {
            seq = seq.saturating_add(1);
            let late_since = g
                .due
                .and_then(|d| d.succ_opt())
                .and_then(|d| d.and_hms_opt(0, 0, 0));
            last = last.max(late_since);
        }
        (seq, last)
    }

    /// The day a closed item closed: the day it resolved itself or its status turned
    /// closed, else its last change, else its due date.
    fn closed_on(&self, g: &Gap) -> Option<NaiveDate> {
        self.openings
            .get(g)
            .1
            .or_else(|| self.changes(g).1.map(|at| at.date()))
            .or(g.due)
    }
}

/// The finding the gap is about, as the gap columns give it (the question's prompt is what
/// was asked, not what was found).
fn finding(ctx: &columns::Ctx, g: &Gap) -> String {
    columns::COLUMNS
        .iter()
        .find(|c| c.key == "finding")
        .map_or_else(|| g.title.clone(), |c| (c.value)(ctx, g).text())
}

/// One all-day event per gap with a due date, each open one with a reminder `remind_days`
/// before it, each closed one cancelled for a year after it closed. `owner` keeps one
/// person's items; an owner nobody has is an error naming those there are.
pub fn ics(
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
    cal_o: &CalendarOptions,
) -> anyhow::Result<String> {
    use icalendar::{Alarm, Calendar, Component, Event, EventLike};
    let days = check_remind_days(cal_o.remind_days).map_err(anyhow::Error::msg)?;
    let mut gaps = ordered_gaps(catalog, ws, o);
    if let Some(owner) = cal_o.owner {
        gaps = of_owner(gaps, owner)?;
    }
    // The product that wrote it is hipaudit, not the library (found in review).
    let mut cal = Calendar::empty();
    cal.append_property(icalendar::Property::new("VERSION", "2.0"));
    cal.append_property(icalendar::Property::new(
        "PRODID",
        format!("-//hipaudit//hipaudit {}//EN", env!("CARGO_PKG_VERSION")),
    ));
    cal.append_property(icalendar::Property::new("CALSCALE", "GREGORIAN"));
    let name = match cal_o.owner {
        Some(owner) => format!(
            "HIPAA remediation: {} ({})",
            clean_line(&ws.engagement.client),
            clean_line(owner.trim())
        ),
        None => format!("HIPAA remediation: {}", clean_line(&ws.engagement.client)),
    };
    // NAME (RFC 7986) is TEXT, but the crate writes it unescaped while it escapes
    // X-WR-CALNAME: a comma or semicolon in a client's name would split the value.
    cal.append_property(icalendar::Property::new("NAME", ics_text(&name)));
    cal.append_property(icalendar::Property::new("X-WR-CALNAME", &name));
    let client_slug = clean_line(&ws.calendar_uid());
    let stamp = o.today.format("%Y%m%dT000000Z").to_string();
    let revisions = Revisions::of(ws);
    let ctx = columns::Ctx::new(catalog, ws, o.today, o.redact);
    for g in gaps {
        let Some(due) = g.due else { continue };
        // Closed work stays in the calendar as a cancelled event for a year, so a calendar
        // that took an older export drops it instead of keeping a deadline that is met.
        let closed = g.status.is_closed();
        if closed
            && revisions
                .closed_on(&g)
                .is_some_and(|d| (o.today - d).num_days() > CANCELLED_KEPT_DAYS)
        {
            continue;
        }
        let overdue = g.is_overdue(o.today);
        // Calendars show text as typed: control and invisible characters made visible.
        let owner = if g.owner.trim().is_empty() {
            "unassigned".to_string()
        } else {
            clean_line(&g.owner)
        };
        let id = clean_line(&g.id);
        let found = clean_line(&finding(&ctx, &g));
        let mut description = format!(
            "Owner: {owner}\nStatus: {}{}\nRisk: {} {}\nFinding: {found}",
            g.status.label(),
            if overdue { " (overdue)" } else { "" },
            g.score(),
            g.level().label(),
        );
        let asked = clean_line(&g.title);
        if g.kind == GapKind::Question && asked != found {
            let _ = write!(description, "\nQuestion: {asked}");
        }
        if !g.plan.is_empty() {
            let _ = write!(description, "\nPlan: {}", clean_text(private(&g.plan, o)));
        }
        let (uid, what) = match g.kind {
            GapKind::Renewal => (
                format!("renew-{id}@{client_slug}.hipaudit"),
                format!(
                    "Renew {id}: {}",
                    short(found.trim_start_matches("Renew (yearly): "), 70)
                ),
            ),
            _ => (
                format!("{id}@{client_slug}.hipaudit"),
                format!("Remediate {id}: {}", short(&found, 70)),
            ),
        };
        let summary = if overdue {
            format!("Overdue: {what}")
        } else {
            what
        };
        let (sequence, modified) = revisions.revision(&g, overdue);
        let mut event = Event::new();
        event
            .uid(&uid)
            .add_property("DTSTAMP", &stamp)
            .sequence(sequence)
            .summary(&summary)
            .description(&description)
            // All-day: DTEND is the day after (RFC 5545 ends are exclusive).
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due));
        if let Some(at) = modified {
            event.last_modified(at.and_utc());
        }
        if closed {
            event.status(icalendar::EventStatus::Cancelled);
            cal.push(event.done());
            continue;
        }
        // Overdue work needs no reminder of a day gone by: its title says it is late, and a
        // calendar would ring a past alarm the moment the file is imported.
        if overdue {
            cal.push(event.done());
            continue;
        }
        let (trigger, said) = match days {
            0 => ("PT0S".to_string(), format!("Due today: {id}")),
            n => (format!("-P{n}D"), format!("Due in {n} days: {id}")),
        };
        let event = event
            // A reminder ahead of the day, so the work starts before it is due.
            .alarm(
                Alarm::display(&said, -chrono::Duration::days(i64::from(days)))
                    // Stable like the event (the crate adds an id and a stamp to every
                    // component: a random one and the clock unless given), the trigger
                    // written in days.
                    .uid(&format!("remind-{id}@{client_slug}.hipaudit"))
                    .add_property("DTSTAMP", &stamp)
                    .add_property("TRIGGER", trigger)
                    .done(),
            )
            .done();
        cal.push(event);
    }
    Ok(cal.done().to_string())
}

/// A TEXT value as RFC 5545 writes it: backslash, semicolon and comma escaped, line breaks
/// as `\n`.
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `n` characters, cut after a whole word where one ends in the second half.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let head: String = s.chars().take(n - 1).collect();
    let cut = match head.rfind(' ') {
        Some(i) if head[..i].chars().count() > n / 2 => head[..i].trim_end_matches([',', ';', ':']),
        _ => head.as_str(),
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calendar's NAME is escaped like every TEXT value (found by attack: a client
    /// "Acme, Inc" split the value at the comma, while X-WR-CALNAME was escaped).
    #[test]
    fn the_calendar_name_escapes_commas_and_semicolons() {
        let catalog = Catalog::builtin();
        let mut ws = crate::io::demo::build(catalog);
        ws.engagement.client = "Acme, Inc; West\\Side".into();
        let o = Options {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            redact: false,
            window: 60,
            omit_unanswered: false,
        };
        let cal = ics(
            catalog,
            &ws,
            &o,
            &CalendarOptions {
                owner: None,
                remind_days: 7,
            },
        )
        .unwrap();
        let line = |key: &str| {
            cal.lines()
                .find(|l| l.starts_with(key))
                .unwrap_or_default()
                .to_string()
        };
        let expect = "HIPAA remediation: Acme\\, Inc\\; West\\\\Side";
        assert_eq!(line("NAME:"), format!("NAME:{expect}"));
        assert_eq!(line("X-WR-CALNAME:"), format!("X-WR-CALNAME:{expect}"));
    }

    /// The one-pass counts equal reading the log for each gap, for every gap of the demo,
    /// evidence items (whose holder's changes count too) among them.
    #[test]
    fn revisions_read_once_agree_with_the_log_read_per_gap() {
        let catalog = Catalog::builtin();
        let ws = crate::io::demo::build(catalog);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let gaps = crate::domain::gaps::derive_all(catalog, &ws, today, 60);
        assert!(gaps.iter().any(|g| g.id.contains('/')), "no evidence item");
        let rev = Revisions::of(&ws);
        let mut seen_changes = 0;
        for g in &gaps {
            let holder = g.id.split_once('/').map(|(h, _)| h);
            let per_gap: Vec<_> = ws
                .log
                .iter()
                .filter(|c| c.id == g.id || Some(c.id.as_str()) == holder)
                .map(|c| c.at)
                .collect();
            let (n, last) = rev.changes(g);
            assert_eq!(n as usize, per_gap.len(), "{}", g.id);
            assert_eq!(last, per_gap.iter().max().copied(), "{}", g.id);
            assert_eq!(
                rev.closed_on(g),
                crate::domain::board::opened_closed(&ws, g)
                    .1
                    .or_else(|| per_gap.iter().max().map(|at| at.date()))
                    .or(g.due),
                "{}",
                g.id
            );
            seen_changes += n;
        }
        assert!(seen_changes > 0);
    }
}

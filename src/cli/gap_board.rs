//! `hipaudit gaps`: the board on the command line, as a table, CSV or JSON.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;

use super::args::Format;
use super::load::open;
use crate::domain::board::{self, BoardView, GapFilter, GapSort};
use crate::domain::catalog::Area;
use crate::domain::gaps::{self, Gap};
use crate::domain::text;
use crate::domain::workspace::{RemediationStatus, Workspace};
use crate::env::Env;
use crate::exchange::columns;

/// The board's values of a gap, as `hipaudit gaps` prints them.
fn board_values(g: &Gap, ctx: &columns::Ctx) -> Vec<columns::Value> {
    columns::values(ctx, g, columns::board())
}

/// The board's items as `gaps` writes them; `all` is the whole board (the findings that
/// JSON items name are worked out over it, whatever the filter shows).
pub fn write_gaps(
    rows: &[&Gap],
    all: &[Gap],
    ws: &Workspace,
    format: Format,
    (today, window): (NaiveDate, u32),
    out: &mut dyn Write,
) -> Result<()> {
    // One context for every row: the log is read once for the opened and closed dates.
    let ctx = columns::Ctx::new(ws.catalog(), ws, today, false);
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(columns::board().map(|c| c.key))?;
            for g in rows {
                let rec = board_values(g, &ctx)
                    .iter()
                    .map(columns::Value::text)
                    .collect();
                w.write_record(crate::exchange::report::spreadsheet_safe(rec))?;
            }
            w.flush()?;
        }
        Format::Json => {
            let catalog = ws.catalog();
            let found = crate::domain::findings::findings(catalog, ws, all, today, window, false);
            let of: std::collections::HashMap<&str, &crate::domain::findings::Finding> = found
                .iter()
                .flat_map(|f| f.ids().map(move |id| (id, f)))
                .collect();
            let look = crate::domain::findings::Lookup::indexed(ws);
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|g| {
                    let rec = board_values(g, &ctx);
                    let mut m: serde_json::Map<String, serde_json::Value> = columns::board()
                        .zip(rec)
                        .map(|(c, v)| (c.key.to_string(), v.json()))
                        .collect();
                    // The item's own condition and recommendation; `linked` names the other
                    // items printed under the same finding.
                    let (condition, _) =
                        crate::domain::findings::condition_in(catalog, &look, g, false);
                    let (recommendation, suggested) =
                        crate::domain::findings::recommendation_in(catalog, &look, g);
                    let linked: Vec<&str> = of
                        .get(g.id.as_str())
                        .map(|f| f.ids().filter(|id| *id != g.id).collect())
                        .unwrap_or_default();
                    m.insert("condition".into(), condition.into());
                    m.insert("recommendation".into(), recommendation.into());
                    m.insert("recommendation_suggested".into(), suggested.into());
                    m.insert(
                        "finding".into(),
                        of.get(g.id.as_str())
                            .map(|f| f.id())
                            .unwrap_or(&g.id)
                            .into(),
                    );
                    m.insert("linked".into(), linked.into());
                    serde_json::Value::Object(m)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        Format::Table => {
            if rows.is_empty() {
                writeln!(out, "no gaps match")?;
                return Ok(());
            }
            writeln!(
                out,
                "  {:<11} {:<14} {:<13} {:<16} {:<10} {:<10} {:<13} QUESTION",
                "ID", "AREA", "RISK", "OWNER", "DUE", "DAYS", "STATUS"
            )?;
            for g in rows {
                let owner = if g.owner.is_empty() {
                    "(unassigned)"
                } else {
                    &g.owner
                };
                writeln!(
                    out,
                    "{} {} {:<14} {:<13} {} {:<10} {:<10} {:<13} {}",
                    board::mark(g, today),
                    text::cell(&g.id, 11),
                    g.area_name(),
                    format!("{:>2} {}", g.score(), g.level().label()),
                    text::cell(owner, 16),
                    g.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    board::days_text(g, today),
                    g.status.label(),
                    text::truncate_clean(&text::clean_line(&g.title), 60)
                )?;
            }
            let c = board::counts(rows.iter().copied(), today);
            writeln!(
                out,
                "{}: {} open, {} overdue, {} due this week, {} in progress, {} done, {} risk accepted, {} unassigned (today {today})",
                crate::domain::text::count(c.total, "gap", "gaps"),
                c.open,
                c.overdue,
                c.due_soon,
                c.in_progress,
                c.done,
                c.accepted,
                c.unassigned
            )?;
        }
    }
    Ok(())
}

pub fn parse_area(s: &str) -> Result<Area> {
    Area::parse(s)
        .ok_or_else(|| anyhow!("unknown area '{s}': use privacy, administrative, nist or risk"))
}

/// The filters and order `hipaudit gaps` takes, as typed.
#[derive(Debug, Default)]
pub struct GapsQuery<'a> {
    pub owner: Option<&'a str>,
    pub status: Option<&'a str>,
    pub area: Option<&'a str>,
    pub overdue: bool,
    pub unassigned: bool,
    pub sort: Option<&'a str>,
}

pub fn cmd_gaps(
    path: &Path,
    q: &GapsQuery,
    format: Format,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let filter = GapFilter {
        owner: q.owner.map(str::to_string),
        status: q
            .status
            .map(|s| {
                RemediationStatus::parse(s).ok_or_else(|| {
                    anyhow!("unknown status '{s}': use open, in-progress, done or risk-accepted")
                })
            })
            .transpose()?,
        area: q
            .area
            .filter(|a| !a.eq_ignore_ascii_case("register"))
            .map(parse_area)
            .transpose()?,
        register: q.area.is_some_and(|a| a.eq_ignore_ascii_case("register")),
        overdue: q.overdue,
        unassigned: q.unassigned,
        reverify: false,
        text: String::new(),
        ..GapFilter::default()
    };
    let sort = q
        .sort
        .map(|s| {
            GapSort::parse(s)
                .ok_or_else(|| anyhow!("unknown sort '{s}': use due, risk, area, owner or status"))
        })
        .transpose()?;
    let ws = open(path)?;
    let catalog = ws.catalog();
    let window = crate::io::config::for_env(env)?.renewal_window_days;
    // The projects are rows of the board as the app shows it, each above its gaps.
    let all =
        crate::domain::project::with_rows(&ws, gaps::derive_all(catalog, &ws, env.today, window));
    let view = BoardView {
        sort: sort.unwrap_or(ws.view.sort),
        filter,
        ..BoardView::default()
    };
    let rows: Vec<&Gap> = board::rows(&all, &view, catalog, env.today)
        .into_iter()
        .map(|i| &all[i])
        .collect();
    write_gaps(&rows, &all, &ws, format, (env.today, window), out)
}

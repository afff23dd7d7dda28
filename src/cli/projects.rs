//! `hipaudit projects PATH`: the remediation projects with their status and their gaps, as a
//! table, CSV or JSON.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::cli::args::Format;
use crate::domain::gaps::{self, Gap};
use crate::domain::project::{self, Project};
use crate::domain::text;
use crate::env::Env;

/// One project as `projects --format json` prints it, keys in SPEC's order.
#[derive(Serialize)]
struct ProjectJson<'a> {
    id: &'a str,
    name: &'a str,
    /// Null when none.
    owner: Option<&'a str>,
    due: Option<String>,
    status: &'static str,
    /// The member gaps on the board now, in board order.
    gaps: Vec<&'a str>,
    plan: Option<&'a str>,
}

pub fn cmd_projects(path: &Path, format: Format, env: &Env, out: &mut dyn Write) -> Result<()> {
    let ws = crate::cli::load::open(path)?;
    let catalog = ws.catalog();
    let window = crate::io::config::for_env(env)?.renewal_window_days;
    let all = gaps::derive_all(catalog, &ws, env.today, window);
    let ordered = crate::domain::board::rows(&all, &Default::default(), catalog, env.today);
    let members = |p: &Project| -> Vec<&Gap> {
        ordered
            .iter()
            .map(|&i| &all[i])
            .filter(|g| g.project.as_deref() == Some(p.id.as_str()))
            .collect()
    };
    let listed: Vec<(&Project, Vec<&Gap>)> = ws.projects.iter().map(|p| (p, members(p))).collect();
    let status = |m: &[&Gap]| project::status_of(m.iter().copied()).label();
    let date = |p: &Project| p.due.map(|d| d.to_string());
    match format {
        Format::Json => {
            let v: Vec<ProjectJson> = listed
                .iter()
                .map(|(p, m)| ProjectJson {
                    id: &p.id,
                    name: &p.name,
                    owner: Some(p.owner.as_str()).filter(|o| !o.is_empty()),
                    due: date(p),
                    status: status(m),
                    gaps: m.iter().map(|g| g.id.as_str()).collect(),
                    plan: Some(p.plan.as_str()).filter(|o| !o.is_empty()),
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "name", "owner", "due", "status", "gaps", "plan"])?;
            for (p, m) in &listed {
                let ids: Vec<&str> = m.iter().map(|g| g.id.as_str()).collect();
                let rec = vec![
                    p.id.clone(),
                    p.name.clone(),
                    p.owner.clone(),
                    date(p).unwrap_or_default(),
                    status(m).to_string(),
                    ids.join(" "),
                    p.plan.clone(),
                ];
                w.write_record(crate::exchange::report::spreadsheet_safe(rec))?;
            }
            out.write_all(&w.into_inner()?)?;
        }
        Format::Table => {
            if listed.is_empty() {
                writeln!(
                    out,
                    "no remediation projects yet: mark gaps on the board (Space) and press P to group them"
                )?;
                return Ok(());
            }
            writeln!(
                out,
                "{:<6} {:<28} {:<16} {:<10} {:<13} gaps",
                "id", "name", "owner", "due", "status"
            )?;
            for (p, m) in &listed {
                let ids: Vec<&str> = m.iter().map(|g| g.id.as_str()).collect();
                writeln!(
                    out,
                    "{} {} {} {:<10} {:<13} {}",
                    text::cell(&p.id, 6),
                    text::cell(&p.name, 28),
                    text::cell(if p.owner.is_empty() { "-" } else { &p.owner }, 16),
                    date(p).unwrap_or_else(|| "-".into()),
                    status(m),
                    text::truncate_clean(&ids.join(" "), 60),
                )?;
            }
            let loose = all
                .iter()
                .filter(|g| project::can_join(g.kind) && g.project.is_none())
                .count();
            writeln!(
                out,
                "{}; {} not in a project",
                text::count(listed.len(), "project", "projects"),
                text::count(loose, "gap", "gaps"),
            )?;
        }
    }
    Ok(())
}

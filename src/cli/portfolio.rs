//! `hipaudit portfolio` and `hipaudit config`: every client at a glance, and the settings in
//! effect.
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use serde_json::json;

use crate::cli::args::Format;
use crate::domain::catalog::Catalog;
use crate::domain::text;
use crate::env::Env;
use crate::io::{config, crypt, portfolio};

/// `hipaudit portfolio [DIR…] [--all]`: the given folders, else the configured ones, else
/// `.`; one row a client (its current assessment), earlier years too with `all`.
pub fn cmd_portfolio(
    dirs: &[PathBuf],
    format: Format,
    all: bool,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let cfg = config::for_env(env)?;
    let dirs: Vec<PathBuf> = if !dirs.is_empty() {
        dirs.to_vec()
    } else if !cfg.folders.is_empty() {
        cfg.folders.clone()
    } else {
        vec![PathBuf::from(".")]
    };
    let paths = portfolio::find(&dirs);
    let pass = crypt::passphrase_from_env();
    let rows = portfolio::rows(
        &paths,
        Catalog::builtin(),
        env.today,
        cfg.renewal_window_days,
        pass.as_ref(),
    );
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let folded = rows.iter().filter(|r| r.current.is_some()).count();
    let all_rows = rows;
    let rows: Vec<&portfolio::Row> = portfolio::shown(&all_rows, all)
        .into_iter()
        .map(|i| &all_rows[i])
        .collect();
    let current = |r: &portfolio::Row| r.current.as_ref().map(|c| c.display().to_string());
    match format {
        Format::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({
                        "file": r.file.display().to_string(),
                        "client": r.client,
                        "started": r.started.map(|d| d.to_string()),
                        "answered": r.answered,
                        "questions": r.questions,
                        "compliance": r.compliance,
                        "open_gaps": r.open_gaps,
                        "overdue": r.overdue,
                        "next_due": r.next_due.map(|d| d.to_string()),
                        "next_audit_due": r.next_audit_due.map(|d| d.to_string()),
                        "to_reverify": r.to_reverify,
                        "encrypted": r.encrypted,
                        "error": r.error,
                        "current": current(r),
                        "earlier": portfolio::earlier_count(&all_rows, r),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "file",
                "client",
                "started",
                "answered",
                "questions",
                "compliance",
                "open_gaps",
                "overdue",
                "next_due",
                "next_audit_due",
                "to_reverify",
                "encrypted",
                "error",
                "current",
                "earlier",
            ])?;
            for r in &rows {
                let cells = [
                    r.file.display().to_string(),
                    r.client.clone(),
                    date(r.started),
                    r.answered.to_string(),
                    r.questions.to_string(),
                    r.compliance.map(|c| c.to_string()).unwrap_or_default(),
                    r.open_gaps.to_string(),
                    r.overdue.to_string(),
                    date(r.next_due),
                    date(r.next_audit_due),
                    r.to_reverify.to_string(),
                    if r.encrypted { "yes" } else { "no" }.to_string(),
                    r.error.clone().unwrap_or_default(),
                    current(r).unwrap_or_default(),
                    portfolio::earlier_count(&all_rows, r).to_string(),
                ];
                w.write_record(cells.iter().map(|c| crate::exchange::cells::csv_safe(c)))?;
            }
            out.write_all(&w.into_inner()?)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:<24} {:>8} {:>5} {:>5} {:>7} {:<10} {:<10} {:>6}  file",
                "client", "answered", "comp", "open", "overdue", "next due", "next audit", "↻"
            )?;
            for r in &rows {
                let client = if r.client.is_empty() {
                    r.error.clone().unwrap_or_default()
                } else {
                    r.client.clone()
                };
                // An earlier year sits under its client's current assessment, marked.
                let client = if r.current.is_some() {
                    format!(
                        "  ↳ {}",
                        r.started.map_or("earlier".into(), |d| d.to_string())
                    )
                } else {
                    client
                };
                writeln!(
                    out,
                    "{} {:>8} {:>5} {:>5} {:>7} {:<10} {:<10} {:>6}  {}",
                    text::cell(&client, 24),
                    format!("{}/{}", r.answered, r.questions),
                    r.compliance.map(|c| format!("{c}%")).unwrap_or("—".into()),
                    r.open_gaps,
                    r.overdue,
                    date(r.next_due),
                    date(r.next_audit_due),
                    r.to_reverify,
                    text::clean_line(&r.file.display().to_string())
                )?;
            }
            let folders = rows
                .iter()
                .filter(|r| {
                    r.error
                        .as_deref()
                        .is_some_and(|e| e.starts_with(portfolio::NOT_SEARCHED))
                })
                .count();
            let unsearched = match folders {
                0 => String::new(),
                n => format!(" ({} not searched)", text::count(n, "folder", "folders")),
            };
            let earlier = match (folded, all) {
                (0, _) => String::new(),
                (n, false) => format!(
                    "; {} folded under the current one (--all shows them)",
                    text::count(n, "earlier year", "earlier years")
                ),
                (n, true) => format!(
                    "; {} marked ↳",
                    text::count(n, "earlier year", "earlier years")
                ),
            };
            writeln!(
                out,
                "{}{unsearched} under {}{earlier}",
                text::count(rows.len() - folders, "workspace", "workspaces"),
                text::clean_line(
                    &dirs
                        .iter()
                        .map(|d| d.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            )?;
        }
    }
    Ok(())
}

/// `hipaudit config`: where `config.ron` is, whether it exists, and the settings in effect.
/// Writes a commented `config.ron` with the defaults; over an existing one only with
/// `force`, and then atomically, the old one kept as a backup (a link is replaced, never
/// written through).
pub fn cmd_config_init(env: &Env, force: bool, out: &mut dyn Write) -> Result<()> {
    let Some(dir) = &env.config_dir else {
        anyhow::bail!("no config folder on this system (HOME is not set): nothing written");
    };
    let p = config::path(dir);
    let exists = std::fs::symlink_metadata(&p).is_ok();
    if exists && !force {
        anyhow::bail!(
            "{} already exists: nothing written (hipaudit config shows what it sets; --force replaces it, keeping a backup)",
            text::clean_line(&p.display().to_string())
        );
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", text::clean_line(&dir.display().to_string())))?;
    let written = if exists {
        let mode = crate::io::files::WriteMode {
            backups: true,
            through_links: false,
        };
        crate::io::files::write_atomic(&p, config::COMMENTED.as_bytes(), mode).map(|_| ())
    } else {
        crate::io::files::create_atomic(&p, config::COMMENTED.as_bytes())
    };
    written.map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}: nothing written",
            text::clean_line(&p.display().to_string())
        )
    })?;
    writeln!(
        out,
        "wrote {}: every setting at its default, each explained; edit it, then hipaudit config checks it",
        text::clean_line(&p.display().to_string())
    )?;
    Ok(())
}

pub fn cmd_config(env: &Env, out: &mut dyn Write) -> Result<()> {
    let Some(dir) = &env.config_dir else {
        writeln!(
            out,
            "no config folder on this system: the defaults are in effect"
        )?;
        writeln!(out, "{}", config::describe(&config::Config::default()))?;
        return Ok(());
    };
    let p = config::path(dir);
    let cfg = config::for_env(env)?;
    let state = if p.exists() {
        "in effect"
    } else {
        "not there: these defaults are in effect"
    };
    writeln!(
        out,
        "{} ({state})",
        text::clean_line(&p.display().to_string())
    )?;
    writeln!(out, "{}", text::clean_text(&config::describe(&cfg)))?;
    Ok(())
}

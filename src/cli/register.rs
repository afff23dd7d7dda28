//! `hipaudit evidence` (list, verify, add evidence items), with the locked read-change-save
//! and the spreadsheet reading every writing command shares (`vendors.rs` has the
//! business-associate register).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::json;

use crate::cli::args::Format;
use crate::domain::evidence::{self, EvidenceItem, EvidenceState, FileCheck};
use crate::domain::text;
use crate::domain::workspace::{Actor, Workspace};
use crate::env::Env;
use crate::exchange::cells::csv_safe;
use crate::io::evidence as files;
use crate::io::store::{self, open_any};

/// Opens a workspace under its lock (unless `dry_run`), lets `edit` change it, and saves it
/// when `edit` says it changed something — only if nobody wrote the file meanwhile.
pub(crate) fn edit_locked<T>(
    path: &Path,
    env: &Env,
    dry_run: bool,
    out: &mut dyn Write,
    edit: impl FnOnce(&mut Workspace, &Actor) -> Result<(T, bool)>,
) -> Result<T> {
    let lock = if dry_run {
        None
    } else {
        match store::Lock::acquire(path)? {
            Ok(l) => Some(l),
            Err(holder) => bail!(
                "{} is open in {holder}; close it there first",
                path.display()
            ),
        }
    };
    let (mut ws, stamp, keys) = open_any(path)?;
    // The person running the command, not the engagement's assessor (see `Env::user`).
    let actor = Actor {
        name: env.user.clone(),
        now: env.now(),
    };
    let (result, changed) = edit(&mut ws, &actor)?;
    if changed && !dry_run {
        if !stamp.still_matches(path)? {
            bail!(
                "{} changed on disk meanwhile; nothing was written",
                path.display()
            );
        }
        let written = store::save_with(path, &ws, keys.as_ref(), store::WriteMode::DATA)
            .with_context(|| format!("saving {}", path.display()))?;
        for w in written.warnings {
            writeln!(out, "warning: {}", text::clean_line(&w))?;
        }
    }
    drop(lock);
    Ok(result)
}

/// A spreadsheet read as text: a regular file (never a FIFO), UTF-8, its line ends made
/// `\n` (the csv crate counts a Windows sheet's lines one short, and Excel writes `\r\n`).
pub(crate) fn read_sheet(from: &Path) -> Result<String> {
    String::from_utf8(
        crate::io::files::read_regular(from)
            .with_context(|| format!("reading {}", from.display()))?,
    )
    .map(|t| t.replace("\r\n", "\n"))
    .map_err(|_| anyhow!("{}: not UTF-8 text", from.display()))
}

/// A sheet refused whole: every problem as `FILE:line …`, and that nothing changed.
pub(crate) fn rejected(from: &Path, problems: Vec<String>) -> anyhow::Error {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{p}", from.display()))
        .collect();
    anyhow!("{}\nnothing was changed", lines.join("\n"))
}

/// What `hipaudit evidence` does.
#[derive(Debug, Clone)]
pub enum EvidenceCommand {
    List,
    Verify,
    Add {
        id: String,
        file: std::path::PathBuf,
        label: Option<String>,
        expires: Option<String>,
        collected: Option<String>,
    },
}

struct Row {
    id: String,
    item: EvidenceItem,
    state: EvidenceState,
    detail: String,
}

/// `hipaudit evidence PATH [list|verify|add …]`. `verify` fails (exit 1) when a file changed
/// or is missing; `list` only looks whether each file is there.
pub fn cmd_evidence(
    path: &Path,
    command: EvidenceCommand,
    format: Format,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let window = crate::io::config::for_env(env)?.renewal_window_days;
    if let EvidenceCommand::Add {
        id,
        file,
        label,
        expires,
        collected,
    } = &command
    {
        return add(path, env, out, id, file, label, expires, collected);
    }
    let ws = crate::cli::load::open(path)?;
    let verify = matches!(command, EvidenceCommand::Verify);
    let rows: Vec<Row> = ws
        .evidence_items()
        .into_iter()
        .map(|h| {
            // Listing re-hashes too, so its states are the truth; only `verify` fails on
            // them.
            let check = files::check(path, h.item);
            let detail = match &check {
                FileCheck::Missing(why) => why.clone(),
                _ => String::new(),
            };
            Row {
                id: h.owner.to_string(),
                state: evidence::state(h.item, &check, env.today, window),
                item: h.item.clone(),
                detail,
            }
        })
        .collect();
    print_evidence(&rows, format, out)?;
    let failed = rows.iter().filter(|r| r.state.fails()).count();
    if verify && failed > 0 {
        bail!(
            "{} changed or missing: the recorded hash no longer proves {}",
            text::count(failed, "evidence file is", "evidence files are"),
            if failed == 1 { "it" } else { "them" }
        );
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add(
    path: &Path,
    env: &Env,
    out: &mut dyn Write,
    id: &str,
    file: &Path,
    label: &Option<String>,
    expires: &Option<String>,
    collected: &Option<String>,
) -> Result<()> {
    let c = crate::domain::catalog::Catalog::builtin();
    // One resolution of the path: the file hashed is the file recorded.
    let cwd = std::env::current_dir().context("reading the current folder")?;
    let (real, recorded) = files::locate(path, &cwd, file).map_err(|e| anyhow!(e))?;
    let sha256 = files::hash_file(&real).map_err(|e| anyhow!(e))?;
    let collected = match collected {
        Some(d) => crate::domain::dates::parse_date(d).map_err(|e| anyhow!("--collected {e}"))?,
        None => env.today,
    };
    if collected > env.today {
        bail!(
            "--collected {collected} is after today ({}): give the day the evidence was seen",
            env.today
        );
    }
    let expires = expires
        .as_deref()
        .map(|d| crate::domain::dates::parse_due(d, collected))
        .transpose()
        .map_err(|e| anyhow!("--expires {e}"))?;
    evidence::check_expiry(collected, expires).map_err(|e| anyhow!("--expires {e}"))?;
    let item = EvidenceItem {
        label: label.clone().unwrap_or_else(|| {
            EvidenceItem {
                file: recorded.clone(),
                ..EvidenceItem::default()
            }
            .file_name()
            .to_string()
        }),
        file: recorded,
        sha256,
        collected: Some(collected),
        expires,
        location: String::new(),
    };
    if item.label.trim().is_empty() {
        bail!("--label cannot be empty");
    }
    let shown = item.clone();
    edit_locked(path, env, false, out, |ws, actor| {
        if c.get(id).is_none() && ws.vendor(id).is_none() {
            bail!(
                "{id}: no such question or vendor (`hipaudit catalog` and `hipaudit vendors` list them)"
            );
        }
        ws.add_evidence(id, item, actor);
        Ok(((), true))
    })?;
    writeln!(
        out,
        "{id}: added \"{}\" ({}, sha256 {})",
        text::clean_line(&shown.label),
        text::clean_line(&shown.file),
        &shown.sha256[..16]
    )?;
    Ok(())
}

fn print_evidence(rows: &[Row], format: Format, out: &mut dyn Write) -> Result<()> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    match format {
        Format::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "label": r.item.label,
                        "file": r.item.file,
                        "sha256": r.item.sha256,
                        "collected": date(r.item.collected),
                        "expires": date(r.item.expires),
                        "state": r.state.word(),
                        "detail": r.detail,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "id",
                "label",
                "file",
                "sha256",
                "collected",
                "expires",
                "state",
                "detail",
            ])?;
            for r in rows {
                let cells = [
                    r.id.clone(),
                    r.item.label.clone(),
                    r.item.file.clone(),
                    r.item.sha256.clone(),
                    date(r.item.collected).unwrap_or_default(),
                    date(r.item.expires).unwrap_or_default(),
                    r.state.word().to_string(),
                    r.detail.clone(),
                ];
                w.write_record(cells.iter().map(|c| csv_safe(c)))?;
            }
            out.write_all(&w.into_inner()?)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:<9} {:<12} {:<32} {:<10} {:<10}  file",
                "state", "id", "label", "collected", "expires"
            )?;
            for r in rows {
                let file = if r.detail.is_empty() {
                    r.item.file.clone()
                } else {
                    format!("{} ({})", r.item.file, r.detail)
                };
                writeln!(
                    out,
                    "{:<9} {} {} {:<10} {:<10}  {}",
                    r.state.word(),
                    text::cell(&r.id, 12),
                    text::cell(&r.item.label, 32),
                    date(r.item.collected).unwrap_or_default(),
                    date(r.item.expires).unwrap_or_default(),
                    text::clean_line(&file)
                )?;
            }
            let count = |s: EvidenceState| rows.iter().filter(|r| r.state == s).count();
            writeln!(
                out,
                "{}: {} ok, {} changed, {} missing, {} expired, {} expiring, {} without a file",
                text::count(rows.len(), "item", "items"),
                count(EvidenceState::Ok),
                count(EvidenceState::Changed),
                count(EvidenceState::Missing),
                count(EvidenceState::Expired),
                count(EvidenceState::Expiring),
                count(EvidenceState::NoFile),
            )?;
        }
    }
    Ok(())
}

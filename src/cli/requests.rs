//! `hipaudit import PATH --requests FILE.csv`: the evidence request list comes back from the
//! client with what was provided.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::cli::register::{read_sheet, rejected};

use crate::domain::text;
use crate::env::Env;

/// `hipaudit import PATH --requests FILE.csv`: which request-list items the client provided,
/// all or nothing.
pub fn cmd_import_requests(
    path: &Path,
    from: &Path,
    dry_run: bool,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let text = read_sheet(from)?;
    let rows = crate::exchange::requests::parse_received(
        &text,
        crate::domain::catalog::Catalog::builtin(),
        env.today,
    )
    .map_err(|p| rejected(from, p))?;
    let lines = crate::cli::register::edit_locked(path, env, dry_run, out, |ws, actor| {
        let mut lines = Vec::new();
        for (key, when) in &rows {
            if ws.set_received(key, *when, actor) {
                lines.push(match when {
                    Some(d) => format!("received {d}: {key}"),
                    None => format!("not received: {key}"),
                });
            }
        }
        let changed = !lines.is_empty();
        Ok((lines, changed))
    })?;
    for l in &lines {
        writeln!(out, "{}", text::clean_line(l))?;
    }
    let marked = rows.iter().filter(|(_, w)| w.is_some()).count();
    writeln!(
        out,
        "{} ({marked} of {} marked received){}",
        text::count(lines.len(), "request item changed", "request items changed"),
        text::count(rows.len(), "row", "rows"),
        if dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    )?;
    Ok(())
}

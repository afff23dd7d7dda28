//! Year over year: `new NEXT --from LAST` carries an assessment forward, `diff OLD NEW`
//! says what changed between two.
use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use crate::domain::catalog::Catalog;
use crate::domain::compare::compare;
use crate::domain::text;
use crate::env::Env;
use crate::exchange::since;
use crate::io::store::open_any;

/// How `diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Table,
    Md,
    Json,
}

/// `hipaudit new NEXT --from LAST [--client NAME]`. LAST gains only the record that it was
/// carried into NEXT (so the portfolio folds it under NEXT); an encrypted LAST gives an
/// encrypted NEXT under the same passphrase.
pub fn cmd_new_from(
    path: &Path,
    from: &Path,
    client: Option<&str>,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    if client.is_some_and(|c| c.trim().is_empty()) {
        bail!("--client must name the audited organisation");
    }
    let made = crate::io::years::new_from(path, from, client, env, |_| {})?;
    if let Some(why) = &made.warning {
        writeln!(out, "warning: {}", text::clean_line(why))?;
    }
    let next = made.ws;
    let catalog = Catalog::builtin();
    let carried = next.answers.values().filter(|a| a.reverify).count();
    let open = crate::domain::gaps::derive(catalog, &next)
        .iter()
        .filter(|g| !g.status.is_closed())
        .count();
    writeln!(
        out,
        "created {} from {}: {} to re-verify, {} with their remediation, {} to re-rate",
        text::clean_line(&path.display().to_string()),
        text::clean_line(&from.display().to_string()),
        text::count(carried, "carried answer", "carried answers"),
        text::count(open, "open gap", "open gaps"),
        text::count(next.risks.len(), "register risk", "register risks"),
    )?;
    Ok(())
}

/// `hipaudit diff OLD NEW [--format table|md|json]`.
pub fn cmd_diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let (a, _, _) = open_any(old)?;
    let (b, _, _) = open_any(new)?;
    let catalog = Catalog::builtin();
    let c = compare(catalog, &a, &b, env.today);
    match format {
        DiffFormat::Table => write!(out, "{}", text::clean_text(&since::table(&c)))?,
        DiffFormat::Md => {
            writeln!(
                out,
                "# {} → {}\n",
                text::clean_line(&old.display().to_string()),
                text::clean_line(&new.display().to_string())
            )?;
            write!(out, "{}", since::markdown(catalog, &c, "##"))?
        }
        DiffFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&since::json(&c))?)?,
    }
    Ok(())
}

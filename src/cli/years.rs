//! Year over year: `new NEXT --from LAST` carries an assessment forward, `diff OLD NEW`
//! says what changed between two.
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::domain::carry::{Source, carry_forward};
use crate::domain::catalog::Catalog;
use crate::domain::compare::compare;
use crate::domain::text;
use crate::domain::workspace::Actor;
use crate::env::Env;
use crate::exchange::since;
use crate::io::store::{self, open_any};

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
    if path.exists() {
        bail!("{} already exists; not overwriting it", path.display());
    }
    if client.is_some_and(|c| c.trim().is_empty()) {
        bail!("--client must name the audited organisation");
    }
    let bytes = crate::io::files::read_regular(from)
        .with_context(|| format!("reading {}", from.display()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let (old, stamp, keys) = open_any(from)?;
    let file = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let actor = Actor {
        name: env.user.clone(),
        now: env.now(),
    };
    let catalog = Catalog::builtin();
    let next = carry_forward(
        &Source {
            ws: &old,
            file,
            sha256,
        },
        catalog,
        env.today,
        client.map(str::trim),
        &actor,
    );
    match &keys {
        Some(keys) => {
            if path.extension().is_none_or(|e| e != "age") {
                bail!(
                    "{} is encrypted, so the next workspace is too: name it {}.age",
                    from.display(),
                    path.display()
                );
            }
            let key_file = crate::io::crypt::key_path(path);
            if key_file.exists() {
                bail!("{} exists; not overwriting it", key_file.display());
            }
            // The same key file: the same passphrase opens both years.
            let key_bytes = crate::io::files::read_regular(&crate::io::crypt::key_path(from))?;
            crate::io::files::create_bytes(&key_file, &key_bytes)
                .with_context(|| format!("creating {}", key_file.display()))?;
            store::create_with(path, &next, Some(keys))
                .with_context(|| format!("creating {}", path.display()))?;
        }
        None => {
            store::create(path, &next).with_context(|| format!("creating {}", path.display()))?
        }
    }
    // LAST open elsewhere was still read: only the record is left out. A change to LAST
    // since it was read is caught by its stamp.
    let lock = match store::Lock::acquire(from) {
        Ok(Ok(l)) => Ok(l),
        Ok(Err(holder)) => Err(format!("it is open in {holder}")),
        Err(e) => Err(format!("it cannot be locked ({e})")),
    };
    let note = match &lock {
        Ok(_) => mark_carried(from, path, old, &stamp, keys.as_ref(), env),
        Err(why) => Err(format!(
            "{} does not record that it was carried into {}: {why}",
            from.display(),
            path.display()
        )),
    };
    drop(lock);
    if let Err(why) = note {
        writeln!(out, "warning: {}", text::clean_line(&why))?;
    }
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

/// Records in LAST that it was carried into NEXT, its content otherwise as it was; the
/// write is atomic and keeps a backup. NEXT exists by now, so a failure here is a warning.
fn mark_carried(
    from: &Path,
    next: &Path,
    mut old: crate::domain::workspace::Workspace,
    stamp: &store::Stamp,
    keys: Option<&crate::io::crypt::Keys>,
    env: &Env,
) -> std::result::Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| {
        format!(
            "{} does not record that it was carried into {}: {e}",
            from.display(),
            next.display()
        )
    };
    let dir = |p: &Path| {
        std::path::absolute(p)
            .ok()
            .and_then(|a| a.parent().map(Path::to_path_buf))
    };
    let name = next
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The name alone when the two years sit side by side (the folder can move as a whole).
    let file = if dir(from).is_some_and(|d| Some(d) == dir(next)) {
        name
    } else {
        std::path::absolute(next)
            .unwrap_or_else(|_| next.to_path_buf())
            .display()
            .to_string()
    };
    old.carried_into = Some(crate::domain::carry::CarriedInto {
        file,
        on: env.today,
    });
    if !stamp.still_matches(from).map_err(|e| fail(&e))? {
        return Err(fail(&"it changed on disk meanwhile"));
    }
    store::save_with(from, &old, keys, store::WriteMode::DATA).map_err(|e| fail(&e))?;
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

//! Starting next year's assessment from last year's file: shared by `hipaudit new --from`
//! and the start screen's new-workspace form.
use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::domain::carry::{CarriedInto, Source, carry_forward};
use crate::domain::catalog::Catalog;
use crate::domain::workspace::{Actor, Workspace};
use crate::env::Env;
use crate::io::crypt::Keys;
use crate::io::store;

/// What carrying forward made.
#[derive(Debug)]
pub struct Carried {
    /// The new workspace as written.
    pub ws: Workspace,
    /// Why LAST does not record that it was carried (NEXT was made all the same).
    pub warning: Option<String>,
}

/// Creates NEXT from LAST. `adjust` may change the new workspace before it is written (the
/// start screen's site, scope or profile); `client` replaces the client's name. LAST gains
/// only the record that it was carried into NEXT; an encrypted LAST gives an encrypted NEXT
/// under the same passphrase. Nothing is written when NEXT (or its key file) exists.
pub fn new_from(
    path: &Path,
    from: &Path,
    client: Option<&str>,
    env: &Env,
    adjust: impl FnOnce(&mut Workspace),
) -> Result<Carried> {
    if path.exists() {
        bail!("{} already exists; not overwriting it", path.display());
    }
    if client.is_some_and(|c| c.trim().is_empty()) {
        bail!("the client must name the audited organisation");
    }
    let bytes = crate::io::files::read_regular(from)
        .with_context(|| format!("reading {}", from.display()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let (old, stamp, keys) = store::open_any(from)?;
    let file = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let actor = Actor {
        name: env.user.clone(),
        now: env.now(),
    };
    let mut next = carry_forward(
        &Source {
            ws: &old,
            file,
            sha256,
        },
        // The whole bank: answers set aside by the profile carry too.
        Catalog::builtin(),
        env.today,
        client.map(str::trim),
        &actor,
    );
    adjust(&mut next);
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
    Ok(Carried {
        ws: next,
        warning: note.err(),
    })
}

/// Records in LAST that it was carried into NEXT, its content otherwise as it was; the
/// write is atomic and keeps a backup. NEXT exists by now, so a failure here is a warning.
fn mark_carried(
    from: &Path,
    next: &Path,
    mut old: Workspace,
    stamp: &store::Stamp,
    keys: Option<&Keys>,
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
    old.carried_into = Some(CarriedInto {
        file,
        on: env.today,
    });
    if !stamp.still_matches(from).map_err(|e| fail(&e))? {
        return Err(fail(&"it changed on disk meanwhile"));
    }
    store::save_with(from, &old, keys, store::WriteMode::DATA).map_err(|e| fail(&e))?;
    Ok(())
}

//! `hipaudit encrypt` and `hipaudit decrypt`: a workspace converted to or from age
//! encryption, the new file proven to read back the same before the old one goes.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::io::store::{self, open_any};

/// The file names that belong to a workspace: itself, its backups, its key file.
fn workspace_files(path: &Path) -> Vec<PathBuf> {
    let mut v = vec![path.to_path_buf()];
    v.extend((1..=store::GENERATIONS).map(|n| store::generation_path(path, n)));
    v
}

/// The file a conversion works on: a workspace reached through a symbolic link is the file
/// the link points at, since its backups and key lie beside the real file, and removing only
/// the link would leave every byte of the old form on disk. Returns the link too.
fn through_link(path: &Path) -> Result<(PathBuf, Option<PathBuf>)> {
    let m =
        std::fs::symlink_metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if !m.file_type().is_symlink() {
        return Ok((path.to_path_buf(), None));
    }
    let real = std::fs::canonicalize(path).with_context(|| {
        format!(
            "{} is a link to a file that cannot be reached",
            path.display()
        )
    })?;
    Ok((real, Some(path.to_path_buf())))
}

/// The file `encrypt` works on (see `through_link`). A file with other names (hard links) is
/// refused: its plain text would stay readable under them.
fn encrypt_source(path: &Path) -> Result<(PathBuf, Option<PathBuf>)> {
    let (real, link) = through_link(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&real).with_context(|| format!("reading {}", real.display()))?;
        if m.is_file() && m.nlink() > 1 {
            bail!(
                "{} has {} names (hard links): the plain text would stay readable under the others. \
                 Remove the other names, then run again; nothing was changed",
                real.display(),
                m.nlink()
            );
        }
    }
    Ok((real, link))
}

pub fn cmd_encrypt(path: &Path, out: &mut dyn Write) -> Result<()> {
    if store::is_encrypted_file(path) {
        bail!("{} is already encrypted", path.display());
    }
    let (path, link) = encrypt_source(path)?;
    let path = path.as_path();
    let target = {
        let mut s = path.as_os_str().to_owned();
        s.push(".age");
        PathBuf::from(s)
    };
    let key_file = crate::io::crypt::key_path(&target);
    for p in [&target, &key_file] {
        if std::fs::symlink_metadata(p).is_ok() {
            bail!("{} exists; not overwriting it", p.display());
        }
    }
    let _lock = match store::Lock::acquire(path)? {
        Ok(l) => l,
        Err(holder) => bail!("{} is open in {holder}; close it first", path.display()),
    };
    let siblings = store::plain_siblings(path);
    if !siblings.is_empty() {
        let list: Vec<String> = siblings.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "these plain-text copies of the workspace would stay readable: {}. Encrypt each \
             (hipaudit encrypt FILE) or delete it, then run again; nothing was changed",
            list.join(", ")
        );
    }
    let (ws, _) = store::load(path).map_err(|e| anyhow!("{e}"))?;
    let pass = crate::io::crypt::passphrase(
        "New passphrase (keep it safe: without it the workspace is lost): ",
        true,
    )?;
    // Whatever fails from here (a full disk, a file-size limit) takes back what this run
    // wrote, and only that, so a retry finds nothing in its way and the plain file is untouched.
    let (mut wrote_key, mut wrote_target) = (false, false);
    let sealed = (|| -> Result<()> {
        let keys = crate::io::crypt::Keys::generate();
        // A file someone else put there meanwhile (AlreadyExists) is theirs to keep.
        let ours = |r: &std::io::Result<()>| !matches!(r, Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists);
        let r = keys.write_key_file(&target, &pass);
        wrote_key = ours(&r);
        r?;
        let text = store::to_verified_ron(&ws, &target)?;
        let r = store::create_atomic(&target, &keys.encrypt(text.as_bytes())?);
        wrote_target = ours(&r);
        r.with_context(|| format!("writing {}", target.display()))?;
        // Prove the encrypted copy opens before the plain one goes.
        let check = crate::io::crypt::Keys::open(&target, &pass)?;
        let (back, _) = store::load_with(&target, Some(&check)).map_err(|e| anyhow!("{e}"))?;
        if back != ws {
            bail!("the encrypted copy did not read back the same; the plain file was kept");
        }
        Ok(())
    })();
    if let Err(e) = sealed {
        if wrote_target {
            let _ = std::fs::remove_file(&target);
        }
        if wrote_key {
            let _ = std::fs::remove_file(&key_file);
        }
        return Err(e.context(format!("{} was left as it was", path.display())));
    }
    let mut left = Vec::new();
    for p in workspace_files(path).into_iter().chain(link.clone()) {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                left.push(format!("{} ({e})", p.display()));
            }
            _ => {}
        }
    }
    if let Some(l) = &link {
        writeln!(
            out,
            "{} is a link to {}: encrypted the file itself and removed the link",
            l.display(),
            path.display()
        )?;
    }
    writeln!(
        out,
        "encrypted {} -> {} (key: {})",
        path.display(),
        target.display(),
        key_file.display()
    )?;
    writeln!(
        out,
        "recover with the age tool: age -d -i {} {}",
        key_file.display(),
        target.display()
    )?;
    if !left.is_empty() {
        bail!(
            "encrypted, but these plain-text files could not be removed: {}; delete them by hand",
            left.join(", ")
        );
    }
    Ok(())
}

pub fn cmd_decrypt(path: &Path, out: &mut dyn Write) -> Result<()> {
    if !store::is_encrypted_file(path) {
        bail!("{} is not an encrypted workspace", path.display());
    }
    let (path, link) = through_link(path)?;
    let path = path.as_path();
    let name = path.to_string_lossy();
    let Some(plain) = name.strip_suffix(".age").map(PathBuf::from) else {
        bail!("{}: an encrypted workspace ends in .age", path.display());
    };
    if plain.exists() {
        bail!("{} exists; not overwriting it", plain.display());
    }
    let _lock = match store::Lock::acquire(path)? {
        Ok(l) => l,
        Err(holder) => bail!("{} is open in {holder}; close it first", path.display()),
    };
    let (ws, _, _) = open_any(path)?;
    let text = store::to_verified_ron(&ws, &plain)?;
    store::create_atomic(&plain, text.as_bytes())
        .with_context(|| format!("writing {}", plain.display()))?;
    let (back, _) = store::load(&plain).map_err(|e| anyhow!("{e}"))?;
    if back != ws {
        bail!("the decrypted copy did not read back the same; the encrypted file was kept");
    }
    for p in workspace_files(path).into_iter().chain(link.clone()) {
        let _ = std::fs::remove_file(p);
    }
    let _ = std::fs::remove_file(crate::io::crypt::key_path(path));
    if let Some(l) = &link {
        writeln!(
            out,
            "{} is a link to {}: decrypted the file itself and removed the link",
            l.display(),
            path.display()
        )?;
    }
    writeln!(
        out,
        "decrypted {} -> {} (it is now plain text: keep it private)",
        path.display(),
        plain.display()
    )?;
    Ok(())
}

//! The app's own folders and files: the demo copy in the data folder, the private folder the
//! outside editor's file lives in for a moment.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};

use crate::env::Env;
use crate::io::store;

/// The bundled demo workspace.
pub const DEMO: &str = include_str!("../../assets/demo.ron");

/// Copies the demo to the data folder unless a copy is already there; returns its path.
pub fn demo_path(env: &Env, fresh: bool) -> Result<PathBuf> {
    let dir = env
        .data_dir
        .clone()
        .ok_or_else(|| anyhow!("no data folder could be found for this user (is HOME set?)"))?;
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    // hipaudit's own folder is private, like the files in it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let path = dir.join("demo.ron");
    if fresh && path.exists() {
        // Never pull the file from under a running copy.
        if let Err(holder) = store::Lock::acquire(&path)? {
            bail!("the demo is open in {holder}; quit it before `hipaudit demo --fresh`");
        }
    }
    if fresh || !path.exists() {
        store::write_atomic(&path, DEMO.as_bytes(), store::WriteMode::PLAIN)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    write_demo_evidence(&dir, fresh)?;
    Ok(path)
}

/// The demo's fictional evidence files, beside it (missing ones, or all with `fresh`).
fn write_demo_evidence(dir: &Path, fresh: bool) -> Result<()> {
    use crate::io::demo_register::{EVIDENCE_DIR, EVIDENCE_FILES};
    let folder = dir.join(EVIDENCE_DIR);
    std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    for (name, bytes) in EVIDENCE_FILES {
        let p = folder.join(name);
        if fresh || !p.exists() {
            store::write_atomic(&p, bytes, store::WriteMode::PLAIN)
                .with_context(|| format!("writing {}", p.display()))?;
        }
    }
    Ok(())
}

/// The private folder for the outside editor's file: `DATA/editing`, mode 0700, ours.
pub fn editing_dir(env: &Env) -> Result<PathBuf> {
    let base = env
        .data_dir
        .clone()
        .ok_or_else(|| anyhow!("no private data folder for the editor's file (is HOME set?)"))?;
    let dir = base.join("editing");
    crate::io::files::private_dir(&dir).with_context(|| format!("preparing {}", dir.display()))?;
    Ok(dir)
}

/// Removes editor files left by a copy of hipaudit that is gone (a crash, a closed
/// terminal): nothing of a note stays on disk longer than its editing.
pub fn clean_editing_dir(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix("note-")
                .and_then(|r| r.split('-').next())
                .and_then(|p| p.parse::<i32>().ok())
            else {
                return false;
            };
            !process_alive(pid)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

fn process_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    #[cfg(unix)]
    {
        // SAFETY: kill with signal 0 only asks whether the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Writes the note to a new private file in `dir` (created exclusively, never through a
/// link, 0600, a name nobody can guess ahead).
pub fn note_file(dir: &Path, text: &str) -> Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let file = dir.join(format!("note-{}-{nanos:x}.txt", std::process::id()));
    let mut f = crate::io::files::create_private(&file)
        .with_context(|| format!("creating {}", file.display()))?;
    let written = f.write_all(text.as_bytes()).and_then(|_| {
        if text.is_empty() {
            Ok(())
        } else {
            f.write_all(b"\n")
        }
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&file);
        return Err(e).with_context(|| format!("writing {}", file.display()));
    }
    Ok(file)
}

/// Where the start screen's new-workspace form puts a file: `~` (or `~/…`) is the home folder,
/// as in a shell; a bare name goes to the clients folder config.ron names, if any.
pub fn new_workspace_file(file: &str, home: Option<&Path>, clients: Option<&Path>) -> String {
    let file = match (file.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => home
            .join(rest.trim_start_matches('/'))
            .display()
            .to_string(),
        _ => file.to_string(),
    };
    match clients {
        Some(dir) if !file.is_empty() && Path::new(&file).parent() == Some(Path::new("")) => {
            dir.join(&file).display().to_string()
        }
        _ => file,
    }
}

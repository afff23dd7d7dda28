//! One writer per workspace: an OS lock on `.NAME.lock` beside the workspace's real path.
//! The lock file is opened without following links and must be a plain file with one name;
//! the OS releases the lock when the process dies, so there are no stale locks.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::io::files::{kind_of, refuse, sibling};

/// An exclusive claim on a workspace for writing, held while the app has it open.
/// The OS releases the lock when the process dies, so a crash never leaves a stale claim;
/// the lock file's text (pid, host) is only there to name the holder.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// Who holds a workspace, as the lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder(pub String);

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".", ".lock")
}

fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown host".into())
}

/// The path a workspace is known by for locking: its real path (links resolved), so a
/// link to a workspace and the workspace itself share one lock.
pub fn real_path(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Opens the lock file without following a link and proves it is a regular file with no
/// other names (a hard link to the workspace must never be truncated).
fn open_lock_file(lp: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = o.open(lp).map_err(|e| {
        if let Ok(m) = fs::symlink_metadata(lp)
            && !m.file_type().is_file()
        {
            return refuse(lp, kind_of(&m));
        }
        // The message names the lock file and why a lock is needed: "Permission denied"
        // alone does not say which file or folder to fix.
        io::Error::new(
            e.kind(),
            format!(
                "cannot open the lock {} beside the workspace ({e}): editing needs a folder you can write to",
                lp.display()
            ),
        )
    })?;
    let m = file.metadata()?;
    if !m.file_type().is_file() {
        return Err(refuse(lp, kind_of(&m)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if m.nlink() != 1 {
            return Err(io::Error::other(format!(
                "{} has other names (hard links); hipaudit will not use it as a lock. Remove it and try again",
                lp.display()
            )));
        }
    }
    Ok(file)
}

impl Lock {
    /// Claims the workspace, or says who holds it. The claim is on the workspace's real
    /// path; the lock file must be a plain file of ours.
    pub fn acquire(path: &Path) -> Result<Result<Lock, Holder>, io::Error> {
        let lp = lock_path(&real_path(path));
        let mut file = open_lock_file(&lp)?;
        match file.try_lock() {
            Ok(()) => {
                // Whatever the file said before came from a process that is gone. The file
                // was proven a plain file with one name, so this touches nothing else.
                file.set_len(0)?;
                let me = format!("pid {} on {}", std::process::id(), host_name());
                file.write_all(me.as_bytes())?;
                file.sync_all()?;
                Ok(Ok(Lock { file, path: lp }))
            }
            Err(fs::TryLockError::WouldBlock) => {
                let mut who = String::new();
                // A planted lock file may be huge: the holder's name is a short line.
                let _ = (&mut file).take(4096).read_to_string(&mut who);
                let who = crate::domain::text::clean_line(who.trim());
                let who = if who.is_empty() {
                    "another process".to_string()
                } else {
                    who
                };
                Ok(Err(Holder(who)))
            }
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True while the lock file we hold is still the one in the folder (a folder that was
    /// deleted and made again has lost it).
    pub fn still_in_place(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
                (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
                _ => false,
            }
        }
        #[cfg(not(unix))]
        {
            self.path.exists()
        }
    }
}

impl Lock {
    /// Before a save: the claim still stands, or is taken again when the lock file is gone or
    /// is another file now (the folder was deleted and made again while the app was open).
    /// When someone else holds the workspace now, says who, and nothing may be written.
    pub fn keep(&mut self, workspace: &Path) -> Result<(), String> {
        if self.still_in_place() {
            return Ok(());
        }
        match Lock::acquire(workspace) {
            Ok(Ok(fresh)) => {
                *self = fresh;
                Ok(())
            }
            Ok(Err(holder)) => Err(format!(
                "{} is now open in {holder} (its folder was replaced while this copy was open); \
                 nothing was written: close it there, or save elsewhere",
                workspace.display()
            )),
            Err(e) => Err(format!(
                "{} could not be locked again ({e}); nothing was written",
                workspace.display()
            )),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Never truncated on exit: the OS lock is what counts, and the text only names the
        // last holder.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod message_tests {
    /// A lock that cannot be made names its file, so the user knows which folder to fix
    /// (found by attack: a read-only folder gave only "Permission denied").
    #[test]
    fn a_lock_that_cannot_be_made_names_its_file() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path().join("gone").join("w.ron");
        let Err(e) = super::Lock::acquire(&w) else {
            panic!("no folder, no lock")
        };
        let said = e.to_string();
        assert!(said.contains(".w.ron.lock"), "{said}");
        assert!(said.contains("beside the workspace"), "{said}");
    }
}

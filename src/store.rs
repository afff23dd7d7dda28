//! Workspaces on disk: parse with positions, migrate, save atomically with a backup, and lock
//! so that two processes never write the same file.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ron::ser::PrettyConfig;

use crate::workspace::{FORMAT_VERSION, Workspace};

/// Why a workspace could not be read. Displays as `FILE:LINE:COLUMN: what is wrong` when the
/// problem has a position.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// What the file looked like when it was loaded or last saved, to notice outside changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(path: &Path) -> io::Result<Stamp> {
        let m = fs::metadata(path)?;
        Ok(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
        })
    }
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .new_line("\n")
}

/// Serializes a workspace: deterministic (maps are ordered), so the same data always gives
/// the same bytes.
pub fn to_ron(ws: &Workspace) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("// hipaudit workspace. Edit with care: `hipaudit check FILE` validates it.\n");
    // Serializing plain data with derived impls cannot fail.
    let body = ron::ser::to_string_pretty(ws, pretty()).expect("workspace serializes");
    out.push_str(&body);
    out.push('\n');
    out
}

/// Parses workspace text; `path` only names the file in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Workspace, LoadError> {
    let err = |position, message: String| LoadError {
        path: path.to_path_buf(),
        position,
        message,
    };
    if text.trim().is_empty() {
        return Err(err(
            Some((1, 1)),
            "the file is empty, not a hipaudit workspace".into(),
        ));
    }
    match format_version(text) {
        Some((v, line, col)) if v > FORMAT_VERSION => {
            return Err(err(
                Some((line, col)),
                format!(
                    "format version {v} is newer than this hipaudit understands ({FORMAT_VERSION}); \
                     update hipaudit"
                ),
            ));
        }
        Some((0, line, col)) => {
            return Err(err(
                Some((line, col)),
                "format version 0 does not exist".into(),
            ));
        }
        // Version 1 is the first format; a later version migrates older files here.
        _ => {}
    }
    let ws: Workspace = ron::from_str(text).map_err(|e| {
        err(
            Some((e.span.start.line, e.span.start.col)),
            e.code.to_string(),
        )
    })?;
    Ok(ws)
}

/// Finds `format_version: N` near the top without a full parse, with its position.
fn format_version(text: &str) -> Option<(u32, usize, usize)> {
    for (i, line) in text.lines().take(20).enumerate() {
        if let Some(at) = line.find("format_version:") {
            let digits: String = line[at + 15..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            return digits.parse().ok().map(|v| (v, i + 1, at + 1));
        }
    }
    None
}

/// Reads and parses a workspace file. Bytes that are not UTF-8 are reported with their
/// position; the file is never touched.
pub fn load(path: &Path) -> Result<(Workspace, Stamp), LoadError> {
    let io_err = |e: io::Error| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: e.to_string(),
    };
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(io_err)?;
    let stamp = Stamp::of(path).map_err(io_err)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        LoadError {
            path: path.to_path_buf(),
            position: Some((line, col)),
            message: "the file is not text (invalid UTF-8): not a hipaudit workspace".into(),
        }
    })?;
    let ws = from_ron(&text, path)?;
    Ok((ws, stamp))
}

/// The backup kept beside a workspace: `NAME.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

/// Creates a file that only its owner can read (it may hold PHI).
fn create_private(path: &Path, exclusive: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true);
    if exclusive {
        o.create_new(true);
    } else {
        o.create(true).truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Writes text to `path` atomically: a temporary file in the same folder, flushed and synced,
/// then renamed over the target; the previous version is kept as `NAME.bak`; the folder is
/// synced so the rename survives a power cut.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<Stamp> {
    let tmp = sibling(path, ".", &format!(".tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = create_private(&tmp, false)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        if path.exists() {
            let bak = backup_path(path);
            let _ = fs::remove_file(&bak);
            // A hard link keeps the old version at no cost; copy where links are refused.
            if fs::hard_link(path, &bak).is_err() {
                fs::copy(path, &bak)?;
            }
        }
        fs::rename(&tmp, path)?;
        sync_dir(path);
        Stamp::of(path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Saves a workspace atomically.
pub fn save(path: &Path, ws: &Workspace) -> io::Result<Stamp> {
    write_atomic(path, &to_ron(ws))
}

/// Writes a brand-new workspace; refuses to replace an existing file.
pub fn create(path: &Path, ws: &Workspace) -> io::Result<()> {
    let text = to_ron(ws);
    let mut f = create_private(path, true)?;
    let r = f.write_all(text.as_bytes()).and_then(|_| f.sync_all());
    if r.is_err() {
        let _ = fs::remove_file(path);
    }
    r
}

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

impl Lock {
    /// Claims the workspace, or says who holds it.
    pub fn acquire(path: &Path) -> Result<Result<Lock, Holder>, io::Error> {
        let lp = lock_path(path);
        let mut o = OpenOptions::new();
        o.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        let mut file = o.open(&lp)?;
        match file.try_lock() {
            Ok(()) => {
                // Whatever the file said before came from a process that is gone.
                file.set_len(0)?;
                let me = format!("pid {} on {}", std::process::id(), host_name());
                file.write_all(me.as_bytes())?;
                file.sync_all()?;
                Ok(Ok(Lock { file, path: lp }))
            }
            Err(fs::TryLockError::WouldBlock) => {
                let mut who = String::new();
                let _ = file.read_to_string(&mut who);
                let who = if who.trim().is_empty() {
                    "another process".to_string()
                } else {
                    who.trim().to_string()
                };
                Ok(Err(Holder(who)))
            }
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use chrono::NaiveDate;

    fn ws() -> Workspace {
        Workspace::new(
            "Acme",
            "Ana",
            Catalog::builtin(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
    }

    #[test]
    fn save_is_atomic_private_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        save(&p, &ws()).unwrap();
        let mut w2 = ws();
        w2.engagement.site = "Main St".into();
        save(&p, &w2).unwrap();
        assert_eq!(load(&p).unwrap().0, w2);
        assert_eq!(load(&backup_path(&p)).unwrap().0, ws());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");
    }

    #[test]
    fn a_failed_save_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gone").join("a.ron");
        assert!(save(&p, &ws()).is_err());
        assert!(!p.exists());
    }

    #[test]
    fn create_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        fs::write(&p, "keep me").unwrap();
        assert!(create(&p, &ws()).is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "keep me");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let text = to_ron(&ws());
        let broken = text.replacen("client:", "client", 1);
        let e = from_ron(&broken, Path::new("w.ron")).unwrap_err();
        let (line, _) = e.position.unwrap();
        let expected = broken.lines().position(|l| l.contains("client")).unwrap() + 1;
        assert!(line >= expected && line <= expected + 1, "{e}");
        assert!(e.to_string().starts_with("w.ron:"), "{e}");
    }

    #[test]
    fn newer_format_versions_are_refused_with_a_reason() {
        let text = to_ron(&ws()).replace("format_version: 1", "format_version: 7");
        let e = from_ron(&text, Path::new("w.ron")).unwrap_err();
        assert!(e.to_string().contains("newer"), "{e}");
        assert!(e.position.is_some());
    }

    #[test]
    fn binary_and_empty_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.ron");
        fs::write(&p, b"(\n  format\xff\xfe").unwrap();
        let e = load(&p).unwrap_err();
        assert_eq!(e.position, Some((2, 9)), "{e}");
        fs::write(&p, b"").unwrap();
        assert!(load(&p).unwrap_err().to_string().contains(":1:1: "));
    }

    #[test]
    fn a_second_lock_names_the_holder_and_a_released_lock_is_reusable() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        let first = Lock::acquire(&p).unwrap().unwrap();
        let holder = Lock::acquire(&p).unwrap().unwrap_err();
        assert!(
            holder.0.contains(&format!("pid {}", std::process::id())),
            "{holder}"
        );
        drop(first);
        // A stale text left behind (as by a crash) does not block a new claim.
        fs::write(lock_path(&p), "pid 999999 on elsewhere").unwrap();
        assert!(Lock::acquire(&p).unwrap().is_ok());
    }
}

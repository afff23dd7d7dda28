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

/// What the file looked like when it was loaded or last saved, to notice outside changes:
/// size and modification time, and a hash of the bytes for when only the time moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

/// A fast hash of file contents (FNV-1a over 8-byte words); not for security.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h ^ w).wrapping_mul(0x0100_0000_01b3);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ bytes.len() as u64
}

impl Stamp {
    /// The stamp of a file whose bytes are known (just read or just written).
    pub fn with_bytes(path: &Path, bytes: &[u8]) -> io::Result<Stamp> {
        let m = fs::metadata(path)?;
        Ok(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            hash: content_hash(bytes),
        })
    }

    /// The stamp of a file as it is on disk now (reads it).
    pub fn of(path: &Path) -> io::Result<Stamp> {
        let bytes = fs::read(path)?;
        Stamp::with_bytes(path, &bytes)
    }

    /// True when the file on disk still holds what this stamp saw. Size and time decide
    /// quickly; when only they moved (a `touch`, a sync tool), the contents decide.
    pub fn still_matches(&self, path: &Path) -> io::Result<bool> {
        let m = fs::metadata(path)?;
        if m.len() == self.len && m.modified().ok() == self.modified {
            return Ok(true);
        }
        if m.len() != self.len {
            return Ok(false);
        }
        Ok(content_hash(&fs::read(path)?) == self.hash)
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
    // Sized up front and written in place: no regrowth, no second copy of a large file.
    let estimate = 4096
        + ws.answers
            .values()
            .map(|a| a.note.len() + 160)
            .sum::<usize>()
        + ws.remediation
            .values()
            .map(|r| r.plan.len() + r.owner.len() + 140)
            .sum::<usize>()
        + ws.log
            .iter()
            .map(|c| c.old.len() + c.new.len() + 140)
            .sum::<usize>()
        + ws.risks.len() * 1200;
    let mut out = String::with_capacity(estimate);
    out.push_str("// hipaudit workspace. Edit with care: `hipaudit check FILE` validates it.\n");
    // Serializing plain data with derived impls into a String cannot fail.
    ron::ser::to_writer_pretty(&mut out, ws, pretty()).expect("workspace serializes");
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
    load_with(path, None)
}

/// True when the file on disk is an age-encrypted workspace.
pub fn is_encrypted_file(path: &Path) -> bool {
    let mut head = [0u8; 21];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| crate::crypt::is_encrypted(&head))
}

/// Loads a workspace, decrypting it with `keys` when it is encrypted.
pub fn load_with(
    path: &Path,
    keys: Option<&crate::crypt::Keys>,
) -> Result<(Workspace, Stamp), LoadError> {
    let io_err = |e: io::Error| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: e.to_string(),
    };
    // `fs::read` sizes its buffer from the file's length: one allocation, no regrowth.
    let mut bytes = fs::read(path).map_err(io_err)?;
    let stamp = Stamp::with_bytes(path, &bytes).map_err(io_err)?;
    if crate::crypt::is_encrypted(&bytes) {
        let Some(keys) = keys else {
            return Err(io_err(io::Error::other(
                "the workspace is encrypted: a passphrase is needed",
            )));
        };
        // The plaintext lives in memory only.
        bytes = keys.decrypt(&bytes, path).map_err(|e| LoadError {
            path: path.to_path_buf(),
            position: None,
            message: e
                .to_string()
                .trim_start_matches(&format!("{}: ", path.display()))
                .to_string(),
        })?;
    }
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

/// How many earlier versions are kept beside a workspace (`NAME.bak.1` is the newest).
pub const GENERATIONS: usize = 3;

/// The backup generation `n` (1 = the version before the last save).
pub fn generation_path(path: &Path, n: usize) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".bak.{n}"));
    PathBuf::from(s)
}

/// The newest backup: `NAME.bak.1`.
pub fn backup_path(path: &Path) -> PathBuf {
    generation_path(path, 1)
}

fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

/// Temporary files a save uses: `.NAME.tmp-PID`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// Removes temporary files left by a save that crashed. Only call it while holding the
/// workspace's lock: then no live process can be writing one.
pub fn clean_leftovers(path: &Path) -> usize {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Warnings about where a workspace lives: readable by others, or in a folder where file
/// locks and renames are not reliable (network shares, cloud-sync folders).
pub fn placement_warnings(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = fs::metadata(path)
            && m.permissions().mode() & 0o077 != 0
        {
            out.push(format!(
                "{} can be read by other users (mode {:o}); it may hold PHI: chmod 600 it",
                path.display(),
                m.permissions().mode() & 0o777
            ));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Ok(m) = fs::metadata(&dir)
            && m.permissions().mode() & 0o007 != 0
        {
            out.push(format!(
                "the folder {} is open to other users (mode {:o}); keep workspaces in a private folder",
                dir.display(),
                m.permissions().mode() & 0o777
            ));
        }
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().to_lowercase();
    let synced = [
        "dropbox",
        "onedrive",
        "google drive",
        "googledrive",
        "icloud",
        "box sync",
        "nextcloud",
    ];
    if let Some(name) = synced.iter().find(|s| text.contains(*s)) {
        out.push(format!(
            "{} is in a {name} folder: sync tools can replace the file behind hipaudit's back; prefer a local folder",
            path.display()
        ));
    }
    if let Some(fs_type) = mount_type(&abs)
        && ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p"].contains(&fs_type.as_str())
    {
        out.push(format!(
            "{} is on a network file system ({fs_type}): locks may not stop a second writer",
            path.display()
        ));
    }
    out
}

/// The file system type of the mount holding `path` (Linux), from /proc/mounts.
fn mount_type(path: &Path) -> Option<String> {
    let mounts = fs::read_to_string("/proc/mounts").ok()?;
    let p = path.to_string_lossy();
    mounts
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let _dev = parts.next()?;
            let point = parts.next()?;
            let kind = parts.next()?;
            p.starts_with(point)
                .then(|| (point.len(), kind.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
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

/// The steps of a save that touch the disk, so tests can make each one fail.
pub trait Disk {
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
}

/// The real disk.
pub struct RealDisk;
impl Disk for RealDisk {}

/// Shifts the backups one generation back and makes the current file `NAME.bak.1`
/// (a hard link: free and instant; a copy where links are refused).
fn rotate_backups(path: &Path) -> io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let _ = fs::remove_file(generation_path(path, GENERATIONS));
    for n in (1..GENERATIONS).rev() {
        let from = generation_path(path, n);
        if from.exists() {
            fs::rename(&from, generation_path(path, n + 1))?;
        }
    }
    let bak = generation_path(path, 1);
    if fs::hard_link(path, &bak).is_err() {
        fs::copy(path, &bak)?;
    }
    Ok(())
}

/// Writes text to `path` atomically: a temporary file in the same folder, written and
/// synced, the previous versions kept as `NAME.bak.1..3`, a rename over the target, and a
/// sync of the folder so the rename survives a power cut. Any failed step (a failed sync
/// included) fails the save and leaves the file as it was.
pub fn write_atomic_on(disk: &dyn Disk, path: &Path, text: &[u8]) -> io::Result<Stamp> {
    let tmp = sibling(path, "", "").with_file_name(format!(
        "{}{}",
        temp_prefix(path),
        std::process::id()
    ));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let result = (|| {
        let mut f = create_private(&tmp, false)?;
        disk.write(&mut f, text)?;
        disk.sync(&f)?;
        drop(f);
        rotate_backups(path)?;
        disk.rename(&tmp, path)?;
        #[cfg(unix)]
        disk.sync_dir(&dir)?;
        Stamp::with_bytes(path, text)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<Stamp> {
    write_atomic_on(&RealDisk, path, bytes)
}

/// Serializes a workspace and proves the text reads back as the same workspace; a
/// workspace that would not survive the round trip is never written.
pub fn to_verified_ron(ws: &Workspace, path: &Path) -> io::Result<String> {
    let text = to_ron(ws);
    match from_ron(&text, path) {
        Ok(back) if back == *ws => Ok(text),
        Ok(_) => Err(io::Error::other(
            "the saved text would not read back as the same workspace; nothing was written",
        )),
        Err(e) => Err(io::Error::other(format!(
            "the saved text would not read back ({e}); nothing was written"
        ))),
    }
}

/// Saves a workspace: verified serialization, then an atomic write.
pub fn save(path: &Path, ws: &Workspace) -> io::Result<Stamp> {
    save_on(&RealDisk, path, ws)
}

/// Saves, encrypting in memory first when `keys` are given: no plaintext reaches the disk.
pub fn save_with(
    path: &Path,
    ws: &Workspace,
    keys: Option<&crate::crypt::Keys>,
) -> io::Result<Stamp> {
    match keys {
        None => save(path, ws),
        Some(k) => {
            let text = to_verified_ron(ws, path)?;
            let sealed = k.encrypt(text.as_bytes())?;
            write_atomic(path, &sealed)
        }
    }
}

/// Like `create`, encrypted when `keys` are given.
pub fn create_with(
    path: &Path,
    ws: &Workspace,
    keys: Option<&crate::crypt::Keys>,
) -> io::Result<()> {
    let Some(k) = keys else {
        return create(path, ws);
    };
    let sealed = k.encrypt(to_verified_ron(ws, path)?.as_bytes())?;
    let mut f = create_private(path, true)?;
    let r = f.write_all(&sealed).and_then(|_| f.sync_all());
    if r.is_err() {
        let _ = fs::remove_file(path);
    }
    r
}

pub fn save_on(disk: &dyn Disk, path: &Path, ws: &Workspace) -> io::Result<Stamp> {
    let text = to_verified_ron(ws, path)?;
    write_atomic_on(disk, path, text.as_bytes())
}

/// Saves without the read-back check, for measuring what the check costs.
pub fn save_unverified(path: &Path, ws: &Workspace) -> io::Result<Stamp> {
    write_atomic(path, to_ron(ws).as_bytes())
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
    fn three_generations_are_kept_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.ron");
        for n in 0..5 {
            let mut w = ws();
            w.engagement.site = format!("v{n}");
            save(&p, &w).unwrap();
        }
        let site = |p: &Path| load(p).unwrap().0.engagement.site;
        assert_eq!(site(&p), "v4");
        assert_eq!(site(&generation_path(&p, 1)), "v3");
        assert_eq!(site(&generation_path(&p, 2)), "v2");
        assert_eq!(site(&generation_path(&p, 3)), "v1");
        assert!(!generation_path(&p, 4).exists());
    }

    #[test]
    fn a_touched_file_is_not_an_outside_change_but_an_edited_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.ron");
        let stamp = save(&p, &ws()).unwrap();
        assert!(stamp.still_matches(&p).unwrap());
        let text = fs::read(&p).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&p, &text).unwrap();
        assert!(stamp.still_matches(&p).unwrap(), "same bytes, new time");
        let edited = String::from_utf8(text).unwrap().replace("Acme", "Acmf");
        fs::write(&p, edited).unwrap();
        assert!(!stamp.still_matches(&p).unwrap(), "same size, other bytes");
    }

    #[test]
    fn leftover_temp_files_are_cleaned_and_loose_permissions_warned() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.ron");
        save(&p, &ws()).unwrap();
        fs::write(dir.path().join(".l.ron.tmp-99999"), "half a save").unwrap();
        fs::write(dir.path().join(".other.ron.tmp-1"), "not ours").unwrap();
        assert_eq!(clean_leftovers(&p), 1);
        assert!(dir.path().join(".other.ron.tmp-1").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
            assert!(
                placement_warnings(&p).is_empty(),
                "{:?}",
                placement_warnings(&p)
            );
            fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
            let w = placement_warnings(&p);
            assert!(w.iter().any(|w| w.contains("other users")), "{w:?}");
        }
        let synced = dir.path().join("Dropbox");
        fs::create_dir(&synced).unwrap();
        let q = synced.join("x.ron");
        save(&q, &ws()).unwrap();
        assert!(placement_warnings(&q).iter().any(|w| w.contains("dropbox")));
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

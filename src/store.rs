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

    /// True when the file on disk still holds what this stamp saw. The contents decide:
    /// a file whose size and modification time were put back after an edit is still an
    /// outside change, and a `touch` alone is not.
    pub fn still_matches(&self, path: &Path) -> io::Result<bool> {
        let bytes = fs::read(path)?;
        Ok(bytes.len() as u64 == self.len && content_hash(&bytes) == self.hash)
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
    let ws: Workspace = match ron::from_str(text) {
        Ok(ws) => ws,
        Err(e) => {
            // A newer format may have fields this version does not know: say so rather
            // than naming the first unknown field.
            if let Some(v) = parsed_version(text)
                && v > FORMAT_VERSION
            {
                return Err(err(position_of(text, "format_version"), newer(v)));
            }
            return Err(err(
                Some((e.span.start.line, e.span.start.col)),
                e.code.to_string(),
            ));
        }
    };
    if ws.format_version > FORMAT_VERSION {
        return Err(err(
            position_of(text, "format_version"),
            newer(ws.format_version),
        ));
    }
    if ws.format_version == 0 {
        return Err(err(
            position_of(text, "format_version"),
            "format version 0 does not exist".into(),
        ));
    }
    // Version 1 is the first format; a later version migrates older files here.
    if let Some(p) = ws.problems().into_iter().next() {
        return Err(err(position_of(text, &p.near), p.message));
    }
    Ok(ws)
}

fn newer(v: u32) -> String {
    format!(
        "format version {v} is newer than this hipaudit understands ({FORMAT_VERSION}); update hipaudit"
    )
}

/// The format version of a file this version cannot fully read, from a parse that only
/// looks at that field (wherever it stands).
fn parsed_version(text: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    ron::from_str::<VersionOnly>(text)
        .ok()
        .map(|v| v.format_version)
}

/// Line and column (1-based) of the first occurrence of `needle`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let at = text.find(needle)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
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
/// Always a new file: an existing file or link at `path` is an error, never replaced.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
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

/// How a write treats what is already at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteMode {
    /// Keep the replaced version as `NAME.bak.1` (older ones move back a generation).
    pub backups: bool,
    /// A target that is a symbolic link is written through to the file it points at (the
    /// link stays a link). Without this a link is refused.
    pub through_links: bool,
}

impl WriteMode {
    /// A workspace save that changed data: generations rotate, links are written through.
    pub const DATA: WriteMode = WriteMode {
        backups: true,
        through_links: true,
    };
    /// A workspace save that changed only how it is viewed: no generation is pushed out.
    pub const VIEW: WriteMode = WriteMode {
        backups: false,
        through_links: true,
    };
    /// Exports and the app's own small files: no backups (a redacted export must not leave
    /// the unredacted one behind), and no link is followed.
    pub const PLAIN: WriteMode = WriteMode {
        backups: false,
        through_links: false,
    };
}

/// What a successful write reports: the new file's stamp, and problems that came after the
/// new file was safely in place (a backup that could not rotate, a folder that would not
/// sync). They are warnings: the save itself succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub stamp: Stamp,
    pub warnings: Vec<String>,
}

fn refuse(path: &Path, what: &str) -> io::Error {
    io::Error::other(format!(
        "{} is {what}; hipaudit only replaces regular files and left it alone",
        path.display()
    ))
}

/// What kind of thing sits at `path`, for refusals: "a symbolic link", "a FIFO", ...
fn kind_of(m: &fs::Metadata) -> &'static str {
    let t = m.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// Checks that `path` is absent or a regular file (never following a link).
pub fn ensure_replaceable(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => Ok(()),
        Ok(m) => Err(refuse(path, kind_of(&m))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The file a write lands in: `path` itself, or what a symbolic link at `path` points to
/// when `through_links` allows it. The result is absent or a regular file.
pub fn write_target(path: &Path, through_links: bool) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            if !through_links {
                return Err(refuse(path, "a symbolic link"));
            }
            let real = fs::canonicalize(path).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "{} is a symbolic link to a file that cannot be reached ({e})",
                        path.display()
                    ),
                )
            })?;
            ensure_replaceable(&real)?;
            Ok(real)
        }
        Ok(m) if !m.file_type().is_file() => Err(refuse(path, kind_of(&m))),
        _ => Ok(path.to_path_buf()),
    }
}

/// True when the file's owner may not write it (mode 0400, 0444): hipaudit treats it as
/// read-only even when running as root, who could write it anyway.
pub fn is_read_only_file(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o200 == 0)
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh private file beside `path`, named `.NAME.tmp-PID-N-TAG`: created exclusively,
/// never through a link, mode 0600. A name that is taken (a planted file or link) is skipped.
fn create_temp(path: &Path, tag: &str) -> io::Result<(File, PathBuf)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = path.with_file_name(format!(
            "{}{}-{n}-{nanos:x}{tag}",
            temp_prefix(path),
            std::process::id()
        ));
        match create_private(&tmp) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "no free temporary name beside {}",
        path.display()
    )))
}

/// A private copy of the current file under a temporary name, to become `NAME.bak.1` once the
/// new version is in place. A hard link when the file is already private and has no other
/// names (free and instant); otherwise a copy made 0600, so a backup is never more open
/// than a workspace.
fn stage_backup(path: &Path) -> io::Result<Option<PathBuf>> {
    let m = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    #[cfg(unix)]
    let private = {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        m.permissions().mode() & 0o077 == 0 && m.nlink() == 1
    };
    #[cfg(not(unix))]
    let private = false;
    if private {
        for _ in 0..4 {
            let (f, staged) = create_temp(path, "-bak")?;
            drop(f);
            fs::remove_file(&staged)?;
            match fs::hard_link(path, &staged) {
                Ok(()) => return Ok(Some(staged)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(_) => break,
            }
        }
    }
    let (mut f, staged) = create_temp(path, "-bak")?;
    let copied = (|| {
        let mut src = File::open(path)?;
        io::copy(&mut src, &mut f)?;
        f.sync_all()
    })();
    if let Err(e) = copied {
        let _ = fs::remove_file(&staged);
        return Err(e);
    }
    Ok(Some(staged))
}

/// Moves the generations back one and puts the staged copy in as `NAME.bak.1`. Runs only
/// after the new version is in place; what fails here is reported, never undone.
fn rotate_backups(disk: &dyn Disk, path: &Path, staged: &Path) -> Vec<String> {
    let mut warnings = Vec::new();
    for n in (1..GENERATIONS).rev() {
        let from = generation_path(path, n);
        if fs::symlink_metadata(&from).is_ok()
            && let Err(e) = disk.rename(&from, &generation_path(path, n + 1))
        {
            warnings.push(format!("backup {} was not moved back: {e}", from.display()));
        }
    }
    if let Err(e) = disk.rename(staged, &generation_path(path, 1)) {
        let _ = fs::remove_file(staged);
        warnings.push(format!(
            "the previous version was not kept as {}: {e}",
            generation_path(path, 1).display()
        ));
    }
    warnings
}

/// Writes bytes to `path` atomically: a temporary file in the same folder, written and
/// synced, a rename over the target, then (for data saves) the replaced version becomes
/// `NAME.bak.1` and older generations move back, and the folder is synced. Every step
/// before the rename that fails leaves the file and every backup exactly as they were; the
/// steps after it cannot lose the new version and come back as warnings.
pub fn write_atomic_on(
    disk: &dyn Disk,
    path: &Path,
    text: &[u8],
    mode: WriteMode,
) -> io::Result<Written> {
    let target = write_target(path, mode.through_links)?;
    if is_read_only_file(&target) {
        return Err(io::Error::other(format!(
            "{} is read-only (its owner may not write it); nothing was replaced",
            target.display()
        )));
    }
    if mode.backups {
        for n in 1..=GENERATIONS {
            ensure_replaceable(&generation_path(&target, n))?;
        }
    }
    let dir = folder_of(&target);
    let (mut f, tmp) = create_temp(&target, "")?;
    let staged = std::cell::Cell::new(None::<PathBuf>);
    let before = (|| {
        disk.write(&mut f, text)?;
        disk.sync(&f)?;
        if mode.backups {
            staged.set(stage_backup(&target)?);
        }
        disk.rename(&tmp, &target)
    })();
    drop(f);
    if let Err(e) = before {
        let _ = fs::remove_file(&tmp);
        if let Some(s) = staged.take() {
            let _ = fs::remove_file(s);
        }
        return Err(e);
    }
    let mut warnings = match staged.take() {
        Some(s) => rotate_backups(disk, &target, &s),
        None => Vec::new(),
    };
    #[cfg(unix)]
    if let Err(e) = disk.sync_dir(&dir) {
        warnings.push(format!(
            "saved, but the folder {} could not be synced ({e}); a power cut now could undo the save",
            dir.display()
        ));
    }
    let stamp = Stamp::with_bytes(&target, text).unwrap_or(Stamp {
        len: text.len() as u64,
        modified: None,
        hash: content_hash(text),
    });
    Ok(Written { stamp, warnings })
}

/// An atomic write with `mode` on the real disk.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: WriteMode) -> io::Result<Written> {
    write_atomic_on(&RealDisk, path, bytes, mode)
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

/// Saves a workspace (a data change: generations rotate): verified serialization, then an
/// atomic write.
pub fn save(path: &Path, ws: &Workspace) -> io::Result<Written> {
    save_on(&RealDisk, path, ws, WriteMode::DATA)
}

/// Saves, encrypting in memory first when `keys` are given: no plaintext reaches the disk.
pub fn save_with(
    path: &Path,
    ws: &Workspace,
    keys: Option<&crate::crypt::Keys>,
    mode: WriteMode,
) -> io::Result<Written> {
    match keys {
        None => save_on(&RealDisk, path, ws, mode),
        Some(k) => {
            let text = to_verified_ron(ws, path)?;
            let sealed = k.encrypt(text.as_bytes())?;
            write_atomic(path, &sealed, mode)
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
    create_bytes(path, &sealed)
}

pub fn save_on(
    disk: &dyn Disk,
    path: &Path,
    ws: &Workspace,
    mode: WriteMode,
) -> io::Result<Written> {
    let text = to_verified_ron(ws, path)?;
    write_atomic_on(disk, path, text.as_bytes(), mode)
}

/// Saves without the read-back check, for measuring what the check costs.
pub fn save_unverified(path: &Path, ws: &Workspace) -> io::Result<Written> {
    write_atomic(path, to_ron(ws).as_bytes(), WriteMode::DATA)
}

/// Writes a new file that must not exist yet (never through a link), synced; a failed write
/// removes the half-written file.
pub fn create_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = create_private(path)?;
    let r = f.write_all(bytes).and_then(|_| f.sync_all());
    if r.is_err() {
        let _ = fs::remove_file(path);
    }
    r
}

/// Writes a new file atomically and never over an existing one: the bytes go to a private
/// temporary file first and appear under `path` whole (a hard link, which fails if the name
/// is taken), so an interrupted run leaves no partial file that would block a retry.
pub fn create_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (mut f, tmp) = create_temp(path, "")?;
    let written = f.write_all(bytes).and_then(|_| f.sync_all());
    drop(f);
    let placed = written.and_then(|_| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    placed?;
    #[cfg(unix)]
    let _ = File::open(folder_of(path)).and_then(|d| d.sync_all());
    Ok(())
}

/// Plain-text files beside a workspace that hold its contents: emergency copies, copies kept
/// aside in a conflict, temporary files of an interrupted save. Encrypting the workspace
/// must deal with them too, or patient details stay on disk in the clear.
pub fn plain_siblings(path: &Path) -> Vec<PathBuf> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .trim_end_matches(".age")
        .trim_end_matches(".ron")
        .to_string();
    let tmp = temp_prefix(path);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let copy = ["emergency-", "mine-"]
                .iter()
                .any(|tag| n.starts_with(&format!("{stem}.{tag}")))
                && n.ends_with(".ron");
            copy || n.starts_with(&tmp)
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Writes a brand-new workspace; refuses to replace an existing file (or a link).
pub fn create(path: &Path, ws: &Workspace) -> io::Result<()> {
    create_bytes(path, to_verified_ron(ws, path)?.as_bytes())
}

/// Makes (or checks) a folder only its owner can enter: mode 0700, a real folder (not a
/// link), owned by this user. For files that hold note text for a moment.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        if let Some(parent) = dir.parent() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)?;
        }
        match fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        let m = fs::symlink_metadata(dir)?;
        if !m.file_type().is_dir() {
            return Err(refuse(dir, kind_of(&m)));
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if m.uid() != me {
            return Err(io::Error::other(format!(
                "{} belongs to another user; hipaudit will not put notes there",
                dir.display()
            )));
        }
        if m.permissions().mode() & 0o777 != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
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
        e
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
                let _ = file.read_to_string(&mut who);
                let who = crate::text::clean_line(who.trim());
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

impl Drop for Lock {
    fn drop(&mut self) {
        // Never truncated on exit: the OS lock is what counts, and the text only names the
        // last holder.
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
        let stamp = save(&p, &ws()).unwrap().stamp;
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

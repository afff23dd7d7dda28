//! Files on disk, safely: atomic writes that never follow or replace a link, a FIFO or a
//! folder, backup generations that rotate only after the new file is in place, private
//! temporary files and folders. The workspace store, the key file, exports and the app's own
//! small files all write through here.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use crate::io::read::{MAX_READ, human_size, open_regular, read_regular};

/// What the file looked like when it was loaded or last saved, to notice outside changes:
/// size and modification time, and a hash of the bytes for when only the time moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

/// A fast hash of file contents (FNV-1a over 8-byte words, four independent lanes so the
/// multiplies overlap: a 30 MB file hashes in a few milliseconds); not for security.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    let mut h = [0xcbf2_9ce4_8422_2325_u64; 4];
    let mut blocks = bytes.chunks_exact(32);
    for b in &mut blocks {
        for (lane, c) in h.iter_mut().zip(b.chunks_exact(8)) {
            *lane = (*lane ^ word(c)).wrapping_mul(PRIME);
        }
    }
    let mut last = h[0] ^ h[1].rotate_left(16) ^ h[2].rotate_left(32) ^ h[3].rotate_left(48);
    for &b in blocks.remainder() {
        last = (last ^ u64::from(b)).wrapping_mul(PRIME);
    }
    last ^ bytes.len() as u64
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
        let bytes = read_regular(path)?;
        Stamp::with_bytes(path, &bytes)
    }

    /// True when the file on disk still holds what this stamp saw. The contents decide:
    /// a file whose size and modification time were put back after an edit is still an
    /// outside change, and a `touch` alone is not.
    pub fn still_matches(&self, path: &Path) -> io::Result<bool> {
        let bytes = read_regular(path)?;
        Ok(bytes.len() as u64 == self.len && content_hash(&bytes) == self.hash)
    }
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

pub(crate) fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

/// Temporary files a save uses: `.NAME.tmp-PID`.
pub(crate) fn temp_prefix(path: &Path) -> String {
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

pub(crate) fn refuse(path: &Path, what: &str) -> io::Error {
    io::Error::other(format!(
        "{} is {what}; hipaudit only replaces regular files and left it alone",
        path.display()
    ))
}

/// What kind of thing sits at `path`, for refusals: "a symbolic link", "a FIFO", ...
pub(crate) fn kind_of(m: &fs::Metadata) -> &'static str {
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

pub(crate) fn folder_of(path: &Path) -> PathBuf {
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

/// A save over an existing file keeps who may use it: a teammate's save in a group-shared
/// folder must not leave a file only the teammate can open. The new file gets the old one's
/// owner and group where the system allows it (root, or a group the saver is in; a refusal
/// is no error) and its permission bits, never wider: bits for other users are dropped, as a
/// workspace may hold PHI. A new file stays 0600.
#[cfg(unix)]
fn keep_access(new: &File, old: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(was) = fs::metadata(old) else {
        return Ok(());
    };
    let now = new.metadata()?;
    let fd = new.as_raw_fd();
    if (was.uid(), was.gid()) != (now.uid(), now.gid()) {
        // SAFETY: fchown on a descriptor this function borrows; no memory is passed.
        let whole = unsafe { libc::fchown(fd, was.uid(), was.gid()) };
        if whole != 0 && was.gid() != now.gid() {
            // Not allowed to give the file away: keep at least its group (uid -1 = unchanged).
            // SAFETY: as above.
            let _ = unsafe { libc::fchown(fd, libc::uid_t::MAX, was.gid()) };
        }
    }
    new.set_permissions(fs::Permissions::from_mode(was.mode() & 0o660 | 0o600))
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
    write_atomic_gated(disk, path, text, mode, || Ok(()))
}

/// `write_atomic_on`, with `gate` asked once the new bytes are written and synced, before
/// anything is replaced: an error from it leaves the file and every backup as they were
/// (a save verifies its text on the other core meanwhile, see `store::save_on`).
pub fn write_atomic_gated(
    disk: &dyn Disk,
    path: &Path,
    text: &[u8],
    mode: WriteMode,
    gate: impl FnOnce() -> io::Result<()>,
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
        #[cfg(unix)]
        keep_access(&f, &target)?;
        disk.write(&mut f, text)?;
        disk.sync(&f)?;
        gate()?;
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

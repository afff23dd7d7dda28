//! Workspaces on disk: parse with positions, migrate, save atomically with a backup, and lock
//! so that two processes never write the same file.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use crate::domain::workspace::{FORMAT_VERSION, Workspace};
pub use crate::io::files::{
    Disk, GENERATIONS, RealDisk, Stamp, WriteMode, Written, backup_path, clean_leftovers,
    content_hash, create_atomic, create_bytes, create_private, ensure_replaceable, generation_path,
    is_read_only_file, plain_siblings, private_dir, write_atomic, write_atomic_on, write_target,
};
pub use crate::io::lock::{Holder, Lock, lock_path, real_path};

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

pub(crate) fn pretty() -> PrettyConfig {
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
    const HEAD: &str =
        "// hipaudit workspace. Edit with care: `hipaudit check FILE` validates it.\n";
    // Serializing plain data with derived impls into a String cannot fail.
    let body = crate::io::ron_fast::to_string_pretty(ws, pretty(), estimate)
        .expect("workspace serializes");
    let mut out = String::with_capacity(HEAD.len() + body.len() + 1);
    out.push_str(HEAD);
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
    if let Some(p) = ws.problems().into_iter().next() {
        return Err(err(position_of(text, &p.near), p.message));
    }
    Ok(migrate(ws))
}

/// Brings an older format up to this one. Version 2 added N/A reasons, fieldwork end dates,
/// meetings, decisions and the resume place of the view: all optional, so a version 1 file
/// reads as it is. Version 3 turned evidence references into evidence items (file, hash,
/// expiry) and added the vendor register: a reference's free-text location is folded into
/// the item's label. Version 4 added the ePHI inventory (assets, flows), the analysis's
/// method, rating reasons and acceptances: all optional, so a version 3 file reads as it is
/// (its register's free-text assets stay as written). Version 5 added remediation projects
/// and a gap's membership of one: optional too, so a version 4 file reads as it is. Version
/// 6 added the engagement profile (absent, every question stays in scope as before), the
/// note carried from last year kept apart, and last year's record of being carried. Each is
/// written as the current version at its next save.
fn migrate(mut ws: Workspace) -> Workspace {
    ws.format_version = FORMAT_VERSION;
    for a in ws.answers.values_mut() {
        for e in &mut a.evidence {
            e.migrate_location();
        }
    }
    for v in &mut ws.vendors {
        for e in &mut v.evidence {
            e.migrate_location();
        }
    }
    ws
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
    crate::io::files::open_regular(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| crate::io::crypt::is_encrypted(&head))
}

/// Loads a workspace, decrypting it with `keys` when it is encrypted.
pub fn load_with(
    path: &Path,
    keys: Option<&crate::io::crypt::Keys>,
) -> Result<(Workspace, Stamp), LoadError> {
    let io_err = |e: io::Error| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: e.to_string(),
    };
    // Sized from the file's length: one allocation, no regrowth. A FIFO or device is refused.
    let mut bytes = crate::io::files::read_regular(path).map_err(io_err)?;
    let stamp = Stamp::with_bytes(path, &bytes).map_err(io_err)?;
    if crate::io::crypt::is_encrypted(&bytes) {
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

/// Warnings about where a workspace lives: readable by others, or in a folder where file
/// locks and renames are not reliable (network shares, cloud-sync folders).
/// Makes a workspace file readable and writable by its owner only; what happened, in words.
/// A link is refused (its target may be anyone's file) and so is a file of another user.
pub fn make_private(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let shown = path.display();
        let m = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) => return format!("cannot make {shown} private: {e}"),
        };
        if !m.file_type().is_file() {
            return format!("{shown} is not a plain file (a link?): its mode is left as it is");
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        if m.uid() != unsafe { libc::geteuid() } {
            return format!(
                "{shown} belongs to another user: ask them, or copy it to a file of yours"
            );
        }
        if m.permissions().mode() & 0o077 == 0 {
            return format!(
                "{shown} is already private (mode {:o})",
                m.permissions().mode() & 0o777
            );
        }
        match fs::set_permissions(path, fs::Permissions::from_mode(0o600)) {
            Ok(()) => format!("{shown} is now private to you (mode 600)"),
            Err(e) => format!("cannot make {shown} private: {e}"),
        }
    }
    #[cfg(not(unix))]
    {
        format!("{}: file modes are a Unix matter", path.display())
    }
}

pub fn placement_warnings(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = fs::metadata(path)
            && m.permissions().mode() & 0o077 != 0
        {
            out.push(format!(
                "{} can be read by other users (mode {:o}); it may hold PHI: Ctrl-p in the app (or chmod 600) makes it private",
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

/// Serializes a workspace and proves the text reads back as the same workspace; a
/// workspace that would not survive the round trip is never written.
pub fn to_verified_ron(ws: &Workspace, path: &Path) -> io::Result<String> {
    let text = to_ron(ws);
    verify(&text, ws, path)?;
    Ok(text)
}

/// Proves `text` reads back as `ws`.
fn verify(text: &str, ws: &Workspace, path: &Path) -> io::Result<()> {
    match from_ron(text, path) {
        Ok(back) if back == *ws => Ok(()),
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
    keys: Option<&crate::io::crypt::Keys>,
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
    keys: Option<&crate::io::crypt::Keys>,
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
    let text = to_ron(ws);
    // The read-back proof runs on the other core while the bytes are written and synced;
    // nothing is replaced until it holds.
    std::thread::scope(|s| {
        let proof = s.spawn(|| verify(&text, ws, path));
        crate::io::files::write_atomic_gated(disk, path, text.as_bytes(), mode, || {
            proof
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the read-back check failed")))
        })
    })
}

/// Saves without the read-back check, for measuring what the check costs.
pub fn save_unverified(path: &Path, ws: &Workspace) -> io::Result<Written> {
    write_atomic(path, to_ron(ws).as_bytes(), WriteMode::DATA)
}

/// Writes a brand-new workspace; refuses to replace an existing file (or a link).
pub fn create(path: &Path, ws: &Workspace) -> io::Result<()> {
    create_bytes(path, to_verified_ron(ws, path)?.as_bytes())
}

/// Loads a workspace, asking for the passphrase (or taking `HIPAUDIT_PASSPHRASE`) when it
/// is encrypted; returns the keys so that a save stays encrypted.
pub fn open_any(path: &Path) -> anyhow::Result<(Workspace, Stamp, Option<crate::io::crypt::Keys>)> {
    let keys = if is_encrypted_file(path) {
        let pass =
            crate::io::crypt::passphrase(&format!("Passphrase for {}: ", path.display()), false)?;
        Some(crate::io::crypt::Keys::open(path, &pass)?)
    } else {
        None
    };
    let (ws, stamp) = load_with(path, keys.as_ref()).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((ws, stamp, keys))
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;

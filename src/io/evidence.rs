//! Evidence files on disk: where an item's file is (relative to the workspace's folder),
//! hashing it without ever waiting on a FIFO or reading a device, and completing a path
//! typed in the app. Only hashes and names are taken: no file's contents are kept.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::domain::evidence::{EvidenceItem, FileCheck};
use crate::io::files::open_regular;

/// The folder item paths are relative to: the workspace file's folder.
pub fn base_dir(workspace: &Path) -> PathBuf {
    match workspace.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where an item's file is: relative paths are read from the workspace's folder.
pub fn resolve(workspace: &Path, file: &str) -> PathBuf {
    let p = Path::new(file);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base_dir(workspace).join(p)
    }
}

/// How a file given on the command line (relative to `cwd`) or in the app (relative to the
/// workspace's folder when `cwd` is that folder) is recorded: relative to the workspace's
/// folder when it is inside it, else absolute. Never canonicalized through symlinks in the
/// recorded text, so a moved folder of workspace + evidence still verifies.
pub fn record_path(workspace: &Path, cwd: &Path, given: &Path) -> String {
    let abs = |p: &Path| {
        if p.is_absolute() {
            normalize(p)
        } else {
            normalize(&cwd.join(p))
        }
    };
    let file = abs(given);
    let base = abs(&base_dir(workspace));
    match file.strip_prefix(&base) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => file.to_string_lossy().into_owned(),
    }
}

/// The file `evidence add` hashes and the path it records, worked out together so that they
/// name the same file: the given path with every link resolved is what is hashed, and the
/// recorded path is the lexical one (relative to the workspace's folder when inside it) only
/// when it leads to that very file; otherwise the real path, relative to the workspace's real
/// folder when inside it, else absolute. (`link/../x.pdf` is `x.pdf` to the eye but the
/// parent of the link's target to the system.)
pub fn locate(workspace: &Path, cwd: &Path, given: &Path) -> Result<(PathBuf, String), String> {
    let abs = if given.is_absolute() {
        given.to_path_buf()
    } else {
        cwd.join(given)
    };
    let real = std::fs::canonicalize(&abs).map_err(|e| describe(given, &e))?;
    let lexical = record_path(workspace, cwd, given);
    if std::fs::canonicalize(resolve(workspace, &lexical)).is_ok_and(|r| r == real) {
        return Ok((real, lexical));
    }
    let recorded = std::fs::canonicalize(base_dir(workspace))
        .ok()
        .and_then(|base| {
            real.strip_prefix(&base)
                .ok()
                .filter(|rel| !rel.as_os_str().is_empty())
                .map(|rel| rel.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| real.to_string_lossy().into_owned());
    Ok((real, recorded))
}

/// Removes `.` and folds `..` without touching the disk.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The SHA-256 (lower-case hex) of a regular file, read in blocks. A FIFO, a device or a
/// folder is refused at once, never waited on.
pub fn hash_file(path: &Path) -> Result<String, String> {
    let mut f = open_regular(path).map_err(|e| describe(path, &e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf).map_err(|e| describe(path, &e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(format!("{:x}", h.finalize()))
}

fn describe(path: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("{}: {why}", path.display())
}

/// Reads an item's file now.
pub fn check(workspace: &Path, item: &EvidenceItem) -> FileCheck {
    if item.file.is_empty() {
        return FileCheck::NoFile;
    }
    match hash_file(&resolve(workspace, &item.file)) {
        Ok(h) => FileCheck::Hash(h),
        Err(why) => FileCheck::Missing(why),
    }
}

/// Files up to this size are hashed at once (a few hundredths of a second); larger ones on a
/// thread of their own, so the app never freezes on a 2 GB scan.
pub const HASH_AT_ONCE: u64 = 8 * 1024 * 1024;

/// A file's size and modification time: a cached hash holds while they stay the same.
type FileStamp = (u64, Option<std::time::SystemTime>);

fn stamp_of(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// A hash that finished on its thread: the file, its stamp when the hash began, the result.
pub type Hashed = (PathBuf, Option<FileStamp>, Result<String, String>);

/// What the cache knows of a file's hash right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HashState {
    Ready(String),
    Failed(String),
    /// Being hashed on a thread; the result arrives through `finished`.
    Running,
}

/// Hashes already taken, by file, with the size and modification time they were taken at (a
/// list drawn again does not read an unchanged file again), and the hashes of large files
/// under way on their own threads.
#[derive(Debug)]
pub struct HashCache {
    /// A failure is kept only for a hash that ran on a thread: asking again would start
    /// the same long read, and a form waiting for it would wait forever.
    seen: std::collections::HashMap<PathBuf, (FileStamp, Result<String, String>)>,
    running: std::collections::HashSet<PathBuf>,
    tx: std::sync::mpsc::Sender<Hashed>,
    rx: std::sync::mpsc::Receiver<Hashed>,
    /// A form waiting for this file's hash to be added (the app's evidence form).
    pub waiting: Option<PathBuf>,
}

impl Default for HashCache {
    fn default() -> HashCache {
        let (tx, rx) = std::sync::mpsc::channel();
        HashCache {
            seen: Default::default(),
            running: Default::default(),
            tx,
            rx,
            waiting: None,
        }
    }
}

impl HashCache {
    /// The hash of `path`: from the cache when the file is unchanged, taken now when it is
    /// small, else started on a thread (`Running`).
    pub fn hash(&mut self, path: &Path) -> HashState {
        let Some(stamp) = stamp_of(path) else {
            return match hash_file(path) {
                Ok(h) => HashState::Ready(h),
                Err(e) => HashState::Failed(e),
            };
        };
        if let Some((s, h)) = self.seen.get(path)
            && *s == stamp
        {
            return match h {
                Ok(h) => HashState::Ready(h.clone()),
                Err(e) => HashState::Failed(e.clone()),
            };
        }
        if self.running.contains(path) {
            return HashState::Running;
        }
        if stamp.0 > HASH_AT_ONCE && std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            let (tx, file) = (self.tx.clone(), path.to_path_buf());
            self.running.insert(file.clone());
            std::thread::spawn(move || {
                let result = hash_file(&file);
                let _ = tx.send((file, Some(stamp), result));
            });
            return HashState::Running;
        }
        match hash_file(path) {
            Ok(h) => {
                self.seen.insert(path.to_path_buf(), (stamp, Ok(h.clone())));
                HashState::Ready(h)
            }
            Err(e) => HashState::Failed(e),
        }
    }

    /// True while a hash runs on its thread.
    pub fn busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// The hashes finished since the last call, without waiting.
    pub fn finished(&mut self) -> Vec<Hashed> {
        self.rx.try_iter().collect()
    }

    /// Takes in a finished hash (the app's message for it).
    pub fn record(
        &mut self,
        file: &Path,
        stamp: Option<FileStamp>,
        result: &Result<String, String>,
    ) {
        self.running.remove(file);
        if let Some(stamp) = stamp {
            self.seen
                .insert(file.to_path_buf(), (stamp, result.clone()));
        }
    }

    /// Waits for every hash under way (tests, and a caller that must have them).
    pub fn wait(&mut self) -> Vec<Hashed> {
        let mut out = Vec::new();
        while out.len() < self.running.len() {
            match self.rx.recv() {
                Ok(h) => out.push(h),
                Err(_) => break,
            }
        }
        out
    }

    /// An item's file as the list shows it: `None` while its hash is under way.
    pub fn check(&mut self, workspace: &Path, item: &EvidenceItem) -> Option<FileCheck> {
        if item.file.is_empty() {
            return Some(FileCheck::NoFile);
        }
        match self.hash(&resolve(workspace, &item.file)) {
            HashState::Ready(h) => Some(FileCheck::Hash(h)),
            HashState::Failed(why) => Some(FileCheck::Missing(why)),
            HashState::Running => None,
        }
    }
}

/// Completions of a partly typed path (relative to the workspace's folder, absolute, or
/// `~/`): the entries of its folder that start with the typed name, sorted, folders ending
/// in `/`. Hidden entries only when the typed name starts with a dot. At most 200.
pub fn complete(workspace: &Path, home: Option<&Path>, typed: &str) -> Vec<String> {
    let (dir_part, name) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir = if let (Some(rest), Some(home)) = (dir_part.strip_prefix("~/"), home) {
        home.join(rest)
    } else if dir_part.is_empty() {
        base_dir(workspace)
    } else {
        resolve(workspace, dir_part)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            if !n.starts_with(name) || (n.starts_with('.') && !name.starts_with('.')) {
                return None;
            }
            // Control characters in a file name would reach the screen: skip such names.
            if n.chars().any(char::is_control) {
                return None;
            }
            let folder = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            Some(format!("{dir_part}{n}{}", if folder { "/" } else { "" }))
        })
        .take(200)
        .collect();
    out.sort();
    out
}

/// The longest text every completion starts with.
pub fn common_prefix(options: &[String]) -> String {
    let Some(first) = options.first() else {
        return String::new();
    };
    let mut end = first.len();
    for o in &options[1..] {
        end = first
            .char_indices()
            .zip(o.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_the_workspace_folder_are_recorded_relative() {
        let ws = Path::new("/audits/clinic/2026.ron");
        let cwd = Path::new("/audits");
        assert_eq!(
            record_path(ws, cwd, Path::new("clinic/evidence/./policy.pdf")),
            "evidence/policy.pdf"
        );
        assert_eq!(
            record_path(ws, cwd, Path::new("other/x.pdf")),
            "/audits/other/x.pdf"
        );
        assert_eq!(
            record_path(ws, cwd, Path::new("clinic/evidence/../x.pdf")),
            "x.pdf"
        );
        assert_eq!(
            resolve(ws, "evidence/policy.pdf"),
            Path::new("/audits/clinic/evidence/policy.pdf")
        );
    }

    #[test]
    fn hashing_reads_regular_files_and_refuses_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, b"abc").unwrap();
        assert_eq!(
            hash_file(&f).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(hash_file(dir.path()).is_err(), "a folder is refused");
        assert!(
            hash_file(&dir.path().join("nope"))
                .unwrap_err()
                .contains("no such file")
        );
    }

    #[test]
    fn completion_lists_matching_entries_with_folders_marked() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.ron");
        std::fs::create_dir(dir.path().join("evidence")).unwrap();
        std::fs::write(dir.path().join("evidence/policy-2026.pdf"), b"x").unwrap();
        std::fs::write(dir.path().join("evidence/policy-2025.pdf"), b"x").unwrap();
        std::fs::write(dir.path().join("evidence/.hidden"), b"x").unwrap();
        assert_eq!(complete(&ws, None, "ev"), vec!["evidence/"]);
        let two = complete(&ws, None, "evidence/p");
        assert_eq!(
            two,
            vec!["evidence/policy-2025.pdf", "evidence/policy-2026.pdf"]
        );
        assert_eq!(common_prefix(&two), "evidence/policy-202");
        assert!(
            complete(&ws, None, "evidence/").len() == 2,
            "hidden files stay hidden"
        );
        assert!(complete(&ws, None, "nowhere/x").is_empty());
    }
}

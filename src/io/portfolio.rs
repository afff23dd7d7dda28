//! The MSP's portfolio: every workspace under some folders, one row of figures each. Only
//! reads: a file that does not load is listed with its error, an encrypted one with its
//! figures only when the passphrase is given, and nothing is ever written.
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::domain::board;
use crate::domain::catalog::{Area, Catalog};
use crate::domain::gaps;
use crate::domain::workspace::Workspace;
use crate::io::{crypt, store};

/// One workspace's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    pub file: PathBuf,
    pub client: String,
    pub started: Option<NaiveDate>,
    pub answered: usize,
    pub questions: usize,
    /// Yes of Yes+Partial+No over the whole bank, in percent.
    pub compliance: Option<usize>,
    pub open_gaps: usize,
    pub overdue: usize,
    /// The soonest due date of open work (gaps and yearly duties).
    pub next_due: Option<NaiveDate>,
    /// A year after the assessment started.
    pub next_audit_due: Option<NaiveDate>,
    pub to_reverify: usize,
    pub encrypted: bool,
    /// Why it could not be read (`None` when it loaded).
    pub error: Option<String>,
    /// The file it records being carried into (`new --from`), resolved beside it.
    pub carried_into: Option<PathBuf>,
    /// The file it records being carried from, resolved beside it.
    pub previous: Option<PathBuf>,
    /// For an earlier year: the client's current assessment it is folded under (`fold`).
    pub current: Option<PathBuf>,
}

/// A workspace's own file name, not a backup, emergency copy, lock or temporary file.
pub fn is_workspace_name(name: &str) -> bool {
    (name.ends_with(".ron") || name.ends_with(".ron.age"))
        && !name.starts_with('.')
        && !name.contains(".emergency-")
        && !name.contains(".bak.")
}

/// Every workspace under `dirs`, recursively (hidden folders and linked folders skipped),
/// each once however many names lead to it (a link to a workspace beside it, the same
/// folder given twice), sorted by path. A folder that cannot be read is listed too, for
/// `row` to report as an error: nothing is skipped in silence.
pub fn find(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<(PathBuf, usize)> = dirs.iter().map(|d| (d.clone(), 0)).collect();
    while let Some((dir, depth)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(_) => {
                out.push(dir);
                continue;
            }
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() && !name.starts_with('.') && depth < 16 {
                stack.push((e.path(), depth + 1));
            } else if (kind.is_file() || kind.is_symlink()) && is_workspace_name(&name) {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out.dedup();
    once_each(out)
}

/// One name per file: names that reach the same file (device and inode, through links)
/// keep the first that is not itself a link. Names that reach nothing stay, to be reported.
fn once_each(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    use std::collections::HashMap;
    // The file's identity through links: device and inode (the real path elsewhere).
    let id = |p: &Path| -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(p).ok()?;
            Some(format!("{}:{}", m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(p)
                .ok()
                .map(|r| r.display().to_string())
        }
    };
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink());
    let mut kept: Vec<PathBuf> = Vec::with_capacity(paths.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in paths {
        let key = id(&p);
        match key.as_ref().and_then(|k| seen.get(k).copied()) {
            Some(i) => {
                if is_link(&kept[i]) && !is_link(&p) {
                    kept[i] = p;
                }
            }
            None => {
                if let Some(k) = key {
                    seen.insert(k, kept.len());
                }
                kept.push(p);
            }
        }
    }
    kept.sort();
    kept
}

/// One workspace's row.
pub fn row(
    path: &Path,
    catalog: &Catalog,
    today: NaiveDate,
    window: u32,
    passphrase: Option<&SecretString>,
) -> Row {
    let encrypted = store::is_encrypted_file(path);
    let mut row = Row {
        file: path.to_path_buf(),
        client: String::new(),
        started: None,
        answered: 0,
        questions: catalog.questions.len(),
        compliance: None,
        open_gaps: 0,
        overdue: 0,
        next_due: None,
        next_audit_due: None,
        to_reverify: 0,
        encrypted,
        error: None,
        carried_into: None,
        previous: None,
        current: None,
    };
    if let Some(why) = unreadable_folder(path) {
        row.error = Some(why);
        return row;
    }
    let loaded = if encrypted {
        match passphrase {
            None => {
                row.error = Some("encrypted (set HIPAUDIT_PASSPHRASE for its figures)".into());
                return row;
            }
            Some(p) => crypt::Keys::open(path, p)
                .map_err(|e| e.to_string())
                .and_then(|k| store::load_with(path, Some(&k)).map_err(|e| e.to_string())),
        }
    } else {
        store::load(path).map_err(|e| e.to_string())
    };
    match loaded {
        Ok((ws, _)) => fill(&mut row, &ws, ws.catalog(), today, window),
        Err(e) => row.error = Some(e),
    }
    row
}

/// The start of the error of a folder that could not be searched (not a workspace).
pub const NOT_SEARCHED: &str = "folder not searched";

/// Why a folder `find` listed could not be searched (`None` for a workspace file).
fn unreadable_folder(path: &Path) -> Option<String> {
    let why = |e: std::io::Error| {
        let said = match e.kind() {
            std::io::ErrorKind::NotFound => "no such folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        format!("{NOT_SEARCHED}: {said}")
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path).err().map(why),
        Ok(_) => None,
        // A workspace that vanished since it was found is reported by its load.
        Err(_) if is_workspace_name(&path.file_name().unwrap_or_default().to_string_lossy()) => {
            None
        }
        Err(e) => Some(why(e)),
    }
}

fn fill(row: &mut Row, ws: &Workspace, catalog: &Catalog, today: NaiveDate, window: u32) {
    row.client = ws.engagement.client.clone();
    row.started = ws.engagement.started;
    row.next_audit_due = ws
        .engagement
        .started
        .and_then(|d| d.checked_add_months(Months::new(12)));
    let (mut yes, mut scored) = (0, 0);
    for a in Area::ALL {
        let f = board::area_figures(catalog, ws, a);
        row.answered += f.answered();
        yes += f.yes;
        scored += f.yes + f.partial + f.no;
    }
    row.compliance = (yes * 100).checked_div(scored);
    let items = gaps::derive_all(catalog, ws, today, window);
    let c = board::counts(items.iter(), today);
    row.open_gaps = c.open + c.in_progress;
    row.overdue = c.overdue;
    row.next_due = items
        .iter()
        .filter(|g| !g.status.is_closed())
        .filter_map(|g| g.due)
        .min();
    row.to_reverify = ws.answers.values().filter(|a| a.reverify).count();
    let beside = |f: &str| {
        let f = Path::new(f);
        match row.file.parent() {
            Some(dir) if f.is_relative() => dir.join(f),
            _ => f.to_path_buf(),
        }
    };
    row.carried_into = ws.carried_into.as_ref().map(|c| beside(&c.file));
    row.previous = ws.previous.as_ref().map(|p| beside(&p.file));
}

/// Folds each client's earlier years under its current assessment: a file carried into
/// another of the rows (by its own record, or by the other's record of where it came from)
/// gets `current`, the latest file of that chain. Paths are compared as resolved, never
/// opened.
pub fn fold(rows: &mut [Row]) {
    use std::collections::HashMap;
    let key = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let index: HashMap<PathBuf, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (key(&r.file), i))
        .collect();
    let find = |p: &Option<PathBuf>| p.as_deref().and_then(|p| index.get(&key(p)).copied());
    let mut next: Vec<Option<usize>> = vec![None; rows.len()];
    // The old file's own record wins over a newer file's claim to have come from it.
    for (i, r) in rows.iter().enumerate() {
        if let Some(j) = find(&r.previous)
            && j != i
        {
            next[j] = Some(i);
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if let Some(j) = find(&r.carried_into)
            && j != i
        {
            next[i] = Some(j);
        }
    }
    for i in 0..rows.len() {
        let mut at = i;
        // A chain is at most as long as the rows; a loop of records folds nothing.
        for _ in 0..=rows.len() {
            match next[at] {
                Some(j) => at = j,
                None => break,
            }
        }
        rows[i].current = (next[at].is_none() && at != i).then(|| rows[at].file.clone());
    }
}

/// The rows to show, by index, in the rows' order: each client's current assessment, and
/// with `all` its earlier years under it, newest first.
pub fn shown(rows: &[Row], all: bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.current.is_none()) {
        out.push(i);
        if all {
            let mut earlier: Vec<usize> = (0..rows.len())
                .filter(|&j| rows[j].current.as_ref() == Some(&r.file))
                .collect();
            earlier.sort_by(|&a, &b| rows[b].started.cmp(&rows[a].started));
            out.extend(earlier);
        }
    }
    out
}

/// How many earlier years are folded under `row`.
pub fn earlier_count(rows: &[Row], row: &Row) -> usize {
    rows.iter()
        .filter(|r| r.current.as_ref() == Some(&row.file))
        .count()
}

/// Every row, loaded on both cores, most overdue first (then the soonest due, then client).
pub fn rows(
    paths: &[PathBuf],
    catalog: &Catalog,
    today: NaiveDate,
    window: u32,
    passphrase: Option<&SecretString>,
) -> Vec<Row> {
    let half = paths.len().div_ceil(2);
    let (a, b) = paths.split_at(half);
    let mut out: Vec<Row> = std::thread::scope(|s| {
        let other = s.spawn(|| {
            b.iter()
                .map(|p| row(p, catalog, today, window, passphrase))
                .collect::<Vec<_>>()
        });
        let mut mine: Vec<Row> = a
            .iter()
            .map(|p| row(p, catalog, today, window, passphrase))
            .collect();
        mine.extend(other.join().unwrap_or_default());
        mine
    });
    sort(&mut out);
    fold(&mut out);
    out
}

/// Most overdue first, then the soonest next due date, then by client and file.
pub fn sort(rows: &mut [Row]) {
    rows.sort_by(|x, y| {
        y.overdue
            .cmp(&x.overdue)
            .then_with(|| match (x.next_due, y.next_due) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| x.client.to_lowercase().cmp(&y.client.to_lowercase()))
            .then_with(|| x.file.cmp(&y.file))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str) -> Row {
        Row {
            file: PathBuf::from(file),
            client: "Acme".into(),
            questions: 1,
            ..Row::default()
        }
    }

    #[test]
    fn earlier_years_fold_under_the_latest_by_either_record_and_a_loop_folds_nothing() {
        // 2024 says where it went; 2026 says where it came from (2025 was carried by an
        // older build, which left no record in 2025).
        let mut y24 = at("/c/acme-2024.ron");
        y24.carried_into = Some("/c/acme-2025.ron".into());
        let y25 = at("/c/acme-2025.ron");
        let mut y26 = at("/c/acme-2026.ron");
        y26.previous = Some("/c/./acme-2025.ron".into());
        let other = at("/c/other.ron");
        let mut rows = vec![y24, y25, y26, other];
        fold(&mut rows);
        let current: Vec<Option<&str>> = rows
            .iter()
            .map(|r| r.current.as_deref().and_then(Path::to_str))
            .collect();
        assert_eq!(
            current,
            [
                Some("/c/acme-2026.ron"),
                Some("/c/acme-2026.ron"),
                None,
                None
            ]
        );
        assert_eq!(shown(&rows, false), [2, 3]);
        assert_eq!(earlier_count(&rows, &rows[2]), 2);
        let mut a = at("/c/a.ron");
        a.carried_into = Some("/c/b.ron".into());
        let mut b = at("/c/b.ron");
        b.carried_into = Some("/c/a.ron".into());
        let mut rows = vec![a, b];
        fold(&mut rows);
        assert!(rows.iter().all(|r| r.current.is_none()));
    }

    #[test]
    fn only_workspaces_are_found() {
        for (name, ok) in [
            ("acme.ron", true),
            ("acme.ron.age", true),
            ("acme.ron.bak.1", false),
            ("acme.emergency-20261201-101010.ron", false),
            (".acme.ron.lock", false),
            (".acme.ron.tmp-x1y2", false),
            ("acme.csv", false),
            ("acme.ron.age.key", false),
        ] {
            assert_eq!(is_workspace_name(name), ok, "{name}");
        }
    }
}

//! Attacks on the promises of docs/DATA-SAFETY.md: links, FIFOs, read-only
//! and immutable files, failing disks, hostile text. Each test drives the real save path or
//! the real binary and checks that the workspace and its backups are intact afterwards.
//!
//! This file: links and non-files (class 2) and failed saves (class 3). Strict input, untrusted
//! text, copies and sizes (classes 6, 7, 9, 10) are in `hostile_input.rs`; the helpers both
//! use in `common/hostile.rs`.

mod common;
use common::run;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use hipaudit::io::store::{self, Disk, Lock, WriteMode};

#[path = "common/hostile.rs"]
mod hostile;
use hostile::{text, ws};

/// Every file in the folder with its bytes, to prove that nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn mkfifo(p: &Path) {
    let st = Command::new("mkfifo").arg(p).status().expect("mkfifo");
    assert!(st.success());
}

/// A workspace with three generations of backups.
fn with_history(dir: &Path) -> PathBuf {
    let p = dir.join("w.ron");
    for n in 0..4 {
        store::save(&p, &ws(&format!("Version {n}"))).unwrap();
    }
    p
}

// Class 2: links and non-files.

#[test]
fn a_lock_file_planted_as_a_link_or_hard_link_or_fifo_never_touches_the_workspace() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    let before = snapshot(d.path());
    let lock = store::lock_path(&p);
    std::os::unix::fs::symlink(&p, &lock).unwrap();
    let e = Lock::acquire(&p).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    fs::remove_file(&lock).unwrap();
    fs::hard_link(&p, &lock).unwrap();
    let e = Lock::acquire(&p).unwrap_err();
    assert!(e.to_string().contains("hard link"), "{e}");
    fs::remove_file(&lock).unwrap();
    mkfifo(&lock);
    let e = Lock::acquire(&p).unwrap_err();
    assert!(e.to_string().contains("FIFO"), "{e}");
    fs::remove_file(&lock).unwrap();
    assert_eq!(
        snapshot(d.path()),
        before,
        "the workspace and backups are intact"
    );
    // The app refuses to open with such a lock, and says why.
    std::os::unix::fs::symlink(&p, &lock).unwrap();
    let o = run(d.path(), &[p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("symbolic link"), "{}", text(&o));
    assert_eq!(snapshot(d.path()), before);
}

#[test]
fn the_lock_is_kept_on_exit_and_keyed_to_the_real_path() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    let link = d.path().join("alias.ron");
    std::os::unix::fs::symlink(&p, &link).unwrap();
    let held = Lock::acquire(&link).unwrap().unwrap();
    assert!(
        Lock::acquire(&p).unwrap().is_err(),
        "a link and its target are one workspace"
    );
    let text_before = fs::read_to_string(held.path()).unwrap();
    drop(held);
    assert_eq!(
        fs::read_to_string(store::lock_path(&p)).unwrap(),
        text_before,
        "the lock file is not truncated on exit"
    );
}

#[test]
fn a_workspace_reached_through_a_link_is_saved_through_it() {
    let d = tempfile::tempdir().unwrap();
    let real_dir = d.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let p = with_history(&real_dir);
    let link = d.path().join("link.ron");
    std::os::unix::fs::symlink(&p, &link).unwrap();
    store::save(&link, &ws("Through the link")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        store::load(&p).unwrap().0.engagement.client,
        "Through the link"
    );
    assert_eq!(
        store::load(&store::backup_path(&p))
            .unwrap()
            .0
            .engagement
            .client,
        "Version 3"
    );
    assert!(
        !store::backup_path(&link).exists(),
        "backups sit by the file"
    );
}

#[test]
fn backups_that_are_links_fifos_or_folders_are_never_replaced() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    let victim = d.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    for (n, plant) in [(1, "link"), (2, "fifo"), (3, "dir")] {
        let g = store::generation_path(&p, n);
        fs::remove_file(&g).unwrap();
        match plant {
            "link" => std::os::unix::fs::symlink(&victim, &g).unwrap(),
            "fifo" => mkfifo(&g),
            _ => fs::create_dir(&g).unwrap(),
        }
        let before = fs::read(&p).unwrap();
        let e = store::save(&p, &ws("Hostile")).unwrap_err();
        assert!(e.to_string().contains("left it alone"), "{plant}: {e}");
        assert_eq!(fs::read(&p).unwrap(), before, "{plant}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        if plant == "dir" {
            fs::remove_dir(&g).unwrap();
        } else {
            fs::remove_file(&g).unwrap();
        }
        fs::copy(&p, &g).unwrap();
    }
}

#[test]
fn export_never_replaces_a_link_fifo_or_folder_and_force_takes_regular_files_only() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("demo.ron");
    fs::write(&p, hipaudit::io::paths::DEMO).unwrap();
    let ps = p.to_str().unwrap();
    let victim = d.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let link = d.path().join("out.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let fifo = d.path().join("fifo.md");
    mkfifo(&fifo);
    let dir = d.path().join("folder.md");
    fs::create_dir(&dir).unwrap();
    for target in [&link, &fifo, &dir] {
        for force in [false, true] {
            let mut args = vec![
                "export",
                ps,
                "--format",
                "md",
                "-o",
                target.to_str().unwrap(),
            ];
            if force {
                args.push("--force");
            }
            let o = run(d.path(), &args);
            assert_eq!(o.status.code(), Some(1), "{target:?}: {}", text(&o));
        }
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let plain = d.path().join("plain.md");
    fs::write(&plain, "old").unwrap();
    let o = run(
        d.path(),
        &[
            "export",
            ps,
            "--format",
            "md",
            "-o",
            plain.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "exists without --force");
    let o = run(
        d.path(),
        &[
            "export",
            ps,
            "--format",
            "md",
            "-o",
            plain.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(fs::read_to_string(&plain).unwrap().contains("Riverside"));
}

/// A workspace, key file, CSV or config that is a FIFO (or a link to one) would block every
/// reader forever: each is refused as "not a regular file" at once, and the portfolio lists
/// it with that error instead of hanging.
#[test]
fn fifos_are_refused_by_every_reader_instead_of_hanging() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let fifo = home.join("pipe");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    std::os::unix::fs::symlink(&fifo, home.join("evil.ron")).unwrap();
    std::os::unix::fs::symlink(&fifo, home.join("evil.csv")).unwrap();
    std::fs::write(home.join("good.ron"), hipaudit::io::paths::DEMO).unwrap();
    let started = std::time::Instant::now();
    let good = home.join("good.ron");
    let evil = home.join("evil.ron");
    let next = home.join("next.ron");
    for args in [
        vec!["check", evil.to_str().unwrap()],
        vec!["gaps", evil.to_str().unwrap()],
        vec![
            "new",
            next.to_str().unwrap(),
            "--from",
            evil.to_str().unwrap(),
        ],
        vec![
            "import",
            good.to_str().unwrap(),
            "--from",
            home.join("evil.csv").to_str().unwrap(),
        ],
    ] {
        let o = common::hipaudit(home)
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("not a regular file"),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let o = common::hipaudit(home)
        .args(["portfolio", home.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let evil_row = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("evil.ron"))
        .unwrap();
    assert!(
        evil_row["error"]
            .as_str()
            .unwrap()
            .contains("not a regular file")
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "nothing hung"
    );
}

// Class 3: a failed save changes nothing.

/// A disk that fails one named step every time.
struct Failing(&'static str);

impl Disk for Failing {
    fn write(&self, f: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        if self.0 == "write" {
            f.write_all(&bytes[..bytes.len() / 2])?;
            return Err(io::Error::other("injected: no space left on device"));
        }
        f.write_all(bytes)
    }
    fn sync(&self, f: &fs::File) -> io::Result<()> {
        if self.0 == "sync" {
            return Err(io::Error::other("injected: sync failed"));
        }
        f.sync_all()
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        if self.0 == "rename" {
            return Err(io::Error::other("injected: rename failed"));
        }
        fs::rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        if self.0 == "sync_dir" {
            return Err(io::Error::other("injected: folder sync failed"));
        }
        fs::File::open(dir)?.sync_all()
    }
}

#[test]
fn failed_saves_retried_many_times_leave_the_file_and_every_backup_as_they_were() {
    for step in ["write", "sync", "rename"] {
        let d = tempfile::tempdir().unwrap();
        let p = with_history(d.path());
        let before = snapshot(d.path());
        for _ in 0..5 {
            let e = store::save_on(&Failing(step), &p, &ws("New"), WriteMode::DATA).unwrap_err();
            assert!(e.to_string().contains("injected"), "{step}: {e}");
        }
        assert_eq!(snapshot(d.path()), before, "{step}: something changed");
    }
}

#[test]
fn a_failed_folder_sync_is_a_warning_and_not_a_later_conflict() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    let w = store::save_on(&Failing("sync_dir"), &p, &ws("New"), WriteMode::DATA).unwrap();
    assert!(w.warnings.iter().any(|w| w.contains("synced")), "{w:?}");
    assert_eq!(store::load(&p).unwrap().0.engagement.client, "New");
    assert!(
        w.stamp.still_matches(&p).unwrap(),
        "no false outside change"
    );
}

#[test]
fn an_immutable_file_fails_the_save_and_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    let made = Command::new("chattr").arg("+i").arg(&p).status();
    if !made.is_ok_and(|s| s.success()) {
        // chattr needs root and a file system with attributes; the injected-rename test
        // above covers the same path where this cannot run.
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    let before = snapshot(d.path());
    let e = store::save(&p, &ws("New"));
    let _ = Command::new("chattr").arg("-i").arg(&p).status();
    assert!(e.is_err(), "an immutable file cannot be replaced");
    assert_eq!(snapshot(d.path()), before);
}

#[test]
fn backups_are_private_even_when_the_workspace_was_not() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    store::save(&p, &ws("A")).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    store::save(&p, &ws("B")).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&store::backup_path(&p)), 0o600);
    // The workspace keeps its group's access (a shared folder) but never other users'.
    assert_eq!(mode(&p), 0o640);
}

#[test]
fn a_read_only_workspace_is_never_replaced() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    fs::set_permissions(&p, fs::Permissions::from_mode(0o400)).unwrap();
    let before = snapshot(d.path());
    let e = store::save(&p, &ws("New")).unwrap_err();
    assert!(e.to_string().contains("read-only"), "{e}");
    assert_eq!(snapshot(d.path()), before);
    assert!(store::is_read_only_file(&p));
}

#[test]
fn view_only_saves_keep_every_backup_generation() {
    let d = tempfile::tempdir().unwrap();
    let p = with_history(d.path());
    let backups: Vec<_> = (1..=3)
        .map(|n| fs::read(store::generation_path(&p, n)).unwrap())
        .collect();
    let mut w = store::load(&p).unwrap().0;
    for _ in 0..5 {
        w.view.sort = w.view.sort.next();
        store::save_on(&store::RealDisk, &p, &w, WriteMode::VIEW).unwrap();
    }
    let after: Vec<_> = (1..=3)
        .map(|n| fs::read(store::generation_path(&p, n)).unwrap())
        .collect();
    assert_eq!(after, backups);
    assert_eq!(store::load(&p).unwrap().0.view.sort, w.view.sort);
}

//! Files, links, limits and signals (issue 24, items 9 and 11): every writer and reader holds
//! its promise whatever sits at the path — a link, a sparse giant, a folder made again, a
//! teammate's file, a file-size limit.

mod common;
use common::{TODAY, hipaudit, run};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use hipaudit::io::store;

const PASS: &str = "correct horse battery staple";

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn encrypt(home: &Path, path: &Path) -> Output {
    hipaudit(home)
        .args(["encrypt", path.to_str().unwrap()])
        .env("HIPAUDIT_PASSPHRASE", PASS)
        .env("HIPAUDIT_KDF_LOG_N", "10")
        .output()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn today() -> chrono::NaiveDate {
    TODAY.parse().unwrap()
}

#[cfg(unix)]
#[test]
fn encrypt_through_a_link_encrypts_the_real_file_and_leaves_no_plain_text_behind() {
    let d = tempfile::tempdir().unwrap();
    let real_dir = d.path().join("clients");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("clinic.ron");
    fs::write(&real, hipaudit::io::paths::DEMO).unwrap();
    fs::write(store::generation_path(&real, 1), hipaudit::io::paths::DEMO).unwrap();
    fs::write(store::generation_path(&real, 2), hipaudit::io::paths::DEMO).unwrap();
    let link = d.path().join("current.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let o = encrypt(d.path(), &link);
    assert!(o.status.success(), "{}", err(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("is a link to"), "{out}");
    // No plain text anywhere: not the real file, not its backups, not the link.
    assert_eq!(
        names(&real_dir),
        [".clinic.ron.lock", "clinic.ron.age", "clinic.ron.age.key"],
        "{out}"
    );
    assert!(fs::symlink_metadata(&link).is_err(), "the link is gone too");
    assert!(!d.path().join("current.ron.age").exists());
    // The encrypted file is the workspace.
    let o = hipaudit(d.path())
        .args(["check", real_dir.join("clinic.ron.age").to_str().unwrap()])
        .env("HIPAUDIT_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));

    // Decrypting through a link works on the real file too, and takes its key and the link.
    let age_link = d.path().join("current.ron.age");
    std::os::unix::fs::symlink(real_dir.join("clinic.ron.age"), &age_link).unwrap();
    let o = hipaudit(d.path())
        .args(["decrypt", age_link.to_str().unwrap()])
        .env("HIPAUDIT_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let left: Vec<String> = names(&real_dir)
        .into_iter()
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert_eq!(left, ["clinic.ron"]);
    assert!(
        fs::symlink_metadata(&age_link).is_err(),
        "the link is gone too"
    );
    assert!(!d.path().join("current.ron").exists());

    // A file with a second name would keep its plain text under it: refused, nothing changed.
    let other = d.path().join("other.ron");
    fs::write(&other, hipaudit::io::paths::DEMO).unwrap();
    fs::hard_link(&other, d.path().join("other-copy.ron")).unwrap();
    let o = encrypt(d.path(), &other);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("hard links"), "{}", err(&o));
    assert!(!d.path().join("other.ron.age").exists());
    assert!(!d.path().join("other.ron.age.key").exists());
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        hipaudit::io::paths::DEMO
    );
}

#[cfg(unix)]
#[test]
fn evidence_added_through_a_linked_folder_records_the_file_it_hashed() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let ws_dir = home.join("clinic");
    let elsewhere = home.join("share").join("deep");
    fs::create_dir_all(&ws_dir).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    let ws = ws_dir.join("w.ron");
    let o = run(home, &["new", ws.to_str().unwrap(), "--client", "Clinic"]);
    assert!(o.status.success(), "{}", err(&o));
    // Two files of the same name: one beside the workspace, one beside the link's target.
    fs::write(ws_dir.join("policy.pdf"), b"the workspace folder's copy").unwrap();
    fs::write(home.join("share").join("policy.pdf"), b"the share's copy").unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws_dir.join("link")).unwrap();

    // `link/../policy.pdf` reads as policy.pdf beside the workspace, but the system opens
    // the share's copy: that is what is hashed, so that is what must be recorded.
    let o = hipaudit(home)
        .current_dir(&ws_dir)
        .args([
            "evidence",
            "w.ron",
            "add",
            "ADM-SM-02",
            "link/../policy.pdf",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let (w, _) = store::load(&ws).unwrap();
    let item = &w.answers["ADM-SM-02"].evidence[0];
    let hashed = hipaudit::io::evidence::hash_file(&home.join("share/policy.pdf")).unwrap();
    assert_eq!(item.sha256, hashed);
    let recorded = hipaudit::io::evidence::resolve(&ws, &item.file);
    assert_eq!(
        fs::canonicalize(&recorded).unwrap(),
        fs::canonicalize(home.join("share/policy.pdf")).unwrap(),
        "recorded {}",
        item.file
    );
    // And verify agrees: the recorded file is the hashed one.
    let o = run(home, &["evidence", ws.to_str().unwrap(), "verify"]);
    assert!(
        o.status.success(),
        "{}{}",
        err(&o),
        String::from_utf8_lossy(&o.stdout)
    );

    // A file reached through a linked folder inside the workspace's folder keeps its short,
    // relative name (it still leads to the same file).
    fs::write(elsewhere.join("baa.pdf"), b"signed").unwrap();
    let o = hipaudit(home)
        .current_dir(&ws_dir)
        .args(["evidence", "w.ron", "add", "ADM-SM-02", "link/baa.pdf"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let (w, _) = store::load(&ws).unwrap();
    assert_eq!(w.answers["ADM-SM-02"].evidence[1].file, "link/baa.pdf");
}

/// A workspace-named file that claims 100 GB (sparse: no disk is used).
fn sparse_giant(path: &Path) {
    let f = fs::File::create(path).unwrap();
    f.set_len(100 * 1024 * 1024 * 1024).unwrap();
}

#[test]
fn a_huge_sparse_workspace_is_one_error_row_and_a_clear_error_never_an_abort() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let clients = home.join("clients");
    fs::create_dir(&clients).unwrap();
    fs::write(clients.join("good.ron"), hipaudit::io::paths::DEMO).unwrap();
    let big = clients.join("big.ron");
    sparse_giant(&big);

    let o = run(
        home,
        &["portfolio", clients.to_str().unwrap(), "--format", "json"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let row = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("big.ron"))
        .unwrap();
    let e = row["error"].as_str().unwrap();
    assert!(e.contains("100 GB") && e.contains("256 MB"), "{e}");
    let good = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("good.ron"))
        .unwrap();
    assert!(good["error"].is_null());

    // `check` and the start screen's loader say the same, and the process ends normally.
    let o = run(home, &["check", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("100 GB"), "{}", err(&o));
    let row = hipaudit::io::portfolio::row(
        &big,
        hipaudit::domain::catalog::Catalog::builtin(),
        today(),
        60,
        None,
    );
    assert!(row.error.unwrap().contains("100 GB"));
    // The config reader takes the same limit.
    let config_dir = home.join("config").join("hipaudit");
    fs::create_dir_all(&config_dir).unwrap();
    sparse_giant(&config_dir.join("config.ron"));
    let o = run(home, &["config"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("100 GB"), "{}", err(&o));
}

#[cfg(unix)]
#[test]
fn a_save_over_a_shared_workspace_keeps_its_group_access_and_its_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("shared.ron");
    let ws = store::from_ron(hipaudit::io::paths::DEMO, &p).unwrap();
    store::save(&p, &ws).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o660)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        // The owner's file, saved by someone else (here root, who may give it back).
        std::os::unix::fs::chown(&p, Some(4242), Some(4343)).unwrap();
    }
    let mut ws2 = ws.clone();
    ws2.engagement.site = "Second floor".into();
    store::save(&p, &ws2).unwrap();
    let m = fs::metadata(&p).unwrap();
    assert_eq!(
        m.permissions().mode() & 0o777,
        0o660,
        "the group keeps access"
    );
    if root {
        assert_eq!((m.uid(), m.gid()), (4242, 4343), "owner and group kept");
    }
    assert_eq!(store::load(&p).unwrap().0, ws2);
    // Never wider than it was: other users' bits are dropped, and a new file is private.
    fs::set_permissions(&p, fs::Permissions::from_mode(0o664)).unwrap();
    store::save(&p, &ws).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o660
    );
    let fresh = d.path().join("fresh.ron");
    store::save(&fresh, &ws).unwrap();
    assert_eq!(
        fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_workspace_folder_made_again_is_saved_under_a_new_lock_or_not_at_all() {
    use hipaudit::tui::effects::Session;
    let d = tempfile::tempdir().unwrap();
    let folder = d.path().join("clinic");
    fs::create_dir(&folder).unwrap();
    let p = folder.join("w.ron");
    let ws = store::from_ron(hipaudit::io::paths::DEMO, &p).unwrap();
    store::save(&p, &ws).unwrap();
    let lock = store::Lock::acquire(&p).unwrap().unwrap();
    let mut app = hipaudit::tui::app::App::new(
        hipaudit::domain::catalog::Catalog::builtin(),
        ws.clone(),
        p.clone(),
        today(),
        "tester",
    );
    let stamp = hipaudit::io::files::Stamp::of(&p).unwrap();
    let mut s = Session::new(Some(stamp), None, Some(lock));

    // The folder is deleted and made again while the app is open: the save takes the lock
    // again before it writes.
    fs::remove_dir_all(&folder).unwrap();
    fs::create_dir(&folder).unwrap();
    app.doc.generation += 1;
    let (_, ok) = s.save_now(&app);
    assert!(ok);
    assert!(p.exists());
    assert!(
        store::Lock::acquire(&p).unwrap().is_err(),
        "the saved workspace is locked by the app"
    );

    // Made again, and another copy took it meanwhile: nothing is written.
    fs::remove_dir_all(&folder).unwrap();
    fs::create_dir(&folder).unwrap();
    let other = store::Lock::acquire(&p).unwrap().unwrap();
    app.doc.generation += 1;
    let (msgs, ok) = s.save_now(&app);
    assert!(!ok);
    assert!(!p.exists(), "{:?}", names(&folder));
    let said = format!("{msgs:?}");
    assert!(said.contains("is now open in"), "{said}");
    drop(other);
}

#[cfg(unix)]
#[test]
fn a_write_past_the_file_size_limit_fails_cleanly_and_a_retry_succeeds() {
    let d = tempfile::tempdir().unwrap();
    let plain = d.path().join("clinic.ron");
    fs::write(&plain, hipaudit::io::paths::DEMO).unwrap();
    // 64 blocks (32 or 64 KB, by the shell) is less than the encrypted workspace.
    let limited = |args: &[&str]| {
        std::process::Command::new("sh")
            .env("HIPAUDIT_TODAY", TODAY)
            .env("HOME", d.path())
            .env("XDG_DATA_HOME", d.path().join("data"))
            .env("XDG_CONFIG_HOME", d.path().join("config"))
            .env("HIPAUDIT_PASSPHRASE", PASS)
            .env("HIPAUDIT_KDF_LOG_N", "10")
            .args(["-c", "ulimit -f 64; exec \"$0\" \"$@\""])
            .arg(env!("CARGO_BIN_EXE_hipaudit"))
            .args(args)
            .output()
            .unwrap()
    };
    let o = limited(&["encrypt", plain.to_str().unwrap()]);
    // An error, not death by SIGXFSZ.
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(err(&o).contains("error:"), "{}", err(&o));
    // Nothing half-written is left: no .age, no key, no temporary file.
    assert_eq!(names(d.path()), [".clinic.ron.lock", "clinic.ron"]);
    assert_eq!(
        fs::read_to_string(&plain).unwrap(),
        hipaudit::io::paths::DEMO
    );
    // Every other writer alike: the report fails with the reason and leaves no part of it.
    for format in ["html", "md", "docx"] {
        let o = limited(&["export", plain.to_str().unwrap(), "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {o:?}");
        assert!(err(&o).contains("too large"), "{format}: {}", err(&o));
        assert_eq!(
            names(d.path()),
            [".clinic.ron.lock", "clinic.ron"],
            "{format}"
        );
    }
    // So the retry runs.
    let o = encrypt(d.path(), &plain);
    assert!(o.status.success(), "{}", err(&o));
    assert!(d.path().join("clinic.ron.age").exists());
    assert!(!plain.exists());
}

#[test]
fn a_renewal_window_of_four_billion_days_is_refused_and_never_overflows_a_date() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let ws = home.join("w.ron");
    fs::write(&ws, hipaudit::io::paths::DEMO).unwrap();
    let config_dir = home.join("config").join("hipaudit");
    fs::create_dir_all(&config_dir).unwrap();
    fs::write(
        config_dir.join("config.ron"),
        "(\n  renewal_window_days: 4294967295,\n)\n",
    )
    .unwrap();
    let o = run(home, &["gaps", ws.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("renewal_window_days") && err(&o).contains("0 to 3650"),
        "{}",
        err(&o)
    );
    // Whatever window reaches the date arithmetic, it saturates instead of panicking.
    let demo = store::from_ron(hipaudit::io::paths::DEMO, &ws).unwrap();
    let c = hipaudit::domain::catalog::Catalog::builtin();
    let far = chrono::NaiveDate::MAX - chrono::Days::new(1);
    for day in [today(), far] {
        let gaps = hipaudit::domain::gaps::derive_all(c, &demo, day, u32::MAX);
        assert!(!gaps.is_empty());
        for v in &demo.vendors {
            let _ = v.state(day, u32::MAX);
        }
    }
    let item = hipaudit::domain::evidence::EvidenceItem {
        expires: Some(chrono::NaiveDate::MAX),
        ..Default::default()
    };
    assert!(hipaudit::domain::evidence::expiry(&item, far, u32::MAX).is_some());
}

#[cfg(unix)]
#[test]
fn the_portfolio_lists_a_workspace_and_a_link_to_it_once_and_reports_unreadable_folders() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let clients = home.join("clients");
    fs::create_dir(&clients).unwrap();
    let real = clients.join("riverside.ron");
    fs::write(&real, hipaudit::io::paths::DEMO).unwrap();
    std::os::unix::fs::symlink(&real, clients.join("current.ron")).unwrap();
    let locked = clients.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("hidden.ron"), hipaudit::io::paths::DEMO).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any folder: a folder that is not there stands in for one it cannot read.
    let missing = home.join("gone");

    let o = run(
        home,
        &[
            "portfolio",
            clients.to_str().unwrap(),
            clients.to_str().unwrap(),
            missing.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<PathBuf> = rows
        .iter()
        .map(|r| PathBuf::from(r["file"].as_str().unwrap()))
        .collect();
    let loaded: Vec<&PathBuf> = rows
        .iter()
        .zip(&files)
        .filter(|(r, f)| r["error"].is_null() && !f.starts_with(&locked))
        .map(|(_, f)| f)
        .collect();
    assert_eq!(
        loaded,
        [&real],
        "one row for the workspace and its link: {files:?}"
    );
    assert!(
        files.contains(&real),
        "the real name is the one shown: {files:?}"
    );
    let gone = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap() == missing.to_str().unwrap())
        .unwrap_or_else(|| panic!("the missing folder is a row: {files:?}"));
    assert!(
        gone["error"]
            .as_str()
            .unwrap()
            .contains("folder not searched"),
        "{gone}"
    );
    // The table's count says workspaces and folders apart.
    let o = run(
        home,
        &[
            "portfolio",
            clients.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.contains("not searched) under"), "{table}");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        let row = rows
            .iter()
            .find(|r| r["file"].as_str().unwrap() == locked.to_str().unwrap())
            .unwrap_or_else(|| panic!("the unreadable folder is a row: {files:?}"));
        assert!(
            row["error"].as_str().unwrap().contains("ermission"),
            "{row}"
        );
    }
}

#[cfg(unix)]
#[test]
fn git_setup_refuses_a_fifo_gitattributes_instead_of_hanging() {
    use std::os::unix::fs::FileTypeExt;
    let d = tempfile::tempdir().unwrap();
    let repo = d.path().join("repo");
    fs::create_dir(&repo).unwrap();
    let o = std::process::Command::new("git")
        .args(["init", "-q"])
        .arg(&repo)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let fifo = repo.join(".gitattributes");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    let mut child = hipaudit(d.path())
        .args(["git-setup", repo.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("git-setup hung on a FIFO .gitattributes");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains(".gitattributes"), "{}", err(&o));
    assert!(err(&o).contains("not a regular file"), "{}", err(&o));
    // The FIFO is left as it was, never replaced.
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// `--force` replaces an older export, never what the work lives in: the workspace by any
/// name, its backup, its lock, an encrypted workspace or its key.
#[test]
fn no_export_replaces_a_workspace_its_backup_lock_or_key_even_with_force() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let w = home.join("w.ron");
    fs::write(&w, hipaudit::io::paths::DEMO).unwrap();
    let backup = home.join("w.ron.bak.1");
    fs::write(&backup, hipaudit::io::paths::DEMO).unwrap();
    let lock = home.join(".w.ron.lock");
    fs::write(&lock, "pid 1 on elsewhere").unwrap();
    let hard = home.join("old-report.md");
    fs::hard_link(&w, &hard).unwrap();
    let e = home.join("e.ron");
    fs::write(&e, hipaudit::io::paths::DEMO).unwrap();
    assert!(encrypt(home, &e).status.success());
    let age = home.join("e.ron.age");
    let key = home.join("e.ron.age.key");
    let before: Vec<(PathBuf, Vec<u8>)> = [&w, &backup, &lock, &age, &key]
        .iter()
        .map(|p| (p.to_path_buf(), fs::read(p).unwrap()))
        .collect();
    let export = |from: &Path, to: &Path, format: &str| {
        hipaudit(home)
            .args([
                "export",
                from.to_str().unwrap(),
                "--format",
                format,
                "--force",
                "-o",
            ])
            .arg(to)
            .env("HIPAUDIT_PASSPHRASE", PASS)
            .output()
            .unwrap()
    };
    for (from, to) in [
        (&w, &w),
        (&w, &backup),
        (&w, &lock),
        (&w, &hard),
        (&age, &age),
        (&age, &key),
        (&w, &key),
    ] {
        for format in ["md", "csv", "json"] {
            let o = export(from, to, format);
            assert_eq!(o.status.code(), Some(1), "{} over {}", format, to.display());
            assert!(err(&o).contains("never replaces"), "{}", err(&o));
        }
    }
    for (p, bytes) in &before {
        assert_eq!(&fs::read(p).unwrap(), bytes, "{} changed", p.display());
    }
    assert!(run(home, &["check", w.to_str().unwrap()]).status.success());
    // An older export is still replaced with --force.
    let report = home.join("w-report.md");
    fs::write(&report, "# an older report\n").unwrap();
    let o = export(&w, &report, "md");
    assert!(o.status.success(), "{}", err(&o));
    assert_ne!(fs::read_to_string(&report).unwrap(), "# an older report\n");
}

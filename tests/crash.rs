//! Crash safety, proven: a process saving a workspace is killed with SIGKILL at random
//! moments; afterwards the workspace always loads and is one of the two versions written.
//! And a disk that fails each step of a save in turn never costs the original.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hipaudit::io::store::{self, Disk};

const KILLS: usize = 200;

fn client_of(path: &Path) -> String {
    let (ws, _) = store::load(path).unwrap_or_else(|e| panic!("{e}"));
    ws.engagement.client
}

#[test]
fn sigkill_during_saves_never_leaves_a_broken_workspace() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("crash.ron");
    let [a, _] = hipaudit::cli::crash_versions();
    store::save(&path, &a).unwrap();
    // A small deterministic generator of kill delays (no rand crate needed).
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut seen = std::collections::BTreeMap::new();
    let started = Instant::now();
    for i in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hipaudit"))
            .args(["__save-loop", path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut ready,
        )
        .unwrap();
        assert_eq!(ready.trim(), "ready");
        std::thread::sleep(Duration::from_micros(next() % 120_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let client = client_of(&path);
        assert!(
            client == "Version A" || client == "Version B",
            "kill {i}: {client}"
        );
        *seen.entry(client).or_insert(0) += 1;
        for n in 1..=store::GENERATIONS {
            let g = store::generation_path(&path, n);
            if g.exists() {
                client_of(&g);
            }
        }
    }
    // Temporary files from killed saves are cleaned on the next open (under the lock).
    let _lock = store::Lock::acquire(&path).unwrap().unwrap();
    store::clean_leftovers(&path);
    let leftovers = std::fs::read_dir(d.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp-")
        })
        .count();
    assert_eq!(leftovers, 0);
    eprintln!("{KILLS} kills in {:?}: {seen:?}", started.elapsed());
    assert_eq!(seen.values().sum::<usize>(), KILLS);
    assert_eq!(
        seen.len(),
        2,
        "kills landed after saves of both versions: {seen:?}"
    );
}

/// A disk that fails one step of a save.
struct Failing(&'static str);

impl Disk for Failing {
    fn write(&self, f: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
        if self.0 == "write" {
            // Half written, then the disk is full.
            use std::io::Write;
            f.write_all(&bytes[..bytes.len() / 2])?;
            return Err(std::io::Error::other("injected: no space left on device"));
        }
        use std::io::Write;
        f.write_all(bytes)
    }
    fn sync(&self, f: &std::fs::File) -> std::io::Result<()> {
        if self.0 == "sync" {
            return Err(std::io::Error::other("injected: sync failed"));
        }
        f.sync_all()
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.0 == "rename" {
            return Err(std::io::Error::other("injected: rename failed"));
        }
        std::fs::rename(from, to)
    }
}

#[test]
fn each_failing_step_keeps_the_original_and_reports_the_error() {
    let [a, b] = hipaudit::cli::crash_versions();
    for step in ["write", "sync", "rename"] {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("w.ron");
        store::save(&path, &a).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = store::save_on(&Failing(step), &path, &b, store::WriteMode::DATA).unwrap_err();
        assert!(err.to_string().contains("injected"), "{step}: {err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{step}: the original changed"
        );
        let names: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.contains(".tmp-")),
            "{step}: temp left: {names:?}"
        );
        // The next save on a healthy disk works.
        store::save(&path, &b).unwrap();
        assert_eq!(client_of(&path), "Version B");
    }
}

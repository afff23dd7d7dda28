//! The tmux helper of the end-to-end tests (`e2e_tmux.rs`, `e2e_tmux_files.rs`): one tmux
//! server of a test's own, the app started in it with temp home and data folders and a fixed
//! today, keys sent, the screen waited on; and the CLI run the same way. Included by those
//! two files only (`#[path]`), so the other test binaries do not build it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_hipaudit");
const TODAY: &str = "2026-11-28";

/// One tmux server of our own (its own socket), killed on drop.
pub struct Tmux {
    socket: String,
    home: PathBuf,
}

impl Tmux {
    pub fn new(home: &Path, tag: &str) -> Tmux {
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "tmux is needed for the end-to-end tests (CI installs it: apt-get install tmux)"
        );
        Tmux {
            socket: format!("hipaudit-e2e-{}-{tag}", std::process::id()),
            home: home.to_path_buf(),
        }
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn start(&self, session: &str, args: &str) {
        self.start_with(session, "", args);
    }

    /// Starts the app with extra `NAME=value` settings in its environment.
    pub fn start_with(&self, session: &str, extra_env: &str, args: &str) {
        self.start_after(session, "", extra_env, args);
    }

    /// Starts the app after a shell command (`ulimit -f 4;`).
    pub fn start_after(&self, session: &str, before: &str, extra_env: &str, args: &str) {
        let h = self.home.display();
        let cmd = format!(
            "{before} env HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config USER=tester TERM=xterm-256color HIPAUDIT_TODAY={TODAY} {extra_env} {BIN} {args}; echo HIPAUDIT-EXITED=$?; sleep 30"
        );
        // Killing a server's last session ends the server; a session started at that moment
        // reaches the dying server ("server exited unexpectedly"): start it again.
        let mut tries = 0;
        let o = loop {
            let o = self.tmux(&[
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "120",
                "-y",
                "40",
                &cmd,
            ]);
            tries += 1;
            let dying = String::from_utf8_lossy(&o.stderr).contains("server exited");
            if o.status.success() || !dying || tries == 5 {
                break o;
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    fn screen(&self, session: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", session]).stdout)
            .into_owned()
    }

    pub fn wait_for(&self, session: &str, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen(session);
            if s.contains(what) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "'{what}' never showed; screen was:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn keys(&self, session: &str, keys: &[&str]) {
        for k in keys {
            let o = self.tmux(&["send-keys", "-t", session, k]);
            assert!(o.status.success());
        }
    }

    pub fn text(&self, session: &str, text: &str) {
        let o = self.tmux(&["send-keys", "-t", session, "-l", text]);
        assert!(o.status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

pub fn cli(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("HIPAUDIT_TODAY", TODAY)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .unwrap()
}

/// A new workspace made by the CLI, and the id of its first Privacy question.
pub fn new_workspace(home: &Path, name: &str, client: &str) -> (PathBuf, String) {
    let file = home.join(name);
    let o = cli(
        home,
        &[
            "new",
            file.to_str().unwrap(),
            "--client",
            client,
            "--assessor",
            "Ana",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = hipaudit::domain::catalog::Catalog::builtin()
        .in_area(hipaudit::domain::catalog::Area::Privacy)
        .next()
        .unwrap()
        .id
        .clone();
    (file, first)
}

pub fn builtin() -> &'static hipaudit::domain::catalog::Catalog {
    hipaudit::domain::catalog::Catalog::builtin()
}

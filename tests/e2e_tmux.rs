//! End-to-end: the real binary in a real terminal (tmux), driven by keys, checked on screen
//! and on disk. Waits for what it expects instead of sleeping a fixed time.
//!
//! Over 600 lines: one tmux helper shared by every end-to-end scenario (a test binary of its
//! own each would start a tmux server and build the helper once per file).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_hipaudit");
const TODAY: &str = "2026-11-28";

/// One tmux server of our own (its own socket), killed on drop.
struct Tmux {
    socket: String,
    home: PathBuf,
}

impl Tmux {
    fn new(home: &Path, tag: &str) -> Tmux {
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

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn start(&self, session: &str, args: &str) {
        self.start_with(session, "", args);
    }

    /// Starts the app with extra `NAME=value` settings in its environment.
    fn start_with(&self, session: &str, extra_env: &str, args: &str) {
        self.start_after(session, "", extra_env, args);
    }

    /// Starts the app after a shell command (`ulimit -f 4;`).
    fn start_after(&self, session: &str, before: &str, extra_env: &str, args: &str) {
        let h = self.home.display();
        let cmd = format!(
            "{before} env HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config USER=tester TERM=xterm-256color HIPAUDIT_TODAY={TODAY} {extra_env} {BIN} {args}; echo HIPAUDIT-EXITED=$?; sleep 30"
        );
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
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    fn screen(&self, session: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", session]).stdout)
            .into_owned()
    }

    fn wait_for(&self, session: &str, what: &str) -> String {
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

    fn keys(&self, session: &str, keys: &[&str]) {
        for k in keys {
            let o = self.tmux(&["send-keys", "-t", session, k]);
            assert!(o.status.success());
        }
    }

    fn text(&self, session: &str, text: &str) {
        let o = self.tmux(&["send-keys", "-t", session, "-l", text]);
        assert!(o.status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn cli(home: &Path, args: &[&str]) -> Output {
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
fn new_workspace(home: &Path, name: &str, client: &str) -> (PathBuf, String) {
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

#[test]
fn answer_note_owner_due_quit_then_the_gap_is_on_the_board() {
    let d = tempfile::tempdir().unwrap();
    let (file, first) = new_workspace(d.path(), "acme.ron", "Acme Clinic");
    let f = file.to_str().unwrap();

    let t = Tmux::new(d.path(), "a");
    t.start("a", f);
    t.wait_for("a", "Acme Clinic");
    t.wait_for("a", &first);
    t.keys("a", &["n"]);
    t.wait_for("a", &format!("{first}: No"));
    t.keys("a", &["k", "e"]);
    t.wait_for("a", "Esc keeps the text");
    t.text("a", "Policy binder is missing");
    t.keys("a", &["Enter"]);
    t.text("a", "asked Dana for the 2025 copy");
    t.keys("a", &["Escape"]);
    t.wait_for("a", &format!("{first}: kept"));
    t.keys("a", &["o"]);
    t.wait_for("a", "Owner");
    t.text("a", "Dana Lee");
    t.keys("a", &["Enter"]);
    t.wait_for("a", "owner Dana Lee");
    t.keys("a", &["d"]);
    t.wait_for("a", "Due date");
    // The prompt offers the configured offset for the gap's level; a typed date replaces it.
    t.wait_for("a", "> +");
    t.keys("a", &["C-u"]);
    t.text("a", "2026-13-45");
    t.keys("a", &["Enter"]);
    t.wait_for("a", "is not a date");
    t.keys("a", &["C-u"]);
    t.text("a", "2026-12-31");
    t.keys("a", &["Enter"]);
    t.wait_for("a", "due 2026-12-31");
    t.keys("a", &["q"]);
    t.wait_for("a", "HIPAUDIT-EXITED=0");

    let o = cli(d.path(), &["gaps", f, "--format", "csv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let h = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 1, "one gap");
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert_eq!(&rows[0][col("id")], first);
    assert_eq!(&rows[0][col("owner")], "Dana Lee");
    assert_eq!(&rows[0][col("due")], "2026-12-31");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Policy binder is missing\\nasked Dana for the 2025 copy"),
        "{text}"
    );

    // Reopened, everything is there.
    t.start("b", f);
    let s = t.wait_for("b", "Policy binder is missing");
    assert!(s.contains("Dana Lee"), "{s}");
    t.keys("b", &["q"]);
}

#[test]
fn a_second_copy_opens_read_only_and_names_the_holder() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("shared.ron");
    let f = file.to_str().unwrap();
    assert!(
        cli(d.path(), &["new", f, "--client", "Shared Clinic"])
            .status
            .success()
    );
    let t = Tmux::new(d.path(), "ro");
    t.start("one", f);
    t.wait_for("one", "Shared Clinic");
    t.start("two", f);
    let s = t.wait_for("two", "READ-ONLY");
    assert!(s.contains("pid "), "{s}");
    t.keys("two", &["y"]);
    t.wait_for("two", "read-only: this workspace is open in");
    t.keys("two", &["q"]);
    t.keys("one", &["y", "q"]);
    t.wait_for("one", "HIPAUDIT-EXITED=0");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.matches("status: Yes").count(),
        1,
        "only the writer's answer"
    );
}

#[test]
fn demo_opens_the_bundled_clinic_and_keeps_edits_between_runs() {
    let d = tempfile::tempdir().unwrap();
    let t = Tmux::new(d.path(), "demo");
    t.start("d", "demo");
    t.wait_for("d", "Riverside Family Clinic");
    t.keys("d", &["6"]);
    t.wait_for("d", "overdue");
    t.keys("d", &["q"]);
    t.wait_for("d", "HIPAUDIT-EXITED=0");
    assert!(d.path().join("data/hipaudit/demo.ron").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.path().join("data/hipaudit"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "hipaudit's data folder is private");
    }
}

#[test]
fn a_gap_lives_on_the_board_and_leaves_it_when_answered_yes() {
    let d = tempfile::tempdir().unwrap();
    let (file, first) = new_workspace(d.path(), "board.ron", "Board Clinic");
    let f = file.to_str().unwrap();
    let t = Tmux::new(d.path(), "board");
    t.start("b", f);
    t.wait_for("b", &first);
    t.keys("b", &["n", "6"]);
    let s = t.wait_for("b", "1 open");
    assert!(s.contains(&first), "{s}");
    t.keys("b", &["o"]);
    t.wait_for("b", "Owner");
    t.text("b", "Sam Ortiz");
    t.keys("b", &["Enter"]);
    t.wait_for("b", "owner Sam Ortiz");
    t.keys("b", &["d"]);
    t.wait_for("b", "Due date");
    t.keys("b", &["C-u"]);
    t.text("b", "2026-11-01");
    t.keys("b", &["Enter"]);
    t.wait_for("b", "due 2026-11-01");
    t.keys("b", &["s"]);
    let s = t.wait_for("b", "status In progress");
    let row = s
        .lines()
        .find(|l| l.contains(&first) && l.contains("27d late"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(
        row.trim_start().starts_with('!'),
        "the overdue row is marked: {row}"
    );
    assert!(s.contains("1 overdue"), "{s}");
    // Back in the Privacy tab, answered Yes: off the board.
    t.keys("b", &["2", "g", "y", "6"]);
    let s = t.wait_for("b", "No gaps yet");
    assert!(!s.contains(&format!("! {first}")), "{s}");
    t.keys("b", &["q"]);
    t.wait_for("b", "HIPAUDIT-EXITED=0");

    let o = cli(d.path(), &["gaps", f, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        0,
        "the gap is closed by the Yes: {v}"
    );
    // The remediation record survives the Yes, so answering No again brings it back intact.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Sam Ortiz") && text.contains("2026-11-01"),
        "{text}"
    );
    let o = cli(d.path(), &["log", f, "--id", &first]);
    let log = String::from_utf8_lossy(&o.stdout).into_owned();
    for expected in [
        "Unanswered -> No",
        "set to Sam Ortiz",
        "set to 2026-11-01",
        "Open -> In progress",
        "No -> Yes",
    ] {
        assert!(log.contains(expected), "log lacks '{expected}':\n{log}");
    }
}

#[test]
fn a_risk_from_the_library_reaches_the_matrix_and_board_until_accepted() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("risk.ron");
    let f = file.to_str().unwrap();
    assert!(
        cli(
            d.path(),
            &["new", f, "--client", "Risk Clinic", "--assessor", "Ana"]
        )
        .status
        .success()
    );
    let t = Tmux::new(d.path(), "risk");
    t.start("r", f);
    t.wait_for("r", "Risk Clinic");
    // Risk tab, sections pane, last section (the register), into the register.
    t.keys("r", &["5", "h", "G", "l"]);
    t.wait_for("r", "The register is empty");
    t.keys("r", &["A"]);
    t.wait_for("r", "choose a starting point");
    t.keys("r", &["j", "Enter"]);
    t.wait_for("r", "New risk");
    t.keys("r", &["Enter"]);
    t.wait_for("r", "R-01 added to the register");
    t.keys("r", &["L", "C-u"]);
    t.text("r", "4");
    t.keys("r", &["Enter"]);
    t.wait_for("r", "R-01: likelihood 4");
    t.keys("r", &["I", "C-u"]);
    t.text("r", "5");
    t.keys("r", &["Enter"]);
    let s = t.wait_for("r", "R-01: impact 5");
    assert!(
        s.contains("VH:1"),
        "the matrix cell L4 x I5 counts it:\n{s}"
    );
    t.keys("r", &["6"]);
    // Wait for the board itself (R-01 is on the Risk tab too).
    let s = t.wait_for("r", "ordered by");
    assert!(s.contains("R-01") && s.contains("Register"), "{s}");
    // Accept it: off the board, still in the register.
    t.keys("r", &["5", "t"]);
    t.wait_for("r", "R-01: treatment Accept");
    t.keys("r", &["6"]);
    t.wait_for("r", "No gaps yet");
    t.keys("r", &["q"]);
    t.wait_for("r", "HIPAUDIT-EXITED=0");
    let (ws, _) = hipaudit::io::store::load(&file).unwrap();
    assert_eq!(ws.risks.len(), 1);
    assert_eq!(
        (ws.risks[0].likelihood.get(), ws.risks[0].impact.get()),
        (4, 5)
    );
    assert_eq!(
        ws.risks[0].treatment,
        hipaudit::domain::workspace::Treatment::Accept
    );
}

#[test]
fn a_vendor_added_in_the_app_is_a_gap_on_the_board_until_its_baa_date_is_set() {
    let d = tempfile::tempdir().unwrap();
    let (file, _) = new_workspace(d.path(), "ba.ron", "Vendor Clinic");
    let f = file.to_str().unwrap();
    let t = Tmux::new(d.path(), "ba");
    t.start("v", f);
    t.wait_for("v", "Vendor Clinic");
    // Administrative tab, sections pane, last section (the business associates), into it.
    t.keys("v", &["3", "h", "G", "l"]);
    t.wait_for("v", "No business associates yet");
    t.keys("v", &["A"]);
    t.wait_for("v", "New business associate");
    t.text("v", "SwiftScribe");
    t.keys("v", &["Tab"]);
    t.text("v", "transcription");
    // PHI is offered as "yes"; no BAA date: a gap.
    t.keys("v", &["Enter"]);
    t.wait_for("v", "BA-01 added: BAA missing");
    t.keys("v", &["6"]);
    let s = t.wait_for("v", "ordered by");
    assert!(s.contains("BA-01") && s.contains("No signed BAA"), "{s}");
    // Back to the vendor: the BAA signed date closes the gap.
    t.keys("v", &["3", "e", "Tab", "Tab", "Tab", "Tab"]);
    t.text("v", "2026-11-20");
    t.keys("v", &["Enter"]);
    t.wait_for("v", "BA-01 saved: BAA signed and current");
    t.keys("v", &["6"]);
    t.wait_for("v", "No gaps yet");
    t.keys("v", &["q"]);
    t.wait_for("v", "HIPAUDIT-EXITED=0");
    let (ws, _) = hipaudit::io::store::load(&file).unwrap();
    assert_eq!(ws.vendors.len(), 1);
    assert_eq!(
        ws.vendors[0].baa_signed,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
    );
}

#[test]
fn an_encrypted_workspace_opens_with_the_passphrase_and_stays_encrypted() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("secret.ron.age");
    let f = file.to_str().unwrap();
    let o = Command::new(BIN)
        .args(["new", f, "--client", "Secret Clinic", "--encrypt"])
        .env("HOME", d.path())
        .env("HIPAUDIT_PASSPHRASE", "tmux test passphrase")
        .env("HIPAUDIT_KDF_LOG_N", "10")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = Tmux::new(d.path(), "enc");
    // The passphrase is typed at the hidden prompt, as a person would.
    t.start("e", f);
    t.wait_for("e", "Passphrase for");
    // Pasted with its Enter in one write, as a password manager does: crossterm reads all
    // of it at once, and the prompt must not then wait on the terminal for more.
    t.text("e", "tmux test passphrase\r");
    t.wait_for("e", "Secret Clinic");
    t.keys("e", &["n"]);
    t.wait_for("e", ": No");
    t.keys("e", &["E"]);
    t.wait_for("e", "encrypted: an outside editor");
    t.keys("e", &["q"]);
    t.wait_for("e", "HIPAUDIT-EXITED=0");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&bytes).contains("Secret Clinic"));
    let o = Command::new(BIN)
        .args(["gaps", f, "--format", "csv"])
        .env("HOME", d.path())
        .env("HIPAUDIT_PASSPHRASE", "tmux test passphrase")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        2,
        "one gap saved"
    );
}

/// The status changes `hipaudit log` lists after `since` entries: (id, change).
fn status_changes(home: &Path, file: &Path, skip: usize) -> Vec<(String, String)> {
    let o = cli(home, &["log", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .skip(skip)
        .filter_map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            let at = parts.iter().position(|p| *p == "status")?;
            Some((parts[at - 1].to_string(), parts[at + 1..].join(" ")))
        })
        .collect()
}

#[test]
fn s_four_times_on_the_board_and_in_meeting_mode_changes_only_one_gap() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let file = home.join("meeting.ron");
    // Ordered by status, every press of s moves the gap to another place on the board.
    std::fs::write(
        &file,
        hipaudit::io::paths::DEMO.replace("    sort: Due,", "    sort: Status,"),
    )
    .unwrap();
    let log_len = String::from_utf8_lossy(&cli(home, &["log", file.to_str().unwrap()]).stdout)
        .lines()
        .count();
    let t = Tmux::new(home, "s4");
    for (round, keys) in [(0, vec!["6", "j", "j"]), (1, vec!["6", "j", "M"])] {
        t.start("m", file.to_str().unwrap());
        t.wait_for("m", "Riverside Family Clinic");
        t.keys("m", &keys);
        if round == 1 {
            // A meeting starts with its date (Enter: today) and attendees.
            t.wait_for("m", "Meeting 1/2");
            t.keys("m", &["Enter"]);
            t.wait_for("m", "Meeting 2/2");
            t.text("m", "Dana Whitfield (practice manager)");
            t.keys("m", &["Enter"]);
        }
        t.wait_for("m", if round == 0 { "Gaps" } else { "MEETING" });
        for expected in ["In progress", "Done", "Risk accepted", "Open"] {
            t.keys("m", &["s"]);
            if expected == "Risk accepted" {
                // Accepting a risk names who accepts it, with the role.
                t.wait_for("m", "Who accepts");
                t.text("m", "Dana Whitfield, practice manager");
                t.keys("m", &["Enter"]);
                t.wait_for("m", "risk accepted by Dana Whitfield");
            } else {
                t.wait_for("m", &format!("status {expected}"));
            }
        }
        t.keys("m", &["q"]);
        t.wait_for("m", "HIPAUDIT-EXITED=0");
        t.tmux(&["kill-session", "-t", "m"]);
        let changes = status_changes(home, &file, log_len);
        let these = &changes[round * 4..];
        assert_eq!(these.len(), 4, "round {round}: {changes:?}");
        assert!(
            these.iter().all(|(id, _)| *id == these[0].0),
            "round {round}: s changed more than one gap: {these:?}"
        );
    }
}

/// The pid of the app holding `file`, from its lock file ("pid N on HOST").
fn holder_pid(file: &Path) -> i32 {
    let name = file.file_name().unwrap().to_string_lossy();
    let lock = file.with_file_name(format!(".{name}.lock"));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(t) = std::fs::read_to_string(&lock)
            && let Some(pid) = t.split_whitespace().nth(1).and_then(|p| p.parse().ok())
        {
            return pid;
        }
        assert!(Instant::now() < deadline, "no lock file at {lock:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn kill(pid: i32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} {pid}");
}

#[test]
fn sigterm_while_typing_a_note_keeps_the_text_and_restores_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "sig.ron", "Signal Clinic");
    let t = Tmux::new(home, "term");
    t.start("s", file.to_str().unwrap());
    t.wait_for("s", &first);
    t.keys("s", &["e"]);
    t.wait_for("s", "Esc keeps the text");
    t.text("s", "typed when the laptop shut down");
    t.wait_for("s", "typed when the laptop shut down");
    kill(holder_pid(&file), "-TERM");
    let screen = t.wait_for("s", "HIPAUDIT-EXITED=");
    assert!(screen.contains("saved"), "{screen}");
    let (ws, _) = hipaudit::io::store::load(&file).unwrap();
    assert_eq!(ws.note(&first), "typed when the laptop shut down");
}

#[test]
fn sighup_during_the_outside_editor_leaves_no_note_file_behind() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "hup.ron", "Hangup Clinic");
    let seen = home.join("editor-saw");
    let script = home.join("slow-editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > {}.pid\necho \"$1\" > {}\nsleep 60\n",
            seen.display(),
            seen.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    let t = Tmux::new(home, "hup");
    t.start_with(
        "h",
        &format!("EDITOR={}", script.display()),
        file.to_str().unwrap(),
    );
    t.wait_for("h", &first);
    t.keys("h", &["y", "k", "E"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    // The script's `echo` creates the file before it writes the line: wait for the line.
    while !std::fs::read_to_string(&seen).is_ok_and(|s| s.ends_with('\n')) {
        assert!(Instant::now() < deadline, "the editor never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let note_file = std::path::PathBuf::from(std::fs::read_to_string(&seen).unwrap().trim());
    assert!(note_file.exists());
    let mode = std::fs::metadata(&note_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(note_file.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    assert_ne!(note_file.parent(), Some(std::env::temp_dir().as_path()));
    // The terminal closes: the editor and the app both get SIGHUP.
    let pid = holder_pid(&file);
    let editor_pid: i32 = std::fs::read_to_string(format!("{}.pid", seen.display()))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    kill(editor_pid, "-HUP");
    kill(pid, "-HUP");
    t.wait_for("h", "HIPAUDIT-EXITED=");
    assert!(!note_file.exists(), "the note's file was left behind");
    // The answer given before the editor opened was saved.
    let o = cli(home, &["check", file.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("1/"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn a_read_only_file_opens_read_only_with_a_badge() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "ro.ron", "Locked Clinic");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let t = Tmux::new(home, "ro");
    t.start("r", file.to_str().unwrap());
    t.wait_for("r", &first);
    t.wait_for("r", "READ-ONLY");
    t.keys("r", &["y"]);
    t.wait_for("r", "read-only: the file is read-only on disk");
    t.keys("r", &["q"]);
    t.wait_for("r", "HIPAUDIT-EXITED=0");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_file_size_limit_fails_the_save_with_a_message_instead_of_killing_the_app() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let file = home.join("big.ron");
    std::fs::write(&file, hipaudit::io::paths::DEMO).unwrap();
    let before = std::fs::read(&file).unwrap();
    let t = Tmux::new(home, "xfsz");
    // 16 blocks is far less than the demo workspace: every save hits SIGXFSZ / EFBIG.
    t.start_after("x", "ulimit -f 16;", "", file.to_str().unwrap());
    t.wait_for("x", "Riverside Family Clinic");
    t.keys("x", &["n"]);
    t.wait_for("x", "kept in memory");
    t.keys("x", &["q"]);
    t.wait_for("x", "Unsaved changes");
    t.keys("x", &["y"]);
    t.wait_for("x", "HIPAUDIT-EXITED=0");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is untouched"
    );
    let names: Vec<String> = std::fs::read_dir(home)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");
}

#[test]
fn closing_the_terminal_saves_and_ends_the_app_instead_of_spinning() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "closed.ron", "Closed Clinic");
    let t = Tmux::new(home, "close");
    t.start("c", file.to_str().unwrap());
    t.wait_for("c", &first);
    t.keys("c", &["n"]);
    t.wait_for("c", &format!("{first}: No"));
    let pid = holder_pid(&file);
    // The window closes: the terminal is gone (tmux's server and its pty go away).
    t.tmux(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            Instant::now() < deadline,
            "hipaudit {pid} still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (ws, _) = hipaudit::io::store::load(&file).unwrap();
    assert_eq!(
        ws.status(&first),
        hipaudit::domain::workspace::AnswerStatus::No,
        "the answer given just before was saved"
    );
}

/// Waits until process `pid` has ended.
fn wait_gone(pid: i32) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            Instant::now() < deadline,
            "hipaudit {pid} still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn closing_the_terminal_while_typing_a_note_keeps_the_note() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "typing.ron", "Typing Clinic");
    let t = Tmux::new(home, "typing");
    t.start("c", file.to_str().unwrap());
    t.wait_for("c", &first);
    t.keys("c", &["e"]);
    t.text("c", "seen the signed policy binder");
    t.wait_for("c", "seen the signed policy binder");
    let pid = holder_pid(&file);
    // The window closes (an SSH drop, a killed tmux): no signal first, the pty just goes.
    t.tmux(&["kill-server"]);
    wait_gone(pid);
    let (ws, _) = hipaudit::io::store::load(&file).unwrap();
    assert_eq!(ws.note(&first), "seen the signed policy binder");
}

#[test]
fn closing_the_terminal_during_the_outside_editor_keeps_what_it_wrote_without_a_panic() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "outside.ron", "Outside Clinic");
    let ready = home.join("editor-wrote");
    let script = home.join("writing-editor.sh");
    // Writes the note, then waits like an editor left open; the hang-up ends it.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf 'typed in vi' > \"$1\"\necho $$ > {}\nsleep 60\n",
            ready.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    let t = Tmux::new(home, "outside");
    t.start_with(
        "o",
        &format!("EDITOR={}", script.display()),
        &format!("{} 2>{}/stderr.txt", file.display(), home.display()),
    );
    t.wait_for("o", &first);
    t.keys("o", &["E"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready.exists() {
        assert!(Instant::now() < deadline, "the editor never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = holder_pid(&file);
    t.tmux(&["kill-server"]);
    wait_gone(pid);
    let stderr = std::fs::read_to_string(home.join("stderr.txt")).unwrap_or_default();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (ws, _) = hipaudit::io::store::load(&file).unwrap();
    assert_eq!(ws.note(&first), "typed in vi");
}

fn builtin() -> &'static hipaudit::domain::catalog::Catalog {
    hipaudit::domain::catalog::Catalog::builtin()
}

/// The Markdown report of `file`, as `hipaudit export` writes it.
fn exported_markdown(home: &Path, file: &Path) -> String {
    let out = home.join("report.md");
    let o = cli(
        home,
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn bracket_finds_the_next_unanswered_question_across_a_section_boundary() {
    use hipaudit::domain::catalog::Area;
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "next.ron", "Next Clinic");
    let secs = builtin().sections(Area::Privacy);
    let n = secs[0].questions.len();
    let target = &builtin().questions[secs[1].questions[1]].id;
    let t = Tmux::new(home, "next");
    t.start("b", file.to_str().unwrap());
    t.wait_for("b", &first);
    // The whole first section and the first question of the second answered Yes.
    for _ in 0..=n {
        t.keys("b", &["y"]);
    }
    t.wait_for(
        "b",
        &format!("{}: Yes", builtin().questions[secs[1].questions[0]].id),
    );
    // Back to the top of the first section; ] crosses into the second, past its answered
    // first question.
    t.keys("b", &["h", "k", "l"]);
    t.wait_for(
        "b",
        &format!("{} left", builtin().in_area(Area::Privacy).count() - n - 1),
    );
    t.keys("b", &["]"]);
    t.wait_for("b", &format!("{target} (unanswered)"));
    t.wait_for("b", "left to answer or re-verify");
    t.keys("b", &["q"]);
    t.wait_for("b", "HIPAUDIT-EXITED=0");
}

#[test]
fn x_with_a_reason_reaches_the_exported_markdown() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "na.ron", "NA Clinic");
    let t = Tmux::new(home, "na");
    t.start("x", file.to_str().unwrap());
    t.wait_for("x", &first);
    t.keys("x", &["x"]);
    t.wait_for("x", "Why does it not apply");
    t.text("x", "No paper charts are kept on site");
    t.keys("x", &["Enter"]);
    t.wait_for("x", "N/A because No paper charts");
    t.keys("x", &["q"]);
    t.wait_for("x", "HIPAUDIT-EXITED=0");
    let md = exported_markdown(home, &file);
    assert!(
        md.contains("Why not applicable: No paper charts are kept on site"),
        "{md}"
    );
}

#[test]
fn a_meeting_with_two_attendees_and_a_decision_is_in_the_exported_minutes() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "minutes.ron", "Minutes Clinic");
    let t = Tmux::new(home, "min");
    t.start("m", file.to_str().unwrap());
    t.wait_for("m", &first);
    t.keys("m", &["n", "6", "M"]);
    t.wait_for("m", "Meeting 1/2");
    t.keys("m", &["Enter"]);
    t.wait_for("m", "Meeting 2/2");
    t.text("m", "Dana Whitfield (practice manager), Sam Ortiz (MSP)");
    t.keys("m", &["Enter"]);
    t.wait_for("m", "MEETING");
    t.keys("m", &["c"]);
    t.wait_for("m", "Comment or decision");
    t.text("m", "Sam: encrypt the front-desk laptops by Friday");
    t.keys("m", &["Enter"]);
    t.wait_for("m", "recorded (Sam Ortiz)");
    t.keys("m", &["q"]);
    t.wait_for("m", "HIPAUDIT-EXITED=0");
    let md = exported_markdown(home, &file);
    assert!(md.contains("## Meeting minutes"), "{md}");
    assert!(
        md.contains("Attendees: Dana Whitfield (practice manager), Sam Ortiz (MSP)"),
        "{md}"
    );
    assert!(
        md.contains("Sam Ortiz (MSP): encrypt the front\\-desk laptops by Friday")
            || md.contains("Sam Ortiz (MSP): encrypt the front-desk laptops by Friday"),
        "{md}"
    );
    assert!(
        md.contains(&format!("**{first}**")),
        "the gap discussed: {md}"
    );
}

#[test]
fn a_reopened_workspace_resumes_on_the_last_question() {
    use hipaudit::domain::catalog::Area;
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let (file, first) = new_workspace(home, "resume.ron", "Resume Clinic");
    let secs = builtin().sections(Area::Administrative);
    let expected = builtin().questions[secs[0].questions[3]].id.clone();
    let t = Tmux::new(home, "res");
    t.start("r", file.to_str().unwrap());
    t.wait_for("r", &first);
    t.keys("r", &["3", "j", "j", "j"]);
    t.wait_for("r", &expected);
    t.keys("r", &["q"]);
    t.wait_for("r", "HIPAUDIT-EXITED=0");
    t.tmux(&["kill-session", "-t", "r"]);
    // Reopened: the Administrative tab, on that question; y answers it.
    t.start("r2", file.to_str().unwrap());
    t.wait_for("r2", &expected);
    t.keys("r2", &["y"]);
    t.wait_for("r2", &format!("{expected}: Yes"));
    t.keys("r2", &["q"]);
    t.wait_for("r2", "HIPAUDIT-EXITED=0");
}

#[test]
fn a_carried_answer_shows_its_mark_until_y_confirms_it_and_the_dashboard_counts_follow() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let demo = home.join("last.ron");
    std::fs::write(&demo, hipaudit::io::paths::DEMO).unwrap();
    let next = home.join("next.ron");
    let o = cli(
        home,
        &[
            "new",
            next.to_str().unwrap(),
            "--from",
            demo.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ws, _) = hipaudit::io::store::load(&next).unwrap();
    let carried = ws.answers.values().filter(|a| a.reverify).count();
    let first = builtin()
        .in_area(hipaudit::domain::catalog::Area::Privacy)
        .next()
        .unwrap()
        .id
        .clone();
    assert!(ws.to_reverify(&first));
    let t = Tmux::new(home, "carry");
    t.start("c", next.to_str().unwrap());
    t.wait_for("c", "Carried from the last assessment: to re-verify");
    t.wait_for("c", "↻");
    t.keys("c", &["1"]);
    t.wait_for("c", &format!("↻ {carried} to re-verify · 0 re-verified"));
    t.keys("c", &["2", "y"]);
    t.wait_for("c", &format!("{first}: Yes"));
    t.keys("c", &["1"]);
    t.wait_for(
        "c",
        &format!("↻ {} to re-verify · 1 re-verified", carried - 1),
    );
    t.keys("c", &["q"]);
    t.wait_for("c", "HIPAUDIT-EXITED=0");
    let (ws, _) = hipaudit::io::store::load(&next).unwrap();
    assert!(!ws.to_reverify(&first));
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Tester")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "Tester")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let o = git(dir, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn import(home: &Path, file: &Path, csv: &str) {
    let p = home.join(format!("in-{}.csv", csv.len()));
    std::fs::write(&p, csv).unwrap();
    let o = cli(
        home,
        &[
            "import",
            file.to_str().unwrap(),
            "--from",
            p.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Two consultants share a workspace through git: different questions merge cleanly, the
/// same note edited twice is a recorded conflict that `check` lists and the app resolves.
#[test]
fn two_clones_merge_by_question_and_a_conflict_is_resolved_in_the_app() {
    use hipaudit::domain::catalog::Area;
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    git_ok(
        root,
        &["init", "--bare", "--initial-branch=main", "remote.git"],
    );
    git_ok(root, &["clone", "remote.git", "a"]);
    git_ok(root, &["clone", "remote.git", "b"]);
    let (a, b) = (root.join("a"), root.join("b"));
    for clone in [&a, &b] {
        git_ok(clone, &["checkout", "-B", "main"]);
    }
    let wa = a.join("acme.ron");
    let o = cli(
        &a,
        &[
            "new",
            wa.to_str().unwrap(),
            "--client",
            "Acme",
            "--assessor",
            "Ana",
        ],
    );
    assert!(o.status.success());
    let o = cli(&a, &["git-setup", a.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("merge=hipaudit"));
    let again = cli(&a, &["git-setup", a.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing changed"));
    git_ok(&a, &["add", "acme.ron", ".gitattributes"]);
    git_ok(&a, &["commit", "-m", "start"]);
    git_ok(&a, &["push", "origin", "main"]);
    git_ok(&b, &["pull", "--no-rebase", "origin", "main"]);
    let o = cli(&b, &["git-setup", b.to_str().unwrap()]);
    assert!(o.status.success());
    let wb = b.join("acme.ron");

    let c = builtin();
    let privacy: Vec<&str> = c
        .in_area(Area::Privacy)
        .take(3)
        .map(|q| q.id.as_str())
        .collect();
    let nist: Vec<&str> = c
        .in_area(Area::Nist)
        .take(3)
        .map(|q| q.id.as_str())
        .collect();
    // A answers Privacy; B answers NIST and names an owner.
    import(
        &a,
        &wa,
        &format!(
            "id,answer\n{},yes\n{},no\n{},partial\n",
            privacy[0], privacy[1], privacy[2]
        ),
    );
    import(
        &b,
        &wb,
        &format!(
            "id,answer,owner\n{},yes,\n{},no,Sam Ortiz\n",
            nist[0], nist[1]
        ),
    );
    git_ok(&a, &["commit", "-am", "privacy"]);
    git_ok(&a, &["push", "origin", "main"]);
    git_ok(&b, &["commit", "-am", "nist"]);
    let pull = git(&b, &["pull", "--no-rebase", "origin", "main"]);
    assert!(
        pull.status.success(),
        "a clean merge: {}{}",
        String::from_utf8_lossy(&pull.stdout),
        String::from_utf8_lossy(&pull.stderr)
    );
    let (ws, _) = hipaudit::io::store::load(&wb).unwrap();
    assert!(ws.conflicts.is_empty());
    assert_eq!(
        ws.status(privacy[1]),
        hipaudit::domain::workspace::AnswerStatus::No
    );
    assert_eq!(
        ws.status(nist[1]),
        hipaudit::domain::workspace::AnswerStatus::No
    );
    assert_eq!(ws.remediation(nist[1]).owner, "Sam Ortiz");
    let ids: std::collections::BTreeSet<&str> = ws.log.iter().map(|l| l.id.as_str()).collect();
    assert!(
        ids.contains(privacy[0]) && ids.contains(nist[0]),
        "united log"
    );
    git_ok(&b, &["push", "origin", "main"]);
    git_ok(&a, &["pull", "--no-rebase", "origin", "main"]);

    // Both edit the same note.
    import(
        &a,
        &wa,
        &format!("id,note\n{},Seen the signed policy\n", privacy[0]),
    );
    import(
        &b,
        &wb,
        &format!("id,note\n{},Policy missing a signature\n", privacy[0]),
    );
    git_ok(&a, &["commit", "-am", "note a"]);
    git_ok(&a, &["push", "origin", "main"]);
    git_ok(&b, &["commit", "-am", "note b"]);
    let pull = git(&b, &["pull", "--no-rebase", "origin", "main"]);
    assert!(
        !pull.status.success(),
        "the same field changed twice is a conflict"
    );
    assert!(String::from_utf8_lossy(&pull.stdout).contains("CONFLICT"));
    let text = std::fs::read_to_string(&wb).unwrap();
    assert!(!text.contains("<<<<<<<"), "no conflict markers in the file");
    let o = cli(&b, &["check", wb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("1 unresolved conflict"), "{out}");
    assert!(out.contains(&format!("{} note", privacy[0])), "{out}");

    // Resolved in the app: C, t (take theirs), q.
    let t = Tmux::new(&b, "merge");
    t.start("g", wb.to_str().unwrap());
    t.wait_for("g", "1 conflict from a merge");
    t.keys("g", &["C"]);
    t.wait_for("g", "keep ours");
    t.keys("g", &["t"]);
    t.wait_for("g", "every merge conflict is resolved");
    t.keys("g", &["q"]);
    t.wait_for("g", "HIPAUDIT-EXITED=0");
    let (ws, _) = hipaudit::io::store::load(&wb).unwrap();
    assert!(ws.conflicts.is_empty());
    assert_eq!(ws.note(privacy[0]), "Seen the signed policy");
    let o = cli(&b, &["check", wb.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("conflict"));
    git_ok(&b, &["commit", "-am", "resolved"]);
}

/// `hipaudit` with no path is the portfolio of the folder it runs in: the clients with
/// their overdue counts; Enter opens one; q goes back to the portfolio.
#[test]
fn the_start_screen_is_the_portfolio_and_quitting_a_workspace_returns_to_it() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let clients = home.join("clients");
    std::fs::create_dir_all(clients.join("north")).unwrap();
    std::fs::write(clients.join("riverside.ron"), hipaudit::io::paths::DEMO).unwrap();
    let o = cli(
        home,
        &[
            "new",
            clients.join("north/oak.ron").to_str().unwrap(),
            "--client",
            "Oak Dental",
        ],
    );
    assert!(o.status.success());
    let t = Tmux::new(home, "port");
    t.start_after("p", &format!("cd {};", clients.display()), "", "");
    let s = t.wait_for("p", "Portfolio: 2 workspaces");
    assert!(s.contains("Oak Dental"), "{s}");
    let line = s
        .lines()
        .find(|l| l.contains("Riverside Family Clinic"))
        .unwrap_or_default()
        .to_string();
    assert!(line.contains("6 overdue"), "{s}");
    // Most overdue first: Enter opens Riverside.
    t.keys("p", &["Enter"]);
    t.wait_for("p", "1 Dashboard");
    t.wait_for("p", "riverside.ron");
    t.keys("p", &["q"]);
    t.wait_for("p", "Portfolio: 2 workspaces");
    t.keys("p", &["q"]);
    t.wait_for("p", "HIPAUDIT-EXITED=0");
}

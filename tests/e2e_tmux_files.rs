//! End-to-end, the workspace as a file: a second copy opened read-only, an encrypted file, a
//! read-only file and a full disk, what reaches the exported report, resuming where one left
//! off, carrying an assessment forward, two clones merged through git, and the portfolio of a
//! folder. The real binary in a real terminal (tmux), as in `e2e_tmux.rs`; the tmux helper
//! both use is `common/tmux.rs`.

use std::path::Path;
use std::process::{Command, Output};

#[path = "common/tmux.rs"]
mod tmux;
use tmux::{BIN, Tmux, builtin, cli, new_workspace};

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
    // Answers the profile sets aside wait in the file; the dashboard counts the rest.
    let c = ws.catalog();
    let carried = ws
        .answers
        .iter()
        .filter(|(id, a)| a.reverify && c.get(id).is_some())
        .count();
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
    // Six gaps overdue and one acceptance past its review date.
    assert!(line.contains("7 overdue"), "{s}");
    // Most overdue first: Enter opens Riverside.
    t.keys("p", &["Enter"]);
    t.wait_for("p", "1 Dashboard");
    t.wait_for("p", "riverside.ron");
    t.keys("p", &["q"]);
    t.wait_for("p", "Portfolio: 2 workspaces");
    t.keys("p", &["q"]);
    t.wait_for("p", "HIPAUDIT-EXITED=0");
}

/// The start screen carries a client into next year: `c` on last year's row, Enter, and the
/// new file opens; back on the portfolio the client is one row with last year folded under it.
#[test]
fn c_on_the_start_screen_starts_next_year_from_last_years_file() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let clients = home.join("clients");
    std::fs::create_dir_all(&clients).unwrap();
    std::fs::write(
        clients.join("riverside-2025.ron"),
        hipaudit::io::paths::DEMO,
    )
    .unwrap();
    let t = Tmux::new(home, "carry");
    t.start_after("p", &format!("cd {};", clients.display()), "", "");
    t.wait_for("p", "Portfolio: 1 workspace");
    t.keys("p", &["c"]);
    let s = t.wait_for("p", "Next year's assessment");
    assert!(s.contains("riverside-2026.ron"), "{s}");
    t.keys("p", &["Enter"]);
    t.wait_for("p", "1 Dashboard");
    t.wait_for("p", "riverside-2026.ron");
    t.keys("p", &["q"]);
    let s = t.wait_for("p", "1 earlier year folded");
    assert!(s.contains("Riverside Family Clinic"), "{s}");
    t.keys("p", &["q"]);
    t.wait_for("p", "HIPAUDIT-EXITED=0");
    let (next, _) = hipaudit::io::store::load(&clients.join("riverside-2026.ron")).unwrap();
    assert_eq!(next.engagement.client, "Riverside Family Clinic");
    assert_eq!(
        next.previous.map(|p| p.file).as_deref(),
        Some("riverside-2025.ron")
    );
    let (last, _) = hipaudit::io::store::load(&clients.join("riverside-2025.ron")).unwrap();
    assert_eq!(
        last.carried_into.map(|c| c.file).as_deref(),
        Some("riverside-2026.ron")
    );
}

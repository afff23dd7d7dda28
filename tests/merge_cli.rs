//! `hipaudit merge` as a writer like the others (issue 24, items 5 and 7): it refuses what
//! `export` refuses, takes the workspace's lock, keeps a backup generation of a workspace it
//! replaces, leaves no temporary copy when a signal stops it, refuses a teammate's file whose
//! conflict record would break the workspace, and stops git only for new conflicts.

#[allow(dead_code)]
mod common;
use common::hipaudit;
use std::fs;
use std::path::PathBuf;
use std::process::Output;

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::conflict::Conflict;
use hipaudit::domain::status::AnswerStatus;
use hipaudit::domain::workspace::{Actor, Workspace};
use hipaudit::io::store::{self, Lock};

fn actor(h: u32) -> Actor {
    Actor {
        name: format!("p{h}"),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap(),
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

struct Three {
    dir: tempfile::TempDir,
    base: PathBuf,
    ours: PathBuf,
    theirs: PathBuf,
}

impl Three {
    /// Base, ours and theirs beside each other; `edit` makes ours and theirs from the base.
    fn new(edit: impl FnOnce(&mut Workspace, &mut Workspace)) -> Three {
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let b = Workspace::new("Acme", "Ana", Catalog::builtin(), today);
        let (mut o, mut t) = (b.clone(), b.clone());
        edit(&mut o, &mut t);
        let path = |n: &str| dir.path().join(n);
        let (base, ours, theirs) = (path("base.ron"), path("ours.ron"), path("theirs.ron"));
        for (p, w) in [(&base, &b), (&ours, &o), (&theirs, &t)] {
            store::save(p, w).unwrap();
        }
        Three {
            dir,
            base,
            ours,
            theirs,
        }
    }

    /// Ours and theirs answered different questions: a clean merge.
    fn clean() -> Three {
        Three::new(|o, t| {
            o.set_answer("PRV-UD-01", AnswerStatus::Yes, &actor(9));
            t.set_answer("ADM-SM-01", AnswerStatus::No, &actor(10));
        })
    }

    fn merge(&self, extra: &[&str]) -> Output {
        let mut args: Vec<&str> = vec!["merge"];
        for p in [&self.base, &self.ours, &self.theirs] {
            args.push(p.to_str().unwrap());
        }
        args.extend(extra);
        hipaudit(self.dir.path()).args(&args).output().unwrap()
    }

    fn leftovers(&self) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect()
    }
}

#[test]
fn merge_refuses_to_replace_an_existing_output_without_force_or_through_a_link() {
    let m = Three::clean();
    let out = m.dir.path().join("out.ron");
    fs::write(&out, "mine, not a workspace").unwrap();
    let o = m.merge(&["-o", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(text(&o).contains("exists; pass --force"), "{}", text(&o));
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine, not a workspace");

    let o = m.merge(&["-o", out.to_str().unwrap(), "--force"]);
    assert!(o.status.success(), "{}", text(&o));
    let merged = store::load(&out).unwrap().0;
    assert_eq!(merged.status("ADM-SM-01"), AnswerStatus::No);

    // A link is refused even with --force, and what it points at is left alone.
    let elsewhere = m.dir.path().join("elsewhere.txt");
    fs::write(&elsewhere, "precious").unwrap();
    let link = m.dir.path().join("link.ron");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["-o", link.to_str().unwrap()];
        args.extend(extra);
        let o = m.merge(&args);
        assert!(!o.status.success(), "{}", text(&o));
        assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "precious");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    // Ours through a link is refused too.
    let ours_link = m.dir.path().join("ours-link.ron");
    std::os::unix::fs::symlink(&m.ours, &ours_link).unwrap();
    let before = fs::read(&m.ours).unwrap();
    let o = hipaudit(m.dir.path())
        .args([
            "merge",
            m.base.to_str().unwrap(),
            ours_link.to_str().unwrap(),
        ])
        .arg(&m.theirs)
        .output()
        .unwrap();
    assert!(text(&o).contains("symbolic link"), "{}", text(&o));
    assert_eq!(fs::read(&m.ours).unwrap(), before);
}

#[test]
fn merge_refuses_a_workspace_open_in_the_app_until_it_is_closed() {
    let m = Three::clean();
    let before = fs::read(&m.ours).unwrap();
    let lock = Lock::acquire(&m.ours).unwrap().unwrap();
    let o = m.merge(&[]);
    assert!(!o.status.success());
    assert!(text(&o).contains("is open in"), "{}", text(&o));
    assert_eq!(fs::read(&m.ours).unwrap(), before);
    drop(lock);
    let o = m.merge(&[]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn merge_over_a_real_workspace_keeps_a_backup_generation() {
    let m = Three::clean();
    let before = fs::read(&m.ours).unwrap();
    let o = m.merge(&[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(fs::read(store::backup_path(&m.ours)).unwrap(), before);
    assert_eq!(
        store::load(&m.ours).unwrap().0.status("ADM-SM-01"),
        AnswerStatus::No
    );
    // Git's own temporary copy of ours is not a workspace: no backup beside it.
    let git_temp = m.dir.path().join(".merge_file_a1b2c3");
    fs::copy(&m.base, &git_temp).unwrap();
    let o = hipaudit(m.dir.path())
        .arg("merge")
        .args([&m.base, &git_temp, &m.theirs])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(!store::backup_path(&git_temp).exists());
}

#[test]
fn merge_leaves_no_temporary_copy_when_a_file_size_limit_stops_it() {
    // Well past the limit below, so the write is cut off mid-way.
    let m = Three::new(|o, t| {
        o.set_note("PRV-UD-01", &"seen on site. ".repeat(2000), &actor(9));
        t.set_answer("ADM-SM-01", AnswerStatus::No, &actor(10));
    });
    let out = m.dir.path().join("out.ron");
    let mut cmd = hipaudit(m.dir.path());
    cmd.arg("merge")
        .args([&m.base, &m.ours, &m.theirs])
        .arg("-o")
        .arg(&out);
    // SIGXFSZ at the first write past 4 KiB: by default it kills, mid-write.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 4096,
                rlim_max: 4096,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("error:"),
        "a message, not a kill: {:?}",
        o.status
    );
    assert!(m.leftovers().is_empty(), "{:?}", m.leftovers());
    assert!(!out.exists());
}

#[test]
fn merge_refuses_a_teammates_file_whose_conflict_record_would_break_the_workspace() {
    let m = Three::clean();
    let mut t = store::load(&m.theirs).unwrap().0;
    t.conflicts.push(Conflict {
        id: "PRV-UD-01".into(),
        field: "note".into(),
        ours: "\"\"".into(),
        theirs: ron::to_string(&"x".repeat(2 << 20)).unwrap(),
        base: String::new(),
    });
    fs::write(&m.theirs, store::to_ron(&t)).unwrap();
    let before = fs::read(&m.ours).unwrap();
    let o = m.merge(&[]);
    assert!(!o.status.success());
    let said = text(&o);
    let at = format!("{}:", m.theirs.display());
    assert!(
        said.contains(&at) && said.contains("merge conflict"),
        "{said}"
    );
    assert!(said.len() < 2000, "the value is not echoed");
    assert_eq!(fs::read(&m.ours).unwrap(), before);
}

#[test]
fn after_one_recorded_conflict_later_merges_stop_only_for_new_ones() {
    let m = Three::new(|o, t| {
        o.set_note("PRV-UD-01", "ours", &actor(9));
        t.set_note("PRV-UD-01", "theirs", &actor(10));
    });
    let o = m.merge(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let recorded = store::load(&m.ours).unwrap().0;
    assert_eq!(recorded.conflicts.len(), 1);

    // The next step of a rebase: the recorded conflict is base and ours; theirs answers
    // another question. Nothing new: exit 0, the conflict stays, listed once.
    fs::copy(&m.ours, &m.base).unwrap();
    let mut t = recorded.clone();
    t.set_answer("ADM-SM-01", AnswerStatus::No, &actor(11));
    store::save(&m.theirs, &t).unwrap();
    let o = m.merge(&[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("no new conflicts"), "{}", text(&o));
    let merged = store::load(&m.ours).unwrap().0;
    assert_eq!(merged.conflicts, recorded.conflicts);
    assert_eq!(merged.status("ADM-SM-01"), AnswerStatus::No);

    // A new divergence still stops.
    fs::copy(&m.ours, &m.base).unwrap();
    let mut o2 = merged.clone();
    let mut t2 = merged.clone();
    o2.set_note("ADM-SM-01", "mine", &actor(12));
    t2.set_note("ADM-SM-01", "yours", &actor(13));
    store::save(&m.ours, &o2).unwrap();
    store::save(&m.theirs, &t2).unwrap();
    let o = m.merge(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("1 new conflict"), "{}", text(&o));
}

//! Workspaces shared through git: `merge` (a git merge driver as well as a command) and
//! `git-setup`, which tells a repository to use it for workspaces.
use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result, anyhow, bail};

use crate::domain::merge::merge;
use crate::domain::text;
use crate::io::store::{self, WriteMode};

/// Termination signals wait while a merge runs, so that none leaves a full-size plain-text
/// temporary copy of a workspace behind: the write completes or fails whole, and the signal
/// is answered after it. A file-size limit (SIGXFSZ) fails the write instead of killing.
struct Deferred(Arc<AtomicUsize>);

impl Deferred {
    fn install() -> Deferred {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGXFSZ};
        let stop = Arc::new(AtomicUsize::new(0));
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] {
            let _ = signal_hook::flag::register_usize(sig, stop.clone(), sig as usize);
        }
        let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
        Deferred(stop)
    }

    fn pending(&self) -> Option<usize> {
        Some(self.0.load(Ordering::SeqCst)).filter(|&n| n != 0)
    }
}

/// Git hands the driver its own temporary copy of ours (`.merge_file_XXXXXX`), which no one
/// opens and git removes; anything else is a workspace someone may have open.
fn is_git_temp(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".merge_file_"))
}

/// `hipaudit merge BASE OURS THEIRS [-o OUT] [--force]`: writes the merge over OURS (as git
/// expects of a merge driver) or into OUT, like every other writer: never through a link,
/// never over an existing OUT without `--force`, under the workspace's lock, keeping the
/// replaced version as a backup generation. Returns whether NEW conflicts were recorded
/// (exit 1 then): conflicts the inputs already held are listed, not counted again, so each
/// step of a rebase after one recorded conflict does not stop again.
pub fn cmd_merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out_path: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> Result<bool> {
    let signals = Deferred::install();
    let target = out_path.unwrap_or(ours);
    if out_path.is_some() && !force && std::fs::symlink_metadata(target).is_ok() {
        bail!("{} exists; pass --force to replace it", target.display());
    }
    store::write_target(target, false)?;
    let workspace = !is_git_temp(target);
    let _lock = match workspace
        .then(|| store::Lock::acquire(target))
        .transpose()?
    {
        Some(Err(holder)) => bail!(
            "{} is open in {holder}; close it there first, then merge again",
            target.display()
        ),
        lock => lock,
    };
    let load = |p: &Path| -> Result<crate::domain::workspace::Workspace> {
        if store::is_encrypted_file(p) {
            bail!(
                "{} is encrypted: decrypt the three versions to merge them (hipaudit decrypt)",
                p.display()
            );
        }
        Ok(store::load(p).map_err(|e| anyhow!("{e}"))?.0)
    };
    // The three files load side by side (a large workspace takes tens of milliseconds each).
    let (b, o, t) = std::thread::scope(|s| {
        let (hb, ho) = (s.spawn(|| load(base)), s.spawn(|| load(ours)));
        let t = load(theirs);
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<_>>| {
            h.join().map_err(|_| anyhow!("loading a version failed"))?
        };
        Ok::<_, anyhow::Error>((join(hb)?, join(ho)?, t?))
    })?;
    // Not freed, like `check`'s workspace: the process ends next.
    let (b, o, t) = (
        ManuallyDrop::new(b),
        ManuallyDrop::new(o),
        ManuallyDrop::new(t),
    );
    let merged = ManuallyDrop::new(merge(&b, &o, &t));
    if let Some(sig) = signals.pending() {
        bail!("stopped by signal {sig}; nothing was written");
    }
    let mode = WriteMode {
        backups: workspace,
        through_links: false,
    };
    let written = store::save_with(target, &merged, None, mode)
        .with_context(|| format!("writing {}", target.display()))?;
    for w in written.warnings {
        writeln!(out, "warning: {w}")?;
    }
    if let Some(sig) = signals.pending() {
        bail!(
            "stopped by signal {sig}; the merge had been written whole to {}",
            target.display()
        );
    }
    let shown = text::clean_line(&target.display().to_string());
    let known = |c: &crate::domain::conflict::Conflict| {
        [&b, &o, &t].iter().any(|w| w.conflicts.contains(c))
    };
    let new = merged.conflicts.iter().filter(|c| !known(c)).count();
    if merged.conflicts.is_empty() {
        writeln!(out, "merged into {shown}: no conflicts")?;
        return Ok(false);
    }
    if new == 0 {
        writeln!(
            out,
            "merged into {shown}: no new conflicts; {} recorded earlier still to resolve (C in the app):",
            text::count(merged.conflicts.len(), "conflict", "conflicts")
        )?;
    } else {
        writeln!(
            out,
            "merged into {shown} with {} (both sides changed the same field; ours is kept until resolved):",
            text::count(new, "new conflict", "new conflicts")
        )?;
    }
    for c in &merged.conflicts {
        writeln!(
            out,
            "  {} {}: ours {} · theirs {}{}",
            text::clean_line(&c.id),
            text::clean_line(&c.field),
            text::truncate_clean(&c.ours, 40),
            text::truncate_clean(&c.theirs, 40),
            if known(c) { " (recorded earlier)" } else { "" }
        )?;
    }
    Ok(new > 0)
}

/// The line `git-setup` puts in `.gitattributes`.
const ATTRIBUTE: &str = "*.ron merge=hipaudit";

/// `hipaudit git-setup [DIR]`: `.gitattributes` and the repository's config, idempotently.
pub fn cmd_git_setup(dir: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let git = |args: &[&str]| -> Result<String> {
        let o = Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .context("running git (is it installed?)")?;
        if !o.status.success() {
            bail!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&o.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let root = PathBuf::from(
        git(&["rev-parse", "--show-toplevel"])
            .map_err(|_| anyhow!("{} is not inside a git repository", dir.display()))?,
    );
    let exe = std::env::current_exe().context("finding the hipaudit program")?;
    let quoted = format!("'{}'", exe.display().to_string().replace('\'', r"'\''"));
    let driver = format!("{quoted} merge %O %A %B");
    let mut changed = Vec::new();
    for (key, value) in [
        (
            "merge.hipaudit.name",
            "hipaudit workspace merge (by question id)",
        ),
        ("merge.hipaudit.driver", driver.as_str()),
    ] {
        let current = git(&["config", "--local", "--get", key]).unwrap_or_default();
        if current != value {
            git(&["config", "--local", key, value])?;
            changed.push(format!("git config {key} = {value}"));
        }
    }
    let attributes = root.join(".gitattributes");
    // Through the safe reader: a FIFO planted as `.gitattributes` would block a plain read
    // forever, and a giant file would be allocated whole.
    let existing = match crate::io::files::read_regular(&attributes) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            anyhow!(
                "{} is not UTF-8 text; nothing was changed",
                attributes.display()
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", attributes.display())),
    };
    if !existing.lines().any(|l| l.trim() == ATTRIBUTE) {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTE);
        text.push('\n');
        crate::io::files::write_atomic(
            &attributes,
            text.as_bytes(),
            crate::io::files::WriteMode::PLAIN,
        )
        .with_context(|| format!("writing {}", attributes.display()))?;
        changed.push(format!(
            "{}: added `{ATTRIBUTE}` (commit it so the team shares it)",
            attributes.display()
        ));
    }
    if changed.is_empty() {
        writeln!(out, "{}: already set up; nothing changed", root.display())?;
    } else {
        writeln!(out, "{}:", root.display())?;
        for c in changed {
            writeln!(out, "  {c}")?;
        }
        writeln!(
            out,
            "  each teammate runs `hipaudit git-setup` once in their clone (git config is not shared); encrypted .ron.age workspaces are not merged by it"
        )?;
    }
    Ok(())
}

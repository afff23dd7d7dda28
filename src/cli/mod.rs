//! The command line: one function a command (clap's definitions are in `args`, the gap
//! board's printing in `gaps`).

mod args;
mod crypt;
mod gap_board;
pub mod inventory;
mod load;
pub mod portfolio;
pub mod profile;
pub mod projects;
pub mod register;
pub mod requests;
pub mod team;
pub mod vendors;
pub mod years;

pub use args::{Cli, Command, ConfigAction, EvidenceAction, Format, StateFormat};
pub use crypt::{cmd_decrypt, cmd_encrypt};
pub use gap_board::{GapsQuery, cmd_gaps, parse_area, write_gaps};

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::domain::board::progress;
use crate::domain::catalog::{Area, Catalog, Question};
use crate::domain::gaps;
use crate::domain::text;
use crate::domain::workspace::Workspace;
use crate::env::Env;
use crate::exchange::export::{ExportFormat, export_default_path};
use crate::io::store::{self, open_any};
use load::open;

/// What `hipaudit new` records about the engagement.
#[derive(Debug, Default)]
pub struct NewEngagement<'a> {
    pub client: &'a str,
    pub assessor: Option<&'a str>,
    pub site: Option<&'a str>,
    pub scope: Option<&'a str>,
    pub firm: Option<&'a str>,
    /// `KEY=VALUE[,KEY=VALUE…]`: the engagement profile that scopes the bank.
    pub profile: Option<&'a str>,
}

pub fn cmd_new(path: &Path, e: &NewEngagement, encrypt: bool, env: &Env) -> Result<()> {
    let (client, assessor) = (e.client, e.assessor);
    if client.trim().is_empty() {
        bail!("--client must name the audited organisation");
    }
    if path.exists() {
        bail!("{} already exists; not overwriting it", path.display());
    }
    let profile = e
        .profile
        .map(crate::domain::profile::Profile::parse_list)
        .transpose()
        .map_err(|e| anyhow!("--profile {e}; nothing was written"))?;
    let cfg = crate::io::config::for_env(env)?;
    // Without a login name either, the report would name "unknown" or a system account as
    // its assessor: leave it empty and say how to fill it in.
    let assessor = assessor
        .or(cfg.assessor.as_deref())
        .unwrap_or(env.login.as_deref().unwrap_or(""));
    if assessor.trim().is_empty() {
        eprintln!(
            "note: no assessor named: give --assessor, set assessor in config.ron, or fill it in with i in the app"
        );
    }
    let mut ws = Workspace::new(
        client.trim(),
        assessor.trim(),
        Catalog::builtin(),
        env.today,
    );
    ws.profile = profile;
    ws.engagement.site = e.site.unwrap_or_default().trim().to_string();
    ws.engagement.scope = e.scope.unwrap_or_default().trim().to_string();
    ws.engagement.firm = e
        .firm
        .or(cfg.firm.as_deref())
        .unwrap_or_default()
        .trim()
        .to_string();
    if encrypt {
        if crate::io::crypt::key_path(path).exists() {
            bail!(
                "{} exists; not overwriting it",
                crate::io::crypt::key_path(path).display()
            );
        }
        let pass = crate::io::crypt::passphrase(
            "New passphrase (keep it safe: without it the workspace is lost): ",
            true,
        )?;
        let keys = crate::io::crypt::Keys::generate();
        keys.write_key_file(path, &pass)?;
        store::create_with(path, &ws, Some(&keys))
            .with_context(|| format!("creating {}", path.display()))?;
        println!(
            "created {} (encrypted; key file {})",
            path.display(),
            crate::io::crypt::key_path(path).display()
        );
        return Ok(());
    }
    store::create(path, &ws).with_context(|| format!("creating {}", path.display()))?;
    println!(
        "created {} for {}",
        text::clean_line(&path.display().to_string()),
        text::clean_line(client.trim())
    );
    Ok(())
}

/// `export`'s switches.
#[derive(Debug, Clone, Default)]
pub struct ExportFlags {
    pub redact: bool,
    pub force: bool,
    pub omit_unanswered: bool,
    pub template: Option<PathBuf>,
    pub requests_as: Option<crate::exchange::export::RequestsAs>,
    /// `--all`: every item of the request list, not only the core list.
    pub all: bool,
    /// `--owner` and `--remind-days`, for the calendar.
    pub owner: Option<String>,
    pub remind_days: Option<u32>,
}

pub fn cmd_export(
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    flags: ExportFlags,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let ExportFlags {
        redact,
        force,
        omit_unanswered,
        template,
        requests_as,
        all,
        owner,
        remind_days,
    } = flags;
    use crate::exchange::export::{Extras, RequestsAs};
    let word = format == ExportFormat::Docx || requests_as == Some(RequestsAs::Docx);
    let cfg = crate::io::config::for_env(env)?;
    // config.ron's Word template styles every Word report unless --template names another.
    let template = template.or_else(|| cfg.word_template.clone().filter(|_| word));
    if template.is_some() && !word {
        bail!("--template is for Word output: --format docx, or --format requests --as docx");
    }
    if (owner.is_some() || remind_days.is_some()) && format != ExportFormat::Ics {
        bail!("--owner and --remind-days are for the calendar: --format ics");
    }
    if requests_as.is_some() && format != ExportFormat::Requests {
        bail!("--as is for --format requests (md, html or docx)");
    }
    if all && format != ExportFormat::Requests {
        bail!("--all is for --format requests (every item instead of the core list)");
    }
    let template = template
        .map(|t| {
            crate::io::files::read_regular(&t).with_context(|| format!("reading {}", t.display()))
        })
        .transpose()?;
    let requests_as = requests_as.unwrap_or_default();
    let (ws, _, keys) = open_any(path)?;
    let target = output.map(Path::to_path_buf).unwrap_or_else(|| {
        let p = export_default_path(path, format, redact);
        match requests_as {
            RequestsAs::Md => p,
            RequestsAs::Html => p.with_extension("html"),
            RequestsAs::Docx => p.with_extension("docx"),
            RequestsAs::Csv => p.with_extension("csv"),
        }
    });
    let o = crate::exchange::markdown::Options {
        today: env.today,
        redact,
        window: cfg.renewal_window_days,
        omit_unanswered,
    };
    let extras = Extras {
        template: template.as_deref(),
        requests_as,
        requests_scope: if all {
            crate::exchange::requests::Scope::All
        } else {
            crate::exchange::requests::Scope::Core
        },
        calendar: crate::exchange::calendar::CalendarOptions {
            owner: owner.as_deref(),
            remind_days: remind_days.unwrap_or(cfg.reminder_days),
        },
    };
    if target == Path::new("-") {
        // `-o -`: the export itself is standard output, so the notes go to standard error.
        let bytes = crate::exchange::export::export_bytes_with(&ws, format, &o, &extras)?;
        out.write_all(&bytes)?;
        out.flush()?;
        let mut notes = Vec::new();
        export_notes(&mut notes, keys.is_some(), redact, format)?;
        std::io::stderr().write_all(&notes)?;
        return Ok(());
    }
    crate::exchange::export::write_export_with(&ws, format, &o, &extras, &target, force)?;
    writeln!(out, "wrote {}", target.display())?;
    export_notes(out, keys.is_some(), redact, format)
}

/// What the reader of an export must know: it is not encrypted, it may hold PHI.
fn export_notes(
    out: &mut dyn Write,
    encrypted_source: bool,
    redact: bool,
    format: ExportFormat,
) -> Result<()> {
    if encrypted_source {
        writeln!(
            out,
            "warning: this export is not encrypted (the workspace is); store it accordingly"
        )?;
    }
    if !redact && !matches!(format, ExportFormat::Ics | ExportFormat::Requests) {
        writeln!(
            out,
            "note: it includes evidence notes, which may hold PHI (--redact leaves them out)"
        )?;
    }
    Ok(())
}

pub fn cmd_import(
    path: &Path,
    from: &Path,
    dry_run: bool,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let text = register::read_sheet(from)?;
    let window = crate::io::config::for_env(env)?.renewal_window_days;
    let ((changes, notes), rows) = register::edit_locked(path, env, dry_run, out, |ws, actor| {
        let c = ws.catalog();
        let mut rows = crate::exchange::import::parse(&text, c, ws)
            .map_err(|p| register::rejected(from, p))?;
        let o = crate::exchange::markdown::Options {
            today: env.today,
            redact: false,
            window,
            omit_unanswered: false,
        };
        let shown = crate::exchange::markdown::ordered_gaps(c, ws, &o);
        let notes = crate::exchange::import::drop_shown(&mut rows, &shown, ws);
        let changes = crate::exchange::import::apply(&rows, c, ws, actor);
        let changed = !changes.is_empty();
        Ok((((changes, notes), rows.len()), changed))
    })?;
    for ch in &changes {
        writeln!(out, "{ch}")?;
    }
    for n in &notes {
        writeln!(out, "note: {n}")?;
    }
    if dry_run {
        writeln!(
            out,
            "{} changes from {rows} rows (dry run: nothing written)",
            changes.len(),
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} changes from {rows} rows applied to {}",
        changes.len(),
        path.display()
    )?;
    Ok(())
}

/// The two versions the crash test alternates between: same shape, different client.
pub fn crash_versions() -> [Workspace; 2] {
    let c = Catalog::builtin();
    let mut a = crate::io::synthetic::build(c, 60, 20);
    a.engagement.client = "Version A".into();
    let mut b = a.clone();
    b.engagement.client = "Version B".into();
    b.engagement.scope = "x".repeat(5000);
    [a, b]
}

/// Saves the two crash-test versions in turn until killed.
pub fn cmd_save_loop(path: &Path) -> Result<()> {
    let versions = crash_versions();
    // Tell the test the versions are built: its kills then land among the saves.
    println!("ready");
    std::io::stdout().flush()?;
    for i in 0.. {
        store::save(path, &versions[i % 2])?;
    }
    Ok(())
}

pub fn cmd_check(path: &Path, env: &Env, out: &mut dyn Write) -> Result<()> {
    // Not freed: the process ends next, and freeing a large workspace's many small
    // allocations one by one costs more than a twentieth of the whole check.
    let ws = std::mem::ManuallyDrop::new(open(path)?);
    for w in store::placement_warnings(path) {
        writeln!(out, "warning: {w}")?;
    }
    // Every problem a parsed file can still have was refused by the loader, with its place;
    // what it names that is not there only loses something quietly, so it is said here.
    let c = ws.catalog();
    for w in ws.loose_ends(env.today) {
        writeln!(out, "warning: {w}")?;
    }
    writeln!(
        out,
        "{}: {} (assessor {}), format {}, bank {} v{}",
        path.display(),
        ws.engagement.client,
        if ws.engagement.assessor.is_empty() {
            "not named"
        } else {
            &ws.engagement.assessor
        },
        ws.format_version,
        ws.bank.id,
        ws.bank.version
    )?;
    if ws.bank.id != c.info.id || ws.bank.version != c.info.version {
        writeln!(
            out,
            "  note: this build's bank is {} v{}; answers are matched by question id",
            c.info.id, c.info.version
        )?;
    }
    for area in Area::ALL {
        let (a, t) = progress(c, &ws, area);
        writeln!(out, "  {:<15} {a:>3}/{t:<3} answered", area.name())?;
    }
    let window = crate::io::config::for_env(env)?.renewal_window_days;
    let g = gaps::derive_all(c, &ws, env.today, window);
    // The board's counts, in the board's words: "open" means status Open everywhere.
    let s = crate::domain::board::counts(g.iter(), env.today);
    writeln!(
        out,
        "  gaps {}: {} open, {} in progress, {} done or accepted, {} overdue, {} unassigned (today {})",
        s.total,
        s.open,
        s.in_progress,
        s.done + s.accepted,
        s.overdue,
        s.unassigned,
        env.today
    )?;
    let st = crate::domain::analysis::state(&ws, env.today);
    if st.complete {
        writeln!(
            out,
            "  risk analysis: complete ({} assets, {} flows, {} risks)",
            st.assets, st.flows, st.risks
        )?;
    } else {
        writeln!(
            out,
            "  risk analysis: in progress, {} (hipaudit analysis lists them)",
            text::count(st.missing.len(), "thing missing", "things missing")
        )?;
    }
    if !ws.conflicts.is_empty() {
        writeln!(
            out,
            "  {} from a merge (ours stands until resolved in the app with C):",
            text::count(
                ws.conflicts.len(),
                "unresolved conflict",
                "unresolved conflicts"
            )
        )?;
        for k in &ws.conflicts {
            writeln!(
                out,
                "    {} {}: ours {} · theirs {}",
                text::clean_line(&k.id),
                text::clean_line(&k.field),
                text::truncate_clean(&k.ours, 40),
                text::truncate_clean(&k.theirs, 40)
            )?;
        }
    }
    if let Some(p) = &ws.profile {
        let aside = ws.set_aside_ids(c).count();
        writeln!(
            out,
            "  profile: {}; {} questions outside its scope ({aside} answers kept aside)",
            text::clean_line(&p.describe()),
            c.out_of_scope.len()
        )?;
    }
    writeln!(
        out,
        "  risk register: {} entries; change log: {} entries",
        ws.risks.len(),
        ws.log.len()
    )?;
    if let Some(p) = &ws.previous {
        let (left, done, new) = crate::domain::compare::carried_counts(c, &ws);
        writeln!(
            out,
            "  carried from {}: {left} to re-verify, {done} re-verified, {new} new",
            text::clean_line(&p.file)
        )?;
    }
    if let Some(n) = &ws.carried_into {
        writeln!(
            out,
            "  carried into {} on {}: the current assessment is there",
            text::clean_line(&n.file),
            n.on
        )?;
    }
    let retired: Vec<&str> = ws.retired_ids(c).collect();
    if !retired.is_empty() {
        writeln!(
            out,
            "  answers to questions retired from the bank (kept): {}",
            text::clean_line(&retired.join(", "))
        )?;
    }
    Ok(())
}

pub fn cmd_log(
    path: &Path,
    since: Option<&str>,
    id: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let since = since
        .map(|s| crate::domain::dates::parse_date(s).map_err(|e| anyhow!("--since: {e}")))
        .transpose()?;
    let ws = open(path)?;
    let mut n = 0;
    for c in ws
        .log
        .iter()
        .filter(|c| since.is_none_or(|d| c.at.date() >= d))
        .filter(|c| id.is_none_or(|i| c.id.eq_ignore_ascii_case(i)))
    {
        n += 1;
        let (old, new) = c.shown();
        let arrow = if old.is_empty() {
            format!("set to {new}")
        } else if new.is_empty() {
            format!("{old} cleared")
        } else {
            format!("{old} -> {new}")
        };
        writeln!(
            out,
            "{}  {} {} {} {}",
            c.at.format("%Y-%m-%d %H:%M"),
            text::cell(&c.by, 16),
            text::cell(&c.id, 11),
            text::cell(c.field.name(), 10),
            text::clean_line(&arrow)
        )?;
    }
    if n == 0 {
        writeln!(out, "no changes match")?;
    }
    Ok(())
}

pub fn cmd_catalog(
    area: Option<&str>,
    tag: Option<&str>,
    reference: Option<&str>,
    profile: Option<&Path>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let area = area.map(parse_area).transpose()?;
    // With a workspace: only what its profile keeps in scope.
    let c = match profile {
        Some(p) => open(p)?.catalog(),
        None => Catalog::builtin(),
    };
    let rows: Vec<&Question> = c
        .questions
        .iter()
        .filter(|q| area.is_none_or(|a| q.area() == a))
        .filter(|q| tag.is_none_or(|t| q.has_tag(t)))
        .filter(|q| reference.is_none_or(|r| q.cites(r)))
        .collect();
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "area",
                "section",
                "references",
                "kind",
                "likelihood",
                "impact",
                "tags",
                "prompt",
                "finding",
                "finding_partial",
                "guidance",
                "remediation",
            ])?;
            for q in rows {
                w.write_record([
                    q.id.as_str(),
                    q.area().name(),
                    &q.section,
                    &q.references.join("; "),
                    q.kind.label(),
                    &q.likelihood.to_string(),
                    &q.impact.to_string(),
                    &q.tags.join(" "),
                    &q.prompt,
                    &q.finding,
                    &q.finding_partial,
                    &q.guidance,
                    &q.remediation,
                ])?;
            }
            w.flush()?;
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|q| {
                    serde_json::json!({
                        "id": q.id, "area": q.area().name(), "section": q.section,
                        "references": q.references, "kind": q.kind.label(),
                        "likelihood": q.likelihood, "impact": q.impact, "tags": q.tags,
                        "prompt": q.prompt, "finding": q.finding,
                        "finding_partial": q.finding_partial, "guidance": q.guidance,
                        "remediation": q.remediation,
                        "applies": (!q.applies.is_empty()).then_some(&q.applies),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        Format::Table => {
            if rows.is_empty() {
                writeln!(out, "no questions match")?;
                return Ok(());
            }
            writeln!(
                out,
                "{:<11} {:<14} {:<34} PROMPT",
                "ID", "AREA", "REFERENCES"
            )?;
            for q in &rows {
                writeln!(
                    out,
                    "{:<11} {:<14} {:<34} {}",
                    q.id,
                    q.area().name(),
                    text::truncate_clean(&q.references.join(", "), 34),
                    q.prompt
                )?;
            }
            writeln!(
                out,
                "{} questions (bank {} v{}){}",
                rows.len(),
                c.info.id,
                c.info.version,
                match c.out_of_scope.len() {
                    0 => String::new(),
                    n => format!("; {n} outside this engagement's scope (hipaudit profile PATH)"),
                }
            )?;
        }
    }
    Ok(())
}

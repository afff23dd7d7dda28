//! The export formats, their default file names and the one path that writes them.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::ValueEnum;

use crate::domain::workspace::Workspace;
pub use crate::exchange::cells::csv_safe;
use crate::io::files::{WriteMode, write_atomic};

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Html,
    /// The report as a Word document (styles and letterhead from `--template`).
    Docx,
    Csv,
    Xlsx,
    Ics,
    Json,
    /// The evidence request list to send before a visit (Markdown checklist).
    Requests,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Md,
        ExportFormat::Html,
        ExportFormat::Docx,
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Ics,
        ExportFormat::Json,
        ExportFormat::Requests,
    ];

    /// The file name written beside a workspace `NAME.ron`.
    pub fn default_name(self, stem: &str, redact: bool) -> String {
        let r = if redact { "-redacted" } else { "" };
        match self {
            ExportFormat::Md => format!("{stem}-report{r}.md"),
            ExportFormat::Html => format!("{stem}-report{r}.html"),
            ExportFormat::Docx => format!("{stem}-report{r}.docx"),
            ExportFormat::Csv => format!("{stem}-gaps{r}.csv"),
            ExportFormat::Xlsx => format!("{stem}-workbook{r}.xlsx"),
            ExportFormat::Ics => format!("{stem}-deadlines{r}.ics"),
            ExportFormat::Json => format!("{stem}-poam{r}.json"),
            ExportFormat::Requests => format!("{stem}-requests.md"),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ExportFormat::Md => "Markdown report (every question, gaps, register)",
            ExportFormat::Html => "HTML report, one self-contained page that prints to PDF",
            ExportFormat::Docx => "Word report (.docx) to put on your letterhead and edit",
            ExportFormat::Csv => "CSV of the gap board (opens in any spreadsheet; re-importable)",
            ExportFormat::Xlsx => "Excel workbook: gap board, one sheet per area, risk register",
            ExportFormat::Ics => "Calendar of open gaps' due dates for owners",
            ExportFormat::Json => "JSON plan of action and milestones (POA&M)",
            ExportFormat::Requests => {
                "Evidence request list: the documents to prepare before the visit"
            }
        }
    }
}

/// How the evidence request list is written (`--as`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum RequestsAs {
    #[default]
    Md,
    Html,
    Docx,
    /// A spreadsheet for the client to fill in; `import --requests` reads it back.
    Csv,
}

/// What some formats take besides the options: a Word template, the request list's form
/// and whether it is the core list or every item (`--all`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub template: Option<&'a [u8]>,
    pub requests_as: RequestsAs,
    pub requests_scope: crate::exchange::requests::Scope,
    /// The calendar's owner and reminder.
    pub calendar: crate::exchange::calendar::CalendarOptions<'a>,
}

/// The bytes of an export.
pub fn export_bytes(
    ws: &Workspace,
    format: ExportFormat,
    redact: bool,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    export_bytes_in(
        ws,
        format,
        &crate::exchange::markdown::Options {
            today,
            redact,
            window: crate::domain::duties::DEFAULT_WINDOW_DAYS,
            omit_unanswered: false,
        },
    )
}

/// The export's bytes for these options (the renewal window from `config.ron`).
pub fn export_bytes_in(
    ws: &Workspace,
    format: ExportFormat,
    o: &crate::exchange::markdown::Options,
) -> Result<Vec<u8>> {
    export_bytes_with(ws, format, o, &Extras::default())
}

/// The export's bytes, with a Word template or the request list's form.
pub fn export_bytes_with(
    ws: &Workspace,
    format: ExportFormat,
    o: &crate::exchange::markdown::Options,
    extras: &Extras,
) -> Result<Vec<u8>> {
    use crate::exchange::docx;
    let (c, o) = (ws.catalog(), *o);
    let client = &ws.engagement.client;
    let meta = |title: String| (title, ws.engagement.assessor.clone());
    Ok(match format {
        ExportFormat::Md => crate::exchange::markdown::markdown(c, ws, &o).into_bytes(),
        ExportFormat::Html => crate::exchange::html::html(c, ws, &o).into_bytes(),
        ExportFormat::Docx => {
            let r = crate::exchange::markdown::report(c, ws, &o);
            let (title, creator) = meta(r.title.clone());
            let m = docx::Meta {
                title: &title,
                creator: &creator,
                date: o.today,
            };
            docx::docx(&r, &m, extras.template)?
        }
        ExportFormat::Requests if extras.requests_as != RequestsAs::Md => {
            let r = crate::exchange::requests::document(c, ws, o.today, extras.requests_scope);
            let (title, creator) = meta(format!("Evidence requests: {client}"));
            if extras.requests_as == RequestsAs::Csv {
                crate::exchange::requests::csv(c, ws, extras.requests_scope)?.into_bytes()
            } else if extras.requests_as == RequestsAs::Html {
                crate::exchange::html::render(&r).into_bytes()
            } else {
                let m = docx::Meta {
                    title: &title,
                    creator: &creator,
                    date: o.today,
                };
                docx::docx(&r, &m, extras.template)?
            }
        }
        ExportFormat::Csv => crate::exchange::report::csv(c, ws, &o)?.into_bytes(),
        ExportFormat::Xlsx => crate::exchange::workbook::xlsx(c, ws, &o)?,
        ExportFormat::Ics => {
            crate::exchange::calendar::ics(c, ws, &o, &extras.calendar)?.into_bytes()
        }
        ExportFormat::Requests => {
            crate::exchange::requests::markdown(c, ws, o.today, extras.requests_scope).into_bytes()
        }
        ExportFormat::Json => {
            let s = serde_json::to_string_pretty(&crate::exchange::report::poam_json(c, ws, &o))?;
            // serde_json passes invisible characters raw (tag characters, U+2028): escaped
            // as \uXXXX, which every JSON reader takes back as the same text.
            let mut s = crate::domain::text::as_printed(&s);
            s.push('\n');
            s.into_bytes()
        }
    })
}

/// Where an export goes by default: beside the workspace.
pub fn export_default_path(path: &Path, format: ExportFormat, redact: bool) -> PathBuf {
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem
        .trim_end_matches(".age")
        .trim_end_matches(".ron")
        .to_string();
    path.with_file_name(format.default_name(&stem, redact))
}

/// Writes an export privately (mode 0600: reports may hold PHI) and atomically.
pub fn write_export(
    ws: &Workspace,
    format: ExportFormat,
    o: &crate::exchange::markdown::Options,
    out: &Path,
    force: bool,
) -> Result<()> {
    write_export_with(ws, format, o, &Extras::default(), out, force)
}

/// `write_export` with a Word template or the request list's form.
pub fn write_export_with(
    ws: &Workspace,
    format: ExportFormat,
    o: &crate::exchange::markdown::Options,
    extras: &Extras,
    out: &Path,
    force: bool,
) -> Result<()> {
    // Not even --force replaces what the work lives in: the workspace (by any name), its
    // backups, its key or its lock.
    if let Some(what) = crate::io::sniff::hipaudit_file(out) {
        bail!(
            "{} is {what}: an export never replaces it, --force or not (choose another file with -o)",
            out.display()
        );
    }
    if out.exists() && !force {
        bail!("{} exists; pass --force to replace it", out.display());
    }
    let bytes = export_bytes_with(ws, format, o, extras)?;
    write_atomic(out, &bytes, WriteMode::PLAIN)
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

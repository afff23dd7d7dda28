//! The command line's words, as clap reads them: commands, options, formats.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::board::GapSort;
use crate::domain::catalog::Area;
use crate::domain::workspace::RemediationStatus;
use crate::exchange::export::ExportFormat;

#[derive(Debug, Parser)]
#[command(
    name = "hipaudit",
    version,
    about = "Run a HIPAA audit from the keyboard: Privacy, Administrative, NIST CSF 2.0 and Risk \
             checklists, evidence notes, and a live gap and remediation board.",
    args_conflicts_with_subcommands = true,
    propagate_version = true
)]
pub struct Cli {
    /// Workspace file to open in the app (without it: a picker of recent workspaces)
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// How a command that reports a state (not a list) prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the bundled demo workspace (a fictional clinic), copied to your data folder
    Demo {
        /// Replace your demo copy with a fresh one (your edits to the demo are lost)
        #[arg(long)]
        fresh: bool,
    },
    /// Create a new workspace file and exit; never overwrites
    New {
        path: PathBuf,
        /// The audited organisation (with --from: only to rename it)
        #[arg(long, required_unless_present = "from")]
        client: Option<String>,
        /// Start from last year's workspace: answers carried to re-verify, open gaps with
        /// their remediation, the register to re-rate (LAST is only read)
        #[arg(long, value_name = "LAST", conflicts_with_all = ["assessor", "site", "scope", "firm", "encrypt", "profile"])]
        from: Option<PathBuf>,
        /// Who runs the audit (default: $USER)
        #[arg(long)]
        assessor: Option<String>,
        /// The audited site (address or name), shown in reports
        #[arg(long)]
        site: Option<String>,
        /// The engagement's scope, shown in reports
        #[arg(long)]
        scope: Option<String>,
        /// The engagement profile that scopes the bank: entity=provider,size=small,
        /// services=portal+telehealth,nprm=no,msp_program=no (see `hipaudit profile`)
        #[arg(long, value_name = "KEY=VALUE,...")]
        profile: Option<String>,
        /// The assessing firm (the MSP), on the report's cover (default: config.ron's firm)
        #[arg(long)]
        firm: Option<String>,
        /// Encrypt it with a passphrase (age format; asked, or HIPAUDIT_PASSPHRASE)
        #[arg(long)]
        encrypt: bool,
    },
    /// Every workspace under the folders (default: config.ron's, else this one), one row each;
    /// writes nothing
    Portfolio {
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Also list earlier years, each under its client's current assessment
        #[arg(long)]
        all: bool,
    },
    /// Where config.ron is and the settings in effect; `config init` writes a commented one
    Config {
        #[command(subcommand)]
        action: Option<ConfigAction>,
    },
    /// Three-way merge of a workspace by question id (also git's merge driver: see git-setup);
    /// writes over OURS unless -o is given; exit 1 when conflicts were recorded
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Write the result here instead of over OURS
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists
        #[arg(long)]
        force: bool,
    },
    /// Make git merge *.ron workspaces with `hipaudit merge` in the repository holding DIR
    #[command(name = "git-setup")]
    GitSetup { dir: Option<PathBuf> },
    /// What changed between two assessments (e.g. last year's and this year's)
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: crate::cli::years::DiffFormat,
    },
    /// Encrypt a workspace with a passphrase: PATH becomes PATH.age (plus PATH.age.key)
    Encrypt { path: PathBuf },
    /// Decrypt an encrypted workspace back to plain RON
    Decrypt { path: PathBuf },
    /// Load and validate a workspace; print a summary
    Check { path: PathBuf },
    /// Print the gap and remediation board
    Gaps {
        path: PathBuf,
        /// Only gaps of this owner
        #[arg(long)]
        owner: Option<String>,
        /// Only gaps with this status: open, in-progress, done, risk-accepted
        #[arg(long, value_parser = check_status)]
        status: Option<String>,
        /// Only gaps of this area: privacy, administrative, nist, risk, register
        #[arg(long, value_parser = check_gap_area)]
        area: Option<String>,
        /// Only overdue gaps
        #[arg(long)]
        overdue: bool,
        /// Only gaps nobody owns yet
        #[arg(long)]
        unassigned: bool,
        /// Order: due, risk, area, owner, status (default: the board's saved order)
        #[arg(long, value_parser = check_sort)]
        sort: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Write a report or export: md, html, docx, csv, xlsx, ics, json, requests
    Export {
        path: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write (default: beside the workspace; `-` for standard output)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Leave out evidence notes, evidence file names and plans (they may hold PHI)
        #[arg(long)]
        redact: bool,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
        /// Leave unanswered questions out of the report's answer appendix (still counted)
        #[arg(long)]
        omit_unanswered: bool,
        /// With docx: a Word document whose styles, header and footer (letterhead) to use
        #[arg(long, value_name = "FILE.docx")]
        template: Option<PathBuf>,
        /// With requests: md (default), html or docx
        #[arg(long = "as", value_enum, value_name = "FORM")]
        requests_as: Option<crate::exchange::export::RequestsAs>,
        /// With requests: every item the questions' evidence guidance names, not only the
        /// core list
        #[arg(long)]
        all: bool,
        /// With ics: only this person's items (as the board names them, any case)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// With ics: remind this many days before each due date, 0 to 60 (default:
        /// config.ron's reminder_days, else 7)
        #[arg(long, value_name = "DAYS", value_parser = check_remind_days)]
        remind_days: Option<u32>,
    },
    /// Evidence items: list them, verify every file against its recorded SHA-256 (exit 1
    /// when one changed or is missing), or add one
    Evidence {
        path: PathBuf,
        #[command(subcommand)]
        action: Option<EvidenceAction>,
        #[arg(long, value_enum, default_value = "table", global = true)]
        format: Format,
    },
    /// The business-associate register: list it, or import vendors from a CSV (all or nothing)
    Vendors {
        path: PathBuf,
        /// A CSV with a header: name (required), service, phi, contact, baa_signed,
        /// baa_expires, subcontractor, notes; a known name updates that vendor
        #[arg(long = "import", value_name = "FILE.csv")]
        import: Option<PathBuf>,
        /// With --import: show what would change; write nothing
        #[arg(long, requires = "import")]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// The ePHI inventory (the systems, devices, services and paper that hold ePHI): list
    /// it, or add assets from a CSV (all or nothing)
    Inventory {
        path: PathBuf,
        /// A CSV with a header: name (required), kind, count, location, owner, ephi, records,
        /// encrypted_at_rest, encrypted_in_transit, vendor (id or name), notes; each row is
        /// added as a new asset
        #[arg(long = "import", value_name = "FILE.csv")]
        import: Option<PathBuf>,
        /// With --import: list the assets that would be added; write nothing
        #[arg(long, requires = "import")]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// The remediation projects: each with its owner, due date, status and gaps
    Projects {
        path: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// The engagement profile that scopes the bank, with what it leaves out and why; --set
    /// changes it (entity, size, services, service, -service, nprm, msp_program), all or nothing
    Profile {
        path: PathBuf,
        #[arg(long = "set", value_name = "KEY=VALUE", allow_hyphen_values = true)]
        set: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: StateFormat,
    },
    /// Where the risk analysis stands: complete, or what is still missing (exit 0 either way)
    Analysis {
        path: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: StateFormat,
    },
    /// Apply answers, notes, owners, due dates and statuses from a CSV file, all or nothing
    Import {
        path: PathBuf,
        /// The CSV: a header with `id` and any of answer, note, owner, due, status
        #[arg(
            long = "from",
            required_unless_present = "requests",
            conflicts_with = "requests"
        )]
        from: Option<PathBuf>,
        /// Which items of the evidence request list the client provided: the CSV that
        /// `export --format requests --as csv` writes, its `received` column filled in
        #[arg(long, value_name = "FILE.csv")]
        requests: Option<PathBuf>,
        /// Show what would change; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Test aid for the crash-safety test: save two versions in turn forever
    #[command(name = "__save-loop", hide = true)]
    SaveLoop { path: PathBuf },
    /// Print the change log: who changed what, when
    Log {
        path: PathBuf,
        /// Only changes on or after this date (YYYY-MM-DD)
        #[arg(long, value_parser = check_date)]
        since: Option<String>,
        /// Only changes to this question or risk id
        #[arg(long)]
        id: Option<String>,
    },
    /// List the built-in question bank
    Catalog {
        /// Only this area: privacy, administrative, nist, risk
        #[arg(long, value_parser = check_area)]
        area: Option<String>,
        /// Only questions with this tag (e.g. msp, yearly)
        #[arg(long)]
        tag: Option<String>,
        /// Only questions citing this reference or below it (164.312, PR.DS)
        #[arg(long = "ref")]
        reference: Option<String>,
        /// Only the questions in scope for this workspace's engagement profile
        #[arg(long, value_name = "PATH")]
        profile: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

/// What `hipaudit evidence` does (default: list).
#[derive(Debug, Clone, Subcommand)]
pub enum EvidenceAction {
    /// Every item with its state (files are only looked for, not read)
    List,
    /// Re-hash every file: ok, changed, missing, expired, expiring or no-file
    Verify,
    /// Add FILE (hashed now) as evidence of a question or vendor ID
    Add {
        id: String,
        file: PathBuf,
        /// What it is (default: the file's name)
        #[arg(long)]
        label: Option<String>,
        /// When it expires: YYYY-MM-DD, or +1y / +6m from when it was collected
        #[arg(long, value_parser = check_due)]
        expires: Option<String>,
        /// When it was collected (default: today)
        #[arg(long, value_parser = check_date)]
        collected: Option<String>,
    },
}

/// A date argument is a usage error when it is not a date (exit 2, like any bad value).
fn check_date(s: &str) -> Result<String, String> {
    crate::domain::dates::parse_date(s).map(|_| s.to_string())
}

/// A date or an offset (`+1y`, `+6m`, `+30d`): its form is checked here, its day later
/// against the date it counts from.
fn check_due(s: &str) -> Result<String, String> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    crate::domain::dates::parse_due(s, base).map(|_| s.to_string())
}

fn check_status(s: &str) -> Result<String, String> {
    RemediationStatus::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| "use open, in-progress, done or risk-accepted".to_string())
}

fn check_area(s: &str) -> Result<String, String> {
    Area::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| "use privacy, administrative, nist or risk".to_string())
}

fn check_gap_area(s: &str) -> Result<String, String> {
    if s.eq_ignore_ascii_case("register") {
        return Ok(s.to_string());
    }
    Area::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| "use privacy, administrative, nist, risk or register".to_string())
}

fn check_sort(s: &str) -> Result<String, String> {
    GapSort::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| "use due, risk, area, owner or status".to_string())
}

/// `--remind-days`: a number of days from 0 to 60.
fn check_remind_days(s: &str) -> Result<u32, String> {
    let days: u32 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number of days: give 0 to 60"))?;
    crate::exchange::calendar::check_remind_days(days)
}

/// What `hipaudit config` does besides showing the settings.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Writes a commented config.ron with every setting at its default (over an existing
    /// one only with --force, which keeps it as config.ron.bak.1)
    Init {
        #[arg(long)]
        force: bool,
    },
}

//! The helpers of the report tests (`reports.rs`, `reports_cli.rs`): the demo workspace with
//! a fixed today, its export as text, and one part of a Word file. Included by those two files
//! only (`#[path]`).

use std::path::Path;

use chrono::NaiveDate;

use hipaudit::domain::workspace::Workspace;
use hipaudit::exchange::export::{ExportFormat, export_bytes};
use hipaudit::io::paths::DEMO;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

pub fn demo() -> Workspace {
    hipaudit::io::store::from_ron(DEMO, Path::new("demo.ron")).unwrap()
}

pub fn text(format: ExportFormat, redact: bool) -> String {
    String::from_utf8(export_bytes(&demo(), format, redact, today()).unwrap()).unwrap()
}

/// One part of a Word file, read with the zip crate.
pub fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The binary with a fixed today and a home of its own (never the real one).
#[allow(dead_code)]
pub fn hipaudit(home: &std::path::Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hipaudit"));
    c.env("HIPAUDIT_TODAY", "2026-11-28")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "tester");
    c
}

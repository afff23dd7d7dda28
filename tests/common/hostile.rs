//! The helpers both halves of the data-safety attacks use (`hostile.rs`, `hostile_input.rs`):
//! a fresh workspace and a command's whole output. Included by those two files only
//! (`#[path]`).

use std::process::Output;

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::workspace::Workspace;

pub fn ws(client: &str) -> Workspace {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    Workspace::new(client, "Ana", Catalog::builtin(), today)
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

//! The real binary as the CLI tests run it: temp home and data folders, a fixed today, no
//! `NO_COLOR`. Shared by the test files so each one attacks the same setup.

use std::path::Path;
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-28";

pub fn hipaudit(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hipaudit"));
    c.env("HIPAUDIT_TODAY", TODAY)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "tester")
        .env_remove("NO_COLOR");
    c
}

pub fn run(home: &Path, args: &[&str]) -> Output {
    hipaudit(home).args(args).output().expect("runs")
}

//! Every integration test file as a module of one test binary: one link of the crate and its
//! dependencies instead of one per file, which is most of what a cold `cargo test` costs on
//! two cores. Each file keeps its own helpers (`mod common;`, `#[path]` modules); a new test
//! file is added here, and `the_test_binary_holds_every_test_file` refuses one left out.

// Each file still declares the shared helpers it uses, as it did when it was its own crate.
#![allow(clippy::duplicate_mod, clippy::module_inception)]

#[path = "calendar.rs"]
mod calendar;
#[path = "cli.rs"]
mod cli;
#[path = "crash.rs"]
mod crash;
#[path = "docs.rs"]
mod docs;
#[path = "e2e_analysis.rs"]
mod e2e_analysis;
#[path = "e2e_tmux.rs"]
mod e2e_tmux;
#[path = "e2e_tmux_files.rs"]
mod e2e_tmux_files;
#[path = "encryption.rs"]
mod encryption;
#[path = "evidence.rs"]
mod evidence;
#[path = "files.rs"]
mod files;
#[path = "findings.rs"]
mod findings;
#[path = "fuzz_corpus.rs"]
mod fuzz_corpus;
#[path = "hostile.rs"]
mod hostile;
#[path = "hostile_input.rs"]
mod hostile_input;
#[path = "imports.rs"]
mod imports;
#[path = "inventory_cli.rs"]
mod inventory_cli;
#[path = "layers.rs"]
mod layers;
#[path = "merge_cli.rs"]
mod merge_cli;
#[path = "portfolio.rs"]
mod portfolio;
#[path = "render.rs"]
mod render;
#[path = "report_model.rs"]
mod report_model;
#[path = "reports.rs"]
mod reports;
#[path = "reports_cli.rs"]
mod reports_cli;
#[path = "requests.rs"]
mod requests;
#[path = "risk_analysis.rs"]
mod risk_analysis;
#[path = "roundtrip.rs"]
mod roundtrip;
#[path = "run.rs"]
mod run;
#[path = "scope.rs"]
mod scope;
#[path = "screens.rs"]
mod screens;
#[path = "signed_report.rs"]
mod signed_report;
#[path = "untrusted.rs"]
mod untrusted;
#[path = "workbook.rs"]
mod workbook;
#[path = "years.rs"]
mod years;

#[test]
fn the_test_binary_holds_every_test_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let me = std::fs::read_to_string(dir.join("all.rs")).unwrap();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".rs")
            && stem != "all"
        {
            assert!(
                me.contains(&format!("#[path = \"{name}\"]\nmod {stem};")),
                "tests/{name} is not in tests/all.rs: its tests would never run"
            );
        }
    }
}

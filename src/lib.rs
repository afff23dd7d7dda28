//! hipaudit: HIPAA audits from the keyboard, in layers a newcomer can see in one look:
//! `domain` (the audit, pure), `io` (the disk), `exchange` (formats in and out), `cli` (the
//! command line) and `tui` (the app). Each layer uses only the ones before it; nothing but
//! the binary uses `cli`.

pub mod cli;
pub mod domain;
pub mod env;
pub mod exchange;
pub mod io;
pub mod tui;

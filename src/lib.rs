//! hipaudit: HIPAA audits from the keyboard. The domain (catalog, workspace, gaps, scoring,
//! dates) knows nothing of terminals; `store` is its only I/O; `tui` is the app.

pub mod board;
pub mod catalog;
pub mod cli;
pub mod crypt;
pub mod dates;
pub mod demo;
pub mod gaps;
pub mod import;
pub mod report;
pub mod risk;
pub mod scoring;
pub mod store;
pub mod text;
pub mod tui;
pub mod workspace;

//! The audit itself, in plain Rust: questions, answers, gaps, risks, dates, text rules.
//! Nothing here touches the file system, the environment, a process or the terminal (a test
//! in `tests/layers.rs` reads these files to keep it so); the world comes in as values.

pub mod analysis;
pub mod analysis_facts;
pub mod bank_change;
pub mod bank_lint;
pub mod board;
pub mod carry;
pub mod catalog;
pub mod change;
pub mod compare;
pub mod conclusion;
pub mod conflict;
pub mod conflict_check;
pub mod dates;
pub mod doc_control;
pub mod duties;
pub mod evidence;
pub mod findings;
pub mod gaps;
pub mod idhash;
pub mod inventory;
pub mod inventory_edits;
pub mod lineage;
pub mod loose_ends;
pub mod meeting;
pub mod merge;
pub mod merge_ids;
pub mod method;
pub mod problems;
pub mod profile;
pub mod project;
pub mod rating;
pub mod registry;
pub mod regulation;
pub mod remediation;
pub mod response;
pub mod risk;
pub mod scope;
pub mod scoring;
pub mod status;
pub mod text;
pub mod thread;
pub mod vendor;
pub mod view;
pub mod workspace;

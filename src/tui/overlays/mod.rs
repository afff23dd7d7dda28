//! One file per overlay (a dialog over the screen): its state, its keys, its drawing.

pub mod accept;
pub mod confirm;
pub mod editor;
pub mod evidence;
pub mod export;
pub mod form;
pub mod help;
pub mod library;
pub mod merge_conflicts;
pub mod prompt;
pub mod risk_form;
pub mod search;

//! Small widgets the screens share.

pub mod evidence_line;
pub mod gap_card;
pub mod text_input;

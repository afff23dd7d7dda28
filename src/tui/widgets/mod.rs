//! Small widgets the screens share.

pub mod evidence_line;
pub mod fields;
pub mod gap_card;
pub mod question_card;
pub mod text_input;

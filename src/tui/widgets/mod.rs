//! Small widgets the screens share.

pub mod gap_card;
pub mod text_input;

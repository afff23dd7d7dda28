//! One file per tab: its state, the keys only it has, its drawing.

pub mod audit;
pub mod board;
pub mod dashboard;
pub mod meeting;
pub mod register;
pub mod vendors;

//! One file per tab: its state, the keys only it has, its drawing.

pub mod audit;
pub mod board;
pub mod dashboard;
pub mod inventory;
pub mod inventory_draw;
pub mod inventory_forms;
pub mod meeting;
pub mod register;
pub mod vendors;

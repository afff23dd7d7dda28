//! The only modules that touch the disk: workspace files (parse, verified atomic saves,
//! backups), locks, encryption, the app's own folders, the bundled demo and the synthetic
//! workspace the benches load.

pub mod config;
pub mod crypt;
pub mod demo;
pub mod demo_inventory;
pub mod demo_register;
pub mod demo_risks;
pub mod evidence;
pub mod files;
pub mod lock;
pub mod paths;
pub mod portfolio;
pub mod read;
pub mod ron_fast;
pub mod sniff;
pub mod store;
pub mod synthetic;
pub mod terminal;
pub mod years;

//! The terminal the app draws on, or an error that says why there is none.

use anyhow::Result;
use std::io::{self, IsTerminal};

/// The app reads keys from a terminal and draws on it. Without one (ssh without -t, cron,
/// a pipe) this says so, where the terminal library would panic.
pub fn need_terminal() -> Result<()> {
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        return Ok(());
    }
    anyhow::bail!(
        "the app needs a terminal, and standard input or output is not one (over ssh, use ssh -t); the commands in hipaudit --help work without one"
    )
}

/// The terminal, set up for the app, or an error that says why not.
pub(crate) fn open_terminal() -> Result<ratatui::DefaultTerminal> {
    need_terminal()?;
    ratatui::try_init().map_err(|e| anyhow::anyhow!("could not set up the terminal: {e}"))
}

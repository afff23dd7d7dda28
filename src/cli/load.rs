//! Opening a workspace for a command: every command that reads one starts here.

use std::path::Path;

use anyhow::Result;

use crate::domain::workspace::Workspace;
use crate::io::store::open_any;

/// The workspace at `path`, decrypted when it is encrypted; errors name the file, line
/// and column.
pub(crate) fn open(path: &Path) -> Result<Workspace> {
    open_any(path).map(|(ws, _, _)| ws)
}

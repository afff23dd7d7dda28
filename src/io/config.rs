//! `config.ron` in the user's config folder: where client workspaces live, the assessor's
//! default name, due-date offsets, the renewal window. Optional: a missing file means the
//! defaults; a broken one is an error with line and column, and is never rewritten.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::io::store::LoadError;

/// Days from today a new due date defaults to, by the gap's risk level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DueOffsets {
    pub very_high: u32,
    pub high: u32,
    pub moderate: u32,
    pub low: u32,
}

impl Default for DueOffsets {
    fn default() -> DueOffsets {
        DueOffsets {
            very_high: 14,
            high: 30,
            moderate: 90,
            low: 180,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folders holding client workspaces (`~/` is the home folder): the portfolio's default.
    pub folders: Vec<PathBuf>,
    /// The assessor named in new workspaces (default: the login name).
    pub assessor: Option<String>,
    /// Who you are in the change log and on answers ("by …"), when not your login name.
    pub user: Option<String>,
    /// The assessing firm (the MSP) named in new workspaces.
    pub firm: Option<String>,
    pub due_days: DueOffsets,
    /// Yearly duties and expiring evidence show up this many days before they are due.
    pub renewal_window_days: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            folders: Vec::new(),
            assessor: None,
            user: None,
            firm: None,
            due_days: DueOffsets::default(),
            renewal_window_days: 60,
        }
    }
}

/// Where the config lives: `config.ron` in the config folder.
pub fn path(config_dir: &Path) -> PathBuf {
    config_dir.join("config.ron")
}

/// The config in effect for this run (none when there is no config folder).
pub fn for_env(env: &crate::env::Env) -> anyhow::Result<Config> {
    match &env.config_dir {
        Some(dir) => load(&path(dir), env.home.as_deref()).map_err(|e| anyhow::anyhow!("{e}")),
        None => Ok(Config::default()),
    }
}

/// Reads the config; a missing file gives the defaults. Folders have `~/` expanded.
pub fn load(path: &Path, home: Option<&Path>) -> Result<Config, LoadError> {
    let text = match crate::io::files::read_regular(path)
        .and_then(|b| String::from_utf8(b).map_err(|_| std::io::Error::other("not UTF-8 text")))
    {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(LoadError {
                path: path.to_path_buf(),
                position: None,
                message: e.to_string(),
            });
        }
    };
    let mut c: Config = ron::from_str(&text).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: Some((e.span.start.line, e.span.start.col)),
        message: e.code.to_string(),
    })?;
    if let Some(home) = home {
        for f in &mut c.folders {
            if let Ok(rest) = f.strip_prefix("~") {
                *f = home.join(rest);
            }
        }
    }
    Ok(c)
}

/// The settings in effect, as RON (for `hipaudit config`).
pub fn describe(c: &Config) -> String {
    ron::ser::to_string_pretty(c, ron::ser::PrettyConfig::new()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_means_defaults_broken_names_line_and_column_and_home_expands() {
        let d = tempfile::tempdir().unwrap();
        let p = path(d.path());
        assert_eq!(load(&p, None).unwrap(), Config::default());
        std::fs::write(
            &p,
            "(\n  folders: [\"~/clients\"],\n  renewal_window_days: 30,\n)",
        )
        .unwrap();
        let c = load(&p, Some(Path::new("/home/ana"))).unwrap();
        assert_eq!(c.folders, [PathBuf::from("/home/ana/clients")]);
        assert_eq!(c.renewal_window_days, 30);
        assert_eq!(c.due_days, DueOffsets::default());
        let broken = "(\n  folders: [\"a\"],\n  colour: 3,\n)";
        std::fs::write(&p, broken).unwrap();
        let e = load(&p, None).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            broken,
            "never rewritten"
        );
    }
}

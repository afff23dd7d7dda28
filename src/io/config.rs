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
    /// The Word template (`.docx`) reports take their styles from, in the app and on the
    /// command line (`--template` overrides it; `~/` is the home folder).
    pub word_template: Option<PathBuf>,
    /// Days before a due date the calendar export reminds the owner (0 to 60;
    /// `export --remind-days` overrides it).
    pub reminder_days: u32,
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
            word_template: None,
            reminder_days: crate::domain::dates::REMINDER_DAYS,
        }
    }
}

/// What `hipaudit config init` writes: every setting at its default, each explained. A test
/// reads it back and finds the defaults.
pub const COMMENTED: &str = r#"// hipaudit settings. Every setting is optional: delete a line and its default applies.
// `hipaudit config` shows where this file is and the settings in effect; an error in it is
// reported with its line and column, and the file is never rewritten by hipaudit.
(
    // Folders holding client workspaces: the portfolio's default and the new-workspace
    // form's place for new files. `~/` is your home folder.
    // folders: ["~/clients"],
    folders: [],

    // Who is named as the assessor in new workspaces (default: your login name).
    // assessor: Some("Jordan Reyes"),
    assessor: None,

    // Who you are in the change log and on answers, when not your login name.
    user: None,

    // The assessing firm (the MSP) on report covers and sign-offs.
    // firm: Some("Northwind IT Services"),
    firm: None,

    // The due date offered for a new gap, in days from today, by its risk level.
    due_days: (
        very_high: 14,
        high: 30,
        moderate: 90,
        low: 180,
    ),

    // Yearly duties and expiring evidence or BAAs show up on the board this many days
    // before they are due.
    renewal_window_days: 60,

    // A Word template (.docx or .dotx, your letterhead) that reports take their styles from;
    // `export --template` overrides it.
    // word_template: Some("~/templates/letterhead.dotx"),
    word_template: None,

    // The calendar export's reminder, in days before each due date (0 to 60; 0 reminds on
    // the day); `export --remind-days` overrides it.
    // reminder_days: 14,
    reminder_days: 7,
)
"#;

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
    if let Some((field, value)) = out_of_range(&c) {
        return Err(LoadError {
            path: path.to_path_buf(),
            position: position_of(&text, field),
            message: format!("{field} is {value}: give a number of days from 0 to {MAX_DAYS}"),
        });
    }
    if let Err(e) = crate::domain::dates::check_remind_days(c.reminder_days) {
        return Err(LoadError {
            path: path.to_path_buf(),
            position: position_of(&text, "reminder_days"),
            message: format!("reminder_days: {e}"),
        });
    }
    if let Some(home) = home {
        for f in c.folders.iter_mut().chain(c.word_template.as_mut()) {
            if let Ok(rest) = f.strip_prefix("~") {
                *f = home.join(rest);
            }
        }
    }
    Ok(c)
}

/// The most days any setting may span (ten years): dates a window or an offset away must
/// stay dates.
pub const MAX_DAYS: u32 = 3650;

/// The first setting in days that is out of range, with its value.
fn out_of_range(c: &Config) -> Option<(&'static str, u32)> {
    [
        ("renewal_window_days", c.renewal_window_days),
        ("very_high", c.due_days.very_high),
        ("high", c.due_days.high),
        ("moderate", c.due_days.moderate),
        ("low", c.due_days.low),
    ]
    .into_iter()
    .find(|(_, v)| *v > MAX_DAYS)
}

/// Line and column (1-based) of a field's name in the text, for errors.
fn position_of(text: &str, field: &str) -> Option<(usize, usize)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let (at, _) = text.match_indices(field).find(|(i, _)| {
        let before = text[..*i].chars().next_back();
        let after = text[i + field.len()..].trim_start().chars().next();
        !before.is_some_and(ident) && after == Some(':')
    })?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
}

/// The settings in effect, as RON (for `hipaudit config`).
pub fn describe(c: &Config) -> String {
    ron::ser::to_string_pretty(c, ron::ser::PrettyConfig::new()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commented_config_reads_back_as_the_defaults() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.ron");
        std::fs::write(&p, COMMENTED).unwrap();
        assert_eq!(load(&p, None).unwrap(), Config::default());
    }

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
        assert_eq!(c.word_template, None);
        std::fs::write(&p, "(word_template: Some(\"~/styles/msp.docx\"))").unwrap();
        let c = load(&p, Some(Path::new("/home/ana"))).unwrap();
        assert_eq!(
            c.word_template,
            Some(PathBuf::from("/home/ana/styles/msp.docx"))
        );
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

    #[test]
    fn a_renewal_window_past_ten_years_is_refused_with_its_field_and_range() {
        let d = tempfile::tempdir().unwrap();
        let p = path(d.path());
        std::fs::write(&p, "(\n  renewal_window_days: 4294967295,\n)").unwrap();
        let e = load(&p, None).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("renewal_window_days"), "{msg}");
        assert!(msg.contains("0 to 3650"), "{msg}");
        assert_eq!(e.position, Some((2, 3)), "{msg}");
        std::fs::write(&p, "(\n  due_days: (very_high: 1, high: 99999),\n)").unwrap();
        let e = load(&p, None).unwrap_err();
        assert!(e.to_string().contains("high is 99999"), "{e}");
        assert_eq!(e.position, Some((2, 28)), "{e}");
        std::fs::write(&p, "(renewal_window_days: 3650)").unwrap();
        assert_eq!(load(&p, None).unwrap().renewal_window_days, 3650);
    }
}

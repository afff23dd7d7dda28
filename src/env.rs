//! The world, read once at the edge: today, the user, the app's folders, `NO_COLOR`, the
//! outside editor. Everything below gets these as values, so tests set them directly.

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;

use crate::domain::dates;

/// What the process-wide world looks like, read once in `main`.
#[derive(Debug, Clone)]
pub struct Env {
    pub today: NaiveDate,
    /// Who makes the changes this process records: the login name, else the account.
    pub user: String,
    /// The name the person gave: config.ron's `user`, else the login name the environment
    /// gives (`USER`, `LOGNAME`). A new workspace's assessor when none is named; an account
    /// found only in the password file ("root" in a container) never goes on a report.
    pub login: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    /// `NO_COLOR` is set.
    pub no_color: bool,
    /// `$VISUAL` or `$EDITOR`, for editing notes outside.
    pub editor: Option<String>,
    /// `$HOME`: where a workspace that cannot be saved in place is offered a new file.
    pub home: Option<PathBuf>,
}

impl Env {
    /// The moment a change is recorded: today's date (so `HIPAUDIT_TODAY` holds for the log,
    /// the answers and the decisions alike) at the wall clock's time, in whole seconds.
    pub fn now(&self) -> chrono::NaiveDateTime {
        use chrono::Timelike;
        let time = chrono::Local::now().time();
        self.today.and_time(time.with_nanosecond(0).unwrap_or(time))
    }

    /// Reads the process environment: `HIPAUDIT_TODAY` (checked), `USER`, the folders of
    /// `directories`, `NO_COLOR`, `VISUAL`/`EDITOR`.
    pub fn from_process() -> Result<Env> {
        let today = match std::env::var("HIPAUDIT_TODAY") {
            Ok(s) if !s.trim().is_empty() => {
                dates::parse_date(&s).map_err(|e| anyhow!("HIPAUDIT_TODAY: {e}"))?
            }
            _ => chrono::Local::now().date_naive(),
        };
        let login = ["USER", "LOGNAME"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|u| !u.trim().is_empty());
        let user = login
            .clone()
            .or_else(system_user)
            .unwrap_or_else(|| "unknown".to_string());
        let dirs = directories::ProjectDirs::from("", "", "hipaudit");
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|e| !e.trim().is_empty());
        let config_dir = dirs.as_ref().map(|d| d.config_dir().to_path_buf());
        let home = std::env::var_os("HOME").map(PathBuf::from);
        Ok(Env {
            today,
            user,
            login,
            data_dir: dirs.as_ref().map(|d| d.data_dir().to_path_buf()),
            config_dir,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            editor,
            home,
        })
    }
}

/// The account the process runs as, from the password file, when `USER` and `LOGNAME` are
/// unset (cron, `su -c`, a container): the change log names the person, not "unknown".
fn system_user() -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // The process's own entry in /proc is owned by its effective user.
        let uid = std::fs::metadata("/proc/self").ok()?.uid();
        let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
        user_of(&passwd, uid)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The name of `uid` in a password file's text.
fn user_of(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.trim().is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod user_tests {
    #[test]
    fn a_user_is_found_by_uid_in_the_password_file() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\n# comment\njordan:x:1000:1000::/home/jordan:/bin/sh\n";
        assert_eq!(super::user_of(passwd, 1000).as_deref(), Some("jordan"));
        assert_eq!(super::user_of(passwd, 0).as_deref(), Some("root"));
        assert_eq!(super::user_of(passwd, 7), None);
    }
}

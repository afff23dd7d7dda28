//! Evidence items: what was seen, the file it is in (when there is one), the file's SHA-256
//! taken when it was added, when it was collected and when it expires. The files never leave
//! the laptop: exports list the items (label, file name, hash, dates), never the contents.
//! Reading and hashing files is `io::evidence`'s; here the outcome comes in as a `FileCheck`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One piece of evidence behind an answer or a vendor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    pub label: String,
    /// The file, relative to the workspace's folder when it is inside it; empty when the
    /// evidence is not a file (a screen seen, a person interviewed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// The file's SHA-256 (lower-case hex) when it was added.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    #[serde(default)]
    pub collected: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// Format 2's free-text location; folded into the label when the file is loaded and
    /// never written again.
    #[serde(default, skip_serializing)]
    pub location: String,
}

impl EvidenceItem {
    /// Folds a format-2 location into the label ("Policy binder — shelf 3").
    pub fn migrate_location(&mut self) {
        let location = std::mem::take(&mut self.location);
        let location = location.trim();
        if location.is_empty() || self.label.contains(location) {
            return;
        }
        self.label = if self.label.trim().is_empty() {
            location.to_string()
        } else {
            format!("{} — {location}", self.label.trim())
        };
    }

    /// The file's name without its folders, for lists and exports.
    pub fn file_name(&self) -> &str {
        self.file
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(self.file.as_str())
    }
}

/// What verifying an item found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EvidenceState {
    Ok,
    Changed,
    Missing,
    Expired,
    Expiring,
    NoFile,
}

impl EvidenceState {
    /// The word in `evidence --format csv|json` (`state`).
    pub fn word(self) -> &'static str {
        match self {
            EvidenceState::Ok => "ok",
            EvidenceState::Changed => "changed",
            EvidenceState::Missing => "missing",
            EvidenceState::Expired => "expired",
            EvidenceState::Expiring => "expiring",
            EvidenceState::NoFile => "no-file",
        }
    }

    /// A changed or missing file fails `hipaudit evidence verify`.
    pub fn fails(self) -> bool {
        matches!(self, EvidenceState::Changed | EvidenceState::Missing)
    }
}

/// What reading an item's file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCheck {
    /// The item names no file.
    NoFile,
    /// The file is not there, or is not a regular file that can be read (the reason).
    Missing(String),
    /// The file's SHA-256 now.
    Hash(String),
}

/// An item cannot expire before the day it was collected: such a date is a slip of the
/// keyboard (a year off, a swapped field), and would show the evidence as expired from the
/// start. Every place that records an item checks it here.
pub fn check_expiry(collected: NaiveDate, expires: Option<NaiveDate>) -> Result<(), String> {
    match expires {
        Some(e) if e < collected => Err(format!(
            "{e} is before the collection date ({collected}): give a later date, or +1y to count from it"
        )),
        _ => Ok(()),
    }
}

/// Expired (before `today`) or expiring (within `window` days), when it is either.
pub fn expiry(item: &EvidenceItem, today: NaiveDate, window: u32) -> Option<EvidenceState> {
    let e = item.expires?;
    if e < today {
        Some(EvidenceState::Expired)
    } else if today
        .checked_add_days(chrono::Days::new(window.into()))
        .is_none_or(|h| e <= h)
    {
        Some(EvidenceState::Expiring)
    } else {
        None
    }
}

/// The item's state: a changed or missing file first (it breaks the proof), then its
/// expiry, then whether it names a file at all.
pub fn state(
    item: &EvidenceItem,
    check: &FileCheck,
    today: NaiveDate,
    window: u32,
) -> EvidenceState {
    match check {
        FileCheck::Missing(_) => return EvidenceState::Missing,
        FileCheck::Hash(h) if !h.eq_ignore_ascii_case(&item.sha256) => {
            return EvidenceState::Changed;
        }
        _ => {}
    }
    if let Some(s) = expiry(item, today, window) {
        return s;
    }
    match check {
        FileCheck::NoFile => EvidenceState::NoFile,
        _ => EvidenceState::Ok,
    }
}

/// Where an item lives: the question or vendor id and its place in that list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held<'a> {
    pub owner: &'a str,
    pub index: usize,
    pub item: &'a EvidenceItem,
}

impl Held<'_> {
    /// The board id of this item's expiry: `ADM-TR-02/E1` (1-based).
    pub fn board_id(&self) -> String {
        board_id(self.owner, self.index)
    }
}

pub fn board_id(owner: &str, index: usize) -> String {
    format!("{owner}/E{}", index + 1)
}

/// Splits a board id made by `board_id` back into its owner and index.
pub fn parse_board_id(id: &str) -> Option<(&str, usize)> {
    let (owner, n) = id.rsplit_once("/E")?;
    let n: usize = n.parse().ok()?;
    (n >= 1).then(|| (owner, n - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn item(expires: Option<NaiveDate>) -> EvidenceItem {
        EvidenceItem {
            label: "Training certificates".into(),
            file: "evidence/training.pdf".into(),
            sha256: "ab".repeat(32),
            collected: Some(d(2026, 1, 5)),
            expires,
            location: String::new(),
        }
    }

    #[test]
    fn a_changed_or_missing_file_outranks_the_expiry() {
        let today = d(2026, 12, 2);
        let it = item(Some(d(2026, 11, 1)));
        let same = FileCheck::Hash("AB".repeat(32));
        assert_eq!(state(&it, &same, today, 60), EvidenceState::Expired);
        let other = FileCheck::Hash("cd".repeat(32));
        assert_eq!(state(&it, &other, today, 60), EvidenceState::Changed);
        let gone = FileCheck::Missing("no such file".into());
        assert_eq!(state(&it, &gone, today, 60), EvidenceState::Missing);
        assert!(EvidenceState::Changed.fails() && EvidenceState::Missing.fails());
        assert!(!EvidenceState::Expired.fails());
    }

    #[test]
    fn expiry_uses_the_window() {
        let today = d(2026, 12, 2);
        let ok = FileCheck::Hash("ab".repeat(32));
        assert_eq!(
            state(&item(Some(d(2027, 1, 31))), &ok, today, 60),
            EvidenceState::Expiring
        );
        assert_eq!(
            state(&item(Some(d(2027, 2, 1))), &ok, today, 60),
            EvidenceState::Ok
        );
        assert_eq!(
            state(&item(Some(today)), &ok, today, 0),
            EvidenceState::Expiring,
            "expiring today is not yet expired"
        );
        assert_eq!(
            state(&item(None), &FileCheck::NoFile, today, 60),
            EvidenceState::NoFile
        );
    }

    #[test]
    fn format_2_locations_fold_into_the_label() {
        let mut it = EvidenceItem {
            label: "Policy binder".into(),
            location: " shelf 3 ".into(),
            ..EvidenceItem::default()
        };
        it.migrate_location();
        assert_eq!(it.label, "Policy binder — shelf 3");
        assert!(it.location.is_empty());
        let mut bare = EvidenceItem {
            location: "SharePoint/HR".into(),
            ..EvidenceItem::default()
        };
        bare.migrate_location();
        assert_eq!(bare.label, "SharePoint/HR");
        // A label that already names the place is not told it twice.
        let mut named = EvidenceItem {
            label: "Binder on shelf 3".into(),
            location: "shelf 3".into(),
            ..EvidenceItem::default()
        };
        named.migrate_location();
        assert_eq!(named.label, "Binder on shelf 3");
    }

    #[test]
    fn a_file_is_named_without_its_folders_on_either_system() {
        let name = |f: &str| {
            EvidenceItem {
                file: f.into(),
                ..EvidenceItem::default()
            }
            .file_name()
            .to_string()
        };
        assert_eq!(name("policies/2026/baa.pdf"), "baa.pdf");
        assert_eq!(name(r"C:\scans\log.csv"), "log.csv");
        assert_eq!(name("plain.txt"), "plain.txt");
    }

    #[test]
    fn each_evidence_state_has_its_export_word() {
        use EvidenceState::*;
        let words: Vec<_> = [Ok, Changed, Missing, Expired, Expiring, NoFile]
            .map(EvidenceState::word)
            .to_vec();
        assert_eq!(
            words,
            ["ok", "changed", "missing", "expired", "expiring", "no-file"]
        );
    }

    #[test]
    fn board_ids_round_trip() {
        assert_eq!(board_id("ADM-TR-02", 0), "ADM-TR-02/E1");
        assert_eq!(parse_board_id("ADM-TR-02/E1"), Some(("ADM-TR-02", 0)));
        assert_eq!(parse_board_id("BA-03/E12"), Some(("BA-03", 11)));
        assert_eq!(parse_board_id("ADM-TR-02"), None);
        assert_eq!(parse_board_id("X/E0"), None);
    }

    #[test]
    fn an_expiry_before_the_collection_date_is_refused_the_same_day_or_later_is_not() {
        let collected = d(2026, 3, 10);
        let e = check_expiry(collected, Some(d(2026, 3, 9))).unwrap_err();
        assert!(e.contains("2026-03-09") && e.contains("2026-03-10"), "{e}");
        assert_eq!(check_expiry(collected, Some(collected)), Ok(()));
        assert_eq!(check_expiry(collected, Some(d(2027, 3, 10))), Ok(()));
        assert_eq!(check_expiry(collected, None), Ok(()));
    }
}

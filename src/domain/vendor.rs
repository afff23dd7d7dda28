//! The business-associate register: every vendor, what it does with PHI, and whether its
//! business associate agreement (45 CFR 164.308(b), 164.502(e), 164.504(e)) is signed and
//! current. A vendor with PHI and no signed BAA, or one whose BAA has expired, is a gap.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::evidence::EvidenceItem;

/// What a vendor does with protected health information (the BA definition's four verbs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PhiUse {
    Create,
    Receive,
    Maintain,
    Transmit,
}

impl PhiUse {
    pub const ALL: [PhiUse; 4] = [
        PhiUse::Create,
        PhiUse::Receive,
        PhiUse::Maintain,
        PhiUse::Transmit,
    ];

    pub fn word(self) -> &'static str {
        match self {
            PhiUse::Create => "create",
            PhiUse::Receive => "receive",
            PhiUse::Maintain => "maintain",
            PhiUse::Transmit => "transmit",
        }
    }
}

/// One business associate (or a vendor that turned out not to need a BAA).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// `BA-01`, assigned when added, never reused.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service: String,
    /// Creates, receives, maintains or transmits PHI for the covered entity.
    #[serde(default)]
    pub phi: bool,
    /// Which of the four, when known (empty with `phi` = "yes, how not recorded").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phi_uses: Vec<PhiUse>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baa_signed: Option<NaiveDate>,
    /// When the BAA expires or is next due for review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baa_expires: Option<NaiveDate>,
    /// A subcontractor of the MSP (164.502(e)(1)(ii)) rather than a vendor of the client.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subcontractor: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceItem>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// Where a vendor's BAA stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VendorState {
    Ok,
    /// Handles PHI and no BAA is signed.
    Missing,
    Expired,
    /// Expires (or is due for review) within the window.
    Expiring,
    /// Handles no PHI: no BAA is needed.
    NotNeeded,
}

impl VendorState {
    /// The word in `vendors --format csv|json` (`state`).
    pub fn word(self) -> &'static str {
        match self {
            VendorState::Ok => "ok",
            VendorState::Missing => "missing",
            VendorState::Expired => "expired",
            VendorState::Expiring => "expiring",
            VendorState::NotNeeded => "not-needed",
        }
    }

    /// Missing and expired BAAs are findings.
    pub fn is_gap(self) -> bool {
        matches!(self, VendorState::Missing | VendorState::Expired)
    }
}

impl Vendor {
    pub fn state(&self, today: NaiveDate, window: u32) -> VendorState {
        if !self.phi {
            return VendorState::NotNeeded;
        }
        // A BAA dated after today is not in effect yet.
        if self.baa_signed.is_none_or(|s| s > today) {
            return VendorState::Missing;
        }
        match self.baa_expires {
            Some(e) if e < today => VendorState::Expired,
            Some(e)
                if today
                    .checked_add_days(chrono::Days::new(window.into()))
                    .is_none_or(|h| e <= h) =>
            {
                VendorState::Expiring
            }
            _ => VendorState::Ok,
        }
    }

    /// "no", "yes", or the uses ("receive, maintain").
    pub fn phi_text(&self) -> String {
        if !self.phi {
            "no".into()
        } else if self.phi_uses.is_empty() {
            "yes".into()
        } else {
            self.phi_uses
                .iter()
                .map(|u| u.word())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Reads the PHI column of a form or a spreadsheet: no / none / empty, yes, or any of
/// create, receive, maintain, transmit (first letters do) separated by commas, `;`, `/` or
/// spaces.
pub fn parse_phi(text: &str) -> Result<(bool, Vec<PhiUse>), String> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "" | "no" | "n" | "none" | "false" | "0" => return Ok((false, Vec::new())),
        "yes" | "y" | "true" | "1" | "x" => return Ok((true, Vec::new())),
        _ => {}
    }
    let mut uses = Vec::new();
    for word in t.split([',', ';', '/', ' ', '+']).filter(|w| !w.is_empty()) {
        let u = PhiUse::ALL
            .into_iter()
            .find(|u| u.word().starts_with(word) || word.starts_with(u.word()))
            .ok_or_else(|| {
                format!(
                    "PHI '{}': use no, yes, or create, receive, maintain, transmit",
                    text.trim()
                )
            })?;
        if !uses.contains(&u) {
            uses.push(u);
        }
    }
    uses.sort();
    Ok((true, uses))
}

/// Whether a BAA's dates make sense on `today`: signed no later than today, and not expiring
/// before it was signed.
pub fn check_baa_dates(
    signed: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), String> {
    if let Some(s) = signed
        && s > today
    {
        return Err(format!(
            "baa_signed {s} is after today ({today}): give the date it was signed"
        ));
    }
    if let (Some(s), Some(e)) = (signed, expires)
        && e < s
    {
        return Err(format!("baa_expires {e} is before baa_signed {s}"));
    }
    Ok(())
}

/// Reads a yes/no column (the subcontractor flag).
pub fn parse_flag(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => Ok(false),
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        other => Err(format!("'{other}': use yes or no")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn states_follow_phi_signature_and_expiry() {
        let today = d(2026, 12, 2);
        let mut v = Vendor {
            name: "Shred-It".into(),
            ..Vendor::default()
        };
        assert_eq!(v.state(today, 60), VendorState::NotNeeded);
        v.phi = true;
        assert_eq!(v.state(today, 60), VendorState::Missing);
        assert!(v.state(today, 60).is_gap());
        v.baa_signed = Some(d(2025, 1, 1));
        assert_eq!(v.state(today, 60), VendorState::Ok);
        v.baa_expires = Some(d(2027, 1, 15));
        assert_eq!(v.state(today, 60), VendorState::Expiring);
        assert!(!VendorState::Expiring.is_gap());
        v.baa_expires = Some(d(2026, 12, 1));
        assert_eq!(v.state(today, 60), VendorState::Expired);
        // Signed after today: not in effect yet, so still a gap; and refused as input.
        v.baa_signed = Some(d(2027, 6, 1));
        v.baa_expires = None;
        assert_eq!(v.state(today, 60), VendorState::Missing);
        assert!(check_baa_dates(v.baa_signed, None, today).is_err());
        let e = check_baa_dates(Some(d(2026, 1, 1)), Some(d(2025, 1, 1)), today).unwrap_err();
        assert!(e.contains("before baa_signed"), "{e}");
        assert!(check_baa_dates(Some(today), Some(d(2027, 1, 1)), today).is_ok());
    }

    #[test]
    fn baa_dates_are_judged_to_the_day_on_both_sides_of_every_boundary() {
        let today = d(2026, 12, 2);
        let mut v = Vendor {
            phi: true,
            baa_signed: Some(today),
            ..Vendor::default()
        };
        assert_eq!(
            v.state(today, 30),
            VendorState::Ok,
            "signed today is in effect"
        );
        v.baa_signed = Some(d(2026, 12, 3));
        assert_eq!(
            v.state(today, 30),
            VendorState::Missing,
            "signed tomorrow is not"
        );
        v.baa_signed = Some(d(2025, 1, 1));
        v.baa_expires = Some(today);
        assert_eq!(v.state(today, 30), VendorState::Expiring, "expiring today");
        v.baa_expires = Some(d(2026, 12, 1));
        assert_eq!(
            v.state(today, 30),
            VendorState::Expired,
            "expired yesterday"
        );
        v.baa_expires = Some(d(2027, 1, 1));
        assert_eq!(
            v.state(today, 30),
            VendorState::Expiring,
            "the window's last day"
        );
        v.baa_expires = Some(d(2027, 1, 2));
        assert_eq!(v.state(today, 30), VendorState::Ok, "a day past the window");
        assert!(VendorState::Missing.is_gap() && VendorState::Expired.is_gap());
        assert!(!VendorState::Ok.is_gap() && !VendorState::NotNeeded.is_gap());
        assert_eq!(
            [
                VendorState::Ok,
                VendorState::Missing,
                VendorState::Expired,
                VendorState::Expiring,
                VendorState::NotNeeded
            ]
            .map(VendorState::word),
            ["ok", "missing", "expired", "expiring", "not-needed"]
        );
        // Signed today and expiring the day it was signed are both accepted.
        assert!(check_baa_dates(Some(today), Some(today), today).is_ok());
        assert!(check_baa_dates(Some(d(2026, 12, 3)), None, today).is_err());
        assert!(check_baa_dates(Some(today), Some(d(2026, 12, 1)), today).is_err());
        assert!(check_baa_dates(None, Some(d(2020, 1, 1)), today).is_ok());
    }

    #[test]
    fn the_phi_text_says_no_yes_or_the_uses() {
        let mut v = Vendor::default();
        assert_eq!(v.phi_text(), "no");
        v.phi = true;
        assert_eq!(v.phi_text(), "yes");
        v.phi_uses = vec![PhiUse::Receive, PhiUse::Maintain];
        assert_eq!(v.phi_text(), "receive, maintain");
        assert_eq!(
            PhiUse::ALL.map(PhiUse::word),
            ["create", "receive", "maintain", "transmit"]
        );
    }

    #[test]
    fn the_phi_column_reads_yes_no_and_the_four_verbs() {
        assert_eq!(parse_phi(""), Ok((false, vec![])));
        assert_eq!(parse_phi("No"), Ok((false, vec![])));
        assert_eq!(parse_phi("YES"), Ok((true, vec![])));
        assert_eq!(
            parse_phi("transmit; receive, rec"),
            Ok((true, vec![PhiUse::Receive, PhiUse::Transmit]))
        );
        assert!(parse_phi("sometimes").is_err());
        assert_eq!(parse_flag("Y"), Ok(true));
        assert_eq!(parse_flag(" no "), Ok(false));
        assert_eq!(parse_flag(""), Ok(false));
        assert!(parse_flag("maybe").is_err());
        assert_eq!(parse_phi("c"), Ok((true, vec![PhiUse::Create])));
        assert_eq!(parse_phi("create/create"), Ok((true, vec![PhiUse::Create])));
    }
}

//! The 1–5 likelihood and impact rating (NIST SP 800-30 semi-quantitative scale).
//!
//! One type, validated once where a value comes in (file, form, import, bank); everything
//! after works on a value that is known to be in range, so no `u8` arithmetic can wrap and no
//! reader clamps. Serialised as the bare number, so files are unchanged.
use serde::{Deserialize, Serialize};
use std::fmt;

/// A likelihood or impact from 1 (very low) to 5 (very high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const VERY_LOW: Rating = Rating(1);
    pub const LOW: Rating = Rating(2);
    pub const MODERATE: Rating = Rating(3);
    pub const HIGH: Rating = Rating(4);
    pub const VERY_HIGH: Rating = Rating(5);
    /// Every rating, lowest first.
    pub const ALL: [Rating; 5] = [
        Rating::VERY_LOW,
        Rating::LOW,
        Rating::MODERATE,
        Rating::HIGH,
        Rating::VERY_HIGH,
    ];

    /// `None` outside 1–5.
    pub const fn new(v: u8) -> Option<Rating> {
        if v >= 1 && v <= 5 {
            Some(Rating(v))
        } else {
            None
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }

    /// Zero-based position (0–4), for table lookups.
    pub const fn index(self) -> usize {
        self.0 as usize - 1
    }

    /// One step up the scale, staying at 5.
    pub const fn higher(self) -> Rating {
        if self.0 < 5 { Rating(self.0 + 1) } else { self }
    }

    /// One step down the scale, staying at 1.
    pub const fn lower(self) -> Rating {
        if self.0 > 1 { Rating(self.0 - 1) } else { self }
    }

    /// Likelihood × impact, 1–25.
    pub const fn score(likelihood: Rating, impact: Rating) -> u8 {
        likelihood.0 * impact.0
    }

    /// The scale's name for this value.
    pub fn name(self) -> &'static str {
        match self.0 {
            1 => "Very low",
            2 => "Low",
            3 => "Moderate",
            4 => "High",
            _ => "Very high",
        }
    }

    /// Reads a typed value: `3`, ` 3 `. The error says what was wrong, in the user's words.
    pub fn parse(text: &str) -> Result<Rating, String> {
        let t = text.trim();
        t.parse::<u8>()
            .ok()
            .and_then(Rating::new)
            .ok_or_else(|| format!("'{}' is not 1-5", crate::domain::text::clean_line(t)))
    }

    /// An optional value: empty text is `None`.
    pub fn parse_optional(text: &str) -> Result<Option<Rating>, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Rating::parse(text).map(Some)
        }
    }
}

/// The middle of the scale, for a blank form.
impl Default for Rating {
    fn default() -> Rating {
        Rating::MODERATE
    }
}

impl TryFrom<u8> for Rating {
    type Error = String;
    fn try_from(v: u8) -> Result<Rating, String> {
        Rating::new(v).ok_or_else(|| format!("a likelihood or impact must be 1-5, not {v}"))
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five_exist() {
        for v in 0..=255u8 {
            assert_eq!(Rating::new(v).is_some(), (1..=5).contains(&v), "{v}");
        }
        assert_eq!(Rating::ALL.map(Rating::get), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn parse_says_what_was_wrong() {
        assert_eq!(Rating::parse(" 4 "), Ok(Rating::HIGH));
        assert_eq!(Rating::parse("9"), Err("'9' is not 1-5".into()));
        assert_eq!(Rating::parse("256"), Err("'256' is not 1-5".into()));
        assert_eq!(Rating::parse("-1"), Err("'-1' is not 1-5".into()));
        assert_eq!(Rating::parse_optional("  "), Ok(None));
        assert!(Rating::parse_optional("x").is_err());
    }

    #[test]
    fn the_largest_score_does_not_wrap() {
        assert_eq!(Rating::score(Rating::VERY_HIGH, Rating::VERY_HIGH), 25);
        assert_eq!(Rating::score(Rating::VERY_LOW, Rating::VERY_LOW), 1);
        assert_eq!(Rating::VERY_HIGH.higher(), Rating::VERY_HIGH);
        assert_eq!(Rating::VERY_LOW.lower(), Rating::VERY_LOW);
        assert_eq!(Rating::LOW.higher().lower(), Rating::LOW);
    }

    #[test]
    fn files_keep_the_bare_number_and_refuse_out_of_range() {
        assert_eq!(ron::to_string(&Rating::HIGH).unwrap(), "4");
        assert_eq!(ron::from_str::<Rating>("2").unwrap(), Rating::LOW);
        let e = ron::from_str::<Rating>("255").unwrap_err().to_string();
        assert!(e.contains("1-5"), "{e}");
        assert!(ron::from_str::<Rating>("0").is_err());
    }
}

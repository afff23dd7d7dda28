//! Risk levels from likelihood and impact, after NIST SP 800-30 Rev. 1, Table I-2.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::rating::Rating;

/// The five qualitative levels of SP 800-30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskLevel {
    VeryLow,
    Low,
    Moderate,
    High,
    VeryHigh,
}

/// Rows: likelihood 1 (very low) to 5 (very high); columns: impact 1 to 5.
const TABLE_I2: [[RiskLevel; 5]; 5] = {
    use RiskLevel::*;
    [
        [VeryLow, VeryLow, VeryLow, Low, Low],
        [VeryLow, Low, Low, Low, Moderate],
        [VeryLow, Low, Moderate, Moderate, High],
        [VeryLow, Low, Moderate, High, VeryHigh],
        [VeryLow, Low, Moderate, High, VeryHigh],
    ]
};

impl RiskLevel {
    /// Lowest first.
    pub const ALL: [RiskLevel; 5] = [
        RiskLevel::VeryLow,
        RiskLevel::Low,
        RiskLevel::Moderate,
        RiskLevel::High,
        RiskLevel::VeryHigh,
    ];

    /// The level's colour (RGB hex, no `#`), the one place it is set: the HTML report's
    /// matrix, the Word report's matrix and the workbook's level cells all use it.
    pub fn fill(self) -> &'static str {
        match self {
            RiskLevel::VeryLow => "8FD19E",
            RiskLevel::Low => "C7E9A0",
            RiskLevel::Moderate => "FFE08A",
            RiskLevel::High => "F6A26B",
            RiskLevel::VeryHigh => "E8615A",
        }
    }

    /// The level for a likelihood and an impact.
    pub fn of(likelihood: Rating, impact: Rating) -> RiskLevel {
        TABLE_I2[likelihood.index()][impact.index()]
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::VeryLow => "Very low",
            RiskLevel::Low => "Low",
            RiskLevel::Moderate => "Moderate",
            RiskLevel::High => "High",
            RiskLevel::VeryHigh => "Very high",
        }
    }

    /// The word a filter names the level by (`level:very-high`), the way `parse` reads it.
    pub fn word(self) -> &'static str {
        match self {
            RiskLevel::VeryLow => "very-low",
            RiskLevel::Low => "low",
            RiskLevel::Moderate => "moderate",
            RiskLevel::High => "high",
            RiskLevel::VeryHigh => "very-high",
        }
    }

    /// A level as a filter writes it: `high`, `very-high` (or `very_high`, `veryhigh`),
    /// `moderate` (or `medium`), or the short forms `vh h m l vl`; any case.
    pub fn parse(word: &str) -> Option<RiskLevel> {
        let w: String = word
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        Some(match w.as_str() {
            "veryhigh" | "vh" => RiskLevel::VeryHigh,
            "high" | "h" => RiskLevel::High,
            "moderate" | "medium" | "m" => RiskLevel::Moderate,
            "low" | "l" => RiskLevel::Low,
            "verylow" | "vl" => RiskLevel::VeryLow,
            _ => return None,
        })
    }

    /// A short form for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            RiskLevel::VeryLow => "VL",
            RiskLevel::Low => "L",
            RiskLevel::Moderate => "M",
            RiskLevel::High => "H",
            RiskLevel::VeryHigh => "VH",
        }
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RiskLevel::*;

    #[test]
    fn every_cell_matches_table_i2() {
        let expected = [
            (5, [VeryLow, Low, Moderate, High, VeryHigh]),
            (4, [VeryLow, Low, Moderate, High, VeryHigh]),
            (3, [VeryLow, Low, Moderate, Moderate, High]),
            (2, [VeryLow, Low, Low, Low, Moderate]),
            (1, [VeryLow, VeryLow, VeryLow, Low, Low]),
        ];
        for (l, row) in expected {
            let l = Rating::new(l).unwrap();
            for (i, level) in Rating::ALL.into_iter().zip(row) {
                assert_eq!(RiskLevel::of(l, i), level, "L{l} I{i}");
            }
        }
    }
}

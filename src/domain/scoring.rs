//! Risk levels from likelihood and impact, after NIST SP 800-30 Rev. 1, Table I-2.

use std::fmt;

use serde::Serialize;

/// The five qualitative levels of SP 800-30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    /// The level for a likelihood and an impact on 1-5 scales (values outside are clamped).
    pub fn of(likelihood: u8, impact: u8) -> RiskLevel {
        let l = usize::from(likelihood.clamp(1, 5)) - 1;
        let i = usize::from(impact.clamp(1, 5)) - 1;
        TABLE_I2[l][i]
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

/// The named level of a 1-5 likelihood or impact value.
pub fn scale_name(v: u8) -> &'static str {
    match v {
        1 => "Very low",
        2 => "Low",
        3 => "Moderate",
        4 => "High",
        _ => "Very high",
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
            for (i, level) in row.into_iter().enumerate() {
                assert_eq!(RiskLevel::of(l, i as u8 + 1), level, "L{l} I{}", i + 1);
            }
        }
        assert_eq!(RiskLevel::of(0, 9), RiskLevel::of(1, 5));
    }
}

//! How the board is looked at: its order and its filters. Saved with the workspace so a
//! reopened workspace looks the same; never a reason for a new backup generation.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Area;
use crate::domain::scoring::RiskLevel;
use crate::domain::status::{GapKind, RemediationStatus};

/// The orders the board offers; `O` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum GapSort {
    #[default]
    Due,
    Risk,
    Area,
    Owner,
    Status,
}

impl GapSort {
    pub const ALL: [GapSort; 5] = [
        GapSort::Due,
        GapSort::Risk,
        GapSort::Area,
        GapSort::Owner,
        GapSort::Status,
    ];

    pub fn next(self) -> GapSort {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            GapSort::Due => "due date",
            GapSort::Risk => "risk",
            GapSort::Area => "area",
            GapSort::Owner => "owner",
            GapSort::Status => "status",
        }
    }

    pub fn parse(s: &str) -> Option<GapSort> {
        let s = s.trim().to_ascii_lowercase();
        GapSort::ALL
            .into_iter()
            .find(|g| g.label() == s || g.label().starts_with(&s) && !s.is_empty())
    }
}

impl fmt::Display for GapSort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The board's filters; all that are set must hold. Saved with the workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RemediationStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    /// Only the risk register's gaps (`area:register`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub register: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overdue: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unassigned: bool,
    /// Only gaps carried from the last assessment and not re-verified yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverify: bool,
    /// Only gaps at this risk level (`level:high`), or at it and above (`level:moderate+`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<RiskLevel>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub level_and_above: bool,
    /// Only one kind of item (`kind:vendor`): questions, register risks, vendors, expiring
    /// evidence, yearly duties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<GapKind>,
    /// Only gaps without a due date (`nodue`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_due: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl GapFilter {
    pub fn is_empty(&self) -> bool {
        *self == GapFilter::default()
    }

    /// Reads the filter line the board's `f` prompt takes:
    /// `owner:dana status:open area:nist level:high+ kind:vendor overdue unassigned nodue
    /// accepted reverify` and free words.
    pub fn parse(line: &str) -> Result<GapFilter, String> {
        let mut f = GapFilter::default();
        let mut words = Vec::new();
        for token in line.split_whitespace() {
            let (key, value) = match token.split_once(':') {
                Some((k, v)) => (k.to_ascii_lowercase(), v),
                None => (String::new(), token),
            };
            match key.as_str() {
                "owner" | "o" => f.owner = Some(value.replace('_', " ")),
                "status" | "s" => {
                    f.status = Some(RemediationStatus::parse(value).ok_or_else(|| {
                        format!("status:{value}? use open, progress, done or accepted")
                    })?)
                }
                "area" | "a" if value.eq_ignore_ascii_case("register") => f.register = true,
                "area" | "a" => {
                    f.area = Some(Area::parse(value).ok_or_else(|| {
                        format!("area:{value}? use privacy, administrative, nist, risk or register")
                    })?)
                }
                "level" | "l" => {
                    let (word, up) = match value.strip_suffix('+') {
                        Some(w) => (w, true),
                        None => (value, false),
                    };
                    f.level = Some(RiskLevel::parse(word).ok_or_else(|| {
                        format!(
                            "level:{value}? use very-high, high, moderate, low or very-low, \
                             with + for that level and above (level:moderate+)"
                        )
                    })?);
                    f.level_and_above = up;
                }
                "kind" | "k" => {
                    f.kind = Some(GapKind::parse(value).ok_or_else(|| {
                        format!("kind:{value}? use question, register, vendor, evidence or renewal")
                    })?)
                }
                "" if value.eq_ignore_ascii_case("overdue") => f.overdue = true,
                "" if value.eq_ignore_ascii_case("nodue") => f.no_due = true,
                "" if value.eq_ignore_ascii_case("accepted") => {
                    f.status = Some(RemediationStatus::RiskAccepted)
                }
                "" if value.eq_ignore_ascii_case("unassigned") => f.unassigned = true,
                "" if value.eq_ignore_ascii_case("reverify") => f.reverify = true,
                "" => words.push(value),
                _ => {
                    return Err(format!(
                        "'{key}:' is not a filter: use owner:, status:, area:, level:, kind:"
                    ));
                }
            }
        }
        f.text = words.join(" ");
        Ok(f)
    }

    /// The filter written the way `parse` reads it, for the header and the prompt.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(o) = &self.owner {
            parts.push(format!("owner:{}", o.replace(' ', "_")));
        }
        if let Some(s) = self.status {
            let word = match s {
                RemediationStatus::Open => "open",
                RemediationStatus::InProgress => "progress",
                RemediationStatus::Done => "done",
                RemediationStatus::RiskAccepted => "accepted",
            };
            parts.push(format!("status:{word}"));
        }
        if let Some(a) = self.area {
            parts.push(format!("area:{}", a.name().to_lowercase()));
        }
        if self.register {
            parts.push("area:register".into());
        }
        if let Some(l) = self.level {
            let up = if self.level_and_above { "+" } else { "" };
            parts.push(format!("level:{}{up}", l.word()));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind:{}", k.filter_word()));
        }
        if self.overdue {
            parts.push("overdue".into());
        }
        if self.no_due {
            parts.push("nodue".into());
        }
        if self.reverify {
            parts.push("reverify".into());
        }
        if self.unassigned {
            parts.push("unassigned".into());
        }
        if !self.text.is_empty() {
            parts.push(self.text.clone());
        }
        parts.join(" ")
    }
}

/// How the board looks: kept in the workspace so a reopened workspace looks the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardView {
    #[serde(default)]
    pub sort: GapSort,
    #[serde(default)]
    pub filter: GapFilter,
    /// Where the user was when the workspace was last saved.
    #[serde(default, skip_serializing_if = "Place::is_empty")]
    pub place: Place,
}

/// Where the user was: the tab, the question of each audit tab and the board's gap, so a
/// reopened workspace resumes there. Saved with the view, never a new backup generation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The tab's title (`Privacy`, `Gaps`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    /// The question under the cursor of each audit tab, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// The board's selected gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<String>,
}

impl Place {
    pub fn is_empty(&self) -> bool {
        *self == Place::default()
    }
}

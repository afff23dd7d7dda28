//! The words of the audit's states: an answer, where remediation stands, how a risk is
//! treated. Plain enums with their labels, shared by the workspace, the board and the views.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The answer given to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum AnswerStatus {
    #[default]
    Unanswered,
    Yes,
    Partial,
    No,
    NotApplicable,
}

impl AnswerStatus {
    pub fn label(self) -> &'static str {
        match self {
            AnswerStatus::Unanswered => "Unanswered",
            AnswerStatus::Yes => "Yes",
            AnswerStatus::Partial => "Partial",
            AnswerStatus::No => "No",
            AnswerStatus::NotApplicable => "N/A",
        }
    }

    /// A one-character mark that carries the meaning without colour.
    pub fn mark(self) -> &'static str {
        match self {
            AnswerStatus::Unanswered => "·",
            AnswerStatus::Yes => "✓",
            AnswerStatus::Partial => "◐",
            AnswerStatus::No => "✗",
            AnswerStatus::NotApplicable => "–",
        }
    }

    pub fn is_gap(self) -> bool {
        matches!(self, AnswerStatus::Partial | AnswerStatus::No)
    }

    pub fn parse(s: &str) -> Option<AnswerStatus> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" => Some(AnswerStatus::Yes),
            "partial" | "p" => Some(AnswerStatus::Partial),
            "no" | "n" => Some(AnswerStatus::No),
            "na" | "n/a" | "x" | "not applicable" => Some(AnswerStatus::NotApplicable),
            "" | "unanswered" | "u" => Some(AnswerStatus::Unanswered),
            _ => None,
        }
    }
}

impl fmt::Display for AnswerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where the work to close a gap stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum RemediationStatus {
    #[default]
    Open,
    InProgress,
    Done,
    RiskAccepted,
}

impl RemediationStatus {
    pub const ALL: [RemediationStatus; 4] = [
        RemediationStatus::Open,
        RemediationStatus::InProgress,
        RemediationStatus::Done,
        RemediationStatus::RiskAccepted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RemediationStatus::Open => "Open",
            RemediationStatus::InProgress => "In progress",
            RemediationStatus::Done => "Done",
            RemediationStatus::RiskAccepted => "Risk accepted",
        }
    }

    /// The next status in the cycle `s` steps through.
    pub fn next(self) -> RemediationStatus {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// Closed work is never overdue.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            RemediationStatus::Done | RemediationStatus::RiskAccepted
        )
    }

    pub fn parse(s: &str) -> Option<RemediationStatus> {
        let s: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        match s.as_str() {
            "open" => Some(RemediationStatus::Open),
            "inprogress" | "progress" | "wip" => Some(RemediationStatus::InProgress),
            "done" | "closed" => Some(RemediationStatus::Done),
            "riskaccepted" | "accepted" => Some(RemediationStatus::RiskAccepted),
            _ => None,
        }
    }
}

impl fmt::Display for RemediationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How a risk is to be treated (NIST SP 800-39's responses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Treatment {
    #[default]
    Mitigate,
    Accept,
    Transfer,
    Avoid,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [
        Treatment::Mitigate,
        Treatment::Accept,
        Treatment::Transfer,
        Treatment::Avoid,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Mitigate => "Mitigate",
            Treatment::Accept => "Accept",
            Treatment::Transfer => "Transfer",
            Treatment::Avoid => "Avoid",
        }
    }

    pub fn next(self) -> Treatment {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn parse(s: &str) -> Option<Treatment> {
        Self::ALL
            .into_iter()
            .find(|t| t.label().eq_ignore_ascii_case(s.trim()))
    }
}

/// What made a board item: a No/Partial answer, a register risk, a business associate
/// without a current BAA, evidence expiring, or a yearly duty coming due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum GapKind {
    #[default]
    Question,
    Risk,
    Vendor,
    Evidence,
    Renewal,
    /// A remediation project's row on the board (never a gap of its own).
    Project,
}

impl GapKind {
    pub const ALL: [GapKind; 6] = [
        GapKind::Question,
        GapKind::Risk,
        GapKind::Vendor,
        GapKind::Evidence,
        GapKind::Renewal,
        GapKind::Project,
    ];

    /// The word in exports (`gaps --format json`: `kind`).
    pub fn word(self) -> &'static str {
        match self {
            GapKind::Question => "question",
            GapKind::Risk => "risk",
            GapKind::Vendor => "vendor",
            GapKind::Evidence => "evidence",
            GapKind::Renewal => "renewal",
            GapKind::Project => "project",
        }
    }

    /// The word a filter names it by (`kind:register` for the register's risks).
    pub fn filter_word(self) -> &'static str {
        match self {
            GapKind::Risk => "register",
            k => k.word(),
        }
    }

    /// A filter's kind word (`register` or `risk` for the register), any case.
    pub fn parse(word: &str) -> Option<GapKind> {
        let w = word.to_ascii_lowercase();
        GapKind::ALL
            .into_iter()
            .find(|k| k.word() == w || k.filter_word() == w)
    }
}

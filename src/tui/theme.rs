//! Colours that vanish under `NO_COLOR`; every status is spelled or marked as well, so the
//! screen reads the same without them.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use crate::domain::workspace::AnswerStatus;

use crate::domain::scoring::RiskLevel;

/// Colours that vanish under `NO_COLOR`.
pub struct Theme {
    pub(crate) color: bool,
}

impl Theme {
    pub(crate) fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub(crate) fn answer(&self, s: AnswerStatus) -> Style {
        self.fg(match s {
            AnswerStatus::Yes => Color::Green,
            AnswerStatus::Partial => Color::Yellow,
            AnswerStatus::No => Color::Red,
            AnswerStatus::NotApplicable => Color::DarkGray,
            AnswerStatus::Unanswered => Color::Gray,
        })
    }
    pub(crate) fn level(&self, l: RiskLevel) -> Style {
        self.fg(match l {
            RiskLevel::VeryLow => Color::Green,
            RiskLevel::Low => Color::LightGreen,
            RiskLevel::Moderate => Color::Yellow,
            RiskLevel::High => Color::LightRed,
            RiskLevel::VeryHigh => Color::Red,
        })
    }
    /// Carried from the last assessment, still to re-verify (`↻`).
    pub(crate) fn carried(&self) -> Style {
        self.fg(Color::Magenta)
    }

    pub(crate) fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub(crate) fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }
    pub(crate) fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub(crate) fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

pub(crate) const REDACTED: &str = "[redacted: R shows notes and plans]";

/// A box centred in `area`, at most `w` x `h`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

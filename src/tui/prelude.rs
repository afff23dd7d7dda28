//! What the tab and overlay files share: the app's types, the drawing theme, ratatui's
//! widgets and the domain's words. One glob import each keeps those files about their own
//! screen.

pub(crate) use ratatui::Frame;
pub(crate) use ratatui::crossterm::event::{KeyCode, KeyEvent};
pub(crate) use ratatui::layout::Rect;
pub(crate) use ratatui::text::{Line, Span};

pub(crate) use crate::domain::dates;
pub(crate) use crate::domain::rating::Rating;
pub(crate) use crate::domain::workspace::{RemediationField, RemediationStatus};
pub(crate) use chrono::NaiveDate;

pub(crate) use crate::tui::app::*;
pub(crate) use crate::tui::keymap::{self, Action, Context};
pub(crate) use crate::tui::state::*;
pub(crate) use crate::tui::theme::Theme;

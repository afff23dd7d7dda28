//! What the tab and overlay files share: the app's types, the drawing theme, ratatui's
//! widgets and the domain's words. One glob import each keeps those files about their own
//! screen.

pub(crate) use std::path::PathBuf;

pub(crate) use ratatui::Frame;
pub(crate) use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
pub(crate) use ratatui::layout::{Constraint, Layout, Rect};
pub(crate) use ratatui::style::{Color, Modifier, Style};
pub(crate) use ratatui::text::{Line, Span};
pub(crate) use ratatui::widgets::{
    Bar, BarChart, Block, Borders, Clear, LineGauge, List, ListItem, ListState, Paragraph, Row,
    Sparkline, Table, Wrap,
};

pub(crate) use crate::domain::board::{self, GapFilter, progress};
pub(crate) use crate::domain::catalog::Area;
pub(crate) use crate::domain::dates;
pub(crate) use crate::domain::gaps::Gap;
pub(crate) use crate::domain::rating::Rating;
pub(crate) use crate::domain::risk;
pub(crate) use crate::domain::scoring::RiskLevel;
pub(crate) use crate::domain::text::truncate_clean as truncate;
pub(crate) use crate::domain::workspace::{RemediationField, RemediationStatus, RiskEntry};
pub(crate) use chrono::NaiveDate;

pub(crate) use crate::tui::app::*;
pub(crate) use crate::tui::keymap::{self, Action, BINDINGS, Context};
pub(crate) use crate::tui::state::*;
pub(crate) use crate::tui::theme::{REDACTED, Theme, centered};

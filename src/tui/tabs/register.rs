//! The risk register (the Risk tab's last section) and the 5x5 matrix.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::RiskEntry;
use crate::tui::cx::{Cx, View};
use crate::tui::doc::Doc;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::{Mode, RiskForm};
use crate::tui::theme::Theme;
use crate::tui::widgets::gap_card::gap_lines;

/// The risk register's own state (Risk tab, the pane under the sections).
#[derive(Debug, Default)]
pub struct RegisterScreen {
    pub row: usize,
    /// The matrix shows residual risk (after treatment) instead of inherent risk.
    pub residual: bool,
    /// Entries deleted in this session, newest last, for undo.
    pub deleted: Vec<(usize, RiskEntry)>,
}

impl RegisterScreen {
    /// The matrix's basis now.
    pub fn basis(&self) -> risk::Basis {
        if self.residual {
            risk::Basis::Residual
        } else {
            risk::Basis::Inherent
        }
    }

    /// The entry under the cursor (when the register is open).
    pub fn current<'a>(&self, doc: &'a Doc) -> Option<&'a RiskEntry> {
        doc.ws
            .risks
            .get(self.row.min(doc.ws.risks.len().saturating_sub(1)))
    }

    /// The register's keys: add, edit, delete and undo, treatment, the matrix cursor.
    pub fn handle(&mut self, action: Action, cx: &mut Cx) -> Vec<Effect> {
        match action {
            Action::AddRisk => {
                *cx.mode = Mode::Library {
                    selected: 0,
                    asset: None,
                }
            }
            Action::EditRisk => {
                if let Some(r) = self.current(cx.doc) {
                    *cx.mode = Mode::RiskForm(Box::new(RiskForm::from_entry(r)));
                }
            }
            Action::DeleteRisk => {
                if let Some(r) = self.current(cx.doc) {
                    *cx.mode = Mode::ConfirmDelete(r.id.clone());
                }
            }
            Action::UndoDelete => match self.deleted.pop() {
                Some((at, entry)) => {
                    let actor = cx.actor();
                    let id = entry.id.clone();
                    let gone = cx.doc.ws.restore_risk(at, entry, &actor);
                    self.row = at.min(cx.doc.ws.risks.len().saturating_sub(1));
                    cx.doc.risk_changed();
                    cx.set_message(if gone.is_empty() {
                        format!("{id} restored")
                    } else {
                        format!(
                            "{id} restored without {}, deleted from the inventory since",
                            gone.join(", ")
                        )
                    });
                }
                None => cx.set_message("nothing to undo"),
            },
            Action::CycleTreatment => {
                if let Some(r) = self.current(cx.doc) {
                    let mut e = r.clone();
                    e.treatment = e.treatment.next();
                    let msg = format!("{}: treatment {}", e.id, e.treatment.label());
                    let actor = cx.actor();
                    let id = e.id.clone();
                    if cx.doc.ws.update_risk(e, &actor) {
                        cx.doc.risk_entry_changed(&id);
                    }
                    cx.set_message(msg);
                }
            }
            Action::MatrixCursor => {
                let (l, i) = self
                    .current(cx.doc)
                    .map(|r| risk::rating(r, self.basis()))
                    .unwrap_or((Rating::MODERATE, Rating::MODERATE));
                *cx.mode = Mode::Matrix {
                    likelihood: l,
                    impact: i,
                };
            }
            Action::ToggleResidual => {
                self.residual = !self.residual;
                cx.set_message(if self.residual {
                    "matrix: residual risk (after treatment targets)"
                } else {
                    "matrix: inherent risk (as rated)"
                });
            }
            _ => {}
        }
        vec![]
    }

    /// The matrix cursor: move a cell, switch inherent / residual, leave.
    pub fn matrix_key(
        &mut self,
        likelihood: Rating,
        impact: Rating,
        key: KeyEvent,
        cx: &mut Cx,
    ) -> Vec<Effect> {
        let (mut l, mut i) = (likelihood, impact);
        match keymap::lookup(&[Context::Matrix], &key) {
            Some(Action::CellUp) => l = l.higher(),
            Some(Action::CellDown) => l = l.lower(),
            Some(Action::CellRight) => i = i.higher(),
            Some(Action::CellLeft) => i = i.lower(),
            Some(Action::ToggleResidual) => self.residual = !self.residual,
            _ => return vec![],
        }
        *cx.mode = Mode::Matrix {
            likelihood: l,
            impact: i,
        };
        vec![]
    }

    /// The register open under the sections: its list, the matrix and the detail.
    pub fn draw(&self, f: &mut Frame, v: &View, list: Rect, detail: Rect, border: Style) {
        draw_register(f, self, v, list, detail, border);
    }
}

pub(crate) fn level_bg(t: &Theme, l: RiskLevel) -> Style {
    if !t.color {
        return Style::default();
    }
    let bg = match l {
        RiskLevel::VeryLow => Color::Green,
        RiskLevel::Low => Color::LightGreen,
        RiskLevel::Moderate => Color::Yellow,
        RiskLevel::High => Color::LightRed,
        RiskLevel::VeryHigh => Color::Red,
    };
    Style::default().bg(bg).fg(Color::Black)
}

/// The 5x5 heat map: likelihood rows (5 at the top), impact columns; each cell shows its
/// level's letters and its count, so it reads without colour too.
pub(crate) fn draw_matrix(
    f: &mut Frame,
    s: &RegisterScreen,
    v: &View,
    area: Rect,
    cursor: Option<(Rating, Rating)>,
    compact: bool,
) {
    let t = v.theme;
    let cells = risk::matrix(&v.doc.ws, s.basis());
    let basis = if s.residual { "residual" } else { "inherent" };
    let block = Block::bordered().title(format!(" Risk matrix ({basis}) "));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let cell_w: u16 = if compact { 5 } else { 7 };
    let mut lines = Vec::new();
    for l in Rating::ALL.into_iter().rev() {
        let mut spans = vec![Span::styled(
            format!(
                "{} ",
                if compact {
                    l.to_string()
                } else {
                    format!("L{l}")
                }
            ),
            t.dim(),
        )];
        for i in Rating::ALL {
            let n = cells[l.index()][i.index()];
            let level = RiskLevel::of(l, i);
            let label = if n == 0 {
                level.short().to_string()
            } else {
                format!("{}:{n}", level.short())
            };
            let w = usize::from(cell_w);
            let here = cursor == Some((l, i));
            // The cursor's brackets only where they fit beside the whole label: a cut label
            // ("H:1" for "VH:1") would read as another level.
            let text = if here && label.chars().count() + 2 <= w {
                format!("{:^w$}", format!("[{label}]"))
            } else {
                format!("{label:^w$}")
            };
            let mut style = level_bg(t, level);
            if n > 0 {
                style = style.add_modifier(Modifier::BOLD);
            }
            if here {
                style = style.add_modifier(Modifier::REVERSED);
            }
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    let mut axis = String::from(if compact { "  " } else { "   " });
    for i in 1..=5 {
        axis.push_str(&format!("{:^w$}", format!("I{i}"), w = usize::from(cell_w)));
    }
    lines.push(Line::from(Span::styled(axis, t.dim())));
    if !compact {
        lines.push(Line::from(Span::styled(
            "likelihood ↑  impact →  (level:count)",
            t.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

pub(crate) fn draw_register(
    f: &mut Frame,
    s: &RegisterScreen,
    v: &View,
    list_area: Rect,
    right: Rect,
    border: Style,
) {
    let t = v.theme;
    draw_risk_list(f, s, v, list_area, border);
    let cursor = match *v.mode {
        Mode::Matrix { likelihood, impact } => Some((likelihood, impact)),
        _ => None,
    };
    let compact = right.width < 48;
    let matrix_h = if compact { 8 } else { 9 };
    let [mx, detail] =
        Layout::vertical([Constraint::Length(matrix_h), Constraint::Min(3)]).areas(right);
    let mw = if compact { 29 } else { 40 };
    let [mx, mx_side] =
        Layout::horizontal([Constraint::Length(mw.min(mx.width)), Constraint::Min(0)]).areas(mx);
    draw_matrix(f, s, v, mx, cursor, compact);
    draw_legend(f, t, mx_side);
    match cursor {
        Some((l, i)) => draw_cell(f, s, v, detail, l, i),
        None => draw_risk_detail(f, s, v, detail),
    }
}

/// The register's list, one line a risk with its score and level.
fn draw_risk_list(f: &mut Frame, s: &RegisterScreen, v: &View, list_area: Rect, border: Style) {
    let t = v.theme;
    let w = usize::from(list_area.width.saturating_sub(2));
    let risks = &v.doc.ws.risks;
    let (rows, sel) = crate::tui::session::visible_rows(risks.len(), s.row, list_area.height);
    let items: Vec<ListItem> = risks[rows]
        .iter()
        .map(|r| {
            let level = RiskLevel::of(r.likelihood, r.impact);
            let open = if r.rerate {
                "↻"
            } else if risk::is_open(r) {
                " "
            } else {
                "·"
            };
            ListItem::new(Line::from(vec![
                Span::styled(
                    format!(
                        "{:>2} {:<2}",
                        Rating::score(r.likelihood, r.impact),
                        level.short()
                    ),
                    t.level(level),
                ),
                Span::raw(truncate(
                    &format!("{open}{} {:<8} {}", r.id, r.treatment.label(), r.title),
                    w.saturating_sub(6),
                )),
            ]))
        })
        .collect();
    let empty = items.is_empty();
    let mut st = ListState::default().with_selected((!empty).then_some(sel));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(" Risk register · A add · e edit · D delete ")
                    .border_style(border),
            )
            .highlight_style(t.selected()),
        list_area,
        &mut st,
    );
}

/// The colour key beside the matrix, when there is room.
fn draw_legend(f: &mut Frame, t: &Theme, mx_side: Rect) {
    if mx_side.width <= 10 {
        return;
    }
    let lines = vec![
        Line::from(Span::styled(
            "Level (SP 800-30)",
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(
            " VH very high",
            level_bg(t, RiskLevel::VeryHigh),
        )),
        Line::from(Span::styled(" H  high", level_bg(t, RiskLevel::High))),
        Line::from(Span::styled(
            " M  moderate",
            level_bg(t, RiskLevel::Moderate),
        )),
        Line::from(Span::styled(" L  low", level_bg(t, RiskLevel::Low))),
        Line::from(Span::styled(
            " VL very low",
            level_bg(t, RiskLevel::VeryLow),
        )),
        Line::from(Span::styled("m cursor · v residual", t.dim())),
    ];
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::LEFT)),
        mx_side,
    );
}

/// The matrix cell under the cursor and the risks in it.
fn draw_cell(f: &mut Frame, s: &RegisterScreen, v: &View, detail: Rect, l: Rating, i: Rating) {
    let t = v.theme;
    let inside = risk::in_cell(&v.doc.ws, s.basis(), l, i);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Likelihood {l} ({}) × impact {i} ({}): {} · {}",
            l.name(),
            i.name(),
            RiskLevel::of(l, i).label(),
            crate::domain::text::count(inside.len(), "risk", "risks")
        ),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    lines.extend(
        inside
            .iter()
            .map(|r| Line::from(format!("{} {} ({})", r.id, r.title, r.treatment.label()))),
    );
    lines.push(Line::from(Span::styled(
        "arrows move · v inherent/residual · Esc leaves",
        t.dim(),
    )));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Cell ")),
        detail,
    );
}

/// The selected risk: its rating, residual, board state and fields.
fn draw_risk_detail(f: &mut Frame, s: &RegisterScreen, v: &View, detail: Rect) {
    let t = v.theme;
    let Some(r) = s.current(v.doc) else {
        f.render_widget(
            Paragraph::new("The register is empty. A adds a risk from the library of common threats to small practices and MSPs, or a blank one.")
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            detail,
        );
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let level = RiskLevel::of(r.likelihood, r.impact);
    let mut lines = vec![
        Line::from(Span::styled(r.title.clone(), bold)),
        Line::from(vec![
            Span::raw("Risk "),
            Span::styled(
                format!(
                    "{} {}",
                    Rating::score(r.likelihood, r.impact),
                    level.label()
                ),
                t.level(level),
            ),
            Span::raw(format!(
                " (likelihood {} {}, impact {} {}) · treatment {}",
                r.likelihood,
                r.likelihood.name(),
                r.impact,
                r.impact.name(),
                r.treatment.label()
            )),
        ]),
    ];
    if r.target_likelihood.is_some() || r.target_impact.is_some() {
        let (tl, ti) = risk::rating(r, risk::Basis::Residual);
        lines.push(Line::from(format!(
            "Residual after treatment: {} {}",
            Rating::score(tl, ti),
            RiskLevel::of(tl, ti).label()
        )));
    }
    if let Some(g) = v.doc.gaps().iter().find(|g| g.id == r.id) {
        lines.extend(gap_lines(v.doc.today, v.settings.redact, t, g));
    } else if !risk::is_open(r) {
        lines.push(Line::from(Span::styled(
            "Not on the board: accepted, or rated Low or below.",
            t.dim(),
        )));
    }
    let ws = &v.doc.ws;
    // Assets by name; links with the answer (a question) or the label (an evidence item).
    let assets: Vec<String> = r
        .assets
        .iter()
        .map(|a| match ws.asset(a) {
            Some(x) => format!("{a} {}", x.name),
            None => a.clone(),
        })
        .collect();
    let items = ws.evidence_items();
    let links: Vec<String> = r
        .links
        .iter()
        .map(|l| match items.iter().find(|h| h.board_id() == *l) {
            Some(h) => format!("{l} ({})", h.item.label),
            None => format!("{l} ({})", ws.status(l).label()),
        })
        .collect();
    let why = |w: &str| {
        if w.trim().is_empty() {
            "(no reason yet: e)".to_string()
        } else {
            w.to_string()
        }
    };
    let acceptance = r.acceptance.as_ref().map_or_else(String::new, |a| {
        format!(
            "{} ({}) on {}, review by {}: {}",
            a.by,
            a.role,
            a.date.map(|d| d.to_string()).unwrap_or_default(),
            a.review_by.map(|d| d.to_string()).unwrap_or_default(),
            a.rationale
        )
    });
    for (label, value) in [
        ("Assets", assets.join(", ")),
        ("Threat", r.threat.clone()),
        ("Vulnerability", r.vulnerability.clone()),
        ("Controls observed", r.controls.clone()),
        ("Likelihood because", why(&r.likelihood_why)),
        ("Impact because", why(&r.impact_why)),
        ("Rationale", r.rationale.clone()),
        ("Shown by", links.join(", ")),
        ("Accepted by", acceptance),
    ] {
        if !value.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), bold),
                Span::raw(value),
            ]));
        }
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", r.id))),
        detail,
    );
}

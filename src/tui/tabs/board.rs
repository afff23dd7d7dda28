//! The gap board (tab 6), its detail view and meeting mode: rows that follow the edited gap, bulk edits, drawing.
//!
//! A little over 600 lines: the board carries the actions on any gap (owner, due date,
//! status, ratings, plan), which the audit tabs and the register share.

use crate::tui::prelude::*;
use crate::tui::widgets::gap_card::{answer_span, gap_lines};

/// The gap board's own state: its cursor and window, the rows ticked for a bulk edit, and
/// whether one gap's detail is open.
#[derive(Debug, Default)]
pub struct BoardScreen {
    /// The cursor: a row of `Doc::board_rows`.
    pub row: usize,
    /// The first row on screen, kept between frames so the view scrolls smoothly.
    pub offset: usize,
    /// Rows ticked with Space for a bulk edit (gap ids).
    pub marked: std::collections::BTreeSet<String>,
    /// The selected gap's detail shows instead of the table.
    pub detail: bool,
    /// Set by a key that moved the cursor on purpose (a board search): the cursor is not
    /// put back on the gap it was on.
    pub(crate) jumped: bool,
    /// The gap whose risk acceptance was just declined: `s` moves on past Risk accepted.
    pub skip_acceptance: Option<String>,
}

impl App {
    /// The ids a gap edit applies to: every marked row on the board, or the current gap.
    pub(crate) fn edit_targets(&self) -> Vec<String> {
        if self.tab == Tab::Gaps && !self.board.marked.is_empty() {
            self.board.marked.iter().cloned().collect()
        } else {
            self.current_gap_id().into_iter().collect()
        }
    }

    /// The gap under the board's cursor (the board or meeting view is showing).
    pub(crate) fn board_cursor_id(&self) -> Option<String> {
        (self.tab == Tab::Gaps)
            .then(|| self.board_gap().map(|g| g.id))
            .flatten()
    }

    /// After an edit re-sorted or re-filtered the board, puts the cursor back on the gap
    /// that was edited, so the next key acts on the same gap. A gap that left the view
    /// (closed under a filter, say) leaves the cursor on its neighbour, and says so.
    pub(crate) fn follow_gap(&mut self, id: &str, data_changed: bool) {
        if self.tab != Tab::Gaps {
            return;
        }
        let rows = self.doc.board_rows();
        let gaps = self.doc.gaps();
        if let Some(i) = rows.iter().position(|&r| gaps[r].id == id) {
            self.board.row = i;
            return;
        }
        self.board.row = self.board.row.min(rows.len().saturating_sub(1));
        if data_changed {
            let next = rows
                .get(self.board.row)
                .map(|&r| format!("the cursor is on {}", gaps[r].id))
                .unwrap_or_else(|| "no gap is left in this view".into());
            let done = self.message.take().unwrap_or_default();
            let sep = if done.is_empty() { "" } else { " — " };
            self.set_message(format!(
                "{done}{sep}{id} is no longer shown with this filter; {next}"
            ));
        }
    }

    /// For bulk edits: how many marked gaps the filter hides (they are edited too).
    pub(crate) fn hidden_marked(&self) -> usize {
        if self.board.marked.is_empty() {
            return 0;
        }
        let rows = self.doc.board_rows();
        let gaps = self.doc.gaps();
        let shown: std::collections::BTreeSet<&str> =
            rows.iter().map(|&r| gaps[r].id.as_str()).collect();
        self.board
            .marked
            .iter()
            .filter(|m| !shown.contains(m.as_str()))
            .count()
    }

    pub(crate) fn bulk_label(&self, n: usize) -> String {
        match self.hidden_marked() {
            0 => format!("{} marked", crate::domain::text::count(n, "gap", "gaps")),
            h => format!(
                "{} marked ({h} hidden by the filter, edited too)",
                crate::domain::text::count(n, "gap", "gaps")
            ),
        }
    }

    /// The gap under the board's cursor.
    pub fn board_gap(&self) -> Option<Gap> {
        let rows = self.doc.board_rows();
        let i = *rows.get(self.board.row.min(rows.len().saturating_sub(1)))?;
        self.doc.gaps().get(i).cloned()
    }
}

pub(crate) fn board_header(app: &App, t: &Theme, roomy: bool) -> Vec<Line<'static>> {
    let all = app.doc.gaps();
    let c = board::counts(all.iter(), app.doc.today);
    let shown = app.doc.board_rows().len();
    let warn = |n: usize| if n > 0 { t.warn() } else { Style::default() };
    let middle = if !roomy {
        format!(
            " · {} this week · {} in prog. · {} done · {} accepted · ",
            c.due_soon, c.in_progress, c.done, c.accepted
        )
    } else {
        format!(
            " · {} due this week · {} in progress · {} done · {} risk accepted · ",
            c.due_soon, c.in_progress, c.done, c.accepted
        )
    };
    let counts = Line::from(vec![
        Span::raw(format!(" {} open · ", c.open)),
        Span::styled(format!("{} overdue", c.overdue), warn(c.overdue)),
        Span::raw(middle),
        Span::styled(format!("{} unassigned", c.unassigned), warn(c.unassigned)),
    ]);
    let filter = app.doc.ws.view.filter.describe();
    let mut view = vec![Span::styled(
        format!(" ordered by {} (O)", app.doc.ws.view.sort),
        t.accent(),
    )];
    if filter.is_empty() {
        view.push(Span::styled(
            format!(
                " · all {} · f filters",
                crate::domain::text::count(shown, "gap", "gaps")
            ),
            t.dim(),
        ));
    } else {
        view.push(Span::styled(
            format!(
                " · filter: {filter} · {shown} of {} shown · F clears",
                c.total
            ),
            t.warn(),
        ));
    }
    if !app.board.marked.is_empty() {
        view.push(Span::styled(
            format!(
                " · {} marked (o d s apply to all; Esc clears)",
                app.board.marked.len()
            ),
            t.accent().add_modifier(Modifier::BOLD),
        ));
    }
    vec![counts, Line::from(view)]
}

pub(crate) fn draw_board(f: &mut Frame, app: &App, t: &Theme, body: Rect) {
    if app.meeting.on {
        return;
    }
    let [head, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    let roomy = body.height.saturating_sub(4) >= 30;
    f.render_widget(Paragraph::new(board_header(app, t, roomy)), head);
    if app.board.detail
        && let Some(g) = app.board_gap()
    {
        draw_gap_detail(f, app, t, &g, table_area);
        return;
    }
    let all = app.doc.gaps();
    let rows_idx = app.doc.board_rows();
    if rows_idx.is_empty() {
        let text = if all.is_empty() {
            "No gaps yet. Every question answered No or Partial shows up here with its owner, due date and status."
        } else {
            "No gap matches the filter. F clears it."
        };
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            table_area,
        );
        return;
    }
    let [table_area, detail] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(table_area);
    let narrow = body.width < 100;
    // Only the rows on screen are built: the board may hold thousands of gaps.
    let visible = usize::from(table_area.height.saturating_sub(2)).max(1);
    let sel = app.board.row.min(rows_idx.len() - 1);
    let offset = scroll_window(app.board.offset, sel, visible);
    let window = &rows_idx[offset..(offset + visible).min(rows_idx.len())];
    let rows: Vec<Row> = window
        .iter()
        .map(|&i| {
            let g = &all[i];
            let overdue = g.is_overdue(app.doc.today);
            let soon = board::is_due_soon(g, app.doc.today);
            let marked = if app.board.marked.contains(&g.id) {
                "●"
            } else {
                " "
            };
            let style = if overdue {
                t.warn()
            } else if g.status.is_closed() {
                t.dim()
            } else if soon {
                t.fg(Color::Yellow)
            } else {
                Style::default()
            };
            let level = if narrow {
                g.level().short()
            } else {
                g.level().label()
            };
            let risk = Span::styled(format!("{:>2} {level}", g.score()), t.level(g.level()));
            let owner = if g.owner.is_empty() {
                "—".to_string()
            } else {
                g.owner.clone()
            };
            let due = g.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            let carried = if app.conflict_on(&g.id).is_some() {
                "≠"
            } else if g.reverify {
                "↻"
            } else {
                " "
            };
            let mut cells = vec![
                ratatui::widgets::Cell::from(format!(
                    "{marked}{}{carried}",
                    board::mark(g, app.doc.today)
                )),
                ratatui::widgets::Cell::from(g.id.clone()),
            ];
            if !narrow {
                cells.push(ratatui::widgets::Cell::from(g.area_name()));
            }
            cells.extend([
                ratatui::widgets::Cell::from(risk),
                ratatui::widgets::Cell::from(owner),
                ratatui::widgets::Cell::from(due),
                ratatui::widgets::Cell::from(board::days_text(g, app.doc.today)),
                ratatui::widgets::Cell::from(status_text(g.status)),
                ratatui::widgets::Cell::from(g.title.clone()),
            ]);
            Row::new(cells).style(style)
        })
        .collect();
    // Evidence items (`ADM-AT-06/E1`) are longer than question ids.
    let id_w = app
        .doc
        .gaps()
        .iter()
        .map(|g| g.id.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(10, 13) as u16;
    let mut widths = vec![Constraint::Length(3), Constraint::Length(id_w)];
    let mut header = vec!["", "ID"];
    if !narrow {
        widths.push(Constraint::Length(14));
        header.push("Area");
    }
    widths.extend([
        Constraint::Length(if narrow { 5 } else { 12 }),
        Constraint::Length(if narrow { 10 } else { 16 }),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(if narrow { 8 } else { 13 }),
        Constraint::Min(10),
    ]);
    header.extend(["Risk", "Owner", "Due", "Days", "Status", "Question"]);
    let mut st = TableState::default().with_selected(Some(sel - offset));
    f.render_stateful_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(Style::default().add_modifier(Modifier::BOLD)))
            .row_highlight_style(t.selected())
            .block(Block::default().borders(Borders::TOP)),
        table_area,
        &mut st,
    );
    if let Some(g) = all.get(rows_idx[sel]) {
        let mut lines = vec![Line::from(Span::styled(
            format!("{} · {} · {}", g.id, g.area_name(), g.title),
            Style::default().add_modifier(Modifier::BOLD),
        ))];
        lines.extend(gap_lines(app.doc.today, app.settings.redact, t, g));
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            detail,
        );
    }
}

/// A gap in full: the question, the answer and its evidence, the remediation, the history.
pub(crate) fn draw_gap_detail(f: &mut Frame, app: &App, t: &Theme, g: &Gap, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let head = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let mut lines = vec![Line::from(Span::styled(g.title.clone(), bold))];
    if let Some(q) = app.doc.catalog.get(&g.id) {
        lines.push(Line::from(Span::styled(
            format!(
                "{} · {} · {} · {}",
                q.id,
                q.area().name(),
                q.section,
                q.references.join(", ")
            ),
            t.dim(),
        )));
    }
    if let Some(a) = g.answer {
        lines.push(Line::from(vec![
            Span::styled("Answer: ", bold),
            answer_span(t, a),
        ]));
    }
    lines.extend(gap_lines(app.doc.today, app.settings.redact, t, g));
    lines.push(Line::default());
    lines.push(head("Evidence note"));
    let note = app.doc.ws.note(&g.id);
    if note.is_empty() {
        lines.push(Line::from(Span::styled("(none)", t.dim())));
    } else if app.settings.redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(note.lines().map(|l| Line::from(l.to_string())));
    }
    if let Some(a) = app
        .doc
        .ws
        .answers
        .get(&g.id)
        .filter(|a| !a.evidence.is_empty() && !app.settings.redact)
    {
        for e in &a.evidence {
            lines.push(Line::from(crate::tui::overlays::evidence::item_line(
                e,
                app.doc.today,
                app.doc.renewal_window,
            )));
        }
    }
    let thread: Vec<_> = app.doc.ws.decisions_on(&g.id).collect();
    if !thread.is_empty() {
        lines.push(Line::default());
        lines.push(head("Decisions and comments (c adds one)"));
        for d in thread {
            lines.push(crate::tui::tabs::meeting::decision_line(
                d,
                app.settings.redact,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(head("History"));
    let mut any = false;
    for c in board::history(&app.doc.ws, &g.id) {
        any = true;
        let change = if c.old.is_empty() {
            format!("set to {}", c.new)
        } else {
            format!("{} → {}", c.old, c.new)
        };
        lines.push(Line::from(format!(
            "{}  {:<14} {:<10} {change}",
            c.at.format("%Y-%m-%d %H:%M"),
            truncate(&c.by, 14),
            c.field
        )));
    }
    if !any {
        lines.push(Line::from(Span::styled("(no recorded changes)", t.dim())));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0))
            .block(
                Block::bordered().title(format!(" {} · J/K scroll · Esc back to the board ", g.id)),
            ),
        area,
    );
}

pub(crate) fn status_text(s: RemediationStatus) -> &'static str {
    match s {
        RemediationStatus::Open => "Open",
        RemediationStatus::InProgress => "In progress",
        RemediationStatus::Done => "Done",
        RemediationStatus::RiskAccepted => "Accepted",
    }
}

impl App {
    /// Actions on a gap, from an audit tab, the register or the board: owner, due date, ratings, status, plan.
    /// `+Nd` for the current gap's level, from the configured due-date offsets.
    fn due_offer(&self) -> String {
        let Some(id) = self.current_gap_id() else {
            return String::new();
        };
        let level = self
            .doc
            .gaps()
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.level())
            .unwrap_or(RiskLevel::Moderate);
        let days = match level {
            RiskLevel::VeryHigh => self.settings.due_days[0],
            RiskLevel::High => self.settings.due_days[1],
            RiskLevel::Moderate => self.settings.due_days[2],
            _ => self.settings.due_days[3],
        };
        format!("+{days}d")
    }

    pub(crate) fn act_on_gap(&mut self, action: Action) -> Vec<Effect> {
        // A renewal item is a date, not a finding: it moves when the duty is done again.
        let renewal = self.tab == Tab::Gaps
            && self
                .board_gap()
                .is_some_and(|g| g.kind == crate::domain::gaps::GapKind::Renewal);
        if renewal && !matches!(action, Action::SetOwner | Action::Comment) {
            self.set_message(
                "a yearly duty coming due: add its new evidence on the question (a), dated when it was done, and it moves a year on; o sets who does it",
            );
            return vec![];
        }
        // An expiring evidence item belongs to its question or vendor: its owner is theirs.
        if let Some(g) = self
            .board_gap()
            .filter(|g| self.tab == Tab::Gaps && g.kind == crate::domain::gaps::GapKind::Evidence)
        {
            let owner = crate::domain::evidence::parse_board_id(&g.id)
                .map_or(g.id.clone(), |(o, _)| o.to_string());
            self.set_message(format!(
                "evidence expiring: collect the new document and add it on {owner} (a), or edit the item's expiry (b); its owner is {owner}'s"
            ));
            return vec![];
        }
        match action {
            Action::SetOwner => self.gap_prompt(PromptKind::Owner, |r| r.owner.clone()),
            Action::SetDue => {
                // An empty due date is offered as the configured offset for the gap's level.
                let offer = self.due_offer();
                self.gap_prompt(PromptKind::Due, move |r| {
                    r.due
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| offer.clone())
                })
            }
            Action::SetLikelihood => self.gap_prompt(PromptKind::Likelihood, |r| {
                r.likelihood.map(|v| v.to_string()).unwrap_or_default()
            }),
            Action::SetImpact => self.gap_prompt(PromptKind::Impact, |r| {
                r.impact.map(|v| v.to_string()).unwrap_or_default()
            }),
            Action::CycleStatus => {
                if let Some(id) = self.current_gap_id() {
                    // Marked rows all take the status after the current row's.
                    let mut next = self.doc.ws.remediation(&id).status.next();
                    let targets = self.edit_targets();
                    // Accepting a risk names who accepts it; declining once moves on.
                    if next == RemediationStatus::RiskAccepted {
                        if self.board.skip_acceptance.take().as_deref() == Some(id.as_str()) {
                            next = next.next();
                        } else {
                            self.ask_acceptance(targets);
                            return vec![];
                        }
                    }
                    let actor = self.actor();
                    for t in &targets {
                        if self
                            .doc
                            .ws
                            .set_remediation(t, RemediationField::Status(next), &actor)
                        {
                            self.doc.changed_id(t);
                        }
                    }
                    self.set_message(match targets.as_slice() {
                        [one] => format!("{one}: status {next}"),
                        many => format!("{}: status {next}", self.bulk_label(many.len())),
                    });
                }
            }
            Action::GapForm => self.open_gap_form(),
            Action::Comment => {
                if let Some(id) = self.current_gap_id() {
                    self.open_prompt(PromptKind::Comment, id, String::new());
                }
            }
            Action::EditPlan => {
                if let Some(id) = self.current_gap_id() {
                    let text = self.doc.ws.remediation(&id).plan;
                    self.open_editor(EditTarget::Plan(id), &text);
                }
            }
            _ => {}
        }
        vec![]
    }
}

impl App {
    /// The board's own actions: detail, marks, filters, order, meeting mode.
    pub(crate) fn act_board(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::OpenDetail if self.board_gap().is_some() => self.board.detail = true,
            Action::Back => {
                if self.meeting.on {
                    self.meeting.on = false;
                } else if self.board.detail {
                    self.board.detail = false;
                } else if !self.board.marked.is_empty() {
                    self.board.marked.clear();
                    self.set_message("marks cleared");
                }
            }
            Action::ToggleMark => {
                if let Some(g) = self.board_gap() {
                    if g.kind == gaps::GapKind::Evidence {
                        self.set_message(
                            "an expiring evidence item is not marked: it is renewed on its question or vendor",
                        );
                        self.move_by(1);
                        return vec![];
                    }
                    if !self.board.marked.remove(&g.id) {
                        self.board.marked.insert(g.id.clone());
                    }
                    self.set_message(format!(
                        "{} marked: o, d and s now apply to all of them (Esc clears)",
                        self.board.marked.len()
                    ));
                    self.move_by(1);
                }
            }
            Action::Filter => {
                let current = self.doc.ws.view.filter.describe();
                self.open_prompt(PromptKind::Filter, "board".into(), current);
            }
            Action::ClearFilters => {
                if !self.doc.ws.view.filter.is_empty() {
                    self.doc.ws.view.filter = GapFilter::default();
                    self.board.row = 0;
                    self.doc.view_changed();
                }
                self.set_message("filters cleared");
            }
            Action::CycleSort => {
                self.doc.ws.view.sort = self.doc.ws.view.sort.next();
                self.doc.view_changed();
                self.set_message(format!("board ordered by {}", self.doc.ws.view.sort));
            }
            Action::Meeting => self.toggle_meeting(),
            Action::MarkVisible => {
                let rows = self.doc.board_rows();
                let all = self.doc.gaps();
                // Expiring evidence is renewed where it belongs, never edited in bulk.
                let visible: Vec<String> = rows
                    .iter()
                    .filter(|&&i| all[i].kind != gaps::GapKind::Evidence)
                    .map(|&i| all[i].id.clone())
                    .collect();
                if !visible.is_empty() && visible.iter().all(|id| self.board.marked.contains(id)) {
                    for id in &visible {
                        self.board.marked.remove(id);
                    }
                    self.set_message(format!("{} rows unmarked", visible.len()));
                } else {
                    self.board.marked.extend(visible);
                    self.set_message(format!(
                        "{} marked: o, d and s now apply to all of them (Esc clears)",
                        self.board.marked.len()
                    ));
                }
            }
            _ => {}
        }
        vec![]
    }
}

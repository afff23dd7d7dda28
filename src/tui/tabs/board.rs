//! The gap board (tab 6): its state (cursor, window, marks, the detail view), its own keys
//! (detail, marks, filters, order) and its drawing. The keys that act on any gap wherever
//! it is selected (owner, due date, status, plan) are in `tui/gap_keys.rs`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

use crate::domain::board::{self, GapFilter};
use crate::domain::gaps::{self, Gap};
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::RemediationStatus;
use crate::tui::cx::{Cx, View};
use crate::tui::doc::Doc;
use crate::tui::keymap::Action;
use crate::tui::msg::Effect;
use crate::tui::session::scroll_window;
use crate::tui::state::PromptKind;
use crate::tui::theme::REDACTED;
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

impl BoardScreen {
    /// The gap under the cursor.
    pub fn gap(&self, doc: &Doc) -> Option<Gap> {
        let rows = doc.board_rows();
        let i = *rows.get(self.row.min(rows.len().saturating_sub(1)))?;
        doc.gaps().get(i).cloned()
    }

    /// For bulk edits: how many marked gaps the filter hides (they are edited too).
    pub fn hidden_marked(&self, doc: &Doc) -> usize {
        if self.marked.is_empty() {
            return 0;
        }
        let rows = doc.board_rows();
        let gaps = doc.gaps();
        let shown: std::collections::BTreeSet<&str> =
            rows.iter().map(|&r| gaps[r].id.as_str()).collect();
        self.marked
            .iter()
            .filter(|m| !shown.contains(m.as_str()))
            .count()
    }

    pub fn bulk_label(&self, doc: &Doc, n: usize) -> String {
        match self.hidden_marked(doc) {
            0 => format!("{} marked", crate::domain::text::count(n, "gap", "gaps")),
            h => format!(
                "{} marked ({h} hidden by the filter, edited too)",
                crate::domain::text::count(n, "gap", "gaps")
            ),
        }
    }

    /// Moves the cursor by `delta` rows, clamped to the board's rows.
    pub fn move_by(&mut self, delta: isize, doc: &Doc) {
        let len = doc.board_rows().len();
        if len == 0 {
            self.row = 0;
            return;
        }
        self.row = (self.row.min(len - 1) as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1) as usize;
    }

    /// After an edit re-sorted or re-filtered the board, puts the cursor back on the gap
    /// that was edited, so the next key acts on the same gap. A gap that left the view
    /// (closed under a filter, say) leaves the cursor on its neighbour, and says so.
    pub fn follow(&mut self, id: &str, data_changed: bool, cx: &mut Cx) {
        let rows = cx.doc.board_rows();
        let gaps = cx.doc.gaps();
        if let Some(i) = rows.iter().position(|&r| gaps[r].id == id) {
            self.row = i;
            return;
        }
        self.row = self.row.min(rows.len().saturating_sub(1));
        if data_changed {
            let next = rows
                .get(self.row)
                .map(|&r| format!("the cursor is on {}", gaps[r].id))
                .unwrap_or_else(|| "no gap is left in this view".into());
            let done = cx.message.take().unwrap_or_default();
            let sep = if done.is_empty() { "" } else { " — " };
            cx.set_message(format!(
                "{done}{sep}{id} is no longer shown with this filter; {next}"
            ));
        }
    }

    /// The board's own actions: detail, marks, filters, order, meeting mode.
    pub fn handle(&mut self, action: Action, cx: &mut Cx) -> Vec<Effect> {
        match action {
            Action::OpenDetail if self.gap(cx.doc).is_some() => self.detail = true,
            Action::Back => {
                if self.detail {
                    self.detail = false;
                } else if !self.marked.is_empty() {
                    self.marked.clear();
                    cx.set_message("marks cleared");
                }
            }
            Action::ToggleMark => {
                if let Some(g) = self.gap(cx.doc) {
                    if g.kind == gaps::GapKind::Project {
                        cx.set_message(
                            "a project row is not marked: P on marked gaps adds them to it",
                        );
                        self.move_by(1, cx.doc);
                        return vec![];
                    }
                    if g.kind == gaps::GapKind::Evidence {
                        cx.set_message(
                            "an expiring evidence item is not marked: it is renewed on its question or vendor",
                        );
                        self.move_by(1, cx.doc);
                        return vec![];
                    }
                    if !self.marked.remove(&g.id) {
                        self.marked.insert(g.id.clone());
                    }
                    cx.set_message(format!(
                        "{} marked: o, d and s now apply to all of them (Esc clears)",
                        self.marked.len()
                    ));
                    self.move_by(1, cx.doc);
                }
            }
            Action::Filter => {
                let current = cx.doc.ws.view.filter.describe();
                cx.open_prompt(PromptKind::Filter, "board".into(), current);
            }
            Action::ClearFilters => {
                if !cx.doc.ws.view.filter.is_empty() {
                    cx.doc.ws.view.filter = GapFilter::default();
                    self.row = 0;
                    cx.doc.view_changed();
                }
                cx.set_message("filters cleared");
            }
            Action::CycleSort => {
                cx.doc.ws.view.sort = cx.doc.ws.view.sort.next();
                cx.doc.view_changed();
                cx.set_message(format!("board ordered by {}", cx.doc.ws.view.sort));
            }
            Action::MarkVisible => {
                let rows = cx.doc.board_rows();
                let all = cx.doc.gaps();
                // Expiring evidence is renewed where it belongs, never edited in bulk.
                let visible: Vec<String> = rows
                    .iter()
                    .filter(|&&i| {
                        !matches!(
                            all[i].kind,
                            gaps::GapKind::Evidence | gaps::GapKind::Project
                        )
                    })
                    .map(|&i| all[i].id.clone())
                    .collect();
                if !visible.is_empty() && visible.iter().all(|id| self.marked.contains(id)) {
                    for id in &visible {
                        self.marked.remove(id);
                    }
                    cx.set_message(format!("{} rows unmarked", visible.len()));
                } else {
                    self.marked.extend(visible);
                    cx.set_message(format!(
                        "{} marked: o, d and s now apply to all of them (Esc clears)",
                        self.marked.len()
                    ));
                }
            }
            _ => {}
        }
        vec![]
    }

    /// The board: its header, then the table or the selected gap's detail.
    pub fn draw(&self, f: &mut Frame, v: &View, body: Rect) {
        draw_board(f, self, v, body);
    }
}

/// A row's title: a project's name marked as one, a member's tagged with its project.
fn board_title(g: &gaps::Gap) -> String {
    let title = crate::domain::text::clean_line(&g.title);
    match (&g.project, g.kind) {
        (_, gaps::GapKind::Project) => format!("▸ project: {title}"),
        (Some(p), _) => format!("  {p} · {title}"),
        _ => title,
    }
}

pub(crate) fn board_header(s: &BoardScreen, v: &View, roomy: bool) -> Vec<Line<'static>> {
    let t = v.theme;
    let all = v.doc.gaps();
    let c = board::counts(all.iter(), v.doc.today);
    // Project rows stand for their gaps: not counted as gaps.
    let shown = v
        .doc
        .board_rows()
        .iter()
        .filter(|&&i| all[i].kind != gaps::GapKind::Project)
        .count();
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
    let filter = v.doc.ws.view.filter.describe();
    let mut view = vec![Span::styled(
        format!(" ordered by {} (O)", v.doc.ws.view.sort),
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
    if !s.marked.is_empty() {
        view.push(Span::styled(
            format!(
                " · {} marked (o d s apply to all; Esc clears)",
                s.marked.len()
            ),
            t.accent().add_modifier(Modifier::BOLD),
        ));
    }
    vec![counts, Line::from(view)]
}

fn draw_board(f: &mut Frame, s: &BoardScreen, v: &View, body: Rect) {
    let t = v.theme;
    let [head, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    let roomy = body.height.saturating_sub(4) >= 30;
    f.render_widget(Paragraph::new(board_header(s, v, roomy)), head);
    if s.detail
        && let Some(g) = s.gap(v.doc)
    {
        draw_gap_detail(f, v, &g, table_area);
        return;
    }
    let all = v.doc.gaps();
    let rows_idx = v.doc.board_rows();
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
    // Under 80 columns the days-left column goes (the due date says it), and under 70 the
    // owner and question columns narrow: the id and the due date are never cut, since a cut
    // one reads as another item or another day.
    let no_days = body.width < 80;
    let tight = body.width < 70;
    // Only the rows on screen are built: the board may hold thousands of gaps.
    let visible = usize::from(table_area.height.saturating_sub(2)).max(1);
    let sel = s.row.min(rows_idx.len() - 1);
    let offset = scroll_window(s.offset, sel, visible);
    let window = &rows_idx[offset..(offset + visible).min(rows_idx.len())];
    let rows: Vec<Row> = window
        .iter()
        .map(|&i| {
            let g = &all[i];
            let overdue = g.is_overdue(v.doc.today);
            let soon = board::is_due_soon(g, v.doc.today);
            let marked = if s.marked.contains(&g.id) { "●" } else { " " };
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
            let carried = if v.doc.ws.conflicts.iter().any(|c| c.id == g.id) {
                "≠"
            } else if g.reverify {
                "↻"
            } else {
                " "
            };
            let mut cells = vec![
                ratatui::widgets::Cell::from(format!(
                    "{marked}{}{carried}",
                    board::mark(g, v.doc.today)
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
            ]);
            if !no_days {
                cells.push(ratatui::widgets::Cell::from(board::days_text(
                    g,
                    v.doc.today,
                )));
            }
            cells.extend([
                ratatui::widgets::Cell::from(status_text(g.status)),
                ratatui::widgets::Cell::from(board_title(g)),
            ]);
            Row::new(cells).style(style)
        })
        .collect();
    // Evidence items (`ADM-AT-06/E1`) are longer than question ids.
    let id_w = v
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
        Constraint::Length(if tight {
            8
        } else if narrow {
            10
        } else {
            16
        }),
        Constraint::Length(10),
    ]);
    header.extend(["Risk", "Owner", "Due"]);
    if !no_days {
        widths.push(Constraint::Length(9));
        header.push("Days");
    }
    widths.extend([
        Constraint::Length(if narrow { 8 } else { 13 }),
        Constraint::Min(if tight { 6 } else { 10 }),
    ]);
    header.extend(["Status", "Question"]);
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
        lines.extend(gap_lines(v.doc.today, v.settings.redact, t, g));
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            detail,
        );
    }
}

/// A gap in full: the question, the answer and its evidence, the remediation, the history.
pub(crate) fn draw_gap_detail(f: &mut Frame, v: &View, g: &Gap, area: Rect) {
    let t = v.theme;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let head = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let mut lines = vec![Line::from(Span::styled(g.title.clone(), bold))];
    if let Some(q) = v.doc.catalog.get(&g.id) {
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
    lines.extend(gap_lines(v.doc.today, v.settings.redact, t, g));
    lines.push(Line::default());
    lines.push(head("As the report states it"));
    lines.extend(crate::tui::widgets::gap_card::finding_lines(
        v.doc,
        (v.settings.redact, false),
        t,
        g,
    ));
    lines.push(Line::default());
    lines.push(head("Evidence note"));
    let note = v.doc.ws.note(&g.id);
    if note.is_empty() {
        lines.push(Line::from(Span::styled("(none)", t.dim())));
    } else if v.settings.redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(note.lines().map(|l| Line::from(l.to_string())));
    }
    lines.extend(crate::tui::widgets::question_card::earlier_note_lines(
        &v.doc.ws,
        &g.id,
        v.settings.redact,
        t,
    ));
    if let Some(a) = v
        .doc
        .ws
        .answers
        .get(&g.id)
        .filter(|a| !a.evidence.is_empty() && !v.settings.redact)
    {
        for e in &a.evidence {
            lines.push(Line::from(crate::tui::widgets::evidence_line::item_line(
                e,
                v.doc.today,
                v.doc.renewal_window,
            )));
        }
    }
    let thread: Vec<_> = v.doc.ws.decisions_on(&g.id).collect();
    if !thread.is_empty() {
        lines.push(Line::default());
        lines.push(head("Decisions and comments (c adds one)"));
        for d in thread {
            lines.push(crate::tui::widgets::gap_card::decision_line(
                d,
                v.settings.redact,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(head("History"));
    let mut any = false;
    for c in board::history(&v.doc.ws, &g.id) {
        any = true;
        let (old, new) = c.shown();
        let change = if old.is_empty() {
            format!("set to {new}")
        } else {
            format!("{old} → {new}")
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
            .scroll((v.detail_scroll, 0))
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

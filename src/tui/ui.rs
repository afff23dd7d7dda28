//! Drawing: pure functions of the app's state. Every status is spelled or marked as well as
//! coloured, so the screen reads the same with `NO_COLOR`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Bar, BarChart, Block, Borders, Clear, LineGauge, List, ListItem, ListState, Paragraph, Row,
    Sparkline, Table, TableState, Wrap,
};

use crate::domain::board;
use crate::domain::board::progress;
use crate::domain::catalog::{Area, Question};
use crate::domain::gaps::{self, Gap};
use crate::domain::risk;
use crate::domain::scoring::{RiskLevel, scale_name};
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::{AnswerStatus, RemediationStatus};

use super::app::{
    App, EditTarget, Focus, Mode, PromptKind, RISK_FIELDS, RiskForm, SaveState, TABS, Tab,
};
use super::keymap::{self, BINDINGS, Context};

/// Below this the layout cannot work; a message asks for a larger window.
pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

/// Colours that vanish under `NO_COLOR`.
struct Theme {
    color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    fn answer(&self, s: AnswerStatus) -> Style {
        self.fg(match s {
            AnswerStatus::Yes => Color::Green,
            AnswerStatus::Partial => Color::Yellow,
            AnswerStatus::No => Color::Red,
            AnswerStatus::NotApplicable => Color::DarkGray,
            AnswerStatus::Unanswered => Color::Gray,
        })
    }
    fn level(&self, l: RiskLevel) -> Style {
        self.fg(match l {
            RiskLevel::VeryLow => Color::Green,
            RiskLevel::Low => Color::LightGreen,
            RiskLevel::Moderate => Color::Yellow,
            RiskLevel::High => Color::LightRed,
            RiskLevel::VeryHigh => Color::Red,
        })
    }
    fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }
    fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }
    fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

const REDACTED: &str = "[redacted: R shows notes and plans]";

pub fn draw(f: &mut Frame, app: &App) {
    draw_screen(f, app);
    sanitize_buffer(f.buffer_mut());
}

/// Makes sure no cell sends a control or invisible format character (an escape sequence,
/// a bidi override, a zero-width joiner) to the terminal, whatever text was drawn into it:
/// such characters are dropped, and a cell holding only one shows `�`. One pass over the
/// screen's cells after every draw, so no widget can forget it.
pub fn sanitize_buffer(buf: &mut ratatui::buffer::Buffer) {
    let bad = |c: char| {
        c.is_control() || crate::domain::text::clean_line_cow(&c.to_string()) != c.to_string()
    };
    for cell in buf.content.iter_mut() {
        let sym = cell.symbol();
        if sym.is_ascii() && !sym.bytes().any(|b| b.is_ascii_control()) {
            continue;
        }
        if sym.chars().any(bad) {
            let kept: String = sym.chars().filter(|c| !bad(*c)).collect();
            let kept = if kept.is_empty() {
                "�".to_string()
            } else {
                kept
            };
            cell.set_symbol(&kept);
        }
    }
}

fn draw_screen(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(f, area);
        return;
    }
    let t = Theme { color: app.color };
    if app.meeting && app.tab == Tab::Gaps {
        let [main, msg] =
            Layout::vertical([Constraint::Min(10), Constraint::Length(1)]).areas(area);
        draw_meeting(f, app, &t, main);
        draw_message(f, app, &t, msg);
        draw_overlays(f, app, &t, area, main);
        return;
    }
    let [top, title, body, msg, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tab_bar(f, app, &t, top);
    draw_title(f, app, &t, title);
    match app.tab {
        Tab::Dashboard => draw_dashboard(f, app, &t, body),
        Tab::Audit(a) => draw_audit(f, app, &t, a, body),
        Tab::Gaps => draw_board(f, app, &t, body),
    }
    draw_message(f, app, &t, msg);
    draw_hints(f, app, &t, hints);
    draw_overlays(f, app, &t, area, body);
}

fn draw_overlays(f: &mut Frame, app: &App, t: &Theme, area: Rect, body: Rect) {
    match &app.mode {
        Mode::Normal | Mode::Matrix { .. } => {}
        Mode::Export { selected, redact } => draw_export(f, t, area, *selected, *redact),
        Mode::Library { selected } => draw_library(f, t, area, *selected),
        Mode::RiskForm(form) => draw_risk_form(f, t, area, form),
        Mode::ConfirmDelete(id) => draw_confirm(
            f,
            t,
            area,
            "Delete a risk",
            &[
                format!("Delete {id} from the register? The deletion is logged."),
                "U undoes it later in this session.".to_string(),
                String::new(),
                "y  delete · any other key  keep it".to_string(),
            ],
        ),
        Mode::Editor(_) => draw_editor(f, app, t, body),
        Mode::Prompt(_) => draw_prompt(f, app, t, area),
        Mode::Search(_) => draw_search(f, app, t, area),
        Mode::Help { scroll } => draw_help(f, app, t, area, *scroll),
        Mode::ConfirmQuit => draw_confirm(
            f,
            t,
            area,
            "Unsaved changes",
            &[
                "The last save failed, so some edits exist only in memory:".to_string(),
                match &app.save_state {
                    SaveState::Failed(e) => e.clone(),
                    _ => String::new(),
                },
                String::new(),
                "w  save them to another file".to_string(),
                "y  quit and drop them".to_string(),
                "any other key  stay (Ctrl-s retries)".to_string(),
            ],
        ),
        Mode::Conflict => draw_confirm(
            f,
            t,
            area,
            "The file changed on disk",
            &[
                format!(
                    "{} was changed by someone else since it was loaded.",
                    app.path.display()
                ),
                "Nothing was overwritten. Choose:".to_string(),
                String::new(),
                "k  keep both: write my version beside it and go on in that copy".to_string(),
                "o  overwrite it with my version (theirs is kept as .bak.1)".to_string(),
                "r  reload theirs (my version is written beside it first)".to_string(),
                "any other key  decide later (saving paused)".to_string(),
            ],
        ),
    }
}

fn draw_too_small(f: &mut Frame, area: Rect) {
    let text = format!(
        "Make the window larger: hipaudit needs {MIN_WIDTH}x{MIN_HEIGHT}, this is {}x{}. Keys wait until it fits (q saves and quits); nothing is lost.",
        area.width, area.height
    );
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_tab_bar(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let short = area.width < 110;
    let tight = area.width < 90;
    let mut spans = Vec::new();
    let all_gaps = app.gaps();
    for (i, tab) in TABS.iter().enumerate() {
        let name = match (tab, short) {
            (Tab::Audit(Area::Administrative), true) => "Admin",
            (Tab::Audit(Area::Privacy), true) if tight => "Priv",
            (Tab::Dashboard, true) => "Dash",
            _ => tab.title(),
        };
        let extra = match tab {
            Tab::Audit(a) => {
                let (done, total) = progress(app.catalog, &app.ws, *a);
                format!(" {done}/{total}")
            }
            Tab::Gaps => format!(" {}", all_gaps.len()),
            Tab::Dashboard => String::new(),
        };
        let label = if tight {
            format!("{} {name}{extra}", i + 1)
        } else {
            format!(" {} {name}{extra} ", i + 1)
        };
        let style = if *tab == app.tab {
            t.selected().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        spans.push(Span::styled(label, style));
        if !tight {
            spans.push(Span::raw("│"));
        } else if i + 1 < TABS.len() {
            spans.push(Span::raw(" │ "));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn save_label(app: &App) -> (String, bool) {
    if app.read_only.is_some() {
        return ("read-only".into(), true);
    }
    match &app.save_state {
        SaveState::Saved if !app.dirty() => ("● saved".into(), false),
        SaveState::Saved | SaveState::Pending => ("○ unsaved".into(), false),
        SaveState::Saving => ("◌ saving".into(), false),
        SaveState::Failed(_) => ("✗ SAVE FAILED".into(), true),
        SaveState::Conflict => ("✗ FILE CHANGED ON DISK".into(), true),
    }
}

fn draw_title(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let e = &app.ws.engagement;
    let file = app
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut left = vec![
        Span::styled(
            format!(" {}", e.client),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {file}  today {}", app.today), t.dim()),
    ];
    if let Some(holder) = &app.read_only {
        left.insert(
            0,
            Span::styled(" READ-ONLY ", t.warn().add_modifier(Modifier::REVERSED)),
        );
        left.push(Span::styled(format!("  open in {holder}"), t.warn()));
    }
    if app.redact {
        left.push(Span::styled("  REDACTED", t.warn()));
    }
    let (label, bad) = save_label(app);
    let right = Span::styled(format!("{label} "), if bad { t.warn() } else { t.accent() });
    let rw = right.width() as u16;
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(rw)]).areas(area);
    f.render_widget(Paragraph::new(Line::from(left)), l);
    f.render_widget(Paragraph::new(Line::from(right)), r);
}

fn draw_message(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let text = app.message.clone().unwrap_or_default();
    let style = if matches!(app.save_state, SaveState::Failed(_)) {
        t.warn()
    } else {
        t.accent()
    };
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {text}"), style)),
        area,
    );
}

/// The status line: the keys that matter here, read from the key table.
pub fn hint_line(app: &App) -> String {
    match &app.mode {
        Mode::Editor(_) => {
            return " Esc keep & close · Ctrl-z undo · Ctrl-y redo · Ctrl-s save now".into();
        }
        Mode::Prompt(p) if p.kind == PromptKind::Owner => {
            return " Enter accept · Esc cancel · Tab complete".into();
        }
        Mode::Prompt(_) => return " Enter accept · Esc cancel".into(),
        Mode::Search(_) => return " type to search · ↑↓ choose · Enter jump · Esc close".into(),
        Mode::Help { .. } => return " ↑↓ scroll · any other key closes".into(),
        Mode::Library { .. } => return " ↑↓ choose · Enter start from it · Esc cancel".into(),
        Mode::Export { .. } => return " ↑↓ format · r redaction · Enter write · Esc cancel".into(),
        Mode::RiskForm(_) => {
            return " Tab/↑↓ field · type to edit · Ctrl-u clears · Enter save · Esc cancel".into();
        }
        Mode::ConfirmDelete(_) => return " y delete · any other key keeps it".into(),
        Mode::Matrix { .. } => {
            return " arrows move over the matrix · v inherent/residual · Esc leaves".into();
        }
        _ => {}
    }
    let contexts = app.contexts();
    let mut parts = Vec::new();
    for ctx in &contexts {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            if let Some(h) = b.hint {
                parts.push(format!("{} {h}", b.keys[0].label()));
            }
        }
    }
    if matches!(app.tab, Tab::Audit(_)) {
        parts.insert(0, "1-6 tabs".into());
    }
    // Redaction is always stated, so nobody sharing a screen forgets which way it is.
    let redaction = if app.redact {
        "R: notes REDACTED"
    } else {
        "R redact"
    };
    format!(" {redaction} · {}", parts.join(" · "))
}

fn draw_hints(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    f.render_widget(Paragraph::new(Span::styled(hint_line(app), t.dim())), area);
}

fn answer_span(t: &Theme, s: AnswerStatus) -> Span<'static> {
    Span::styled(format!("{} {}", s.mark(), s.label()), t.answer(s))
}

fn draw_audit(f: &mut Frame, app: &App, t: &Theme, area: Area, body: Rect) {
    let secs = app.sections_of(area);
    let view = app.view(area);
    let left_w = (body.width * 2 / 5)
        .max(30)
        .min(body.width.saturating_sub(24));
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(body);
    let register = area == Area::Risk;
    let sec_h = (secs.len() as u16 + 2 + u16::from(register))
        .min(left.height / 2)
        .max(3);
    let [sec_area, q_area] =
        Layout::vertical([Constraint::Length(sec_h), Constraint::Min(3)]).areas(left);

    let focus_style = |f: Focus| {
        if view.focus == f {
            t.accent().add_modifier(Modifier::BOLD)
        } else {
            t.dim()
        }
    };
    let inner_w = usize::from(sec_area.width.saturating_sub(4));
    let items: Vec<ListItem> = secs
        .iter()
        .map(|s| {
            let (a, n) = app.section_progress(s);
            let count = format!("{a}/{n}");
            let name_w = inner_w.saturating_sub(count.len() + 1);
            let mark = if a == n { "✓" } else { " " };
            ListItem::new(format!(
                "{mark}{:<name_w$} {count}",
                truncate(&s.name, name_w.saturating_sub(1))
            ))
        })
        .chain(register.then(|| {
            let count = format!("{} risks", app.ws.risks.len());
            let name_w = inner_w.saturating_sub(count.len() + 1);
            ListItem::new(Span::styled(
                format!("▦{:<name_w$} {count}", "Risk register"),
                t.accent(),
            ))
        }))
        .collect();
    let mut st = ListState::default().with_selected(Some(view.section));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(" Sections ")
                    .border_style(focus_style(Focus::Sections)),
            )
            .highlight_style(if view.focus == Focus::Sections {
                t.selected()
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            }),
        sec_area,
        &mut st,
    );

    if app.register_open() {
        draw_register(f, app, t, q_area, right, focus_style(Focus::Questions));
        return;
    }
    let section = secs.get(view.section);
    let q_w = usize::from(q_area.width.saturating_sub(2));
    let items: Vec<ListItem> = section
        .map(|s| s.questions.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|&qi| {
            let q = &app.catalog.questions[qi];
            let st = app.ws.status(&q.id);
            let note = if app.ws.note(&q.id).is_empty() {
                " "
            } else {
                "✎"
            };
            let text = format!(" {note} {} {}", q.id, q.prompt);
            ListItem::new(Line::from(vec![
                Span::styled(st.mark(), t.answer(st)),
                Span::raw(truncate(&text, q_w.saturating_sub(1))),
            ]))
        })
        .collect();
    let title = section.map(|s| format!(" {} ", s.name)).unwrap_or_default();
    let mut st = ListState::default().with_selected(Some(view.row));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(title)
                    .border_style(focus_style(Focus::Questions)),
            )
            .highlight_style(if view.focus == Focus::Questions {
                t.selected()
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            }),
        q_area,
        &mut st,
    );

    if let Some(qi) = app.current_question() {
        draw_question(f, app, t, &app.catalog.questions[qi], right);
    }
}

fn level_bg(t: &Theme, l: RiskLevel) -> Style {
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
fn draw_matrix(
    f: &mut Frame,
    app: &App,
    t: &Theme,
    area: Rect,
    cursor: Option<(u8, u8)>,
    compact: bool,
) {
    let cells = risk::matrix(&app.ws, app.basis());
    let basis = if app.residual { "residual" } else { "inherent" };
    let block = Block::bordered().title(format!(" Risk matrix ({basis}) "));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let cell_w: u16 = if compact { 5 } else { 7 };
    let mut lines = Vec::new();
    for l in (1..=5u8).rev() {
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
        for i in 1..=5u8 {
            let n = cells[usize::from(l) - 1][usize::from(i) - 1];
            let level = RiskLevel::of(l, i);
            let text = if n == 0 {
                format!("{:^w$}", level.short(), w = usize::from(cell_w))
            } else {
                format!(
                    "{:^w$}",
                    format!("{}:{n}", level.short()),
                    w = usize::from(cell_w)
                )
            };
            let mut style = level_bg(t, level);
            if n > 0 {
                style = style.add_modifier(Modifier::BOLD);
            }
            if cursor == Some((l, i)) {
                style = style.add_modifier(Modifier::REVERSED);
                spans.push(Span::styled(
                    format!("[{}]", &text[1..text.len() - 1]),
                    style,
                ));
            } else {
                spans.push(Span::styled(text, style));
            }
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

fn draw_register(f: &mut Frame, app: &App, t: &Theme, list_area: Rect, right: Rect, border: Style) {
    let w = usize::from(list_area.width.saturating_sub(2));
    let items: Vec<ListItem> = app
        .ws
        .risks
        .iter()
        .map(|r| {
            let level = RiskLevel::of(r.likelihood, r.impact);
            let open = if risk::is_open(r) { " " } else { "·" };
            ListItem::new(Line::from(vec![
                Span::styled(
                    format!("{:>2} {:<2}", r.likelihood * r.impact, level.short()),
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
    let mut st = ListState::default()
        .with_selected((!empty).then(|| app.risk_row.min(app.ws.risks.len().saturating_sub(1))));
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
    let cursor = match app.mode {
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
    draw_matrix(f, app, t, mx, cursor, compact);
    if mx_side.width > 10 {
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
    if let Some((l, i)) = cursor {
        let inside = risk::in_cell(&app.ws, app.basis(), l, i);
        let mut lines = vec![Line::from(Span::styled(
            format!(
                "Likelihood {l} ({}) × impact {i} ({}): {} · {} risks",
                scale_name(l),
                scale_name(i),
                RiskLevel::of(l, i).label(),
                inside.len()
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
        return;
    }
    let Some(r) = app.current_risk() else {
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
                format!("{} {}", r.likelihood * r.impact, level.label()),
                t.level(level),
            ),
            Span::raw(format!(
                " (likelihood {} {}, impact {} {}) · treatment {}",
                r.likelihood,
                scale_name(r.likelihood),
                r.impact,
                scale_name(r.impact),
                r.treatment.label()
            )),
        ]),
    ];
    if r.target_likelihood.is_some() || r.target_impact.is_some() {
        let (tl, ti) = risk::rating(r, risk::Basis::Residual);
        lines.push(Line::from(format!(
            "Residual after treatment: {} {}",
            tl * ti,
            RiskLevel::of(tl, ti).label()
        )));
    }
    if let Some(g) = gaps::derive(app.catalog, &app.ws)
        .into_iter()
        .find(|g| g.id == r.id)
    {
        lines.extend(gap_lines(app, t, &g));
    } else if !risk::is_open(r) {
        lines.push(Line::from(Span::styled(
            "Not on the board: accepted, or rated Low or below.",
            t.dim(),
        )));
    }
    for (label, value) in [
        ("Assets", r.assets.join(", ")),
        ("Threat", r.threat.clone()),
        ("Vulnerability", r.vulnerability.clone()),
        ("Controls", r.controls.clone()),
        ("Rationale", r.rationale.clone()),
        ("Questions", r.links.join(", ")),
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

fn draw_export(f: &mut Frame, t: &Theme, area: Rect, selected: usize, redact: bool) {
    use crate::exchange::export::ExportFormat;
    let boxed = centered(area, 80, ExportFormat::ALL.len() as u16 + 6);
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(" Export (written beside the workspace) · Enter write · Esc cancel ")
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let mut lines: Vec<Line> = ExportFormat::ALL
        .iter()
        .enumerate()
        .map(|(i, fmt)| {
            let name = format!("{fmt:?}").to_lowercase();
            let text = format!(
                "{} {name:<5} {}",
                if i == selected { "▶" } else { " " },
                fmt.describe()
            );
            Line::from(Span::styled(
                text,
                if i == selected {
                    t.selected()
                } else {
                    Style::default()
                },
            ))
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        if redact {
            "r  redaction ON: notes, evidence locations and plans are left out".to_string()
        } else {
            "r  redaction OFF: the export includes notes, which may hold PHI".to_string()
        },
        if redact { t.accent() } else { t.warn() },
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_library(f: &mut Frame, t: &Theme, area: Rect, selected: usize) {
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(" Add a risk: choose a starting point (Enter), Esc cancels ")
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(inner);
    let w = usize::from(list.width);
    let lib = risk::library();
    let mut items = vec![ListItem::new("  (blank entry)")];
    items.extend(lib.iter().map(|tpl| {
        let level = RiskLevel::of(tpl.likelihood, tpl.impact);
        ListItem::new(Line::from(vec![
            Span::styled(
                format!("{:>2} {:<2} ", tpl.likelihood * tpl.impact, level.short()),
                t.level(level),
            ),
            Span::raw(truncate(&tpl.title, w.saturating_sub(7))),
        ]))
    }));
    let mut st = ListState::default().with_selected(Some(selected));
    f.render_stateful_widget(
        List::new(items).highlight_style(t.selected()),
        list,
        &mut st,
    );
    if let Some(tpl) = selected.checked_sub(1).and_then(|i| lib.get(i)) {
        f.render_widget(
            Paragraph::new(vec![
                Line::from(format!("Threat: {}", tpl.threat)),
                Line::from(format!("Vulnerability: {}", tpl.vulnerability)),
            ])
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP)),
            detail,
        );
    }
}

fn draw_risk_form(f: &mut Frame, t: &Theme, area: Rect, form: &RiskForm) {
    let boxed = centered(area, 100, (RISK_FIELDS.len() as u16) + 5);
    f.render_widget(Clear, boxed);
    let title = if form.id.is_empty() {
        " New risk ".to_string()
    } else {
        format!(" Edit {} ", form.id)
    };
    let block = Block::bordered()
        .title(format!("{title}· Tab/↑↓ field · Enter save · Esc cancel "))
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let label_w = usize::from((inner.width / 3).min(36));
    let value_w = usize::from(inner.width).saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = RISK_FIELDS
        .iter()
        .zip(&form.inputs)
        .enumerate()
        .map(|(i, (label, value))| {
            let focused = i == form.field;
            let marker = if focused { "▶" } else { " " };
            let shown = if value.chars().count() > value_w {
                let skip = value.chars().count() - value_w + 1;
                format!("…{}", value.chars().skip(skip).collect::<String>())
            } else {
                value.clone()
            };
            let style = if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(
                    format!("{marker} {:<label_w$} ", truncate(label, label_w)),
                    t.dim(),
                ),
                Span::styled(shown, style),
            ])
        })
        .collect();
    lines.push(Line::default());
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(format!("✗ {e}"), t.warn())));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let row = inner.y + form.field as u16;
    let col =
        inner.x + label_w as u16 + 3 + form.inputs[form.field].chars().count().min(value_w) as u16;
    if col < inner.right() && row < inner.bottom() {
        f.set_cursor_position((col, row));
    }
}

fn draw_question(f: &mut Frame, app: &App, t: &Theme, q: &Question, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let head = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let mut lines: Vec<Line> = vec![
        Line::from(Span::styled(q.prompt.clone(), bold)),
        Line::from(vec![
            Span::styled(format!("{} · {} · ", q.id, q.kind.label()), t.dim()),
            Span::styled(q.references.join(", "), t.accent()),
        ]),
        Line::default(),
    ];
    let answer = app.ws.answers.get(&q.id);
    let status = answer.map(|a| a.status).unwrap_or_default();
    let mut aline = vec![Span::styled("Answer: ", bold), answer_span(t, status)];
    if let Some(a) = answer.filter(|a| a.status != AnswerStatus::Unanswered) {
        let when =
            a.at.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
        aline.push(Span::styled(format!("  by {} {when}", a.by), t.dim()));
    }
    lines.push(Line::from(aline));
    if status.is_gap() {
        let g = gaps::derive_one(app.catalog, &app.ws, &q.id);
        if let Some(g) = g {
            lines.extend(gap_lines(app, t, &g));
        }
    }
    lines.push(Line::default());
    lines.push(head("Evidence note"));
    let note = app.ws.note(&q.id);
    if note.is_empty() {
        lines.push(Line::from(Span::styled(
            "(none: e writes one here, E in your editor)",
            t.dim(),
        )));
    } else if app.redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(note.lines().map(|l| Line::from(l.to_string())));
    }
    if let Some(a) = answer.filter(|a| !a.evidence.is_empty()) {
        lines.push(Line::default());
        lines.push(head("Evidence"));
        if app.redact {
            lines.push(Line::from(Span::styled(
                format!("{} references [redacted]", a.evidence.len()),
                t.dim(),
            )));
        }
        for e in a.evidence.iter().filter(|_| !app.redact) {
            let date = e.collected.map(|d| d.to_string()).unwrap_or_default();
            lines.push(Line::from(format!(
                "• {} — {} ({date})",
                e.label, e.location
            )));
        }
    }
    lines.push(Line::default());
    lines.push(head("Guidance"));
    lines.push(Line::from(q.guidance.clone()));
    lines.push(Line::default());
    lines.push(head("Suggested remediation"));
    lines.push(Line::from(q.remediation.clone()));
    let title = if app.detail_scroll > 0 {
        format!(" {} · scrolled (K up) ", q.section)
    } else {
        format!(" {} · J/K scroll ", q.section)
    };
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0))
            .block(Block::bordered().title(title)),
        area,
    );
}

fn gap_lines(app: &App, t: &Theme, g: &Gap) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let overdue = g.is_overdue(app.today);
    let owner = if g.owner.is_empty() {
        "(unassigned: o)".to_string()
    } else {
        g.owner.clone()
    };
    let due = match g.due {
        Some(d) => format!("{d} ({})", board::days_text(g, app.today)),
        None => "(none: d)".into(),
    };
    let mut v = vec![
        Line::from(vec![
            Span::styled("Gap: ", bold),
            Span::raw(format!("owner {owner} · due ")),
            Span::styled(due, if overdue { t.warn() } else { Style::default() }),
            Span::styled(if overdue { " OVERDUE" } else { "" }, t.warn()),
        ]),
        Line::from(vec![
            Span::raw(format!("     status {} · risk ", g.status.label())),
            Span::styled(
                format!("{} {}", g.score(), g.level().label()),
                t.level(g.level()),
            ),
            Span::styled(
                format!(
                    " (likelihood {} {}, impact {} {})",
                    g.likelihood,
                    scale_name(g.likelihood),
                    g.impact,
                    scale_name(g.impact)
                ),
                t.dim(),
            ),
        ]),
    ];
    let plan = if g.plan.is_empty() {
        "(no plan yet: r)".to_string()
    } else if app.redact {
        REDACTED.to_string()
    } else {
        g.plan.replace('\n', " / ")
    };
    v.push(Line::from(format!("     plan: {plan}")));
    v
}

fn draw_dashboard(f: &mut Frame, app: &App, t: &Theme, body: Rect) {
    let all = app.gaps();
    let c = board::counts(all.iter(), app.today);
    let tall = body.height >= 30;
    let [top, middle, bottom, extra] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(9),
        Constraint::Min(4),
        Constraint::Length(if tall { 8 } else { 0 }),
    ])
    .areas(body);

    // Progress and compliance per area, as gauges.
    let block = Block::bordered()
        .title(" Progress (answered) and compliance (Yes ÷ Yes+Partial+No, N/A left out) ");
    let inner = block.inner(top);
    f.render_widget(block, top);
    let rows = Layout::vertical([Constraint::Length(1); 4]).split(inner);
    for (a, row) in Area::ALL.into_iter().zip(rows.iter()) {
        let fig = board::area_figures(app.catalog, &app.ws, a);
        let (total, answered) = (fig.total, fig.answered());
        let scored = fig.yes + fig.partial + fig.no;
        let [name, prog, comp] = Layout::horizontal([
            Constraint::Length(15),
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ])
        .areas(*row);
        f.render_widget(Paragraph::new(a.name()), name);
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        f.render_widget(
            LineGauge::default()
                .filled_symbol("█")
                .unfilled_symbol("░")
                .ratio(ratio(answered, total))
                .label(format!("{answered:>3}/{total:<3}"))
                .filled_style(t.accent())
                .unfilled_style(t.dim()),
            prog,
        );
        let comp_label = fig
            .compliance_percent()
            .map_or_else(|| " —  ".to_string(), |p| format!("{p:>3}%"));
        f.render_widget(
            LineGauge::default()
                .filled_symbol("█")
                .unfilled_symbol("░")
                .ratio(ratio(fig.yes, scored))
                .label(format!(" {comp_label}"))
                .filled_style(t.fg(Color::Green))
                .unfilled_style(t.dim()),
            comp,
        );
    }

    // Gaps by level, the matrix in small, the counts that need attention.
    let [bars, mx, nums] = Layout::horizontal([
        Constraint::Percentage(34),
        Constraint::Length(29),
        Constraint::Min(20),
    ])
    .areas(middle);
    let mut by_level = [0u64; 5];
    for g in all.iter().filter(|g| !g.status.is_closed()) {
        by_level[g.level() as usize] += 1;
    }
    let bar_list: Vec<Bar> = [
        RiskLevel::VeryHigh,
        RiskLevel::High,
        RiskLevel::Moderate,
        RiskLevel::Low,
        RiskLevel::VeryLow,
    ]
    .into_iter()
    .map(|l| {
        Bar::with_label(format!("{:<9}", l.label()), by_level[l as usize])
            .style(t.level(l))
            .value_style(Style::default().add_modifier(Modifier::BOLD))
    })
    .collect();
    f.render_widget(
        BarChart::horizontal(bar_list)
            .bar_width(1)
            .bar_gap(0)
            .block(Block::bordered().title(" Open gaps by level ")),
        bars,
    );
    draw_matrix(f, app, t, mx, None, true);
    let warn = |n: usize| if n > 0 { t.warn() } else { Style::default() };
    let lines = vec![
        Line::from(Span::styled(
            format!("{:>4} overdue", c.overdue),
            warn(c.overdue),
        )),
        Line::from(format!("{:>4} due this week", c.due_soon)),
        Line::from(Span::styled(
            format!("{:>4} unassigned", c.unassigned),
            warn(c.unassigned),
        )),
        Line::from(format!("{:>4} open", c.open)),
        Line::from(format!("{:>4} in progress", c.in_progress)),
        Line::from(format!("{:>4} done or accepted", c.done + c.accepted)),
        Line::from(Span::styled(
            format!("{:>4} risks in register", app.ws.risks.len()),
            t.dim(),
        )),
    ];
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Remediation ")),
        nums,
    );

    // The next items due, and the trend of gaps opened and closed per week.
    let [next_area, trend] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(20)]).areas(bottom);
    let mut next: Vec<&Gap> = all
        .iter()
        .filter(|g| !g.status.is_closed() && g.due.is_some())
        .collect();
    next.sort_by_key(|g| (g.due, g.id.clone()));
    let w = usize::from(next_area.width.saturating_sub(2));
    let mut lines: Vec<Line> = next
        .iter()
        .take(5)
        .map(|g| {
            let overdue = g.is_overdue(app.today);
            let text = format!(
                "{} {} {:<10} {:<14} {} {}",
                board::mark(g, app.today),
                g.due.map(|d| d.to_string()).unwrap_or_default(),
                board::days_text(g, app.today),
                truncate(
                    if g.owner.is_empty() {
                        "(unassigned)"
                    } else {
                        &g.owner
                    },
                    14
                ),
                g.id,
                g.title
            );
            Line::from(Span::styled(
                truncate(&text, w),
                if overdue { t.warn() } else { Style::default() },
            ))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "No open gap has a due date yet.",
            t.dim(),
        )));
    }
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Next 5 due ")),
        next_area,
    );
    let weeks = usize::from(trend.width.saturating_sub(12)).clamp(4, 26);
    let data = board::weekly_trend(&app.ws, app.today, weeks);
    let opened: Vec<u64> = data.iter().map(|w| w.1).collect();
    let closed: Vec<u64> = data.iter().map(|w| w.2).collect();
    let block = Block::bordered().title(format!(" Gaps per week, last {weeks} weeks "));
    let inner = block.inner(trend);
    f.render_widget(block, trend);
    let [o_row, c_row, note] = Layout::vertical([
        Constraint::Length(inner.height.saturating_sub(1) / 2),
        Constraint::Length(inner.height.saturating_sub(1) / 2),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [o_label, o_spark] =
        Layout::horizontal([Constraint::Length(9), Constraint::Min(4)]).areas(o_row);
    let [c_label, c_spark] =
        Layout::horizontal([Constraint::Length(9), Constraint::Min(4)]).areas(c_row);
    f.render_widget(
        Paragraph::new(format!("opened {}", opened.iter().sum::<u64>())),
        o_label,
    );
    f.render_widget(
        Sparkline::default().data(&opened).style(t.fg(Color::Red)),
        o_spark,
    );
    f.render_widget(
        Paragraph::new(format!("closed {}", closed.iter().sum::<u64>())),
        c_label,
    );
    f.render_widget(
        Sparkline::default().data(&closed).style(t.fg(Color::Green)),
        c_spark,
    );
    f.render_widget(
        Paragraph::new(Span::styled("from the change log", t.dim())),
        note,
    );

    if tall {
        draw_penalties(f, t, extra);
    }
}

/// The HIPAA civil penalty tiers, for context; general information, not legal advice.
fn draw_penalties(f: &mut Frame, t: &Theme, area: Rect) {
    let p = risk::penalties();
    let header = Row::new([
        "Tier",
        "Culpability",
        "Min / violation",
        "Max / violation",
        "Calendar-year cap",
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let rows: Vec<Row> = p
        .tiers
        .iter()
        .map(|tier| {
            Row::new(vec![
                tier.tier.to_string(),
                tier.culpability.clone(),
                risk::dollars(tier.min),
                risk::dollars(tier.max),
                risk::dollars(tier.annual_cap),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(4),
        Constraint::Min(30),
        Constraint::Length(15),
        Constraint::Length(15),
        Constraint::Length(17),
    ];
    f.render_widget(
        Table::new(rows, widths).header(header).block(
            Block::bordered()
                .title(format!(
                    " HIPAA civil penalties, effective {} (45 CFR 160.404) · general information, not legal advice ",
                    p.effective
                ))
                .border_style(t.dim()),
        ),
        area,
    );
}

fn board_header(app: &App, t: &Theme, roomy: bool) -> Vec<Line<'static>> {
    let all = app.gaps();
    let c = board::counts(all.iter(), app.today);
    let shown = app.board_rows().len();
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
    let filter = app.ws.view.filter.describe();
    let mut view = vec![Span::styled(
        format!(" ordered by {} (O)", app.ws.view.sort),
        t.accent(),
    )];
    if filter.is_empty() {
        view.push(Span::styled(
            format!(" · all {shown} gaps · f filters"),
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
    if !app.marked.is_empty() {
        view.push(Span::styled(
            format!(
                " · {} marked (o d s apply to all; Esc clears)",
                app.marked.len()
            ),
            t.accent().add_modifier(Modifier::BOLD),
        ));
    }
    vec![counts, Line::from(view)]
}

fn draw_board(f: &mut Frame, app: &App, t: &Theme, body: Rect) {
    if app.meeting {
        return;
    }
    let [head, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    let roomy = body.height.saturating_sub(4) >= 30;
    f.render_widget(Paragraph::new(board_header(app, t, roomy)), head);
    if app.board_detail
        && let Some(g) = app.board_gap()
    {
        draw_gap_detail(f, app, t, &g, table_area);
        return;
    }
    let all = app.gaps();
    let rows_idx = app.board_rows();
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
    let sel = app.gap_row.min(rows_idx.len() - 1);
    let offset = super::app::scroll_window(app.board_offset, sel, visible);
    let window = &rows_idx[offset..(offset + visible).min(rows_idx.len())];
    let rows: Vec<Row> = window
        .iter()
        .map(|&i| {
            let g = &all[i];
            let overdue = g.is_overdue(app.today);
            let soon = board::is_due_soon(g, app.today);
            let marked = if app.marked.contains(&g.id) {
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
            let mut cells = vec![
                ratatui::widgets::Cell::from(format!("{marked}{}", board::mark(g, app.today))),
                ratatui::widgets::Cell::from(g.id.clone()),
            ];
            if !narrow {
                cells.push(ratatui::widgets::Cell::from(g.area_name()));
            }
            cells.extend([
                ratatui::widgets::Cell::from(risk),
                ratatui::widgets::Cell::from(owner),
                ratatui::widgets::Cell::from(due),
                ratatui::widgets::Cell::from(board::days_text(g, app.today)),
                ratatui::widgets::Cell::from(status_text(g.status)),
                ratatui::widgets::Cell::from(g.title.clone()),
            ]);
            Row::new(cells).style(style)
        })
        .collect();
    let mut widths = vec![Constraint::Length(2), Constraint::Length(10)];
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
        lines.extend(gap_lines(app, t, g));
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            detail,
        );
    }
}

/// A gap in full: the question, the answer and its evidence, the remediation, the history.
fn draw_gap_detail(f: &mut Frame, app: &App, t: &Theme, g: &Gap, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let head = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let mut lines = vec![Line::from(Span::styled(g.title.clone(), bold))];
    if let Some(q) = app.catalog.get(&g.id) {
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
    lines.extend(gap_lines(app, t, g));
    lines.push(Line::default());
    lines.push(head("Evidence note"));
    let note = app.ws.note(&g.id);
    if note.is_empty() {
        lines.push(Line::from(Span::styled("(none)", t.dim())));
    } else if app.redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(note.lines().map(|l| Line::from(l.to_string())));
    }
    if let Some(a) = app
        .ws
        .answers
        .get(&g.id)
        .filter(|a| !a.evidence.is_empty() && !app.redact)
    {
        for e in &a.evidence {
            let date = e.collected.map(|d| d.to_string()).unwrap_or_default();
            lines.push(Line::from(format!(
                "• {} — {} ({date})",
                e.label, e.location
            )));
        }
    }
    lines.push(Line::default());
    lines.push(head("History"));
    let mut any = false;
    for c in board::history(&app.ws, &g.id) {
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
            .block(Block::bordered().title(format!(" {} · Esc back to the board ", g.id))),
        area,
    );
}

/// Meeting mode: the whole screen for one gap, readable from across a table.
fn draw_meeting(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let rows = app.board_rows();
    let all = app.gaps();
    let [top, card, list, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(7),
        Constraint::Length(1),
    ])
    .areas(area);
    let pos = if rows.is_empty() {
        0
    } else {
        app.gap_row.min(rows.len() - 1) + 1
    };
    let mut top_spans = vec![Span::styled(
        format!(
            " MEETING · {} · gap {pos} of {} · ordered by {}",
            app.ws.engagement.client,
            rows.len(),
            app.ws.view.sort
        ),
        t.accent().add_modifier(Modifier::BOLD),
    )];
    let filter = app.ws.view.filter.describe();
    if !filter.is_empty() {
        top_spans.push(Span::styled(format!(" · filter: {filter}"), t.warn()));
    }
    top_spans.push(Span::styled(
        if app.redact {
            " · REDACTED"
        } else {
            " · notes visible (R hides)"
        },
        if app.redact { t.warn() } else { t.dim() },
    ));
    f.render_widget(Paragraph::new(Line::from(top_spans)), top);
    let Some(g) = app.board_gap() else {
        f.render_widget(
            Paragraph::new("No gaps to discuss. M or Esc leaves meeting mode.")
                .block(Block::bordered()),
            card,
        );
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let overdue = g.is_overdue(app.today);
    let big = |label: &str, value: String, sub: String, style: Style| {
        Paragraph::new(vec![
            Line::from(Span::styled(label.to_string(), t.dim())),
            Line::from(Span::styled(value, style.add_modifier(Modifier::BOLD))),
            Line::from(Span::styled(sub, style)),
        ])
        .block(Block::bordered())
    };
    let [title, fields, rest] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Min(2),
    ])
    .areas(card);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                format!("{} · {} · {}", g.id, g.area_name(), g.section),
                t.dim(),
            )),
            Line::from(Span::styled(g.title.clone(), bold)),
        ])
        .wrap(Wrap { trim: true }),
        title,
    );
    let cols = Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(fields);
    let owner = if g.owner.is_empty() {
        "unassigned (o)".to_string()
    } else {
        g.owner.clone()
    };
    let (due, days) = match g.due {
        Some(d) => (d.to_string(), board::days_text(&g, app.today)),
        None => ("no date (d)".into(), String::new()),
    };
    let days = if overdue {
        format!("{days} · OVERDUE")
    } else {
        days
    };
    f.render_widget(
        big("OWNER (o)", owner, String::new(), Style::default()),
        cols[0],
    );
    f.render_widget(
        big(
            "DUE (d)",
            due,
            days,
            if overdue { t.warn() } else { Style::default() },
        ),
        cols[1],
    );
    f.render_widget(
        big(
            "STATUS (s)",
            g.status.label().to_string(),
            String::new(),
            Style::default(),
        ),
        cols[2],
    );
    f.render_widget(
        big(
            "RISK",
            format!("{} {}", g.score(), g.level().label()),
            format!("L{} × I{}", g.likelihood, g.impact),
            t.level(g.level()),
        ),
        cols[3],
    );
    let hidden = |s: &str| {
        if s.is_empty() {
            "(none)".to_string()
        } else if app.redact {
            REDACTED.to_string()
        } else {
            s.to_string()
        }
    };
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                "Plan (r)",
                t.accent().add_modifier(Modifier::BOLD),
            )),
            Line::from(hidden(&g.plan)),
            Line::default(),
            Line::from(Span::styled(
                "Evidence note",
                t.accent().add_modifier(Modifier::BOLD),
            )),
            Line::from(hidden(app.ws.note(&g.id))),
        ])
        .wrap(Wrap { trim: true }),
        rest,
    );
    let sel = app.gap_row.min(rows.len().saturating_sub(1));
    let start = sel.saturating_sub(2);
    let w = usize::from(list.width.saturating_sub(2));
    let items: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(5)
        .map(|(n, &i)| {
            let x = &all[i];
            let text = format!(
                "{} {}{:<10} {:<14} {:<10} {}",
                if n == sel { "▶" } else { " " },
                board::mark(x, app.today),
                x.id,
                truncate(if x.owner.is_empty() { "—" } else { &x.owner }, 14),
                x.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                x.title
            );
            let style = if n == sel {
                bold
            } else if x.is_overdue(app.today) {
                t.warn()
            } else {
                Style::default()
            };
            Line::from(Span::styled(truncate(&text, w), style))
        })
        .collect();
    f.render_widget(
        Paragraph::new(items).block(Block::default().borders(Borders::TOP)),
        list,
    );
    f.render_widget(
        Paragraph::new(Span::styled(
            " j/k next/previous · o owner · d due · s status · r plan · R redact · M or Esc leaves",
            t.dim(),
        )),
        foot,
    );
}

fn status_text(s: RemediationStatus) -> &'static str {
    match s {
        RemediationStatus::Open => "Open",
        RemediationStatus::InProgress => "In progress",
        RemediationStatus::Done => "Done",
        RemediationStatus::RiskAccepted => "Accepted",
    }
}

/// A box centred in `area`, at most `w` x `h`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn draw_editor(f: &mut Frame, app: &App, t: &Theme, body: Rect) {
    let Mode::Editor(ed) = &app.mode else { return };
    let (what, id) = match &ed.target {
        EditTarget::Note(id) => ("Evidence note", id),
        EditTarget::Plan(id) => ("Remediation plan", id),
    };
    let area = centered(body, 90, 16);
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(" {what} · {id} · Esc keeps the text "))
        .border_style(t.accent());
    let inner = block.inner(area);
    f.render_widget(block, area);
    if app.redact {
        f.render_widget(Paragraph::new(Span::styled(REDACTED, t.dim())), inner);
    } else {
        f.render_widget(&ed.textarea, inner);
    }
}

fn draw_prompt(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let Mode::Prompt(p) = &app.mode else { return };
    let completions = if p.kind == PromptKind::Owner {
        app.owner_completions(&p.input)
    } else {
        vec![]
    };
    let boxed = centered(area, 72, 7);
    f.render_widget(Clear, boxed);
    let who = if p.kind == PromptKind::Filter {
        "Board".to_string()
    } else if app.tab == Tab::Gaps && !app.marked.is_empty() {
        format!("{} marked gaps", app.marked.len())
    } else {
        p.id.clone()
    };
    let block = Block::bordered()
        .title(format!(" {who} · {} ", p.kind.title()))
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let mut lines = vec![Line::from(format!("> {}", p.input))];
    match &p.error {
        Some(e) => lines.push(Line::from(Span::styled(format!("✗ {e}"), t.warn()))),
        None => lines.push(Line::default()),
    }
    if !completions.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Tab: {}", completions.join(", ")),
            t.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        "Enter accept · Esc cancel",
        t.dim(),
    )));
    f.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + 2 + p.input.chars().count() as u16;
    if x < inner.right() {
        f.set_cursor_position((x, inner.y));
    }
}

fn draw_search(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let Mode::Search(s) = &app.mode else { return };
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(" Search: ids, words, references (164.312, PR.AA), tags, note text ")
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [input, count, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(format!("/ {}", s.query)), input);
    f.set_cursor_position((input.x + 2 + s.query.chars().count() as u16, input.y));
    f.render_widget(
        Paragraph::new(Span::styled(
            if s.query.is_empty() {
                "type to search all four audits".to_string()
            } else {
                match s.results.len() {
                    1 => "1 question".to_string(),
                    n => format!("{n} questions"),
                }
            },
            t.dim(),
        )),
        count,
    );
    let w = usize::from(list.width);
    let items: Vec<ListItem> = s
        .results
        .iter()
        .map(|&i| {
            let q = &app.catalog.questions[i];
            let st = app.ws.status(&q.id);
            ListItem::new(Line::from(vec![
                Span::styled(st.mark(), t.answer(st)),
                Span::raw(truncate(
                    &format!(" {} {:<5} {}", q.id, short_area(q.area()), q.prompt),
                    w.saturating_sub(1),
                )),
            ]))
        })
        .collect();
    let mut st = ListState::default().with_selected(if s.results.is_empty() {
        None
    } else {
        Some(s.selected)
    });
    f.render_stateful_widget(
        List::new(items).highlight_style(t.selected()),
        list,
        &mut st,
    );
}

fn short_area(a: Area) -> &'static str {
    match a {
        Area::Privacy => "Priv",
        Area::Administrative => "Admin",
        Area::Nist => "NIST",
        Area::Risk => "Risk",
    }
}

/// The help text, built from the key table for the contexts active now.
pub fn help_lines(app: &App) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let contexts = app.contexts();
    for ctx in [
        Context::Global,
        Context::Audit,
        Context::Gap,
        Context::Board,
        Context::Register,
    ] {
        let active = contexts.contains(&ctx);
        let suffix = if active { "" } else { " (not here)" };
        out.push((format!("{}{suffix}", ctx.title()), String::new()));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            out.push((format!("  {}", keys.join(" / ")), b.help.to_string()));
        }
    }
    out.push(("Note and plan editor".into(), String::new()));
    for (k, h) in keymap::EDITOR_KEYS {
        out.push((format!("  {k}"), h.to_string()));
    }
    out.push(("Prompts".into(), String::new()));
    for (k, h) in keymap::PROMPT_KEYS {
        out.push((format!("  {k}"), h.to_string()));
    }
    out
}

fn draw_help(f: &mut Frame, app: &App, t: &Theme, area: Rect, scroll: u16) {
    let boxed = centered(area, 84, area.height.saturating_sub(2));
    f.render_widget(Clear, boxed);
    let lines: Vec<Line> = help_lines(app)
        .into_iter()
        .map(|(k, h)| {
            if h.is_empty() {
                Line::from(Span::styled(k, t.accent().add_modifier(Modifier::BOLD)))
            } else {
                Line::from(vec![
                    Span::styled(
                        format!("{k:<22}"),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(h),
                ])
            }
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines.clone())
            .scroll((
                scroll.min(
                    lines
                        .len()
                        .saturating_sub(usize::from(boxed.height.saturating_sub(2)))
                        as u16,
                ),
                0,
            ))
            .block(
                Block::bordered()
                    .title(" Keys (↑↓ scroll, any other key closes) ")
                    .border_style(t.accent()),
            ),
        boxed,
    );
}

fn draw_confirm(f: &mut Frame, t: &Theme, area: Rect, title: &str, lines: &[String]) {
    let boxed = centered(area, 80, lines.len() as u16 + 2);
    f.render_widget(Clear, boxed);
    let text: Vec<Line> = lines.iter().map(|l| Line::from(l.clone())).collect();
    f.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(t.warn()),
        ),
        boxed,
    );
}

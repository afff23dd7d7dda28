//! The dashboard (tab 1): progress, gauges, how much of the request list came back, counts,
//! trend, penalty tiers. Drawing only.

use crate::domain::board::{self};
use crate::domain::catalog::Area;
use crate::domain::gaps::Gap;
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::text::truncate_clean as truncate;
use crate::tui::app::App;
use crate::tui::tabs::register::draw_matrix;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, LineGauge, Paragraph, Row, Sparkline, Table};

pub(crate) fn draw_dashboard(f: &mut Frame, app: &App, t: &Theme, body: Rect) {
    // The gaps themselves: a project's row stands for its gaps, counted already.
    // Borrowed, not copied: a board of thousands of gaps is read on every frame.
    let gaps = app.doc.gaps();
    let all: Vec<&Gap> = gaps
        .iter()
        .filter(|g| g.kind != crate::domain::gaps::GapKind::Project)
        .collect();
    let c = board::counts(all.iter().copied(), app.doc.today);
    let tall = body.height >= 30;
    // A small window keeps every area's progress whole and the open work as text.
    if body.height < 20 {
        let [top, rest] = Layout::vertical([Constraint::Length(6), Constraint::Min(0)]).areas(body);
        draw_progress(f, app, t, top);
        draw_counts_and_next(f, app, t, rest, &all, &c);
        return;
    }
    let [top, middle, bottom, extra] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(9),
        Constraint::Min(4),
        Constraint::Length(if tall { 8 } else { 0 }),
    ])
    .areas(body);

    draw_progress(f, app, t, top);
    draw_attention(f, app, t, middle, &all, &c);
    let [next_area, trend] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(20)]).areas(bottom);
    draw_next_due(f, app, t, next_area, &all);
    draw_trend(f, app, t, trend);

    if tall {
        draw_penalties(f, t, extra);
    }
}

/// Progress and compliance per area, as gauges.
fn draw_progress(f: &mut Frame, app: &App, t: &Theme, top: Rect) {
    let title = match &app.doc.ws.previous {
        Some(p) => {
            let (left, done, new) =
                crate::domain::compare::carried_counts(app.doc.catalog, &app.doc.ws);
            format!(
                " Progress and compliance · since {}: ↻ {left} to re-verify · {done} re-verified · {new} new ",
                p.file
            )
        }
        None => {
            " Progress (answered) and compliance (Yes ÷ Yes+Partial+No, N/A left out) ".to_string()
        }
    };
    // How much of the request list sent before the visit came back.
    let (received, asked) = app.doc.requests_progress();
    let block = Block::bordered()
        .title(title)
        .title_bottom(format!(" Requests: {received} of {asked} received "));
    let inner = block.inner(top);
    f.render_widget(block, top);
    let rows = Layout::vertical([Constraint::Length(1); 4]).split(inner);
    for (a, row) in Area::ALL.into_iter().zip(rows.iter()) {
        let fig = board::area_figures(app.doc.catalog, &app.doc.ws, a);
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
}

/// Gaps by level, the matrix in small, the counts that need attention.
fn draw_attention(
    f: &mut Frame,
    app: &App,
    t: &Theme,
    area: Rect,
    all: &[&Gap],
    c: &board::Counts,
) {
    let [bars, mx, nums] = Layout::horizontal([
        Constraint::Percentage(34),
        Constraint::Length(29),
        Constraint::Min(20),
    ])
    .areas(area);
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
    draw_matrix(f, &app.register, &app.view(t), mx, None, true);
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
            format!("{:>4} risks in register", app.doc.ws.risks.len()),
            t.dim(),
        )),
    ];
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Remediation ")),
        nums,
    );
}

/// The next five items due.
fn draw_next_due(f: &mut Frame, app: &App, t: &Theme, next_area: Rect, all: &[&Gap]) {
    let w = usize::from(next_area.width.saturating_sub(2));
    let mut lines = next_due_lines(app, t, all, w, 5);
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
}

/// The small window's lower part: the counts that need attention on two lines, then as
/// many of the next items due as fit.
fn draw_counts_and_next(
    f: &mut Frame,
    app: &App,
    t: &Theme,
    area: Rect,
    all: &[&Gap],
    c: &board::Counts,
) {
    if area.height < 3 {
        return;
    }
    let warn = |n: usize| if n > 0 { t.warn() } else { Style::default() };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} overdue", c.overdue), warn(c.overdue)),
            Span::raw(format!(" · {} due this week · ", c.due_soon)),
            Span::styled(format!("{} unassigned", c.unassigned), warn(c.unassigned)),
        ]),
        Line::from(format!(
            "{} open · {} in progress · {} done or accepted",
            c.open,
            c.in_progress,
            c.done + c.accepted
        )),
    ];
    let w = usize::from(area.width.saturating_sub(2));
    let room = usize::from(area.height.saturating_sub(4));
    lines.extend(next_due_lines(app, t, all, w, room));
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Remediation · next due ")),
        area,
    );
}

/// The next `n` open gaps with a due date, soonest first.
fn next_due_lines(app: &App, t: &Theme, all: &[&Gap], w: usize, n: usize) -> Vec<Line<'static>> {
    let mut next: Vec<&Gap> = all
        .iter()
        .copied()
        .filter(|g| !g.status.is_closed() && g.due.is_some())
        .collect();
    // Only the first `n` are shown: picked in linear time, then those few sorted.
    let order = |a: &&Gap, b: &&Gap| (a.due, &a.id).cmp(&(b.due, &b.id));
    if next.len() > n && n > 0 {
        next.select_nth_unstable_by(n - 1, order);
        next.truncate(n);
    }
    next.sort_by(order);
    next.iter()
        .take(n)
        .map(|g| {
            let overdue = g.is_overdue(app.doc.today);
            let text = format!(
                "{} {} {:<10} {:<14} {} {}",
                board::mark(g, app.doc.today),
                g.due.map(|d| d.to_string()).unwrap_or_default(),
                board::days_text(g, app.doc.today),
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
        .collect()
}

/// Gaps opened and closed per week, from the change log.
fn draw_trend(f: &mut Frame, app: &App, t: &Theme, trend: Rect) {
    let weeks = usize::from(trend.width.saturating_sub(12)).clamp(4, 26);
    let data = app.doc.weekly_trend(weeks);
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
}

/// The HIPAA civil penalty tiers, for context; general information, not legal advice.
pub(crate) fn draw_penalties(f: &mut Frame, t: &Theme, area: Rect) {
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

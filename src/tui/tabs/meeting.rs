//! Meeting mode: a review meeting's date and attendees, one gap at a time on the whole
//! screen, and the thread of comments, decisions and risk acceptances each gap keeps.

use crate::domain::meeting::{self, Decision, DecisionKind};
use crate::tui::prelude::*;
use crate::tui::widgets::gap_card::decision_line;

/// Meeting mode: the board fills the screen, one gap at a time, and decisions are recorded
/// in a meeting.
#[derive(Debug, Default)]
pub struct MeetingScreen {
    pub on: bool,
    /// The meeting decisions are recorded in (`M` starts or continues one).
    pub id: Option<String>,
}

impl App {
    /// `M`: leaves meeting mode, continues today's meeting, or asks for a new one's date.
    pub(crate) fn toggle_meeting(&mut self) {
        self.board.detail = false;
        if self.meeting.on {
            self.meeting.on = false;
            self.set_message("meeting mode closed; its decisions are kept with the gaps");
            return;
        }
        if let Some(m) = self
            .doc
            .ws
            .meetings
            .iter()
            .rev()
            .find(|m| m.date == self.doc.today)
        {
            self.meeting.id = Some(m.id.clone());
            self.meeting.on = true;
            self.set_message(format!(
                "continuing {} of {}: c records a decision on the gap",
                m.id, m.date
            ));
            return;
        }
        if self.refuse_read_only() {
            return;
        }
        self.open_prompt(
            PromptKind::MeetingDate,
            "meeting".into(),
            self.doc.today.to_string(),
        );
    }

    /// The meeting prompts, the comment prompt and the acceptance prompt.
    pub(crate) fn accept_meeting_prompt(&mut self, p: &Prompt) -> Result<Option<Prompt>, String> {
        let v = p.input.text().trim();
        let actor = self.actor();
        match &p.kind {
            PromptKind::MeetingDate => {
                let date = if v.is_empty() {
                    self.doc.today
                } else {
                    dates::parse_date(v)?
                };
                Ok(Some(Prompt {
                    kind: PromptKind::MeetingAttendees { date },
                    id: p.id.clone(),
                    input: Default::default(),
                    error: None,
                }))
            }
            PromptKind::MeetingAttendees { date } => {
                let people = meeting::parse_attendees(v)?;
                let n = people.len();
                let id = self.doc.ws.start_meeting(*date, people, &actor);
                self.doc.changed();
                self.meeting.id = Some(id.clone());
                self.meeting.on = true;
                self.set_message(format!(
                    "{id} started with {n} attendee{}: c records a decision on each gap",
                    if n == 1 { "" } else { "s" }
                ));
                Ok(None)
            }
            PromptKind::Comment => {
                if v.is_empty() {
                    return Err("type the comment or decision (Esc cancels)".into());
                }
                let (by, role, text) = self.speaker(v);
                let gap = p.id.clone();
                self.doc.ws.add_decision(
                    Decision {
                        gap: gap.clone(),
                        at: actor.now,
                        by: by.clone(),
                        role,
                        text,
                        kind: DecisionKind::Comment,
                        meeting: self.meeting.id.clone().filter(|_| self.meeting.on),
                    },
                    &actor,
                );
                self.doc.changed();
                self.set_message(format!("{gap}: recorded ({by})"));
                Ok(None)
            }
            PromptKind::AcceptRisk { targets } => {
                let who = meeting::parse_person(v)?;
                let meeting_id = self.meeting.id.clone().filter(|_| self.meeting.on);
                let mut n = 0;
                for t in targets {
                    if self.doc.ws.accept_risk(t, &who, meeting_id.clone(), &actor) {
                        self.doc.changed_id(t);
                        n += 1;
                    }
                }
                self.doc.changed();
                self.set_message(match targets.as_slice() {
                    [one] => format!("{one}: risk accepted by {} ({})", who.name, who.role),
                    _ => format!("{n} gaps: risk accepted by {} ({})", who.name, who.role),
                });
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// Who said it: "Dana: text" names an attendee of the meeting (or a known owner);
    /// otherwise it is the assessor's own note.
    fn speaker(&self, v: &str) -> (String, String, String) {
        if let Some((name, text)) = v.split_once(':') {
            let name = name.trim();
            let lower = name.to_lowercase();
            let attendee = self
                .meeting
                .id
                .as_deref()
                .and_then(|id| self.doc.ws.meeting(id))
                .and_then(|m| {
                    m.attendees.iter().find(|a| {
                        let full = a.name.to_lowercase();
                        full == lower || full.split_whitespace().next() == Some(lower.as_str())
                    })
                });
            if let Some(a) = attendee {
                return (a.name.clone(), a.role.clone(), text.trim().to_string());
            }
            if !name.is_empty()
                && self
                    .doc
                    .ws
                    .owners()
                    .iter()
                    .any(|o| o.to_lowercase() == lower)
            {
                return (name.to_string(), String::new(), text.trim().to_string());
            }
        }
        (self.actor().name, String::new(), v.to_string())
    }

    /// Asks who accepts the risk of these gaps; nothing changes until someone is named.
    pub(crate) fn ask_acceptance(&mut self, targets: Vec<String>) {
        let very_high = targets.iter().any(|id| {
            self.doc
                .gaps()
                .iter()
                .any(|g| &g.id == id && g.level() == RiskLevel::VeryHigh)
        });
        let id = targets.first().cloned().unwrap_or_default();
        self.open_prompt(PromptKind::AcceptRisk { targets }, id, String::new());
        if very_high {
            self.set_message(
                "a VERY HIGH risk: accept it only with the name and role of who has the authority",
            );
        }
    }
}

/// The card's lower half: the plan and the note with their line breaks, then the thread.
fn card_text(app: &App, t: &Theme, g: &Gap) -> Vec<Line<'static>> {
    let heading = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let body = |s: &str| -> Vec<Line<'static>> {
        if s.is_empty() {
            vec![Line::from("(none)")]
        } else if app.settings.redact {
            vec![Line::from(REDACTED)]
        } else {
            s.lines().map(|l| Line::from(l.to_string())).collect()
        }
    };
    let mut lines = vec![heading("Plan (r)")];
    lines.extend(body(&g.plan));
    lines.push(Line::default());
    lines.push(heading("Evidence note"));
    lines.extend(body(app.doc.ws.note(&g.id)));
    let thread: Vec<&Decision> = app.doc.ws.decisions_on(&g.id).collect();
    if !thread.is_empty() {
        lines.push(Line::default());
        lines.push(heading("Decisions and comments (c adds one)"));
        for d in thread.iter().rev().take(4).rev() {
            lines.push(decision_line(d, app.settings.redact));
        }
    }
    lines
}

/// Meeting mode: the whole screen for one gap, readable from across a table.
pub(crate) fn draw_meeting(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let rows = app.doc.board_rows();
    let all = app.doc.gaps();
    let [top, card, list, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(7),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_meeting_header(f, app, t, top, rows.len());
    let Some(g) = app.board_gap() else {
        f.render_widget(
            Paragraph::new("No gaps to discuss. M or Esc leaves meeting mode.")
                .block(Block::bordered()),
            card,
        );
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let overdue = g.is_overdue(app.doc.today);
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
        Some(d) => (d.to_string(), board::days_text(&g, app.doc.today)),
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
    f.render_widget(
        Paragraph::new(card_text(app, t, &g))
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0)),
        rest,
    );
    draw_meeting_list(f, app, t, list, &rows, &all);
    f.render_widget(
        Paragraph::new(Span::styled(
            " j/k next/previous · o owner · d due · s status · w form · c comment/decision · R redact · M or Esc leaves",
            t.dim(),
        )),
        foot,
    );
}

/// The meeting's top line: client, position, order, filter, whether notes show.
fn draw_meeting_header(f: &mut Frame, app: &App, t: &Theme, top: Rect, count: usize) {
    let pos = if count == 0 {
        0
    } else {
        app.board.row.min(count - 1) + 1
    };
    let mut top_spans = vec![Span::styled(
        format!(
            " MEETING · {} · gap {pos} of {} · ordered by {}",
            app.doc.ws.engagement.client, count, app.doc.ws.view.sort
        ),
        t.accent().add_modifier(Modifier::BOLD),
    )];
    if let Some(mt) = app
        .meeting
        .id
        .as_deref()
        .and_then(|id| app.doc.ws.meeting(id))
    {
        let names: Vec<&str> = mt.attendees.iter().map(|a| a.name.as_str()).collect();
        top_spans.push(Span::styled(
            format!(" · {} {}: {}", mt.id, mt.date, names.join(", ")),
            t.dim(),
        ));
    }
    let filter = app.doc.ws.view.filter.describe();
    if !filter.is_empty() {
        top_spans.push(Span::styled(format!(" · filter: {filter}"), t.warn()));
    }
    top_spans.push(Span::styled(
        if app.settings.redact {
            " · REDACTED"
        } else {
            " · notes visible (R hides)"
        },
        if app.settings.redact {
            t.warn()
        } else {
            t.dim()
        },
    ));
    f.render_widget(Paragraph::new(Line::from(top_spans)), top);
}

/// Five rows around the current gap, so the room sees what comes next.
fn draw_meeting_list(f: &mut Frame, app: &App, t: &Theme, list: Rect, rows: &[usize], all: &[Gap]) {
    let sel = app.board.row.min(rows.len().saturating_sub(1));
    let start = sel.saturating_sub(2);
    let bold = Style::default().add_modifier(Modifier::BOLD);
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
                board::mark(x, app.doc.today),
                x.id,
                truncate(if x.owner.is_empty() { "—" } else { &x.owner }, 14),
                x.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                x.title
            );
            let style = if n == sel {
                bold
            } else if x.is_overdue(app.doc.today) {
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
}

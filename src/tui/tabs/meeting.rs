//! Meeting mode: a review meeting's date and attendees, one gap at a time on the whole
//! screen, and the thread of comments, decisions and risk acceptances each gap keeps.

use crate::domain::meeting::{self, Decision, DecisionKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::domain::board;
use crate::domain::dates;
use crate::domain::gaps::Gap;
use crate::domain::text::truncate_clean as truncate;
use crate::tui::cx::{Cx, View};
use crate::tui::state::{Prompt, PromptKind};
use crate::tui::tabs::board::BoardScreen;
use crate::tui::theme::REDACTED;
use crate::tui::widgets::gap_card::decision_line;

/// Meeting mode: the board fills the screen, one gap at a time, and decisions are recorded
/// in a meeting.
#[derive(Debug, Default)]
pub struct MeetingScreen {
    pub on: bool,
    /// The meeting decisions are recorded in (`M` starts or continues one).
    pub id: Option<String>,
}

impl MeetingScreen {
    /// `M`: leaves meeting mode, continues today's meeting, or asks for a new one's date.
    pub fn toggle(&mut self, cx: &mut Cx) {
        if self.on {
            self.on = false;
            cx.set_message("meeting mode closed; its decisions are kept with the gaps");
            return;
        }
        if let Some(m) = cx
            .doc
            .ws
            .meetings
            .iter()
            .rev()
            .find(|m| m.date == cx.doc.today && !m.earlier)
        {
            self.id = Some(m.id.clone());
            self.on = true;
            cx.set_message(format!(
                "continuing {} of {}: c records a decision on the gap",
                m.id, m.date
            ));
            return;
        }
        if cx.refuse_read_only() {
            return;
        }
        cx.open_prompt(
            PromptKind::MeetingDate,
            "meeting".into(),
            cx.doc.today.to_string(),
        );
    }

    /// The meeting prompts, the comment prompt and the acceptance prompt.
    pub fn accept_prompt(&mut self, p: &Prompt, cx: &mut Cx) -> Result<Option<Prompt>, String> {
        let v = p.input.text().trim();
        let actor = cx.actor();
        match &p.kind {
            PromptKind::MeetingDate => {
                let date = if v.is_empty() {
                    cx.doc.today
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
                let id = cx.doc.ws.start_meeting(*date, people, &actor);
                cx.doc.changed();
                self.id = Some(id.clone());
                self.on = true;
                cx.set_message(format!(
                    "{id} started with {n} attendee{}: c records a decision on each gap",
                    if n == 1 { "" } else { "s" }
                ));
                Ok(None)
            }
            PromptKind::Comment => {
                if v.is_empty() {
                    return Err("type the comment or decision (Esc cancels)".into());
                }
                let (by, role, text) = self.speaker(v, cx);
                let gap = p.id.clone();
                cx.doc.ws.add_decision(
                    Decision {
                        gap: gap.clone(),
                        at: actor.now,
                        by: by.clone(),
                        role,
                        text,
                        kind: DecisionKind::Comment,
                        meeting: self.id.clone().filter(|_| self.on),
                        earlier: false,
                    },
                    &actor,
                );
                cx.doc.changed();
                cx.set_message(format!("{gap}: recorded ({by})"));
                Ok(None)
            }
            PromptKind::Response => {
                let mut r = crate::domain::response::Response::parse(v, actor.now.date())?;
                // "Dana: partly: …" names the attendee Dana Whitfield, as a comment does.
                let (by, _, _) = self.speaker(&format!("{}: x", r.by), cx);
                if !r.by.trim().is_empty() && by != cx.actor().name {
                    r.by = by;
                }
                let gap = p.id.clone();
                let label = r.stance.label();
                if cx
                    .doc
                    .ws
                    .set_response(&gap, r, self.id.clone().filter(|_| self.on), &actor)
                {
                    cx.doc.changed_id(&gap);
                    cx.set_message(format!("{gap}: management response recorded ({label})"));
                } else {
                    cx.set_message(format!("{gap}: the same response is already on record"));
                }
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// Who said it: "Dana: text" names an attendee of the meeting (or a known owner);
    /// otherwise it is the assessor's own note.
    fn speaker(&self, v: &str, cx: &Cx) -> (String, String, String) {
        if let Some((name, text)) = v.split_once(':') {
            let name = name.trim();
            let lower = name.to_lowercase();
            let attendee = self
                .id
                .as_deref()
                .and_then(|id| cx.doc.ws.meeting(id))
                .and_then(|m| {
                    m.attendees.iter().find(|a| {
                        let full = a.name.to_lowercase();
                        full == lower || full.split_whitespace().next() == Some(lower.as_str())
                    })
                });
            if let Some(a) = attendee {
                return (a.name.clone(), a.role.clone(), text.trim().to_string());
            }
            if !name.is_empty() && cx.doc.ws.owners().iter().any(|o| o.to_lowercase() == lower) {
                return (name.to_string(), String::new(), text.trim().to_string());
            }
        }
        (cx.actor().name, String::new(), v.to_string())
    }

    /// Meeting mode on the whole screen: the header, the board's current gap as a card, and
    /// the list of gaps around it.
    pub fn draw(&self, f: &mut Frame, v: &View, board: &BoardScreen, area: Rect) {
        draw_meeting(f, self, board, v, area);
    }
}

/// The card's lower half: the plan and the note with their line breaks, then the thread.
fn card_text(v: &View, g: &Gap) -> Vec<Line<'static>> {
    let t = v.theme;
    let heading = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let body = |s: &str| -> Vec<Line<'static>> {
        if s.is_empty() {
            vec![Line::from("(none)")]
        } else if v.settings.redact {
            vec![Line::from(REDACTED)]
        } else {
            s.lines().map(|l| Line::from(l.to_string())).collect()
        }
    };
    let mut lines =
        crate::tui::widgets::gap_card::finding_lines(v.doc, (v.settings.redact, true), t, g);
    lines.push(Line::default());
    lines.push(heading("Plan (r)"));
    lines.extend(body(&g.plan));
    lines.push(Line::default());
    lines.push(heading("Evidence note"));
    lines.extend(body(v.doc.ws.note(&g.id)));
    lines.extend(crate::tui::widgets::question_card::earlier_note_lines(
        &v.doc.ws,
        &g.id,
        v.settings.redact,
        t,
    ));
    let thread: Vec<&Decision> = v.doc.ws.decisions_on(&g.id).collect();
    if !thread.is_empty() {
        lines.push(Line::default());
        lines.push(heading("Decisions and comments (c adds one)"));
        for d in thread.iter().rev().take(4).rev() {
            lines.push(decision_line(d, v.settings.redact));
        }
    }
    lines
}

/// Meeting mode: the whole screen for one gap, readable from across a table.
fn draw_meeting(f: &mut Frame, m: &MeetingScreen, b: &BoardScreen, v: &View, area: Rect) {
    let t = v.theme;
    let rows = v.doc.board_rows();
    let all = v.doc.gaps();
    let [top, card, list, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(7),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_meeting_header(f, m, b, v, top, rows.len());
    let Some(g) = b.gap(v.doc) else {
        f.render_widget(
            Paragraph::new("No gaps to discuss. M or Esc leaves meeting mode.")
                .block(Block::bordered()),
            card,
        );
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let overdue = g.is_overdue(v.doc.today);
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
        Some(d) => (d.to_string(), board::days_text(&g, v.doc.today)),
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
        Paragraph::new(card_text(v, &g))
            .wrap(Wrap { trim: false })
            .scroll((v.detail_scroll, 0)),
        rest,
    );
    draw_meeting_list(f, b, v, list, &rows, &all);
    f.render_widget(
        Paragraph::new(Span::styled(
            " j/k next/previous · o owner · d due · s status · w form · c comment/decision · S response · R redact · M or Esc leaves",
            t.dim(),
        )),
        foot,
    );
}

/// The meeting's top line: client, position, order, filter, whether notes show.
fn draw_meeting_header(
    f: &mut Frame,
    m: &MeetingScreen,
    b: &BoardScreen,
    v: &View,
    top: Rect,
    count: usize,
) {
    let t = v.theme;
    let pos = if count == 0 {
        0
    } else {
        b.row.min(count - 1) + 1
    };
    let mut top_spans = vec![Span::styled(
        format!(
            " MEETING · {} · gap {pos} of {} · ordered by {}",
            v.doc.ws.engagement.client, count, v.doc.ws.view.sort
        ),
        t.accent().add_modifier(Modifier::BOLD),
    )];
    if let Some(mt) = m.id.as_deref().and_then(|id| v.doc.ws.meeting(id)) {
        let names: Vec<&str> = mt.attendees.iter().map(|a| a.name.as_str()).collect();
        top_spans.push(Span::styled(
            format!(" · {} {}: {}", mt.id, mt.date, names.join(", ")),
            t.dim(),
        ));
    }
    let filter = v.doc.ws.view.filter.describe();
    if !filter.is_empty() {
        top_spans.push(Span::styled(format!(" · filter: {filter}"), t.warn()));
    }
    top_spans.push(Span::styled(
        if v.settings.redact {
            " · REDACTED"
        } else {
            " · notes visible (R hides)"
        },
        if v.settings.redact { t.warn() } else { t.dim() },
    ));
    f.render_widget(Paragraph::new(Line::from(top_spans)), top);
}

/// Five rows around the current gap, so the room sees what comes next.
fn draw_meeting_list(
    f: &mut Frame,
    b: &BoardScreen,
    v: &View,
    list: Rect,
    rows: &[usize],
    all: &[Gap],
) {
    let t = v.theme;
    let sel = b.row.min(rows.len().saturating_sub(1));
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
                board::mark(x, v.doc.today),
                x.id,
                truncate(if x.owner.is_empty() { "—" } else { &x.owner }, 14),
                x.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                x.title
            );
            let style = if n == sel {
                bold
            } else if x.is_overdue(v.doc.today) {
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

//! The selected question in full, on the audit tab's right: its prompt and references, the
//! answer (with a merge conflict or a carried answer to re-verify), the gap it makes, the
//! evidence note and items, the requests serving it (with the date each came), the guidance
//! and the suggested remediation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::catalog::Question;
use crate::domain::gaps;
use crate::domain::workspace::AnswerStatus;
use crate::tui::cx::View;
use crate::tui::theme::REDACTED;
use crate::tui::widgets::evidence_line::item_line;
use crate::tui::widgets::gap_card::{answer_span, gap_lines};

pub fn draw_question(f: &mut Frame, vw: &View, q: &Question, area: Rect) {
    let t = vw.theme;
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
    let answer = vw.doc.ws.answers.get(&q.id);
    let status = answer.map(|a| a.status).unwrap_or_default();
    let mut aline = vec![Span::styled("Answer: ", bold), answer_span(t, status)];
    if let Some(a) = answer.filter(|a| a.status != AnswerStatus::Unanswered) {
        let when =
            a.at.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
        aline.push(Span::styled(format!("  by {} {when}", a.by), t.dim()));
    }
    lines.push(Line::from(aline));
    for c in vw.doc.ws.conflicts.iter().filter(|c| c.id == q.id) {
        lines.push(Line::from(Span::styled(
            format!(
                "≠ Merge conflict on the {}: ours stands until resolved (C)",
                c.field
            ),
            t.warn().add_modifier(Modifier::BOLD),
        )));
    }
    if vw.doc.ws.to_reverify(&q.id) {
        lines.push(Line::from(Span::styled(
            "↻ Carried from the last assessment: to re-verify (any answer key confirms or changes it)",
            t.carried().add_modifier(Modifier::BOLD),
        )));
    } else if let Some(was) = answer.and_then(|a| a.previous).filter(|w| *w != status) {
        lines.push(Line::from(Span::styled(
            format!("Last assessment: {}", was.label()),
            t.dim(),
        )));
    }
    if status == AnswerStatus::NotApplicable && !vw.doc.ws.reason(&q.id).is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Why not applicable: ", bold),
            Span::raw(vw.doc.ws.reason(&q.id).to_string()),
        ]));
    }
    if let Some(fx) =
        crate::domain::analysis_facts::facts_of(&vw.doc.ws, &vw.doc.analysis().state, &q.id)
    {
        lines.push(Line::from(vec![
            Span::styled("The analysis shows: ", bold),
            Span::raw(fx.text),
        ]));
        let agrees = fx.supports == status;
        lines.push(Line::from(Span::styled(
            if agrees {
                format!("It supports the answer given ({}).", status.label())
            } else {
                format!(
                    "It supports {} ({}).",
                    fx.supports.label(),
                    crate::tui::keymap::answer_key(fx.supports)
                )
            },
            if agrees { t.dim() } else { t.carried() },
        )));
    }
    if status.is_gap() {
        let g = gaps::derive_one(vw.doc.catalog, &vw.doc.ws, &q.id);
        if let Some(g) = g {
            lines.extend(gap_lines(vw.doc.today, vw.settings.redact, t, &g));
        }
    }
    lines.push(Line::default());
    lines.push(head("Evidence note"));
    let note = vw.doc.ws.note(&q.id);
    if note.is_empty() {
        lines.push(Line::from(Span::styled(
            "(none: e writes one here, E in your editor)",
            t.dim(),
        )));
    } else if vw.settings.redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(note.lines().map(|l| Line::from(l.to_string())));
    }
    lines.extend(earlier_note_lines(&vw.doc.ws, &q.id, vw.settings.redact, t));
    if let Some(a) = answer.filter(|a| !a.evidence.is_empty()) {
        lines.push(Line::default());
        lines.push(head("Evidence"));
        if vw.settings.redact {
            lines.push(Line::from(Span::styled(
                format!("{} items [redacted]", a.evidence.len()),
                t.dim(),
            )));
        }
        for e in a.evidence.iter().filter(|_| !vw.settings.redact) {
            lines.push(Line::from(item_line(
                e,
                vw.doc.today,
                vw.doc.renewal_window,
            )));
        }
    }
    // What the practice was asked to send for this question, and when it came: while the
    // question is open, or once something came (an answered question needs no reminder).
    let asked = crate::exchange::requests::serving(vw.doc.catalog, &vw.doc.ws, &q.id);
    let open = status == AnswerStatus::Unanswered || vw.doc.ws.to_reverify(&q.id);
    if !asked.is_empty() && (open || asked.iter().any(|(_, when)| when.is_some())) {
        lines.push(Line::default());
        lines.push(head("Requested from the practice"));
        for (text, when) in asked {
            lines.push(Line::from(match when {
                Some(d) => vec![
                    Span::raw(format!("☑ {text} ")),
                    Span::styled(format!("received {d}"), t.accent()),
                ],
                None => vec![Span::styled(format!("☐ {text}"), t.dim())],
            }));
        }
    }
    lines.push(Line::default());
    lines.push(head("Guidance"));
    lines.push(Line::from(q.guidance.clone()));
    lines.push(Line::default());
    lines.push(head("Suggested remediation"));
    lines.push(Line::from(q.remediation.clone()));
    let title = if vw.detail_scroll > 0 {
        format!(" {} · scrolled (K up) ", q.section)
    } else {
        format!(" {} · J/K scroll ", q.section)
    };
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .scroll((vw.detail_scroll, 0))
            .block(Block::bordered().title(title)),
        area,
    );
}

/// The note carried from an earlier assessment, under its year: kept for reference, never
/// this year's observation (e writes that as a new note). Nothing when there is none.
pub(crate) fn earlier_note_lines(
    ws: &crate::domain::workspace::Workspace,
    id: &str,
    redact: bool,
    t: &crate::tui::theme::Theme,
) -> Vec<Line<'static>> {
    let Some(n) = ws.answers.get(id).and_then(|a| a.earlier_note.as_ref()) else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("Note of the {} assessment (kept; not this year's)", n.year),
        t.carried(),
    ))];
    if redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(
            n.text
                .lines()
                .map(|l| Line::from(Span::styled(l.to_string(), t.dim()))),
        );
    }
    lines
}

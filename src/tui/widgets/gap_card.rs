//! The lines that describe a gap (owner, due, status, risk, plan) and an answer's mark:
//! shared by the audit tabs, the register and the board.

use chrono::NaiveDate;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::domain::board;
use crate::domain::gaps::Gap;
use crate::domain::meeting::{Decision, DecisionKind};
use crate::domain::workspace::AnswerStatus;
use crate::tui::theme::{REDACTED, Theme};

pub(crate) fn answer_span(t: &Theme, s: AnswerStatus) -> Span<'static> {
    Span::styled(format!("{} {}", s.mark(), s.label()), t.answer(s))
}

pub(crate) fn gap_lines(today: NaiveDate, redact: bool, t: &Theme, g: &Gap) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let overdue = g.is_overdue(today);
    let owner = if g.owner.is_empty() {
        "(unassigned: o)".to_string()
    } else {
        g.owner.clone()
    };
    let due = match g.due {
        Some(d) => format!("{d} ({})", board::days_text(g, today)),
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
                    " (likelihood {} {}, impact {} {}; {})",
                    g.likelihood,
                    g.likelihood.name(),
                    g.impact,
                    g.impact.name(),
                    rating_source(g)
                ),
                t.dim(),
            ),
        ]),
    ];
    let plan = if g.plan.is_empty() {
        "(no plan yet: r)".to_string()
    } else if redact {
        REDACTED.to_string()
    } else {
        g.plan.replace('\n', " / ")
    };
    v.push(Line::from(format!("     plan: {plan}")));
    v
}

/// Whose rating it is: the bank's default (a Partial one level lower) or the assessor's.
pub(crate) fn rating_source(g: &Gap) -> &'static str {
    match (g.default_rating, g.answer) {
        (false, _) => "rated by the assessor",
        (true, Some(AnswerStatus::Partial)) => "bank default, one level lower for Partial",
        (true, _) => "bank default",
    }
}

/// One entry of a thread: date, who (role), what.
pub fn decision_line(d: &Decision, redact: bool) -> Line<'static> {
    let role = if d.role.is_empty() {
        String::new()
    } else {
        format!(" ({})", d.role)
    };
    let text = if redact && d.kind == DecisionKind::Comment {
        REDACTED.to_string()
    } else {
        d.text.replace('\n', " ")
    };
    // Carried with the gap from the previous assessment: said then, not in this one.
    let when = if d.earlier {
        "previous assessment, "
    } else {
        ""
    };
    Line::from(format!("{when}{} {}{role}: {text}", d.at.date(), d.by))
}

/// The finding the report prints for this board item: its condition, criteria,
/// recommendation and management's response, and the other items of the same problem.
/// `compact` (meeting mode, read from across a table): the finding, where the report prints
/// it and management's response only.
pub(crate) fn finding_lines(
    doc: &crate::tui::doc::Doc,
    (redact, compact): (bool, bool),
    t: &Theme,
    g: &Gap,
) -> Vec<Line<'static>> {
    let gaps = doc.gaps();
    let Some(f) = crate::domain::findings::finding_of(
        doc.catalog,
        &doc.ws,
        &gaps,
        &g.id,
        doc.today,
        doc.renewal_window,
        redact,
    ) else {
        return Vec::new();
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let one = |s: &str| crate::domain::text::clean_line(&s.replace('\n', " "));
    let field = |label: &str, text: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), bold),
            Span::raw(text),
        ])
    };
    let mut v = vec![field("Finding", one(&f.title))];
    if f.id() != g.id {
        v.push(Line::from(Span::styled(
            format!(
                "  the report prints it under {} (the same problem), with its rating, owner and date",
                f.id()
            ),
            t.warn(),
        )));
    }
    let response = match &f.response {
        None => "(not yet given: S records it)".to_string(),
        Some(r) if redact => format!("{} ({})", r.stance.label(), r.date),
        Some(r) => one(&r.line()),
    };
    if compact {
        v.push(field("Management response", response));
        return v;
    }
    v.push(field(
        if f.observed {
            "Condition"
        } else {
            "Condition (bank's words: e adds yours)"
        },
        one(&f.condition),
    ));
    v.push(Line::from(Span::styled(
        format!("Criteria: {}", one(&f.criteria)),
        t.dim(),
    )));
    let rec = if f.suggested {
        format!(
            "(suggested: r or w starts from it) {}",
            one(&f.recommendation)
        )
    } else if redact {
        REDACTED.to_string()
    } else {
        one(&f.recommendation)
    };
    v.push(field("Recommendation", rec));
    v.push(field("Management response", response));
    let others: Vec<String> = f
        .ids()
        .filter(|id| *id != g.id)
        .map(crate::domain::text::clean_line)
        .collect();
    if !others.is_empty() {
        v.push(Line::from(Span::styled(
            format!("Same problem: {}", others.join(", ")),
            t.dim(),
        )));
    }
    v
}

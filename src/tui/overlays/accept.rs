//! The acceptance form (`Z` on a gap or a register entry, or a status cycled to Risk
//! accepted): who accepts, their role, the date, why, and when it is to be reviewed, in one
//! step that never passes through Done.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::dates;
use crate::domain::method::Acceptance;
use crate::domain::scoring::RiskLevel;
use crate::tui::cx::Cx;
use crate::tui::state::{FieldError, Form, FormField, FormKind, Mode, form_fields};
use crate::tui::theme::Theme;
use crate::tui::widgets::fields::{Fields, draw_fields};

form_fields! {
    /// The fields of an acceptance.
    pub enum AcceptField {
        By => "Who accepts",
        Role => "Their role",
        Date => "Date accepted",
        Rationale => "Why the risk is accepted",
        ReviewBy => "Review by (2027-12-01, +1y, +6m)",
    }
}

impl AcceptField {
    pub fn help(self) -> &'static str {
        match self {
            AcceptField::By => {
                "the person with the authority to accept the risk (the owner, a partner)"
            }
            AcceptField::Role => "their role: Practice owner, Security official, Medical director",
            AcceptField::Date => "YYYY-MM-DD; empty = today",
            AcceptField::Rationale => {
                "why accepting is reasonable here: cost against harm, a compensating control, a planned change"
            }
            AcceptField::ReviewBy => {
                "when it is looked at again; past this date the item returns to the board"
            }
        }
    }

    fn apply(
        self,
        text: &str,
        a: &mut Acceptance,
        today: NaiveDate,
    ) -> Result<(), FieldError<Self>> {
        let err = |e: String| (self, e);
        match self {
            AcceptField::By if text.is_empty() => {
                return Err(err("name who accepts the risk".into()));
            }
            AcceptField::By => a.by = text.to_string(),
            AcceptField::Role if text.is_empty() => {
                return Err(err("their role shows they may accept it".into()));
            }
            AcceptField::Role => a.role = text.to_string(),
            AcceptField::Date => {
                a.date = Some(match text {
                    "" => today,
                    t => dates::parse_date(t).map_err(err)?,
                })
            }
            AcceptField::Rationale if text.is_empty() => {
                return Err(err("an acceptance needs its reason".into()));
            }
            AcceptField::Rationale => a.rationale = text.to_string(),
            AcceptField::ReviewBy => {
                let from = a.date.unwrap_or(today);
                let d = match text {
                    "" => return Err(err("set a review date: +1y is usual".into())),
                    t if t.starts_with('+') => dates::parse_due(t, from).map_err(err)?,
                    t => dates::parse_date(t).map_err(err)?,
                };
                if d <= from {
                    return Err(err("the review date comes after the acceptance".into()));
                }
                a.review_by = Some(d);
            }
        }
        Ok(())
    }
}

/// Opens the acceptance form for these gaps or entries, starting from the first one's
/// acceptance when it has one; a Very high risk is named in the message.
pub(crate) fn open(targets: Vec<String>, cx: &mut Cx) {
    let Some(first) = targets.first() else {
        return;
    };
    let old = cx
        .doc
        .ws
        .risks
        .iter()
        .find(|r| &r.id == first)
        .and_then(|r| r.acceptance.clone())
        .or_else(|| cx.doc.ws.remediation(first).acceptance);
    let a = old.unwrap_or_default();
    let today = cx.doc.today;
    let form = Form::new(
        FormKind::Accept(targets.clone()),
        |f: AcceptField| match f {
            AcceptField::By => a.by.clone(),
            AcceptField::Role => a.role.clone(),
            AcceptField::Date => a.date.unwrap_or(today).to_string(),
            AcceptField::Rationale => a.rationale.clone(),
            AcceptField::ReviewBy => a.review_by.map_or_else(|| "+1y".into(), |d| d.to_string()),
        },
    );
    let very_high = targets.iter().any(|id| {
        cx.doc
            .gaps()
            .iter()
            .any(|g| &g.id == id && g.level() == RiskLevel::VeryHigh)
    });
    *cx.mode = Mode::Form(Box::new(form));
    if very_high {
        cx.set_message(
            "a VERY HIGH risk: accept it only with the name and role of who has the authority",
        );
    }
}

/// Checks every field, then records the acceptance on each target.
pub(crate) fn accept_form(
    targets: &[String],
    form: &Form,
    meeting: Option<String>,
    cx: &mut Cx,
) -> Result<(), FieldError<AcceptField>> {
    let mut a = Acceptance::default();
    for &f in AcceptField::ALL {
        f.apply(form.get(f), &mut a, cx.doc.today)?;
    }
    let actor = cx.actor();
    let mut n = 0;
    for t in targets {
        if cx.doc.ws.accept(t, a.clone(), meeting.clone(), &actor) {
            cx.doc.changed_id(t);
            n += 1;
        }
    }
    cx.doc.risk_changed();
    let review = a.review_by.map(|d| d.to_string()).unwrap_or_default();
    cx.set_message(match targets {
        [one] => format!(
            "{one}: risk accepted by {} ({}), review by {review}",
            a.by, a.role
        ),
        _ => format!(
            "{n} gaps: risk accepted by {} ({}), review by {review}",
            a.by, a.role
        ),
    });
    Ok(())
}

pub(crate) fn draw_accept_form(f: &mut Frame, t: &Theme, area: Rect, form: &Form) {
    let FormKind::Accept(targets) = &form.kind else {
        return;
    };
    let title = match targets.as_slice() {
        [one] => format!(" Accept the risk of {one} "),
        many => format!(" Accept the risk of {} gaps ", many.len()),
    };
    draw_fields(
        f,
        t,
        area,
        Fields {
            title,
            labels: &form.labels,
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            hints: &[],
            extra: vec![Line::from(Span::styled(
                form.focused().map_or("", AcceptField::help),
                t.dim(),
            ))],
        },
    );
}

//! How a report is made, shared by every writer.
use chrono::NaiveDate;

use crate::exchange::columns::REDACTED;

/// How a report is made.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub today: NaiveDate,
    /// Leave out evidence notes, evidence file names and plans (they may hold PHI).
    pub redact: bool,
    /// Yearly duties due within this many days are listed as renewal items.
    pub window: u32,
    /// Leave unanswered questions out of the answer appendix (the summary still counts them).
    pub omit_unanswered: bool,
}

/// Private text (notes, plans) as the options allow: the marker when redacted.
pub(crate) fn private<'a>(s: &'a str, o: &Options) -> &'a str {
    if o.redact && !s.is_empty() {
        REDACTED
    } else {
        s
    }
}

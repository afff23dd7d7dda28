//! The ONE table of gap columns. The CSV export, `hipaudit gaps` (table, CSV and JSON), the
//! workbook's gap sheet and the import all read it: a new gap field is a row here (plus
//! the domain), not an edit in five writers.

use chrono::NaiveDate;

use crate::domain::board;
use crate::domain::catalog::Catalog;
use crate::domain::gaps::Gap;
use crate::domain::workspace::Workspace;

/// Everything a column may need to give a gap's value.
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub ws: &'a Workspace,
    pub today: NaiveDate,
    pub redact: bool,
    /// The log read once for every row's opened and closed dates (made on first use).
    openings: std::cell::OnceCell<board::Openings<'a>>,
}

impl<'a> Ctx<'a> {
    pub fn new(catalog: &'a Catalog, ws: &'a Workspace, today: NaiveDate, redact: bool) -> Self {
        Ctx {
            catalog,
            ws,
            today,
            redact,
            openings: std::cell::OnceCell::new(),
        }
    }

    /// `board::opened_closed`, without reading the log again for each row.
    pub fn opened_closed(&self, g: &Gap) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.openings
            .get_or_init(|| board::Openings::of(self.ws))
            .get(g)
    }
}

/// A value as typed data: writers that know types (the workbook, JSON) keep them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(i64),
    Date(Option<NaiveDate>),
    Flag(bool),
}

impl Value {
    /// As text for CSV and tables: dates as YYYY-MM-DD, flags as yes/no, nothing as "".
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
            Value::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }

    /// As JSON: numbers and flags typed, empty text and missing dates null.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) if s.is_empty() => serde_json::Value::Null,
            Value::Text(s) => s.clone().into(),
            Value::Number(n) => (*n).into(),
            Value::Date(d) => d.map_or(serde_json::Value::Null, |d| d.to_string().into()),
            Value::Flag(b) => (*b).into(),
        }
    }
}

/// Where a column appears besides the CSV export (which has them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// `hipaudit gaps` (CSV and JSON): the board, without private text.
    pub board: bool,
    /// The workbook's gap sheet, under this title.
    pub workbook: Option<&'static str>,
    /// `hipaudit import` reads this column back.
    pub import: bool,
    /// The report's gap table (Markdown, HTML), under this title.
    pub report: Option<&'static str>,
}

/// One column: its key (CSV header, JSON key, import header), where it shows, whether it
/// holds private text (left out by `--redact`), and its value for a gap.
pub struct Column {
    pub key: &'static str,
    pub shown: Shown,
    pub private: bool,
    pub value: fn(&Ctx, &Gap) -> Value,
}

const fn shown(board: bool, workbook: Option<&'static str>, import: bool) -> Shown {
    Shown {
        board,
        workbook,
        import,
        report: None,
    }
}

/// The same, also in the report's gap table under `title`.
const fn reported(s: Shown, title: &'static str) -> Shown {
    Shown {
        report: Some(title),
        ..s
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// Every gap column, in export order.
pub const COLUMNS: &[Column] = &[
    Column {
        key: "id",
        shown: reported(shown(true, Some("ID"), false), "ID"),
        private: false,
        value: |_, g| text(&g.id),
    },
    Column {
        key: "kind",
        shown: shown(true, None, false),
        private: false,
        value: |_, g| text(g.kind.word()),
    },
    Column {
        key: "area",
        shown: reported(shown(true, Some("Area"), false), "Area"),
        private: false,
        value: |_, g| text(g.area_name()),
    },
    Column {
        key: "section",
        shown: shown(true, None, false),
        private: false,
        value: |_, g| text(&g.section),
    },
    Column {
        key: "answer",
        shown: shown(true, Some("Answer"), true),
        private: false,
        value: |_, g| text(g.answer.map(|a| a.label()).unwrap_or_default()),
    },
    Column {
        key: "likelihood",
        shown: shown(true, Some("Likelihood"), true),
        private: false,
        value: |_, g| Value::Number(g.likelihood.get().into()),
    },
    Column {
        key: "impact",
        shown: shown(true, Some("Impact"), true),
        private: false,
        value: |_, g| Value::Number(g.impact.get().into()),
    },
    Column {
        key: "score",
        shown: reported(shown(true, Some("Score"), false), "Score"),
        private: false,
        value: |_, g| Value::Number(g.score().into()),
    },
    Column {
        key: "level",
        shown: reported(shown(true, Some("Level"), false), "Level"),
        private: false,
        value: |_, g| text(g.level().label()),
    },
    Column {
        key: "owner",
        shown: reported(shown(true, Some("Owner"), true), "Owner"),
        private: false,
        value: |_, g| text(&g.owner),
    },
    Column {
        key: "due",
        shown: reported(shown(true, Some("Due"), true), "Due"),
        private: false,
        value: |_, g| Value::Date(g.due),
    },
    Column {
        key: "days_left",
        shown: shown(true, None, false),
        private: false,
        value: |c, g| g.days_left(c.today).map_or(text(""), Value::Number),
    },
    Column {
        key: "overdue",
        shown: shown(true, Some("Overdue"), false),
        private: false,
        value: |c, g| Value::Flag(g.is_overdue(c.today)),
    },
    Column {
        key: "due_soon",
        shown: shown(true, None, false),
        private: false,
        value: |c, g| Value::Flag(board::is_due_soon(g, c.today)),
    },
    Column {
        key: "status",
        shown: reported(shown(true, Some("Status"), true), "Status"),
        private: false,
        value: |_, g| text(g.status.label()),
    },
    Column {
        key: "project",
        shown: shown(true, None, false),
        private: false,
        value: |_, g| text(g.project.clone().unwrap_or_default()),
    },
    Column {
        key: "opened",
        shown: shown(true, None, false),
        private: false,
        value: |c, g| Value::Date(c.opened_closed(g).0),
    },
    Column {
        key: "closed",
        shown: shown(true, None, false),
        private: false,
        value: |c, g| Value::Date(c.opened_closed(g).1),
    },
    Column {
        key: "reverify",
        shown: shown(true, Some("To re-verify"), false),
        private: false,
        value: |_, g| Value::Flag(g.reverify),
    },
    Column {
        key: "title",
        shown: shown(true, Some("Question"), false),
        private: false,
        value: |_, g| text(&g.title),
    },
    Column {
        key: "finding",
        shown: reported(shown(true, Some("Finding"), false), "Finding"),
        private: false,
        // The finding as the report states it: the bank's statement for a question (its
        // Partial variant for a Partial answer, which must not say nothing is in place); a
        // register entry's or renewal's title.
        value: |c, g| text(crate::domain::findings::title(c.catalog, g)),
    },
    Column {
        key: "references",
        shown: shown(true, None, false),
        private: false,
        value: |c, g| {
            text(
                c.catalog
                    .get(&g.id)
                    .map(|q| q.references.join("; "))
                    .unwrap_or_default(),
            )
        },
    },
    Column {
        key: "note",
        shown: shown(false, None, true),
        private: true,
        value: |c, g| text(c.ws.note(&g.id)),
    },
    Column {
        key: "plan",
        shown: reported(shown(false, Some("Plan"), true), "Plan"),
        private: true,
        value: |_, g| text(&g.plan),
    },
];

/// The marker that stands for private text in a redacted export.
pub const REDACTED: &str = "[redacted]";

/// A gap's values for `columns`, private ones redacted when asked.
pub fn values<'c>(ctx: &Ctx, g: &Gap, columns: impl IntoIterator<Item = &'c Column>) -> Vec<Value> {
    columns
        .into_iter()
        .map(|c| {
            let v = (c.value)(ctx, g);
            match v {
                Value::Text(s) if c.private && ctx.redact && !s.is_empty() => text(REDACTED),
                v => v,
            }
        })
        .collect()
}

/// The columns `hipaudit gaps` shows.
pub fn board() -> impl Iterator<Item = &'static Column> {
    COLUMNS.iter().filter(|c| c.shown.board)
}

/// The columns of the report's gap table, with their titles.
pub fn report() -> impl Iterator<Item = (&'static str, &'static Column)> {
    COLUMNS
        .iter()
        .filter_map(|c| c.shown.report.map(|title| (title, c)))
}

/// The columns `hipaudit import` reads, by key.
pub fn importable() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().filter(|c| c.shown.import).map(|c| c.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every export that has a finding column (csv, xlsx, ics, json) states a Partial
    /// answer's finding with the bank's Partial variant, as the report does (found in review:
    /// all 8 of the demo's Partial answers said nothing was in place).
    #[test]
    fn a_partial_answers_finding_is_the_partial_variant_in_every_export() {
        let catalog = Catalog::builtin();
        let ws = crate::io::demo::build(catalog);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let ctx = Ctx::new(catalog, &ws, today, false);
        let col = COLUMNS.iter().find(|c| c.key == "finding").unwrap();
        let gaps = crate::domain::gaps::derive_all(catalog, &ws, today, 60);
        let mut partial = 0;
        for g in &gaps {
            let shown = (col.value)(&ctx, g).text();
            assert_eq!(
                shown,
                crate::domain::findings::title(catalog, g),
                "{}",
                g.id
            );
            if g.answer == Some(crate::domain::workspace::AnswerStatus::Partial) {
                let q = catalog.get(&g.id).unwrap();
                assert_eq!(shown, q.finding_partial.trim(), "{}", g.id);
                assert_ne!(shown, q.finding.trim(), "{}", g.id);
                partial += 1;
            }
        }
        assert!(partial >= 5, "the demo has Partial answers");
    }

    #[test]
    fn keys_are_unique_and_every_shown_set_is_a_subset_in_order() {
        let keys: Vec<&str> = COLUMNS.iter().map(|c| c.key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len());
        assert!(
            board().all(|c| !c.private),
            "the board never prints notes or plans"
        );
        let imp: Vec<&str> = importable().collect();
        assert_eq!(
            imp,
            [
                "answer",
                "likelihood",
                "impact",
                "owner",
                "due",
                "status",
                "note",
                "plan"
            ]
        );
    }
}

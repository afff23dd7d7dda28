//! The Word writer's tables: a table of the report and the coloured risk matrix, written
//! through the layout of `docx_layout.rs` (kept apart so that docx.rs stays under 600 lines).

use super::Writer;
use crate::domain::rating::Rating;
use crate::domain::scoring::RiskLevel;
use crate::exchange::doc_model::{self as model, Inline, matrix_cell};
use crate::exchange::docx_layout::{Cell, Table, WIDE_COLUMNS};

impl Writer {
    /// Starts a table: the plain paragraph right before it is kept on its page.
    fn begin_table(&mut self, t: Table) {
        self.close();
        if let Some((at, end)) = self.plain.take()
            && end == self.body.len()
        {
            self.body
                .insert_str(at + "<w:p><w:pPr>".len(), "<w:keepNext/>");
        }
        self.flush_spacer();
        self.table = Some(t);
    }

    /// A cell of the table being written, shaded `fill`.
    fn cell(&mut self, v: &[Inline], fill: Option<&'static str>) {
        self.inlines(v);
        if let Some(t) = &mut self.table {
            let text = std::mem::take(&mut t.cell_text);
            let runs = std::mem::take(&mut t.cell_runs);
            let fill = if t.head { Some("EEF2F7") } else { fill };
            // Code (an id, a hash) is set in a monospaced font, a fifth wider.
            let wider = |n: usize| {
                if runs.contains("Consolas") {
                    n + n.div_ceil(5)
                } else {
                    n
                }
            };
            t.row.push(Cell {
                fill,
                chars: wider(text.chars().count()),
                word: wider(
                    text.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0),
                ),
                runs,
            });
        }
    }

    fn end_row(&mut self, signature: bool) {
        if let Some(t) = &mut self.table {
            if signature {
                t.tall.push(t.rows.len());
            }
            let cells = std::mem::take(&mut t.row);
            t.rows.push((t.head, cells));
            t.head = false;
        }
    }

    fn end_table(&mut self) {
        if let Some(t) = self.table.take() {
            self.section_wide |= t.columns >= WIDE_COLUMNS;
            // Once a section is on landscape pages, its later tables use the room too.
            let width = if self.section_wide {
                self.page.wide_width
            } else {
                self.page.width
            };
            self.body.push_str(&t.xml(width, self.page.font_pct));
            self.spacer = true;
        }
    }

    pub(super) fn table(&mut self, t: &model::Table) {
        self.begin_table(Table {
            columns: t.columns.len(),
            head: true,
            ..Table::default()
        });
        for c in &t.columns {
            self.cell(&[Inline::Text(c.title.clone())], None);
        }
        self.end_row(false);
        for r in &t.rows {
            for c in &r.cells {
                self.cell(c, None);
            }
            self.end_row(r.signature);
        }
        self.end_table();
    }

    /// The 5×5 matrix, its cells shaded by level (`RiskLevel::fill`).
    pub(super) fn matrix(&mut self, counts: Option<[[usize; 5]; 5]>) {
        self.begin_table(Table {
            columns: 6,
            head: true,
            matrix: true,
            ..Table::default()
        });
        self.cell(&[Inline::Text(model::AXES.to_string())], None);
        for i in Rating::ALL {
            self.cell(&[Inline::Text(format!("{i} {}", i.name()))], None);
        }
        self.end_row(false);
        for l in Rating::ALL.into_iter().rev() {
            self.cell(&[Inline::Text(format!("{l} {}", l.name()))], None);
            for i in Rating::ALL {
                let level = RiskLevel::of(l, i);
                let (text, marked) = matrix_cell(level, counts.map(|m| m[l.index()][i.index()]));
                let run = if marked {
                    Inline::Strong(text)
                } else {
                    Inline::Text(text)
                };
                self.cell(&[run], Some(level.fill()));
            }
            self.end_row(false);
        }
        self.end_table();
    }
}

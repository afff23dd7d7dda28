//! The report as one typed value: built once by the report's builders (`markdown.rs`,
//! `narrative.rs`, `risk_analysis.rs`, …) and rendered to Markdown (`doc_md.rs`), HTML
//! (`html.rs`) and Word (`docx.rs`). No renderer reads another's output: the matrices, the
//! signature row, the contents and each section's page layout are typed here, not markers
//! in text. Text in the model is plain (a consultant's note is text, never markup): each
//! renderer escapes it for its own format.

use crate::domain::scoring::RiskLevel;

/// The whole report: the cover, then its sections (each a page or more).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The document's title as plain text (the HTML title, the Word file's properties).
    pub title: String,
    /// Before the first section: the title, the confidentiality line, the engagement.
    pub cover: Vec<Block>,
    pub sections: Vec<Section>,
}

/// A section of the report: its title (a first-level heading, listed in the contents) and
/// what follows it, up to the next section.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    /// The section's anchor in the document (`sec-N`), where the contents link to.
    pub anchor: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A heading inside a section (3 and 4: the section itself is level 2), or the
    /// report's title on the cover (1).
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Inline>),
    /// A bulleted list; an item may hold a list of its own (one level).
    List(Vec<Item>),
    Table(Table),
    /// A 5×5 risk matrix, likelihood in the rows (5 at the top) and impact in the columns:
    /// the risks in each cell, or the level names alone (`None`: SP 800-30 Table I-2).
    Matrix(Option<[[usize; 5]; 5]>),
    /// The table of contents: the sections that follow it.
    Toc,
    /// A horizontal rule (before the colophon).
    Rule,
}

#[derive(Debug, Clone, Default)]
pub struct Item {
    pub text: Vec<Inline>,
    pub children: Vec<Item>,
    /// A checklist item: whether it is ticked.
    pub check: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A column: its title and what it holds.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub role: Role,
}

/// What a column holds, which says how it is set: a number is right-aligned; an id, a date
/// or a level is kept on one line where the renderer can; prose takes the room left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    Id,
    Date,
    Level,
    Number,
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Vec<Inline>>,
    /// Signed by hand: set tall enough to sign in.
    pub signature: bool,
}

/// A run of text in a paragraph, a list item, a heading or a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emph(String),
    /// An id or a hash, set in a monospaced font.
    Code(String),
    /// A link to an anchor of the report itself (the only links it holds).
    Link {
        text: String,
        anchor: String,
    },
}

impl Inline {
    /// The text a reader sees.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(s) | Inline::Strong(s) | Inline::Emph(s) | Inline::Code(s) => s,
            Inline::Link { text, .. } => text,
        }
    }
}

/// The text of a run of inlines, as a reader sees it.
pub fn plain(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::text).collect()
}

/// The section holding the contents: it is not listed in them.
pub fn has_toc(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| matches!(b, Block::Toc))
}

/// A table with this many columns or more is set on a landscape page (and the section that
/// holds it with it).
pub const WIDE_COLUMNS: usize = 8;

impl Section {
    /// The section holds a table too wide for a portrait page.
    pub fn is_wide(&self) -> bool {
        self.blocks
            .iter()
            .any(|b| matches!(b, Block::Table(t) if t.columns.len() >= WIDE_COLUMNS))
    }

    /// A section of a line or two (no table, list or contents; at most two paragraphs of a
    /// few hundred characters, its title included) shares the page of the one before it.
    pub fn is_short(&self) -> bool {
        let mut text = self.title.chars().count();
        let mut paragraphs = 0;
        for b in &self.blocks {
            match b {
                Block::Paragraph(p) => {
                    paragraphs += 1;
                    text += plain(p).chars().count();
                }
                Block::Heading { text: t, .. } => {
                    paragraphs += 1;
                    text += t.chars().count();
                }
                Block::Rule => {}
                Block::List(_) | Block::Table(_) | Block::Matrix(_) | Block::Toc => return false,
            }
        }
        paragraphs <= 2 && text <= 400
    }
}

impl Table {
    /// The columns at their header row's titles.
    pub fn new(columns: &[(&str, Role)]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|(t, role)| Column {
                    title: t.to_string(),
                    role: *role,
                })
                .collect(),
            rows: Vec::new(),
        }
    }
}

/// The matrix's cell text: the level's name (Table I-2), its letters, or its letters with
/// the risks in it; and whether it is marked (it holds risks).
pub fn matrix_cell(level: RiskLevel, count: Option<usize>) -> (String, bool) {
    match count {
        None => (level.label().to_string(), false),
        Some(0) => (level.short().to_string(), false),
        Some(n) => (format!("{} ({n})", level.short()), true),
    }
}

/// The axis titles of every matrix, in its corner (Word and HTML also set them along the
/// sides).
pub const AXES: &str = "Likelihood (rows) ＼ Impact (columns)";

// ----- Building ----------------------------------------------------------------------

/// Text: a consultant's or the report's own, escaped by each renderer.
pub fn t(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Text on one line (a name in a sentence): line breaks become spaces.
pub fn t1(s: &str) -> Inline {
    Inline::Text(flat(s))
}

/// `s` on one line: line breaks become spaces.
pub fn flat(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

pub fn b(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

pub fn em(s: impl Into<String>) -> Inline {
    Inline::Emph(s.into())
}

pub fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

/// What a paragraph, an item or a cell is made of: a text or its inlines.
pub trait IntoInlines {
    fn into_inlines(self) -> Vec<Inline>;
}

impl IntoInlines for Inline {
    fn into_inlines(self) -> Vec<Inline> {
        vec![self]
    }
}
impl IntoInlines for Vec<Inline> {
    fn into_inlines(self) -> Vec<Inline> {
        self
    }
}
impl IntoInlines for String {
    fn into_inlines(self) -> Vec<Inline> {
        if self.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text(self)]
        }
    }
}
impl IntoInlines for &String {
    fn into_inlines(self) -> Vec<Inline> {
        self.clone().into_inlines()
    }
}
impl IntoInlines for &str {
    fn into_inlines(self) -> Vec<Inline> {
        self.to_string().into_inlines()
    }
}

/// The cells of a row: `cells![code(id), name, level.label()]`.
#[macro_export]
macro_rules! cells {
    ($($c:expr),* $(,)?) => {
        vec![$($crate::exchange::doc_model::IntoInlines::into_inlines($c)),*]
    };
}

/// The inlines of a paragraph or an item: `inl![b("Risk:"), " high"]`.
#[macro_export]
macro_rules! inl {
    ($($c:expr),* $(,)?) => {{
        let mut v: Vec<$crate::exchange::doc_model::Inline> = Vec::new();
        $(v.extend($crate::exchange::doc_model::IntoInlines::into_inlines($c));)*
        v
    }};
}

/// The report as its builders write it, a block at a time.
#[derive(Debug, Default)]
pub struct Doc {
    pub cover: Vec<Block>,
    pub sections: Vec<Section>,
    /// The next item starts a new list.
    list_ended: bool,
}

impl Doc {
    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.sections.last_mut() {
            Some(s) => &mut s.blocks,
            None => &mut self.cover,
        }
    }

    fn push(&mut self, b: Block) {
        self.list_ended = false;
        self.blocks().push(b);
    }

    /// Starts a section.
    pub fn section(&mut self, title: impl Into<String>) {
        self.list_ended = false;
        let n = self.sections.len() + 1;
        self.sections.push(Section {
            title: title.into(),
            anchor: format!("sec-{n}"),
            blocks: Vec::new(),
        });
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn p(&mut self, inlines: impl IntoInlines) {
        self.push(Block::Paragraph(inlines.into_inlines()));
    }

    /// An item of the list being written (a new list after any other block).
    pub fn li(&mut self, inlines: impl IntoInlines) {
        let item = Item {
            text: inlines.into_inlines(),
            ..Item::default()
        };
        let ended = std::mem::take(&mut self.list_ended);
        match self.blocks().last_mut() {
            Some(Block::List(items)) if !ended => items.push(item),
            _ => self.push(Block::List(vec![item])),
        }
    }

    /// A checklist item, ticked or not, of the list being written.
    pub fn task(&mut self, done: bool, inlines: impl IntoInlines) {
        self.li(inlines);
        if let Some(Block::List(items)) = self.blocks().last_mut()
            && let Some(last) = items.last_mut()
        {
            last.check = Some(done);
        }
    }

    /// An item under the last item of the list being written.
    pub fn sub(&mut self, inlines: impl IntoInlines) {
        let item = Item {
            text: inlines.into_inlines(),
            ..Item::default()
        };
        match self.blocks().last_mut() {
            Some(Block::List(items)) if !items.is_empty() => {
                if let Some(last) = items.last_mut() {
                    last.children.push(item);
                }
            }
            _ => self.push(Block::List(vec![Item {
                children: vec![item],
                ..Item::default()
            }])),
        }
    }

    /// A whole list.
    pub fn list(&mut self, items: Vec<Item>) {
        self.push(Block::List(items));
    }

    /// The list being written ends: the next item starts another.
    pub fn end_list(&mut self) {
        self.list_ended = true;
    }

    /// Starts a table; `row` adds to it.
    pub fn table(&mut self, columns: &[(&str, Role)]) {
        self.push(Block::Table(Table::new(columns)));
    }

    pub fn row(&mut self, cells: Vec<Vec<Inline>>) {
        self.add_row(Row {
            cells,
            signature: false,
        });
    }

    pub fn add_row(&mut self, row: Row) {
        if let Some(Block::Table(t)) = self.blocks().last_mut() {
            t.rows.push(row);
        }
    }

    pub fn matrix(&mut self, counts: Option<[[usize; 5]; 5]>) {
        self.push(Block::Matrix(counts));
    }

    pub fn toc(&mut self) {
        self.push(Block::Toc);
    }

    pub fn rule(&mut self) {
        self.push(Block::Rule);
    }

    pub fn into_report(self, title: String) -> Report {
        Report {
            title,
            cover: self.cover,
            sections: self.sections,
        }
    }
}

/// Shorthands for the roles.
pub use Role::{Date as DATE, Id as ID, Level as LEVEL, Number as NUM, Text as TEXT};

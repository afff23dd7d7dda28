//! The report as a Word document: the report model's sections, headings, lists and tables
//! written as WordprocessingML (real heading styles, tables whose header row repeats on every
//! page, the risk matrix's cells coloured by level, a page break before every section, the
//! sections with a wide table on landscape pages: see `docx_layout.rs`).
//!
//! Written by hand on the `zip` crate the workbook export already builds, rather than with a
//! docx crate: the parts are few and small, and the tree stays lean. A consultant's own
//! document (`--template FILE.docx`) gives the styles, header and footer (letterhead): every
//! part of it is kept and only its body is replaced by the report.

use std::io::{Cursor, Write};

use anyhow::{Result, anyhow};
use zip::write::SimpleFileOptions;

use crate::exchange::doc_model::{self as model, Block, Inline, Report};
use crate::exchange::docx_layout::{Page, Table};
use crate::exchange::docx_parts::{
    CONTENT_TYPES, DOC_RELS, ROOT_RELS, SECTION, STYLES, core_xml, esc, footer_xml,
};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

#[derive(Default)]
struct Run {
    bold: bool,
    italic: bool,
    code: bool,
}

/// Turns the report into the body of `word/document.xml`.
struct Writer {
    body: String,
    /// The paragraph being written (its runs), with its properties.
    para: Option<(String, String)>,
    run: Run,
    list_depth: usize,
    /// Inside a table: the current cell's runs, the row's cells, whether in the header row,
    /// and whether this is the risk matrix.
    table: Option<Table>,
    page: Page,
    /// Where the current section (a Heading 1 and what follows) starts in `body`, and
    /// whether it holds a table wide enough for a landscape page.
    section_at: usize,
    section_wide: bool,
    /// Section breaks written so far (the first one closes the template's first section).
    breaks: usize,
    /// The last section ended on a landscape page: the next starts a page by itself.
    after_landscape: bool,
    /// Where `body` stood right after the last section break.
    break_at: usize,
    /// A table just ended: an empty paragraph follows it unless a page break does.
    spacer: bool,
    /// Where the last plain paragraph starts and ends in `body`: one that introduces a table
    /// is kept on the table's page.
    plain: Option<(usize, usize)>,
    /// The heading being written: its level (Markdown's: 2 a section) and text so far.
    heading: Option<(usize, String)>,
    /// The headings of the contents, in order, with their bookmarks.
    toc: Vec<crate::exchange::docx_toc::Entry>,
    /// The section being written is a short one (`Section::is_short`).
    section_short: bool,
    /// Where the last list item paragraph starts in `body`: an item followed by a nested list
    /// (a question and its answer) is kept with it.
    item_at: Option<usize>,
}

impl Writer {
    fn new(page: Page) -> Writer {
        Writer {
            body: String::with_capacity(256 * 1024),
            para: None,
            run: Run::default(),
            list_depth: 0,
            table: None,
            page,
            section_at: 0,
            section_wide: false,
            breaks: 0,
            after_landscape: false,
            break_at: 0,
            spacer: false,
            plain: None,
            heading: None,
            toc: Vec::new(),
            section_short: false,
            item_at: None,
        }
    }

    fn open(&mut self, props: String) {
        self.close();
        if props.contains("<w:pageBreakBefore/>") {
            self.spacer = false;
        }
        self.flush_spacer();
        self.para = Some((props, String::new()));
    }

    /// The empty paragraph after a table, when something other than a page break follows.
    fn flush_spacer(&mut self) {
        if std::mem::take(&mut self.spacer) {
            self.body.push_str("<w:p/>");
        }
    }

    /// Ends the current section; one with a wide table goes on landscape pages: a section
    /// break before its heading (which then needs no page break of its own) and one after
    /// (the body's own section properties, for the `last` one).
    fn end_section(&mut self, last: bool) {
        self.close();
        // A section of a line or two shares the page of the one before it.
        if self.section_at > 0 && std::mem::take(&mut self.section_short) {
            let tail = self.body.split_off(self.section_at);
            self.body
                .push_str(&tail.replacen("<w:pageBreakBefore/>", "", 1));
        }
        if !std::mem::take(&mut self.section_wide) {
            return;
        }
        self.spacer = false;
        let before = if self.breaks == 0 {
            self.page.first.clone()
        } else {
            self.page.portrait.clone()
        };
        let tail = self.body.split_off(self.section_at);
        let tail = tail.replacen("<w:pageBreakBefore/>", "", 1);
        // Two landscape sections in a row share the break between them.
        if self.section_at > 0 && self.section_at != self.break_at {
            self.body
                .push_str(&format!("<w:p><w:pPr>{before}</w:pPr></w:p>"));
            self.breaks += 1;
        }
        self.body.push_str(&tail);
        if !last {
            self.body.push_str(&format!(
                "<w:p><w:pPr>{}</w:pPr></w:p>",
                self.page.landscape
            ));
            self.breaks += 1;
            self.break_at = self.body.len();
        }
        self.after_landscape = true;
    }

    /// The body's last section properties, once the report is written.
    fn finish(&mut self) -> String {
        self.after_landscape = false;
        self.end_section(true);
        // Word wants a paragraph between a last table and the section's end.
        self.flush_spacer();
        if self.body.ends_with("</w:tbl>") {
            self.body.push_str("<w:p/>");
        }
        if self.after_landscape {
            self.page.landscape.clone()
        } else if self.breaks == 0 {
            self.page.first.clone()
        } else {
            self.page.portrait.clone()
        }
    }

    /// The list item just written is kept on the page of what follows it.
    fn keep_last_item(&mut self) {
        const OPEN: &str = "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>";
        if let Some(at) = self.item_at.take()
            && self.body[at..].starts_with(OPEN)
            && self.body[at..].matches("<w:p>").count() == 1
        {
            self.body.insert_str(at + OPEN.len(), "<w:keepNext/>");
        }
    }

    /// A heading's end: Heading 1 and 2 get a bookmark for the contents; the contents' own
    /// heading (`toc`) is left out of them, and the `TOC` field follows it.
    fn end_heading(&mut self, toc: bool) {
        use crate::exchange::docx_toc::{Entry, bookmark_name, bookmarked};
        let Some((n, text)) = self.heading.take() else {
            return self.close();
        };
        if toc {
            if let Some((props, runs)) = &mut self.para {
                *props = props.replace("Heading1", "TOCHeading");
                *runs = runs.replace(
                    "<w:rPr>",
                    "<w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"30\"/>",
                );
            }
            return self.close();
        }
        if matches!(n, 2 | 3) {
            let id = self.toc.len() + 1;
            let bookmark = bookmark_name(id);
            if let Some((_, runs)) = &mut self.para {
                *runs = bookmarked(runs, id, &bookmark);
            }
            self.toc.push(Entry {
                level: n - 1,
                text,
                bookmark,
            });
        }
        self.close();
    }

    fn close(&mut self) {
        if let Some((props, runs)) = self.para.take() {
            let at = self.body.len();
            self.body
                .push_str(&format!("<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"));
            self.plain = props.is_empty().then_some((at, self.body.len()));
            self.item_at = props.contains("ListParagraph").then_some(at);
        }
    }

    fn text(&mut self, t: &str) {
        let mut rpr = String::new();
        if self.run.bold || self.table.as_ref().is_some_and(|t| t.head) {
            rpr.push_str("<w:b/>");
        }
        if self.run.italic {
            rpr.push_str("<w:i/>");
        }
        if self.run.code {
            rpr.push_str("<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\"/>");
        }
        if let Some((_, h)) = &mut self.heading {
            h.push_str(t);
        }
        // Table text at the size its columns were measured for, whatever the template's
        // table style says.
        if self.table.is_some() {
            rpr.push_str("<w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/>");
        }
        let run = format!(
            "<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(t)
        );
        if let Some(table) = &mut self.table {
            table.cell_text.push_str(t);
            table.cell_runs.push_str(&run);
            return;
        }
        if self.para.is_none() {
            self.open(String::new());
        }
        if let Some((_, runs)) = &mut self.para {
            runs.push_str(&run);
        }
    }

    /// A heading: the report's title (1), a section's (2, a page of its own) or one within.
    fn heading(&mut self, n: usize, text: &str, toc: bool) {
        let style = match n {
            1 => "Title",
            2 => "Heading1",
            3 => "Heading2",
            _ => "Heading3",
        };
        // Every section starts on a new page (after a landscape one, the section break
        // starts it).
        let brk = if n == 2 {
            self.end_section(false);
            self.section_at = self.body.len();
            if std::mem::take(&mut self.after_landscape) {
                ""
            } else {
                "<w:pageBreakBefore/>"
            }
        } else {
            ""
        };
        self.open(format!("<w:pStyle w:val=\"{style}\"/><w:keepNext/>{brk}"));
        self.heading = Some((n, String::new()));
        self.text(text);
        self.end_heading(toc);
    }

    /// Runs of text; neighbours set alike are one run.
    fn inlines(&mut self, v: &[Inline]) {
        let style = |i: &Inline| match i {
            Inline::Text(_) | Inline::Link { .. } => 0,
            Inline::Strong(_) => 1,
            Inline::Emph(_) => 2,
            Inline::Code(_) => 3,
        };
        let mut k = 0;
        while k < v.len() {
            let s = style(&v[k]);
            let mut text = String::new();
            while k < v.len() && style(&v[k]) == s {
                text.push_str(v[k].text());
                k += 1;
            }
            if text.is_empty() {
                continue;
            }
            self.run = Run {
                bold: s == 1,
                italic: s == 2,
                code: s == 3,
            };
            self.text(&text);
        }
        self.run = Run::default();
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { level, text } => self.heading(*level as usize, text, false),
            Block::Paragraph(p) => {
                // A lead-in ("Also covers:") is kept on the page of what it introduces.
                let lead_in = crate::exchange::doc_model::plain(p)
                    .trim_end()
                    .ends_with(':');
                self.open(if lead_in {
                    "<w:keepNext/>".to_string()
                } else {
                    String::new()
                });
                self.inlines(p);
                self.close();
            }
            Block::List(items) => self.list(items),
            Block::Table(t) => self.table(t),
            Block::Matrix(counts) => self.matrix(*counts),
            Block::Toc => {
                self.close();
                self.body.push_str(crate::exchange::docx_toc::PLACEHOLDER);
            }
            Block::Rule => {
                self.close();
                self.flush_spacer();
                self.body.push_str(
                    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"C8D3E0\"/></w:pBdr></w:pPr></w:p>",
                );
            }
        }
    }

    fn list(&mut self, items: &[model::Item]) {
        self.close();
        if self.list_depth > 0 {
            self.keep_last_item();
        }
        self.list_depth += 1;
        for i in items {
            // A question is kept with its answer and the lines under it.
            if self.list_depth >= 2 {
                self.close();
                self.keep_last_item();
            }
            let indent = 360 * self.list_depth;
            self.open(format!(
                "<w:pStyle w:val=\"ListParagraph\"/><w:ind w:left=\"{indent}\" w:hanging=\"240\"/>"
            ));
            self.text("• ");
            if let Some(done) = i.check {
                self.text(if done { "☑ " } else { "☐ " });
            }
            self.inlines(&i.text);
            if !i.children.is_empty() {
                self.list(&i.children);
            }
            self.close();
        }
        self.close();
        self.list_depth = self.list_depth.saturating_sub(1);
    }
}

/// `word/document.xml` for the report, with this section's properties.
pub fn document_xml(r: &Report, sect_pr: &str) -> String {
    document_xml_in(r, sect_pr, 100)
}

/// `document_xml` with the table text in a font `font_pct` as wide as Calibri.
fn document_xml_in(r: &Report, sect_pr: &str, font_pct: usize) -> String {
    let mut w = Writer::new(Page {
        font_pct,
        ..Page::from_sect(sect_pr)
    });
    for b in &r.cover {
        w.block(b);
    }
    for s in &r.sections {
        let toc = crate::exchange::doc_model::has_toc(&s.blocks);
        w.heading(2, &s.title, toc);
        w.section_short = s.is_short();
        for b in &s.blocks {
            w.block(b);
        }
    }
    let last = w.finish();
    let toc = crate::exchange::docx_toc::toc_xml(&w.toc, w.page.width);
    let body = w
        .body
        .replacen(crate::exchange::docx_toc::PLACEHOLDER, &toc, 1);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{body}{last}</w:body></w:document>"
    )
}

/// What the Word file says about itself.
pub struct Meta<'a> {
    pub title: &'a str,
    pub creator: &'a str,
    pub date: chrono::NaiveDate,
}

/// The whole `.docx`: the report as the body, in our styles or the template's.
pub fn docx(r: &Report, meta: &Meta, template: Option<&[u8]>) -> Result<Vec<u8>> {
    // Stored with a fixed timestamp so the same report gives the same bytes.
    // The fastest deflate level: a 40 MB document compresses in a third of the default's
    // time, to a file a few percent larger.
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default());
    let parts: Vec<(String, Vec<u8>)> = match template {
        None => [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", ROOT_RELS.to_string()),
            (
                "docProps/core.xml",
                core_xml(meta.title, meta.creator, meta.date),
            ),
            ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
            ("word/styles.xml", STYLES.to_string()),
            (
                "word/settings.xml",
                crate::exchange::docx_toc::settings_xml(None),
            ),
            ("word/footer1.xml", footer_xml(meta.title)),
            ("word/document.xml", document_xml(r, SECTION)),
        ]
        .into_iter()
        .map(|(n, b)| (n.to_string(), b.into_bytes()))
        .collect(),
        Some(bytes) => {
            let mut parts = crate::exchange::docx_template::read(bytes)?;
            let doc = parts
                .iter()
                .find(|(n, _)| n == "word/document.xml")
                .ok_or_else(|| {
                    anyhow!("the template has no word/document.xml: not a Word document")
                })?;
            let doc_text = String::from_utf8_lossy(&doc.1);
            // A template without section properties: our page, its footer added below.
            let sect = last_sect_pr(&doc_text).unwrap_or(
                SECTION.replace("<w:footerReference w:type=\"default\" r:id=\"rId2\"/>", ""),
            );
            let sect = crate::exchange::docx_fit::page_numbers_kept(&mut parts, &sect, meta.title);
            crate::exchange::docx_fit::update_fields(&mut parts);
            let font_pct = crate::exchange::docx_fit::font_pct(&parts);
            for (name, data) in &mut parts {
                if name == "word/document.xml" {
                    *data = document_xml_in(r, &sect, font_pct).into_bytes();
                }
            }
            parts
        }
    };
    // Every XML part is checked on the other core while the package is compressed: a
    // report Word would refuse is an error here, before any file is written.
    std::thread::scope(|s| {
        let check = s.spawn(|| check_parts(&parts));
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in &parts {
            out.start_file(name.as_str(), opts)?;
            out.write_all(data)?;
        }
        let bytes = out.finish()?.into_inner();
        check
            .join()
            .map_err(|_| anyhow!("checking the report's XML failed"))??;
        Ok(bytes)
    })
}

/// Every XML part of the package parses.
fn check_parts(parts: &[(String, Vec<u8>)]) -> Result<()> {
    for (name, data) in parts {
        if !crate::exchange::docx_template::is_xml(name) {
            continue;
        }
        let text =
            std::str::from_utf8(data).map_err(|_| anyhow!("the report's {name} is not UTF-8"))?;
        crate::exchange::xml_check::well_formed(text).map_err(|e| {
            anyhow!("the report's {name} would not be well-formed XML ({e}); nothing was written")
        })?;
    }
    Ok(())
}

/// The last section's properties of a document (its page size, margins, header and footer).
fn last_sect_pr(doc: &str) -> Option<String> {
    let start = doc.rfind("<w:sectPr")?;
    let end = doc[start..].find("</w:sectPr>")? + start + "</w:sectPr>".len();
    Some(doc[start..end].to_string())
}

#[path = "docx_tables.rs"]
mod tables;

#[cfg(test)]
#[path = "docx_tests.rs"]
mod tests;

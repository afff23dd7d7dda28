//! The report model as Markdown: every text escaped (`cells::md_text`), so a note cannot
//! forge a heading, a link or an answer line; one blank line between blocks.

use crate::domain::rating::Rating;
use crate::domain::scoring::RiskLevel;
use crate::exchange::cells::{cell, md_text};
use crate::exchange::doc_model::{AXES, Block, Inline, Item, Report, Role, has_toc, matrix_cell};

pub fn render(r: &Report) -> String {
    let mut out = String::with_capacity(256 * 1024);
    let mut first = true;
    let mut put = |out: &mut String, block: String| {
        if !std::mem::take(&mut first) {
            out.push('\n');
        }
        out.push_str(&block);
    };
    for b in &r.cover {
        put(&mut out, block(r, b));
    }
    for s in &r.sections {
        put(&mut out, format!("## {}\n", cell(&s.title)));
        for b in &s.blocks {
            put(&mut out, block(r, b));
        }
    }
    out
}

/// Where a text stands, which says how its line breaks are written.
#[derive(Clone, Copy)]
enum At {
    /// A paragraph: kept (a soft break).
    Para,
    /// A list item at this depth: the next line indented under the item.
    Item(usize),
    /// A table cell or a heading: on one line.
    Line,
}

fn inlines(v: &[Inline], at: At) -> String {
    let mut out = String::new();
    for i in v {
        let text = |s: &str| match at {
            At::Para => md_text(s),
            At::Item(depth) => md_text(s).replace('\n', &format!("\n{}", "  ".repeat(depth))),
            At::Line => cell(s),
        };
        match i {
            Inline::Text(s) => out.push_str(&text(s)),
            Inline::Strong(s) => out.push_str(&format!("**{}**", text(s))),
            Inline::Emph(s) => out.push_str(&format!("*{}*", text(s))),
            Inline::Code(s) => out.push_str(&code(s)),
            // The report's own links go to its sections, which Markdown names by title.
            Inline::Link { text: s, .. } => out.push_str(&text(s)),
        }
    }
    out
}

/// An id, a hash or a command in backticks when it is plain (printable ASCII, spaces inside,
/// no backtick, bar or backslash), else escaped text: a backtick in it would close the code
/// span and let the rest run as Markdown, a bar would end a table cell.
fn code(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| (c.is_ascii_graphic() || c == ' ') && !matches!(c, '`' | '|' | '\\'));
    if plain && !s.trim().is_empty() && s.trim() == s {
        format!("`{s}`")
    } else {
        cell(s)
    }
}

fn block(r: &Report, b: &Block) -> String {
    match b {
        Block::Heading { level, text } => {
            format!("{} {}\n", "#".repeat(*level as usize), cell(text))
        }
        Block::Paragraph(p) => format!("{}\n", inlines(p, At::Para)),
        Block::List(items) => {
            let mut out = String::new();
            list(&mut out, items, 1);
            out
        }
        Block::Table(t) => {
            let mut out = String::new();
            let heads: Vec<String> = t.columns.iter().map(|c| cell(&c.title)).collect();
            row(&mut out, &heads, true);
            let rules: Vec<String> = t
                .columns
                .iter()
                .map(|c| match c.role {
                    Role::Number => "---:".to_string(),
                    _ => "---".to_string(),
                })
                .collect();
            row(&mut out, &rules, false);
            for r in &t.rows {
                let cells: Vec<String> = r.cells.iter().map(|c| inlines(c, At::Line)).collect();
                row(&mut out, &cells, false);
            }
            out
        }
        Block::Matrix(counts) => matrix(*counts),
        Block::Toc => {
            let mut out = String::new();
            for s in r.sections.iter().filter(|s| !has_toc(&s.blocks)) {
                out.push_str(&format!("- {}\n", cell(&s.title)));
            }
            out
        }
        Block::Rule => "---\n".to_string(),
    }
}

/// A table row; an empty title in the header row is a single space (`| | ID |`).
fn row(out: &mut String, cells: &[String], head: bool) {
    out.push('|');
    for c in cells {
        if head && c.is_empty() {
            out.push_str(" |");
        } else {
            out.push_str(&format!(" {c} |"));
        }
    }
    out.push('\n');
}

fn list(out: &mut String, items: &[Item], depth: usize) {
    for i in items {
        let check = match i.check {
            Some(true) => "[x] ",
            Some(false) => "[ ] ",
            None => "",
        };
        out.push_str(&format!(
            "{}- {check}{}\n",
            "  ".repeat(depth - 1),
            inlines(&i.text, At::Item(depth))
        ));
        list(out, &i.children, depth + 1);
    }
}

/// The 5×5 grid as a table: impact across, likelihood down from 5.
fn matrix(counts: Option<[[usize; 5]; 5]>) -> String {
    let mut out = String::new();
    let heads: Vec<String> = Rating::ALL
        .iter()
        .map(|i| format!("{i} {}", i.name()))
        .collect();
    out.push_str(&format!(
        "| {AXES} | {} |\n| --- | --- | --- | --- | --- | --- |\n",
        heads.join(" | ")
    ));
    for l in Rating::ALL.into_iter().rev() {
        let cells: Vec<String> = Rating::ALL
            .into_iter()
            .map(|i| {
                let (text, marked) =
                    matrix_cell(RiskLevel::of(l, i), counts.map(|m| m[l.index()][i.index()]));
                if marked { format!("**{text}**") } else { text }
            })
            .collect();
        out.push_str(&format!("| {l} {} | {} |\n", l.name(), cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::doc_model::{Doc, NUM, TEXT, b, t};

    #[test]
    fn markdown_escapes_the_text_and_lays_out_every_block() {
        let mut d = Doc::default();
        d.heading(1, "Report");
        d.section("One");
        d.p(crate::inl![b("Note:"), t(" [a](javascript:x) *b*")]);
        d.li("first");
        d.sub(t("# not a heading\nsecond line"));
        d.table(&[("Name", TEXT), ("Count", NUM)]);
        d.row(crate::cells!["a|b", "3"]);
        d.matrix(None);
        let md = render(&d.into_report("Report".into()));
        assert!(md.starts_with("# Report\n\n## One\n\n**Note:** \\[a\\](javascript:x) \\*b\\*\n"));
        assert!(
            md.contains("- first\n  - \\# not a heading\n    second line\n"),
            "{md}"
        );
        assert!(
            md.contains("| Name | Count |\n| --- | ---: |\n| a\\|b | 3 |\n"),
            "{md}"
        );
        assert!(md.contains("| 5 Very high | "), "{md}");
    }
}

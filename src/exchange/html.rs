//! The report as one self-contained HTML page that prints to PDF, rendered from the report's
//! model (`doc_model`): inline CSS, no script, no link but the contents' own, a coloured
//! matrix. Every text is escaped: raw HTML in a note shows as text.

use std::fmt::Write as _;

use crate::domain::catalog::Catalog;
use crate::domain::rating::Rating;
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{Block, Inline, Item, Report, Role, Table, matrix_cell};
use crate::exchange::markdown::Options;

const CSS: &str = "
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; line-height: 1.4; }
h1 { font-size: 20pt; border-bottom: 3px solid #1f4e79; padding-bottom: .3rem; color: #1f4e79; }
h2 { font-size: 15pt; color: #1f4e79; border-bottom: 1px solid #c8d3e0; margin-top: 2rem; page-break-before: always; break-before: page; }
h2:first-of-type { page-break-before: auto; break-before: auto; }
section { page-break-before: always; break-before: page; }
section.short { page-break-before: auto; break-before: auto; }
section h2 { page-break-before: auto; break-before: auto; }
h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
.keep { page-break-inside: avoid; break-inside: avoid; }
.keep > ul { margin-bottom: 0; } ul.cont { margin-top: 0; }
ol.toc { line-height: 1.7; } ol.toc a { color: inherit; text-decoration: none; }
tr.sign td { height: 1.2cm; }
section.wide { page: wide; }
td.nw, td.nw code { white-space: nowrap; word-break: keep-all; }
@page wide { size: landscape; margin: 12mm 14mm 14mm; }
h3 { font-size: 12.5pt; margin-top: 1.4rem; }
h4 { font-size: 11pt; color: #444; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; max-width: 100%; margin: .6rem 0; font-size: 9.5pt; }
th, td { border: 1px solid #c8c8c8; padding: 3px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
td code { white-space: normal; word-break: break-all; }
th { background: #eef2f7; overflow-wrap: normal; word-break: keep-all; }
thead { display: table-header-group; }
tr, li { page-break-inside: avoid; break-inside: avoid; }
ul { padding-left: 1.2rem; }
li { margin: .25rem 0; }
code { font-size: 9pt; white-space: nowrap; }
table.matrix { width: auto; }
table.matrix td, table.matrix th { width: 4.6rem; height: 2.2rem; text-align: center; vertical-align: middle; font-weight: bold; }
table.matrix th.axis { background: #dfe7f1; height: auto; }
table.matrix th.side { width: auto; }
@page { margin: 16mm 14mm; @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); font-size: 8pt; color: #666; } }
@media print { body { margin: 0; max-width: none; } }
";

/// The level colours, as classes named by the levels' letters (`RiskLevel::fill`).
fn level_css() -> String {
    let mut css = String::new();
    for l in RiskLevel::ALL {
        let ink = if l == RiskLevel::VeryHigh {
            " color: #fff;"
        } else {
            ""
        };
        let _ = write!(css, ".{} {{ background: #{};{ink} }} ", l.short(), l.fill());
    }
    css.trim_end().to_string()
}

/// A matrix as a coloured HTML grid with its axis titles, impact across the top and
/// likelihood up the side (levels spelled in each cell, so it prints in grey): the risks per
/// cell, or the level names alone for the method's Table I-2 (`counts` none).
fn matrix_html(counts: Option<[[usize; 5]; 5]>) -> String {
    let mut h = String::from(
        "<table class=\"matrix\"><thead><tr><th colspan=\"2\" rowspan=\"2\"></th><th colspan=\"5\" class=\"axis\">Impact</th></tr><tr>",
    );
    for i in Rating::ALL {
        let _ = write!(h, "<th>{i} {}</th>", i.name());
    }
    h.push_str("</tr></thead><tbody>");
    for l in Rating::ALL.into_iter().rev() {
        h.push_str("<tr>");
        if l == Rating::VERY_HIGH {
            h.push_str("<th rowspan=\"5\" class=\"axis side\">Likelihood</th>");
        }
        let _ = write!(h, "<th>{l} {}</th>", l.name());
        for i in Rating::ALL {
            let level = RiskLevel::of(l, i);
            let (text, _) = matrix_cell(level, counts.map(|m| m[l.index()][i.index()]));
            let _ = write!(h, "<td class=\"{}\">{text}</td>", level.short());
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// The report as one self-contained HTML page: inline CSS, no scripts, nothing fetched.
pub fn html(catalog: &Catalog, ws: &Workspace, o: &Options) -> String {
    render(&crate::exchange::markdown::report(catalog, ws, o))
}

/// The model as the page. Each section starts a page (the cover has the first to itself); a
/// section with a wide table prints on landscape pages, a short one shares the page before.
pub fn render(r: &Report) -> String {
    let mut body = String::with_capacity(512 * 1024);
    run(&mut body, r, None, &r.cover);
    for s in &r.sections {
        let class = if s.is_wide() {
            " class=\"wide\""
        } else if s.is_short() {
            " class=\"short\""
        } else {
            ""
        };
        let _ = writeln!(body, "<section{class}>");
        let heading = format!("<h2 id=\"{}\">{}</h2>", esc_attr(&s.anchor), esc(&s.title));
        run(&mut body, r, Some(heading), &s.blocks);
        body.push_str("</section>\n");
    }
    wrap(&esc_attr(&r.title), &body)
}

/// Blocks in order, each heading kept on one page with the start of what follows it:
/// Chromium does not always honour `break-after: avoid`, so the heading and its first
/// paragraph, short table or first list item go in one block that does not split.
fn run(out: &mut String, r: &Report, heading: Option<String>, blocks: &[Block]) {
    let mut pending = heading;
    for b in blocks {
        // A lead-in ("Also covers:") stays on the page of what it introduces, as a heading
        // does (found in review: it was left alone at the foot of a page).
        if let Block::Paragraph(p) = b
            && crate::exchange::doc_model::plain(p)
                .trim_end()
                .ends_with(':')
        {
            let para = block(r, b);
            let para = para.trim_end();
            pending = Some(match pending.take() {
                Some(h) => format!("{h}\n{para}"),
                None => para.to_string(),
            });
            continue;
        }
        if let Block::Heading { level, text } = b
            && *level >= 2
        {
            if let Some(h) = pending.take() {
                out.push_str(&h);
                out.push('\n');
            }
            pending = Some(format!("<h{level}>{}</h{level}>", esc(text)));
            continue;
        }
        match pending.take() {
            Some(h) => keep(out, r, &h, b),
            None => out.push_str(&block(r, b)),
        }
    }
    if let Some(h) = pending {
        out.push_str(&h);
        out.push('\n');
    }
}

/// A heading and what follows it, the start of it kept with the heading.
fn keep(out: &mut String, r: &Report, heading: &str, b: &Block) {
    const OPEN: &str = "<div class=\"keep\">";
    match b {
        Block::Paragraph(_) => {
            let _ = write!(out, "{OPEN}{heading}\n{}</div>\n\n", block(r, b).trim_end());
        }
        Block::Table(t) if t.rows.len() < 8 => {
            let _ = write!(out, "{OPEN}{heading}\n{}</div>\n\n", block(r, b).trim_end());
        }
        Block::List(items) if items.len() > 1 => {
            let _ = write!(
                out,
                "{OPEN}{heading}\n<ul>\n{}</ul></div>\n<ul class=\"cont\">\n",
                item(&items[0])
            );
            for i in &items[1..] {
                out.push_str(&item(i));
            }
            out.push_str("</ul>\n");
        }
        Block::List(_) => {
            let _ = write!(out, "{OPEN}{heading}\n{}</div>\n\n", block(r, b).trim_end());
        }
        _ => {
            out.push_str(heading);
            out.push('\n');
            out.push_str(&block(r, b));
        }
    }
}

fn block(r: &Report, b: &Block) -> String {
    match b {
        Block::Heading { level, text } => format!("<h{level}>{}</h{level}>\n", esc(text)),
        Block::Paragraph(p) => format!("<p>{}</p>\n", inlines(p, false)),
        Block::List(items) => {
            let mut out = String::from("<ul>\n");
            for i in items {
                out.push_str(&item(i));
            }
            out.push_str("</ul>\n");
            out
        }
        Block::Table(t) => table(t),
        Block::Matrix(counts) => format!("{}\n", matrix_html(*counts)),
        Block::Toc => {
            let mut out = String::from("<ol class=\"toc\">");
            for s in r
                .sections
                .iter()
                .filter(|s| !crate::exchange::doc_model::has_toc(&s.blocks))
            {
                let _ = write!(
                    out,
                    "<li><a href=\"#{}\">{}</a></li>",
                    esc_attr(&s.anchor),
                    esc(&s.title)
                );
            }
            out.push_str("</ol>\n");
            out
        }
        Block::Rule => "<hr />\n".to_string(),
    }
}

fn item(i: &Item) -> String {
    let check = match i.check {
        Some(true) => "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n",
        Some(false) => "<input disabled=\"\" type=\"checkbox\"/>\n",
        None => "",
    };
    let text = format!("{check}{}", inlines(&i.text, false));
    if i.children.is_empty() {
        return format!("<li>{text}</li>\n");
    }
    let mut out = format!("<li>{text}\n<ul>\n");
    for c in &i.children {
        out.push_str(&item(c));
    }
    out.push_str("</ul>\n</li>\n");
    out
}

fn table(t: &Table) -> String {
    let right = |c: usize| t.columns.get(c).is_some_and(|c| c.role == Role::Number);
    let mut out = String::from("<table><thead><tr>");
    for (n, c) in t.columns.iter().enumerate() {
        let style = if right(n) {
            " style=\"text-align: right\""
        } else {
            ""
        };
        let _ = write!(out, "<th{style}>{}</th>", esc(&c.title));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        out.push_str(if row.signature {
            "<tr class=\"sign\">\n"
        } else {
            "<tr>"
        });
        for (n, c) in row.cells.iter().enumerate() {
            let html = inlines(c, true);
            // A short cell (an id, a date, a level) is kept on one line: a browser would
            // otherwise break `ADM-BA-02` or `2026-12-31` at a hyphen.
            // Judged on the text a reader sees: an id is drawn as `<code>A-01</code>`, and
            // the tags must not exempt it (found in review: ids broke as "A-/01").
            let plain = strip_tags(&html);
            // A short cell (an id, a date, a level, a role) stays on one line too.
            let one_word = !plain.is_empty() && plain.chars().count() <= 16;
            let attrs = if right(n) {
                " style=\"text-align: right\""
            } else if one_word {
                " class=\"nw\""
            } else {
                ""
            };
            let _ = write!(out, "<td{attrs}>{html}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The text of an HTML fragment without its tags (entities left as they are: only length
/// and spaces are judged on it).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn inlines(v: &[Inline], one_line: bool) -> String {
    let mut out = String::new();
    for i in v {
        let text = |s: &str| {
            if one_line {
                esc(&s.replace(['\r', '\n'], " "))
            } else {
                // A line break in a note is a space in the page, as a soft break is; the
                // spaces around it go.
                let lines: Vec<&str> = s.split('\n').collect();
                let last = lines.len() - 1;
                let lines: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .map(|(n, l)| {
                        let l = if n > 0 { l.trim_start() } else { l };
                        if n < last { l.trim_end() } else { l }
                    })
                    .collect();
                esc(&lines.join("\n"))
            }
        };
        match i {
            Inline::Text(s) => out.push_str(&text(s)),
            Inline::Strong(s) => {
                let _ = write!(out, "<strong>{}</strong>", text(s));
            }
            Inline::Emph(s) => {
                let _ = write!(out, "<em>{}</em>", text(s));
            }
            Inline::Code(s) => {
                let _ = write!(out, "<code>{}</code>", text(s));
            }
            Inline::Link { text: s, anchor } => {
                let _ = write!(out, "<a href=\"#{}\">{}</a>", esc_attr(anchor), text(s));
            }
        }
    }
    out
}

/// Text as HTML: markup escaped, and control and invisible characters shown as the terminal
/// shows them (as the Markdown report does).
fn esc(s: &str) -> String {
    let s = crate::domain::text::clean_text(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn esc_attr(s: &str) -> String {
    esc(s).replace('"', "&quot;")
}

fn wrap(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}{}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        level_css()
    )
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;

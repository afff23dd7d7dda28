//! The report as one self-contained HTML page that prints to PDF: the Markdown report
//! rendered with raw HTML shown as text and no link or image, inline CSS, a coloured matrix.

use std::fmt::Write as _;

use crate::domain::catalog::Catalog;
use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::Workspace;
use crate::exchange::markdown::Options;
use crate::exchange::markdown::render_markdown;
use crate::exchange::risk_analysis::{MATRIX_MARK, MATRIX_MARK_LEVELS, MATRIX_MARK_RESIDUAL};

const CSS: &str = "
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; line-height: 1.4; }
h1 { font-size: 20pt; border-bottom: 3px solid #1f4e79; padding-bottom: .3rem; color: #1f4e79; }
h2 { font-size: 15pt; color: #1f4e79; border-bottom: 1px solid #c8d3e0; margin-top: 2rem; page-break-before: always; break-before: page; }
h2:first-of-type { page-break-before: auto; break-before: auto; }
section { page-break-before: always; break-before: page; }
section > h2 { page-break-before: auto; break-before: auto; }
section.wide { page: wide; }
td.nw { white-space: nowrap; }
@page wide { size: landscape; margin: 12mm 14mm 14mm; }
h3 { font-size: 12.5pt; margin-top: 1.4rem; }
h4 { font-size: 11pt; color: #444; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: 9.5pt; }
th, td { border: 1px solid #c8c8c8; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f7; }
thead { display: table-header-group; }
tr, li { page-break-inside: avoid; break-inside: avoid; }
ul { padding-left: 1.2rem; }
li { margin: .25rem 0; }
code { font-size: 9pt; white-space: nowrap; }
table.matrix { width: auto; }
table.matrix td, table.matrix th { width: 4.6rem; height: 2.2rem; text-align: center; vertical-align: middle; font-weight: bold; }
table.matrix th.axis { background: #dfe7f1; height: auto; }
table.matrix th.side { width: auto; }
.VL { background: #8fd19e; } .L { background: #c7e9a0; } .M { background: #ffe08a; } .H { background: #f6a26b; } .VH { background: #e8615a; color: #fff; }
@page { margin: 16mm 14mm; @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); font-size: 8pt; color: #666; } }
@media print { body { margin: 0; max-width: none; } }
";

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
            let short = level.short();
            let text = match counts.map(|m| m[l.index()][i.index()]) {
                None => level.label().to_string(),
                Some(0) => short.to_string(),
                Some(n) => format!("{short} ({n})"),
            };
            let _ = write!(h, "<td class=\"{short}\">{text}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// The report as one self-contained HTML page: inline CSS, no scripts, nothing fetched.
/// Text from the workspace is escaped: raw HTML in a note shows as text.
pub fn html(catalog: &Catalog, ws: &Workspace, o: &Options) -> String {
    let md = render_markdown(catalog, ws, o, true);
    let body = body_of(&md)
        .replace(
            &format!("<p>{MATRIX_MARK}</p>"),
            &matrix_html(Some(risk::matrix(ws, risk::Basis::Inherent))),
        )
        .replace(
            &format!("<p>{MATRIX_MARK_RESIDUAL}</p>"),
            &matrix_html(Some(risk::matrix(ws, risk::Basis::Residual))),
        )
        .replace(&format!("<p>{MATRIX_MARK_LEVELS}</p>"), &matrix_html(None));
    let title = pulldown_cmark_escape_text(&crate::exchange::risk_analysis::title(ws, o.today));
    wrap(&title, &sections(&whole_words(&body)))
}

/// Cells of one short word (an id, a date, a level) are kept on one line: a browser would
/// otherwise break `ADM-BA-02` or `2026-12-31` at a hyphen to make room for the prose.
fn whole_words(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let mut rest = body;
    while let Some(i) = rest.find("<td>") {
        out.push_str(&rest[..i]);
        rest = &rest[i + "<td>".len()..];
        let cell = rest.find("</td>").map_or("", |j| &rest[..j]);
        let one_word = !cell.is_empty()
            && cell.chars().count() <= 16
            && !cell.contains(char::is_whitespace)
            && !cell.contains('<');
        out.push_str(if one_word {
            "<td class=\"nw\">"
        } else {
            "<td>"
        });
    }
    out.push_str(rest);
    out
}

/// Each section (a `<h2>` and what follows) as a `<section>` that starts a page: the cover
/// has the first page to itself, and a section with a wide table (the gap plan, the
/// register, the vendors) prints on landscape pages. Text from the workspace is escaped, so
/// every `<h2>` here is the report's own.
fn sections(body: &str) -> String {
    let mut parts = body.split("<h2>");
    let mut out = String::with_capacity(body.len() + 1024);
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        let wide = part.split("<table>").skip(1).any(|t| {
            let head = t.split("</tr>").next().unwrap_or_default();
            head.matches("</th>").count() >= crate::exchange::docx_layout::WIDE_COLUMNS
        });
        out.push_str(if wide {
            "<section class=\"wide\">\n<h2>"
        } else {
            "<section>\n<h2>"
        });
        out.push_str(part);
        out.push_str("</section>\n");
    }
    out
}

/// The report makes no links or images of its own, so none may appear: whatever slipped past
/// the escaping becomes plain text, and raw HTML is shown as text.
fn body_of(md: &str) -> String {
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
    let options = MdOptions::ENABLE_TABLES | MdOptions::ENABLE_TASKLISTS;
    let parser = Parser::new_ext(md, options).filter_map(|ev| match ev {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        other => Some(other),
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, parser);
    body
}

fn wrap(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// Any Markdown document of hipaudit's (the request list) as the same kind of page.
pub fn page(title: &str, md: &str) -> String {
    wrap(
        &pulldown_cmark_escape_text(&crate::domain::text::clean_line(title)),
        &body_of(md),
    )
}

fn pulldown_cmark_escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

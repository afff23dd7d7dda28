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
section.short { page-break-before: auto; break-before: auto; }
section h2 { page-break-before: auto; break-before: auto; }
h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
.keep { page-break-inside: avoid; break-inside: avoid; }
.keep > ul { margin-bottom: 0; } ul.cont { margin-top: 0; }
ol.toc { line-height: 1.7; } ol.toc a { color: inherit; text-decoration: none; }
tr.sign td { height: 1.2cm; }
section.wide { page: wide; }
td.nw { white-space: nowrap; }
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
    let body = keep_with_next(&contents(&whole_words(&body)));
    // The signature row, its one-word first cell kept whole, gets room to sign.
    // (pulldown-cmark writes the row with or without a line break after `<tr>`.)
    let signed = format!(
        "<tr class=\"sign\">\n<td class=\"nw\">{}</td>",
        crate::exchange::narrative::SIGNATURE
    );
    let mut body = body;
    for sep in ["\n", ""] {
        let sign = format!(
            "<tr>{sep}<td class=\"nw\">{}</td>",
            crate::exchange::narrative::SIGNATURE
        );
        body = body.replace(&sign, &signed);
    }
    wrap(&title, &sections(&body))
}

/// Every section's heading gets an id, and the contents' list becomes links to them: the
/// report's own links, the only ones it holds (text from the workspace is escaped, so every
/// `<h2>` here is the report's).
fn contents(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 2048);
    let mut titles = Vec::new();
    let mut parts = body.split("<h2>");
    out.push_str(parts.next().unwrap_or_default());
    for (n, part) in parts.enumerate() {
        let title = part.split("</h2>").next().unwrap_or_default();
        titles.push((n + 1, title.to_string()));
        let _ = write!(out, "<h2 id=\"sec-{}\">{part}", n + 1);
    }
    let head = format!(">{}</h2>", crate::exchange::narrative::CONTENTS);
    let Some(at) = out.find(&head).map(|i| i + head.len()) else {
        return out;
    };
    let Some(list) = out[at..].find("<ul>").map(|i| i + at) else {
        return out;
    };
    let Some(end) = out[list..].find("</ul>").map(|i| i + list + "</ul>".len()) else {
        return out;
    };
    let mut toc = String::from("<ol class=\"toc\">");
    for (n, t) in titles
        .iter()
        .filter(|(_, t)| t != crate::exchange::narrative::CONTENTS)
    {
        let _ = write!(toc, "<li><a href=\"#sec-{n}\">{t}</a></li>");
    }
    toc.push_str("</ol>");
    out.replace_range(list..end, &toc);
    out
}

/// A heading and the start of what follows it are kept on one page: Chromium does not
/// always honour `break-after: avoid`, so the heading and its first paragraph, short table
/// or first list item go in one block that does not split.
fn keep_with_next(body: &str) -> String {
    const HEADS: [&str; 3] = ["<h3>", "<h4>", "<h2 "];
    let mut out = String::with_capacity(body.len() + 8192);
    // Where each kind of heading next occurs (absolute), found again only once passed: one
    // scan of the body for each kind, not one for each heading (a 5,000-answer report has
    // thousands of them).
    let mut next: [Option<usize>; 3] = HEADS.map(|h| body.find(h));
    let mut pos = 0;
    loop {
        for (n, h) in next.iter_mut().zip(HEADS) {
            if n.is_some_and(|i| i < pos) {
                *n = body[pos..].find(h).map(|j| j + pos);
            }
        }
        let Some(i) = next.iter().flatten().min().copied() else {
            break;
        };
        out.push_str(&body[pos..i]);
        let rest = &body[i..];
        let level = &rest[2..3];
        let close = format!("</h{level}>");
        let Some(h_end) = rest.find(&close).map(|j| j + close.len()) else {
            pos = i;
            break;
        };
        let after = rest[h_end..].trim_start_matches('\n');
        let gap = rest.len() - h_end - after.len();
        let heading = &rest[..h_end];
        match first_block(after) {
            Some((kept, used, reopen)) => {
                let _ = write!(out, "<div class=\"keep\">{heading}\n{kept}</div>\n{reopen}");
                pos = i + h_end + gap + used;
            }
            None => {
                out.push_str(heading);
                pos = i + h_end;
            }
        }
    }
    out.push_str(&body[pos..]);
    out
}

/// What a heading is kept with, at the start of `html`: a paragraph, a table of a few rows,
/// or a list's first item. Returns the kept HTML, how much of `html` it stands for, and
/// what reopens the rest (a list continued after its first item).
fn first_block(html: &str) -> Option<(String, usize, &'static str)> {
    if html.starts_with("<p>") {
        let end = html.find("</p>")? + "</p>".len();
        return Some((html[..end].to_string(), end, ""));
    }
    if html.starts_with("<table>") {
        let end = html.find("</table>")? + "</table>".len();
        let short = html[..end].matches("<tr>").count() <= 8;
        return short.then(|| (html[..end].to_string(), end, ""));
    }
    if !html.starts_with("<ul>") {
        return None;
    }
    // The end of the first top-level item, counting the items of nested lists.
    let mut depth = 0usize;
    let mut i = "<ul>".len();
    loop {
        let open = html[i..].find("<li>").map(|j| j + i);
        let close = html[i..].find("</li>").map(|j| j + i)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                i = o + "<li>".len();
            }
            _ => {
                depth = depth.checked_sub(1)?;
                i = close + "</li>".len();
                if depth == 0 {
                    break;
                }
            }
        }
    }
    let after = html[i..].trim_start_matches('\n');
    let i = html.len() - after.len();
    if after.starts_with("</ul>") {
        let end = i + "</ul>".len();
        return Some((html[..end].to_string(), end, ""));
    }
    Some((format!("{}</ul>", &html[..i]), i, "<ul class=\"cont\">\n"))
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
    const KEEP: &str = "<div class=\"keep\">";
    let mut parts = body.split("<h2 ");
    let mut out = String::with_capacity(body.len() + 1024);
    // A heading kept with what follows opened its block just before it: the block goes
    // into the heading's section.
    let cut = |p: &str| -> (String, &'static str) {
        match p.strip_suffix(KEEP) {
            Some(p) => (p.to_string(), KEEP),
            None => (p.to_string(), ""),
        }
    };
    let (first, mut carry) = cut(parts.next().unwrap_or_default());
    out.push_str(&first);
    for part in parts {
        let (part, next) = cut(part);
        let wide = part.split("<table>").skip(1).any(|t| {
            let head = t.split("</tr>").next().unwrap_or_default();
            head.matches("</th>").count() >= crate::exchange::docx_layout::WIDE_COLUMNS
        });
        let class = if wide {
            " class=\"wide\""
        } else if is_short(&part) {
            " class=\"short\""
        } else {
            ""
        };
        let _ = write!(out, "<section{class}>\n{carry}<h2 {part}</section>\n");
        carry = next;
    }
    out
}

/// A section of a line or two (no table, no list, at most two paragraphs of a few hundred
/// characters) shares the page of the one before it.
fn is_short(section: &str) -> bool {
    let mut text = 0;
    let mut in_tag = false;
    for c in section.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text += 1,
            _ => {}
        }
    }
    !section.contains("<table")
        && !section.contains("<ul")
        && !section.contains("<ol")
        && section.matches("<p>").count() <= 2
        && text <= 450
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

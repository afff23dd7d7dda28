//! Rules for one cell of a spreadsheet, shared by every format that writes one.

use crate::exchange::columns::REDACTED;

/// Spreadsheets run a cell that starts with = + - @ as a formula; a leading quote keeps a
/// typed owner or title as text (and `sheet::unguard` takes it off again on import). Control
/// and invisible characters are written as the listings print them (`\u001b`), so a sheet
/// shows what the terminal shows.
pub fn csv_safe(s: &str) -> String {
    let s = crate::domain::text::as_printed(s);
    match formula_quoted(&s) {
        Some(q) => q,
        None => s,
    }
}

/// THE rule every spreadsheet writer (CSV, the board's CSV, every workbook sheet) follows:
/// text a spreadsheet could take for a formula, now or when the cell is edited or the sheet
/// saved as CSV, gets a quote in front (`Some`), else it is written as it is (`None`). A
/// plain number (a day count like -27) is data, not a formula.
pub fn formula_quoted(s: &str) -> Option<String> {
    if s.parse::<f64>().is_ok_and(f64::is_finite) || !crate::exchange::sheet::guarded(s) {
        None
    } else {
        Some(format!("'{s}"))
    }
}

/// User text in Markdown stays text: every character that could start emphasis, a link,
/// an image, HTML, an entity, code or a table cell is escaped, and so is anything at the
/// start of a line that would make a heading, a list item or a rule. Control characters
/// are shown as escapes. A note cannot forge a heading, an answer line or a link.
pub fn md_text(s: &str) -> String {
    if s == REDACTED {
        return s.to_string();
    }
    let s = crate::domain::text::clean_text(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let starts_block = body.starts_with(['-', '+', '=', '>', '#'])
            || (digits > 0 && body[digits..].starts_with(['.', ')']));
        let escape_at = starts_block.then_some(digits);
        for (j, c) in body.chars().enumerate() {
            if md_special(c) || Some(j) == escape_at {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Punctuation that can start markup in CommonMark or a common extension (links, images,
/// HTML, code, emphasis, tables, strikethrough, math, attributes). Escaping a character
/// that needed none costs little; missing one makes a live link or tag. Parentheses stay
/// plain (prose is full of them): a link needs the `]` before them, and that is escaped; so
/// does `!` (an image needs the `[` after it, and that is escaped).
fn md_special(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '.' | ','
                | '!'
                | ':'
                | ';'
                | '-'
                | '/'
                | '\''
                | '"'
                | '?'
                | '%'
                | '='
                | '+'
                | '@'
                | '('
                | ')'
        )
}

/// User text inside a Markdown table cell: escaped (see `md`), on one line.
pub(crate) fn cell(s: &str) -> String {
    md_text(&s.replace(['\r', '\n'], " "))
}

//! The one CSV reader every import uses (`import --from`, `import --requests`,
//! `vendors --import`), so a sheet refused by one is refused by all: RFC 4180 quoting
//! checked strictly, cells no longer than a workspace text may be, the formula guard the
//! exports add taken off again, a row repeated with other values refused with both lines.
//! Problems come as `LINE: what`; the caller puts the file name in front.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::problems::MAX_TEXT;
use crate::domain::text;

/// The most of a cell an error message quotes: a 5 MB cell is not echoed to the terminal.
const QUOTE_MAX: usize = 80;

/// A cell as an error message quotes it: cleaned of control characters, at most 80 columns.
pub fn quoted(s: &str) -> String {
    text::truncate_clean(s, QUOTE_MAX)
}

/// The longest problem line an import prints: the message with what it quotes.
const PROBLEM_MAX: usize = 240;

/// Problems as printed: each cleaned and cut, whatever cell a parser quoted whole.
pub fn capped(problems: Vec<String>) -> Vec<String> {
    problems
        .iter()
        .map(|p| text::truncate_clean(p, PROBLEM_MAX))
        .collect()
}

/// A message that quotes `cell`, with the cell cut to what an error shows.
pub fn shorten(message: String, cell: &str) -> String {
    if cell.chars().count() > QUOTE_MAX {
        message.replace(cell, &quoted(cell))
    } else {
        message
    }
}

/// Takes off the leading quote `cells::csv_safe` puts before formula-like text (and before
/// text that would otherwise look guarded), so an export imports back unchanged. A quote
/// before anything else is the user's own and stays.
pub fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => s,
    }
}

/// Whether `csv_safe` puts a quote in front of `s`.
pub(crate) fn guarded(s: &str) -> bool {
    // Spreadsheets skip leading blanks of any kind before a formula's `=`.
    let head =
        s.trim_start_matches(|c: char| c.is_whitespace() && !matches!(c, '\t' | '\r' | '\n'));
    head.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '|', '%'])
        || s.starts_with(['\t', '\r', '\n'])
        || (s.starts_with('\'') && guarded(&s[1..]))
}

/// One row: the line it starts on and its cells, trimmed and unguarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    cells: Vec<String>,
}

/// A sheet that passed the checks every import shares.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Lower case, trimmed.
    pub headers: Vec<String>,
    pub rows: Vec<Record>,
}

impl Sheet {
    pub fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.col(name).is_some()
    }

    /// The row's cell in column `name`; empty when there is no such column or cell.
    pub fn get<'a>(&self, r: &'a Record, name: &str) -> &'a str {
        self.col(name)
            .and_then(|i| r.cells.get(i))
            .map_or("", String::as_str)
    }

    /// Rows with the same key (`None`: no key) must say the same thing: an exact repeat is
    /// read once, a repeat with other values is refused with both lines, since which one
    /// the client meant would be a guess.
    pub fn refuse_conflicting_repeats(
        &mut self,
        what: &str,
        key: impl Fn(&Sheet, &Record) -> Option<String>,
    ) -> Vec<String> {
        let mut first: BTreeMap<String, usize> = BTreeMap::new();
        let mut problems = Vec::new();
        let mut keep = Vec::with_capacity(self.rows.len());
        for (i, r) in self.rows.iter().enumerate() {
            let Some(k) = key(self, r) else {
                keep.push(true);
                continue;
            };
            match first.get(&k) {
                None => {
                    first.insert(k, i);
                    keep.push(true);
                }
                Some(&j) if self.rows[j].cells == r.cells => keep.push(false),
                Some(&j) => {
                    problems.push(format!(
                        "{}: {what} '{}' is also on line {} with other values: keep one row",
                        r.line,
                        quoted(&k),
                        self.rows[j].line
                    ));
                    keep.push(true);
                }
            }
        }
        let mut keep = keep.into_iter();
        self.rows.retain(|_| keep.next().unwrap_or(true));
        problems
    }
}

/// A date something happened on (signed, collected, received): a date, and not after today.
pub fn happened(cell: &str, column: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = crate::domain::dates::parse_date(cell)
        .map_err(|e| format!("{column} {}", shorten(e, cell)))?;
    if d > today {
        return Err(format!(
            "{column} {d} is after today ({today}): give the day it happened"
        ));
    }
    Ok(d)
}

/// Reads a sheet: every problem with its line, or the header and the rows.
pub fn read(text: &str) -> Result<Sheet, Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_quoting(text).map_err(|e| vec![e])?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|h| unguard(h.trim()).to_ascii_lowercase())
            .collect(),
        Err(e) => return Err(vec![format!("1: cannot read the header: {e}")]),
    };
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].contains(h) {
            return Err(vec![format!(
                "1: the column '{}' appears twice; which one to import would be a guess",
                quoted(h)
            )]);
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let mut cells = Vec::with_capacity(record.len());
        for (i, raw) in record.iter().enumerate() {
            let cell = unguard(raw.trim());
            let column = headers.get(i).map_or("", String::as_str);
            if cell.len() > MAX_TEXT {
                problems.push(format!(
                    "{line}: the '{}' cell holds {} KiB, over the {} KiB a workspace text may hold",
                    quoted(column),
                    cell.len() / 1024,
                    MAX_TEXT / 1024
                ));
                continue;
            }
            if i >= headers.len() && !cell.is_empty() {
                problems.push(format!(
                    "{line}: a cell past the last column (the header names {}): '{}'",
                    headers.len(),
                    quoted(cell)
                ));
                continue;
            }
            cells.push(cell.to_string());
        }
        rows.push(Record { line, cells });
    }
    if problems.is_empty() {
        Ok(Sheet { headers, rows })
    } else {
        Err(problems)
    }
}

/// Checks RFC 4180 quoting strictly, which the csv reader does not: a quote inside an
/// unquoted field, text after a closing quote, or a quote never closed is an error with
/// its line (a spreadsheet mangled by hand must not import half-read, nor two rows as one
/// cell).
pub fn check_quoting(text: &str) -> Result<(), String> {
    let mut line = 1u64;
    let mut opened_on = 0u64;
    let mut in_quotes = false;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => {
                    in_quotes = false;
                    match chars.peek() {
                        None | Some(',') | Some('\n') | Some('\r') => {}
                        // A quote opened lines before and "closed" by the next row's
                        // opening quote: the mistake is where it opened.
                        Some(_) if line > opened_on => {
                            return Err(format!(
                                "{opened_on}: a quoted field is never closed (it runs on to line {line})"
                            ));
                        }
                        Some(_) => {
                            return Err(format!(
                                "{line}: text after a closing quote (a quote inside a quoted field is written twice: \"\")"
                            ));
                        }
                    }
                }
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if field_start => {
                in_quotes = true;
                opened_on = line;
                field_start = false;
            }
            '"' => {
                return Err(format!(
                    "{line}: a stray quote inside an unquoted field (quote the whole field and double the quote)"
                ));
            }
            ',' => field_start = true,
            '\n' => {
                line += 1;
                field_start = true;
            }
            '\r' => {}
            _ => field_start = false,
        }
    }
    if in_quotes {
        return Err(format!(
            "{opened_on}: a quoted field is never closed (the rows after it would become one cell)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_guard_comes_off_exactly_as_csv_safe_puts_it_on() {
        for s in [
            "=SUM(A1)", "+1 555", "-x", "@me", " =x", "'=x", "''@y", "'plain", "plain", "|pipe",
            "%p", "\tt",
        ] {
            let written = crate::exchange::cells::csv_safe(s);
            assert_eq!(unguard(&written), s, "{written:?}");
        }
        assert_eq!(unguard("'plain"), "'plain", "the user's own quote stays");
    }

    #[test]
    fn repeats_read_once_and_conflicting_repeats_name_both_lines() {
        let mut s = read("id,answer\nA,yes\nB,no\nA,yes\nB,yes\n").unwrap();
        let p = s.refuse_conflicting_repeats("id", |s, r| Some(s.get(r, "id").to_string()));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("5: id 'B' is also on line 3"), "{p:?}");
        assert_eq!(s.rows.len(), 4 - 1, "the exact repeat is read once");
    }
}

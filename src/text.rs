//! Text from files and users is untrusted: it may hold terminal escape sequences, bidi
//! overrides or zero-width characters. Everything printed to a terminal or laid out in a
//! table goes through here, so such text stays text, and columns line up by display width.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters that change how a terminal shows text without being text themselves:
/// bidi embeddings, overrides and isolates, zero-width joiners and spaces, the BOM.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}' | '\u{180E}'
        | '\u{FFF9}'..='\u{FFFB}')
}

fn needs_cleaning(c: char, keep_newlines: bool) -> bool {
    (c.is_control() && !(keep_newlines && c == '\n')) || is_invisible_format(c)
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = match c {
        '\t' => write!(out, "    "),
        c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
        c => write!(out, "<U+{:04X}>", c as u32),
    };
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_cleaning(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !keep_newlines && (c == '\n' || c == '\r') {
            out.push(' ');
        } else if c == '\r' {
            // A CR before a newline is only a line ending.
        } else if needs_cleaning(c, keep_newlines) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line for a table cell or a message: line breaks become spaces, tabs spaces, other
/// control and invisible format characters a visible escape (`\x1b`, `<U+202E>`).
pub fn clean_line(s: &str) -> String {
    clean(s, false).into_owned()
}

/// Like `clean_line`, borrowing when there is nothing to clean (drawing on every frame).
pub fn clean_line_cow(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Multi-line text (a note): line breaks are kept, everything else as `clean_line`.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// Display width in terminal columns (wide characters count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts to at most `max` columns at a grapheme boundary, ending in `…` when cut. The input
/// must already be clean (no escapes to cut in half).
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Cleans, cuts to `max` columns and pads to exactly `max` columns: a table cell.
pub fn cell(s: &str, max: usize) -> String {
    let t = truncate(&clean_line(s), max);
    let pad = max.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// Pads clean text on the right to `w` columns (never cuts).
pub fn pad(s: &str, w: usize) -> String {
    let pad = w.saturating_sub(width(s));
    format!("{s}{}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_become_visible_text() {
        let s = "ok\x1b[2J\x07 \u{202E}evil\u{200B} \u{9b}";
        let c = clean_line(s);
        assert!(!c.chars().any(|c| c.is_control()), "{c:?}");
        assert_eq!(c, "ok\\x1b[2J\\x07 <U+202E>evil<U+200B> \\x9b");
        assert_eq!(clean_line("a\nb\r\nc\td"), "a b  c    d");
        assert_eq!(clean_text("a\r\nb\x1b"), "a\nb\\x1b");
        assert!(matches!(clean_line_cow("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn cells_pad_by_display_width_and_never_split_a_grapheme() {
        assert_eq!(width(&cell("日本語", 8)), 8);
        assert_eq!(cell("日本語テキスト", 5), "日本…");
        assert_eq!(width(&cell("日本語テキスト", 6)), 6);
        // e + combining acute is one grapheme: kept whole or dropped whole.
        let t = truncate("ée\u{301}e\u{301}e\u{301}", 3);
        assert_eq!(t, "ée\u{301}…");
        // An escape is cleaned before cutting, so no half escape reaches the terminal.
        let c = cell("\x1b[31mred", 4);
        assert!(!c.contains('\x1b'));
    }
}

//! Text from files and users is untrusted: it may hold terminal escape sequences, bidi
//! overrides or zero-width characters. Everything printed to a terminal or laid out in a
//! table goes through here, so such text stays text, and columns line up by display width.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters that change how a terminal shows text without being text themselves:
/// bidi embeddings, overrides and isolates, zero-width joiners and spaces, the BOM; the
/// line and paragraph separators (U+2028, U+2029: a line break to a browser, a calendar or a
/// JavaScript reader, none to a terminal's width count); and the tag characters
/// (U+E0000-U+E007F), invisible everywhere yet read by whatever processes the text next.
fn is_invisible_format(c: char) -> bool {
    // Noncharacters (U+FDD0-U+FDEF, and the last two of every plane): never text, and
    // U+FFFE reads as a byte-order mark backwards to whatever decodes the output next.
    let u = c as u32;
    if (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE {
        return true;
    }
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}' | '\u{180E}'
        | '\u{FFF9}'..='\u{FFFB}' | '\u{2028}' | '\u{2029}' | '\u{E0000}'..='\u{E007F}')
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

/// A person's or a thing's name as it is kept: composed (Unicode NFC), control and
/// invisible format characters dropped (a zero-width space would make two people who look alike on every screen and
/// differ in every filter), line breaks and tabs read as spaces, runs of spaces made one,
/// trimmed.
pub fn name(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Composed (NFC): "José" typed as e + combining accent is the same person as "José"
    // typed with é (found by attack: the two were different owners in every filter).
    let kept: String = s
        .nfc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !needs_cleaning(c, false))
        .collect();
    kept.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What two names are compared by: `name`, lower-cased.
pub fn name_key(s: &str) -> String {
    name(s).to_lowercase()
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
/// "1 gap", "3 gaps": a count with the right form of its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "is" for one, "are" for any other number.
pub fn is_are(n: usize) -> &'static str {
    if n == 1 { "is" } else { "are" }
}

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

/// Cleans text of control characters and cuts it to `n` columns.
pub fn truncate_clean(s: &str, n: usize) -> String {
    truncate(&clean_line(s), n)
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

/// `s` as a command's output shows it (see `SafeWriter`): what a CSV listing holds for a field
/// with control characters, so an import can recognise it.
pub fn as_printed(s: &str) -> String {
    SafeWriter::<Vec<u8>>::clean_chunk(s, true).0
}

/// A writer for the terminal that never passes on a control or invisible format character
/// from the data it prints: each becomes a `\uXXXX` escape (valid inside JSON strings too).
/// Line breaks and tabs pass; a carriage return only before a line break. Every command's
/// standard output goes through one, so no field anywhere can reach the terminal raw.
pub struct SafeWriter<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn clean_chunk(text: &str, last: bool) -> (String, usize) {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let pass = c == '\n' || c == '\t' || !(c.is_control() || is_invisible_format(c));
            if c == '\r' {
                match chars.peek() {
                    Some((_, '\n')) => {
                        out.push('\r');
                        continue;
                    }
                    // A CR at the end of a write may be followed by LF in the next one.
                    None if !last => return (out, i),
                    _ => {}
                }
            }
            if pass {
                out.push(c);
            } else {
                use std::fmt::Write as _;
                // Beyond U+FFFF as a surrogate pair, as JSON spells it.
                for unit in c.encode_utf16(&mut [0; 2]) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
            }
        }
        (out, text.len())
    }

    fn drain(&mut self, last: bool) -> std::io::Result<()> {
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
            Err(_) => {
                // Not UTF-8 at all: printed lossily, never raw.
                let lossy = String::from_utf8_lossy(&self.pending).into_owned();
                self.pending = lossy.into_bytes();
                self.pending.len()
            }
        };
        let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
        let (clean, used) = Self::clean_chunk(text, last);
        self.inner.write_all(clean.as_bytes())?;
        self.pending.drain(..used);
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// A client's name as an id: lower case, anything else than a letter or digit a dash.
pub fn slug(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A new assessment's id: the client's slug and a short hash of who started it when, so two
/// clients of one name, or one client's two years, do not share calendar events.
pub(crate) fn new_uid(client: &str, assessor: &str, today: chrono::NaiveDate) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{client}\u{0}{assessor}\u{0}{today}").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let s = slug(client);
    let s: String = s.chars().take(40).collect();
    format!("{s}-{:08x}", h as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_no_invisible_character_and_one_space_between_words() {
        assert_eq!(name("Lee\u{200B} Chen"), "Lee Chen");
        assert_eq!(name(" Sam\u{2060} Ortiz\u{202E} "), "Sam Ortiz");
        assert_eq!(
            name("Lee\n2026-12-01 09:00  Jordan\tReyes\r\n"),
            "Lee 2026-12-01 09:00 Jordan Reyes"
        );
        assert_eq!(name("\x1b]52;c;eA==\x07Dana"), "]52;c;eA==Dana");
        assert_eq!(name("Dr. Priya Nair"), "Dr. Priya Nair");
        assert_eq!(name_key("LEE\u{FEFF} chen"), name_key("Lee Chen"));
        assert_eq!(name("Jose\u{301} Diaz"), "Jos\u{e9} Diaz");
    }

    #[test]
    fn noncharacters_are_shown_never_passed() {
        assert_eq!(
            clean_line("a\u{FFFE}b\u{FFFF}c\u{FDD0}"),
            "a<U+FFFE>b<U+FFFF>c<U+FDD0>"
        );
        assert_eq!(clean_line("\u{1FFFF}"), "<U+1FFFF>");
        assert_eq!(name("Lee\u{FFFE} Chen"), "Lee Chen");
        assert_eq!(
            clean_line("\u{FFFD} ok"),
            "\u{FFFD} ok",
            "the replacement character is text"
        );
    }

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
    fn tag_characters_and_line_separators_are_shown_never_passed() {
        let s = "a\u{E0041}\u{E007F}b\u{2028}c\u{2029}d";
        assert_eq!(clean_line(s), "a<U+E0041><U+E007F>b<U+2028>c<U+2029>d");
        assert_eq!(clean_text(s), clean_line(s));
        // Beyond U+FFFF as JSON spells it, so JSON output still means the same.
        let printed = as_printed("x\u{E0041}");
        assert_eq!(printed, "x\\udb40\\udc41");
        let v: String = serde_json::from_str(&format!("\"{printed}\"")).unwrap();
        assert_eq!(v, "x\u{E0041}");
    }

    #[test]
    fn the_safe_writer_escapes_controls_even_split_across_writes() {
        use std::io::Write;
        let mut buf = Vec::new();
        {
            let mut w = SafeWriter::new(&mut buf);
            w.write_all(b"a\x1b[2Jb\r\nc\r").unwrap();
            w.write_all(b"d \xe2\x80").unwrap();
            w.write_all(b"\xaee\n{\"k\":\"\xc2\x9b\"}\n").unwrap();
        }
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(
            s,
            "a\\u001b[2Jb\r\nc\\u000dd \\u202ee\n{\"k\":\"\\u009b\"}\n"
        );
        let v: serde_json::Value = serde_json::from_str(s.lines().nth(2).unwrap()).unwrap();
        assert_eq!(v["k"], "\u{9b}", "JSON stays valid and means the same");
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

#[cfg(test)]
#[path = "name_tests.rs"]
mod name_tests;

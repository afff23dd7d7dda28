//! The one-line text input every prompt, filter, search and form field uses: a cursor that
//! moves with ←/→, Home/End and Ctrl-a/Ctrl-e; Backspace and Delete; Ctrl-u clears to the
//! start, Ctrl-k to the end, Ctrl-w deletes the word before the cursor; pasted text lands
//! at the cursor on one line. A prompt's offered value (the current owner, a default due
//! date) is "suggested": shown selected, and the first character typed replaces it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// Text and a cursor (a position between characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// In characters, 0..=len.
    cursor: usize,
    /// The text is an offer: typing replaces it, Backspace clears it, moving keeps it.
    suggested: bool,
}

impl TextInput {
    /// Starts with `text` offered: one rule for every prompt and form field, so a value
    /// already there (a date, a status, the PHI uses) is replaced by what is typed, cleared
    /// by Backspace, and kept by a cursor key (then typing edits it). Typing after an offered
    /// `2026-12-08` used to give `2026-12-082026-11-30`.
    pub fn new(text: impl Into<String>) -> TextInput {
        TextInput::suggested(text)
    }

    /// Starts with an offered `text` that the first character typed replaces.
    pub fn suggested(text: impl Into<String>) -> TextInput {
        let mut t = TextInput::plain(text);
        t.suggested = !t.text.is_empty();
        t
    }

    /// Starts with `text` as if typed, the cursor at its end (a completion the user asked
    /// for keeps being typed into).
    pub fn plain(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        TextInput {
            text,
            cursor,
            suggested: false,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the text, the cursor at its end (a completion, a reset).
    pub fn set(&mut self, text: impl Into<String>) {
        *self = TextInput::plain(text);
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Inserts text at the cursor; line breaks become spaces (a one-line input).
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| {
                if c == '\n' || c == '\r' || c == '\t' {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Pasted text: it replaces an offered value, as typing does.
    pub fn paste(&mut self, s: &str) {
        if std::mem::take(&mut self.suggested) {
            self.set("");
        }
        self.insert_str(s);
    }

    /// Handles an editing key; false when the key is not one (Enter, Esc, Tab, ...), so
    /// the caller's own keys come first and typing is all this has to know.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if std::mem::take(&mut self.suggested) {
            match key.code {
                KeyCode::Char(_) if !ctrl && !alt => self.set(""),
                KeyCode::Backspace | KeyCode::Delete => {
                    self.set("");
                    return true;
                }
                _ => {}
            }
        }
        match key.code {
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.len(),
            KeyCode::Char('b') if ctrl => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('f') if ctrl => self.cursor = (self.cursor + 1).min(self.len()),
            KeyCode::Backspace => {
                if self.cursor > 0 {
                    let (a, b) = (self.byte_at(self.cursor - 1), self.byte_at(self.cursor));
                    self.text.replace_range(a..b, "");
                    self.cursor -= 1;
                }
            }
            KeyCode::Delete => {
                if self.cursor < self.len() {
                    let (a, b) = (self.byte_at(self.cursor), self.byte_at(self.cursor + 1));
                    self.text.replace_range(a..b, "");
                }
            }
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.truncate(at);
            }
            KeyCode::Char('w') if ctrl => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
            }
            KeyCode::Char(c) if !ctrl && !alt => self.insert_str(&c.to_string()),
            _ => return false,
        }
        true
    }

    /// The text as a line with the cursor shown as a reversed cell (a space at the end).
    pub fn line(&self, style: Style) -> Line<'static> {
        if self.suggested {
            return Line::from(vec![
                Span::styled(self.text.clone(), style.add_modifier(Modifier::REVERSED)),
                Span::styled(" ", style.add_modifier(Modifier::REVERSED)),
            ]);
        }
        let at = self.byte_at(self.cursor);
        let (before, rest) = self.text.split_at(at);
        let mut chars = rest.chars();
        let under = chars.next().map_or(" ".to_string(), |c| c.to_string());
        let after: String = chars.collect();
        Line::from(vec![
            Span::styled(before.to_string(), style),
            Span::styled(under, style.add_modifier(Modifier::REVERSED)),
            Span::styled(after, style),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }
    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn the_cursor_moves_and_edits_in_the_middle() {
        let mut t = TextInput::new("Dana Lee");
        t.handle(&k(KeyCode::Home));
        t.handle(&k(KeyCode::Right));
        t.handle(&k(KeyCode::Char('X')));
        assert_eq!(t.text(), "DXana Lee");
        t.handle(&k(KeyCode::Backspace));
        t.handle(&k(KeyCode::Delete));
        assert_eq!(t.text(), "Dna Lee");
        t.handle(&ctrl('e'));
        t.handle(&ctrl('w'));
        assert_eq!(t.text(), "Dna ");
        t.handle(&ctrl('a'));
        t.handle(&ctrl('k'));
        assert_eq!(t.text(), "");
        t.insert_str("two\nlines\x1b");
        assert_eq!(t.text(), "two lines");
        t.handle(&k(KeyCode::Left));
        t.handle(&ctrl('u'));
        assert_eq!((t.text(), t.cursor()), ("s", 0));
        assert!(!t.handle(&k(KeyCode::Enter)));
    }

    #[test]
    fn an_offered_value_is_replaced_by_typing_cleared_by_backspace_and_kept_by_moving() {
        let mut t = TextInput::suggested("+90d");
        t.handle(&k(KeyCode::Char('2')));
        assert_eq!(t.text(), "2");
        t.handle(&k(KeyCode::Char('0')));
        assert_eq!(t.text(), "20", "only the first key replaces");
        let mut t = TextInput::suggested("Dana");
        t.handle(&k(KeyCode::Backspace));
        assert_eq!(t.text(), "");
        let mut t = TextInput::suggested("Dana");
        t.handle(&k(KeyCode::End));
        t.handle(&k(KeyCode::Char('!')));
        assert_eq!(t.text(), "Dana!", "a moved cursor edits the offer");
        assert_eq!(
            TextInput::suggested("").line(Style::default()).spans.len(),
            3
        );
    }

    #[test]
    fn wide_and_combined_characters_move_as_characters() {
        let mut t = TextInput::new("日本");
        t.handle(&k(KeyCode::Left));
        t.handle(&k(KeyCode::Char('x')));
        assert_eq!(t.text(), "日x本");
        let line = t.line(Style::default());
        assert_eq!(line.spans[1].content, "本");
    }
}

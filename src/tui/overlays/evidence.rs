//! Evidence items on screen: the form that adds or edits one (`a`; Tab completes the
//! file's path, the expiry takes a date or `+1y`), and the list of a question's or vendor's
//! items (`b`) with the selected file's check. Drawing reads what the keys found
//! (`tui/evidence_keys.rs` verifies files and lists folders as keys arrive).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::evidence::{self, EvidenceState, FileCheck};
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::EvidenceItem;
use crate::tui::cx::View;
use crate::tui::state::{Form, FormKind, form_fields};
use crate::tui::theme::{Theme, centered};
use crate::tui::widgets::evidence_line::item_line;
use crate::tui::widgets::fields::{Fields, draw_fields};

/// The evidence list's own state across openings.
#[derive(Default)]
pub struct EvidenceScreen {
    /// Items removed this session (owner, place, item), for `U` in their list.
    pub removed: Vec<(String, usize, EvidenceItem)>,
    /// What verifying the list's selected item found, as of the last key: its owner, its
    /// place, and the check (`None` while a large file is hashed on a thread).
    pub shown: Option<(String, usize, Option<FileCheck>)>,
    /// Path completions for what the evidence form's file field holds: (typed, options).
    pub completions: Option<(String, Vec<String>)>,
    /// The file the form waits for while it is hashed on a thread.
    pub hashing: Option<String>,
}

form_fields! {
    /// The fields of the evidence form.
    pub enum EvidenceField {
        What => "What it is",
        File => "File (Tab completes; optional)",
        Collected => "Collected (empty = today)",
        Expires => "Expires (date or +1y; optional)",
    }
}

impl EvidenceField {
    /// What the field takes, shown under the form while it has the focus.
    pub fn help(self) -> &'static str {
        match self {
            EvidenceField::What => "e.g. Signed BAA, Training roster Q3, Pen test report 2026",
            EvidenceField::File => {
                "from the workspace's folder, absolute or ~/…; its SHA-256 is taken on save; the file stays here"
            }
            EvidenceField::Collected => "YYYY-MM-DD: when the evidence was seen or received",
            EvidenceField::Expires => {
                "YYYY-MM-DD, or +1y / +6m from the collected date: it shows on the board before it expires"
            }
        }
    }

    /// What the field shows for an item when the form opens (a new item was collected
    /// today).
    pub fn shown(self, item: &EvidenceItem, today: NaiveDate) -> String {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            EvidenceField::What => item.label.clone(),
            EvidenceField::File => item.file.clone(),
            EvidenceField::Collected => date(item.collected.or(Some(today))),
            EvidenceField::Expires => date(item.expires),
        }
    }
}

/// What the form says while a large file is hashed.
pub(crate) fn hashing_note(file: &str) -> String {
    format!(
        "hashing {}… it is added when done (the form stays open; Esc cancels)",
        crate::domain::text::clean_line(file)
    )
}

/// The list: each item with what verifying its file finds now.
pub(crate) fn draw_evidence_list(
    f: &mut Frame,
    v: &View,
    screen: &EvidenceScreen,
    area: Rect,
    owner: &str,
    selected: usize,
) {
    let t = v.theme;
    let items = v.doc.ws.evidence_of(owner);
    let height = (items.len() as u16).max(1) * 2 + 4;
    let boxed = centered(area, 110, height);
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(format!(
            " Evidence of {owner} · a add · e edit · D remove · U undo · Esc close "
        ))
        .border_style(t.accent());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if items.is_empty() {
        lines.push(Line::from(Span::styled(
            "No evidence items yet: a adds one (a file is hashed when added).",
            t.dim(),
        )));
    }
    for (i, e) in items.iter().enumerate() {
        // Only the selected item is verified, as the key that selected it arrives (from a
        // cache of hashes kept while the file's size and time stay the same); a large file
        // is hashed on a thread: "hashing…" until it is done.
        let shown = screen
            .shown
            .as_ref()
            .filter(|(o, at, _)| i == selected && o == owner && *at == i);
        let check = shown.and_then(|(_, _, c)| c.as_ref());
        let hashing = shown.is_some_and(|(_, _, c)| c.is_none());
        let state = match check {
            Some(check) => Some(evidence::state(e, check, v.doc.today, v.doc.renewal_window)),
            None => evidence::expiry(e, v.doc.today, v.doc.renewal_window),
        };
        let style = match state {
            Some(s) if s.fails() || s == EvidenceState::Expired => t.warn(),
            _ => Style::default(),
        };
        let word = if hashing {
            "hashing…"
        } else {
            state.map_or("", EvidenceState::word)
        };
        let mut line = Line::from(vec![
            Span::styled(format!("{word:<9}"), style),
            Span::raw(truncate(
                &item_line(e, v.doc.today, v.doc.renewal_window),
                w.saturating_sub(10),
            )),
        ]);
        if i == selected {
            line = line.style(t.selected());
        }
        lines.push(line);
        let hash = if e.sha256.is_empty() {
            "no file hashed".to_string()
        } else {
            format!("sha256 {}…", &e.sha256[..e.sha256.len().min(16)])
        };
        lines.push(Line::from(Span::styled(
            format!(
                "          {}",
                truncate(&format!("{} {hash}", e.file), w.saturating_sub(10))
            ),
            t.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

pub(crate) fn evidence_form_title(owner: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => format!(" Evidence {} of {owner} ", i + 1),
        None => format!(" New evidence for {owner} "),
    }
}

/// Completions under the file field while it has the focus, and what the fields take.
pub(crate) fn path_hint(screen: &EvidenceScreen, t: &Theme, form: &Form) -> Vec<Line<'static>> {
    let focused = form.focused().unwrap_or(EvidenceField::Expires);
    let mut lines = vec![Line::from(Span::styled(focused.help(), t.dim()))];
    if let Some(file) = &screen.hashing {
        lines.push(Line::from(Span::styled(hashing_note(file), t.accent())));
    }
    if focused != EvidenceField::File {
        return lines;
    }
    let Some((typed, options)) = &screen.completions else {
        return lines;
    };
    if options.is_empty() || typed != form.get(EvidenceField::File) {
        return lines;
    }
    let shown: Vec<&str> = options.iter().take(6).map(String::as_str).collect();
    let more = options.len().saturating_sub(shown.len());
    let tail = if more > 0 {
        format!(" (+{more})")
    } else {
        String::new()
    };
    lines.push(Line::from(Span::styled(
        format!("Tab: {}{tail}", shown.join("  ")),
        t.dim(),
    )));
    lines
}

/// Draws the evidence form with `draw_fields`.
pub(crate) fn draw_evidence_form(
    f: &mut Frame,
    t: &Theme,
    screen: &EvidenceScreen,
    area: Rect,
    form: &Form,
) {
    let FormKind::Evidence { owner, index } = &form.kind else {
        return;
    };
    draw_fields(
        f,
        t,
        area,
        Fields {
            title: evidence_form_title(owner, *index),
            labels: &form.labels,
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            hints: &[],
            extra: path_hint(screen, t, form),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::EvidenceField;
    use crate::tui::msg::Msg;
    use crate::tui::state::{FormField, Mode};
    use crate::tui::test_support::{app, code};
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn a_large_evidence_file_is_hashed_off_the_ui_thread_and_the_form_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("backup-image.bin");
        // Larger than what is hashed at once (sparse: no disk is used).
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(crate::io::evidence::HASH_AT_ONCE + 4096).unwrap();
        drop(f);
        let mut a = app();
        a.file.path = dir.path().join("w.ron");
        a.open_evidence_form("ADM-SM-02".into(), None);
        let Mode::Form(form) = &mut a.mode else {
            panic!("the form is open")
        };
        form.input(EvidenceField::What).set("Backup image");
        form.input(EvidenceField::File).set("backup-image.bin");
        a.update(code(KeyCode::Enter));

        // The key came back at once: the form is still open, says it is hashing, and
        // nothing was added yet.
        let Mode::Form(form) = &a.mode else {
            panic!("the form stays open while hashing")
        };
        assert!(
            form.error.as_deref().is_some_and(|e| e.contains("hashing")),
            "{:?}",
            form.error
        );
        assert!(a.doc.ws.evidence_of("ADM-SM-02").is_empty());
        assert!(a.file.hashes.borrow().busy());
        // The form stays usable meanwhile: the label can still be edited.
        if let Mode::Form(form) = &mut a.mode {
            form.field = EvidenceField::What.index();
        }
        a.update(crate::tui::test_support::k('!'));

        // The result arrives as a message, and the item is added with the file's hash.
        let done = a.file.hashes.borrow_mut().wait();
        assert_eq!(done.len(), 1);
        for (file, stamp, result) in done {
            a.update(Msg::Hashed {
                file,
                stamp,
                result,
            });
        }
        assert!(matches!(a.mode, Mode::Normal), "the form closed when done");
        let items = a.doc.ws.evidence_of("ADM-SM-02");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].file, "backup-image.bin");
        assert_eq!(items[0].label, "Backup image!");
        assert_eq!(
            items[0].sha256,
            crate::io::evidence::hash_file(&big).unwrap()
        );
        assert!(!a.file.hashes.borrow().busy());
    }
}

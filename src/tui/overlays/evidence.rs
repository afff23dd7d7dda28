//! Evidence items in the app: the form that adds or edits one (`a`; Tab completes the file's
//! path, the expiry takes a date or `+1y`), and the list of a question's or vendor's items
//! (`b`) with each file verified when the list opens.

use crate::domain::evidence::{self, EvidenceState};
use crate::io::evidence::{self as files, HashState};
use crate::tui::prelude::*;
pub(crate) use crate::tui::widgets::evidence_line::item_line;
use crate::tui::widgets::fields::{Fields, draw_fields};

/// The evidence list's own state across openings.
#[derive(Default)]
pub struct EvidenceScreen {
    /// Items removed this session (owner, place, item), for `U` in their list.
    pub removed: Vec<(String, usize, EvidenceItem)>,
    /// Evidence files hashed while drawing, kept while unchanged on disk.
    pub(crate) hashes: std::cell::RefCell<crate::io::evidence::HashCache>,
}

pub const EVIDENCE_FIELDS: [&str; 4] = [
    "What it is",
    "File (Tab completes; optional)",
    "Collected (empty = today)",
    "Expires (date or +1y; optional)",
];

/// What the form says while a large file is hashed.
fn hashing_note(file: &str) -> String {
    format!(
        "hashing {}… it is added when done (the form stays open; Esc cancels)",
        crate::domain::text::clean_line(file)
    )
}

impl App {
    /// The question under the cursor, or the vendor in the vendor list: what `a` and `b`
    /// act on.
    pub(crate) fn evidence_owner(&self) -> Option<String> {
        if self.vendors_open() {
            return self.current_vendor().map(|v| v.id.clone());
        }
        self.current_question()
            .map(|q| self.doc.catalog.questions[q].id.clone())
    }

    pub(crate) fn open_evidence_form(&mut self, owner: String, index: Option<usize>) {
        let item = index
            .and_then(|i| self.doc.ws.evidence_of(&owner).get(i).cloned())
            .unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let values = [
            item.label.clone(),
            item.file.clone(),
            date(item.collected.or(Some(self.doc.today))),
            date(item.expires),
        ];
        self.mode = Mode::Form(Box::new(Form::new(
            FormKind::Evidence { owner, index },
            EVIDENCE_FIELDS.iter().copied().zip(values).collect(),
        )));
    }

    /// Tab in the file field: completes the path as far as it is certain.
    pub(crate) fn complete_evidence_path(&self, form: &mut Form) -> bool {
        let typed = form.text(1).to_string();
        let options = files::complete(&self.file.path, self.settings.home.as_deref(), &typed);
        let prefix = files::common_prefix(&options);
        if prefix.len() > typed.len() {
            form.inputs[1].set(prefix);
            true
        } else {
            // Several candidates and nothing more in common: stay in the field, where they
            // are listed, for the next letter.
            options.len() > 1
        }
    }

    /// The file the form names: the recorded path and, when it is a file other than the
    /// item's own, the real file to hash (`None` for no file, or the item's unchanged file
    /// whose hash is kept).
    fn evidence_form_file(
        &self,
        old: Option<&EvidenceItem>,
        typed: &str,
    ) -> Result<(String, Option<PathBuf>), String> {
        if typed.is_empty() {
            return Ok((String::new(), None));
        }
        let given = match (typed.strip_prefix("~/"), &self.settings.home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(typed),
        };
        let base = files::base_dir(&self.file.path);
        let lexical = files::record_path(&self.file.path, &base, &given);
        // The hash is the proof: taken when the file is first named, kept while it is the
        // same file.
        if old.is_some_and(|o| o.file == lexical) {
            return Ok((lexical, None));
        }
        let (real, recorded) = files::locate(&self.file.path, &base, &given)?;
        match old {
            Some(o) if o.file == recorded => Ok((recorded, None)),
            _ => Ok((recorded, Some(real))),
        }
    }

    pub(crate) fn accept_evidence_form(
        &mut self,
        owner: &str,
        index: Option<usize>,
        form: &Form,
    ) -> Result<(), (usize, String)> {
        let old = index.and_then(|i| self.doc.ws.evidence_of(owner).get(i).cloned());
        let (file, real) = self
            .evidence_form_file(old.as_ref(), form.text(1))
            .map_err(|e| (1, e))?;
        let mut label = form.text(0).to_string();
        if label.is_empty() {
            if file.is_empty() {
                return Err((0, "say what the evidence is (Esc cancels)".into()));
            }
            label = evidence::EvidenceItem {
                file: file.clone(),
                ..Default::default()
            }
            .file_name()
            .to_string();
        }
        let collected = match form.text(2) {
            "" => self.doc.today,
            v => dates::parse_date(v).map_err(|e| (2, e))?,
        };
        if collected > self.doc.today {
            return Err((
                2,
                format!(
                    "{collected} is after today ({}): give the day the evidence was seen",
                    self.doc.today
                ),
            ));
        }
        let expires = match form.text(3) {
            "" => None,
            v => Some(dates::parse_due(v, collected).map_err(|e| (3, e))?),
        };
        evidence::check_expiry(collected, expires).map_err(|e| (3, e))?;
        // Every field is checked before a large file's hash starts: the form is added the
        // moment it is done.
        let sha256 = match (&old, real) {
            (_, None) if file.is_empty() => String::new(),
            (Some(o), None) => o.sha256.clone(),
            (None, None) => String::new(),
            (_, Some(real)) => {
                let state = self.evidence.hashes.borrow_mut().hash(&real);
                match state {
                    HashState::Ready(h) => h,
                    HashState::Failed(e) => return Err((1, e)),
                    HashState::Running => {
                        self.evidence.hashes.borrow_mut().waiting = Some(real);
                        return Err((1, hashing_note(&file)));
                    }
                }
            }
        };
        self.evidence.hashes.borrow_mut().waiting = None;
        let item = EvidenceItem {
            label,
            file,
            sha256,
            collected: Some(collected),
            expires,
            location: String::new(),
        };
        let actor = self.actor();
        let changed = match index {
            Some(i) => self.doc.ws.update_evidence(owner, i, item, &actor),
            None => {
                self.doc.ws.add_evidence(owner, item, &actor);
                true
            }
        };
        if changed {
            self.evidence_changed(owner);
        }
        self.set_message(match (index, changed) {
            (None, _) => format!("{owner}: evidence added"),
            (Some(_), true) => format!("{owner}: evidence saved"),
            (Some(_), false) => format!("{owner}: nothing changed"),
        });
        Ok(())
    }

    /// A large file's hash came back from its thread: cached, and when the evidence form
    /// still waits for that very file, the form is added now.
    pub(crate) fn hash_finished(
        &mut self,
        file: PathBuf,
        stamp: Option<(u64, Option<std::time::SystemTime>)>,
        result: Result<String, String>,
    ) {
        let waited = {
            let mut h = self.evidence.hashes.borrow_mut();
            h.record(&file, stamp, &result);
            if h.waiting.as_ref() == Some(&file) {
                h.waiting = None;
                true
            } else {
                false
            }
        };
        let Mode::Form(form) = &self.mode else {
            return;
        };
        let FormKind::Evidence { owner, index } = form.kind.clone() else {
            return;
        };
        let old = index.and_then(|i| self.doc.ws.evidence_of(&owner).get(i).cloned());
        let same = matches!(
            self.evidence_form_file(old.as_ref(), form.text(1)),
            Ok((_, Some(real))) if real == file
        );
        if !waited || !same {
            return;
        }
        let Mode::Form(mut form) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        if let Err((field, e)) = self.accept_evidence_form(&owner, index, &form) {
            form.field = field;
            form.error = Some(e);
            self.mode = Mode::Form(form);
        }
    }

    /// An evidence change: expiry items on the board are derived again.
    fn evidence_changed(&mut self, owner: &str) {
        *self.doc.gap_cache.borrow_mut() = None;
        self.doc.changed_id(owner);
    }

    pub(crate) fn open_evidence_list(&mut self, owner: String) {
        if self.settings.redact {
            self.set_message("redaction is on: R shows evidence before the list opens");
            return;
        }
        self.mode = Mode::Evidence { owner, selected: 0 };
    }

    pub(crate) fn evidence_list_key(
        &mut self,
        owner: String,
        selected: usize,
        key: KeyEvent,
    ) -> Vec<Effect> {
        let n = self.doc.ws.evidence_of(&owner).len();
        let mut selected = selected.min(n.saturating_sub(1));
        let action = keymap::lookup(&[Context::EvidenceList], &key);
        let edits = matches!(
            action,
            Some(
                Action::AddEvidence
                    | Action::EditEvidence
                    | Action::RemoveEvidence
                    | Action::UndoRemoveEvidence
            )
        );
        if edits && self.refuse_read_only() {
            self.mode = Mode::Evidence { owner, selected };
            return vec![];
        }
        match action {
            Some(Action::Close) => return vec![],
            Some(Action::Down) => selected = (selected + 1).min(n.saturating_sub(1)),
            Some(Action::Up) => selected = selected.saturating_sub(1),
            Some(Action::AddEvidence) => {
                self.open_evidence_form(owner, None);
                return vec![];
            }
            Some(Action::EditEvidence) if n > 0 => {
                self.open_evidence_form(owner, Some(selected));
                return vec![];
            }
            Some(Action::RemoveEvidence) if n > 0 => {
                let actor = self.actor();
                if let Some(item) = self.doc.ws.remove_evidence(&owner, selected, &actor) {
                    self.evidence_changed(&owner);
                    self.set_message(format!(
                        "{owner}: removed \"{}\" (logged; its file is untouched); U puts it back",
                        item.label
                    ));
                    self.evidence.removed.push((owner.clone(), selected, item));
                }
                selected = selected.min(n.saturating_sub(2));
            }
            Some(Action::UndoRemoveEvidence) => {
                match self
                    .evidence
                    .removed
                    .iter()
                    .rposition(|(o, _, _)| *o == owner)
                {
                    Some(i) => {
                        let (_, at, item) = self.evidence.removed.remove(i);
                        let actor = self.actor();
                        let label = item.label.clone();
                        self.doc.ws.restore_evidence(&owner, at, item, &actor);
                        self.evidence_changed(&owner);
                        selected = at.min(self.doc.ws.evidence_of(&owner).len().saturating_sub(1));
                        self.set_message(format!("{owner}: \"{label}\" put back"));
                    }
                    None => self.set_message("nothing removed from this list to put back"),
                }
            }
            _ => {}
        }
        self.mode = Mode::Evidence { owner, selected };
        vec![]
    }
}

/// The list: each item with what verifying its file finds now.
pub(crate) fn draw_evidence_list(
    f: &mut Frame,
    app: &App,
    t: &Theme,
    area: Rect,
    owner: &str,
    selected: usize,
) {
    let items = app.doc.ws.evidence_of(owner);
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
        // Only the selected item is verified as it is drawn, from a cache of hashes kept
        // while the file's size and time stay the same.
        // A large file is hashed on a thread: "hashing…" until it is done.
        let check = (i == selected)
            .then(|| app.evidence.hashes.borrow_mut().check(&app.file.path, e))
            .flatten();
        let hashing = i == selected && check.is_none();
        let state = match check {
            Some(check) => Some(evidence::state(
                e,
                &check,
                app.doc.today,
                app.doc.renewal_window,
            )),
            None => evidence::expiry(e, app.doc.today, app.doc.renewal_window),
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
                &item_line(e, app.doc.today, app.doc.renewal_window),
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
pub(crate) fn path_hint(app: &App, t: &Theme, form: &Form) -> Vec<Line<'static>> {
    let help = match form.field {
        0 => "e.g. Signed BAA, Training roster Q3, Pen test report 2026",
        1 => {
            "from the workspace's folder, absolute or ~/…; its SHA-256 is taken on save; the file stays here"
        }
        2 => "YYYY-MM-DD: when the evidence was seen or received",
        _ => {
            "YYYY-MM-DD, or +1y / +6m from the collected date: it shows on the board before it expires"
        }
    };
    let mut lines = vec![Line::from(Span::styled(help, t.dim()))];
    let hashes = app.evidence.hashes.borrow();
    if let Some(file) = hashes.waiting.as_ref().filter(|_| hashes.busy()) {
        lines.push(Line::from(Span::styled(
            hashing_note(&file.display().to_string()),
            t.accent(),
        )));
    }
    drop(hashes);
    if form.field != 1 {
        return lines;
    }
    let options = files::complete(&app.file.path, app.settings.home.as_deref(), form.text(1));
    if options.is_empty() {
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
pub(crate) fn draw_evidence_form(f: &mut Frame, app: &App, t: &Theme, area: Rect, form: &Form) {
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
            extra: path_hint(app, t, form),
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::tui::msg::Msg;
    use crate::tui::state::Mode;
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
        form.inputs[0].set("Backup image");
        form.inputs[1].set("backup-image.bin");
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
        assert!(a.evidence.hashes.borrow().busy());
        // The form stays usable meanwhile: the label can still be edited.
        if let Mode::Form(form) = &mut a.mode {
            form.field = 0;
        }
        a.update(crate::tui::test_support::k('!'));

        // The result arrives as a message, and the item is added with the file's hash.
        let done = a.evidence.hashes.borrow_mut().wait();
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
        assert!(!a.evidence.hashes.borrow().busy());
    }
}

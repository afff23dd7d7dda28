//! The evidence keys: the form that adds or edits an item (its file located and hashed,
//! a large one on a thread), the list's add, edit, remove and undo, and after each key the
//! plain facts the overlay draws (the selected file's check, the path completions). The
//! disk is read here, as keys and results arrive, never while drawing.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::domain::dates;
use crate::domain::evidence;
use crate::domain::workspace::EvidenceItem;
use crate::io::evidence::{self as files, HashState};
use crate::tui::app::App;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::overlays::evidence::{EvidenceField, hashing_note};
use crate::tui::state::{FieldError, Form, FormKind, Mode};

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
        let today = self.doc.today;
        self.mode = Mode::Form(Box::new(Form::new(
            FormKind::Evidence { owner, index },
            |f: EvidenceField| f.shown(&item, today),
        )));
        self.refresh_evidence();
    }

    /// Tab in the file field: completes the path as far as it is certain.
    pub(crate) fn complete_evidence_path(&self, form: &mut Form) -> bool {
        let typed = form.get(EvidenceField::File).to_string();
        let options = files::complete(&self.file.path, self.settings.home.as_deref(), &typed);
        let prefix = files::common_prefix(&options);
        if prefix.len() > typed.len() {
            form.input(EvidenceField::File).set(prefix);
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
    ) -> Result<(), FieldError<EvidenceField>> {
        use EvidenceField as F;
        let old = index.and_then(|i| self.doc.ws.evidence_of(owner).get(i).cloned());
        let (file, real) = self
            .evidence_form_file(old.as_ref(), form.get(F::File))
            .map_err(|e| (F::File, e))?;
        let mut label = form.get(F::What).to_string();
        if label.is_empty() {
            if file.is_empty() {
                return Err((F::What, "say what the evidence is (Esc cancels)".into()));
            }
            label = evidence::EvidenceItem {
                file: file.clone(),
                ..Default::default()
            }
            .file_name()
            .to_string();
        }
        let collected = match form.get(F::Collected) {
            "" => self.doc.today,
            v => dates::parse_date(v).map_err(|e| (F::Collected, e))?,
        };
        if collected > self.doc.today {
            return Err((
                F::Collected,
                format!(
                    "{collected} is after today ({}): give the day the evidence was seen",
                    self.doc.today
                ),
            ));
        }
        let expires = match form.get(F::Expires) {
            "" => None,
            v => Some(dates::parse_due(v, collected).map_err(|e| (F::Expires, e))?),
        };
        evidence::check_expiry(collected, expires).map_err(|e| (F::Expires, e))?;
        // Every field is checked before a large file's hash starts: the form is added the
        // moment it is done.
        let sha256 = match (&old, real) {
            (_, None) if file.is_empty() => String::new(),
            (Some(o), None) => o.sha256.clone(),
            (None, None) => String::new(),
            (_, Some(real)) => {
                let state = self.file.hashes.borrow_mut().hash(&real);
                match state {
                    HashState::Ready(h) => h,
                    HashState::Failed(e) => return Err((F::File, e)),
                    HashState::Running => {
                        self.file.hashes.borrow_mut().waiting = Some(real);
                        return Err((F::File, hashing_note(&file)));
                    }
                }
            }
        };
        self.file.hashes.borrow_mut().waiting = None;
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
            let mut h = self.file.hashes.borrow_mut();
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
            self.evidence_form_file(old.as_ref(), form.get(EvidenceField::File)),
            Ok((_, Some(real))) if real == file
        );
        if !waited || !same {
            return;
        }
        let Mode::Form(mut form) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        if let Err(e) = self.accept_evidence_form(&owner, index, &form) {
            form.fail(e);
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
        self.refresh_evidence();
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
        let edits = action.is_some_and(keymap::edits);
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

    /// After a key or a hash result: the facts the evidence overlay draws, found now.
    pub(crate) fn refresh_evidence(&mut self) {
        let hashes = self.file.hashes.get_mut();
        self.evidence.hashing = hashes
            .waiting
            .as_ref()
            .filter(|_| hashes.busy())
            .map(|p| p.display().to_string());
        match &self.mode {
            Mode::Evidence { owner, selected } => {
                let items = self.doc.ws.evidence_of(owner);
                let at = (*selected).min(items.len().saturating_sub(1));
                self.evidence.shown = items.get(at).map(|e| {
                    let check = hashes.check(&self.file.path, e);
                    (owner.clone(), at, check)
                });
            }
            Mode::Form(form) if form.focused() == Some(EvidenceField::File) => {
                // Listed afresh after every key, as the folder may have changed meanwhile.
                let typed = form.get(EvidenceField::File);
                let options =
                    files::complete(&self.file.path, self.settings.home.as_deref(), typed);
                self.evidence.completions = Some((typed.to_string(), options));
            }
            _ => self.evidence.completions = None,
        }
    }
}

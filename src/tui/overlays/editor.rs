//! The note and plan editor (ratatui-textarea): open, keys, keep the text, draw.

use crate::domain::workspace::RemediationField;
use crate::tui::cx::Cx;
use crate::tui::cx::View;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::{EditTarget, Editor, Mode};
use crate::tui::theme::{REDACTED, centered};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Paragraph};

/// Writes the open editor's text into the workspace, leaving the editor open: for
/// Ctrl-s, and for a signal that ends the app while a note is being typed.
pub(crate) fn keep_editor_text(cx: &mut Cx) -> Option<String> {
    let Mode::Editor(ed) = &*cx.mode else {
        return None;
    };
    let text = ed.textarea.lines().join("\n").trim_end().to_string();
    let target = ed.target.clone();
    let actor = cx.actor();
    let (id, changed) = match &target {
        EditTarget::Note(id) => (id.clone(), cx.doc.ws.set_note(id, &text, &actor)),
        // A project's row edits the project's own plan.
        EditTarget::Plan(id) if cx.doc.ws.project(id).is_some() => {
            let mut p = cx.doc.ws.project(id).cloned().unwrap_or_default();
            p.plan = text;
            (id.clone(), cx.doc.ws.update_project(p, &actor))
        }
        EditTarget::Plan(id) => (
            id.clone(),
            cx.doc
                .ws
                .set_remediation(id, RemediationField::Plan(text), &actor),
        ),
    };
    if changed {
        cx.doc.changed_id(&id);
    }
    changed.then_some(id)
}

pub(crate) fn editor_key(mut ed: Box<Editor>, key: KeyEvent, cx: &mut Cx) -> Vec<Effect> {
    let action = keymap::lookup(&[Context::Editor], &key);
    if action == Some(Action::Close) {
        let text = ed.textarea.lines().join("\n");
        let text = text.trim_end().to_string();
        if text.len() > crate::domain::problems::MAX_TEXT {
            cx.set_message(format!(
                "too long to keep: a note holds at most {} KiB; shorten it (Ctrl-z undoes)",
                crate::domain::problems::MAX_TEXT / 1024
            ));
            *cx.mode = Mode::Editor(ed);
            return vec![];
        }
        *cx.mode = Mode::Editor(ed);
        let kept = keep_editor_text(cx);
        *cx.mode = Mode::Normal;
        if let Some(id) = kept {
            cx.set_message(format!("{id}: kept"));
        }
        return vec![];
    }
    if action == Some(Action::Save) {
        // Keep the editor open but make the text durable now.
        *cx.mode = Mode::Editor(ed);
        keep_editor_text(cx);
        return vec![Effect::SaveNow];
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        // The keys people expect, besides the widget's own Ctrl-u / Ctrl-r.
        KeyCode::Char('z') if ctrl => {
            ed.textarea.undo();
        }
        KeyCode::Char('y') if ctrl => {
            ed.textarea.redo();
        }
        _ => {
            ed.textarea.input(key);
        }
    }
    *cx.mode = Mode::Editor(ed);
    vec![]
}

pub(crate) fn draw_editor(f: &mut Frame, v: &View, body: Rect) {
    let t = v.theme;
    let Mode::Editor(ed) = v.mode else { return };
    let (what, id) = match &ed.target {
        EditTarget::Note(id) => ("Evidence note", id),
        EditTarget::Plan(id) => ("Remediation plan", id),
    };
    let area = centered(body, 90, 16);
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(" {what} · {id} · Esc keeps the text "))
        .border_style(t.accent());
    let inner = block.inner(area);
    f.render_widget(block, area);
    if v.settings.redact {
        f.render_widget(Paragraph::new(Span::styled(REDACTED, t.dim())), inner);
    } else {
        f.render_widget(&ed.textarea, inner);
    }
}

//! Yes/no questions drawn over the screen (quit with unsaved edits, delete a risk, an outside change).

use crate::tui::prelude::*;

pub(crate) fn draw_confirm(f: &mut Frame, t: &Theme, area: Rect, title: &str, lines: &[String]) {
    let boxed = centered(area, 80, lines.len() as u16 + 2);
    f.render_widget(Clear, boxed);
    let text: Vec<Line> = lines.iter().map(|l| Line::from(l.clone())).collect();
    f.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(t.warn()),
        ),
        boxed,
    );
}

impl App {
    /// A save failed and the user asked to quit: drop the edits, save them elsewhere, or stay.
    pub(crate) fn confirm_quit_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match keymap::lookup(&[Context::ConfirmQuit], &key) {
            Some(Action::Yes) => vec![Effect::ForceQuit],
            Some(Action::SaveElsewhere) => {
                let name = self
                    .file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "workspace.ron".into());
                let suggestion = self
                    .settings
                    .home
                    .as_ref()
                    .map(|h| h.join(&name).display().to_string())
                    .unwrap_or(name);
                self.open_prompt(PromptKind::SaveAs, String::new(), suggestion);
                vec![]
            }
            _ => {
                self.set_message(
                    "not quitting: your edits are still here; Ctrl-s retries the save",
                );
                vec![]
            }
        }
    }

    /// Deleting a register entry waits for `y`.
    pub(crate) fn confirm_delete_key(&mut self, id: String, key: KeyEvent) -> Vec<Effect> {
        if keymap::lookup(&[Context::ConfirmDelete], &key) == Some(Action::Yes)
            && self.doc.ws.vendor(&id).is_some()
        {
            self.vendors
                .delete_now(&id, &mut crate::tui::app::cx!(self));
        } else if keymap::lookup(&[Context::ConfirmDelete], &key) == Some(Action::Yes) {
            let actor = self.actor();
            if let Some(d) = self.doc.ws.delete_risk(&id, &actor) {
                self.register.deleted.push(d);
                self.doc.risk_changed();
                self.register.row = self
                    .register
                    .row
                    .min(self.doc.ws.risks.len().saturating_sub(1));
                self.set_message(format!("{id} deleted (logged); U undoes"));
            }
        } else {
            self.set_message("not deleted");
        }
        vec![]
    }

    /// The file changed on disk: keep both, overwrite or reload; Ctrl-s shows the choice.
    pub(crate) fn conflict_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match keymap::lookup(&[Context::Conflict], &key) {
            Some(Action::KeepBoth) => vec![Effect::KeepBoth],
            Some(Action::Overwrite) => vec![Effect::Overwrite],
            Some(Action::Reload) => vec![Effect::Reload],
            _ => {
                if keymap::lookup(&[Context::Global], &key) == Some(Action::Save) {
                    self.mode = Mode::Conflict;
                } else {
                    self.set_message("file changed on disk: saving paused; Ctrl-s to decide");
                }
                vec![]
            }
        }
    }
}

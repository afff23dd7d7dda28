//! Yes/no questions drawn over the screen (quit with unsaved edits, delete a risk, an outside change).

use crate::tui::cx::Cx;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::{Mode, PromptKind};
use crate::tui::tabs::inventory::InventoryScreen;
use crate::tui::tabs::register::RegisterScreen;
use crate::tui::tabs::vendors::VendorScreen;
use crate::tui::theme::{Theme, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

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

/// A save failed and the user asked to quit: drop the edits, save them elsewhere, or stay.
pub(crate) fn confirm_quit_key(key: KeyEvent, cx: &mut Cx) -> Vec<Effect> {
    match keymap::lookup(&[Context::ConfirmQuit], &key) {
        Some(Action::Yes) => vec![Effect::ForceQuit],
        Some(Action::SaveElsewhere) => {
            let name = cx
                .file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "workspace.ron".into());
            let suggestion = cx
                .settings
                .home
                .as_ref()
                .map(|h| h.join(&name).display().to_string())
                .unwrap_or(name);
            cx.open_prompt(PromptKind::SaveAs, String::new(), suggestion);
            vec![]
        }
        _ => {
            cx.set_message("not quitting: your edits are still here; Ctrl-s retries the save");
            vec![]
        }
    }
}

/// Deleting a register entry waits for `y`.
pub(crate) fn confirm_delete_key(
    id: String,
    key: KeyEvent,
    register: &mut RegisterScreen,
    vendors: &mut VendorScreen,
    inventory: &mut InventoryScreen,
    cx: &mut Cx,
) -> Vec<Effect> {
    let yes = keymap::lookup(&[Context::ConfirmDelete], &key) == Some(Action::Yes);
    let inventoried = cx.doc.ws.asset(&id).is_some() || cx.doc.ws.flows.iter().any(|f| f.id == id);
    if yes && inventoried {
        inventory.delete_now(&id, cx);
    } else if yes && cx.doc.ws.vendor(&id).is_some() {
        vendors.delete_now(&id, cx);
    } else if keymap::lookup(&[Context::ConfirmDelete], &key) == Some(Action::Yes) {
        let actor = cx.actor();
        if let Some(d) = cx.doc.ws.delete_risk(&id, &actor) {
            register.deleted.push(d);
            cx.doc.risk_changed();
            register.row = register.row.min(cx.doc.ws.risks.len().saturating_sub(1));
            cx.set_message(format!("{id} deleted (logged); U undoes"));
        }
    } else {
        cx.set_message("not deleted");
    }
    vec![]
}

/// The file changed on disk: keep both, overwrite or reload; Ctrl-s shows the choice.
pub(crate) fn conflict_key(key: KeyEvent, cx: &mut Cx) -> Vec<Effect> {
    match keymap::lookup(&[Context::Conflict], &key) {
        Some(Action::KeepBoth) => vec![Effect::KeepBoth],
        Some(Action::Overwrite) => vec![Effect::Overwrite],
        Some(Action::Reload) => vec![Effect::Reload],
        _ => {
            if keymap::lookup(&[Context::Global], &key) == Some(Action::Save) {
                *cx.mode = Mode::Conflict;
            } else {
                cx.set_message("file changed on disk: saving paused; Ctrl-s to decide");
            }
            vec![]
        }
    }
}

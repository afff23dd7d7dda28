//! The merge conflicts a workspace holds (`C`): the list, the selected one's two values in
//! full (PgDn/PgUp scroll them), and the choice of ours, theirs, or writing a new text that
//! starts from both. Every choice is logged.

use crate::domain::merge::{Settled, Side, settle};
use crate::domain::text::truncate_clean as truncate;
use crate::tui::cx::Cx;
use crate::tui::cx::View;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::msg::Effect;
use crate::tui::state::{EditTarget, Mode};
use crate::tui::theme::{REDACTED, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A recorded value as a person reads it: a text as its text, anything else (a date, a
/// whole register entry) as indented RON.
fn readable(v: &str) -> String {
    if let Ok(s) = ron::from_str::<String>(v) {
        return s;
    }
    ron::from_str::<ron::Value>(v)
        .ok()
        .and_then(|val| ron::ser::to_string_pretty(&val, ron::ser::PrettyConfig::new()).ok())
        .unwrap_or_else(|| v.to_string())
}

/// Where an edit of both values starts: each once, ours first.
fn both(ours: &str, theirs: &str) -> String {
    match (ours.trim().is_empty(), theirs.trim().is_empty()) {
        (_, true) => ours.to_string(),
        (true, false) => theirs.to_string(),
        _ if ours == theirs => ours.to_string(),
        _ => format!("{}\n\n{}", ours.trim_end(), theirs),
    }
}

pub(crate) fn open_conflicts(cx: &mut Cx) {
    if cx.doc.ws.conflicts.is_empty() {
        cx.set_message("no merge conflicts in this workspace");
        return;
    }
    *cx.mode = Mode::MergeConflicts {
        selected: 0,
        scroll: 0,
    };
}

/// The merge conflicts view's keys: choose, scroll, keep ours, take theirs, write a new text.
pub(crate) fn merge_conflicts_key(
    selected: usize,
    scroll: u16,
    key: KeyEvent,
    cx: &mut Cx,
) -> Vec<Effect> {
    let n = cx.doc.ws.conflicts.len();
    let mut selected = selected.min(n.saturating_sub(1));
    let mut scroll = scroll;
    match keymap::lookup(&[Context::MergeConflicts], &key) {
        Some(Action::Close) => return vec![],
        Some(Action::Down) => (selected, scroll) = ((selected + 1).min(n.saturating_sub(1)), 0),
        Some(Action::Up) => (selected, scroll) = (selected.saturating_sub(1), 0),
        Some(Action::PageDown) => scroll = scroll.saturating_add(10),
        Some(Action::PageUp) => scroll = scroll.saturating_sub(10),
        Some(action @ (Action::KeepOurs | Action::TakeTheirs)) => {
            if cx.refuse_read_only() {
                return vec![];
            }
            let side = if action == Action::KeepOurs {
                Side::Ours
            } else {
                Side::Theirs
            };
            let c = cx.doc.ws.conflicts[selected].clone();
            let actor = cx.actor();
            match settle(&mut cx.doc.ws, selected, Settled::Kept(side), &actor) {
                Ok(()) => {
                    cx.doc.touch();
                    scroll = 0;
                    cx.set_message(format!(
                        "{} {}: {} kept",
                        truncate(&c.id, 40),
                        truncate(&c.field, 20),
                        if side == Side::Ours { "ours" } else { "theirs" }
                    ));
                }
                Err(e) => cx.set_message(truncate(&e, 300)),
            }
        }
        Some(Action::EditConflict) => {
            if cx.refuse_read_only() {
                return vec![];
            }
            let c = cx.doc.ws.conflicts[selected].clone();
            let text = |v: &str| ron::from_str::<String>(v).ok();
            let target = match c.field.as_str() {
                "note" => Some(EditTarget::Note(c.id.clone())),
                "plan" => Some(EditTarget::Plan(c.id.clone())),
                _ => None,
            };
            match (target, text(&c.ours), text(&c.theirs)) {
                // Redaction hides the text to edit: the conflict stays as it is.
                (Some(_), Some(_), Some(_)) if cx.settings.redact => cx.set_message(
                    "redaction is on: R shows notes and plans before writing a new text",
                ),
                (Some(target), Some(ours), Some(theirs)) => {
                    // The editor keeps its text on every way out, so theirs is never lost.
                    let actor = cx.actor();
                    match settle(&mut cx.doc.ws, selected, Settled::Written, &actor) {
                        Ok(()) => {
                            cx.doc.touch();
                            cx.open_editor(target, &both(&ours, &theirs));
                            return vec![];
                        }
                        Err(e) => cx.set_message(truncate(&e, 300)),
                    }
                }
                _ => cx.set_message(format!(
                    "{} is not a text to write: o keeps ours, t takes theirs, then change it with its own key",
                    truncate(&c.field, 20)
                )),
            }
        }
        _ => {}
    }
    if !cx.doc.ws.conflicts.is_empty() {
        *cx.mode = Mode::MergeConflicts {
            selected: selected.min(cx.doc.ws.conflicts.len() - 1),
            scroll,
        };
    } else {
        cx.set_message("every merge conflict is resolved");
    }
    vec![]
}

pub(crate) fn draw_merge_conflicts(
    f: &mut Frame,
    v: &View,
    area: Rect,
    selected: usize,
    scroll: u16,
) {
    let t = v.theme;
    let boxed = centered(area, 110, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = Block::bordered()
        .title(format!(
            " {} from a merge · o keep ours · t take theirs · e write from both · PgDn/PgUp scroll · Esc close ",
            crate::domain::text::count(v.doc.ws.conflicts.len(), "conflict", "conflicts")
        ))
        .border_style(t.warn());
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let w = usize::from(inner.width);
    let n = v.doc.ws.conflicts.len();
    // The list takes at most a third of the box; the selected conflict's values the rest.
    let list_h = (n as u16).clamp(1, (inner.height / 3).max(1));
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(1)]).areas(inner);
    let mut lines = Vec::new();
    for (i, c) in v.doc.ws.conflicts.iter().enumerate() {
        let style = if i == selected {
            t.selected()
        } else {
            Style::default()
        };
        // What the item is: a question's prompt, a register entry's title, a vendor's,
        // an asset's or a project's name.
        let ws = &v.doc.ws;
        let what = v
            .doc
            .catalog
            .get(&c.id)
            .map(|q| q.prompt.clone())
            .or_else(|| {
                ws.risks
                    .iter()
                    .find(|r| r.id == c.id)
                    .map(|r| r.title.clone())
            })
            .or_else(|| ws.vendor(&c.id).map(|x| x.name.clone()))
            .or_else(|| ws.asset(&c.id).map(|x| x.name.clone()))
            .or_else(|| ws.project(&c.id).map(|x| x.name.clone()))
            .unwrap_or_default();
        lines.push(Line::from(Span::styled(
            truncate(&format!("≠ {} · {} · {what}", c.id, c.field), w),
            style.add_modifier(Modifier::BOLD),
        )));
    }
    let skip = selected.saturating_sub(usize::from(list_h).saturating_sub(1));
    f.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), list_area);
    let Some(c) = v.doc.ws.conflicts.get(selected) else {
        return;
    };
    let mut detail = Vec::new();
    let redact = v.settings.redact;
    for (label, v) in [("ours (in place)", &c.ours), ("theirs", &c.theirs)] {
        detail.push(Line::from(Span::styled(
            format!("{label}:"),
            Style::default().add_modifier(Modifier::BOLD),
        )));
        if redact {
            detail.push(Line::from(format!("  {REDACTED}")));
        } else {
            // Untrusted text from a teammate's file: each line cleaned for the terminal.
            for l in readable(v).split('\n') {
                detail.push(Line::from(format!(
                    "  {}",
                    crate::domain::text::clean_line(l)
                )));
            }
        }
        detail.push(Line::from(""));
    }
    f.render_widget(
        Paragraph::new(detail)
            .block(Block::default().borders(Borders::TOP))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        detail_area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::Field;
    use crate::domain::conflict::Conflict;
    use crate::tui::app::App;
    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use std::path::PathBuf;

    fn app_with(conflicts: Vec<Conflict>) -> App {
        let c = crate::domain::catalog::Catalog::builtin();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let mut ws = crate::domain::workspace::Workspace::new("Acme", "Ana", c, today);
        ws.conflicts = conflicts;
        App::new(c, ws, PathBuf::from("w.ron"), today, "Sam")
    }

    fn note(id: &str, ours: &str, theirs: &str) -> Conflict {
        Conflict {
            id: id.into(),
            field: "note".into(),
            ours: ron::to_string(ours).unwrap(),
            theirs: ron::to_string(theirs).unwrap(),
            base: ron::to_string("").unwrap(),
        }
    }

    fn screen(app: &App) -> String {
        let mut term = Terminal::new(TestBackend::new(100, 40)).unwrap();
        term.draw(|f| crate::tui::ui::draw(f, app)).unwrap();
        let b = term.backend().buffer();
        (0..b.area.height)
            .map(|y| {
                (0..b.area.width)
                    .map(|x| b[(x, y)].symbol())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    fn press(app: &mut App, k: KeyEvent) {
        app.update(k);
    }

    fn ch(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn resolving_a_merge_conflict_shows_both_sides_in_full_edits_from_both_and_is_logged() {
        let long = |who: &str, end: &str| {
            format!("{who} says {} {end}", "backups run nightly, ".repeat(12))
        };
        let ours = long("Ana", "OURSEND");
        let theirs = long("Kim", "THEIRSEND");
        let mut app = app_with(vec![
            note("ADM-CP-05", &ours, &theirs),
            note("PRV-UD-01", "short ours", "short theirs"),
        ]);
        press(&mut app, ch('C'));
        let shown = screen(&app);
        assert!(shown.contains("OURSEND"), "ours in full:\n{shown}");
        assert!(shown.contains("THEIRSEND"), "theirs in full:\n{shown}");

        // An edit starts from both values, and Esc keeps what is written.
        press(&mut app, ch('e'));
        let Mode::Editor(ed) = &app.mode else {
            panic!("the editor opens");
        };
        let text = ed.textarea.lines().join("\n");
        assert!(
            text.contains("OURSEND") && text.contains("THEIRSEND"),
            "{text}"
        );
        press(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(app.doc.ws.note("ADM-CP-05").contains("THEIRSEND"));

        // Each resolution is in the change log, by the person running hipaudit.
        press(&mut app, ch('C'));
        press(&mut app, ch('t'));
        assert!(app.doc.ws.conflicts.is_empty());
        assert_eq!(app.doc.ws.note("PRV-UD-01"), "short theirs");
        let logged: Vec<_> = app
            .doc
            .ws
            .log
            .iter()
            .filter(|c| c.field == Field::Conflict)
            .map(|c| (c.id.as_str(), c.new.as_str(), c.by.as_str()))
            .collect();
        assert_eq!(logged.len(), 2, "{logged:?}");
        assert_eq!(logged[0].0, "ADM-CP-05");
        assert_eq!(logged[0].1, "wrote a new text from both");
        assert_eq!(logged[1], ("PRV-UD-01", "took theirs", logged[1].2));
        assert!(!logged[1].2.is_empty());
    }
}

//! Drawing: pure functions of the app's state. Every status is spelled or marked as well as
//! coloured, so the screen reads the same with `NO_COLOR`.

use crate::domain::board::progress;
use crate::domain::catalog::Area;
use crate::tui::app::{App, SaveState, TABS, Tab};
use crate::tui::keymap::{self, Action, BINDINGS, Context};
use crate::tui::overlays::merge_conflicts::draw_merge_conflicts;
use crate::tui::overlays::{
    confirm::draw_confirm, editor::draw_editor, export::draw_export, form::draw_form,
    help::draw_help, library::draw_library, prompt::draw_prompt, risk_form::draw_risk_form,
    search::draw_search,
};
use crate::tui::state::{Mode, PromptKind};
use crate::tui::tabs::{
    audit::{ExtraPane, Pane},
    dashboard::draw_dashboard,
};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Below this the layout cannot work; a message asks for a larger window.
pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(f: &mut Frame, app: &App) {
    draw_screen(f, app);
    sanitize_buffer(f.buffer_mut());
}

/// Makes sure no cell sends a control or invisible format character (an escape sequence,
/// a bidi override, a zero-width joiner) to the terminal, whatever text was drawn into it:
/// such characters are dropped, and a cell holding only one shows `�`. One pass over the
/// screen's cells after every draw, so no widget can forget it.
pub fn sanitize_buffer(buf: &mut ratatui::buffer::Buffer) {
    let bad = |c: char| {
        c.is_control() || crate::domain::text::clean_line_cow(&c.to_string()) != c.to_string()
    };
    for cell in buf.content.iter_mut() {
        let sym = cell.symbol();
        if sym.is_ascii() && !sym.bytes().any(|b| b.is_ascii_control()) {
            continue;
        }
        if sym.chars().any(bad) {
            let kept: String = sym.chars().filter(|c| !bad(*c)).collect();
            let kept = if kept.is_empty() {
                "�".to_string()
            } else {
                kept
            };
            cell.set_symbol(&kept);
        }
    }
}

fn draw_screen(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(f, area);
        return;
    }
    let t = Theme {
        color: app.settings.color,
    };
    if app.meeting.on && app.tab == Tab::Gaps {
        let [main, msg] =
            Layout::vertical([Constraint::Min(10), Constraint::Length(1)]).areas(area);
        app.meeting.draw(f, &app.view(&t), &app.board, main);
        draw_message(f, app, &t, msg);
        draw_overlays(f, app, &t, area, main);
        return;
    }
    let [top, title, body, msg, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tab_bar(f, app, &t, top);
    draw_title(f, app, &t, title);
    match app.tab {
        Tab::Dashboard => draw_dashboard(f, app, &t, body),
        Tab::Audit(a) => {
            let view = app.view(&t);
            match app.audit.draw(f, &view, a, body) {
                Some(ExtraPane {
                    pane: Pane::Register,
                    list,
                    detail,
                    border,
                }) => app.register.draw(f, &view, list, detail, border),
                Some(ExtraPane {
                    pane: Pane::Inventory,
                    list,
                    detail,
                    border,
                }) => app.inventory.draw(f, &view, list, detail, border),
                Some(ExtraPane {
                    pane: Pane::Vendors,
                    list,
                    detail,
                    border,
                }) => app.vendors.draw(f, &view, list, detail, border),
                _ => {}
            }
        }
        Tab::Gaps if !app.meeting.on => app.board.draw(f, &app.view(&t), body),
        Tab::Gaps => {}
    }
    draw_message(f, app, &t, msg);
    draw_hints(f, app, &t, hints);
    draw_overlays(f, app, &t, area, body);
}

fn draw_overlays(f: &mut Frame, app: &App, t: &Theme, area: Rect, body: Rect) {
    match &app.mode {
        Mode::Normal | Mode::Matrix { .. } => {}
        Mode::Export { selected, redact } => draw_export(f, t, area, *selected, *redact),
        Mode::Library { selected, asset } => {
            draw_library(f, t, &app.doc, area, *selected, asset.as_deref())
        }
        Mode::RiskForm(form) => draw_risk_form(f, t, area, form),
        Mode::Form(form) => draw_form(f, app, t, area, form),
        Mode::MergeConflicts { selected, scroll } => {
            draw_merge_conflicts(f, &app.view(t), area, *selected, *scroll)
        }
        Mode::Evidence { owner, selected } => crate::tui::overlays::evidence::draw_evidence_list(
            f,
            &app.view(t),
            &app.evidence,
            area,
            owner,
            *selected,
        ),
        Mode::ConfirmDelete(id)
            if let Some(lines) =
                crate::tui::tabs::inventory::InventoryScreen::delete_question(&app.doc, id) =>
        {
            draw_confirm(f, t, area, "Delete from the inventory", &lines)
        }
        Mode::ConfirmDelete(id) => draw_confirm(
            f,
            t,
            area,
            if app.doc.ws.vendor(id).is_some() {
                "Delete a vendor"
            } else {
                "Delete a risk"
            },
            &[
                match app.doc.ws.vendor(id) {
                    Some(v) => {
                        let naming: Vec<&str> = app
                            .doc
                            .ws
                            .assets
                            .iter()
                            .filter(|a| {
                                let said = a.vendor.trim();
                                said == id
                                    || (!v.name.trim().is_empty()
                                        && said.eq_ignore_ascii_case(v.name.trim()))
                            })
                            .map(|a| a.id.as_str())
                            .collect();
                        let also = if naming.is_empty() {
                            String::new()
                        } else {
                            format!(" It is taken out of {} too.", naming.join(", "))
                        };
                        format!(
                            "Delete {id} ({}) from the business associates? The deletion is logged.{also}",
                            crate::domain::text::clean_line(&v.name)
                        )
                    }
                    None => format!("Delete {id} from the register? The deletion is logged."),
                },
                "U undoes it later in this session.".to_string(),
                String::new(),
                "y  delete · any other key  keep it".to_string(),
            ],
        ),
        Mode::Editor(_) => draw_editor(f, &app.view(t), body),
        Mode::Prompt(_) => draw_prompt(f, app, t, area),
        Mode::Search(_) => draw_search(f, app, t, area),
        Mode::Help { scroll } => draw_help(f, t, &app.contexts(), area, *scroll),
        Mode::ConfirmQuit => draw_confirm(
            f,
            t,
            area,
            "Unsaved changes",
            &[
                "The last save failed, so some edits exist only in memory:".to_string(),
                match &app.doc.save_state {
                    SaveState::Failed(e) => e.clone(),
                    _ => String::new(),
                },
                String::new(),
                "w  save them to another file".to_string(),
                "y  quit and drop them".to_string(),
                "any other key  stay (Ctrl-s retries)".to_string(),
            ],
        ),
        Mode::Conflict => draw_confirm(
            f,
            t,
            area,
            "The file changed on disk",
            &[
                format!(
                    "{} was changed by someone else since it was loaded.",
                    app.file.path.display()
                ),
                "Nothing was overwritten. Choose:".to_string(),
                String::new(),
                "k  keep both: write my version beside it and go on in that copy".to_string(),
                "o  overwrite it with my version (theirs is kept as .bak.1)".to_string(),
                "r  reload theirs (my version is written beside it first)".to_string(),
                "any other key  decide later (saving paused)".to_string(),
            ],
        ),
    }
}

fn draw_too_small(f: &mut Frame, area: Rect) {
    let text = format!(
        "Make the window larger: hipaudit needs {MIN_WIDTH}x{MIN_HEIGHT}, this is {}x{}. Keys wait until it fits (q saves and quits); nothing is lost.",
        area.width, area.height
    );
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_tab_bar(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let short = area.width < 110;
    let tight = area.width < 90;
    let mut spans = Vec::new();
    let all_gaps = app.doc.gaps();
    for (i, tab) in TABS.iter().enumerate() {
        let name = match (tab, short) {
            (Tab::Audit(Area::Administrative), true) => "Admin",
            (Tab::Audit(Area::Privacy), true) if tight => "Priv",
            (Tab::Dashboard, true) => "Dash",
            _ => tab.title(),
        };
        let extra = match tab {
            // What is left to answer, or a tick when nothing is.
            Tab::Audit(a) => {
                let (done, total) = progress(app.doc.catalog, &app.doc.ws, *a);
                let carried = app
                    .doc
                    .catalog
                    .in_area(*a)
                    .filter(|q| app.doc.ws.to_reverify(&q.id))
                    .count();
                let again = match carried {
                    0 => String::new(),
                    n => format!(" ↻{n}"),
                };
                match total - done {
                    0 if carried == 0 => " ✓".to_string(),
                    left if tight => format!(" {left}{again}"),
                    left => format!(" {left} left{again}"),
                }
            }
            Tab::Gaps => format!(
                " {}",
                crate::domain::board::counts(all_gaps.iter(), app.doc.today).total
            ),
            Tab::Dashboard => String::new(),
        };
        let label = if tight {
            format!("{} {name}{extra}", i + 1)
        } else {
            format!(" {} {name}{extra} ", i + 1)
        };
        let style = if *tab == app.tab {
            t.selected().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        spans.push(Span::styled(label, style));
        if !tight {
            spans.push(Span::raw("│"));
        } else if i + 1 < TABS.len() {
            // Under 72 columns the separators give way so the Gaps tab stays in sight.
            spans.push(Span::raw(if area.width < 72 { "│" } else { " │ " }));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn save_label(app: &App) -> (String, bool) {
    if app.file.read_only.is_some() {
        return ("read-only".into(), true);
    }
    match &app.doc.save_state {
        // A moved cursor is saved with the view, but nothing of the audit is at stake.
        SaveState::Saved | SaveState::Pending if !app.data_dirty() => ("● saved".into(), false),
        SaveState::Saved | SaveState::Pending => ("○ unsaved".into(), false),
        SaveState::Saving => ("◌ saving".into(), false),
        SaveState::Failed(_) => ("✗ SAVE FAILED".into(), true),
        SaveState::Conflict => ("✗ FILE CHANGED ON DISK".into(), true),
    }
}

fn draw_title(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let e = &app.doc.ws.engagement;
    let file = app
        .file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut left = vec![
        Span::styled(
            format!(" {}", e.client),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {file}  today {}", app.doc.today), t.dim()),
    ];
    if let Some(holder) = &app.file.read_only {
        left.insert(
            0,
            Span::styled(" READ-ONLY ", t.warn().add_modifier(Modifier::REVERSED)),
        );
        left.push(Span::styled(format!("  open in {holder}"), t.warn()));
    }
    if app.settings.redact {
        left.push(Span::styled("  REDACTED", t.warn()));
    }
    if !app.doc.ws.conflicts.is_empty() {
        left.push(Span::styled(
            format!(
                "  ≠ {} from a merge (C)",
                crate::domain::text::count(app.doc.ws.conflicts.len(), "conflict", "conflicts")
            ),
            t.warn().add_modifier(Modifier::BOLD),
        ));
    }
    let (label, bad) = save_label(app);
    let right = Span::styled(format!("{label} "), if bad { t.warn() } else { t.accent() });
    let rw = right.width() as u16;
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(rw)]).areas(area);
    f.render_widget(Paragraph::new(Line::from(left)), l);
    f.render_widget(Paragraph::new(Line::from(right)), r);
}

fn draw_message(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let text = app.message.clone().unwrap_or_default();
    let style = if matches!(app.doc.save_state, SaveState::Failed(_)) {
        t.warn()
    } else {
        t.accent()
    };
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {text}"), style)),
        area,
    );
}

/// The status line: the keys that matter here, read from the key table.
/// The status line's key hints for `width` columns: the redaction state first, `? help` and
/// `q quit` always last, as many of the context's hints between them as fit.
pub fn hint_line(app: &App, width: usize) -> String {
    // A modal screen's keys come from its rows of the key table.
    let modal = match &app.mode {
        Mode::Editor(_) => Some(Context::Editor),
        Mode::Prompt(_) => Some(Context::Prompt),
        Mode::Search(_) => Some(Context::Search),
        Mode::Help { .. } => Some(Context::Help),
        Mode::Library { .. } => Some(Context::Library),
        Mode::Export { .. } => Some(Context::Export),
        Mode::MergeConflicts { .. } => Some(Context::MergeConflicts),
        Mode::Form(_) | Mode::RiskForm(_) => Some(Context::Form),
        Mode::ConfirmDelete(_) => Some(Context::ConfirmDelete),
        Mode::Evidence { .. } => Some(Context::EvidenceList),
        Mode::Matrix { .. } => Some(Context::Matrix),
        Mode::Normal | Mode::ConfirmQuit | Mode::Conflict => None,
    };
    if let Some(ctx) = modal {
        // Tab completes in the owner prompt only.
        let owner = matches!(&app.mode, Mode::Prompt(p) if p.kind == PromptKind::Owner);
        return format!(
            " {}",
            keymap::bar(ctx, |b| owner || b.action != Action::Complete)
        );
    }
    let contexts = app.contexts();
    let mut parts = Vec::new();
    for ctx in &contexts {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            if let Some(h) = b.bar
                && !matches!(b.action, Action::Help | Action::Quit)
            {
                parts.push(h.to_string());
            }
        }
    }
    if matches!(app.tab, Tab::Audit(_)) {
        parts.insert(0, "1-6 tabs".into());
    }
    // Redaction is always stated, so nobody sharing a screen forgets which way it is.
    let redaction = if app.settings.redact {
        "R: notes REDACTED"
    } else {
        "R redact"
    };
    let tail = " · ? help · q quit";
    let mut line = format!(" {redaction}");
    for p in parts {
        if crate::domain::text::width(&line) + 3 + crate::domain::text::width(&p) + tail.len()
            > width
        {
            break;
        }
        line.push_str(" · ");
        line.push_str(&p);
    }
    line.push_str(tail);
    line
}

fn draw_hints(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let line = hint_line(app, usize::from(area.width));
    f.render_widget(Paragraph::new(Span::styled(line, t.dim())), area);
}

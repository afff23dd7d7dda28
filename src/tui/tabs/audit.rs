//! The audit tabs (Privacy, Administrative, NIST, Risk): their state, their keys and their
//! drawing. `AuditScreen` owns each area's cursor; `handle` takes the tab's keys (answers,
//! notes, focus) with a `Cx` and `draw` reads a `View`: nothing here reaches the app.
//!
//! The question card on the right (answer, gap, evidence, guidance, suggested remediation)
//! is `widgets/question_card.rs`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use crate::domain::catalog::{Area, Catalog, Section};
use crate::domain::text::truncate_clean as truncate;
use crate::domain::workspace::AnswerStatus;
use crate::tui::cx::{Cx, View};
use crate::tui::doc::Doc;
use crate::tui::keymap::Action;
use crate::tui::msg::Effect;
use crate::tui::state::{AREAS, AreaView, EditTarget, Focus, Prompt, PromptKind, area_index};
use crate::tui::widgets::question_card;

/// What the pane under the section list shows: a section's questions, or the register
/// (Risk tab) or business associates (Administrative tab) listed after the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Section(usize),
    Inventory,
    Register,
    Vendors,
}

/// The audit tabs' own state: each area's cursor and the sections it walks.
pub struct AuditScreen {
    pub views: [AreaView; 4],
    pub sections: [Vec<Section>; 4],
    /// The scoped bank the sections were read from.
    pub catalog: &'static Catalog,
}

impl AuditScreen {
    pub fn new(catalog: &'static Catalog) -> AuditScreen {
        AuditScreen {
            catalog,
            views: [AreaView::default(); 4],
            sections: AREAS.map(|a| catalog.sections(a)),
        }
    }

    pub fn view(&self, area: Area) -> AreaView {
        self.views[area_index(area)]
    }

    pub fn view_mut(&mut self, area: Area) -> &mut AreaView {
        &mut self.views[area_index(area)]
    }

    pub fn sections_of(&self, area: Area) -> &[Section] {
        &self.sections[area_index(area)]
    }

    /// The rows of the section list after the sections: the inventory and the register
    /// (Risk), the vendors (Administrative).
    pub fn extra_panes(area: Area) -> &'static [Pane] {
        match area {
            Area::Risk => &[Pane::Inventory, Pane::Register],
            Area::Administrative => &[Pane::Vendors],
            _ => &[],
        }
    }

    /// The pane the section list's cursor opens.
    pub fn pane(&self, area: Area) -> Pane {
        let v = self.view(area);
        let n = self.sections_of(area).len();
        let extra = Self::extra_panes(area);
        match v.section.checked_sub(n) {
            Some(i) if !extra.is_empty() => extra[i.min(extra.len() - 1)],
            _ => Pane::Section(v.section.min(n.saturating_sub(1))),
        }
    }

    /// Puts the section list's cursor on a pane.
    pub fn open_pane(&mut self, area: Area, pane: Pane) {
        let n = self.sections_of(area).len();
        let v = self.view_mut(area);
        v.section = match pane {
            Pane::Section(i) => i,
            p => {
                n + Self::extra_panes(area)
                    .iter()
                    .position(|x| *x == p)
                    .unwrap_or(0)
            }
        };
    }

    /// The selected question of an area.
    pub fn current_question(&self, area: Area) -> Option<usize> {
        let v = self.view(area);
        self.sections_of(area)
            .get(v.section)
            .and_then(|s| s.questions.get(v.row))
            .copied()
    }

    pub fn set_focus(&mut self, area: Area, f: Focus) {
        self.view_mut(area).focus = f;
    }

    /// Moves the cursor of the focused pane by `delta` rows, clamped; a register or vendor
    /// pane's rows belong to that screen (the app moves them).
    pub fn move_by(&mut self, area: Area, delta: isize) {
        let i = area_index(area);
        let v = self.views[i];
        let secs = &self.sections[i];
        let extra = Self::extra_panes(area).len();
        let mut v2 = v;
        match v.focus {
            Focus::Sections => {
                v2.section = clamp_move(v.section, secs.len() + extra, delta);
                if v2.section != v.section {
                    v2.row = 0;
                }
            }
            Focus::Questions => {
                let len = secs.get(v.section).map_or(0, |s| s.questions.len());
                v2.row = clamp_move(v.row, len, delta);
            }
        }
        self.views[i] = v2;
    }

    /// After an answer: the next question, on into the next section at a section's end.
    fn advance(&mut self, area: Area) {
        let i = area_index(area);
        let secs = &self.sections[i];
        let v = &mut self.views[i];
        let len = secs.get(v.section).map_or(0, |s| s.questions.len());
        if v.row + 1 < len {
            v.row += 1;
        } else if v.section + 1 < secs.len() {
            v.section += 1;
            v.row = 0;
        }
    }

    /// Puts its tab's cursor on a question (section, row, the questions pane); returns its
    /// area.
    pub fn cursor_to(&mut self, catalog: &Catalog, qi: usize) -> Area {
        let a = catalog.questions[qi].area();
        let i = area_index(a);
        for (si, s) in self.sections[i].iter().enumerate() {
            if let Some(row) = s.questions.iter().position(|&x| x == qi) {
                self.views[i] = AreaView {
                    section: si,
                    row,
                    focus: Focus::Questions,
                };
            }
        }
        a
    }

    /// The audit tab's own keys: focus, answers, the note editors.
    pub fn handle(&mut self, area: Area, action: Action, cx: &mut Cx) -> Vec<Effect> {
        match action {
            Action::FocusSections => self.set_focus(area, Focus::Sections),
            Action::FocusQuestions => self.set_focus(area, Focus::Questions),
            Action::Answer(status) => self.answer(area, status, cx),
            Action::EditNote => {
                if self.view(area).focus == Focus::Sections {
                    self.set_focus(area, Focus::Questions);
                    return vec![];
                }
                if let Some(q) = self.current_question(area) {
                    let id = cx.doc.catalog.questions[q].id.clone();
                    let text = cx.doc.ws.note(&id).to_string();
                    cx.open_editor(EditTarget::Note(id), &text);
                }
            }
            Action::EditNoteExternal => {
                if cx.file.encrypted {
                    cx.set_message("the workspace is encrypted: an outside editor would need a plain-text file; use e");
                    return vec![];
                }
                if cx.settings.redact {
                    cx.set_message("redaction is on: R shows notes before editing them");
                    return vec![];
                }
                if let Some(q) = self.current_question(area) {
                    let id = cx.doc.catalog.questions[q].id.clone();
                    let text = cx.doc.ws.note(&id).to_string();
                    return vec![Effect::ExternalEditor { id, text }];
                }
            }
            _ => {}
        }
        vec![]
    }

    /// One answer key: the answer recorded through the domain, the cursor on to the next
    /// question; N/A asks why.
    fn answer(&mut self, area: Area, status: AnswerStatus, cx: &mut Cx) {
        let Some(q) = self.current_question(area) else {
            return;
        };
        // On the Sections pane no question is in sight: never answer one silently.
        if self.view(area).focus == Focus::Sections {
            if status == AnswerStatus::NotApplicable {
                self.ask_section_na(area, cx);
            } else {
                self.set_focus(area, Focus::Questions);
                let id = &cx.doc.catalog.questions[q].id;
                *cx.message = Some(format!(
                    "to the questions: {id} is under the cursor; answer keys work here"
                ));
            }
            return;
        }
        let id = cx.doc.catalog.questions[q].id.clone();
        let actor = cx.actor();
        if cx.doc.ws.set_answer(&id, status, &actor) {
            cx.doc.changed_id(&id);
        }
        let gap = if status.is_gap() {
            " — a gap now (k goes back to it: o owner, d due)"
        } else {
            ""
        };
        cx.set_message(format!("{id}: {}{gap}", status.label()));
        self.advance(area);
        if status == AnswerStatus::NotApplicable {
            let last = last_reason(cx.doc, q);
            let current = cx.doc.ws.reason(&id).to_string();
            let input = if current.is_empty() { last } else { current };
            cx.open_prompt(PromptKind::NaReason, id, input);
        }
    }

    /// `x` on the Sections pane: N/A for every unanswered question of the section, after
    /// the reason is given (the prompt names how many; Esc cancels).
    fn ask_section_na(&self, area: Area, cx: &mut Cx) {
        let Some(s) = self.sections_of(area).get(self.view(area).section) else {
            return;
        };
        let ids: Vec<String> = s
            .questions
            .iter()
            .map(|&q| cx.doc.catalog.questions[q].id.clone())
            .filter(|id| cx.doc.ws.status(id) == AnswerStatus::Unanswered)
            .collect();
        if ids.is_empty() {
            cx.set_message(format!("{}: every question is answered", s.name));
            return;
        }
        let section = s.name.clone();
        let last = s
            .questions
            .first()
            .map(|&q| last_reason(cx.doc, q))
            .unwrap_or_default();
        cx.open_prompt(
            PromptKind::SectionNa { section, ids },
            "section".into(),
            last,
        );
    }

    /// `]` / `[`: the next (previous) unanswered question in bank order after `here`,
    /// across sections and tabs, wrapping; from the start when no question is selected.
    /// The cursor moves there; returns the area to show.
    pub fn jump_unanswered(
        &mut self,
        here: Option<usize>,
        forward: bool,
        cx: &mut Cx,
    ) -> Option<Area> {
        let catalog = cx.doc.catalog;
        let n = catalog.questions.len();
        if n == 0 {
            return None;
        }
        let start = match (here, forward) {
            (Some(q), _) => q,
            (None, true) => n - 1,
            (None, false) => 0,
        };
        let found = (1..=n)
            .map(|k| {
                if forward {
                    (start + k) % n
                } else {
                    (start + n - k) % n
                }
            })
            .find(|&q| left_to_do(cx.doc, &catalog.questions[q].id));
        match found {
            Some(q) if Some(q) == here => {
                cx.set_message("this is the only unanswered question left");
                None
            }
            Some(q) => {
                let wrapped = here.is_some_and(|h| (q < h) == forward);
                let area = self.cursor_to(catalog, q);
                let left = catalog
                    .questions
                    .iter()
                    .filter(|x| left_to_do(cx.doc, &x.id))
                    .count();
                let id = &catalog.questions[q].id;
                let what = if cx.doc.ws.to_reverify(id) {
                    "carried, to re-verify"
                } else {
                    "unanswered"
                };
                cx.set_message(format!(
                    "{id} ({what}): {left} left to answer or re-verify{}",
                    if wrapped { " (wrapped around)" } else { "" }
                ));
                Some(area)
            }
            None => {
                cx.set_message("every question is answered");
                None
            }
        }
    }
}

/// A cursor moved by `delta` within `len` rows.
fn clamp_move(cur: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    (cur as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

/// The N/A prompts' Enter: the reason recorded, or N/A for a whole section.
pub fn accept_na_prompt(p: &Prompt, cx: &mut Cx) -> Result<Option<Prompt>, String> {
    let v = p.input.text().trim();
    let actor = cx.actor();
    match &p.kind {
        PromptKind::NaReason => {
            if cx.doc.ws.set_reason(&p.id, v, &actor) {
                cx.doc.changed_id(&p.id);
            }
            cx.set_message(if v.is_empty() {
                format!("{}: N/A, no reason recorded", p.id)
            } else {
                format!("{}: N/A because {v}", p.id)
            });
        }
        PromptKind::SectionNa { section, ids } => {
            if v.is_empty() {
                return Err("give the reason they do not apply (Esc cancels)".into());
            }
            for id in ids {
                if cx
                    .doc
                    .ws
                    .set_answer(id, AnswerStatus::NotApplicable, &actor)
                {
                    cx.doc.ws.set_reason(id, v, &actor);
                    cx.doc.changed_id(id);
                }
            }
            cx.set_message(format!(
                "{section}: {} question{} N/A because {v}",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            ));
        }
        _ => {}
    }
    Ok(None)
}

/// The reason of the section's most recent N/A answer, to repeat with one key.
pub fn last_reason(doc: &Doc, qi: usize) -> String {
    let section = &doc.catalog.questions[qi].section;
    doc.catalog
        .questions
        .iter()
        .filter(|q| &q.section == section)
        .filter_map(|q| doc.ws.answers.get(&q.id))
        .filter(|a| a.status == AnswerStatus::NotApplicable && !a.reason.is_empty())
        .max_by_key(|a| a.at)
        .map(|a| a.reason.clone())
        .unwrap_or_default()
}

/// Unanswered, or carried from the last assessment and not re-verified yet.
pub fn left_to_do(doc: &Doc, id: &str) -> bool {
    doc.ws.status(id) == AnswerStatus::Unanswered || doc.ws.to_reverify(id)
}

/// Answered and total questions of one section.
pub fn section_progress(doc: &Doc, s: &Section) -> (usize, usize) {
    let answered = s
        .questions
        .iter()
        .filter(|&&i| doc.ws.status(&doc.catalog.questions[i].id) != AnswerStatus::Unanswered)
        .count();
    (answered, s.questions.len())
}

/// Where the register or vendor list goes when the section list's cursor opens it: the
/// list's rect, the detail's rect, and the list border's style.
pub struct ExtraPane {
    pub pane: Pane,
    pub list: Rect,
    pub detail: Rect,
    pub border: Style,
}

impl AuditScreen {
    /// Draws an audit tab: the sections, the open section's questions and the selected
    /// question. When the register or vendors are open, their rects are returned for that
    /// screen to draw.
    pub fn draw(&self, f: &mut Frame, v: &View, area: Area, body: Rect) -> Option<ExtraPane> {
        draw_audit(self, f, v, area, body)
    }
}

fn draw_audit(
    screen: &AuditScreen,
    f: &mut Frame,
    vw: &View,
    area: Area,
    body: Rect,
) -> Option<ExtraPane> {
    let t = vw.theme;
    let secs = screen.sections_of(area);
    let view = screen.view(area);
    let left_w = (body.width * 2 / 5)
        .max(30)
        .min(body.width.saturating_sub(24));
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(body);
    let extra = AuditScreen::extra_panes(area);
    let sec_h = (secs.len() as u16 + 2 + extra.len() as u16)
        .min(left.height / 2)
        .max(3);
    let [sec_area, q_area] =
        Layout::vertical([Constraint::Length(sec_h), Constraint::Min(3)]).areas(left);

    let focus_style = |f: Focus| {
        if view.focus == f {
            t.accent().add_modifier(Modifier::BOLD)
        } else {
            t.dim()
        }
    };
    let inner_w = usize::from(sec_area.width.saturating_sub(4));
    let items: Vec<ListItem> = secs
        .iter()
        .map(|s| {
            let (a, n) = section_progress(vw.doc, s);
            let count = format!("{a}/{n}");
            let name_w = inner_w.saturating_sub(count.len() + 1);
            let mark = if a == n { "✓" } else { " " };
            ListItem::new(format!(
                "{mark}{:<name_w$} {count}",
                truncate(&s.name, name_w.saturating_sub(1))
            ))
        })
        .chain(extra.iter().map(|pane| {
            let (name, count) = match pane {
                Pane::Inventory => (
                    "ePHI inventory",
                    crate::domain::text::count(vw.doc.ws.assets.len(), "asset", "assets"),
                ),
                Pane::Register => (
                    "Risk register",
                    crate::domain::text::count(vw.doc.ws.risks.len(), "risk", "risks"),
                ),
                _ => (
                    "Vendors and BAAs",
                    crate::domain::text::count(vw.doc.ws.vendors.len(), "vendor", "vendors"),
                ),
            };
            let name_w = inner_w.saturating_sub(count.len() + 1);
            ListItem::new(Span::styled(
                format!("▦{name:<name_w$} {count}"),
                t.accent(),
            ))
        }))
        .collect();
    let mut st = ListState::default().with_selected(Some(view.section));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(" Sections ")
                    .border_style(focus_style(Focus::Sections)),
            )
            .highlight_style(if view.focus == Focus::Sections {
                t.selected()
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            }),
        sec_area,
        &mut st,
    );

    if let pane @ (Pane::Inventory | Pane::Register | Pane::Vendors) = screen.pane(area) {
        return Some(ExtraPane {
            pane,
            list: q_area,
            detail: right,
            border: focus_style(Focus::Questions),
        });
    }
    let section = secs.get(view.section);
    let q_w = usize::from(q_area.width.saturating_sub(2));
    let items: Vec<ListItem> = section
        .map(|s| s.questions.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|&qi| {
            let q = &vw.doc.catalog.questions[qi];
            let st = vw.doc.ws.status(&q.id);
            // The second column: ↻ carried and still to re-verify, else ✎ a note.
            let (second, style) = if vw.doc.ws.conflicts.iter().any(|c| c.id == q.id) {
                ("≠", t.warn())
            } else if vw.doc.ws.to_reverify(&q.id) {
                ("↻", t.carried())
            } else if vw.doc.ws.note(&q.id).is_empty() {
                (" ", Style::default())
            } else {
                ("✎", Style::default())
            };
            let text = format!(" {} {}", q.id, q.prompt);
            ListItem::new(Line::from(vec![
                Span::styled(st.mark(), t.answer(st)),
                Span::raw(" "),
                Span::styled(second, style),
                Span::raw(truncate(&text, q_w.saturating_sub(3))),
            ]))
        })
        .collect();
    let title = section.map(|s| format!(" {} ", s.name)).unwrap_or_default();
    let mut st = ListState::default().with_selected(Some(view.row));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(title)
                    .border_style(focus_style(Focus::Questions)),
            )
            .highlight_style(if view.focus == Focus::Questions {
                t.selected()
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            }),
        q_area,
        &mut st,
    );

    if let Some(qi) = screen.current_question(area) {
        question_card::draw_question(f, vw, &vw.doc.catalog.questions[qi], right);
    }
    None
}

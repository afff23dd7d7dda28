//! The audit tabs (Privacy, Administrative, NIST, Risk): sections and questions, moving, answering, and drawing them.

use crate::tui::overlays::evidence::item_line;
use crate::tui::prelude::*;
use crate::tui::tabs::register::draw_register;
use crate::tui::tabs::vendors::draw_vendors;
use crate::tui::widgets::gap_card::{answer_span, gap_lines};

/// The audit tabs' own state: each area's cursor and the sections it walks.
pub struct AuditScreen {
    pub views: [AreaView; 4],
    pub sections: [Vec<Section>; 4],
}

impl AuditScreen {
    pub fn new(catalog: &crate::domain::catalog::Catalog) -> AuditScreen {
        AuditScreen {
            views: [AreaView::default(); 4],
            sections: AREAS.map(|a| catalog.sections(a)),
        }
    }
}

impl App {
    pub(crate) fn view_mut(&mut self) -> Option<&mut AreaView> {
        match self.tab {
            Tab::Audit(a) => Some(&mut self.audit.views[area_index(a)]),
            _ => None,
        }
    }

    pub fn view(&self, area: Area) -> AreaView {
        self.audit.views[area_index(area)]
    }

    pub fn sections_of(&self, area: Area) -> &[Section] {
        &self.audit.sections[area_index(area)]
    }

    pub(crate) fn set_focus(&mut self, f: Focus) {
        if let Some(v) = self.view_mut() {
            v.focus = f;
        }
    }

    pub(crate) fn move_by(&mut self, delta: isize) {
        let clampi = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.tab {
            Tab::Audit(a) => {
                let i = area_index(a);
                let v = self.audit.views[i];
                let secs = &self.audit.sections[i];
                let mut v2 = v;
                // The Risk tab ends with the register, the Administrative tab with the vendors.
                let register = usize::from(a == Area::Risk || a == Area::Administrative);
                match v.focus {
                    Focus::Sections => {
                        v2.section = clampi(v.section, secs.len() + register);
                        if v2.section != v.section {
                            v2.row = 0;
                        }
                    }
                    Focus::Questions if v.section >= secs.len() && a == Area::Risk => {
                        self.register.row = clampi(self.register.row, self.doc.ws.risks.len());
                    }
                    Focus::Questions if v.section >= secs.len() => {
                        self.vendors.row = clampi(self.vendors.row, self.doc.ws.vendors.len());
                    }
                    Focus::Questions => {
                        let len = secs.get(v.section).map_or(0, |s| s.questions.len());
                        v2.row = clampi(v.row, len);
                    }
                }
                self.audit.views[i] = v2;
            }
            Tab::Gaps => {
                let len = self.doc.board_rows().len();
                self.board.row = clampi(self.board.row.min(len.saturating_sub(1)), len);
            }
            Tab::Dashboard => {}
        }
    }

    /// After an answer: the next question, on into the next section at a section's end.
    pub(crate) fn advance(&mut self) {
        let Tab::Audit(a) = self.tab else { return };
        let i = area_index(a);
        let secs = &self.audit.sections[i];
        let v = &mut self.audit.views[i];
        let len = secs.get(v.section).map_or(0, |s| s.questions.len());
        if v.row + 1 < len {
            v.row += 1;
        } else if v.section + 1 < secs.len() {
            v.section += 1;
            v.row = 0;
        }
    }

    pub(crate) fn answer(&mut self, status: AnswerStatus) {
        let Some(q) = self.current_question() else {
            return;
        };
        // On the Sections pane no question is in sight: never answer one silently.
        if let Some(v) = self.view_mut()
            && v.focus == Focus::Sections
        {
            if status == AnswerStatus::NotApplicable {
                self.ask_section_na();
            } else {
                v.focus = Focus::Questions;
                let id = &self.doc.catalog.questions[q].id;
                self.set_message(format!(
                    "to the questions: {id} is under the cursor; answer keys work here"
                ));
            }
            return;
        }
        let id = self.doc.catalog.questions[q].id.clone();
        let actor = self.actor();
        if self.doc.ws.set_answer(&id, status, &actor) {
            self.doc.changed_id(&id);
        }
        let gap = if status.is_gap() {
            " — a gap now (k goes back to it: o owner, d due)"
        } else {
            ""
        };
        self.set_message(format!("{id}: {}{gap}", status.label()));
        self.advance();
        if status == AnswerStatus::NotApplicable {
            let last = self.last_reason(q);
            let current = self.doc.ws.reason(&id).to_string();
            let input = if current.is_empty() { last } else { current };
            self.open_prompt(PromptKind::NaReason, id, input);
        }
    }

    /// The reason of the section's most recent N/A answer, to repeat with one key.
    pub(crate) fn last_reason(&self, qi: usize) -> String {
        let section = &self.doc.catalog.questions[qi].section;
        self.doc
            .catalog
            .questions
            .iter()
            .filter(|q| &q.section == section)
            .filter_map(|q| self.doc.ws.answers.get(&q.id))
            .filter(|a| a.status == AnswerStatus::NotApplicable && !a.reason.is_empty())
            .max_by_key(|a| a.at)
            .map(|a| a.reason.clone())
            .unwrap_or_default()
    }

    /// `x` on the Sections pane: N/A for every unanswered question of the section, after
    /// the reason is given (the prompt names how many; Esc cancels).
    fn ask_section_na(&mut self) {
        let Tab::Audit(a) = self.tab else { return };
        let i = area_index(a);
        let Some(s) = self.audit.sections[i].get(self.audit.views[i].section) else {
            return;
        };
        let ids: Vec<String> = s
            .questions
            .iter()
            .map(|&q| self.doc.catalog.questions[q].id.clone())
            .filter(|id| self.doc.ws.status(id) == AnswerStatus::Unanswered)
            .collect();
        if ids.is_empty() {
            self.set_message(format!("{}: every question is answered", s.name));
            return;
        }
        let section = s.name.clone();
        let last = s
            .questions
            .first()
            .map(|&q| self.last_reason(q))
            .unwrap_or_default();
        self.open_prompt(
            PromptKind::SectionNa { section, ids },
            "section".into(),
            last,
        );
    }

    pub(crate) fn accept_na_prompt(&mut self, p: &Prompt) -> Result<Option<Prompt>, String> {
        let v = p.input.text().trim();
        let actor = self.actor();
        match &p.kind {
            PromptKind::NaReason => {
                if self.doc.ws.set_reason(&p.id, v, &actor) {
                    self.doc.changed_id(&p.id);
                }
                self.set_message(if v.is_empty() {
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
                    if self
                        .doc
                        .ws
                        .set_answer(id, AnswerStatus::NotApplicable, &actor)
                    {
                        self.doc.ws.set_reason(id, v, &actor);
                        self.doc.changed_id(id);
                    }
                }
                self.set_message(format!(
                    "{section}: {} question{} N/A because {v}",
                    ids.len(),
                    if ids.len() == 1 { "" } else { "s" }
                ));
            }
            _ => {}
        }
        Ok(None)
    }

    /// `]` / `[`: the next (previous) unanswered question in bank order, across sections
    /// and tabs, wrapping; from the dashboard or the board, from the start.
    pub(crate) fn jump_unanswered(&mut self, forward: bool) {
        let n = self.doc.catalog.questions.len();
        if n == 0 {
            return;
        }
        let here = self.current_question();
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
            .find(|&q| self.left_to_do(&self.doc.catalog.questions[q].id));
        match found {
            Some(q) if Some(q) == here => {
                self.set_message("this is the only unanswered question left");
            }
            Some(q) => {
                let wrapped = here.is_some_and(|h| (q < h) == forward);
                self.jump_to(q);
                let left = self
                    .doc
                    .catalog
                    .questions
                    .iter()
                    .filter(|x| self.left_to_do(&x.id))
                    .count();
                let id = &self.doc.catalog.questions[q].id;
                let what = if self.doc.ws.to_reverify(id) {
                    "carried, to re-verify"
                } else {
                    "unanswered"
                };
                self.set_message(format!(
                    "{id} ({what}): {left} left to answer or re-verify{}",
                    if wrapped { " (wrapped around)" } else { "" }
                ));
            }
            None => self.set_message("every question is answered"),
        }
    }

    /// Unanswered, or carried from the last assessment and not re-verified yet.
    pub(crate) fn left_to_do(&self, id: &str) -> bool {
        self.doc.ws.status(id) == AnswerStatus::Unanswered || self.doc.ws.to_reverify(id)
    }

    /// Puts its tab's cursor on a question (section, row, the questions pane); returns its
    /// area.
    pub(crate) fn cursor_to(&mut self, qi: usize) -> Area {
        let a = self.doc.catalog.questions[qi].area();
        let i = area_index(a);
        for (si, s) in self.audit.sections[i].iter().enumerate() {
            if let Some(row) = s.questions.iter().position(|&x| x == qi) {
                self.audit.views[i] = AreaView {
                    section: si,
                    row,
                    focus: Focus::Questions,
                };
            }
        }
        a
    }

    /// Moves the cursor to a question, switching tab and section.
    pub fn jump_to(&mut self, qi: usize) {
        self.tab = Tab::Audit(self.cursor_to(qi));
        let q = &self.doc.catalog.questions[qi];
        self.set_message(format!("{}: {}", q.id, q.section));
    }

    /// Answered and total questions of one section.
    pub fn section_progress(&self, s: &Section) -> (usize, usize) {
        let answered = s
            .questions
            .iter()
            .filter(|&&i| {
                self.doc.ws.status(&self.doc.catalog.questions[i].id) != AnswerStatus::Unanswered
            })
            .count();
        (answered, s.questions.len())
    }

    /// The selected question of the current audit tab.
    pub fn current_question(&self) -> Option<usize> {
        let Tab::Audit(area) = self.tab else {
            return None;
        };
        let v = self.audit.views[area_index(area)];
        let secs = &self.audit.sections[area_index(area)];
        secs.get(v.section)
            .and_then(|s| s.questions.get(v.row))
            .copied()
    }
}

pub(crate) fn draw_audit(f: &mut Frame, app: &App, t: &Theme, area: Area, body: Rect) {
    let secs = app.sections_of(area);
    let view = app.view(area);
    let left_w = (body.width * 2 / 5)
        .max(30)
        .min(body.width.saturating_sub(24));
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(body);
    let register = area == Area::Risk || area == Area::Administrative;
    let sec_h = (secs.len() as u16 + 2 + u16::from(register))
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
            let (a, n) = app.section_progress(s);
            let count = format!("{a}/{n}");
            let name_w = inner_w.saturating_sub(count.len() + 1);
            let mark = if a == n { "✓" } else { " " };
            ListItem::new(format!(
                "{mark}{:<name_w$} {count}",
                truncate(&s.name, name_w.saturating_sub(1))
            ))
        })
        .chain(register.then(|| {
            let (name, count) = if area == Area::Risk {
                (
                    "Risk register",
                    crate::domain::text::count(app.doc.ws.risks.len(), "risk", "risks"),
                )
            } else {
                (
                    "Vendors and BAAs",
                    crate::domain::text::count(app.doc.ws.vendors.len(), "vendor", "vendors"),
                )
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

    if app.register_open() {
        draw_register(f, app, t, q_area, right, focus_style(Focus::Questions));
        return;
    }
    if app.vendors_open() {
        draw_vendors(f, app, t, q_area, right, focus_style(Focus::Questions));
        return;
    }
    let section = secs.get(view.section);
    let q_w = usize::from(q_area.width.saturating_sub(2));
    let items: Vec<ListItem> = section
        .map(|s| s.questions.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|&qi| {
            let q = &app.doc.catalog.questions[qi];
            let st = app.doc.ws.status(&q.id);
            // The second column: ↻ carried and still to re-verify, else ✎ a note.
            let (second, style) = if app.conflict_on(&q.id).is_some() {
                ("≠", t.warn())
            } else if app.doc.ws.to_reverify(&q.id) {
                ("↻", t.carried())
            } else if app.doc.ws.note(&q.id).is_empty() {
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

    if let Some(qi) = app.current_question() {
        draw_question(f, app, t, &app.doc.catalog.questions[qi], right);
    }
}

pub(crate) fn draw_question(f: &mut Frame, app: &App, t: &Theme, q: &Question, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let head = |s: &str| {
        Line::from(Span::styled(
            s.to_string(),
            t.accent().add_modifier(Modifier::BOLD),
        ))
    };
    let mut lines: Vec<Line> = vec![
        Line::from(Span::styled(q.prompt.clone(), bold)),
        Line::from(vec![
            Span::styled(format!("{} · {} · ", q.id, q.kind.label()), t.dim()),
            Span::styled(q.references.join(", "), t.accent()),
        ]),
        Line::default(),
    ];
    let answer = app.doc.ws.answers.get(&q.id);
    let status = answer.map(|a| a.status).unwrap_or_default();
    let mut aline = vec![Span::styled("Answer: ", bold), answer_span(t, status)];
    if let Some(a) = answer.filter(|a| a.status != AnswerStatus::Unanswered) {
        let when =
            a.at.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
        aline.push(Span::styled(format!("  by {} {when}", a.by), t.dim()));
    }
    lines.push(Line::from(aline));
    for c in app.doc.ws.conflicts.iter().filter(|c| c.id == q.id) {
        lines.push(Line::from(Span::styled(
            format!(
                "≠ Merge conflict on the {}: ours stands until resolved (C)",
                c.field
            ),
            t.warn().add_modifier(Modifier::BOLD),
        )));
    }
    if app.doc.ws.to_reverify(&q.id) {
        lines.push(Line::from(Span::styled(
            "↻ Carried from the last assessment: to re-verify (any answer key confirms or changes it)",
            t.carried().add_modifier(Modifier::BOLD),
        )));
    } else if let Some(was) = answer.and_then(|a| a.previous).filter(|w| *w != status) {
        lines.push(Line::from(Span::styled(
            format!("Last assessment: {}", was.label()),
            t.dim(),
        )));
    }
    if status == AnswerStatus::NotApplicable && !app.doc.ws.reason(&q.id).is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Why not applicable: ", bold),
            Span::raw(app.doc.ws.reason(&q.id).to_string()),
        ]));
    }
    if status.is_gap() {
        let g = gaps::derive_one(app.doc.catalog, &app.doc.ws, &q.id);
        if let Some(g) = g {
            lines.extend(gap_lines(app, t, &g));
        }
    }
    lines.push(Line::default());
    lines.push(head("Evidence note"));
    let note = app.doc.ws.note(&q.id);
    if note.is_empty() {
        lines.push(Line::from(Span::styled(
            "(none: e writes one here, E in your editor)",
            t.dim(),
        )));
    } else if app.settings.redact {
        lines.push(Line::from(Span::styled(REDACTED, t.dim())));
    } else {
        lines.extend(note.lines().map(|l| Line::from(l.to_string())));
    }
    if let Some(a) = answer.filter(|a| !a.evidence.is_empty()) {
        lines.push(Line::default());
        lines.push(head("Evidence"));
        if app.settings.redact {
            lines.push(Line::from(Span::styled(
                format!("{} items [redacted]", a.evidence.len()),
                t.dim(),
            )));
        }
        for e in a.evidence.iter().filter(|_| !app.settings.redact) {
            lines.push(Line::from(item_line(
                e,
                app.doc.today,
                app.doc.renewal_window,
            )));
        }
    }
    lines.push(Line::default());
    lines.push(head("Guidance"));
    lines.push(Line::from(q.guidance.clone()));
    lines.push(Line::default());
    lines.push(head("Suggested remediation"));
    lines.push(Line::from(q.remediation.clone()));
    let title = if app.detail_scroll > 0 {
        format!(" {} · scrolled (K up) ", q.section)
    } else {
        format!(" {} · J/K scroll ", q.section)
    };
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0))
            .block(Block::bordered().title(title)),
        area,
    );
}

impl App {
    /// The audit tabs' own actions: the note editors and evidence.
    pub(crate) fn act_audit(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::EditNote => {
                if let Some(v) = self.view_mut()
                    && v.focus == Focus::Sections
                {
                    v.focus = Focus::Questions;
                    return vec![];
                }
                if let Some(q) = self.current_question() {
                    let id = self.doc.catalog.questions[q].id.clone();
                    let text = self.doc.ws.note(&id).to_string();
                    self.open_editor(EditTarget::Note(id), &text);
                }
            }
            Action::EditNoteExternal => {
                if self.file.encrypted {
                    self.set_message("the workspace is encrypted: an outside editor would need a plain-text file; use e");
                    return vec![];
                }
                if self.settings.redact {
                    self.set_message("redaction is on: R shows notes before editing them");
                    return vec![];
                }
                if let Some(q) = self.current_question() {
                    let id = self.doc.catalog.questions[q].id.clone();
                    let text = self.doc.ws.note(&id).to_string();
                    return vec![Effect::ExternalEditor { id, text }];
                }
            }
            _ => {}
        }
        vec![]
    }
}

//! The screen `hipaudit` opens with no argument: recent workspaces, a new one, or the demo.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub use super::picker_form::Choice;
use super::picker_form::{Form, Outcome, Places};
use super::ui::{MIN_HEIGHT, MIN_WIDTH};
use super::widgets::text_input::TextInput;

/// Where the picker keeps its list: `recent.ron` in the user's config folder.
pub fn recent_file(config_dir: &Path) -> PathBuf {
    config_dir.join("recent.ron")
}

/// Reads the recent list; a missing or unreadable list is an empty one (it is only a
/// convenience, never data).
pub fn load_recent(config_dir: &Path) -> Vec<PathBuf> {
    // The safe reader: a FIFO or a giant file in its place must not hang the start screen.
    crate::io::files::read_regular(&recent_file(config_dir))
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| ron::from_str::<Vec<PathBuf>>(&s).ok())
        .unwrap_or_default()
}

/// Puts `path` first in the recent list (at most 12 kept).
pub fn remember(config_dir: &Path, path: &Path) -> std::io::Result<()> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut list = load_recent(config_dir);
    list.retain(|p| p != &abs);
    list.insert(0, abs);
    list.truncate(12);
    std::fs::create_dir_all(config_dir)?;
    let text = ron::ser::to_string_pretty(&list, ron::ser::PrettyConfig::new()).unwrap_or_default();
    crate::io::store::write_atomic(
        &recent_file(config_dir),
        text.as_bytes(),
        crate::io::store::WriteMode::PLAIN,
    )
    .map(|_| ())
}

/// What a line of the start screen stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A portfolio row (index into `rows`).
    Row(usize),
    /// A recent file not in the portfolio (index into `recent`).
    Recent(usize),
    New,
    Demo,
}

/// What a line of the start screen is about, whatever its position.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Thing {
    File(PathBuf),
    New,
    Demo,
}

/// How the portfolio rows are ordered (`s` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowOrder {
    #[default]
    Overdue,
    NextDue,
    Client,
}

pub struct Picker {
    pub recent: Vec<PathBuf>,
    /// The portfolio: every workspace under the configured folders (or the current one).
    pub rows: Vec<crate::io::portfolio::Row>,
    /// Rows still loading: (loaded, total).
    pub loading: Option<(usize, usize)>,
    pub order: RowOrder,
    /// Typed with `/`: only rows whose client or file contains it.
    pub filter: TextInput,
    pub filtering: bool,
    pub selected: usize,
    pub form: Option<Form>,
    pub user: String,
    /// The home folder `~/` stands for.
    pub home: Option<PathBuf>,
    pub color: bool,
    /// Why the last choice could not be opened.
    pub message: Option<String>,
    /// `a`: earlier years shown under each client's current assessment (folded by default).
    pub all_years: bool,
    /// Where a new workspace named without a folder goes: the first configured folder.
    pub clients_dir: Option<PathBuf>,
    /// This year (`HIPAUDIT_TODAY`'s): names next year's file when one is carried forward.
    pub year: i32,
}

impl Picker {
    pub fn new(recent: Vec<PathBuf>, user: &str) -> Picker {
        Picker {
            recent,
            selected: 0,
            form: None,
            user: user.to_string(),
            rows: Vec::new(),
            loading: None,
            order: RowOrder::default(),
            filter: TextInput::default(),
            filtering: false,
            home: None,
            color: true,
            message: None,
            all_years: false,
            clients_dir: None,
            year: chrono::Datelike::year(&chrono::Local::now().date_naive()),
        }
    }

    /// Every line of the list: the portfolio rows (filtered, in order), recent files not
    /// among them, then "new" and "demo".
    pub fn entries(&self) -> Vec<Entry> {
        let f = self.filter.text().trim().to_lowercase();
        let keep = |client: &str, file: &Path| {
            f.is_empty()
                || client.to_lowercase().contains(&f)
                || file.display().to_string().to_lowercase().contains(&f)
        };
        // One row a client: earlier years are folded under the current assessment, shown
        // right under it with `a`, whatever the order.
        let mut rows: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].current.is_none())
            .filter(|&i| keep(&self.rows[i].client, &self.rows[i].file))
            .collect();
        match self.order {
            RowOrder::Overdue => {}
            RowOrder::NextDue => {
                rows.sort_by_key(|&i| (self.rows[i].next_due.is_none(), self.rows[i].next_due))
            }
            RowOrder::Client => rows.sort_by_key(|&i| self.rows[i].client.to_lowercase()),
        }
        if self.all_years {
            let shown = crate::io::portfolio::shown(&self.rows, true);
            rows = rows
                .into_iter()
                .flat_map(|i| {
                    let file = &self.rows[i].file;
                    std::iter::once(i).chain(
                        shown
                            .iter()
                            .copied()
                            .filter(move |&j| self.rows[j].current.as_ref() == Some(file)),
                    )
                })
                .collect();
        }
        let known = |p: &Path| {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            self.rows
                .iter()
                .any(|r| std::path::absolute(&r.file).unwrap_or_else(|_| r.file.clone()) == abs)
        };
        let mut out: Vec<Entry> = rows.into_iter().map(Entry::Row).collect();
        out.extend(
            (0..self.recent.len())
                .filter(|&i| !known(&self.recent[i]) && keep("", &self.recent[i]))
                .map(Entry::Recent),
        );
        out.push(Entry::New);
        out.push(Entry::Demo);
        out
    }

    /// A portfolio row arrived from the loader. The cursor stays on the file it was on
    /// (rows arrive in any order and sort among the others); left at the top, it stays
    /// there.
    pub fn add_row(&mut self, row: crate::io::portfolio::Row) {
        let was = (self.selected > 0).then(|| self.selected_thing()).flatten();
        self.rows.push(row);
        crate::io::portfolio::sort(&mut self.rows);
        crate::io::portfolio::fold(&mut self.rows);
        if let Some(was) = was {
            self.select(&was);
        }
    }

    /// What the cursor is on: a file (a portfolio row or a recent file), or "new", or the
    /// demo. Positions change when the list is sorted, filtered or grows; this does not.
    fn selected_thing(&self) -> Option<Thing> {
        let entries = self.entries();
        let e = entries.get(self.selected.min(entries.len().saturating_sub(1)))?;
        Some(match e {
            Entry::Row(i) => Thing::File(self.rows[*i].file.clone()),
            Entry::Recent(i) => Thing::File(self.recent[*i].clone()),
            Entry::New => Thing::New,
            Entry::Demo => Thing::Demo,
        })
    }

    /// Puts the cursor on `thing` if the list shows it; else on the top line.
    fn select(&mut self, thing: &Thing) {
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let found = self.entries().iter().position(|e| match (e, thing) {
            (Entry::Row(i), Thing::File(f)) => abs(&self.rows[*i].file) == abs(f),
            (Entry::Recent(i), Thing::File(f)) => abs(&self.recent[*i]) == abs(f),
            (Entry::New, Thing::New) | (Entry::Demo, Thing::Demo) => true,
            _ => false,
        });
        // An earlier year folded away: its client's current assessment.
        let current = || match thing {
            Thing::File(f) => self
                .rows
                .iter()
                .find(|r| abs(&r.file) == abs(f))
                .and_then(|r| r.current.clone()),
            _ => None,
        };
        match (found, current()) {
            (Some(i), _) => self.selected = i,
            (None, Some(c)) => self.select(&Thing::File(c)),
            (None, None) => self.selected = 0,
        }
    }

    pub fn update(&mut self, key: KeyEvent) -> Option<Choice> {
        self.message = None;
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Some(Choice::Quit);
        }
        if let Some(form) = &mut self.form {
            let at = Places {
                home: self.home.as_deref(),
                clients_dir: self.clients_dir.as_deref(),
            };
            match form.key(key, &at) {
                Outcome::Stay => {}
                Outcome::Back => self.form = None,
                Outcome::Done(choice) => return Some(choice),
            }
            return None;
        }
        if self.filtering {
            let was = self.selected_thing();
            match key.code {
                KeyCode::Enter | KeyCode::Down => self.filtering = false,
                KeyCode::Esc => {
                    self.filter.set(String::new());
                    self.filtering = false;
                }
                _ => {
                    self.filter.handle(&key);
                }
            }
            // The row chosen stays chosen while it still matches.
            match was {
                Some(was) => self.select(&was),
                None => self.selected = 0,
            }
            return None;
        }
        let entries = self.entries();
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => Some(Choice::Quit),
            KeyCode::Char('/') => {
                self.filtering = true;
                None
            }
            KeyCode::Char('s') => {
                let was = self.selected_thing();
                self.order = match self.order {
                    RowOrder::Overdue => RowOrder::NextDue,
                    RowOrder::NextDue => RowOrder::Client,
                    RowOrder::Client => RowOrder::Overdue,
                };
                if let Some(was) = was {
                    self.select(&was);
                }
                None
            }
            KeyCode::Char('G') | KeyCode::End => {
                self.selected = entries.len() - 1;
                None
            }
            KeyCode::Char('g') | KeyCode::Home => {
                self.selected = 0;
                None
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(entries.len() - 1);
                None
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                None
            }
            KeyCode::Char('n') => {
                self.open_form();
                None
            }
            KeyCode::Char('d') => Some(Choice::Demo),
            // Next year's assessment from the chosen row's (or recent file's).
            KeyCode::Char('c') => {
                let from = match entries.get(self.selected.min(entries.len() - 1)) {
                    Some(Entry::Row(i)) => Some(self.rows[*i].file.clone()),
                    Some(Entry::Recent(i)) => Some(self.recent[*i].clone()),
                    _ => None,
                };
                match from {
                    Some(from) => {
                        self.form = Some(Form::carrying(&from, self.year));
                    }
                    None => {
                        self.message =
                            Some("choose last year's workspace in the list, then c".into())
                    }
                }
                None
            }
            KeyCode::Char('a') => {
                let was = self.selected_thing();
                self.all_years = !self.all_years;
                match was {
                    Some(was) => self.select(&was),
                    None => self.selected = 0,
                }
                None
            }
            KeyCode::Enter => match entries.get(self.selected.min(entries.len() - 1)) {
                Some(Entry::Row(i)) => Some(Choice::Open(self.rows[*i].file.clone())),
                Some(Entry::Recent(i)) => Some(Choice::Open(self.recent[*i].clone())),
                Some(Entry::New) => {
                    self.open_form();
                    None
                }
                Some(Entry::Demo) | None => Some(Choice::Demo),
            },
            _ => None,
        }
    }

    fn open_form(&mut self) {
        self.form = Some(Form::new(&self.user));
    }

    /// The client column's width: the longest client name shown, as far as the screen
    /// leaves room beside the figures and a file name; never under 26.
    fn client_width(&self, entries: &[Entry], w: usize) -> usize {
        // The figures' columns and the least of a file name worth showing.
        const FIGURES: usize = 87;
        let longest = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Row(i) => Some(self.rows[*i].client.chars().count() + 4),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        longest.min(w.saturating_sub(FIGURES)).max(26)
    }

    /// A message to show, e.g. after a failed open.
    pub fn fail(&mut self, message: String) {
        if let Some(form) = &mut self.form {
            form.error = Some(message);
        } else {
            self.open_form();
            if let Some(form) = &mut self.form {
                form.error = Some(message);
            }
        }
    }

    pub fn draw(&self, f: &mut Frame) {
        let area = f.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            f.render_widget(
                Paragraph::new(format!(
                    "Make the window larger: hipaudit needs {MIN_WIDTH}x{MIN_HEIGHT}, this is {}x{}.",
                    area.width, area.height
                ))
                .wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        let accent = if self.color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default()
        };
        let foot_h = if self.message.is_some() { 3 } else { 1 };
        let [head, body, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(5),
            Constraint::Length(foot_h),
        ])
        .areas(area);
        f.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    " hipaudit",
                    accent.add_modifier(Modifier::BOLD),
                )),
                Line::from(" HIPAA audits from the keyboard: choose a workspace"),
            ]),
            head,
        );
        if let Some(form) = &self.form {
            form.draw(f, [body, foot], self.clients_dir.as_deref(), self.color);
            return;
        }
        let w = usize::from(body.width.saturating_sub(2));
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or("—".into());
        let warn = if self.color {
            Style::default().fg(Color::Red)
        } else {
            Style::default()
        };
        let entries = self.entries();
        let cw = self.client_width(&entries, w);
        let items: Vec<ListItem> = entries
            .iter()
            .map(|e| match e {
                Entry::Row(i) => {
                    let r = &self.rows[*i];
                    let mut name = r
                        .file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let earlier = crate::io::portfolio::earlier_count(&self.rows, r);
                    if earlier > 0 && !self.all_years {
                        name.push_str(&format!(" (+{earlier} earlier: a)"));
                    }
                    // An earlier year, under its client's current assessment.
                    let client = match (&r.current, r.started) {
                        (Some(_), Some(d)) => format!("  ↳ {} of {d}", crate::domain::text::clean_line(&r.client)),
                        (Some(_), None) => format!("  ↳ {}", crate::domain::text::clean_line(&r.client)),
                        (None, _) => r.client.clone(),
                    };
                    let text = match &r.error {
                        Some(err) if r.client.is_empty() => {
                            format!("  {:<cw$} {}", crate::domain::text::truncate_clean(&name, cw), err)
                        }
                        _ => format!(
                            "{} {:<cw$} {:>3} overdue {:>3} open  next {:<10}  audit {:<10} {:>5}{}  {}",
                            if r.overdue > 0 && r.current.is_none() { "!" } else { " " },
                            crate::domain::text::truncate_clean(&client, cw),
                            r.overdue,
                            r.open_gaps,
                            date(r.next_due),
                            date(r.next_audit_due),
                            r.compliance.map(|c| format!("{c}%")).unwrap_or("—".into()),
                            if r.to_reverify > 0 {
                                format!(" ↻{}", r.to_reverify)
                            } else {
                                String::new()
                            },
                            name
                        ),
                    };
                    let style = if r.current.is_some() {
                        Style::default().add_modifier(Modifier::DIM)
                    } else if r.overdue > 0 {
                        warn
                    } else {
                        Style::default()
                    };
                    ListItem::new(Span::styled(crate::domain::text::truncate_clean(&text, w), style))
                }
                Entry::Recent(i) => {
                    let p = &self.recent[*i];
                    let missing = if p.exists() { "" } else { "  (missing)" };
                    ListItem::new(format!("  {} (recent){missing}", p.display()))
                }
                Entry::New => ListItem::new("+ New workspace…"),
                Entry::Demo => ListItem::new("▷ Open the demo (a fictional clinic)"),
            })
            .collect();
        let order = match self.order {
            RowOrder::Overdue => "most overdue first",
            RowOrder::NextDue => "next due first",
            RowOrder::Client => "by client",
        };
        let loading = match self.loading {
            Some((done, total)) => format!(" · loading {done}/{total}"),
            None => String::new(),
        };
        let filter = if self.filter.is_empty() && !self.filtering {
            String::new()
        } else {
            format!(" · filter: {}", self.filter.text())
        };
        let clients = self.rows.iter().filter(|r| r.current.is_none()).count();
        let earlier = match self.rows.len() - clients {
            0 => String::new(),
            n if self.all_years => format!(
                " + {} (a folds)",
                crate::domain::text::count(n, "earlier year", "earlier years")
            ),
            n => format!(
                " + {} folded (a shows)",
                crate::domain::text::count(n, "earlier year", "earlier years")
            ),
        };
        let title = format!(
            " Portfolio: {}{earlier} · {order}{loading}{filter} ",
            crate::domain::text::count(clients, "workspace", "workspaces")
        );
        let mut st = ListState::default()
            .with_selected(Some(self.selected.min(entries.len().saturating_sub(1))));
        f.render_stateful_widget(
            List::new(items)
                .block(Block::bordered().title(title).border_style(accent))
                .highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
            body,
            &mut st,
        );
        let foot_text = match &self.message {
            Some(m) => Line::from(Span::styled(
                format!(" ✗ {m}"),
                if self.color {
                    Style::default().fg(Color::Red)
                } else {
                    Style::default()
                },
            )),
            None if self.filtering => {
                Line::from(" type to filter by client or file · Enter keep · Esc clear")
            }
            None => Line::from(
                " Enter open · / find · s sort · a years · n new · c next year · d demo · q quit",
            ),
        };
        f.render_widget(Paragraph::new(foot_text).wrap(Wrap { trim: true }), foot);
    }
}

#[cfg(test)]
#[path = "picker_tests.rs"]
mod tests;

//! The start screen's new-workspace form: a blank assessment, or next year's from last
//! year's file (`c` on a portfolio row fills in the file to carry from).
use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::widgets::text_input::TextInput;
use crate::domain::text::clean_line;

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Open(PathBuf),
    Create {
        path: PathBuf,
        client: String,
        site: String,
        scope: String,
        assessor: String,
        profile: Option<crate::domain::profile::Profile>,
        /// Last year's file, to carry forward.
        from: Option<PathBuf>,
    },
    Demo,
    Quit,
}

pub const FIELD_NAMES: [&str; 7] = [
    "File", "Client", "Site(s)", "Scope", "Assessor", "Profile", "From",
];
/// The index of the field naming last year's file.
pub const FROM: usize = 6;
const PROFILE: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// File name, client, site(s), scope, assessor, profile, last year's file.
    pub fields: [TextInput; 7],
    pub focus: usize,
    pub error: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Esc: back to the list.
    Back,
    Done(Choice),
}

/// Where the form's paths resolve.
pub struct Places<'a> {
    pub home: Option<&'a Path>,
    pub clients_dir: Option<&'a Path>,
}

impl Form {
    pub fn new(user: &str) -> Form {
        let mut fields: [TextInput; 7] = Default::default();
        fields[4] = TextInput::new(user.to_string());
        Form {
            fields,
            focus: 0,
            error: None,
        }
    }

    /// Next year's assessment from `from`: the file is named after it with the year moved
    /// on and put beside it; client, site, scope, assessor and profile left empty carry
    /// last year's.
    pub fn carrying(from: &Path, year: i32) -> Form {
        let mut form = Form::new("");
        form.fields[0] = TextInput::new(next_year_name(from, year));
        form.fields[FROM] = TextInput::new(from.display().to_string());
        form
    }

    /// A key while the form is open.
    pub fn key(&mut self, key: KeyEvent, at: &Places) -> Outcome {
        let n = FIELD_NAMES.len();
        match key.code {
            KeyCode::Esc => return Outcome::Back,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            KeyCode::Enter => return self.submit(at).map_or(Outcome::Stay, Outcome::Done),
            _ => {
                if self.fields[self.focus].handle(&key) {
                    self.error = None;
                }
            }
        }
        Outcome::Stay
    }

    fn submit(&mut self, at: &Places) -> Option<Choice> {
        let [file, client, site, scope, assessor, profile, from] =
            self.fields.clone().map(|s| s.text().trim().to_string());
        let file = crate::io::paths::new_workspace_file(&file, at.home, at.clients_dir);
        let from = (!from.is_empty())
            .then(|| crate::io::paths::new_workspace_file(&from, at.home, at.clients_dir));
        let scoped = (!profile.is_empty())
            .then(|| crate::domain::profile::Profile::parse_list(&profile))
            .transpose();
        let problem = if file.is_empty() {
            Some((0, "name the file, e.g. acme-2026.ron"))
        } else if client.is_empty() && from.is_none() {
            Some((
                1,
                "name the client (the audited organisation), or give last year's file in From",
            ))
        } else if Path::new(&file).exists() {
            Some((
                0,
                "that file exists: open it from the list or pick another name",
            ))
        } else if from.as_ref().is_some_and(|f| !Path::new(f).is_file()) {
            Some((
                FROM,
                "no such file: give last year's workspace, or leave From empty",
            ))
        } else {
            scoped.as_ref().err().map(|e| (PROFILE, e.as_str()))
        };
        if let Some((field, msg)) = problem {
            self.focus = field;
            self.error = Some(msg.to_string());
            return None;
        }
        let mut path = PathBuf::from(&file);
        if path.extension().is_none() {
            // Next to an encrypted file, the next year is encrypted too.
            let ext = match &from {
                Some(f) if f.ends_with(".age") => "ron.age",
                _ => "ron",
            };
            path.set_extension(ext);
        }
        Some(Choice::Create {
            path,
            client,
            site,
            scope,
            assessor,
            profile: scoped.ok().flatten(),
            from: from.map(PathBuf::from),
        })
    }

    pub fn draw(
        &self,
        f: &mut Frame,
        [body, foot]: [Rect; 2],
        clients_dir: Option<&Path>,
        color: bool,
    ) {
        let accent = if color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default()
        };
        let carrying = !self.fields[FROM].is_empty();
        let mut lines = vec![
            Line::from(match (carrying, clients_dir) {
                (true, _) => {
                    "Next year's assessment from last year's file (empty fields carry last year's)"
                        .to_string()
                }
                (false, Some(dir)) => format!(
                    "New workspace (a RON file in {} unless you give a path)",
                    clean_line(&dir.display().to_string())
                ),
                (false, None) => {
                    "New workspace (a RON file in the current folder unless you give a path)"
                        .to_string()
                }
            }),
            Line::default(),
        ];
        for (i, name) in FIELD_NAMES.iter().enumerate() {
            let marker = if i == self.focus { "▶" } else { " " };
            let style = if i == self.focus {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            let mut line = if i == self.focus {
                self.fields[i].line(style)
            } else {
                Line::from(Span::styled(clean_line(self.fields[i].text()), style))
            };
            line.spans
                .insert(0, Span::styled(format!("{marker} {name:<10} "), style));
            lines.push(line);
        }
        lines.push(Line::default());
        let hint = match self.focus {
            PROFILE => Some(
                "  Profile: entity=provider,size=small,services=portal+telehealth (empty: every question)",
            ),
            FROM => Some(
                "  From: last year's workspace; its answers come back to re-verify, open gaps keep their plans",
            ),
            _ => None,
        };
        lines.extend(hint.map(Line::from));
        if let Some(e) = &self.error {
            let warn = if color {
                Style::default().fg(Color::Red)
            } else {
                Style::default()
            };
            lines.push(Line::from(Span::styled(
                format!("✗ {}", clean_line(e)),
                warn,
            )));
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::bordered()
                    .title(" New workspace ")
                    .border_style(accent),
            ),
            body,
        );
        f.render_widget(
            Paragraph::new(" Tab/↑↓ field · Enter create · Esc back"),
            foot,
        );
    }
}

/// `acme-2025.ron` carried in 2026 gives `acme-2026.ron` beside it; a name without a year
/// gets one. The last four-digit year in the name moves to the year after it, at least to
/// `year`.
pub fn next_year_name(from: &Path, year: i32) -> String {
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.split_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.clone(), ".ron".to_string()),
    };
    let chars: Vec<char> = stem.chars().collect();
    let found = (0..chars.len().saturating_sub(3)).rev().find(|&i| {
        chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    });
    let new_stem = match found {
        Some(i) => {
            let old: i32 = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(year);
            let next = (old + 1).max(year);
            format!(
                "{}{next}{}",
                chars[..i].iter().collect::<String>(),
                chars[i + 4..].iter().collect::<String>()
            )
        }
        None => format!("{stem}-{year}"),
    };
    let new = format!("{new_stem}{ext}");
    match from.parent() {
        Some(dir) if dir != Path::new("") => dir.join(new).display().to_string(),
        _ => new,
    }
}

#[cfg(test)]
#[path = "picker_form_tests.rs"]
mod tests;

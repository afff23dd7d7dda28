//! Editing a note in the user's own editor (`E`): a private file, the terminal handed over
//! and taken back, and what the editor wrote kept even when the terminal closed meanwhile.
use std::io;
use std::path::Path;

use anyhow::{Context as _, Result, anyhow};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use crate::env::Env;
use crate::io::paths::{editing_dir, note_file};

/// Hands the terminal to `$VISUAL`/`$EDITOR` with the note in a private file, removed as
/// soon as the editor returns (whatever happened).
pub(super) fn edit_outside(
    terminal: &mut DefaultTerminal,
    env: &Env,
    text: &str,
) -> Result<String> {
    let editor = env.editor.clone().unwrap_or_else(|| "vi".to_string());
    let file = note_file(&editing_dir(env)?, text)?;
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&file)
        .status();
    // The terminal may have closed while the editor ran: taking it back must not panic
    // (`ratatui::init` does), and what the editor wrote is kept either way; the loop then
    // notices the terminal is gone and saves.
    let gone = match ratatui::try_init() {
        Ok(t) => {
            *terminal = t;
            let _ = execute!(io::stdout(), EnableBracketedPaste);
            false
        }
        Err(_) => true,
    };
    // The editor may have put a link, a FIFO or gigabytes there: read it like any file.
    let written = crate::io::files::read_regular(&file).and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the note is not UTF-8 text"))
    });
    let result = outside_result(&editor, status, written, text, gone, &file);
    let _ = std::fs::remove_file(&file);
    if !gone {
        terminal.clear()?;
    }
    result
}

/// What the outside editor's run gives the note: its file when it exited well, and also when
/// it was cut off with the terminal (killed by the hang-up) after the text was written.
pub(super) fn outside_result(
    editor: &str,
    status: io::Result<std::process::ExitStatus>,
    written: io::Result<String>,
    before: &str,
    gone: bool,
    file: &Path,
) -> Result<String> {
    match (status, written) {
        (Ok(st), Ok(text)) if st.success() || (gone && text != before) => Ok(text),
        (Ok(st), Err(e)) if st.success() => {
            Err(e).with_context(|| format!("reading {}", file.display()))
        }
        (Ok(st), _) => Err(anyhow!("{editor} exited with {st}; the note is unchanged")),
        (Err(e), _) => Err(anyhow!("cannot start {editor}: {e}")),
    }
}

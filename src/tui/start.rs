//! The start screen's loop: the portfolio loading on its own thread while the picker takes
//! keys, until a workspace is chosen, made, or the user quits.
use std::path::PathBuf;

use anyhow::Result;
use ratatui::crossterm::event::{Event, KeyEventKind};

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::env::Env;
use crate::io::store;
use crate::tui::event_loop::{self, TerminalEvents};
use crate::tui::picker::{self, Choice, Picker};

/// The chosen file, with a note to show when it opens (a carry that could not be recorded in
/// last year's file).
pub(crate) fn pick(
    env: &Env,
    problem: Option<String>,
) -> Result<Option<(PathBuf, Option<String>)>> {
    let recent = env
        .config_dir
        .as_deref()
        .map(picker::load_recent)
        .unwrap_or_default();
    let cfg = crate::io::config::for_env(env)?;
    let mut p = Picker::new(
        recent,
        cfg.assessor
            .as_deref()
            .or(env.login.as_deref())
            .unwrap_or(""),
    );
    p.home = env.home.clone();
    p.message = problem;
    p.color = !env.no_color;
    p.clients_dir = cfg.folders.first().cloned();
    p.year = chrono::Datelike::year(&env.today);
    let rows = load_portfolio(env, &cfg);
    let mut terminal = crate::tui::term::open_terminal()?;
    let result = (|| -> Result<Option<(PathBuf, Option<String>)>> {
        loop {
            // Rows appear as they load; the screen is usable meanwhile.
            for msg in rows.try_iter() {
                match msg {
                    Loaded::Total(n) => p.loading = (n > 0).then_some((0, n)),
                    Loaded::Row(row) => {
                        p.add_row(*row);
                        if let Some((done, n)) = p.loading {
                            p.loading = (done + 1 < n).then_some((done + 1, n));
                        }
                    }
                }
            }
            terminal.draw(|f| p.draw(f))?;
            // Through the loop's event source: a closed terminal ends the picker instead of
            // spinning.
            let wait = if p.loading.is_some() { 100 } else { 1000 };
            let Some(Event::Key(key)) = event_loop::Events::next(
                &mut TerminalEvents,
                std::time::Duration::from_millis(wait),
            )?
            else {
                continue;
            };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            match p.update(key) {
                None => {}
                Some(Choice::Quit) => return Ok(None),
                Some(Choice::Open(path)) => return Ok(Some((path, None))),
                Some(Choice::Demo) => {
                    return crate::io::paths::demo_path(env, false).map(|p| Some((p, None)));
                }
                Some(Choice::Create {
                    path,
                    client,
                    site,
                    scope,
                    assessor,
                    profile,
                    from,
                }) => {
                    let made = match from {
                        Some(from) => {
                            // An encrypted file asks for its passphrase on the plain terminal.
                            let ask = store::is_encrypted_file(&from);
                            if ask {
                                ratatui::restore();
                            }
                            let made =
                                carry(&path, &from, env, client, site, scope, assessor, profile);
                            if ask {
                                terminal = crate::tui::term::open_terminal()?;
                            }
                            made
                        }
                        None => {
                            let mut ws =
                                Workspace::new(&client, &assessor, Catalog::builtin(), env.today);
                            ws.engagement.site = site;
                            ws.engagement.scope = scope;
                            ws.profile = profile;
                            ws.engagement.firm = cfg.firm.clone().unwrap_or_default();
                            store::create(&path, &ws)
                                .map(|()| None)
                                .map_err(|e| format!("cannot create {}: {e}", path.display()))
                        }
                    };
                    match made {
                        Ok(note) => return Ok(Some((path, note))),
                        Err(e) => p.fail(e),
                    }
                }
            }
        }
    })();
    ratatui::restore();
    result
}

/// Next year's workspace from last year's file; the form's non-empty fields replace what
/// carries. A warning (last year's file could not record the carry) does not stop it: the
/// new file is made and opened.
#[allow(clippy::too_many_arguments)]
pub(crate) fn carry(
    path: &std::path::Path,
    from: &std::path::Path,
    env: &Env,
    client: String,
    site: String,
    scope: String,
    assessor: String,
    profile: Option<crate::domain::profile::Profile>,
) -> Result<Option<String>, String> {
    let client = (!client.is_empty()).then_some(client);
    crate::io::years::new_from(path, from, client.as_deref(), env, |ws| {
        for (field, value) in [
            (&mut ws.engagement.site, site),
            (&mut ws.engagement.scope, scope),
            (&mut ws.engagement.assessor, assessor),
        ] {
            if !value.is_empty() {
                *field = value;
            }
        }
        if profile.is_some() {
            ws.profile = profile;
        }
    })
    .map(|made| made.warning)
    .map_err(|e| {
        format!(
            "cannot create {} from {}: {e:#}",
            path.display(),
            from.display()
        )
    })
}

/// What the portfolio loader sends the start screen.
enum Loaded {
    Total(usize),
    Row(Box<crate::io::portfolio::Row>),
}

/// Loads the portfolio's rows on a thread of their own (the configured folders, else the
/// current one), one message a row, so the start screen is usable while they come.
fn load_portfolio(env: &Env, cfg: &crate::io::config::Config) -> std::sync::mpsc::Receiver<Loaded> {
    let (tx, rx) = std::sync::mpsc::channel();
    let dirs = if cfg.folders.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cfg.folders.clone()
    };
    let (today, window) = (env.today, cfg.renewal_window_days);
    std::thread::spawn(move || {
        let paths = crate::io::portfolio::find(&dirs);
        if tx.send(Loaded::Total(paths.len())).is_err() {
            return;
        }
        let pass = crate::io::crypt::passphrase_from_env();
        for path in paths {
            let row =
                crate::io::portfolio::row(&path, Catalog::builtin(), today, window, pass.as_ref());
            if tx.send(Loaded::Row(Box::new(row))).is_err() {
                return;
            }
        }
    });
    rx
}

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use hipaudit::cli::{self, Cli, Command};
use hipaudit::env::Env;

fn run(cli: Cli) -> Result<()> {
    // The question bank is parsed on the other core while this one reads the workspace:
    // most commands need both, and the bank (400 KB of RON) would otherwise come first.
    std::thread::spawn(|| {
        hipaudit::domain::catalog::Catalog::builtin();
    });
    let mut env = Env::from_process()?;
    // Who is working: config.ron's `user` over the login name. A broken config is reported
    // by the commands that need it; here it only means the login name stays.
    if let Ok(cfg) = hipaudit::io::config::for_env(&env)
        && let Some(user) = cfg.user.filter(|u| !u.trim().is_empty())
    {
        env.user = user.trim().to_string();
        env.login = Some(env.user.clone());
    }
    // Whatever a workspace or CSV holds, nothing reaches the terminal as a control sequence.
    let mut out = hipaudit::domain::text::SafeWriter::new(std::io::stdout().lock());
    match cli.command {
        Some(Command::New {
            path,
            from: Some(from),
            client,
            ..
        }) => cli::years::cmd_new_from(&path, &from, client.as_deref(), &env, &mut out),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            force,
        }) => {
            let target = output.clone().unwrap_or_else(|| ours.clone());
            if cli::team::cmd_merge(&base, &ours, &theirs, output.as_deref(), force, &mut out)? {
                anyhow::bail!(
                    "new conflicts recorded in {}: `hipaudit check` lists them, the app resolves them (C)",
                    target.display()
                );
            }
            Ok(())
        }
        Some(Command::Portfolio { dirs, format, all }) => {
            cli::portfolio::cmd_portfolio(&dirs, format, all, &env, &mut out)
        }
        Some(Command::Config { action: None }) => cli::portfolio::cmd_config(&env, &mut out),
        Some(Command::Config {
            action: Some(cli::ConfigAction::Init { force }),
        }) => cli::portfolio::cmd_config_init(&env, force, &mut out),
        Some(Command::GitSetup { dir }) => cli::team::cmd_git_setup(dir.as_deref(), &mut out),
        Some(Command::Diff { old, new, format }) => {
            cli::years::cmd_diff(&old, &new, format, &env, &mut out)
        }
        Some(Command::New {
            path,
            from: None,
            client,
            assessor,
            site,
            scope,
            firm,
            encrypt,
            profile,
        }) => {
            let e = cli::NewEngagement {
                client: client.as_deref().unwrap_or_default(),
                assessor: assessor.as_deref(),
                site: site.as_deref(),
                scope: scope.as_deref(),
                firm: firm.as_deref(),
                profile: profile.as_deref(),
            };
            cli::cmd_new(&path, &e, encrypt, &env)
        }
        Some(Command::Encrypt { path }) => cli::cmd_encrypt(&path, &mut out),
        Some(Command::Decrypt { path }) => cli::cmd_decrypt(&path, &mut out),
        Some(Command::Check { path }) => cli::cmd_check(&path, &env, &mut out),
        Some(Command::Gaps {
            path,
            owner,
            status,
            area,
            overdue,
            unassigned,
            sort,
            format,
        }) => {
            let q = cli::GapsQuery {
                owner: owner.as_deref(),
                status: status.as_deref(),
                area: area.as_deref(),
                overdue,
                unassigned,
                sort: sort.as_deref(),
            };
            cli::cmd_gaps(&path, &q, format, &env, &mut out)
        }
        Some(Command::SaveLoop { path }) => cli::cmd_save_loop(&path),
        Some(Command::Export {
            path,
            format,
            output,
            redact,
            force,
            omit_unanswered,
            template,
            requests_as,
            all,
            owner,
            remind_days,
        }) => cli::cmd_export(
            &path,
            format,
            output.as_deref(),
            cli::ExportFlags {
                redact,
                force,
                omit_unanswered,
                template,
                requests_as,
                all,
                owner,
                remind_days,
            },
            &env,
            &mut out,
        ),
        Some(Command::Evidence {
            path,
            action,
            format,
        }) => {
            use cli::register::EvidenceCommand as E;
            let command = match action {
                None | Some(cli::EvidenceAction::List) => E::List,
                Some(cli::EvidenceAction::Verify) => E::Verify,
                Some(cli::EvidenceAction::Add {
                    id,
                    file,
                    label,
                    expires,
                    collected,
                }) => E::Add {
                    id,
                    file,
                    label,
                    expires,
                    collected,
                },
            };
            cli::register::cmd_evidence(&path, command, format, &env, &mut out)
        }
        Some(Command::Vendors {
            path,
            import,
            dry_run,
            format,
        }) => cli::vendors::cmd_vendors(&path, import.as_deref(), dry_run, format, &env, &mut out),
        Some(Command::Inventory {
            path,
            import,
            dry_run,
            format,
        }) => {
            cli::inventory::cmd_inventory(&path, import.as_deref(), dry_run, format, &env, &mut out)
        }
        Some(Command::Projects { path, format }) => {
            cli::projects::cmd_projects(&path, format, &env, &mut out)
        }
        Some(Command::Profile { path, set, format }) => {
            cli::profile::cmd_profile(&path, &set, format, &env, &mut out)
        }
        Some(Command::Analysis { path, format }) => {
            cli::inventory::cmd_analysis(&path, format, &env, &mut out)
        }
        Some(Command::Import {
            path,
            from,
            requests,
            dry_run,
        }) => match (from, requests) {
            (_, Some(r)) => cli::requests::cmd_import_requests(&path, &r, dry_run, &env, &mut out),
            (Some(f), None) => cli::cmd_import(&path, &f, dry_run, &env, &mut out),
            (None, None) => anyhow::bail!("--from FILE.csv or --requests FILE.csv"),
        },
        Some(Command::Log { path, since, id }) => {
            cli::cmd_log(&path, since.as_deref(), id.as_deref(), &mut out)
        }
        Some(Command::Catalog {
            area,
            tag,
            reference,
            profile,
            format,
        }) => cli::cmd_catalog(
            area.as_deref(),
            tag.as_deref(),
            reference.as_deref(),
            profile.as_deref(),
            format,
            &mut out,
        ),
        Some(Command::Demo { fresh }) => {
            // Before --fresh replaces the copy: without a terminal nothing would show it.
            hipaudit::tui::need_terminal()?;
            let path = hipaudit::io::paths::demo_path(&env, fresh)?;
            open_app(Some(path), &env)
        }
        None => open_app(cli.path, &env),
    }
}

fn open_app(path: Option<PathBuf>, env: &Env) -> Result<()> {
    hipaudit::tui::run(path, env)
}

fn main() -> ExitCode {
    // A write past the file-size limit (`ulimit -f`) must fail as an error (EFBIG) that the
    // writers clean up after, not kill the process halfway through with a partial file.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN has no preconditions; no handler runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A broken pipe (`hipaudit catalog | head`) is not an error worth a message.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.to_string().contains("Broken pipe")
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            // Never a panic for a terminal that went away: the message is lost, not the exit.
            let mut err = std::io::stderr();
            for line in format!("{e:#}").lines() {
                let _ = writeln!(err, "error: {}", hipaudit::domain::text::clean_line(line));
            }
            ExitCode::FAILURE
        }
    }
}

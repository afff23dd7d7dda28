//! `hipaudit profile PATH [--set KEY=VALUE…]`: the engagement profile that scopes the bank,
//! shown with what it leaves out, or changed (all the pairs or none) and saved atomically.
//! Changing it never touches an answer: the set-aside ones return when it changes back.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow};
use serde_json::json;

use crate::cli::args::StateFormat;
use crate::domain::catalog::Catalog;
use crate::domain::profile::Profile;
use crate::domain::text;
use crate::domain::workspace::Workspace;
use crate::env::Env;

pub fn cmd_profile(
    path: &Path,
    set: &[String],
    format: StateFormat,
    env: &Env,
    out: &mut dyn Write,
) -> Result<()> {
    let ws = if set.is_empty() {
        crate::cli::load::open(path)?
    } else {
        crate::cli::register::edit_locked(path, env, false, out, |ws, actor| {
            let mut p = ws.profile.clone().unwrap_or_default();
            for pair in set {
                p.set(pair)
                    .map_err(|e| anyhow!("--set {e}; nothing changed"))?;
            }
            let changed = ws.set_profile(p, actor);
            Ok((ws.clone(), changed))
        })?
    };
    show(&ws, format, out)
}

fn show(ws: &Workspace, format: StateFormat, out: &mut dyn Write) -> Result<()> {
    let c = ws.catalog();
    let whole = Catalog::builtin().questions.len();
    let kept: Vec<&str> = ws.set_aside_ids(c).collect();
    match format {
        StateFormat::Json => {
            let p = ws.profile.as_ref();
            let words =
                |p: &Profile| -> Vec<&str> { p.services.iter().map(|s| s.word()).collect() };
            let v = json!({
                "set": p.is_some(),
                "entity": p.map(|p| p.entity.word()),
                "size": p.map(|p| p.size.word()),
                "services": p.map(words).unwrap_or_default(),
                "nprm": p.is_some_and(|p| p.nprm),
                "msp_program": p.is_some_and(|p| p.msp_program),
                "in_scope": c.questions.len(),
                "out_of_scope": c.out_of_scope.iter().map(|o| json!({"id": o.id, "reason": o.reason})).collect::<Vec<_>>(),
                "answers_set_aside": kept,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        StateFormat::Table => {
            match &ws.profile {
                Some(p) => writeln!(out, "profile: {}", text::clean_line(&p.describe()))?,
                None => writeln!(
                    out,
                    "profile: none set, so every question is in scope (set one with --set entity=provider …)"
                )?,
            }
            writeln!(
                out,
                "in scope: {} of {whole} questions; outside the scope: {}",
                c.questions.len(),
                c.out_of_scope.len()
            )?;
            for o in &c.out_of_scope {
                writeln!(out, "  {:<11} {}", o.id, o.reason)?;
            }
            if !kept.is_empty() {
                writeln!(
                    out,
                    "answers kept aside until the profile brings their questions back: {}",
                    kept.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

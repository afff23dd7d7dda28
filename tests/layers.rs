//! The layers stay as the README's design section draws them: `domain/` touches no file,
//! environment, process or terminal; each layer uses only the ones before it; nothing but
//! the binary uses `cli`; and no two modules import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A file's code without its unit tests (they may use anything).
fn code(p: &Path) -> String {
    let s = std::fs::read_to_string(p).unwrap();
    match s.find("#[cfg(test)]") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The module a file is, as `layer::name` (`tui::app`, `domain::board`, `env`).
fn module_of(p: &Path) -> String {
    let rel = p.strip_prefix("src").unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod")
        .collect();
    parts.join("::")
}

/// The crate modules a piece of code names (`crate::domain::board::x` -> `domain::board`).
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + 7..];
        let path: Vec<&str> = rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or("")
            .split("::")
            .filter(|s| !s.is_empty())
            .take(2)
            .collect();
        let m = match path.as_slice() {
            [l @ ("domain" | "io" | "exchange" | "tui"), m, ..]
                if m.chars().next().is_some_and(|c| c.is_lowercase()) =>
            {
                format!("{l}::{m}")
            }
            [l, ..] => l.to_string(),
            [] => continue,
        };
        out.insert(m);
    }
    out
}

fn layer(m: &str) -> &str {
    m.split("::").next().unwrap()
}

#[test]
fn the_domain_touches_no_file_environment_process_or_terminal() {
    let banned = [
        "std::fs",
        "std::env",
        "std::process",
        "std::net",
        "stdout()",
        "stderr()",
        "stdin()",
        "println!",
        "eprintln!",
        "ratatui",
        "crossterm",
        "directories",
        "Local::now",
        "SystemTime::now",
        "Instant::now",
        "File::",
        "OpenOptions",
    ];
    let files = rust_files(Path::new("src/domain"));
    assert!(files.len() >= 8, "{files:?}");
    for f in files {
        let c = code(&f);
        for b in banned {
            assert!(!c.contains(b), "{}: uses {b}", f.display());
        }
    }
}

#[test]
fn layers_use_only_the_layers_before_them_and_nothing_uses_the_cli() {
    let allowed: BTreeMap<&str, &[&str]> = BTreeMap::from([
        ("domain", &["domain"][..]),
        ("env", &["domain"][..]),
        ("io", &["domain", "env", "io"][..]),
        ("exchange", &["domain", "io", "exchange"][..]),
        ("tui", &["domain", "env", "io", "exchange", "tui"][..]),
        ("cli", &["domain", "env", "io", "exchange", "cli"][..]),
    ]);
    for f in rust_files(Path::new("src")) {
        let m = module_of(&f);
        if m == "main" || m == "lib" {
            continue;
        }
        let ok = allowed[layer(&m)];
        for u in uses(&code(&f)) {
            assert!(
                ok.contains(&layer(&u)),
                "{} ({m}) uses {u}: {} may use only {ok:?}",
                f.display(),
                layer(&m)
            );
        }
    }
}

#[test]
fn no_two_modules_import_each_other() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in rust_files(Path::new("src")) {
        let m = module_of(&f);
        let c = code(&f);
        let mut u = uses(&c);
        // `super::x` in `tui::app` names `tui::x`.
        let parent = m.rsplit_once("::").map(|(p, _)| p.to_string());
        if let Some(parent) = parent {
            for (i, _) in c.match_indices("super::") {
                let name: String = c[i + 7..]
                    .chars()
                    .take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_')
                    .collect();
                if !name.is_empty() && name != "super" {
                    u.insert(format!("{parent}::{name}"));
                }
            }
        }
        u.remove(&m);
        graph.insert(m, u);
    }
    for (a, targets) in &graph {
        for b in targets {
            if let Some(back) = graph.get(b) {
                assert!(!back.contains(a), "{a} and {b} import each other");
            }
        }
    }
}

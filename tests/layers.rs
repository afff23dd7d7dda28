//! The layers stay as docs/DESIGN.md draws them: `domain/` touches no file,
//! environment, process or terminal; each layer uses only the ones before it; nothing but
//! the binary uses `cli`; no module reaches itself through what it names (a cycle of any
//! length); and the screens (tabs, overlays, widgets, `ui`) read no disk while they draw.
//!
//! A module is a file: `src/tui/overlays/evidence.rs` is `tui::overlays::evidence`, a
//! `mod.rs` is its folder's module. What a file names is read from its code, without
//! comments, string literals and `#[cfg(test)]` items: every `use` (brace groups, globs,
//! `self`, `super`, aliases) and every path in the code (`crate::io::store::load(..)`,
//! `super::msg::Msg`, `app::App` for a child module, `files::complete` for an alias).
//! `mod foo;` declarations are not uses.
//!
//! The resolver and the cycle finder are in `common/modules.rs`, the comment and literal
//! stripping and the tokenizer in `common/code.rs`; the guard's own tests of them are at the
//! end of this file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

#[path = "common/modules.rs"]
mod modules;
use modules::{
    Source, Tok, code_of, components, cycles, is_ident, lines_of, load_crate, mentions, show_cycle,
    std_paths, tokens,
};

fn layer(m: &str) -> &str {
    m.split("::").next().unwrap()
}

// ----- The checks ----------------------------------------------------------------------

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
    // Also through a brace group: `use std::{env, fs}`.
    let banned_paths: [&[&str]; 4] = [
        &["std", "fs"],
        &["std", "env"],
        &["std", "process"],
        &["std", "net"],
    ];
    let krate = load_crate();
    let files: Vec<&Source> = krate
        .files
        .iter()
        .filter(|f| layer(&f.module) == "domain")
        .collect();
    assert!(files.len() >= 8, "{:?}", files.len());
    let mut found = Vec::new();
    for f in files {
        for b in banned {
            for line in lines_of(&f.code, b) {
                found.push(format!("{}:{line}: uses {b}", f.path.display()));
            }
        }
        for p in banned_paths {
            for line in std_paths(&f.code, p) {
                found.push(format!(
                    "{}:{line}: uses {}",
                    f.path.display(),
                    p.join("::")
                ));
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "the domain is pure:\n{}",
        found.join("\n")
    );
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
    let krate = load_crate();
    let mut found = BTreeSet::new();
    let mut checked = 0;
    for f in krate.files.iter().filter(|f| !f.module.is_empty()) {
        let m = &f.module;
        let Some(ok) = allowed.get(layer(m)) else {
            panic!(
                "{}: a layer ({}) this test does not know",
                f.path.display(),
                layer(m)
            );
        };
        for u in mentions(m, &f.code, &krate.modules) {
            checked += 1;
            if !ok.contains(&layer(&u.module)) {
                found.insert(format!(
                    "{}:{} ({m}) uses {}: {} may use only {ok:?}",
                    f.path.display(),
                    u.line,
                    u.module,
                    layer(m)
                ));
            }
        }
    }
    assert!(
        checked > 300,
        "only {checked} uses found: the resolver is broken"
    );
    assert!(
        found.is_empty(),
        "{} use(s) across the layers:\n{}",
        found.len(),
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn no_module_reaches_itself_through_what_it_names() {
    let krate = load_crate();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Where each edge is first named.
    let mut at: BTreeMap<(String, String), String> = BTreeMap::new();
    for f in &krate.files {
        let targets = graph.entry(f.module.clone()).or_default();
        for u in mentions(&f.module, &f.code, &krate.modules) {
            if u.module == f.module {
                continue;
            }
            targets.insert(u.module.clone());
            at.entry((f.module.clone(), u.module))
                .or_insert_with(|| format!("{}:{}", f.path.display(), u.line));
        }
    }
    // The guard sees the graph it should: the screen draws its overlays by full path.
    assert!(graph.len() > 80, "{} modules", graph.len());
    assert!(
        graph["tui::ui"].contains("tui::overlays::merge_conflicts"),
        "{:?}",
        graph["tui::ui"]
    );
    let found = cycles(&graph);
    if found.is_empty() {
        return;
    }
    let mut msg = format!("{} import cycle(s):\n", found.len());
    let mut edges = BTreeSet::new();
    for c in &found {
        writeln!(msg, "  {}", show_cycle(c)).unwrap();
        for (a, b) in c.iter().zip(c.iter().cycle().skip(1)) {
            edges.insert((a.clone(), b.clone()));
        }
    }
    let tangles: Vec<String> = components(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| format!("  {{{}}}", c.join(", ")))
        .collect();
    writeln!(msg, "modules tangled together:\n{}", tangles.join("\n")).unwrap();
    writeln!(msg, "where each edge of a cycle is named:").unwrap();
    for (a, b) in &edges {
        writeln!(msg, "  {a} -> {b}: {}", at[&(a.clone(), b.clone())]).unwrap();
    }
    panic!("{msg}");
}

/// What a screen may name from `io` while still reading no disk: plain data, each with why.
const SCREEN_MAY_NAME_FROM_IO: &[(&str, &str)] = &[(
    "io::evidence::HashState",
    "a plain enum (Ready(hash) / Failed(why) / Running) the evidence form matches on; \
     naming it reads nothing",
)];

/// The screens: what draws (and, in the same file, the keys of what it draws).
fn is_screen(p: &Path) -> bool {
    ["src/tui/tabs/", "src/tui/overlays/", "src/tui/widgets/"]
        .iter()
        .any(|d| p.starts_with(d))
        || p == Path::new("src/tui/ui.rs")
}

#[test]
fn draw_only_reads() {
    // Calls that go to the disk, whatever imported them (`use std::fs;` then `fs::read`).
    let disk = [
        "fs::",
        "File::open",
        "File::create",
        "OpenOptions",
        "read_dir",
        "metadata(",
        "symlink_metadata(",
        "canonicalize(",
        "read_link(",
        // Path's own questions stat the file.
        ".exists()",
        "try_exists(",
        ".is_file()",
        ".is_dir()",
        ".is_symlink()",
    ];
    let krate = load_crate();
    // The open file's fields of an `io` type (`hashes: RefCell<io::evidence::HashCache>`,
    // reached as `app.file.hashes`): a draw that asks one of them reaches the disk through it.
    let app = krate
        .files
        .iter()
        .find(|f| f.module == "tui::session")
        .unwrap();
    let mut io_fields = BTreeMap::new();
    {
        let t = tokens(&app.code);
        let start = t
            .windows(2)
            .position(|w| {
                w[0].0 == Tok::Ident("struct".into()) && w[1].0 == Tok::Ident("OpenFile".into())
            })
            .expect("struct OpenFile in src/tui/session.rs");
        let open = (start..t.len())
            .find(|&k| t[k].0 == Tok::Punct('{'))
            .unwrap();
        let mut depth = 0;
        let close = (open..t.len())
            .find(|&k| {
                match t[k].0 {
                    Tok::Punct('{') => depth += 1,
                    Tok::Punct('}') => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .unwrap();
        let (first, last) = (t[open].1, t[close].1);
        let lines: Vec<&str> = app.code.lines().collect();
        for u in mentions(&app.module, &app.code, &krate.modules) {
            if layer(&u.module) == "io" && (first..=last).contains(&u.line) {
                let l = lines[u.line - 1].trim();
                let l = l
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ");
                if let Some((name, _)) = l.split_once(':') {
                    io_fields.insert(name.trim().to_string(), u.module.clone());
                }
            }
        }
    }
    assert!(
        io_fields.contains_key("hashes"),
        "OpenFile's io fields: {io_fields:?}"
    );
    let allowed: BTreeSet<&str> = SCREEN_MAY_NAME_FROM_IO.iter().map(|(a, _)| *a).collect();
    let mut found = BTreeSet::new();
    let mut screens = 0;
    for f in krate.files.iter().filter(|f| is_screen(&f.path)) {
        screens += 1;
        for u in mentions(&f.module, &f.code, &krate.modules) {
            if layer(&u.module) != "io" {
                continue;
            }
            let what = match &u.item {
                Some(i) => format!("{}::{i}", u.module),
                None => u.module.clone(),
            };
            if !allowed.contains(what.as_str()) {
                found.insert((f.path.clone(), u.line, format!("names {what}")));
            }
        }
        for line in std_paths(&f.code, &["std", "fs"]) {
            found.insert((f.path.clone(), line, "names std::fs".into()));
        }
        for d in disk {
            for line in lines_of(&f.code, d) {
                found.insert((f.path.clone(), line, format!("calls {d}")));
            }
        }
        for (field, module) in &io_fields {
            let needle = format!(".{field}");
            for (i, _) in f.code.match_indices(&needle) {
                if f.code[i + needle.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_ident)
                {
                    continue;
                }
                let line = f.code[..i].matches('\n').count() + 1;
                found.insert((
                    f.path.clone(),
                    line,
                    format!("asks the open file's {field} (its type is from {module})"),
                ));
            }
        }
    }
    assert!(screens >= 20, "only {screens} screen files");
    let list: Vec<String> = found
        .iter()
        .map(|(p, line, what)| format!("  {}:{line}: {what}", p.display()))
        .collect();
    assert!(
        list.is_empty(),
        "{} place(s) where a screen file reaches the disk (screens read the App; io runs in \
         effects; allowed from io: {allowed:?}):\n{}",
        list.len(),
        list.join("\n")
    );
}

// ----- The guard's own tests -----------------------------------------------------------

fn toy_modules() -> BTreeSet<String> {
    [
        "tui",
        "tui::app",
        "tui::keymap",
        "tui::overlays",
        "tui::overlays::evidence",
        "tui::overlays::form",
        "io",
        "io::evidence",
        "domain",
        "domain::meeting",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The modules `src` names from module `current`, as `module@line`, each once.
fn toy(current: &str, src: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions(current, &code_of(src), &toy_modules()) {
        let m = format!("{}@{}", m.module, m.line);
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

#[test]
fn resolver_walks_full_paths_and_stops_at_the_first_item() {
    assert_eq!(
        toy(
            "tui::app",
            "fn f() { crate::tui::overlays::evidence::draw(f); }"
        ),
        ["tui::overlays::evidence@1"]
    );
    let m = mentions(
        "tui::app",
        "use crate::tui::overlays::evidence::Thing::Variant;",
        &toy_modules(),
    );
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].item.as_deref(), Some("Thing"));
    // Not the crate's.
    assert!(
        toy(
            "tui::app",
            "use std::fs;\nfn f() { Mode::Normal; ratatui::init(); }"
        )
        .is_empty()
    );
}

#[test]
fn resolver_reads_super_and_self() {
    // From a file: its folder's module is the parent.
    assert_eq!(toy("tui::keymap", "use super::app::App;"), ["tui::app@1"]);
    assert_eq!(
        toy(
            "tui::overlays::evidence",
            "use super::form::Fields;\nuse super::super::app;"
        ),
        ["tui::overlays::form@1", "tui::app@2"]
    );
    // From a mod.rs: the folder's module is itself.
    assert_eq!(
        toy("tui::overlays", "use self::form::X;"),
        ["tui::overlays::form@1"]
    );
    assert_eq!(
        toy("tui::overlays", "use super::keymap;"),
        ["tui::keymap@1"]
    );
    // A child module named without prefix, in use and in code.
    assert_eq!(
        toy(
            "tui",
            "use app::App;\nfn f() { keymap::lookup(); board::x(); }"
        ),
        ["tui::app@1", "tui::keymap@2"]
    );
    // `super::*` names the parent module itself.
    assert_eq!(toy("tui::app", "use super::*;"), ["tui@1"]);
}

#[test]
fn resolver_expands_brace_groups_globs_and_aliases() {
    assert_eq!(
        toy(
            "tui::overlays::form",
            "use crate::tui::{app::App, keymap::{self, Action}};"
        ),
        ["tui::app@1", "tui::keymap@1"]
    );
    assert_eq!(
        toy("tui::keymap", "use crate::tui::app::*;"),
        ["tui::app@1"]
    );
    assert_eq!(
        toy(
            "tui::overlays::form",
            "use crate::tui::{\n    app::*,\n    overlays::{evidence::draw, form},\n};"
        ),
        [
            "tui::app@2",
            "tui::overlays::evidence@3",
            "tui::overlays::form@3"
        ]
    );
    // An alias is followed where the code uses it.
    let src = "use crate::io::evidence::{self as files, HashState};\n\
               fn f() { files::complete(); meeting::x(); }\n\
               use crate::domain::meeting;";
    let m = mentions("tui::overlays::evidence", &code_of(src), &toy_modules());
    let got: Vec<(String, Option<String>, usize)> =
        m.into_iter().map(|m| (m.module, m.item, m.line)).collect();
    assert_eq!(
        got,
        [
            ("io::evidence".into(), None, 1),
            ("io::evidence".into(), Some("HashState".into()), 1),
            ("io::evidence".into(), Some("complete".into()), 2),
            ("domain::meeting".into(), Some("x".into()), 2),
            ("domain::meeting".into(), None, 3),
        ]
    );
}

#[test]
fn comments_literals_and_tests_name_nothing() {
    let src = r##"//! The app uses crate::io::evidence for its files.
/// See crate::tui::app::App.
// use crate::tui::keymap;
/* crate::domain::meeting /* nested crate::io */ still a comment */
fn f() -> &'static str {
    let c = '{';
    let q = '\'';
    let s = "crate::io::evidence::complete";
    let r = r#"crate::tui::app "quoted" "#;
    s
}
#[cfg(test)]
mod helpers;
fn after() { crate::tui::keymap::k(); }
#[cfg(test)]
mod tests {
    use crate::io::evidence;
    fn g() { let b = "}"; crate::tui::app::x(); }
}
"##;
    assert_eq!(toy("tui::overlays::form", src), ["tui::keymap@14"]);
    // The disk checks read the same code: a comment mentioning `std::fs` is not a use.
    let code = code_of("// std::fs::read\nfn f() { let s = \"read_dir\"; }\n");
    assert!(lines_of(&code, "read_dir").is_empty());
    assert!(std_paths(&code, &["std", "fs"]).is_empty());
    assert_eq!(
        std_paths(&code_of("use std::{io, fs::File};"), &["std", "fs"]),
        [1]
    );
}

#[test]
fn cycles_of_any_length_are_found_and_listed_once() {
    let g = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    let shown = |g: &BTreeMap<String, BTreeSet<String>>| -> Vec<String> {
        cycles(g).iter().map(|c| show_cycle(c)).collect()
    };
    // The circle the old pairwise check missed: three files, no two importing each other.
    let three = g(&[
        ("tui::overlays::evidence", "tui::overlays::form"),
        ("tui::overlays::form", "tui::tabs::vendors"),
        ("tui::tabs::vendors", "tui::overlays::evidence"),
        ("tui::ui", "tui::overlays::evidence"),
    ]);
    assert_eq!(
        shown(&three),
        [
            "tui::overlays::evidence -> tui::overlays::form -> tui::tabs::vendors -> tui::overlays::evidence"
        ]
    );
    // Two circles sharing a module, a pair, and a chain without any.
    let more = g(&[
        ("a", "b"),
        ("b", "a"),
        ("b", "c"),
        ("c", "d"),
        ("d", "b"),
        ("x", "y"),
        ("y", "z"),
    ]);
    assert_eq!(shown(&more), ["a -> b -> a", "b -> c -> d -> b"]);
    assert_eq!(components(&more).iter().filter(|c| c.len() > 1).count(), 1);
    assert!(cycles(&g(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
}

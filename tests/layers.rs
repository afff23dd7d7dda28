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

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// ----- Source text ---------------------------------------------------------------------

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

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `src` with its comments (`//`, doc comments, nested `/* */`) blanked, and its string and
/// char literals too unless `keep_strings`. Newlines stay, so a line number still points
/// into the file.
fn blank(src: &str, keep_strings: bool) -> String {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        let start = i;
        let after_ident = i > 0 && is_ident(c[i - 1]);
        // What c[start..i] is once i has moved past it: code, a comment or a literal.
        let (comment, literal);
        if at(i) == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            (comment, literal) = (true, false);
        } else if at(i) == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= c.len() {
                    break;
                } else if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            (comment, literal) = (true, false);
        } else if let Some(end) = (!after_ident).then(|| raw_string_end(&c, i)).flatten() {
            i = end;
            (comment, literal) = (false, true);
        } else if at(i) == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            (comment, literal) = (false, true);
        } else if at(i) == '\'' && at(i + 1) == '\\' {
            // '\n', '\'', '\\', '\u{..}'
            i += 3;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            (comment, literal) = (false, true);
        } else if at(i) == '\'' && at(i + 2) == '\'' {
            i += 3;
            (comment, literal) = (false, true);
        } else {
            // Code, or the quote of a lifetime or label ('a).
            i += 1;
            (comment, literal) = (false, false);
        }
        let i_end = i.min(c.len());
        for &ch in &c[start..i_end] {
            if ch == '\n' || !(comment || (literal && !keep_strings)) {
                out.push(ch);
            } else {
                out.push(' ');
            }
        }
        i = i_end;
    }
    out
}

/// Where a raw string (`r"…"`, `r#"…"#`, `br"…"`, `cr"…"`) starting at `i` ends, if one does.
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    let mut p = i;
    if matches!(c.get(p), Some('b' | 'c')) {
        p += 1;
    }
    if c.get(p) != Some(&'r') {
        return None;
    }
    p += 1;
    let hashes = c[p..].iter().take_while(|&&ch| ch == '#').count();
    p += hashes;
    if c.get(p) != Some(&'"') {
        return None;
    }
    p += 1;
    while p < c.len() {
        if c[p] == '"'
            && c[p + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return Some(p + 1 + hashes);
        }
        p += 1;
    }
    Some(c.len())
}

/// Blanked code (see `blank`) without its `#[cfg(test)]` items: the attribute, the
/// attributes after it and the item up to its `;` or its closing `}` are blanked. Unit
/// tests may use anything.
fn without_tests(blanked: &str) -> String {
    const CFG: &str = "#[cfg(test)]";
    let mut c: Vec<char> = blanked.chars().collect();
    let cfg: Vec<char> = CFG.chars().collect();
    let mut i = 0;
    while i + cfg.len() <= c.len() {
        if c[i..i + cfg.len()] != cfg[..] {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + cfg.len();
        // Further attributes, then the item itself.
        let mut depth = 0i32;
        let mut in_attr = false;
        while j < c.len() {
            match c[j] {
                '#' if depth == 0 && c.get(j + 1) == Some(&'[') => {
                    in_attr = true;
                }
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth -= 1;
                    if depth == 0 && in_attr {
                        in_attr = false;
                    }
                }
                ';' if depth == 0 && !in_attr => {
                    j += 1;
                    break;
                }
                '{' if depth == 0 && !in_attr => {
                    let mut braces = 0;
                    while j < c.len() {
                        match c[j] {
                            '{' => braces += 1,
                            '}' => {
                                braces -= 1;
                                if braces == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    j += 1;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let end = j.min(c.len());
        for ch in &mut c[start..end] {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
        i = end;
    }
    c.into_iter().collect()
}

/// A file's code as the checks read it: no comments, no literals, no unit tests.
fn code_of(src: &str) -> String {
    without_tests(&blank(src, false))
}

// ----- Tokens and paths ----------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

/// The tokens of blanked code, each with its line (from 1).
fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if is_ident(ch) {
            let s = i;
            while i < c.len() && is_ident(c[i]) {
                i += 1;
            }
            let word: String = c[s..i].iter().collect();
            // A number is not a name.
            let tok = if ch.is_ascii_digit() {
                Tok::Punct('0')
            } else {
                Tok::Ident(word.trim_start_matches("r#").to_string())
            };
            out.push((tok, line));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// A path the code names: one leaf of a `use` tree or a path in the code.
#[derive(Debug, Clone, PartialEq)]
struct Named {
    segs: Vec<String>,
    /// `use a::b::*`
    glob: bool,
    /// The name a `use` binds (`use a::b` binds `b`, `use a::{self as x}` binds `x`).
    binds: Option<String>,
    line: usize,
}

/// Every path the code names: each leaf of each `use` tree, and each path of two or more
/// segments elsewhere (`crate::io::store::load`, `super::msg::Msg`, `Mode::Normal`).
fn named_paths(code: &str) -> Vec<Named> {
    let t = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match &t[i].0 {
            Tok::Ident(w) if w == "use" => {
                i += 1;
                use_tree(&t, &mut i, &[], &mut out);
                while i < t.len() && t[i].0 != Tok::Punct(';') {
                    i += 1;
                }
                i += 1;
            }
            Tok::Ident(first) if i == 0 || t[i - 1].0 != Tok::Sep => {
                let mut segs = vec![first.clone()];
                let line = t[i].1;
                i += 1;
                while i + 1 < t.len() && t[i].0 == Tok::Sep {
                    let Tok::Ident(s) = &t[i + 1].0 else { break };
                    segs.push(s.clone());
                    i += 2;
                }
                if segs.len() > 1 {
                    out.push(Named {
                        segs,
                        glob: false,
                        binds: None,
                        line,
                    });
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The leaves of the `use` tree at `t[*i]`, each under `prefix`.
fn use_tree(t: &[(Tok, usize)], i: &mut usize, prefix: &[String], out: &mut Vec<Named>) {
    let mut segs = prefix.to_vec();
    // `use ::std::x`
    if t.get(*i).is_some_and(|x| x.0 == Tok::Sep) {
        *i += 1;
    }
    loop {
        let Some((tok, line)) = t.get(*i).cloned() else {
            return;
        };
        match tok {
            Tok::Punct('{') => {
                *i += 1;
                while let Some((tok, _)) = t.get(*i) {
                    match tok {
                        Tok::Punct('}') => {
                            *i += 1;
                            break;
                        }
                        Tok::Punct(',') => *i += 1,
                        Tok::Punct(';') => return,
                        _ => {
                            let before = *i;
                            use_tree(t, i, &segs, out);
                            if *i == before {
                                *i += 1;
                            }
                        }
                    }
                }
                return;
            }
            Tok::Punct('*') => {
                *i += 1;
                out.push(Named {
                    segs,
                    glob: true,
                    binds: None,
                    line,
                });
                return;
            }
            Tok::Ident(s) => {
                segs.push(s);
                *i += 1;
                if t.get(*i).is_some_and(|x| x.0 == Tok::Sep) {
                    *i += 1;
                    continue;
                }
                let mut alias = None;
                if t.get(*i).is_some_and(|x| x.0 == Tok::Ident("as".into())) {
                    if let Some((Tok::Ident(a), _)) = t.get(*i + 1) {
                        alias = Some(a.clone());
                    }
                    *i += 2;
                }
                // `keymap::{self, ..}` names `keymap` itself.
                if segs.last().is_some_and(|s| s == "self") {
                    segs.pop();
                }
                let binds = alias.or_else(|| segs.last().cloned()).filter(|b| b != "_");
                out.push(Named {
                    segs,
                    glob: false,
                    binds,
                    line,
                });
                return;
            }
            _ => return,
        }
    }
}

// ----- Modules -------------------------------------------------------------------------

/// `a::b` under `m` ("" is the crate root).
fn child(m: &str, seg: &str) -> String {
    if m.is_empty() {
        seg.to_string()
    } else {
        format!("{m}::{seg}")
    }
}

fn parent(m: &str) -> Option<String> {
    if m.is_empty() {
        return None;
    }
    Some(m.rsplit_once("::").map_or("", |(p, _)| p).to_string())
}

/// A module a path names, and the item after it (`crate::io::evidence::complete` names
/// `io::evidence`, item `complete`; `crate::tui::app::*` names `tui::app`, no item).
#[derive(Debug, Clone, PartialEq)]
struct Mention {
    module: String,
    item: Option<String>,
    line: usize,
}

/// Resolves a path named in module `current` against the crate's `modules`: `crate::`,
/// `super::` (each one a level up), `self::`, a child of `current` (`app::App` in `tui`),
/// or a module the file imported under a name (`files` for `use io::evidence as files`).
/// Then walks the segments while they name a module. `None` for what is not the crate's
/// (`std::fs`, `Mode::Normal`) and for the crate root itself.
fn resolve(
    current: &str,
    segs: &[String],
    modules: &BTreeSet<String>,
    locals: &BTreeMap<String, String>,
) -> Option<(String, Vec<String>)> {
    let first = segs.first()?.as_str();
    let (mut base, mut rest) = match first {
        "crate" => (String::new(), &segs[1..]),
        "self" => (current.to_string(), &segs[1..]),
        "super" => {
            let mut base = current.to_string();
            let mut k = 0;
            while segs.get(k).is_some_and(|s| s == "super") {
                base = parent(&base)?;
                k += 1;
            }
            (base, &segs[k..])
        }
        _ if modules.contains(&child(current, first)) => (current.to_string(), segs),
        _ => (locals.get(first)?.clone(), &segs[1..]),
    };
    while let Some(s) = rest.first() {
        let next = child(&base, s);
        if !modules.contains(&next) {
            break;
        }
        base = next;
        rest = &rest[1..];
    }
    (!base.is_empty()).then(|| (base, rest.to_vec()))
}

/// Every crate module the code of module `current` names, with the line and the item.
fn mentions(current: &str, code: &str, modules: &BTreeSet<String>) -> Vec<Mention> {
    let named = named_paths(code);
    let none = BTreeMap::new();
    // Modules the file's `use`s bind to a name (`use crate::domain::meeting::{self, ..}`).
    let mut locals = BTreeMap::new();
    for n in named.iter().filter(|n| n.binds.is_some()) {
        if let Some((m, rest)) = resolve(current, &n.segs, modules, &none)
            && rest.is_empty()
        {
            locals.insert(n.binds.clone().unwrap(), m);
        }
    }
    named
        .iter()
        .filter_map(|n| {
            let (module, rest) = resolve(current, &n.segs, modules, &locals)?;
            Some(Mention {
                module,
                item: rest.first().cloned(),
                line: n.line,
            })
        })
        .collect()
}

/// The module a file is (`src/tui/app.rs` -> `tui::app`, `src/tui/mod.rs` -> `tui`,
/// `src/lib.rs` -> the root "").
fn module_of(p: &Path) -> String {
    let rel = p.strip_prefix("src").unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod" && c != "lib")
        .collect();
    parts.join("::")
}

/// One source file of the library.
struct Source {
    path: PathBuf,
    module: String,
    /// Without comments, literals and unit tests.
    code: String,
}

/// The library's files that are not unit tests (`main.rs` is the binary, not a module),
/// and the set of its modules.
struct Crate {
    files: Vec<Source>,
    modules: BTreeSet<String>,
}

/// Files declared only for tests: `#[cfg(test)] mod x;` (with or without `#[path]`), and
/// everything those declare in turn.
fn test_only_files(all: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut test_only = BTreeSet::new();
    loop {
        let before = test_only.len();
        for f in all {
            let src = std::fs::read_to_string(f).unwrap();
            let kept = blank(&src, true);
            let code = code_of(&src);
            let code_lines: Vec<&str> = code.lines().collect();
            let mut path_attr = None;
            for (n, line) in kept.lines().enumerate() {
                let l = line.trim();
                if let Some(p) = l.strip_prefix("#[path = \"") {
                    path_attr = p.split('"').next().map(str::to_string);
                    continue;
                }
                if l.starts_with("#[") {
                    continue;
                }
                let decl = l
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub(super) ")
                    .trim_start_matches("pub ");
                let Some(name) = decl.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) else {
                    path_attr = None;
                    continue;
                };
                // Blanked as (or inside) a `#[cfg(test)]` item, or in a test-only file.
                let for_tests = test_only.contains(f) || !code_lines[n].contains("mod");
                if for_tests {
                    let dir = f.parent().unwrap();
                    let stem = f.file_stem().unwrap();
                    let home = if ["mod", "lib", "main"].iter().any(|s| stem == *s) {
                        dir.to_path_buf()
                    } else {
                        dir.join(stem)
                    };
                    let candidates = match &path_attr {
                        Some(p) => vec![dir.join(p)],
                        None => vec![
                            home.join(format!("{name}.rs")),
                            home.join(name).join("mod.rs"),
                        ],
                    };
                    for c in candidates {
                        if c.exists() {
                            test_only.insert(c);
                        }
                    }
                }
                path_attr = None;
            }
        }
        // What a test-only folder module holds is test-only too.
        for f in all {
            if let Some(dir) = f.parent()
                && test_only.contains(&dir.join("mod.rs"))
            {
                test_only.insert(f.clone());
            }
        }
        if test_only.len() == before {
            return test_only;
        }
    }
}

fn load_crate() -> Crate {
    let all = rust_files(Path::new("src"));
    let tests = test_only_files(&all);
    let mut files = Vec::new();
    for path in all {
        if tests.contains(&path) || path == Path::new("src/main.rs") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&path).unwrap());
        // The resolver takes a module to be a file; an inline `mod x { .. }` would shift
        // what `super::` means inside it.
        let t = tokens(&code);
        for w in t.windows(3) {
            if let [
                (Tok::Ident(m), line),
                (Tok::Ident(_), _),
                (Tok::Punct('{'), _),
            ] = w
            {
                assert!(
                    m != "mod",
                    "{}:{line}: an inline module outside the tests; make it a file",
                    path.display()
                );
            }
        }
        files.push(Source {
            module: module_of(&path),
            path,
            code,
        });
    }
    let modules = files.iter().map(|f| f.module.clone()).collect();
    Crate { files, modules }
}

fn layer(m: &str) -> &str {
    m.split("::").next().unwrap()
}

/// Raw paths starting with `prefix` (`["std", "fs"]` finds `use std::{fs, ..}`,
/// `use std::fs::File` and `std::fs::read(..)`).
fn std_paths(code: &str, prefix: &[&str]) -> Vec<usize> {
    named_paths(code)
        .into_iter()
        .filter(|n| n.segs.len() >= prefix.len() && n.segs.iter().zip(prefix).all(|(a, b)| a == b))
        .map(|n| n.line)
        .collect()
}

/// The lines (from 1) where `needle` occurs in `code`, not as the tail of a longer name
/// (`fs::` is not in `prefs::`).
fn lines_of(code: &str, needle: &str) -> Vec<usize> {
    let word = needle.starts_with(is_ident);
    code.match_indices(needle)
        .filter(|(i, _)| !(word && code[..*i].chars().next_back().is_some_and(is_ident)))
        .map(|(i, _)| code[..i].matches('\n').count() + 1)
        .collect()
}

// ----- Cycles --------------------------------------------------------------------------

/// The strongly connected components of `graph` (Tarjan), each sorted.
fn components(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let graph = self.graph;
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut c = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(w);
                    c.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                c.sort();
                self.out.push(c);
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    let nodes: BTreeSet<&str> = graph
        .iter()
        .flat_map(|(a, bs)| std::iter::once(a.as_str()).chain(bs.iter().map(String::as_str)))
        .collect();
    for v in nodes {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.out.sort();
    t.out
}

/// The cycles of `graph`: in each component of two or more modules, for each edge `a -> b`
/// inside it, the shortest way from `b` back to `a`. Every edge that closes a circle is on
/// one of them, so cutting the edges these list (or some of them) is what breaks every
/// circle. Each cycle starts at its smallest module and is listed once, shortest first.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = BTreeSet::new();
    for comp in components(graph).into_iter().filter(|c| c.len() > 1) {
        let inside: BTreeSet<&str> = comp.iter().map(String::as_str).collect();
        let next = |v: &str| -> Vec<&str> {
            graph
                .get(v)
                .into_iter()
                .flatten()
                .map(String::as_str)
                .filter(|w| inside.contains(w))
                .collect()
        };
        for a in &comp {
            for b in next(a) {
                // Breadth first from b to a, inside the component.
                let mut from: BTreeMap<&str, &str> = BTreeMap::new();
                let mut queue = VecDeque::from([b]);
                let mut seen = BTreeSet::from([b]);
                while let Some(v) = queue.pop_front() {
                    if v == a {
                        break;
                    }
                    for w in next(v) {
                        if seen.insert(w) {
                            from.insert(w, v);
                            queue.push_back(w);
                        }
                    }
                }
                let mut back = vec![a.as_str()];
                let mut v = a.as_str();
                while v != b {
                    v = from[v];
                    back.push(v);
                }
                back.push(a);
                back.reverse();
                // a -> b -> .. -> (a); rotate to start at the smallest.
                back.pop();
                let k = (0..back.len()).min_by_key(|&k| back[k]).unwrap();
                back.rotate_left(k);
                found.insert(back.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            }
        }
    }
    let mut out: Vec<Vec<String>> = found.into_iter().collect();
    out.sort_by(|x, y| x.len().cmp(&y.len()).then(x.cmp(y)));
    out
}

fn show_cycle(c: &[String]) -> String {
    format!("{} -> {}", c.join(" -> "), c[0])
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

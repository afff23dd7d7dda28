//! The module graph of the layer checks (`layers.rs`): the library's files as modules
//! (`src/tui/overlays/evidence.rs` is `tui::overlays::evidence`, a `mod.rs` is its folder's
//! module), leaving out `main.rs` and the files declared only for tests; every path a file
//! names resolved to the full module it reaches (`crate::`, `super::`, `self::`, a child
//! module, a name a `use` bound); and the cycles of the graph (Tarjan's components, then the
//! shortest way round each edge inside one). The code is read through `code.rs`. Included by
//! `layers.rs` only (`#[path]`), so the other test binaries do not build it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

#[path = "code.rs"]
mod code;
pub use code::{Tok, code_of, is_ident, lines_of, std_paths, tokens};
use code::{blank, named_paths};

// ----- Files ---------------------------------------------------------------------------

/// Every `.rs` file under `dir`, recursively.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
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

// ----- Modules -------------------------------------------------------------------------

/// `a::b` under `m` ("" is the crate root).
pub fn child(m: &str, seg: &str) -> String {
    if m.is_empty() {
        seg.to_string()
    } else {
        format!("{m}::{seg}")
    }
}

pub fn parent(m: &str) -> Option<String> {
    if m.is_empty() {
        return None;
    }
    Some(m.rsplit_once("::").map_or("", |(p, _)| p).to_string())
}

/// A module a path names, and the item after it (`crate::io::evidence::complete` names
/// `io::evidence`, item `complete`; `crate::tui::app::*` names `tui::app`, no item).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub module: String,
    pub item: Option<String>,
    pub line: usize,
}

/// Resolves a path named in module `current` against the crate's `modules`: `crate::`,
/// `super::` (each one a level up), `self::`, a child of `current` (`app::App` in `tui`),
/// or a module the file imported under a name (`files` for `use io::evidence as files`).
/// Then walks the segments while they name a module. `None` for what is not the crate's
/// (`std::fs`, `Mode::Normal`) and for the crate root itself.
pub fn resolve(
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
pub fn mentions(current: &str, code: &str, modules: &BTreeSet<String>) -> Vec<Mention> {
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
pub fn module_of(p: &Path) -> String {
    let rel = p.strip_prefix("src").unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod" && c != "lib")
        .collect();
    parts.join("::")
}

/// One source file of the library.
pub struct Source {
    pub path: PathBuf,
    pub module: String,
    /// Without comments, literals and unit tests.
    pub code: String,
}

/// The library's files that are not unit tests (`main.rs` is the binary, not a module),
/// and the set of its modules.
pub struct Crate {
    pub files: Vec<Source>,
    pub modules: BTreeSet<String>,
}

/// Files declared only for tests: `#[cfg(test)] mod x;` (with or without `#[path]`), and
/// everything those declare in turn.
pub fn test_only_files(all: &[PathBuf]) -> BTreeSet<PathBuf> {
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

pub fn load_crate() -> Crate {
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

// ----- Cycles --------------------------------------------------------------------------

/// The strongly connected components of `graph` (Tarjan), each sorted.
pub fn components(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
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
pub fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
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

pub fn show_cycle(c: &[String]) -> String {
    format!("{} -> {}", c.join(" -> "), c[0])
}

//! The source text of the layer checks (`layers.rs`, through `modules.rs`): a Rust file with its
//! comments, string and char literals and `#[cfg(test)]` items blanked (newlines kept, so a
//! line still points into the file), its tokens, and every path it names (each leaf of each
//! `use` tree, each path of two or more segments in the code); and the plain text searches
//! the disk and purity checks run on that code. Included by `modules.rs` only (`#[path]`).

// ----- Source text ---------------------------------------------------------------------

pub fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `src` with its comments (`//`, doc comments, nested `/* */`) blanked, and its string and
/// char literals too unless `keep_strings`. Newlines stay, so a line number still points
/// into the file.
pub fn blank(src: &str, keep_strings: bool) -> String {
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
pub fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
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
pub fn without_tests(blanked: &str) -> String {
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
pub fn code_of(src: &str) -> String {
    without_tests(&blank(src, false))
}

// ----- Tokens and paths ----------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

/// The tokens of blanked code, each with its line (from 1).
pub fn tokens(code: &str) -> Vec<(Tok, usize)> {
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
pub struct Named {
    pub segs: Vec<String>,
    /// `use a::b::*`
    pub glob: bool,
    /// The name a `use` binds (`use a::b` binds `b`, `use a::{self as x}` binds `x`).
    pub binds: Option<String>,
    pub line: usize,
}

/// Every path the code names: each leaf of each `use` tree, and each path of two or more
/// segments elsewhere (`crate::io::store::load`, `super::msg::Msg`, `Mode::Normal`).
pub fn named_paths(code: &str) -> Vec<Named> {
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
pub fn use_tree(t: &[(Tok, usize)], i: &mut usize, prefix: &[String], out: &mut Vec<Named>) {
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

// ----- Text searches -------------------------------------------------------------------

/// Raw paths starting with `prefix` (`["std", "fs"]` finds `use std::{fs, ..}`,
/// `use std::fs::File` and `std::fs::read(..)`).
pub fn std_paths(code: &str, prefix: &[&str]) -> Vec<usize> {
    named_paths(code)
        .into_iter()
        .filter(|n| n.segs.len() >= prefix.len() && n.segs.iter().zip(prefix).all(|(a, b)| a == b))
        .map(|n| n.line)
        .collect()
}

/// The lines (from 1) where `needle` occurs in `code`, not as the tail of a longer name
/// (`fs::` is not in `prefs::`).
pub fn lines_of(code: &str, needle: &str) -> Vec<usize> {
    let word = needle.starts_with(is_ident);
    code.match_indices(needle)
        .filter(|(i, _)| !(word && code[..*i].chars().next_back().is_some_and(is_ident)))
        .map(|(i, _)| code[..i].matches('\n').count() + 1)
        .collect()
}

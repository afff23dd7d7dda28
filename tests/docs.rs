//! The docs keep step with the code: the README's key list names only keys the app binds,
//! and every key of the normal screens appears in it; the key table reads as a table.

use hipaudit::tui::keymap::{BINDINGS, Binding, Context};

/// The README's key list: the lines between its markers.
fn readme_keys() -> Vec<String> {
    let text = std::fs::read_to_string("README.md").unwrap();
    let begin = text
        .find("<!-- keys:begin -->")
        .expect("the README marks its key list");
    let end = text.find("<!-- keys:end -->").expect("the key list ends");
    text[begin..end].lines().map(str::to_string).collect()
}

/// Every backticked token of a line.
fn ticked(line: &str) -> Vec<String> {
    line.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// `1`–`6` stands for each digit between.
fn expand(tokens: &[String], line: &str) -> Vec<String> {
    let mut out = tokens.to_vec();
    if line.contains("`1`–`6`") {
        out.extend((1..=6).map(|d| d.to_string()));
    }
    out
}

fn labels(b: &Binding) -> Vec<String> {
    b.keys.iter().map(|k| k.label()).collect()
}

#[test]
fn every_key_of_the_normal_screens_is_in_the_readme() {
    let lines = readme_keys();
    let all: Vec<String> = lines.iter().flat_map(|l| expand(&ticked(l), l)).collect();
    let mut missing = Vec::new();
    for b in BINDINGS.iter().filter(|b| !b.context.is_modal()) {
        if !labels(b).iter().any(|k| all.contains(k)) {
            missing.push(format!("{:?} {:?} ({})", b.context, labels(b), b.help));
        }
    }
    assert!(
        missing.is_empty(),
        "keys the README does not list: {missing:#?}"
    );
}

#[test]
fn every_key_the_readme_lists_first_on_a_line_is_bound() {
    let bound: Vec<String> = BINDINGS.iter().flat_map(labels).collect();
    let mut unknown = Vec::new();
    for line in readme_keys().iter().filter(|l| l.starts_with("- `")) {
        let first = &ticked(line)[0];
        // `1`–`6`, `e`/`Enter`: each named key of the first token.
        for k in first.split('/').map(str::trim).filter(|k| !k.is_empty()) {
            let known = bound.contains(&k.to_string())
                || [
                    "1",
                    "←",
                    "→",
                    "Home",
                    "End",
                    "Ctrl-u",
                    "Ctrl-k",
                    "Ctrl-w",
                    "Backspace",
                    "~",
                ]
                .contains(&k);
            if !known {
                unknown.push(format!("{k}: {line}"));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "keys the README lists but the app does not bind: {unknown:#?}"
    );
}

#[test]
fn the_key_table_is_one_row_a_line() {
    let src = std::fs::read_to_string("src/tui/keymap.rs").unwrap();
    let rows = src
        .lines()
        .filter(|l| l.trim_start().starts_with("r(C::"))
        .count();
    assert_eq!(
        rows,
        BINDINGS.len(),
        "every row of BINDINGS on a line of its own"
    );
    // The modal screens list their keys in the key bar from the same rows.
    assert!(
        BINDINGS
            .iter()
            .any(|b| b.context == Context::Editor && b.bar.is_some())
    );
}

#[test]
fn every_test_the_data_safety_promises_name_exists_where_they_say() {
    let doc = std::fs::read_to_string("docs/DATA-SAFETY.md").unwrap();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for row in doc.lines().filter(|l| l.starts_with('|')) {
        let ticked = ticked(row);
        let mut file: Option<String> = None;
        for t in ticked {
            if (t.starts_with("tests/") || t.starts_with("src/")) && t.ends_with(".rs") {
                file = Some(t);
                continue;
            }
            // A test's name (possibly cut short with …) after the file that holds it.
            let looks_like_test = t.len() > 20
                && t.trim_end_matches('…')
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let Some(f) = &file else { continue };
            if !looks_like_test {
                continue;
            }
            let src = std::fs::read_to_string(f).unwrap_or_default();
            let stem = t.trim_end_matches('…');
            if !src.contains(&format!("fn {stem}")) {
                wrong.push(format!("{f}: {t}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 25, "{checked} named tests checked");
    assert!(
        wrong.is_empty(),
        "named in docs/DATA-SAFETY.md but not there: {wrong:#?}"
    );
}

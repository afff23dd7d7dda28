//! One report model: the report is built once as a typed value and rendered to Markdown,
//! HTML and Word from it. No renderer parses another's output (the library does not even
//! depend on a Markdown parser), the level colours are set in one place, and the three
//! renderings of the demo's report hold the same sections.

use std::path::{Path, PathBuf};

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::scoring::RiskLevel;
use hipaudit::exchange::export::ExportFormat;

#[path = "common/reports.rs"]
mod reports;
use reports::{demo, docx_part, text, today};

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let t = std::fs::read_to_string(&p).unwrap();
                out.push((p, t));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    assert!(out.len() > 50, "{}", out.len());
    out
}

#[test]
fn no_renderer_parses_markdown_or_another_renderers_output() {
    let mut found = Vec::new();
    for (p, t) in sources() {
        if t.contains("pulldown_cmark") {
            found.push(format!("{} parses Markdown", p.display()));
        }
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        // The HTML and Word renderers take the model, never the Markdown of it.
        if name.starts_with("html") || name.starts_with("docx") {
            for other in ["doc_md::", "markdown::markdown", "requests::markdown"] {
                if t.contains(other) {
                    found.push(format!("{} renders from {other}", p.display()));
                }
            }
        }
    }
    let cargo =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = cargo
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    if deps.contains("pulldown-cmark") {
        found.push("Cargo.toml: the library depends on a Markdown parser".into());
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_level_colours_are_set_in_one_place() {
    let mut found = Vec::new();
    for (p, t) in sources() {
        if p.ends_with("domain/scoring.rs") {
            continue;
        }
        let upper = t.to_uppercase();
        for l in RiskLevel::ALL {
            if upper.contains(l.fill()) {
                found.push(format!("{} spells {}'s colour", p.display(), l.label()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    // And every format that colours levels uses them.
    let html = text(ExportFormat::Html, false);
    let bytes =
        hipaudit::exchange::export::export_bytes(&demo(), ExportFormat::Docx, false, today())
            .unwrap();
    let word = docx_part(&bytes, "word/document.xml");
    // The workbook's Gaps sheet colours its level column (the demo's gaps span every level).
    let xlsx =
        hipaudit::exchange::export::export_bytes(&demo(), ExportFormat::Xlsx, false, today())
            .unwrap();
    let styles = docx_part(&xlsx, "xl/styles.xml");
    for l in RiskLevel::ALL {
        assert!(html.contains(&format!("background: #{}", l.fill())), "{l}");
        assert!(word.contains(&format!("w:fill=\"{}\"", l.fill())), "{l}");
        assert!(styles.contains(l.fill()), "{l}: {styles}");
    }
}

#[test]
fn markdown_html_and_word_render_the_same_sections_of_one_model() {
    let o = hipaudit::exchange::markdown::Options {
        today: today(),
        redact: false,
        window: 60,
        omit_unanswered: false,
    };
    let r = hipaudit::exchange::markdown::report(Catalog::builtin(), &demo(), &o);
    assert!(r.sections.len() > 8);
    let md = text(ExportFormat::Md, false);
    let html = text(ExportFormat::Html, false);
    let bytes =
        hipaudit::exchange::export::export_bytes(&demo(), ExportFormat::Docx, false, today())
            .unwrap();
    let word = docx_part(&bytes, "word/document.xml");
    for s in &r.sections {
        assert!(md.contains(&format!("\n## {}\n", s.title)), "{}", s.title);
        assert!(
            html.contains(&format!("<h2 id=\"{}\">{}</h2>", s.anchor, s.title)),
            "{}",
            s.title
        );
        assert!(word.contains(&format!(">{}</w:t>", s.title)), "{}", s.title);
    }
    // The matrices are typed, not markers in text: the HTML draws three coloured grids.
    assert_eq!(html.matches("<table class=\"matrix\">").count(), 3);
}

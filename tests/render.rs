//! The deliverable as a client sees it: the DOCX opened by LibreOffice and the HTML printed by
//! Chromium, both to PDF, then read back with poppler's `pdftotext`. These need programs CI
//! does not install (LibreOffice alone is a 300 MB download), so they are ignored by default
//! and run by hand after changing a report writer:
//!
//! ```sh
//! cargo test --test all render:: -- --ignored
//! ```
//!
//! Each one fails (never skips) when its program is missing, so a run that passes means the
//! check was made. docs/MANUAL.md's report section keeps the last result.

use std::path::Path;
use std::process::Command;

use hipaudit::exchange::export::{ExportFormat, Extras, export_bytes, export_bytes_with};

#[path = "common/analysis.rs"]
#[allow(dead_code)]
mod analysis;
#[path = "common/letterhead.rs"]
mod letterhead;

/// The report's sections, in order, as their headings read.
const SECTIONS: [&str; 12] = [
    "Contents",
    "Document control",
    "Executive summary",
    "Scope and methodology",
    "Gap and remediation plan",
    "Risk analysis",
    "Business associates",
    "Meeting minutes",
    "Statement of limitations",
    "Sign-off",
    "Appendix A: Answers by area",
    "Appendix B: Evidence",
];

fn demo_bytes(format: ExportFormat) -> Vec<u8> {
    demo_bytes_with(format, false, None)
}

/// The demo's report, with the unanswered questions left out or not, in a Word template.
fn demo_bytes_with(format: ExportFormat, omit: bool, template: Option<Vec<u8>>) -> Vec<u8> {
    let ws = hipaudit::io::store::from_ron(hipaudit::io::paths::DEMO, Path::new("demo.ron"))
        .expect("the demo loads");
    let o = hipaudit::exchange::markdown::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        redact: false,
        window: 60,
        omit_unanswered: omit,
    };
    let extras = Extras {
        template: template.as_deref(),
        ..Extras::default()
    };
    export_bytes_with(&ws, format, &o, &extras).expect("the report is written")
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The PDF's pages as text (`pdftotext` separates pages with form feeds).
fn pages(pdf: &Path) -> Vec<String> {
    assert!(have("pdftotext"), "pdftotext (poppler-utils) is needed");
    let o = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Every section starts a page of its own, in order, and the cover comes first; every page
/// is numbered "Page N of M".
fn assert_sections_start_pages(pages: &[String], what: &str) {
    for (i, p) in pages.iter().enumerate() {
        let n = format!("Page {} of {}", i + 1, pages.len());
        assert!(p.contains(&n), "{what}: page {} lacks '{n}':\n{p}", i + 1);
    }
    assert!(
        pages[0].contains("Riverside Family Clinic") && pages[0].contains("Confidential"),
        "{what}: the cover names the client and says confidential:\n{}",
        pages[0]
    );
    let mut from = 1;
    for s in SECTIONS {
        let at = pages[from..]
            .iter()
            .position(|p| p.trim_start().starts_with(s))
            .map(|i| i + from)
            .unwrap_or_else(|| panic!("{what}: no page starts with the section '{s}'"));
        from = at + 1;
    }
    // No heading stranded at the foot of a page (a heading is followed by text): the
    // sections', the areas' of the answers appendix, the risk analysis's parts.
    let areas = ["Privacy", "Administrative", "NIST", "Risk"];
    // The contents list every heading, over more than one page once the findings are many:
    // the body starts at document control.
    let body = pages
        .iter()
        .position(|p| p.trim_start().starts_with("Document control"))
        .unwrap_or(0);
    for (i, p) in pages.iter().enumerate().skip(body) {
        // The footer's line is the last; the line above it is the page's last text.
        let lines: Vec<&str> = p
            .trim_end()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains(" of "))
            .collect();
        let last = lines.last().copied().unwrap_or("");
        assert!(
            !SECTIONS.contains(&last) && !areas.contains(&last),
            "{what}: '{last}' is the last line of page {}",
            i + 1
        );
    }
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; run by hand (see the file's header)"]
fn the_docx_report_opens_in_libreoffice_with_every_section_on_a_new_page() {
    let d = tempfile::tempdir().unwrap();
    let pdf = libreoffice_pdf(d.path(), "demo-report", &demo_bytes(ExportFormat::Docx));
    let pages = pages(&pdf);
    assert!(pages.len() > SECTIONS.len(), "{} pages", pages.len());
    assert_sections_start_pages(&pages, "docx");
    let all = pages.concat();
    assert!(
        all.contains("ADM-BA-02") && all.contains("BA-03"),
        "gaps and vendors rendered"
    );
    eprintln!("docx: {} pages in LibreOffice", pages.len());
}

#[test]
#[ignore = "needs Chromium and poppler-utils; run by hand (see the file's header)"]
fn the_html_report_prints_in_chromium_with_every_section_on_a_new_page() {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| have(b))
        .expect("Chromium is needed");
    for (name, omit) in [("demo-report-html", false), ("demo-report-html-omit", true)] {
        let d = tempfile::tempdir().unwrap();
        let pages = chromium_pages(browser, d.path(), name, omit);
        assert!(pages.len() > SECTIONS.len(), "{} pages", pages.len());
        assert_sections_start_pages(&pages, name);
        eprintln!("html ({name}): {} pages in Chromium", pages.len());
    }
}

/// Prints the demo's HTML report with Chromium; returns its pages' text.
fn chromium_pages(browser: &str, dir: &Path, name: &str, omit: bool) -> Vec<String> {
    let d = dir;
    let html = d.join(format!("{name}.html"));
    std::fs::write(&html, demo_bytes_with(ExportFormat::Html, omit, None)).unwrap();
    let pdf = d.join(format!("{name}.pdf"));
    let o = Command::new(browser)
        .env("HOME", d)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "Chromium did not print it: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    if let Some(keep) = std::env::var_os("HIPAUDIT_RENDER_KEEP") {
        std::fs::copy(&pdf, Path::new(&keep).join(format!("{name}.pdf"))).unwrap();
    }
    pages(&pdf)
}

/// Converts a Word file to PDF with LibreOffice, in `dir`; returns the PDF's path. With
/// `HIPAUDIT_RENDER_KEEP=DIR` the PDF is also copied there, to look at its pages.
fn libreoffice_pdf(dir: &Path, name: &str, docx: &[u8]) -> std::path::PathBuf {
    assert!(have("soffice"), "LibreOffice (soffice) is needed");
    let path = dir.join(format!("{name}.docx"));
    std::fs::write(&path, docx).unwrap();
    let o = Command::new("soffice")
        .env("HOME", dir)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    assert!(
        o.status.success() && pdf.exists(),
        "LibreOffice did not convert it: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    if let Some(keep) = std::env::var_os("HIPAUDIT_RENDER_KEEP") {
        std::fs::copy(&pdf, Path::new(&keep).join(format!("{name}.pdf"))).unwrap();
    }
    pdf
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; run by hand (see the file's header)"]
fn the_risk_analysis_part_opens_in_libreoffice_with_its_tables_and_axis_titles() {
    let d = tempfile::tempdir().unwrap();
    let ws = analysis::small();
    let bytes = export_bytes(&ws, ExportFormat::Docx, false, analysis::report_day()).unwrap();
    let pages = pages(&libreoffice_pdf(d.path(), "risk-analysis", &bytes));
    let start = pages
        .iter()
        .position(|p| p.trim_start().starts_with("Risk analysis"))
        .expect("a page starts with the risk analysis");
    let n = pages[start..]
        .iter()
        .take_while(|p| !p.trim_start().starts_with("Business associates"))
        .count();
    let part = pages[start..start + n].concat();
    for needle in [
        "Inventory of ePHI",
        "Front-desk workstations",
        "Cloudchart EHR → Reference lab",
        "Impact",
        "Likelihood",
        "Inherent risk, as rated",
        "Treatment plan",
        "due for",
    ] {
        assert!(
            part.contains(needle),
            "{needle} not in the rendered part:\n{part}"
        );
    }
    // Ids and dates stay whole in their cells.
    for whole in ["ADM-CP-03", "2026-11-04", "2027-01-15"] {
        assert!(part.contains(whole), "{whole} broken in a cell:\n{part}");
    }
    eprintln!(
        "risk analysis: pages {}-{} of {} in LibreOffice",
        start + 1,
        start + n,
        pages.len()
    );
}

/// A letterhead template (with its own footer and without one): every page still reads
/// "Page N of M", the letterhead is on every page, and the table text fits its columns in
/// the template's font: no level or column title is cut inside its cell.
#[test]
#[ignore = "needs LibreOffice and poppler-utils; run by hand (see the file's header)"]
fn the_docx_report_in_a_letterhead_keeps_page_numbers_and_whole_words() {
    let d = tempfile::tempdir().unwrap();
    let own = pages(&libreoffice_pdf(
        d.path(),
        "demo-report",
        &demo_bytes(ExportFormat::Docx),
    ))
    .concat();
    for (name, footer) in [("letterhead", true), ("letterhead-no-footer", false)] {
        let bytes = demo_bytes_with(
            ExportFormat::Docx,
            false,
            Some(letterhead::letterhead(footer)),
        );
        // The letterhead's header line first on every page, then the page's own text.
        let pages: Vec<String> = pages(&libreoffice_pdf(d.path(), name, &bytes))
            .iter()
            .map(|p| p.replacen("NORTHWIND IT SERVICES", "", 1))
            .collect();
        assert_sections_start_pages(&pages, name);
        assert_eq!(
            all_pages_with_letterhead(d.path(), name),
            pages.len(),
            "{name}: the letterhead on every page"
        );
        for (i, p) in pages.iter().enumerate() {
            if footer {
                assert!(p.contains("1 Harbour Way"), "{name}: page {}", i + 1);
            }
        }
        let all = pages.concat();
        // A word cut at its last letter leaves its stem on one line and the letter on the
        // next: every stem is the whole word.
        for word in [
            "Moderate",
            "Score",
            "Likelihood",
            "Status",
            "Owner",
            "Partial",
        ] {
            let stem = &word[..word.len() - 1];
            assert!(own.contains(word), "{word} in our own report");
            assert_eq!(
                all.matches(stem).count(),
                all.matches(word).count(),
                "{name}: '{word}' broken inside a cell"
            );
        }
        eprintln!("docx ({name}): {} pages in LibreOffice", pages.len());
    }
}

/// `--omit-unanswered` in Word: no empty heading, every page numbered, sections in order.
#[test]
#[ignore = "needs LibreOffice and poppler-utils; run by hand (see the file's header)"]
fn the_docx_report_without_the_unanswered_has_no_empty_heading() {
    let d = tempfile::tempdir().unwrap();
    let bytes = demo_bytes_with(ExportFormat::Docx, true, None);
    let pages = pages(&libreoffice_pdf(d.path(), "demo-report-omit", &bytes));
    assert_sections_start_pages(&pages, "docx --omit-unanswered");
    assert!(!pages.concat().contains("Answer: Unanswered"));
    eprintln!(
        "docx --omit-unanswered: {} pages in LibreOffice",
        pages.len()
    );
}

/// How many pages of the kept PDF show the letterhead's header.
fn all_pages_with_letterhead(dir: &Path, name: &str) -> usize {
    pages(&dir.join(format!("{name}.pdf")))
        .iter()
        .filter(|p| p.contains("NORTHWIND IT SERVICES"))
        .count()
}

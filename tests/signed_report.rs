//! The report as a document a consultant signs: contents (a Word TOC field over bookmarked
//! headings, links in HTML, a list in Markdown), document control, an attestation above the
//! signatures, signature rows tall enough to sign, no empty heading with
//! `--omit-unanswered`, and a letterhead template that keeps "Page N of M".

use hipaudit::exchange::export::{ExportFormat, Extras, export_bytes, export_bytes_with};
use hipaudit::exchange::markdown::Options;

#[path = "common/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{demo, docx_part, text, today};
#[path = "common/letterhead.rs"]
mod letterhead;

fn options(omit: bool) -> Options {
    Options {
        today: today(),
        redact: false,
        window: 60,
        omit_unanswered: omit,
    }
}

fn docx_with(template: Option<&[u8]>) -> Vec<u8> {
    let extras = Extras {
        template,
        ..Extras::default()
    };
    export_bytes_with(&demo(), ExportFormat::Docx, &options(false), &extras).unwrap()
}

/// The `w:val` of each paragraph style in order, with the paragraph's XML.
fn paragraphs(xml: &str) -> Vec<(String, &str)> {
    xml.split("<w:p>")
        .skip(1)
        .map(|p| {
            let style = p
                .split("<w:pStyle w:val=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .to_string();
            (style, p)
        })
        .collect()
}

#[test]
fn the_word_report_has_a_toc_field_over_bookmarked_headings_updated_on_opening() {
    let bytes = export_bytes(&demo(), ExportFormat::Docx, false, today()).unwrap();
    let doc = docx_part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\""));
    let headings: Vec<&str> = paragraphs(&doc)
        .into_iter()
        .filter(|(s, _)| s == "Heading1" || s == "Heading2")
        .map(|(_, p)| p)
        .collect();
    assert!(headings.len() > 12, "{}", headings.len());
    for h in &headings {
        let name = h
            .split("<w:bookmarkStart w:id=\"")
            .nth(1)
            .and_then(|b| b.split("w:name=\"").nth(1))
            .and_then(|b| b.split('"').next())
            .unwrap_or_else(|| panic!("a heading without a bookmark: {h}"));
        assert!(
            doc.contains(&format!("w:anchor=\"{name}\"")),
            "the contents link to {name}"
        );
    }
    assert!(docx_part(&bytes, "word/settings.xml").contains("<w:updateFields w:val=\"true\"/>"));
    assert!(docx_part(&bytes, "[Content_Types].xml").contains("/word/settings.xml"));
    // The contents' own heading is not one of them.
    assert!(!headings.iter().any(|h| h.contains(">Contents<")));
}

#[test]
fn the_html_report_links_every_section_from_its_contents() {
    let html = text(ExportFormat::Html, false);
    let ids: Vec<&str> = html
        .split("<h2 id=\"")
        .skip(1)
        .map(|h| h.split('"').next().unwrap())
        .collect();
    let titles: Vec<&str> = html
        .split("<h2 id=\"")
        .skip(1)
        .map(|h| h.split('>').nth(1).unwrap().split("</h2").next().unwrap())
        .collect();
    assert!(ids.len() > 10);
    for (id, title) in ids.iter().zip(&titles) {
        if *title == "Contents" {
            continue;
        }
        assert!(
            html.contains(&format!("<a href=\"#{id}\">{title}</a>")),
            "no link to {title}"
        );
    }
    // Markdown: a short list of the sections.
    let md = text(ExportFormat::Md, false);
    let contents = md.split("## Contents\n").nth(1).unwrap();
    let list: Vec<&str> = contents
        .split("\n## ")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect();
    let sections: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|s| *s != "Contents")
        .collect();
    assert_eq!(list, sections);
}

#[test]
fn document_control_shows_the_version_history_and_distribution() {
    let md = text(ExportFormat::Md, false);
    let dc = md
        .split("## Document control\n")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    assert!(dc.contains("| Version | 1\\.0 |"), "{dc}");
    assert!(dc.contains("| Date | 2026-11-28 |"));
    assert!(dc.contains("| 0\\.9 | 2026-11-20 | Draft for the review meeting with the practice |"));
    for d in [
        "- Dr. Priya Nair, practice owner",
        "- Dana Whitfield, practice manager and privacy officer",
    ] {
        assert!(dc.contains(d), "{d}");
    }
    assert!(dc.contains("CISSP, HCISPP (Lead assessor)"));
}

#[test]
fn the_attestation_precedes_the_signatures_and_they_have_room_to_sign() {
    let md = text(ExportFormat::Md, false);
    let attest = md.find("**Attestation.**").expect("an attestation");
    let table = md.find("| | Assessor | Client representative |").unwrap();
    assert!(attest < table && md[..attest].contains("## Sign-off"));
    let a = &md[attest..table];
    assert!(a.contains("point-in-time") && a.contains("information provided"));
    assert!(md[table..].contains("| Role | Lead assessor |"));
    assert!(md[table..].contains("| Credentials | CISSP, HCISPP |"));
    let bytes = export_bytes(&demo(), ExportFormat::Docx, false, today()).unwrap();
    let doc = docx_part(&bytes, "word/document.xml");
    let (a, s) = (
        doc.find(">Attestation.<").unwrap(),
        doc.find(">Signature<").unwrap(),
    );
    assert!(a < s);
    let row = &doc[doc[..s].rfind("<w:tr>").unwrap()..s];
    assert!(
        row.contains("<w:trHeight w:val=\"680\" w:hRule=\"atLeast\"/>"),
        "{row}"
    );
    let html = text(ExportFormat::Html, false);
    assert!(html.contains("<tr class=\"sign\">\n<td class=\"nw\">Signature</td>"));
    // The answers come after, as an appendix.
    assert!(md.find("## Appendix A: Answers by area").unwrap() > table);
}

/// Each heading's level, in order (Markdown).
fn heading_levels(md: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut last_was_heading = false;
    for l in md.lines() {
        if l.trim().is_empty() {
            continue;
        }
        let level = l.chars().take_while(|c| *c == '#').count();
        if level > 0 && l[level..].starts_with(' ') {
            out.push((level, l));
            last_was_heading = true;
        } else {
            if last_was_heading {
                out.push((0, ""));
            }
            last_was_heading = false;
        }
    }
    out
}

#[test]
fn omitting_the_unanswered_never_leaves_an_empty_heading() {
    let mut fresh = demo();
    fresh.answers.clear();
    for ws in [demo(), fresh] {
        let md = String::from_utf8(
            export_bytes_with(&ws, ExportFormat::Md, &options(true), &Extras::default()).unwrap(),
        )
        .unwrap();
        let levels = heading_levels(&md);
        for w in levels.windows(2) {
            let ((a, ha), (b, hb)) = (w[0], w[1]);
            assert!(
                !(a > 0 && b > 0 && b <= a),
                "'{ha}' is followed directly by '{hb}'"
            );
        }
        assert!(!md.contains("Answer: **Unanswered**"));
    }
}

#[test]
fn a_letterhead_template_keeps_page_n_of_m_in_its_footer_or_gets_ours() {
    for footer in [true, false] {
        let bytes = docx_with(Some(&letterhead::letterhead(footer)));
        let doc = docx_part(&bytes, "word/document.xml");
        let name = if footer {
            "word/footer1.xml"
        } else {
            "word/footer-hipaudit.xml"
        };
        let f = docx_part(&bytes, name);
        assert!(
            f.contains(" PAGE ") && f.contains(" NUMPAGES "),
            "{name}: {f}"
        );
        if footer {
            assert!(
                f.contains("1 Harbour Way"),
                "the letterhead's own line stays"
            );
        }
        let rels = docx_part(&bytes, "word/_rels/document.xml.rels");
        let sect = &doc[doc.rfind("<w:sectPr").unwrap()..];
        let id = sect
            .split("<w:footerReference w:type=\"default\" r:id=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a footer on every page");
        assert!(rels.contains(&format!("Id=\"{id}\"")));
        assert!(
            docx_part(&bytes, "word/settings.xml").contains("<w:updateFields w:val=\"true\"/>")
        );
        // Table text at the size it was measured for, in cells with our margins.
        assert!(doc.contains("<w:sz w:val=\"17\"/>"));
        assert!(doc.contains("<w:tblCellMar><w:left w:w=\"80\""));
    }
}

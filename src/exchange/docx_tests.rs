//! The Word writer's tests (kept apart so that docx.rs stays under 600 lines), on small
//! hand-built reports.
use super::*;
use crate::domain::scoring::RiskLevel;
use crate::exchange::doc_model::{Doc, Row, TEXT, t};
use std::io::Read;

fn report(build: impl FnOnce(&mut Doc)) -> Report {
    let mut d = Doc::default();
    build(&mut d);
    d.into_report("T".into())
}

#[test]
fn control_characters_and_markup_never_break_the_xml() {
    let r = report(|d| {
        d.heading(1, "T");
        d.p(t("A \u{1b}[31mred\u{7} <b>&</b> \"q\""));
    });
    let xml = document_xml(&r, SECTION);
    assert!(!xml.contains('\u{1b}') && !xml.contains('\u{7}'));
    assert!(xml.contains("&lt;b&gt;") && xml.contains("&amp;") && xml.contains("&quot;q"));
    assert!(!xml.contains("<b>"), "{xml}");
}

#[test]
fn word_renders_every_block_of_the_model() {
    let r = report(|d| {
        d.heading(1, "T");
        d.section("Contents");
        d.toc();
        d.section("S");
        d.matrix(Some([[1, 0, 0, 0, 0]; 5]));
        d.section("T");
        d.li("a");
        d.sub("b");
        d.task(true, "c");
        d.section("Sign");
        d.table(&[("", TEXT), ("Assessor", TEXT)]);
        d.add_row(Row {
            cells: crate::cells!["Signature", ""],
            signature: true,
        });
    });
    let xml = document_xml(&r, SECTION);
    crate::exchange::xml_check::well_formed(&xml).unwrap();
    assert!(xml.contains("<w:tblHeader/>"));
    assert!(
        xml.contains(&format!("w:fill=\"{}\"", RiskLevel::VeryLow.fill())),
        "{xml}"
    );
    // A count in a matrix cell is bold.
    assert!(xml.contains(
        "<w:b/><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr><w:t xml:space=\"preserve\">VL (1)"
    ));
    assert_eq!(
        xml.matches("<w:pageBreakBefore/>").count(),
        4,
        "a page of its own for each section"
    );
    assert!(
        xml.contains("w:left=\"720\""),
        "nested list indented: {xml}"
    );
    assert!(xml.contains("☑ "));
    // The contents: a real field, the sections after it as links to their bookmarks.
    assert!(xml.contains("TOCHeading") && xml.contains(" TOC \\o"));
    assert_eq!(xml.matches("w:anchor=\"_Toc").count(), 3);
    // The signature row is tall enough to sign.
    assert!(xml.contains("<w:trHeight w:val=\"680\" w:hRule=\"atLeast\"/>"));
}

#[test]
fn wide_tables_get_landscape_pages_without_empty_sections_between() {
    let wide = |d: &mut Doc| {
        d.table(&[("a", TEXT); 8]);
        d.row(crate::cells!["1", "2", "3", "4", "5", "6", "7", "8"]);
    };
    let r = report(|d| {
        d.heading(1, "T");
        d.section("One");
        d.li("x");
        d.section("Two");
        wide(d);
        d.section("Three");
        wide(d);
        d.section("Four");
        d.li("y");
    });
    let xml = document_xml(&r, SECTION);
    let landscape = "w:orient=\"landscape\"";
    // Portrait up to Two; Two and Three landscape, sharing the break between them; Four
    // portrait again, in the body's own last section.
    assert_eq!(xml.matches("<w:sectPr>").count(), 4, "{xml}");
    assert_eq!(xml.matches(landscape).count(), 2);
    assert_eq!(xml.matches("<w:pageBreakBefore/>").count(), 1, "only One's");
    let two = xml.find(">Two<").unwrap();
    let three = xml.find(">Three<").unwrap();
    let four = xml.find(">Four<").unwrap();
    let breaks: Vec<usize> = xml.match_indices("<w:sectPr>").map(|(i, _)| i).collect();
    assert!(breaks[0] < two && two < breaks[1] && breaks[1] < three);
    assert!(three < breaks[2] && breaks[2] < four && four < breaks[3]);
    assert!(
        !xml[breaks[3]..].contains(landscape),
        "the last section is portrait"
    );
    assert!(
        xml.contains("<w:tblW w:w=\"13320\""),
        "landscape tables are wider"
    );
    // A wide table last: the body's own section is the landscape one, and a paragraph
    // closes the table.
    let r = report(|d| {
        d.heading(1, "T");
        d.section("One");
        d.li("x");
        d.section("Two");
        wide(d);
    });
    let xml = document_xml(&r, SECTION);
    assert_eq!(xml.matches("<w:sectPr>").count(), 2);
    assert!(xml.ends_with(&format!(
        "</w:tbl><w:p/>{}</w:body></w:document>",
        Page::from_sect(SECTION).landscape
    )));
}

#[test]
fn a_template_gives_its_section_and_a_non_docx_is_refused() {
    let meta = Meta {
        title: "t",
        creator: "c",
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    };
    let x = report(|d| d.heading(1, "x"));
    assert!(docx(&x, &meta, Some(b"not a zip")).is_err());
    // A template: our own output with a letterhead section.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(b"<w:document><w:body><w:p/><w:sectPr><w:headerReference r:id=\"rId9\"/></w:sectPr></w:body></w:document>").unwrap();
    z.start_file("word/header1.xml", o).unwrap();
    z.write_all(b"<w:hdr>LETTERHEAD</w:hdr>").unwrap();
    let template = z.finish().unwrap().into_inner();
    let out = docx(&report(|d| d.heading(1, "Report")), &meta, Some(&template)).unwrap();
    let mut r = zip::ZipArchive::new(Cursor::new(out)).unwrap();
    let mut doc = String::new();
    r.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    assert!(doc.contains("headerReference") && doc.contains("Report"));
    assert!(r.by_name("word/header1.xml").is_ok());
}

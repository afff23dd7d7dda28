//! The Word writer's tests (kept apart so that docx.rs stays under 600 lines).
use super::*;

#[test]
fn control_characters_and_markup_never_break_the_xml() {
    let md = "# T\n\nA \u{1b}[31mred\u{7} <b>&</b> \"q\"\n";
    let xml = document_xml(md, SECTION);
    assert!(!xml.contains('\u{1b}') && !xml.contains('\u{7}'));
    assert!(xml.contains("&lt;b&gt;") && xml.contains("&amp;") && xml.contains("&quot;q"));
    assert!(!xml.contains("<b>"), "{xml}");
}

#[test]
fn tables_repeat_their_header_and_the_matrix_is_coloured() {
    let md = "## S\n\n| Likelihood ＼ Impact | 1 |\n| --- | --- |\n| 5 | **VH (1)** |\n\n## T\n\n- a\n  - b\n";
    let xml = document_xml(md, SECTION);
    assert!(xml.contains("<w:tblHeader/>"));
    assert!(xml.contains("w:fill=\"E8615A\""), "{xml}");
    assert_eq!(
        xml.matches("<w:pageBreakBefore/>").count(),
        2,
        "a page of its own for each section, the first after the cover"
    );
    assert!(
        xml.contains("w:left=\"720\""),
        "nested list indented: {xml}"
    );
}

#[test]
fn wide_tables_get_landscape_pages_without_empty_sections_between() {
    let wide = "| a | b | c | d | e | f | g | h |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n";
    let md =
        format!("# T\n\n## One\n\n- x\n\n## Two\n\n{wide}\n## Three\n\n{wide}\n## Four\n\ny\n");
    let xml = document_xml(&md, SECTION);
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
    let xml = document_xml(&format!("# T\n\n## One\n\nx\n\n## Two\n\n{wide}"), SECTION);
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
    assert!(docx("# x", &meta, Some(b"not a zip")).is_err());
    // A template: our own output with a letterhead section.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(b"<w:document><w:body><w:p/><w:sectPr><w:headerReference r:id=\"rId9\"/></w:sectPr></w:body></w:document>").unwrap();
    z.start_file("word/header1.xml", o).unwrap();
    z.write_all(b"<w:hdr>LETTERHEAD</w:hdr>").unwrap();
    let template = z.finish().unwrap().into_inner();
    let out = docx("# Report", &meta, Some(&template)).unwrap();
    let mut r = zip::ZipArchive::new(Cursor::new(out)).unwrap();
    let mut doc = String::new();
    r.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    assert!(doc.contains("headerReference") && doc.contains("Report"));
    assert!(r.by_name("word/header1.xml").is_ok());
}

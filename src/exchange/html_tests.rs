//! The HTML renderer on a small hand-built report.
use super::*;
use crate::exchange::doc_model::{Doc, NUM, Row, TEXT, b, t};

fn sample() -> Report {
    let mut d = Doc::default();
    d.heading(1, "Report <for> A&B");
    d.section("Contents");
    d.toc();
    d.section("Summary");
    d.p(crate::inl![
        b("Note:"),
        t(" <script>alert(1)</script> [x](javascript:y)")
    ]);
    d.heading(3, "Matrix");
    d.matrix(Some([
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 2],
    ]));
    d.section("Sign-off");
    d.table(&[("", TEXT), ("Assessor", TEXT), ("Count", NUM)]);
    d.row(crate::cells!["Name", "Jordan Reyes", "3"]);
    d.add_row(Row {
        cells: crate::cells!["Signature", "", ""],
        signature: true,
    });
    d.section("Wide");
    d.table(&[("a", TEXT); 8]);
    d.li("one");
    d.into_report("Report <for> A&B".into())
}

#[test]
fn html_renders_every_block_of_the_model_and_escapes_its_text() {
    let h = render(&sample());
    assert!(
        h.contains("<title>Report &lt;for&gt; A&amp;B</title>"),
        "{h}"
    );
    assert!(h.contains("<h1>Report &lt;for&gt; A&amp;B</h1>"));
    assert!(!h.contains("<script>") && h.contains("&lt;script&gt;"));
    assert!(!h.contains("href=\"javascript"));
    // The contents link to the sections after them.
    assert!(h.contains(
        "<ol class=\"toc\"><li><a href=\"#sec-2\">Summary</a></li><li><a href=\"#sec-3\">Sign-off</a></li><li><a href=\"#sec-4\">Wide</a></li></ol>"
    ));
    // A heading kept with its first paragraph; the matrix coloured from the levels' fills.
    assert!(
        h.contains("<div class=\"keep\"><h2 id=\"sec-2\">Summary</h2>\n<p><strong>Note:</strong>")
    );
    assert!(h.contains("<td class=\"VH\">VH (2)</td>"), "{h}");
    assert!(h.contains(&format!(
        ".VH {{ background: #{};",
        RiskLevel::VeryHigh.fill()
    )));
    // The signature row gets room to sign; numbers are right-aligned.
    assert!(h.contains("<tr class=\"sign\">\n<td class=\"nw\">Signature</td>"));
    assert!(h.contains("<td style=\"text-align: right\">3</td>"));
    // A section with an eight-column table prints on landscape pages.
    assert!(
        h.contains("<section class=\"wide\">\n<div class=\"keep\"><h2 id=\"sec-4\">Wide</h2>"),
        "{h}"
    );
}

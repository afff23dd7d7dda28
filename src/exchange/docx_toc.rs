//! The Word report's table of contents: a bookmark on every Heading 1 and Heading 2, and a
//! real `TOC` field in place of the Markdown's list of sections. The field's result is
//! written out (each entry a link to its heading's bookmark), and the settings ask Word to
//! update fields on opening, so the page numbers come from its own layout.

use crate::exchange::docx_parts::esc;

/// Where the table of contents goes in the body, until every heading is known.
pub const PLACEHOLDER: &str = "<!--hipaudit-toc-->";

/// A heading of the contents: its level (1 or 2, Word's) and text, and its bookmark.
pub struct Entry {
    pub level: usize,
    pub text: String,
    pub bookmark: String,
}

/// The bookmark name of the `n`th heading (Word hides bookmarks whose name starts with `_`).
pub fn bookmark_name(n: usize) -> String {
    format!("_Toc{:08}", n)
}

/// A heading's runs between the start and the end of its bookmark.
pub fn bookmarked(runs: &str, id: usize, name: &str) -> String {
    format!(
        "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{runs}<w:bookmarkEnd w:id=\"{id}\"/>"
    )
}

/// The `TOC` field over Heading 1 and 2, its result the entries as links without page
/// numbers (no page is known before a word processor lays the pages out; Word rebuilds the
/// result with them on opening, LibreOffice on Tools > Update). `width` is the text width,
/// where the page numbers are set against the right margin.
pub fn toc_xml(entries: &[Entry], width: usize) -> String {
    let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    let para = |level: usize, runs: &str| {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"TOC{level}\"/><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{width}\"/></w:tabs><w:spacing w:before=\"0\" w:after=\"40\"/><w:ind w:left=\"{}\"/></w:pPr>{runs}</w:p>",
            (level - 1) * 240
        )
    };
    if entries.is_empty() {
        return para(1, &format!("{begin}{end}"));
    }
    let mut out = String::new();
    for (i, e) in entries.iter().enumerate() {
        let link = format!(
            "<w:hyperlink w:anchor=\"{b}\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:hyperlink>",
            esc(&e.text),
            b = e.bookmark,
        );
        let first = if i == 0 { begin } else { "" };
        let last = if i + 1 == entries.len() { end } else { "" };
        out.push_str(&para(e.level, &format!("{first}{link}{last}")));
    }
    out
}

/// `word/settings.xml` with `updateFields` (the contents and page numbers filled in on
/// opening): the template's settings with it added where the schema puts it, or our own.
pub fn settings_xml(template: Option<&str>) -> String {
    const UPDATE: &str = "<w:updateFields w:val=\"true\"/>";
    let Some(t) = template else {
        return format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{}\">{UPDATE}</w:settings>",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        );
    };
    if t.contains("<w:updateFields") {
        return t.to_string();
    }
    // CT_Settings is a sequence: updateFields comes before these, after everything else.
    let after = [
        "<w:hdrShapeDefaults",
        "<w:footnotePr",
        "<w:endnotePr",
        "<w:compat",
        "<w:docVars",
        "<w:rsids",
        "<m:mathPr",
        "<w:attachedSchema",
        "<w:themeFontLang",
        "<w:clrSchemeMapping",
        "<w:doNotIncludeSubdocsInStats",
        "<w:doNotAutoCompressPictures",
        "<w:forceUpgrade",
        "<w:captions",
        "<w:readModeInkLockDown",
        "<w:smartTagType",
        "<sl:schemaLibrary",
        "<w:shapeDefaults",
        "<w:doNotEmbedSmartTags",
        "<w:decimalSymbol",
        "<w:listSeparator",
        "</w:settings>",
    ];
    match after.iter().filter_map(|a| t.find(a)).min() {
        Some(at) => format!("{}{UPDATE}{}", &t[..at], &t[at..]),
        // A self-closing `<w:settings/>`: nothing to add it to.
        None => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_fields_goes_where_the_schema_puts_it() {
        let t = "<w:settings><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/><w:compat/><w:rsids/></w:settings>";
        let s = settings_xml(Some(t));
        assert!(
            s.contains(
                "<w:defaultTabStop w:val=\"720\"/><w:updateFields w:val=\"true\"/><w:compat/>"
            ),
            "{s}"
        );
        assert_eq!(settings_xml(Some(&s)), s, "added once");
        assert!(settings_xml(None).contains("<w:updateFields w:val=\"true\"/>"));
        let toc = toc_xml(
            &[Entry {
                level: 1,
                text: "A & B".into(),
                bookmark: bookmark_name(1),
            }],
            9000,
        );
        crate::exchange::xml_check::well_formed(&format!("<w:body xmlns:w=\"w\">{toc}</w:body>"))
            .unwrap();
        assert!(toc.contains("TOC \\o \"1-2\"") && toc.contains("w:anchor=\"_Toc00000001\""));
    }
}

//! The report fitted to a consultant's template: table columns measured in the template's
//! font (a wider font than our Calibri broke "Score" and "Moderate" inside their cells),
//! "Page N of M" kept in the footer (added to a letterhead footer that has none, or our own
//! footer when the template has none), and the fields updated on opening.

use crate::exchange::docx_parts::{footer_xml, page_numbers};
use crate::exchange::docx_template::attr;

type Parts = Vec<(String, Vec<u8>)>;

const FOOTER_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
const SETTINGS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
const FOOTER_CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
const SETTINGS_CT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
/// The footer hipaudit adds to a template without one, and its relationship.
const OWN_FOOTER: &str = "word/footer-hipaudit.xml";
const OWN_FOOTER_ID: &str = "rIdHipauditFooter";

fn text_of<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, d)| std::str::from_utf8(d).ok())
}

fn set(parts: &mut Parts, name: &str, text: String) {
    match parts.iter_mut().find(|(n, _)| n == name) {
        Some(p) => p.1 = text.into_bytes(),
        None => parts.push((name.to_string(), text.into_bytes())),
    }
}

/// The start tags of the `<tag …>` elements in `xml`.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(end) = after.find('>') else { break };
        if after.starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>') {
            out.push(&rest[i..i + open.len() + end + 1]);
        }
        rest = &after[end..];
    }
    out
}

/// Adds a relationship and a content type override to the template's package.
fn add_part(parts: &mut Parts, id: &str, kind: &str, target: &str, content_type: &str) {
    let rels = "word/_rels/document.xml.rels";
    let r = text_of(parts, rels).unwrap_or(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>",
    );
    let rel = format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>");
    let r = r.replacen("</Relationships>", &format!("{rel}</Relationships>"), 1);
    set(parts, rels, r);
    if let Some(ct) = text_of(parts, "[Content_Types].xml") {
        let o = format!("<Override PartName=\"/word/{target}\" ContentType=\"{content_type}\"/>");
        let ct = ct.replacen("</Types>", &format!("{o}</Types>"), 1);
        set(parts, "[Content_Types].xml", ct);
    }
}

/// "Page N of M" on every page of a template's report: each footer the section uses gets the
/// line when it has no page field; a section without a default footer gets ours. Returns the
/// section properties, with our footer's reference when it was added.
pub fn page_numbers_kept(parts: &mut Parts, sect: &str, title: &str) -> String {
    let rels = text_of(parts, "word/_rels/document.xml.rels").unwrap_or_default();
    let targets: Vec<(String, String)> = elements(rels, "Relationship")
        .into_iter()
        .filter_map(|e| Some((attr(e, "Id")?.to_string(), attr(e, "Target")?.to_string())))
        .collect();
    let mut has_default = false;
    for r in elements(sect, "w:footerReference") {
        let Some(id) = attr(r, "r:id") else { continue };
        let Some((_, target)) = targets.iter().find(|(i, _)| i == id) else {
            continue;
        };
        has_default |= attr(r, "w:type").is_none_or(|t| t == "default");
        let name = format!(
            "word/{}",
            target.trim_start_matches('/').trim_start_matches("word/")
        );
        if let Some(footer) = text_of(parts, &name)
            && !footer.contains("PAGE")
            && footer.contains("</w:ftr>")
        {
            let f = footer.replacen("</w:ftr>", &format!("{}</w:ftr>", page_numbers("Page ")), 1);
            set(parts, &name, f);
        }
    }
    if has_default || parts.iter().any(|(n, _)| n == OWN_FOOTER) {
        return sect.to_string();
    }
    set(parts, OWN_FOOTER, footer_xml(title));
    add_part(
        parts,
        OWN_FOOTER_ID,
        FOOTER_TYPE,
        "footer-hipaudit.xml",
        FOOTER_CT,
    );
    let reference = format!("<w:footerReference w:type=\"default\" r:id=\"{OWN_FOOTER_ID}\"/>");
    match sect.find('>') {
        Some(i) if sect[..i].ends_with('/') => {
            format!("{}>{reference}</w:sectPr>", &sect[..i - 1])
        }
        Some(i) => format!("{}{reference}{}", &sect[..=i], &sect[i + 1..]),
        None => sect.to_string(),
    }
}

/// The template's settings ask for the fields (the contents, the page numbers) to be updated
/// on opening; a template without settings gets ours.
pub fn update_fields(parts: &mut Parts) {
    let name = "word/settings.xml";
    match text_of(parts, name) {
        Some(t) => {
            let t = crate::exchange::docx_toc::settings_xml(Some(t));
            set(parts, name, t);
        }
        None => {
            set(parts, name, crate::exchange::docx_toc::settings_xml(None));
            add_part(
                parts,
                "rIdHipauditSettings",
                SETTINGS_TYPE,
                "settings.xml",
                SETTINGS_CT,
            );
        }
    }
}

/// How wide the template's table text is against Calibri's, in percent: the table style's
/// font, else the normal style's, else the document default (a theme font read from the
/// theme). An unknown font is taken as a wide one, so words still fit.
pub fn font_pct(parts: &Parts) -> usize {
    let Some(styles) = text_of(parts, "word/styles.xml") else {
        return 100;
    };
    let style = |pred: &dyn Fn(&str) -> bool| {
        styles
            .split("<w:style ")
            .skip(1)
            .find(|s| pred(s.split('>').next().unwrap_or_default()))
            .map(|s| s.split("</w:style>").next().unwrap_or_default())
    };
    let table = style(&|h| h.contains("w:styleId=\"TableGrid\""));
    let normal = style(&|h| h.contains("w:type=\"paragraph\"") && h.contains("w:default=\"1\""));
    let defaults = styles.split("<w:docDefaults").nth(1);
    let font = [table, normal, defaults]
        .into_iter()
        .flatten()
        .find_map(|s| elements(s, "w:rFonts").into_iter().next());
    let Some(f) = font else { return 100 };
    let name = match (attr(f, "w:ascii"), attr(f, "w:asciiTheme")) {
        (Some(n), _) => n.to_string(),
        (None, Some(theme)) => {
            let which = if theme.starts_with("major") {
                "<a:majorFont>"
            } else {
                "<a:minorFont>"
            };
            text_of(parts, "word/theme/theme1.xml")
                .and_then(|t| t.split(which).nth(1))
                .and_then(|t| elements(t, "a:latin").into_iter().next())
                .and_then(|l| attr(l, "typeface"))
                .unwrap_or("Calibri")
                .to_string()
        }
        (None, None) => return 100,
    };
    width_of(&name)
}

/// A font's average width against Calibri's, in percent (metric twins share a figure).
fn width_of(font: &str) -> usize {
    let f = font.to_ascii_lowercase();
    let known: [(&[&str], usize); 14] = [
        (&["calibri", "carlito"], 100),
        (&["garamond", "eb garamond"], 96),
        (&["times", "liberation serif", "tinos", "nimbus roman"], 100),
        (&["cambria", "caladea"], 108),
        (&["aptos"], 106),
        (&["segoe ui", "trebuchet"], 110),
        (
            &[
                "arial",
                "helvetica",
                "liberation sans",
                "arimo",
                "nimbus sans",
            ],
            113,
        ),
        (&["tahoma"], 113),
        (&["georgia"], 116),
        (&["book antiqua", "palatino", "p052"], 112),
        (&["dejavu sans", "verdana"], 132),
        (&["dejavu serif"], 132),
        (&["century gothic", "urw gothic"], 130),
        (&["courier", "consolas", "mono"], 130),
    ];
    known
        .iter()
        .find(|(names, _)| names.iter().any(|n| f.starts_with(n)))
        .map_or(120, |(_, pct)| *pct)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(name: &str, text: &str) -> (String, Vec<u8>) {
        (name.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn a_letterhead_footer_without_page_numbers_gets_them_and_no_footer_gets_ours() {
        let rels = "<Relationships><Relationship Id=\"rId7\" Type=\"x/footer\" Target=\"footer1.xml\"/></Relationships>";
        let mut parts = vec![
            part("word/_rels/document.xml.rels", rels),
            part("[Content_Types].xml", "<Types></Types>"),
            part(
                "word/footer1.xml",
                "<w:ftr><w:p><w:r><w:t>Northwind, 1 Main St</w:t></w:r></w:p></w:ftr>",
            ),
        ];
        let sect = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId7\"/></w:sectPr>";
        assert_eq!(page_numbers_kept(&mut parts, sect, "T"), sect);
        let footer = text_of(&parts, "word/footer1.xml").unwrap();
        assert!(
            footer.contains("Northwind")
                && footer.contains(" PAGE ")
                && footer.contains(" NUMPAGES ")
        );
        // Once is enough.
        let again = footer.to_string();
        page_numbers_kept(&mut parts, sect, "T");
        assert_eq!(text_of(&parts, "word/footer1.xml").unwrap(), again);
        // No footer at all: ours, referenced from the section and declared in the package.
        let sect = page_numbers_kept(
            &mut parts,
            "<w:sectPr w:rsidR=\"1\"><w:pgSz w:w=\"11906\"/></w:sectPr>",
            "T",
        );
        assert!(
            sect.starts_with("<w:sectPr w:rsidR=\"1\"><w:footerReference"),
            "{sect}"
        );
        assert!(text_of(&parts, OWN_FOOTER).unwrap().contains(" NUMPAGES "));
        assert!(
            text_of(&parts, "word/_rels/document.xml.rels")
                .unwrap()
                .contains(OWN_FOOTER_ID)
        );
        assert!(
            text_of(&parts, "[Content_Types].xml")
                .unwrap()
                .contains("/word/footer-hipaudit.xml")
        );
        assert!(page_numbers_kept(&mut Vec::new(), "<w:sectPr/>", "T").ends_with("</w:sectPr>"));
    }

    #[test]
    fn the_table_font_is_read_from_the_template() {
        let styles = |body: &str| vec![part("word/styles.xml", body)];
        assert_eq!(
            font_pct(&styles(
                "<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Verdana\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"
            )),
            132
        );
        let table_style = "<w:styles><w:docDefaults><w:rFonts w:ascii=\"Calibri\"/></w:docDefaults><w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:rPr><w:rFonts w:ascii=\"Arial\"/></w:rPr></w:style></w:styles>";
        assert_eq!(font_pct(&styles(table_style)), 113);
        let mut themed = styles(
            "<w:styles><w:docDefaults><w:rFonts w:asciiTheme=\"minorHAnsi\"/></w:docDefaults></w:styles>",
        );
        themed.push(part("word/theme/theme1.xml", "<a:theme><a:majorFont><a:latin typeface=\"Calibri Light\"/></a:majorFont><a:minorFont><a:latin typeface=\"Georgia\"/></a:minorFont></a:theme>"));
        assert_eq!(font_pct(&themed), 116);
        assert_eq!(width_of("Some Letterhead Font"), 120);
        assert_eq!(font_pct(&Vec::new()), 100);
    }
}

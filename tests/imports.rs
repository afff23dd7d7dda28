//! Every spreadsheet import (`import --from`, `import --requests`, `vendors --import`) is as
//! strict as the strictest: each hostile sheet below is fed to each importer through the real
//! binary, and each is refused with FILE:LINE, changing nothing. Exports import back as they
//! were written (the formula guard comes off).

mod common;
use common::run;

use std::path::{Path, PathBuf};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn new_workspace(dir: &Path) -> PathBuf {
    let p = dir.join("w.ron");
    let o = run(dir, &["new", p.to_str().unwrap(), "--client", "Riverside"]);
    assert!(o.status.success(), "{}", stderr(&o));
    p
}

/// One importer: how it is run, its header, and rows that are good on their own. `row(key,
/// value)` is a row for thing `key` (0 or 1) with `value` in its free-text column; `dated`
/// puts a date in the column that says when something happened, if it has one.
/// A row for thing `key` with a value in its free-text column.
type RowFn = Box<dyn Fn(usize, &str) -> String>;
/// A row whose date column holds the given date.
type DatedFn = Box<dyn Fn(&str) -> String>;

struct Importer {
    name: &'static str,
    flag: fn(&Path, &Path) -> Vec<String>,
    header: &'static str,
    row: RowFn,
    dated: Option<DatedFn>,
}

fn importers(dir: &Path, ws: &Path) -> Vec<Importer> {
    let c = hipaudit::domain::catalog::Catalog::builtin();
    let q = [c.questions[0].id.clone(), c.questions[1].id.clone()];
    // Two items of the request list, as its own CSV names them.
    let list = dir.join("requests.csv");
    let o = run(
        dir,
        &[
            "export",
            ws.to_str().unwrap(),
            "--format",
            "requests",
            "--as",
            "csv",
            "-o",
            list.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(&list).unwrap();
    let items: Vec<String> = r
        .records()
        .take(2)
        .map(|x| x.unwrap()[2].to_string())
        .collect();
    let item = move |k: usize| format!("\"{}\"", items[k].replace('"', "\"\""));
    let item2 = item.clone();
    vec![
        Importer {
            name: "answers",
            flag: |ws, f| {
                [
                    "import",
                    ws.to_str().unwrap(),
                    "--from",
                    f.to_str().unwrap(),
                ]
                .map(String::from)
                .to_vec()
            },
            header: "id,answer,note",
            row: Box::new(move |k, v| format!("{},yes,{v}", q[k])),
            dated: None,
        },
        Importer {
            name: "requests",
            flag: |ws, f| {
                [
                    "import",
                    ws.to_str().unwrap(),
                    "--requests",
                    f.to_str().unwrap(),
                ]
                .map(String::from)
                .to_vec()
            },
            header: "item,received,questions",
            row: Box::new(move |k, v| format!("{},yes,{v}", item(k))),
            dated: Some(Box::new(move |d| format!("{},{d},", item2(0)))),
        },
        Importer {
            name: "vendors",
            flag: |ws, f| {
                [
                    "vendors",
                    ws.to_str().unwrap(),
                    "--import",
                    f.to_str().unwrap(),
                ]
                .map(String::from)
                .to_vec()
            },
            header: "name,phi,notes,baa_signed",
            row: Box::new(|k, v| format!("{},yes,{v},", ["Acme Billing", "ShredCo"][k])),
            dated: Some(Box::new(|d| format!("Acme Billing,yes,,{d}"))),
        },
    ]
}

#[test]
fn every_import_refuses_every_hostile_sheet_with_its_line_and_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let sheet = d.path().join("in.csv");
    let big = "x".repeat(3 << 20);
    for imp in importers(d.path(), &ws) {
        let row = |k, v: &str| (imp.row)(k, v);
        let mut cases: Vec<(&str, String, &str, &str)> = vec![
            (
                "an unterminated quote",
                format!(
                    "{}\n{}\n{}\n{}\n",
                    imp.header,
                    row(0, "a"),
                    row(1, "\"never closed"),
                    row(0, "a")
                ),
                ":3: ",
                "never closed",
            ),
            (
                "a stray quote",
                format!("{}\n{}\n{}\n", imp.header, row(0, "a"), row(1, "ab\"c")),
                ":3: ",
                "stray quote",
            ),
            (
                "the same row with other values",
                format!(
                    "{}\n{}\n{}\n{}\n",
                    imp.header,
                    row(0, "a"),
                    row(1, "b"),
                    row(0, "c")
                ),
                ":4: ",
                "also on line 2",
            ),
            (
                "a cell of 3 MB",
                format!("{}\n{}\n{}\n", imp.header, row(0, "a"), row(1, &big)),
                ":3: ",
                "KiB a workspace text may hold",
            ),
        ];
        if let Some(dated) = &imp.dated {
            cases.push((
                "a date after today",
                format!("{}\n{}\n", imp.header, dated("2027-01-05")),
                ":2: ",
                "after today",
            ));
        }
        for (what, text, line, reason) in cases {
            std::fs::write(&sheet, &text).unwrap();
            let before = std::fs::read(&ws).unwrap();
            let o = run(
                d.path(),
                &(imp.flag)(&ws, &sheet)
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            );
            let err = stderr(&o);
            assert_eq!(
                o.status.code(),
                Some(1),
                "{} took {what}: {}",
                imp.name,
                stdout(&o)
            );
            assert!(
                err.contains(&format!("in.csv{line}")) && err.contains(reason),
                "{} on {what}: {err}",
                imp.name
            );
            assert!(err.contains("nothing was changed"), "{}: {err}", imp.name);
            assert!(
                err.len() < 2000,
                "{} echoed the sheet: {} bytes",
                imp.name,
                err.len()
            );
            assert_eq!(
                std::fs::read(&ws).unwrap(),
                before,
                "{} on {what}",
                imp.name
            );
        }
        // An exact repeat is harmless: read once.
        let text = format!("{}\n{}\n{}\n", imp.header, row(0, "a"), row(0, "a"));
        std::fs::write(&sheet, text).unwrap();
        let o = run(
            d.path(),
            &(imp.flag)(&ws, &sheet)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        assert!(o.status.success(), "{}: {}", imp.name, stderr(&o));
    }
}

#[test]
fn an_error_quotes_at_most_80_characters_of_a_huge_cell() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let sheet = d.path().join("in.csv");
    // Under the text limit, so the message quotes it: cut, cleaned.
    let cell = format!("\x1b[2J{}", "y".repeat(900_000));
    for (args, text, column) in [
        (
            "--requests",
            format!("item,received\n{cell},yes\n"),
            "item '",
        ),
        (
            "--from",
            format!("id,answer\nADM-CP-05,{cell}\n"),
            "answer '",
        ),
    ] {
        std::fs::write(&sheet, text).unwrap();
        let o = run(
            d.path(),
            &[
                "import",
                ws.to_str().unwrap(),
                args,
                sheet.to_str().unwrap(),
            ],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args}");
        assert!(err.len() < 600, "{args}: {} bytes of error", err.len());
        assert!(
            err.contains(&format!("in.csv:2: {column}")) && err.contains('…'),
            "{args}: {err}"
        );
        assert!(!err.contains('\x1b'), "{args}: raw escape");
    }
}

#[test]
fn a_vendor_listing_imports_back_without_gaining_a_quote() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let w = ws.to_str().unwrap();
    let sheet = d.path().join("v.csv");
    std::fs::write(
        &sheet,
        "name,service,phi,notes\n\"=HYPERLINK(\"\"x\"\")\",-billing,no,@note\n'quoted,+1 555,no,\n",
    )
    .unwrap();
    let o = run(
        d.path(),
        &["vendors", w, "--import", sheet.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let names = |d: &Path| -> Vec<(String, String, String)> {
        let o = run(d, &["vendors", w, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["name"].as_str().unwrap().to_string(),
                    v["service"].as_str().unwrap().to_string(),
                    v["id"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let first = names(d.path());
    assert_eq!(first[0].0, "=HYPERLINK(\"x\")");
    assert_eq!(first[1].0, "'quoted", "the user's own quote is kept");
    for round in 0..2 {
        let o = run(d.path(), &["vendors", w, "--format", "csv"]);
        assert!(
            stdout(&o).contains("'=HYPERLINK"),
            "the listing guards formulas"
        );
        std::fs::write(&sheet, &o.stdout).unwrap();
        let o = run(
            d.path(),
            &["vendors", w, "--import", sheet.to_str().unwrap()],
        );
        assert!(o.status.success(), "round {round}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("0 changes"),
            "round {round}: {}",
            stdout(&o)
        );
        assert_eq!(names(d.path()), first, "round {round}");
    }
}

#[test]
fn evidence_cannot_expire_before_it_was_collected() {
    let d = tempfile::tempdir().unwrap();
    let ws = new_workspace(d.path());
    let file = d.path().join("policy.pdf");
    std::fs::write(&file, b"policy").unwrap();
    let before = std::fs::read(&ws).unwrap();
    let o = run(
        d.path(),
        &[
            "evidence",
            ws.to_str().unwrap(),
            "add",
            "ADM-CP-05",
            file.to_str().unwrap(),
            "--collected",
            "2026-11-01",
            "--expires",
            "2026-10-31",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("before the collection date"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    // The same day is fine.
    let o = run(
        d.path(),
        &[
            "evidence",
            ws.to_str().unwrap(),
            "add",
            "ADM-CP-05",
            file.to_str().unwrap(),
            "--collected",
            "2026-11-01",
            "--expires",
            "2026-11-01",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Every export an importer reads, read back unchanged, changes nothing: the board's CSV
/// (plain and redacted), the register's CSV and the request list's CSV, on the demo, whose
/// board shows values that come from elsewhere (a project's owner, a vendor's renewal date, a
/// risk's acceptance review, profile-adjusted ratings) and plans a redacted copy hides.
/// The board's CSV once stored each of those as if the assessor had typed it.
#[test]
fn every_export_read_back_unchanged_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    std::fs::write(&p, hipaudit::io::paths::DEMO).unwrap();
    let ps = p.to_str().unwrap();
    let before = std::fs::read(&p).unwrap();
    let file = |name: &str| d.path().join(name).to_str().unwrap().to_string();
    let exports: [(Vec<String>, Vec<String>); 4] = [
        (
            vec![
                "export".into(),
                ps.into(),
                "--format".into(),
                "csv".into(),
                "-o".into(),
                file("g.csv"),
            ],
            vec!["import".into(), ps.into(), "--from".into(), file("g.csv")],
        ),
        (
            vec![
                "export".into(),
                ps.into(),
                "--format".into(),
                "csv".into(),
                "--redact".into(),
                "-o".into(),
                file("r.csv"),
            ],
            vec!["import".into(), ps.into(), "--from".into(), file("r.csv")],
        ),
        (
            vec![
                "export".into(),
                ps.into(),
                "--format".into(),
                "requests".into(),
                "--as".into(),
                "csv".into(),
                "-o".into(),
                file("q.csv"),
            ],
            vec![
                "import".into(),
                ps.into(),
                "--requests".into(),
                file("q.csv"),
            ],
        ),
        (
            vec![],
            vec![
                "vendors".into(),
                ps.into(),
                "--import".into(),
                file("v.csv"),
            ],
        ),
    ];
    let o = run(d.path(), &["vendors", ps, "--format", "csv"]);
    std::fs::write(file("v.csv"), &o.stdout).unwrap();
    for (export, import) in exports {
        if !export.is_empty() {
            let args: Vec<&str> = export.iter().map(String::as_str).collect();
            let o = run(d.path(), &args);
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        }
        let args: Vec<&str> = import.iter().map(String::as_str).collect();
        let o = run(d.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("0 "), "{args:?}: {}", stdout(&o));
        assert_eq!(
            std::fs::read(&p).unwrap(),
            before,
            "{args:?} changed the workspace:\n{}",
            stdout(&o)
        );
    }
}

/// A name that differs from one on record only by invisible characters or a no-break space
/// is that one: `vendors --import` updates the vendor instead of adding a second of the same
/// visible name, and a cell with nothing visible changes nothing (found by attack).
#[test]
fn invisible_characters_never_make_a_second_vendor_or_clear_an_owner() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    std::fs::write(&p, hipaudit::io::paths::DEMO).unwrap();
    let ps = p.to_str().unwrap();
    let vendors_before = hipaudit::io::store::load(&p).unwrap().0.vendors.len();
    let csv = d.path().join("v.csv");
    std::fs::write(
        &csv,
        "name,service\nSwiftScribe\u{a0}Transcription,dictation\nSwift\u{200b}Scribe Transcription,dictation\n",
    )
    .unwrap();
    let o = run(
        d.path(),
        &["vendors", ps, "--import", csv.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ws = hipaudit::io::store::load(&p).unwrap().0;
    assert_eq!(ws.vendors.len(), vendors_before, "{}", stdout(&o));
    let owner = ws.remediation("ADM-BA-02").owner;
    let cell = d.path().join("o.csv");
    std::fs::write(&cell, "id,owner\nADM-BA-02,\u{200b}\n").unwrap();
    let o = run(d.path(), &["import", ps, "--from", cell.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        hipaudit::io::store::load(&p)
            .unwrap()
            .0
            .remediation("ADM-BA-02")
            .owner,
        owner
    );
}

/// A register entry's rating edited in the board's sheet is not imported, and the import
/// says so instead of reporting "0 changes" in silence (found by attack).
#[test]
fn a_register_entrys_rating_in_the_board_sheet_is_refused_aloud() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.ron");
    std::fs::write(&p, hipaudit::io::paths::DEMO).unwrap();
    let csv = d.path().join("r.csv");
    std::fs::write(&csv, "id,likelihood\nR-06,5\n").unwrap();
    let o = run(
        d.path(),
        &[
            "import",
            p.to_str().unwrap(),
            "--from",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("note: R-06"), "{}", stdout(&o));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        hipaudit::io::paths::DEMO
    );
}

//! Export and import through the command line: where `export` writes and when it refuses,
//! what `import` applies or rejects, a CSV export imported into a fresh workspace, the request
//! list, the report's options and the Word letterhead template. The in-process exports and
//! their golden files are in `reports.rs`; the helpers both use in `common/reports.rs`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::gaps;
use hipaudit::domain::workspace::Workspace;
use hipaudit::exchange::export::ExportFormat;
use hipaudit::io::paths::DEMO;

#[path = "common/reports.rs"]
mod reports;
use reports::{docx_part, hipaudit, text};

#[test]
fn export_writes_beside_the_workspace_and_refuses_to_overwrite_without_force() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("clinic.ron");
    std::fs::write(&p, DEMO).unwrap();
    let ps = p.to_str().unwrap();
    let o = hipaudit(d.path())
        .args(["export", ps, "--format", "html"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = d.path().join("clinic-report.html");
    assert!(out.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let o = hipaudit(d.path())
        .args(["export", ps, "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = hipaudit(d.path())
        .args(["export", ps, "--format", "html", "--force"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let custom = d.path().join("x.csv");
    let o = hipaudit(d.path())
        .args([
            "export",
            ps,
            "--format",
            "csv",
            "-o",
            custom.to_str().unwrap(),
            "--redact",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(custom.exists());
}

/// id, owner, due, status, likelihood, impact, plan
type BoardRow = (String, String, Option<NaiveDate>, String, u8, u8, String);

fn new_workspace(d: &Path, name: &str) -> PathBuf {
    let p = d.join(name);
    let o = hipaudit(d)
        .args(["new", p.to_str().unwrap(), "--client", "Fresh Clinic"])
        .output()
        .unwrap();
    assert!(o.status.success());
    p
}

#[test]
fn import_applies_a_good_file_and_logs_it() {
    let d = tempfile::tempdir().unwrap();
    let p = new_workspace(d.path(), "w.ron");
    let c = Catalog::builtin();
    let ids: Vec<&str> = c.questions.iter().take(3).map(|q| q.id.as_str()).collect();
    let csv_path = d.path().join("in.csv");
    std::fs::write(
        &csv_path,
        format!(
            "ID,Answer,Note,Owner,Due,Status,Ignored\n{},YES,\"Seen, signed\",,,,x\n{},no,,Dana Lee,2026-12-31,in progress,y\n{},N/A,not a clearinghouse,,,,z\n",
            ids[0], ids[1], ids[2]
        ),
    )
    .unwrap();
    let o = hipaudit(d.path())
        .args([
            "import",
            p.to_str().unwrap(),
            "--from",
            csv_path.to_str().unwrap(),
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("dry run"));
    assert!(
        hipaudit::io::store::load(&p).unwrap().0.answers.is_empty(),
        "a dry run writes nothing"
    );
    let o = hipaudit(d.path())
        .args([
            "import",
            p.to_str().unwrap(),
            "--from",
            csv_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("{}: answer Unanswered -> No", ids[1])),
        "{out}"
    );
    let (ws, _) = hipaudit::io::store::load(&p).unwrap();
    assert_eq!(ws.note(ids[0]), "Seen, signed");
    let r = ws.remediation(ids[1]);
    assert_eq!(
        (r.owner.as_str(), r.due.unwrap().to_string().as_str()),
        ("Dana Lee", "2026-12-31")
    );
    assert_eq!(
        r.status,
        hipaudit::domain::workspace::RemediationStatus::InProgress
    );
    assert!(
        ws.log
            .iter()
            .any(|c| c.id == ids[1] && c.field.name() == "owner")
    );
}

#[test]
fn one_bad_row_rejects_the_whole_file_and_names_the_line() {
    let d = tempfile::tempdir().unwrap();
    let p = new_workspace(d.path(), "w.ron");
    let before = std::fs::read(&p).unwrap();
    let id = &Catalog::builtin().questions[0].id;
    let good = &Catalog::builtin().questions[1].id;
    for (bad_row, reason) in [
        ("NOPE-XX-99,yes,,,,", "unknown id"),
        (&format!("{id},maybe,,,,") as &str, "answer 'maybe'"),
        (&format!("{id},no,,Bo,2026-13-45,") as &str, "not a date"),
    ] {
        let csv_path = d.path().join("bad.csv");
        std::fs::write(
            &csv_path,
            format!("id,answer,note,owner,due,status\n{good},yes,,,,\n{bad_row}\n"),
        )
        .unwrap();
        let o = hipaudit(d.path())
            .args([
                "import",
                p.to_str().unwrap(),
                "--from",
                csv_path.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("bad.csv:3:"), "{err}");
        assert!(err.contains(reason), "{err}");
        assert!(err.contains("nothing was changed"));
        assert_eq!(std::fs::read(&p).unwrap(), before, "all or nothing");
    }
}

#[test]
fn exporting_csv_and_importing_it_into_a_fresh_workspace_reproduces_the_board() {
    let d = tempfile::tempdir().unwrap();
    let src = d.path().join("demo.ron");
    std::fs::write(&src, DEMO).unwrap();
    let csv_path = d.path().join("board.csv");
    let o = hipaudit(d.path())
        .args([
            "export",
            src.to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            csv_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    // Register risks and vendors travel in the workspace file, not in a question import.
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let questions_only: String = text
        .lines()
        .filter(|l| !l.starts_with("R-") && !l.starts_with("BA-"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&csv_path, questions_only).unwrap();
    let fresh = new_workspace(d.path(), "fresh.ron");
    let o = hipaudit(d.path())
        .args([
            "import",
            fresh.to_str().unwrap(),
            "--from",
            csv_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (a, _) = hipaudit::io::store::load(&src).unwrap();
    let (b, _) = hipaudit::io::store::load(&fresh).unwrap();
    let strip = |ws: &Workspace| -> Vec<BoardRow> {
        gaps::derive(ws.catalog(), ws)
            .into_iter()
            .filter(|g| g.answer.is_some())
            .map(|g| {
                (
                    g.id,
                    g.owner,
                    g.due,
                    g.status.label().to_string(),
                    g.likelihood.get(),
                    g.impact.get(),
                    g.plan,
                )
            })
            .collect()
    };
    assert_eq!(strip(&a), strip(&b));
}

/// The full request list (`--all`) through the real binary: a new workspace asks for
/// something in every section, nothing twice, and it carries no note text.
#[test]
fn the_request_list_of_a_new_workspace_covers_every_section_once() {
    let d = tempfile::tempdir().unwrap();
    let home = d.path();
    let w = home.join("fresh.ron");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hipaudit"))
            .args(args)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("HIPAUDIT_TODAY", "2026-12-02")
            .output()
            .unwrap()
    };
    assert!(
        run(&["new", w.to_str().unwrap(), "--client", "Fresh"])
            .status
            .success()
    );
    let out = home.join("req.md");
    let o = run(&[
        "export",
        w.to_str().unwrap(),
        "--format",
        "requests",
        "--all",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!String::from_utf8_lossy(&o.stdout).contains("PHI"));
    let md = std::fs::read_to_string(out).unwrap();
    let c = Catalog::builtin();
    let sections: usize = hipaudit::domain::catalog::Area::ALL
        .iter()
        .map(|a| c.sections(*a).len())
        .sum();
    // The full list: a heading for every area (###) and for every section under it (####),
    // all in one section of the document.
    assert_eq!(
        md.matches("\n#### ").count(),
        sections,
        "a heading for every section"
    );
    assert_eq!(md.matches("\n## What to prepare").count(), 1);
    let items: Vec<&str> = md.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    let mut unique: Vec<String> = items.iter().map(|l| l.to_lowercase()).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), items.len());
}

/// The deliverable's sections, an N/A with a reason never reads "no justification", and
/// `--omit-unanswered` leaves the unanswered out of the appendix while the summary counts them.
#[test]
fn the_report_reads_as_a_deliverable_and_can_omit_the_unanswered() {
    let md = text(ExportFormat::Md, false);
    for heading in [
        "## Executive summary",
        "## Scope and methodology",
        "## Gap and remediation plan",
        "## Meeting minutes",
        "## Statement of limitations",
        "## Sign-off",
    ] {
        assert!(md.contains(heading), "{heading} missing");
    }
    assert!(md.contains("The highest risks in the register: "));
    assert!(
        !md.contains("no justification recorded"),
        "every demo N/A has its reason"
    );
    let d = tempfile::tempdir().unwrap();
    let w = d.path().join("demo.ron");
    std::fs::write(&w, hipaudit::io::paths::DEMO).unwrap();
    let out = d.path().join("r.md");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_hipaudit"))
        .args([
            "export",
            w.to_str().unwrap(),
            "--format",
            "md",
            "--omit-unanswered",
            "-o",
        ])
        .arg(&out)
        .env("HOME", d.path())
        .env("XDG_CONFIG_HOME", d.path().join("config"))
        .env("HIPAUDIT_TODAY", "2026-11-28")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let short = std::fs::read_to_string(out).unwrap();
    assert!(!short.contains("Answer: **Unanswered**"));
    assert!(md.contains("Answer: **Unanswered**"));
    let counted = |m: &str| {
        m.lines()
            .find(|l| l.contains("questions answered."))
            .map(str::to_string)
    };
    assert_eq!(
        counted(&short),
        counted(&md),
        "the summary still counts them"
    );
}

#[test]
fn the_word_report_takes_a_letterhead_template_and_refuses_what_is_not_one() {
    use std::io::Write;
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("demo.ron");
    std::fs::write(&ws, DEMO).unwrap();
    // A consultant's letterhead: a header part the section refers to, and its own styles.
    let template = d.path().join("letterhead.docx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&template).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        (
            "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml\"/></Types>",
        ),
        (
            "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"r\"><w:body><w:p/><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId7\"/></w:sectPr></w:body></w:document>",
        ),
        ("word/header1.xml", "<w:hdr>NORTHWIND IT SERVICES</w:hdr>"),
        ("word/styles.xml", "<w:styles>CONSULTANT STYLES</w:styles>"),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    let out = d.path().join("report.docx");
    let run = |args: &[&str]| hipaudit(d.path()).args(args).output().unwrap();
    let o = run(&[
        "export",
        ws.to_str().unwrap(),
        "--format",
        "docx",
        "--template",
        template.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let doc = docx_part(&bytes, "word/document.xml");
    assert!(doc.contains("headerReference") && doc.contains("Riverside Family Clinic"));
    assert!(docx_part(&bytes, "word/header1.xml").contains("NORTHWIND"));
    assert!(docx_part(&bytes, "word/styles.xml").contains("CONSULTANT STYLES"));
    assert!(
        docx_part(&bytes, "[Content_Types].xml").contains("document.main+xml"),
        "a .dotx's main part becomes a document's"
    );
    // Not a Word file: refused, nothing written.
    let bad = d.path().join("bad.docx");
    std::fs::write(&bad, b"just text").unwrap();
    let out2 = d.path().join("report2.docx");
    let o = run(&[
        "export",
        ws.to_str().unwrap(),
        "--format",
        "docx",
        "--template",
        bad.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a Word document"));
    assert!(!out2.exists());
    // A template for a format that has no use for one is a mistake worth saying.
    let o = run(&[
        "export",
        ws.to_str().unwrap(),
        "--format",
        "md",
        "--template",
        template.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    // config.ron's word_template styles every Word report without --template.
    let cfg = d.path().join("config/hipaudit");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.ron"),
        format!("(word_template: Some({:?}))", template.to_str().unwrap()),
    )
    .unwrap();
    let out3 = d.path().join("report3.docx");
    let o = run(&[
        "export",
        ws.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        out3.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out3).unwrap();
    assert!(docx_part(&bytes, "word/styles.xml").contains("CONSULTANT STYLES"));
}

//! The guard: every budgeted ratio measured in one run, printed as a table, with REGRESSION
//! on the lines past their budget and exit status 1 when there is one. Run by hand
//! (`cargo bench --bench guard`); CI runs only the tests.
//!
//! Whole processes are timed from outside, as a user meets them: `hipaudit check` against
//! the floor, a process that reads the same file and parses it with `ron` into `IgnoredAny`
//! (this bench binary run again with `HIPAUDIT_GUARD_FLOOR`), paired runs, medians.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::workspace::Actor;
use hipaudit::io::{store, synthetic};

const FLOOR_VAR: &str = "HIPAUDIT_GUARD_FLOOR";
const RUNS: usize = 15;

fn main() {
    if let Ok(path) = std::env::var(FLOOR_VAR) {
        floor(Path::new(&path));
        return;
    }
    // `cargo bench` passes `--bench` and maybe a filter: a filter picks groups by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |group: &str| filter.is_empty() || filter.iter().any(|f| group.contains(f));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let keep = std::env::var_os("HIPAUDIT_GUARD_KEEP").map(PathBuf::from);
    let place = keep.as_deref().unwrap_or(dir.path());
    let mut lines = Vec::new();
    if wanted("phases") {
        phases(place);
    }
    if wanted("load") {
        lines.extend(load_group(place));
    }
    if wanted("merge") {
        lines.extend(merge_group(place));
    }
    if wanted("keys") {
        lines.extend(key_group());
    }
    if wanted("reports") {
        lines.extend(report_group());
    }
    println!();
    println!(
        "{:<58} {:>11} {:>11} {:>7} {:>7}",
        "what", "measured", "against", "ratio", "budget"
    );
    let mut failed = 0;
    for l in &lines {
        let over = l.ratio() > l.budget;
        failed += usize::from(over);
        let (ratio, budget) = match l.against {
            Some(_) => (format!("{:.2}x", l.ratio()), format!("{:.1}x", l.budget)),
            None => ("—".into(), format!("{} ms", l.budget)),
        };
        println!(
            "{:<58} {:>11} {:>11} {ratio:>7} {budget:>7}{}",
            l.what,
            ms(l.measured),
            l.against.map(ms).unwrap_or_else(|| "—".into()),
            if over { "  REGRESSION" } else { "" }
        );
    }
    if failed > 0 {
        println!(
            "\nREGRESSION: {failed} of {} past their budget",
            lines.len()
        );
        std::process::exit(1);
    }
    println!("\nall {} within budget", lines.len());
}

/// One measured line: a ratio against a baseline, or (without one) a time against an
/// absolute budget in milliseconds.
struct Line {
    what: String,
    measured: Duration,
    against: Option<Duration>,
    budget: f64,
}

impl Line {
    fn ratio(&self) -> f64 {
        match self.against {
            Some(base) => self.measured.as_secs_f64() / base.as_secs_f64(),
            // Absolute: milliseconds, against a budget in milliseconds.
            None => self.measured.as_secs_f64() * 1e3,
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The floor: read the file, parse it with ron into nothing.
fn floor(path: &Path) {
    let bytes = std::fs::read(path).expect("the file");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let parsed: serde::de::IgnoredAny = ron::from_str(text).expect("RON");
    black_box(parsed);
}

fn time(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let st = cmd.status().expect("the process runs");
    let d = t.elapsed();
    assert!(st.success(), "{cmd:?} failed");
    d
}

fn hipaudit(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hipaudit"));
    c.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HIPAUDIT_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn floor_process(path: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("this bench"));
    c.env_clear().env(FLOOR_VAR, path).stdout(Stdio::null());
    c
}

/// Paired runs of two commands, alternating so both see the same machine; their medians.
fn paired(a: &mut Command, b: &mut Command) -> (Duration, Duration) {
    for _ in 0..2 {
        time(a);
        time(b);
    }
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        xs.push(time(a));
        ys.push(time(b));
    }
    (median(xs), median(ys))
}

/// Where a load's time goes, step by step, in this process (medians of 15): no budget, a
/// diagnosis for when a ratio passes its budget.
fn phases(place: &Path) {
    use hipaudit::domain::{analysis, board, catalog::Area, gaps};
    let catalog = Catalog::builtin();
    let path = place.join("phases.ron");
    store::save(&path, &synthetic::build(catalog, 5000, 1700)).expect("saved");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let mut steps = Steps::default();
    for _ in 0..RUNS {
        steps.start();
        let bytes = hipaudit::io::files::read_regular(&path).expect("read");
        steps.lap("read the file");
        black_box(hipaudit::io::files::content_hash(&bytes));
        steps.lap("hash it (the stamp)");
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        steps.lap("UTF-8 check");
        let floor: serde::de::IgnoredAny = ron::from_str(text).expect("RON");
        black_box(floor);
        steps.lap("(floor: ron into IgnoredAny)");
        let ws: hipaudit::domain::workspace::Workspace = ron::from_str(text).expect("RON");
        steps.lap("ron into the workspace model");
        black_box(ws.problems());
        steps.lap("load-time checks");
        let c = ws.catalog();
        for area in Area::ALL {
            black_box(board::progress(c, &ws, area));
        }
        steps.lap("check: progress per area");
        black_box(gaps::derive_all(c, &ws, today, 60));
        steps.lap("check: every gap derived");
        black_box(analysis::state(&ws, today));
        steps.lap("check: analysis state");
        black_box(ws.retired_ids(c).count());
        steps.lap("check: retired ids");
        drop(ws);
        steps.lap("drop the workspace");
    }
    steps.print("where a load of 5000 answers goes");
    // A merge's steps, as `hipaudit merge` takes them.
    let mut steps = Steps::default();
    let out = place.join("phases-merged.ron");
    for _ in 0..RUNS {
        steps.start();
        let (b, o, t) = std::thread::scope(|s| {
            let hb = s.spawn(|| store::load(&path).expect("loaded").0);
            let ho = s.spawn(|| store::load(&path).expect("loaded").0);
            let t = store::load(&path).expect("loaded").0;
            (hb.join().expect("b"), ho.join().expect("o"), t)
        });
        steps.lap("three loads side by side");
        let m = hipaudit::domain::merge::merge(&b, &o, &t);
        steps.lap("merge in memory");
        let text = store::to_ron(&m);
        steps.lap("serialize");
        let back = store::from_ron(&text, &out).expect("reads back");
        steps.lap("read back (parse)");
        assert!(back == m);
        steps.lap("read back (compare)");
        store::save_unverified(&out, &m).expect("written");
        steps.lap("write, sync, rename, backups");
        drop((b, o, t, m, back));
        steps.lap("drop the five workspaces");
    }
    std::mem::take(&mut steps).print("where a merge of 5000 answers goes");
    // The Word report's steps: the report model, the package, and the XML check alone.
    use hipaudit::exchange::export::{ExportFormat, export_bytes};
    let ws = synthetic::with_inventory(synthetic::build(catalog, 5000, 1700), 1000, 5000);
    let docx = export_bytes(&ws, ExportFormat::Docx, false, today).expect("docx");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&docx)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("doc"), &mut xml)
        .expect("read");
    for _ in 0..5 {
        let t = Instant::now();
        black_box(export_bytes(&ws, ExportFormat::Md, false, today).expect("md"));
        let md = t.elapsed();
        let t = Instant::now();
        black_box(export_bytes(&ws, ExportFormat::Docx, false, today).expect("docx"));
        let dx = t.elapsed();
        let t = Instant::now();
        hipaudit::exchange::xml_check::well_formed(black_box(&xml)).expect("well formed");
        let wf = t.elapsed();
        for (name, d) in [
            ("report md", md),
            ("report docx", dx),
            ("docx XML check alone", wf),
        ] {
            steps.record(name, d);
        }
    }
    steps.print(&format!(
        "the Word report of 5000 answers and 5000 risks ({:.1} MB of document XML)",
        xml.len() as f64 / 1e6
    ));
}

/// Named steps' times over several runs, in the order first seen.
#[derive(Default)]
struct Steps {
    at: Option<Instant>,
    all: Vec<(&'static str, Vec<Duration>)>,
}

impl Steps {
    fn start(&mut self) {
        self.at = Some(Instant::now());
    }

    /// The time since the last lap (or the start) is `name`'s.
    fn lap(&mut self, name: &'static str) {
        let d = self.at.map_or(Duration::ZERO, |t| t.elapsed());
        self.record(name, d);
        self.at = Some(Instant::now());
    }

    fn record(&mut self, name: &'static str, d: Duration) {
        match self.all.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(d),
            None => self.all.push((name, vec![d])),
        }
    }

    fn print(self, title: &str) {
        println!("\n{title} (in process, medians):");
        for (name, v) in self.all {
            println!("  {name:<40} {:>10}", ms(median(v)));
        }
    }
}

fn load_group(place: &Path) -> Vec<Line> {
    let catalog = Catalog::builtin();
    let mut out = Vec::new();
    for (answers, gaps) in [(5000, 1700), (20000, 6800)] {
        let path = place.join(format!("large-{answers}.ron"));
        store::save(&path, &synthetic::build(catalog, answers, gaps)).expect("saved");
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let (check, floor) = paired(
            hipaudit(place).arg("check").arg(&path),
            &mut floor_process(&path),
        );
        out.push(Line {
            what: format!(
                "check, {answers} answers ({:.1} MB) / ron IgnoredAny floor",
                size as f64 / 1e6
            ),
            measured: check,
            against: Some(floor),
            budget: 1.3,
        });
    }
    out
}

fn merge_group(place: &Path) -> Vec<Line> {
    let catalog = Catalog::builtin();
    let actor = Actor {
        name: "bench".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("a time"),
    };
    let base = synthetic::build(catalog, 5000, 1700);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let ids: Vec<String> = base.answers.keys().cloned().collect();
    for id in ids.iter().step_by(10) {
        ours.set_note(id, "changed on this laptop", &actor);
    }
    for id in ids.iter().skip(5).step_by(10) {
        theirs.set_note(id, "changed on the other laptop", &actor);
    }
    let [pb, po, pt] = ["base", "ours", "theirs"].map(|n| place.join(format!("{n}.ron")));
    for (p, w) in [(&pb, &base), (&po, &ours), (&pt, &theirs)] {
        store::save(p, w).expect("saved");
    }
    let merged = place.join("merged.ron");
    let mut checks = Vec::new();
    let mut merges = Vec::new();
    for i in 0..RUNS + 2 {
        let _ = std::fs::remove_file(&merged);
        let m = time(
            hipaudit(place)
                .arg("merge")
                .args([&pb, &po, &pt])
                .arg("-o")
                .arg(&merged),
        );
        let c = time(hipaudit(place).arg("check").arg(&po));
        if i >= 2 {
            merges.push(m);
            checks.push(c);
        }
    }
    vec![Line {
        what: "merge, 5000 answers, end to end / one check".into(),
        measured: median(merges),
        against: Some(median(checks)),
        budget: 4.0,
    }]
}

/// One key, update and a full render at 200x60, on every screen that has one, with
/// 1,000 assets, 5,000 risks and 5,000 answers: the median of 200, budget 2 ms.
fn key_group() -> Vec<Line> {
    use hipaudit::tui::app::App;
    use hipaudit::tui::ui;
    let catalog = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let ws = synthetic::with_inventory(synthetic::build(catalog, 5000, 1700), 1000, 5000);
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = App::new(catalog, ws, "large.ron".into(), today, "bench");
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    let mut out = Vec::new();
    let mut measure = |what: &str, app: &mut App, keys: &[KeyEvent]| {
        let mut v = Vec::new();
        for i in 0..220 {
            let k = keys[i % keys.len()];
            let t = Instant::now();
            app.update(k);
            term.draw(|f| ui::draw(f, app)).expect("drawn");
            if i >= 20 {
                v.push(t.elapsed());
            }
        }
        out.push(Line {
            what: format!("key at 200x60: {what}"),
            measured: median(v),
            against: None,
            budget: 2.0,
        });
    };
    let (j, k) = (key('j'), key('k'));
    app.update(key('2'));
    measure("audit tab, move", &mut app, &[j, k]);
    measure("audit tab, answer", &mut app, &[key('n'), k, key('y'), k]);
    app.update(key('6'));
    measure("board, move", &mut app, &[j, k]);
    measure("board, status change", &mut app, &[key('s')]);
    // A filter typed, then the filtered board walked.
    app.update(key('f'));
    for c in "level:moderate+ kind:question".chars() {
        app.update(key(c));
    }
    app.update(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    measure(
        "board filtered level:moderate+ kind:question, move",
        &mut app,
        &[j, k],
    );
    app.update(key('F'));
    // Each character of a filter re-filters the board as it is typed.
    app.update(key('f'));
    measure(
        "board, typing a filter",
        &mut app,
        &[
            key('o'),
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        ],
    );
    app.update(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    // Marked gaps grouped into a project, then the board walked with projects on it.
    app.update(key('V'));
    app.update(key('P'));
    for c in "Encrypt laptops".chars() {
        app.update(key(c));
    }
    app.update(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.update(key('V'));
    measure("board with a 1,700-gap project, move", &mut app, &[j, k]);
    for c in ['5', 'h', 'G', 'k', 'l'] {
        app.update(key(c));
    }
    measure("risk tab inventory (1,000 assets), move", &mut app, &[j, k]);
    app.update(key('h'));
    app.update(key('j'));
    app.update(key('l'));
    measure("risk tab register (5,000 risks), move", &mut app, &[j, k]);
    measure("risk tab register, treatment change", &mut app, &[key('t')]);
    app.update(key('1'));
    measure(
        "dashboard, tab away and back",
        &mut app,
        &[key('6'), key('1')],
    );
    out
}

/// Every report format of the 5,000-answer workspace, then of the same with 1,000 assets
/// and 5,000 risks: the median of 3, budget 1 s.
fn report_group() -> Vec<Line> {
    use hipaudit::exchange::export::{ExportFormat, export_bytes};
    let catalog = Catalog::builtin();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let plain = synthetic::build(catalog, 5000, 1700);
    let full = synthetic::with_inventory(plain.clone(), 1000, 5000);
    let mut out = Vec::new();
    for (what, ws) in [
        ("5000 answers", &plain),
        ("+1000 assets, 5000 risks", &full),
    ] {
        for (name, f) in [
            ("md", ExportFormat::Md),
            ("html", ExportFormat::Html),
            ("docx", ExportFormat::Docx),
            ("xlsx", ExportFormat::Xlsx),
            ("csv", ExportFormat::Csv),
            ("json", ExportFormat::Json),
            ("ics", ExportFormat::Ics),
        ] {
            let v = (0..3)
                .map(|_| {
                    let t = Instant::now();
                    black_box(export_bytes(ws, f, false, today).expect("a report"));
                    t.elapsed()
                })
                .collect();
            out.push(Line {
                what: format!("report, {what}: {name}"),
                measured: median(v),
                against: None,
                budget: 1000.0,
            });
        }
    }
    out
}

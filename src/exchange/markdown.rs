//! The report, built once as a model (`doc_model`): engagement, summary, gaps, the risk
//! analysis, every question; and as Markdown (`doc_md`), where user text is escaped so that
//! it stays text (no links, images, headings or answer lines).

use crate::domain::board;
use crate::domain::catalog::{Area, Catalog};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{AnswerStatus, Workspace};
use crate::exchange::doc_model::{Doc, Item, NUM, Report, TEXT, b, em, flat, t, t1};
use crate::exchange::narrative;
pub use crate::exchange::options::Options;
use crate::exchange::options::private;
use crate::inl;

use crate::domain::board::BoardView;
use crate::domain::gaps::{self, Gap};

/// The gaps as every export lists them: each remediation project's gaps together, projects
/// by their due date, then the loose gaps; within each, board order (due date first).
pub(crate) fn ordered_gaps(catalog: &Catalog, ws: &Workspace, o: &Options) -> Vec<Gap> {
    let today = o.today;
    let all = gaps::derive_all(catalog, ws, today, o.window);
    let view = BoardView::default();
    let rows = board::rows(&all, &view, catalog, today)
        .into_iter()
        .map(|i| all[i].clone())
        .collect();
    crate::domain::project::projects_first(ws, rows)
}

/// The answers appendix's title.
pub(crate) const APPENDIX_ANSWERS: &str = "Appendix A: Answers by area";

/// The full report as Markdown.
pub fn markdown(catalog: &Catalog, ws: &Workspace, o: &Options) -> String {
    crate::exchange::doc_md::render(&report(catalog, ws, o))
}

/// The full report, which every format renders.
pub fn report(catalog: &Catalog, ws: &Workspace, o: &Options) -> Report {
    let gaps = ordered_gaps(catalog, ws, o);
    let findings = crate::exchange::findings_md::ordered(catalog, ws, o, &gaps);
    let parts = Parts {
        catalog,
        ws,
        o,
        gaps: &gaps,
        findings: &findings,
    };
    let mut d = Doc::default();
    engagement(&mut d, &parts);
    d.section(narrative::CONTENTS);
    d.toc();
    narrative::document_control(&mut d, ws, o);
    summary(&mut d, &parts);
    narrative::scope(&mut d, ws);
    crate::exchange::findings_md::plan(&mut d, catalog, (ws, o), parts.gaps, parts.findings);
    crate::exchange::risk_analysis::part(&mut d, catalog, ws, o);
    crate::exchange::appendix::vendors(&mut d, ws, o);
    narrative::minutes(&mut d, catalog, ws, o);
    narrative::sign_off(&mut d, catalog, ws, o);
    // The appendices follow the signatures: what is signed is the report, not every answer.
    answers(&mut d, &parts);
    crate::exchange::appendix::evidence(&mut d, ws, o);
    crate::exchange::scope_appendix::out_of_scope(&mut d, catalog, ws);
    d.rule();
    d.p(format!(
        "Made with hipaudit {} on {}.",
        env!("CARGO_PKG_VERSION"),
        o.today
    ));
    d.into_report(crate::exchange::risk_analysis::title(ws, o.today))
}

/// What every section of the report reads.
#[derive(Clone, Copy)]
struct Parts<'a> {
    catalog: &'a Catalog,
    ws: &'a Workspace,
    o: &'a Options,
    /// In board order.
    gaps: &'a [Gap],
    /// In the plan's order, made once for the summary and the plan.
    findings: &'a [crate::domain::findings::Finding],
}

/// The title, the engagement table and the note on what this copy holds.
fn engagement(d: &mut Doc, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    let e = &ws.engagement;
    crate::exchange::risk_analysis::cover_title(d, ws, o.today);
    d.p(inl![
        b("Confidential"),
        format!(
            " — prepared for {} and its advisers; not for distribution.",
            flat(&e.client)
        )
    ]);
    crate::exchange::risk_analysis::cover_status(d, ws, o.today);
    // A report of an assessment still under way says so before any figure is read.
    let (answered, total) = board::answered_total(catalog, ws);
    if answered < total {
        d.p(inl![
            b("Draft"),
            format!(
                " — {answered} of {total} questions answered so far; the findings and figures will change as the assessment goes on."
            )
        ]);
    }
    d.table(&[("Engagement", TEXT), ("", TEXT)]);
    for (k, v) in [
        ("Client", e.client.clone()),
        ("Site", e.site.clone()),
        ("Scope", e.scope.clone()),
        ("Assessor", e.assessor.clone()),
        ("Assessor's role", e.assessor_role.clone()),
        ("Credentials", e.credentials.clone()),
        ("Assessing firm", e.firm.clone()),
        (
            "Assessment started",
            e.started.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            "Fieldwork ended",
            e.ended.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("Report date", o.today.to_string()),
        ("Question bank", {
            // The bank's size, and how many of its questions the profile kept.
            let bank = crate::domain::catalog::Catalog::builtin().questions.len();
            let kept = catalog.questions.len();
            let in_scope = if kept < bank {
                format!(", {kept} in scope")
            } else {
                String::new()
            };
            format!(
                "{} v{} ({bank} questions{in_scope})",
                ws.bank.id, ws.bank.version
            )
        }),
    ] {
        if !v.is_empty() {
            d.row(crate::cells![k, v]);
        }
    }
    if o.redact {
        d.p("This copy is redacted: evidence notes, evidence file names and remediation plans are left out.");
    } else {
        d.p("This report includes evidence notes, which may contain protected health information: share it only with people allowed to see PHI, or ask for a redacted copy.");
    }
}

/// The executive summary: progress, open work, compliance and risk per area.
fn summary(d: &mut Doc, r: &Parts) {
    let Parts {
        catalog,
        ws,
        o,
        gaps,
        findings,
    } = *r;
    let counts = board::counts(gaps.iter(), o.today);
    let areas = crate::domain::conclusion::coverage(catalog, ws);
    d.section("Executive summary");
    crate::exchange::risk_analysis::summary(d, ws, o.today);
    crate::exchange::summary_md::conclusion(d, catalog, ws, o, findings, &areas);
    let (answered, total) = board::answered_total(catalog, ws);
    use crate::domain::text::{count, is_are};
    let open = counts.open + counts.in_progress;
    d.p(format!(
        "{answered} of {total} questions answered{}. {} on the board {} open ({} overdue, {} due within a week, {} without an owner); {} closed as done, {} risk-accepted.",
        if answered < total {
            format!(" ({} not yet assessed)", total - answered)
        } else {
            String::new()
        },
        count(open, "item", "items"),
        is_are(open),
        counts.overdue,
        counts.due_soon,
        counts.unassigned,
        counts.done,
        counts.accepted
    ));
    crate::exchange::summary_md::checks(d, catalog, ws, o, gaps, findings);
    narrative::carried_note(d, catalog, ws);
    if !ws.conflicts.is_empty() {
        let items: Vec<String> = ws
            .conflicts
            .iter()
            .map(|c| format!("{} ({})", c.id, c.field))
            .collect();
        d.p(inl![
            b(crate::domain::text::count(
                ws.conflicts.len(),
                "unresolved conflict from merging two copies of this workspace",
                "unresolved conflicts from merging two copies of this workspace"
            )),
            format!(
                ": {}. The values shown are one side's until the conflict is resolved.",
                items.join(", ")
            )
        ]);
    }
    d.table(&[
        ("Area", TEXT),
        ("Answered", NUM),
        ("Yes", NUM),
        ("Partial", NUM),
        ("No", NUM),
        ("N/A", NUM),
        ("Compliance", NUM),
    ]);
    for a in &areas {
        let c = &a.figures;
        d.row(crate::cells![
            a.area.name(),
            format!("{}/{}", c.answered(), c.total),
            c.yes.to_string(),
            c.partial.to_string(),
            c.no.to_string(),
            c.na.to_string(),
            a.shown()
        ]);
    }
    d.p(format!(
        "Compliance is Yes ÷ (Yes + Partial + No), N/A answers left out; it is quoted for an area once at least {}% of its questions (and at least {}) are answered.",
        crate::domain::conclusion::COVERAGE_PERCENT,
        crate::domain::conclusion::COVERAGE_MIN
    ));
    d.table(&[("Open findings by risk level", TEXT), ("Count", NUM)]);
    for level in [
        RiskLevel::VeryHigh,
        RiskLevel::High,
        RiskLevel::Moderate,
        RiskLevel::Low,
        RiskLevel::VeryLow,
    ] {
        let n = findings
            .iter()
            .filter(|f| !f.status().is_closed() && f.lead.level() == level)
            .count();
        d.row(crate::cells![level.label(), n.to_string()]);
    }
    if let Some(c) = crate::domain::compare::since_carried(catalog, ws, o.today) {
        d.heading(3, "Since the last assessment");
        crate::exchange::since::build(d, catalog, &c, 4);
        crate::exchange::since::earlier_notes(d, catalog, ws, o, 4);
    }
}

/// Appendix A: every question with its answer, references, note and evidence. With
/// `--omit-unanswered`, an area or section whose questions are all left out goes with its
/// heading: no heading stands empty.
fn answers(d: &mut Doc, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    d.section(APPENDIX_ANSWERS);
    // Each area with its sections, each section with its questions.
    type Sections = Vec<(String, Vec<Item>)>;
    let mut areas: Vec<(Area, Sections)> = Vec::new();
    let mut left_out = 0;
    for area in Area::ALL {
        let mut sections = Vec::new();
        for section in catalog.sections(area) {
            let mut items = Vec::new();
            for &qi in &section.questions {
                let q = &catalog.questions[qi];
                let status = ws.answers.get(&q.id).map(|a| a.status).unwrap_or_default();
                if o.omit_unanswered && status == AnswerStatus::Unanswered {
                    left_out += 1;
                    continue;
                }
                items.push(question(r, q));
            }
            if !items.is_empty() {
                sections.push((section.name.clone(), items));
            }
        }
        if !sections.is_empty() {
            areas.push((area, sections));
        }
    }
    d.p(format!(
        "Every question in scope with its answer, who gave it and when, its references, the evidence note and the evidence on record.{}",
        if left_out > 0 {
            format!(
                " This copy leaves out the {} not yet answered.",
                crate::domain::text::count(left_out, "question", "questions")
            )
        } else {
            String::new()
        }
    ));
    if areas.is_empty() {
        d.p("No question has been answered yet.");
    }
    for (area, sections) in areas {
        d.heading(3, area.name());
        for (name, items) in sections {
            d.heading(4, name);
            d.list(items);
        }
    }
    let retired: Vec<&str> = ws.retired_ids(catalog).collect();
    if !retired.is_empty() {
        d.p(format!(
            "Answers to questions retired from the bank are kept in the workspace: {}.",
            retired.join(", ")
        ));
    }
}

/// One question of the appendix: its answer, who gave it, references, note and evidence.
fn question(r: &Parts, q: &crate::domain::catalog::Question) -> Item {
    let Parts { ws, o, .. } = *r;
    let a = ws.answers.get(&q.id);
    let status = a.map(|a| a.status).unwrap_or_default();
    let mut item = Item {
        text: inl![b(&q.id), format!(" {}", q.prompt)],
        ..Item::default()
    };
    let mut sub = |text| {
        item.children.push(Item {
            text,
            ..Item::default()
        })
    };
    let who = a
        .filter(|a| a.status != AnswerStatus::Unanswered)
        .map(|a| {
            let when = a.at.map(|t| t.date().to_string()).unwrap_or_default();
            format!(" (by {} {when})", flat(&a.by))
        })
        .unwrap_or_default();
    let mut answer = inl!["Answer: ", b(status.label()), who];
    if a.is_some_and(|a| a.reverify) {
        answer.extend(inl![
            " — ",
            em("carried from the last assessment, to re-verify")
        ]);
    }
    sub(answer);
    for c in ws.conflicts.iter().filter(|c| c.id == q.id) {
        sub(inl![
            b("Merge conflict"),
            format!(" on the {}: this report shows one side's value", c.field)
        ]);
    }
    sub(inl![format!(
        "References: {} · {}",
        q.references.join(", "),
        q.kind.label()
    )]);
    if let Some(a) = a {
        let na = status == AnswerStatus::NotApplicable;
        let note = t(private(&a.note, o));
        if na && !a.reason.is_empty() {
            sub(inl!["Why not applicable: ", t(&a.reason)]);
        } else if na && !a.note.is_empty() {
            // Older workspaces kept the justification in the note.
            sub(inl!["Why not applicable: ", note.clone()]);
        } else if na {
            sub(inl![
                "Why not applicable: ",
                em("no justification recorded")
            ]);
        }
        // The note is shown above as the justification when no reason was given.
        let note_was_reason = na && a.reason.is_empty();
        if !a.note.is_empty() && !note_was_reason {
            sub(inl!["Evidence note: ", note]);
        }
        for ev in &a.evidence {
            let date = ev.collected.map(|d| d.to_string()).unwrap_or_default();
            let mut line = inl![format!("Evidence: {}", flat(&ev.label))];
            if !ev.file.is_empty() {
                line.extend(inl![" — ", t1(private(ev.file_name(), o))]);
            }
            line.push(t(format!(" ({date})")));
            sub(line);
        }
    }
    item
}

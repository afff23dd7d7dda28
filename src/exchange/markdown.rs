//! The report as Markdown: engagement, summary, gaps, register, every question. User text
//! is escaped so that it stays text (no links, images, headings or answer lines).

use std::fmt::Write as _;

use crate::domain::board;
use crate::domain::catalog::{Area, Catalog};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{AnswerStatus, Workspace};
use crate::exchange::cells::{cell, md_text};
use crate::exchange::narrative;
pub use crate::exchange::options::Options;
use crate::exchange::options::private;

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
    render_markdown(catalog, ws, o, false)
}

pub(crate) fn render_markdown(
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
    for_html: bool,
) -> String {
    let parts = Parts {
        catalog,
        ws,
        o,
        gaps: &ordered_gaps(catalog, ws, o),
    };
    let mut md = String::new();
    engagement(&mut md, &parts);
    // The body is written first so that the contents can list its sections.
    let mut body = String::new();
    narrative::document_control(&mut body, ws, o);
    summary(&mut body, &parts);
    narrative::scope(&mut body, ws);
    plan(&mut body, &parts);
    crate::exchange::risk_analysis::part(&mut body, catalog, ws, o, for_html);
    crate::exchange::appendix::vendors(&mut body, ws, o);
    narrative::minutes(&mut body, catalog, ws, o);
    narrative::sign_off(&mut body, catalog, ws, o);
    // The appendices follow the signatures: what is signed is the report, not every answer.
    answers(&mut body, &parts);
    crate::exchange::appendix::evidence(&mut body, ws, o);
    narrative::contents(&mut md, &body);
    md.push_str(&body);
    let _ = writeln!(
        md,
        "\n---\n\nMade with hipaudit {} on {}.",
        env!("CARGO_PKG_VERSION"),
        o.today
    );
    md
}

/// What every section of the report reads.
#[derive(Clone, Copy)]
struct Parts<'a> {
    catalog: &'a Catalog,
    ws: &'a Workspace,
    o: &'a Options,
    /// In board order.
    gaps: &'a [Gap],
}

/// The title, the engagement table and the note on what this copy holds.
fn engagement(md: &mut String, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    let e = &ws.engagement;
    crate::exchange::risk_analysis::cover_title(md, ws, o.today);
    let _ = writeln!(
        md,
        "**Confidential** — prepared for {} and its advisers; not for distribution.\n",
        cell(&e.client)
    );
    crate::exchange::risk_analysis::cover_status(md, ws, o.today);
    // A report of an assessment still under way says so before any figure is read.
    let (answered, total) = board::answered_total(catalog, ws);
    if answered < total {
        let _ = writeln!(
            md,
            "**Draft** — {answered} of {total} questions answered so far; the findings and figures will change as the assessment goes on.\n"
        );
    }
    let _ = writeln!(md, "| Engagement | |\n| --- | --- |");
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
        (
            "Question bank",
            format!(
                "{} v{} ({} questions)",
                ws.bank.id,
                ws.bank.version,
                catalog.questions.len()
            ),
        ),
    ] {
        if !v.is_empty() {
            let _ = writeln!(md, "| {k} | {} |", cell(&v));
        }
    }
    if o.redact {
        let _ = writeln!(
            md,
            "\nThis copy is redacted: evidence notes, evidence file names and remediation plans are left out."
        );
    } else {
        let _ = writeln!(
            md,
            "\nThis report includes evidence notes, which may contain protected health information: share it only with people allowed to see PHI, or ask for a redacted copy."
        );
    }
}

/// The executive summary: progress, open work, compliance and risk per area.
fn summary(md: &mut String, r: &Parts) {
    let Parts {
        catalog,
        ws,
        o,
        gaps,
        ..
    } = *r;
    let counts = board::counts(gaps.iter(), o.today);
    let findings = crate::exchange::findings_md::ordered(catalog, ws, o, gaps);
    let areas = crate::domain::conclusion::coverage(catalog, ws);
    let _ = writeln!(md, "\n## Executive summary\n");
    crate::exchange::risk_analysis::summary(md, ws, o.today);
    crate::exchange::summary_md::conclusion(md, catalog, ws, o, &findings, &areas);
    let (answered, total) = board::answered_total(catalog, ws);
    use crate::domain::text::{count, is_are};
    let open = counts.open + counts.in_progress;
    let _ = writeln!(
        md,
        "{answered} of {total} questions answered{}. {} on the board {} open ({} overdue, {} due within a week, {} without an owner); {} closed as done, {} risk-accepted.\n",
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
    );
    crate::exchange::summary_md::checks(md, catalog, ws, o, gaps, &findings);
    narrative::carried_note(md, catalog, ws);
    if !ws.conflicts.is_empty() {
        let items: Vec<String> = ws
            .conflicts
            .iter()
            .map(|c| format!("{} ({})", md_text(&c.id), md_text(&c.field)))
            .collect();
        let _ = writeln!(
            md,
            "**{} from merging two copies of this workspace**: {}. The values shown are one side's until the conflict is resolved.\n",
            crate::domain::text::count(
                ws.conflicts.len(),
                "unresolved conflict",
                "unresolved conflicts"
            ),
            items.join(", ")
        );
    }
    let _ = writeln!(
        md,
        "| Area | Answered | Yes | Partial | No | N/A | Compliance |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for a in &areas {
        let c = &a.figures;
        let _ = writeln!(
            md,
            "| {} | {}/{} | {} | {} | {} | {} | {} |",
            a.area.name(),
            c.answered(),
            c.total,
            c.yes,
            c.partial,
            c.no,
            c.na,
            a.shown()
        );
    }
    let _ = writeln!(
        md,
        "\nCompliance is Yes ÷ (Yes + Partial + No), N/A answers left out; it is quoted for an area once at least {}% of its questions (and at least {}) are answered.\n",
        crate::domain::conclusion::COVERAGE_PERCENT,
        crate::domain::conclusion::COVERAGE_MIN
    );
    let _ = writeln!(
        md,
        "| Open findings by risk level | Count |\n| --- | ---: |"
    );
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
        let _ = writeln!(md, "| {} | {n} |", level.label());
    }
    if let Some(c) = crate::domain::compare::since_carried(catalog, ws, o.today) {
        let _ = writeln!(md, "\n### Since the last assessment\n");
        md.push_str(&crate::exchange::since::markdown(catalog, &c, "####"));
        md.push_str(&crate::exchange::since::earlier_notes(
            catalog, ws, o, "####",
        ));
    }
}

/// The gap and remediation plan: one finding per problem (`findings_md`).
fn plan(md: &mut String, r: &Parts) {
    crate::exchange::findings_md::plan(md, r.catalog, r.ws, r.o, r.gaps);
}

/// Appendix A: every question with its answer, references, note and evidence. With
/// `--omit-unanswered`, an area or section whose questions are all left out goes with its
/// heading: no heading stands empty.
fn answers(md: &mut String, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    let _ = writeln!(md, "\n## {APPENDIX_ANSWERS}\n");
    let mut areas = String::new();
    let mut left_out = 0;
    for area in Area::ALL {
        let mut sections = String::new();
        for section in catalog.sections(area) {
            let mut items = String::new();
            for &qi in &section.questions {
                let q = &catalog.questions[qi];
                let status = ws.answers.get(&q.id).map(|a| a.status).unwrap_or_default();
                if o.omit_unanswered && status == AnswerStatus::Unanswered {
                    left_out += 1;
                    continue;
                }
                question(&mut items, r, q);
            }
            if !items.is_empty() {
                let _ = writeln!(sections, "\n#### {}\n", section.name);
                sections.push_str(&items);
            }
        }
        if !sections.is_empty() {
            let _ = writeln!(areas, "\n### {}\n", area.name());
            areas.push_str(&sections);
        }
    }
    let _ = writeln!(
        md,
        "Every question in scope with its answer, who gave it and when, its references, the evidence note and the evidence on record.{}",
        if left_out > 0 {
            format!(
                " This copy leaves out the {} not yet answered.",
                crate::domain::text::count(left_out, "question", "questions")
            )
        } else {
            String::new()
        }
    );
    if areas.is_empty() {
        let _ = writeln!(md, "\nNo question has been answered yet.");
    }
    md.push_str(&areas);
    let retired: Vec<&str> = ws.retired_ids(catalog).collect();
    if !retired.is_empty() {
        let _ = writeln!(
            md,
            "\nAnswers to questions retired from the bank are kept in the workspace: {}.",
            retired
                .iter()
                .map(|r| md_text(r))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

/// One question of the appendix: its answer, who gave it, references, note and evidence.
fn question(md: &mut String, r: &Parts, q: &crate::domain::catalog::Question) {
    let Parts { ws, o, .. } = *r;
    let a = ws.answers.get(&q.id);
    let status = a.map(|a| a.status).unwrap_or_default();

    let _ = writeln!(md, "- **{}** {}", q.id, q.prompt);
    let who = a
        .filter(|a| a.status != AnswerStatus::Unanswered)
        .map(|a| {
            let when = a.at.map(|t| t.date().to_string()).unwrap_or_default();
            format!(" (by {} {when})", cell(&a.by))
        })
        .unwrap_or_default();
    let carried = if a.is_some_and(|a| a.reverify) {
        " — *carried from the last assessment, to re-verify*"
    } else {
        ""
    };
    let _ = writeln!(md, "  - Answer: **{}**{who}{carried}", status.label());
    for c in ws.conflicts.iter().filter(|c| c.id == q.id) {
        let _ = writeln!(
            md,
            "  - **Merge conflict** on the {}: this report shows one side's value",
            md_text(&c.field)
        );
    }
    let _ = writeln!(
        md,
        "  - References: {} · {}",
        q.references.join(", "),
        q.kind.label()
    );
    if let Some(a) = a {
        let na = status == AnswerStatus::NotApplicable;
        let note = md_text(private(&a.note, o)).replace('\n', "\n    ");
        if na && !a.reason.is_empty() {
            let _ = writeln!(md, "  - Why not applicable: {}", md_text(&a.reason));
        } else if na && !a.note.is_empty() {
            // Older workspaces kept the justification in the note.
            let _ = writeln!(md, "  - Why not applicable: {note}");
        } else if na {
            let _ = writeln!(md, "  - Why not applicable: *no justification recorded*");
        }
        // The note is shown above as the justification when no reason was given.
        let note_was_reason = na && a.reason.is_empty();
        if !a.note.is_empty() && !note_was_reason {
            let _ = writeln!(md, "  - Evidence note: {note}");
        }
        for ev in &a.evidence {
            let date = ev.collected.map(|d| d.to_string()).unwrap_or_default();
            let file = if ev.file.is_empty() {
                String::new()
            } else {
                format!(" — {}", cell(private(ev.file_name(), o)))
            };
            let _ = writeln!(md, "  - Evidence: {}{file} ({date})", cell(&ev.label),);
        }
    }
}

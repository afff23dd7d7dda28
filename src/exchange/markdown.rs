//! The report as Markdown: engagement, summary, gaps, register, every question. User text
//! is escaped so that it stays text (no links, images, headings or answer lines).

use std::fmt::Write as _;

use crate::domain::board;
use crate::domain::catalog::{Area, Catalog};
use crate::domain::rating::Rating;
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{AnswerStatus, Workspace};
use crate::exchange::cells::md_text;
use crate::exchange::columns::{self, REDACTED};
use chrono::NaiveDate;

use crate::domain::board::BoardView;
use crate::domain::gaps::{self, Gap};

/// How a report is made.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub today: NaiveDate,
    /// Leave out evidence notes, evidence locations and plans (they may hold PHI).
    pub redact: bool,
    /// Yearly duties due within this many days are listed as renewal items.
    pub window: u32,
    /// Leave unanswered questions out of the answer appendix (the summary still counts them).
    pub omit_unanswered: bool,
}

/// The gaps in board order (due date first), as every export lists them.
pub(crate) fn ordered_gaps(catalog: &Catalog, ws: &Workspace, o: &Options) -> Vec<Gap> {
    let today = o.today;
    let all = gaps::derive_all(catalog, ws, today, o.window);
    let view = BoardView::default();
    board::rows(&all, &view, catalog, today)
        .into_iter()
        .map(|i| all[i].clone())
        .collect()
}

/// User text inside a Markdown table cell: escaped (see `md`), on one line.
pub(crate) fn cell(s: &str) -> String {
    md_text(&s.replace(['\r', '\n'], " "))
}

pub(crate) fn private<'a>(s: &'a str, o: &Options) -> &'a str {
    if o.redact && !s.is_empty() {
        REDACTED
    } else {
        s
    }
}

/// The marker the HTML report replaces with a coloured matrix.
pub(crate) const MATRIX_MARK: &str = "HIPAUDIT-MATRIX-HERE";

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
        for_html,
    };
    let mut md = String::new();
    for step in [
        engagement, summary, scope, plan, register, minutes, answers, sign_off,
    ] {
        step(&mut md, &parts);
    }
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
    /// The HTML report draws the matrix itself.
    for_html: bool,
}

/// The title, the engagement table and the note on what this copy holds.
fn engagement(md: &mut String, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    let e = &ws.engagement;
    let _ = writeln!(md, "# HIPAA compliance assessment: {}\n", cell(&e.client));
    let _ = writeln!(md, "| Engagement | |\n| --- | --- |");
    for (k, v) in [
        ("Client", e.client.clone()),
        ("Site", e.site.clone()),
        ("Scope", e.scope.clone()),
        ("Assessor", e.assessor.clone()),
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
            "\nThis copy is redacted: evidence notes, evidence locations and remediation plans are left out."
        );
    } else {
        let _ = writeln!(
            md,
            "\nThis report includes evidence notes, which may contain protected health information. Share it accordingly."
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
    let _ = writeln!(md, "\n## Executive summary\n");
    let (answered, total) = Area::ALL.iter().fold((0, 0), |(a, t), area| {
        let c = board::area_figures(catalog, ws, *area);
        (a + c.answered(), t + c.total)
    });
    use crate::domain::text::{count, is_are};
    let open = counts.open + counts.in_progress;
    let _ = writeln!(
        md,
        "{answered} of {total} questions answered. {} {} open ({} overdue, {} due within a week, {} without an owner); {} {} done and {} risk-accepted.\n",
        count(open, "gap", "gaps"),
        is_are(open),
        counts.overdue,
        counts.due_soon,
        counts.unassigned,
        counts.done,
        is_are(counts.done),
        counts.accepted
    );
    md.push_str(&prose(catalog, ws, gaps, o));
    carried_note(md, catalog, ws);
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
    for area in Area::ALL {
        let c = board::area_figures(catalog, ws, area);
        let compliance = c
            .compliance_percent()
            .map_or("—".to_string(), |p| format!("{p}%"));
        let _ = writeln!(
            md,
            "| {} | {}/{} | {} | {} | {} | {} | {compliance} |",
            area.name(),
            c.answered(),
            c.total,
            c.yes,
            c.partial,
            c.no,
            c.na
        );
    }
    let _ = writeln!(
        md,
        "\nCompliance is Yes ÷ (Yes + Partial + No); N/A answers are left out.\n"
    );
    let _ = writeln!(md, "| Open gaps by risk level | Count |\n| --- | ---: |");
    for level in [
        RiskLevel::VeryHigh,
        RiskLevel::High,
        RiskLevel::Moderate,
        RiskLevel::Low,
        RiskLevel::VeryLow,
    ] {
        let n = gaps
            .iter()
            .filter(|g| !g.status.is_closed() && g.level() == level)
            .count();
        let _ = writeln!(md, "| {} | {n} |", level.label());
    }
    if let Some(c) = crate::domain::compare::since_carried(catalog, ws, o.today) {
        let _ = writeln!(md, "\n### Since the last assessment\n");
        md.push_str(&crate::exchange::since::markdown(catalog, &c, "####"));
    }
}

/// The summary in sentences, from the figures: how far the assessment got, compliance per
/// area, the highest open risks, the overdue work.
fn prose(catalog: &Catalog, ws: &Workspace, gaps: &[Gap], o: &Options) -> String {
    use crate::domain::text::count;
    let mut out = String::new();
    let mut parts = Vec::new();
    for a in Area::ALL {
        let f = board::area_figures(catalog, ws, a);
        if let Some(p) = f.compliance_percent() {
            parts.push(format!("{} {p}%", a.name()));
        }
    }
    if !parts.is_empty() {
        let _ = write!(out, "Compliance by area: {}. ", parts.join(", "));
    }
    let mut open: Vec<&Gap> = gaps.iter().filter(|g| !g.status.is_closed()).collect();
    open.sort_by_key(|g| std::cmp::Reverse(g.score()));
    let top: Vec<String> = open
        .iter()
        .take(3)
        .map(|g| {
            let finding = catalog
                .get(&g.id)
                .map(|q| q.finding.trim_end_matches('.').to_string())
                .filter(|f| !f.is_empty())
                .unwrap_or_else(|| g.title.clone());
            format!(
                "{} ({}, {})",
                md_text(&finding),
                g.id,
                g.level().label().to_lowercase()
            )
        })
        .collect();
    if !top.is_empty() {
        let _ = write!(out, "The highest open risks: {}. ", top.join("; "));
    }
    let overdue = open.iter().filter(|g| g.is_overdue(o.today)).count();
    if overdue > 0 {
        let _ = write!(
            out,
            "{} past {} due date. ",
            count(
                overdue,
                "item of remediation is",
                "items of remediation are"
            ),
            if overdue == 1 { "its" } else { "their" }
        );
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out
}

/// Scope and methodology: the standards, the scale, how evidence was reviewed, who took part.
fn scope(md: &mut String, r: &Parts) {
    let Parts { ws, .. } = *r;
    let e = &ws.engagement;
    let _ = writeln!(md, "\n## Scope and methodology\n");
    if !e.scope.is_empty() {
        let _ = writeln!(md, "Scope: {}\n", md_text(&e.scope));
    }
    let _ = writeln!(
        md,
        "The assessment followed the HIPAA Privacy, Security and Breach Notification Rules (45 CFR Part 164, Subparts C, D and E), NIST Cybersecurity Framework 2.0 and NIST SP 800-66 Rev. 2. Each question states what \"in place\" looks like and which evidence shows it; answers were given from documents, records and configurations seen and from interviews, and the evidence notes say what was seen. Risks were rated for likelihood and impact on the five-level scales of NIST SP 800-30 Rev. 1 and combined with its Table I-2.\n"
    );
    let evidence: usize = ws.answers.values().map(|a| a.evidence.len()).sum();
    let notes = ws.answers.values().filter(|a| !a.note.is_empty()).count();
    let _ = writeln!(
        md,
        "Evidence on record: {} with notes, {}.\n",
        crate::domain::text::count(notes, "answer", "answers"),
        crate::domain::text::count(evidence, "evidence reference", "evidence references")
    );
    let mut people: Vec<String> = Vec::new();
    for a in ws.meetings.iter().flat_map(|m| &m.attendees) {
        let who = if a.role.is_empty() {
            cell(&a.name)
        } else {
            format!("{} ({})", cell(&a.name), cell(&a.role))
        };
        if !people.contains(&who) {
            people.push(who);
        }
    }
    if !people.is_empty() {
        let _ = writeln!(
            md,
            "Taking part in review meetings: {}.\n",
            people.join(", ")
        );
    }
}

/// The sign-off page and the statement of limitations.
fn sign_off(md: &mut String, r: &Parts) {
    let Parts { ws, .. } = *r;
    let e = &ws.engagement;
    let _ = writeln!(md, "\n## Statement of limitations\n");
    let _ = writeln!(
        md,
        "This assessment reflects what was seen and said during the fieldwork{}. It tested a sample of records and settings, not every one, and relied on the documents and answers provided. Controls may change after the fieldwork, and no assessment can find every weakness. It is not legal advice and does not certify compliance with HIPAA.\n",
        match (e.started, e.ended) {
            (Some(s), Some(t)) => format!(" from {s} to {t}"),
            (Some(s), None) => format!(" that began on {s}"),
            _ => String::new(),
        }
    );
    let _ = writeln!(md, "\n## Sign-off\n");
    let _ = writeln!(
        md,
        "| | Assessor | Client representative |\n| --- | --- | --- |\n| Name | {} | |\n| Role | | |\n| Date | | |\n| Signature | | |\n",
        cell(&e.assessor)
    );
}

/// For a carried-forward workspace: which assessment it came from and, per area, how many
/// answers still stand as carried (not re-verified).
fn carried_note(md: &mut String, catalog: &Catalog, ws: &Workspace) {
    let Some(p) = &ws.previous else { return };
    let per_area = crate::domain::compare::to_reverify(catalog, ws);
    let left: usize = per_area.iter().map(|(_, n)| n).sum();
    let started = p
        .started
        .map(|d| format!(", started {d}"))
        .unwrap_or_default();
    if left == 0 {
        let _ = writeln!(
            md,
            "Carried forward from {}{started}; every carried answer has been re-verified.\n",
            cell(&p.file)
        );
        return;
    }
    let areas: Vec<String> = per_area
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(a, n)| format!("{} {n}", a.name()))
        .collect();
    let _ = writeln!(
        md,
        "Carried forward from {}{started}. **{} still to re-verify** ({}): until then they state the last assessment's findings, not this one's.\n",
        cell(&p.file),
        crate::domain::text::count(left, "answer is", "answers are"),
        areas.join(", ")
    );
}

/// The gap and remediation plan, one row a gap, columns from the column table.
fn plan(md: &mut String, r: &Parts) {
    let Parts {
        catalog,
        ws,
        o,
        gaps,
        ..
    } = *r;
    let _ = writeln!(md, "\n## Gap and remediation plan\n");
    if gaps.is_empty() {
        let _ = writeln!(
            md,
            "No gaps: no question is answered No or Partial and no open risk is above Low."
        );
    } else {
        let _ = writeln!(md, "Ordered by due date; `!` marks overdue work.\n");
        // The columns and their titles come from the one gap-column table.
        let cols: Vec<_> = columns::report().collect();
        let titles: Vec<&str> = cols.iter().map(|(t, _)| *t).collect();
        let _ = writeln!(
            md,
            "| | {} |\n| --- |{}",
            titles.join(" | "),
            " --- |".repeat(titles.len())
        );
        let ctx = columns::Ctx {
            catalog,
            ws,
            today: o.today,
            redact: o.redact,
        };
        for g in gaps {
            let values = columns::values(&ctx, g, cols.iter().map(|(_, c)| *c));
            let cells: Vec<String> = values
                .iter()
                .map(|v| match v.text() {
                    t if t.is_empty() => "—".to_string(),
                    t => cell(&t),
                })
                .collect();
            let _ = writeln!(
                md,
                "| {} | {} |",
                if g.is_overdue(o.today) { "!" } else { "" },
                cells.join(" | ")
            );
        }
    }
}

/// The risk register and its matrix (a marker the HTML report fills in).
fn register(md: &mut String, r: &Parts) {
    let Parts { ws, for_html, .. } = *r;
    let _ = writeln!(md, "\n## Risk register\n");
    if ws.risks.is_empty() {
        let _ = writeln!(md, "The register is empty.");
    } else {
        let _ = writeln!(
            md,
            "Likelihood (L) and impact (I) on NIST SP 800-30 scales (1 very low to 5 very high); the level follows SP 800-30 Table I-2.\n"
        );
        let _ = writeln!(
            md,
            "| ID | Risk | Assets | L | I | Level | Treatment | Residual | Rationale |\n| --- | --- | --- | ---: | ---: | --- | --- | --- | --- |"
        );
        for r in &ws.risks {
            let (tl, ti) = risk::rating(r, risk::Basis::Residual);
            let residual = if r.target_likelihood.is_some() || r.target_impact.is_some() {
                format!(
                    "{} {}",
                    Rating::score(tl, ti),
                    RiskLevel::of(tl, ti).label()
                )
            } else {
                "—".into()
            };
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} | {} | {} | {} | {residual} | {} |",
                r.id,
                cell(&r.title),
                cell(&r.assets.join(", ")),
                r.likelihood,
                r.impact,
                RiskLevel::of(r.likelihood, r.impact).label(),
                r.treatment.label(),
                cell(&r.rationale),
            );
        }
        let _ = writeln!(md, "\n### Risk matrix (inherent)\n");
        if for_html {
            let _ = writeln!(md, "{MATRIX_MARK}\n");
        } else {
            let m = risk::matrix(ws, risk::Basis::Inherent);
            let _ = writeln!(
                md,
                "| Likelihood ＼ Impact | 1 | 2 | 3 | 4 | 5 |\n| --- | --- | --- | --- | --- | --- |"
            );
            for l in Rating::ALL.into_iter().rev() {
                let row: Vec<String> = Rating::ALL
                    .into_iter()
                    .map(|i| {
                        let n = m[l.index()][i.index()];
                        let level = RiskLevel::of(l, i).short();
                        if n == 0 {
                            level.to_string()
                        } else {
                            format!("**{level} ({n})**")
                        }
                    })
                    .collect();
                let _ = writeln!(md, "| {l} | {} |", row.join(" | "));
            }
        }
    }
}

/// The minutes of each review meeting: date, attendees, and every gap discussed with what
/// was said and decided; then the thread entries recorded outside a meeting.
fn minutes(md: &mut String, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    if ws.meetings.is_empty() && ws.decisions.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n## Meeting minutes\n");
    let title = |gap: &str| {
        catalog
            .get(gap)
            .map(|q| q.prompt.clone())
            .or_else(|| {
                ws.risks
                    .iter()
                    .find(|x| x.id == gap)
                    .map(|x| x.title.clone())
            })
            .unwrap_or_default()
    };
    let entry = |d: &crate::domain::meeting::Decision| {
        let role = if d.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", cell(&d.role))
        };
        let text = match d.kind {
            crate::domain::meeting::DecisionKind::RiskAcceptance => {
                format!("**{}**", md_text(&d.text))
            }
            crate::domain::meeting::DecisionKind::Comment => {
                md_text(private(&d.text, o)).replace('\n', " ")
            }
        };
        format!(
            "  - {} {}{role}: {text}",
            d.at.format("%Y-%m-%d %H:%M"),
            cell(&d.by)
        )
    };
    let threads = |md: &mut String, meeting: Option<&str>| {
        let mut gaps: Vec<&str> = Vec::new();
        for d in ws
            .decisions
            .iter()
            .filter(|d| d.meeting.as_deref() == meeting)
        {
            if !gaps.contains(&d.gap.as_str()) {
                gaps.push(&d.gap);
            }
        }
        if gaps.is_empty() {
            let _ = writeln!(md, "No gap was discussed on the record.");
        }
        for gap in gaps {
            let _ = writeln!(md, "- **{gap}** {}", md_text(&title(gap)));
            for d in ws
                .decisions
                .iter()
                .filter(|d| d.gap == gap && d.meeting.as_deref() == meeting)
            {
                let _ = writeln!(md, "{}", entry(d));
            }
        }
    };
    for m in &ws.meetings {
        let _ = writeln!(md, "### {} — {}\n", m.id, m.date);
        let people: Vec<String> = m
            .attendees
            .iter()
            .map(|a| {
                if a.role.is_empty() {
                    cell(&a.name)
                } else {
                    format!("{} ({})", cell(&a.name), cell(&a.role))
                }
            })
            .collect();
        let _ = writeln!(md, "Attendees: {}\n", people.join(", "));
        threads(md, Some(&m.id));
        let _ = writeln!(md);
    }
    if ws.decisions.iter().any(|d| d.meeting.is_none()) {
        let _ = writeln!(md, "### Outside meetings\n");
        threads(md, None);
    }
}

/// Every question with its answer, references, note and evidence; the footer.
fn answers(md: &mut String, r: &Parts) {
    let Parts { catalog, ws, o, .. } = *r;
    let _ = writeln!(md, "\n## Findings by area\n");
    for area in Area::ALL {
        let _ = writeln!(md, "\n### {}\n", area.name());
        for section in catalog.sections(area) {
            let _ = writeln!(md, "\n#### {}\n", section.name);
            for &qi in &section.questions {
                let q = &catalog.questions[qi];
                let a = ws.answers.get(&q.id);
                let status = a.map(|a| a.status).unwrap_or_default();
                if o.omit_unanswered && status == AnswerStatus::Unanswered {
                    continue;
                }
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
                        let _ = writeln!(
                            md,
                            "  - Evidence: {} — {} ({date})",
                            cell(&ev.label),
                            cell(private(&ev.location, o))
                        );
                    }
                }
            }
        }
    }
    let retired: Vec<&str> = ws.retired_ids(catalog).collect();
    if !retired.is_empty() {
        let _ = writeln!(
            md,
            "\nAnswers to questions retired from the bank are kept in the workspace: {}.",
            retired.join(", ")
        );
    }
    let _ = writeln!(
        md,
        "\n---\n\nMade with hipaudit {} on {}. Questions, guidance and risk scales follow 45 CFR Part 164, NIST CSF 2.0 and NIST SP 800-30; this report is not legal advice.",
        env!("CARGO_PKG_VERSION"),
        o.today
    );
}

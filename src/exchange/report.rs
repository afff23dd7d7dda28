//! What leaves the laptop: the report (Markdown and HTML), the gap board as CSV and as a
//! workbook, the deadlines as a calendar, and a plan of action and milestones as JSON.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::json;

use crate::domain::board::{self, BoardView};
use crate::domain::catalog::{Area, Catalog};
use crate::domain::gaps::{self, Gap};
use crate::domain::risk;
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{AnswerStatus, Workspace};
use crate::exchange::columns;

/// How a report is made.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub today: NaiveDate,
    /// Leave out evidence notes, evidence locations and plans (they may hold PHI).
    pub redact: bool,
}

use crate::exchange::columns::REDACTED;

/// The gaps in board order (due date first), as every export lists them.
fn ordered_gaps(catalog: &Catalog, ws: &Workspace, today: NaiveDate) -> Vec<Gap> {
    let all = gaps::derive(catalog, ws);
    let view = BoardView::default();
    board::rows(&all, &view, catalog, today)
        .into_iter()
        .map(|i| all[i].clone())
        .collect()
}

/// Text for a Markdown table cell: no line breaks, no column separators.
/// User text inside a Markdown table cell: escaped (see `md`), on one line.
fn cell(s: &str) -> String {
    md_text(&s.replace(['\r', '\n'], " "))
}

/// User text in Markdown stays text: every character that could start emphasis, a link,
/// an image, HTML, an entity, code or a table cell is escaped, and so is anything at the
/// start of a line that would make a heading, a list item or a rule. Control characters
/// are shown as escapes. A note cannot forge a heading, an answer line or a link.
pub fn md_text(s: &str) -> String {
    if s == REDACTED {
        return s.to_string();
    }
    let s = crate::domain::text::clean_text(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let starts_block = body.starts_with(['-', '+', '=', '>', '#'])
            || (digits > 0 && body[digits..].starts_with(['.', ')']));
        let escape_at = starts_block.then_some(digits);
        for (j, c) in body.chars().enumerate() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '#' | '!' | '~'
            ) || Some(j) == escape_at
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn private<'a>(s: &'a str, o: &Options) -> &'a str {
    if o.redact && !s.is_empty() {
        REDACTED
    } else {
        s
    }
}

/// The marker the HTML report replaces with a coloured matrix.
const MATRIX_MARK: &str = "HIPAUDIT-MATRIX-HERE";

/// The full report as Markdown.
pub fn markdown(catalog: &Catalog, ws: &Workspace, o: &Options) -> String {
    render_markdown(catalog, ws, o, false)
}

fn render_markdown(catalog: &Catalog, ws: &Workspace, o: &Options, for_html: bool) -> String {
    let mut md = String::new();
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

    // Executive summary.
    let gaps = ordered_gaps(catalog, ws, o.today);
    let counts = board::counts(gaps.iter(), o.today);
    let _ = writeln!(md, "\n## Executive summary\n");
    let (answered, total) = Area::ALL.iter().fold((0, 0), |(a, t), area| {
        let c = board::area_figures(catalog, ws, *area);
        (a + c.answered(), t + c.total)
    });
    let _ = writeln!(
        md,
        "{answered} of {total} questions answered. {} gaps are open ({} overdue, {} due within a week, {} without an owner); {} are done and {} risk-accepted.\n",
        counts.open + counts.in_progress,
        counts.overdue,
        counts.due_soon,
        counts.unassigned,
        counts.done,
        counts.accepted
    );
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

    // The plan.
    let _ = writeln!(md, "\n## Gap and remediation plan\n");
    if gaps.is_empty() {
        let _ = writeln!(
            md,
            "No gaps: no question is answered No or Partial and no open risk is above Low."
        );
    } else {
        let _ = writeln!(md, "Ordered by due date; `!` marks overdue work.\n");
        let _ = writeln!(
            md,
            "| | ID | Area | Risk | Owner | Due | Status | Finding | Plan |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
        );
        for g in &gaps {
            let _ = writeln!(
                md,
                "| {} | `{}` | {} | {} {} | {} | {} | {} | {} | {} |",
                if g.is_overdue(o.today) { "!" } else { "" },
                g.id,
                g.area_name(),
                g.score(),
                g.level().label(),
                cell(if g.owner.is_empty() {
                    "unassigned"
                } else {
                    &g.owner
                }),
                g.due
                    .map(|d| format!("{d} ({})", board::days_text(g, o.today)))
                    .unwrap_or_else(|| "—".into()),
                g.status.label(),
                cell(&g.title),
                cell(private(&g.plan, o)),
            );
        }
    }

    // The register and the matrix.
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
                format!("{} {}", tl * ti, RiskLevel::of(tl, ti).label())
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
            for l in (1..=5u8).rev() {
                let row: Vec<String> = (1..=5u8)
                    .map(|i| {
                        let n = m[usize::from(l) - 1][usize::from(i) - 1];
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

    // Every question.
    let _ = writeln!(md, "\n## Findings by area\n");
    for area in Area::ALL {
        let _ = writeln!(md, "\n### {}\n", area.name());
        for section in catalog.sections(area) {
            let _ = writeln!(md, "\n#### {}\n", section.name);
            for &qi in &section.questions {
                let q = &catalog.questions[qi];
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
                let _ = writeln!(md, "  - Answer: **{}**{who}", status.label());
                let _ = writeln!(
                    md,
                    "  - References: {} · {}",
                    q.references.join(", "),
                    q.kind.label()
                );
                if let Some(a) = a {
                    if !a.note.is_empty() {
                        let label = if status == AnswerStatus::NotApplicable {
                            "Why not applicable"
                        } else {
                            "Evidence note"
                        };
                        let text = md_text(private(&a.note, o)).replace('\n', "\n    ");
                        let _ = writeln!(md, "  - {label}: {text}");
                    } else if status == AnswerStatus::NotApplicable {
                        let _ = writeln!(md, "  - Why not applicable: *no justification recorded*");
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
    md
}

const CSS: &str = "
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; line-height: 1.4; }
h1 { font-size: 20pt; border-bottom: 3px solid #1f4e79; padding-bottom: .3rem; color: #1f4e79; }
h2 { font-size: 15pt; color: #1f4e79; border-bottom: 1px solid #c8d3e0; margin-top: 2rem; page-break-before: always; break-before: page; }
h2:first-of-type { page-break-before: auto; break-before: auto; }
h3 { font-size: 12.5pt; margin-top: 1.4rem; }
h4 { font-size: 11pt; color: #444; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: 9.5pt; }
th, td { border: 1px solid #c8c8c8; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f7; }
thead { display: table-header-group; }
tr, li { page-break-inside: avoid; break-inside: avoid; }
ul { padding-left: 1.2rem; }
li { margin: .25rem 0; }
code { font-size: 9pt; white-space: nowrap; }
table.matrix { width: auto; }
table.matrix td, table.matrix th { width: 4.2rem; height: 2.2rem; text-align: center; vertical-align: middle; font-weight: bold; }
.VL { background: #8fd19e; } .L { background: #c7e9a0; } .M { background: #ffe08a; } .H { background: #f6a26b; } .VH { background: #e8615a; color: #fff; }
@page { margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; } }
";

/// The matrix as a coloured HTML grid (levels spelled in each cell, so it prints in grey).
fn matrix_html(ws: &Workspace) -> String {
    let m = risk::matrix(ws, risk::Basis::Inherent);
    let mut h = String::from("<table class=\"matrix\"><thead><tr><th>L ＼ I</th>");
    for i in 1..=5 {
        let _ = write!(h, "<th>{i}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for l in (1..=5u8).rev() {
        let _ = write!(h, "<tr><th>{l}</th>");
        for i in 1..=5u8 {
            let n = m[usize::from(l) - 1][usize::from(i) - 1];
            let level = RiskLevel::of(l, i).short();
            let count = if n == 0 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let _ = write!(h, "<td class=\"{level}\">{level}{count}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// The report as one self-contained HTML page: inline CSS, no scripts, nothing fetched.
/// Text from the workspace is escaped: raw HTML in a note shows as text.
pub fn html(catalog: &Catalog, ws: &Workspace, o: &Options) -> String {
    use pulldown_cmark::{Event, Options as MdOptions, Parser};
    let md = render_markdown(catalog, ws, o, true);
    use pulldown_cmark::{Tag, TagEnd};
    // The report makes no links or images of its own, so none may appear: whatever slipped
    // past the escaping becomes plain text, and raw HTML is shown as text.
    let parser = Parser::new_ext(&md, MdOptions::ENABLE_TABLES).filter_map(|ev| match ev {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        other => Some(other),
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, parser);
    let body = body.replace(&format!("<p>{MATRIX_MARK}</p>"), &matrix_html(ws));
    let title = pulldown_cmark_escape_text(&format!("HIPAA assessment: {}", ws.engagement.client));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

fn pulldown_cmark_escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The same values for a spreadsheet: text in any column (the id too: register ids are
/// typed by people) that a spreadsheet would read as a formula gets a quote.
pub fn spreadsheet_safe(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| crate::exchange::cells::csv_safe(&v))
        .collect()
}

/// The gap board as CSV (RFC 4180 quoting, UTF-8).
pub fn csv(catalog: &Catalog, ws: &Workspace, o: &Options) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(columns::COLUMNS.iter().map(|c| c.key))?;
    for g in ordered_gaps(catalog, ws, o.today) {
        let ctx = columns::Ctx {
            catalog,
            ws,
            today: o.today,
            redact: o.redact,
        };
        let vals = columns::values(&ctx, &g, columns::COLUMNS);
        w.write_record(spreadsheet_safe(
            vals.iter().map(columns::Value::text).collect(),
        ))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// One all-day event per open gap with a due date. UIDs are stable (the gap id and the
/// client), so importing a newer export updates events instead of duplicating them.
pub fn ics(catalog: &Catalog, ws: &Workspace, o: &Options) -> String {
    use icalendar::{Calendar, Component, Event, EventLike};
    let mut cal = Calendar::new();
    cal.name(&format!("HIPAA remediation: {}", ws.engagement.client));
    let client_slug: String = ws
        .engagement
        .client
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let stamp = o.today.format("%Y%m%dT000000Z").to_string();
    for g in ordered_gaps(catalog, ws, o.today) {
        let Some(due) = g.due else { continue };
        if g.status.is_closed() {
            continue;
        }
        let owner = if g.owner.is_empty() {
            "unassigned".to_string()
        } else {
            g.owner.clone()
        };
        let mut description = format!(
            "Owner: {owner}\nStatus: {}\nRisk: {} {}\nFinding: {}",
            g.status.label(),
            g.score(),
            g.level().label(),
            g.title
        );
        if !g.plan.is_empty() {
            let _ = write!(description, "\nPlan: {}", private(&g.plan, o));
        }
        let event = Event::new()
            .uid(&format!("{}@{client_slug}.hipaudit", g.id))
            .add_property("DTSTAMP", &stamp)
            .summary(&format!("Remediate {}: {}", g.id, short(&g.title, 60)))
            .description(&description)
            // All-day: DTEND is the day after (RFC 5545 ends are exclusive).
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// A plan of action and milestones, one item per gap, in the spirit of NIST OSCAL's POA&M.
pub fn poam_json(catalog: &Catalog, ws: &Workspace, o: &Options) -> serde_json::Value {
    let items: Vec<serde_json::Value> = ordered_gaps(catalog, ws, o.today)
        .iter()
        .map(|g| {
            let (opened, closed) = board::opened_closed(ws, g);
            let q = catalog.get(&g.id);
            json!({
                "id": g.id,
                "title": g.title,
                "description": q.map(|q| q.guidance.clone()),
                "area": g.area_name(),
                "section": g.section,
                "references": q.map(|q| q.references.clone()).unwrap_or_default(),
                "answer": g.answer.map(|a| a.label()),
                "risk": {
                    "likelihood": g.likelihood,
                    "impact": g.impact,
                    "score": g.score(),
                    "level": g.level().label(),
                },
                "owner": (!g.owner.is_empty()).then(|| g.owner.clone()),
                "due": g.due,
                "status": g.status.label(),
                "overdue": g.is_overdue(o.today),
                "plan": if o.redact { None } else { (!g.plan.is_empty()).then(|| g.plan.clone()) },
                "suggested_remediation": q.map(|q| q.remediation.clone()),
                "opened": opened,
                "closed": closed,
            })
        })
        .collect();
    json!({
        "poam": {
            "client": ws.engagement.client,
            "assessor": ws.engagement.assessor,
            "generated": o.today,
            "bank": { "id": ws.bank.id, "version": ws.bank.version },
            "redacted": o.redact,
            "items": items,
        }
    })
}

/// A workbook: the gap board (dates as dates, filters on the header, overdue rows
/// highlighted), one sheet per audit area, and the risk register.
pub fn xlsx(catalog: &Catalog, ws: &Workspace, o: &Options) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        o.today.format("%Y").to_string().parse()?,
        o.today.format("%m").to_string().parse()?,
        o.today.format("%d").to_string().parse()?,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("HIPAA assessment")
            .set_creation_datetime(&created),
    );
    let head = Format::new().set_bold().set_background_color("#EEF2F7");
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let late = Format::new().set_background_color("#F8CBAD");
    let late_date = Format::new()
        .set_background_color("#F8CBAD")
        .set_num_format("yyyy-mm-dd");
    let excel_date = |d: NaiveDate| -> anyhow::Result<ExcelDateTime> {
        use chrono::Datelike;
        Ok(ExcelDateTime::from_ymd(
            d.year() as u16,
            d.month() as u8,
            d.day() as u8,
        )?)
    };

    let gaps = ordered_gaps(catalog, ws, o.today);
    let sheet = wb.add_worksheet();
    sheet.set_name("Gaps")?;
    // The gap sheet's columns come from the one column table.
    let cols: Vec<&columns::Column> = columns::COLUMNS
        .iter()
        .filter(|c| c.shown.workbook.is_some())
        .collect();
    for (c, col) in cols.iter().enumerate() {
        sheet.write_string_with_format(
            0,
            c as u16,
            col.shown.workbook.unwrap_or(col.key),
            &head,
        )?;
    }
    let ctx = columns::Ctx {
        catalog,
        ws,
        today: o.today,
        redact: o.redact,
    };
    for (r, g) in gaps.iter().enumerate() {
        let row = r as u32 + 1;
        let overdue = g.is_overdue(o.today);
        let (text_fmt, day_fmt) = if overdue {
            (&late, &late_date)
        } else {
            (&Format::new(), &date_fmt)
        };
        for (c, v) in columns::values(&ctx, g, cols.iter().copied())
            .into_iter()
            .enumerate()
        {
            let c = c as u16;
            match v {
                columns::Value::Number(n) => {
                    sheet.write_number_with_format(row, c, n as f64, text_fmt)?;
                }
                columns::Value::Date(Some(d)) => {
                    sheet.write_datetime_with_format(row, c, excel_date(d)?, day_fmt)?;
                }
                columns::Value::Date(None) => {
                    if overdue {
                        sheet.write_blank(row, c, text_fmt)?;
                    }
                }
                other => {
                    sheet.write_string_with_format(row, c, other.text(), text_fmt)?;
                }
            }
        }
    }
    sheet.autofilter(0, 0, gaps.len() as u32, cols.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, w) in [
        (0u16, 12.0),
        (1, 14.0),
        (7, 18.0),
        (8, 11.0),
        (9, 13.0),
        (11, 70.0),
        (12, 50.0),
    ] {
        sheet.set_column_width(c, w)?;
    }

    for area in Area::ALL {
        let sheet = wb.add_worksheet();
        sheet.set_name(area.name())?;
        let cols = [
            "ID",
            "Section",
            "Question",
            "Kind",
            "References",
            "Answer",
            "By",
            "Evidence note",
        ];
        for (c, name) in cols.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, &head)?;
        }
        for (r, q) in catalog.in_area(area).enumerate() {
            let row = r as u32 + 1;
            let a = ws.answers.get(&q.id);
            let values = [
                q.id.clone(),
                q.section.clone(),
                q.prompt.clone(),
                q.kind.label().to_string(),
                q.references.join(", "),
                ws.status(&q.id).label().to_string(),
                a.map(|a| a.by.clone()).unwrap_or_default(),
                private(ws.note(&q.id), o).to_string(),
            ];
            for (c, v) in values.iter().enumerate() {
                sheet.write_string(row, c as u16, v)?;
            }
        }
        sheet.autofilter(
            0,
            0,
            catalog.in_area(area).count() as u32,
            cols.len() as u16 - 1,
        )?;
        sheet.set_freeze_panes(1, 0)?;
        for (c, w) in [(0u16, 12.0), (1, 24.0), (2, 70.0), (4, 30.0), (7, 60.0)] {
            sheet.set_column_width(c, w)?;
        }
    }

    let sheet = wb.add_worksheet();
    sheet.set_name("Risk register")?;
    let cols = [
        "ID",
        "Risk",
        "Assets",
        "Threat",
        "Vulnerability",
        "Controls",
        "Likelihood",
        "Impact",
        "Score",
        "Level",
        "Treatment",
        "Rationale",
    ];
    for (c, name) in cols.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &head)?;
    }
    for (r, risk) in ws.risks.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, v) in [
            (0u16, risk.id.clone()),
            (1, risk.title.clone()),
            (2, risk.assets.join(", ")),
            (3, risk.threat.clone()),
            (4, risk.vulnerability.clone()),
            (5, risk.controls.clone()),
            (
                9,
                RiskLevel::of(risk.likelihood, risk.impact)
                    .label()
                    .to_string(),
            ),
            (10, risk.treatment.label().to_string()),
            (11, risk.rationale.clone()),
        ] {
            sheet.write_string(row, c, &v)?;
        }
        for (c, n) in [
            (6u16, risk.likelihood),
            (7, risk.impact),
            (8, risk.likelihood * risk.impact),
        ] {
            sheet.write_number(row, c, f64::from(n))?;
        }
    }
    sheet.autofilter(0, 0, ws.risks.len() as u32, cols.len() as u16 - 1)?;
    Ok(wb.save_to_buffer()?)
}

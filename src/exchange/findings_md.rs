//! The report's gap and remediation plan, one finding per problem: a table to scan, then each
//! finding with its condition, criteria, risk, recommendation, management's response, owner,
//! date and status, and the board items it covers named under it.

use std::fmt::Write as _;

use crate::domain::catalog::Catalog;
use crate::domain::findings::{Finding, findings};
use crate::domain::gaps::Gap;
use crate::domain::workspace::Workspace;
use crate::exchange::cells::{cell, md_text};
use crate::exchange::options::{Options, private};

/// The findings in the order the plan prints them: open work first; among it the
/// remediation projects first (by their due date, then id) with their findings together, then
/// the loose findings; by risk, highest first, within each (the board's order kept within a
/// score); closed work last.
pub(crate) fn ordered(
    catalog: &Catalog,
    ws: &Workspace,
    o: &Options,
    gaps: &[Gap],
) -> Vec<Finding> {
    let mut f = findings(catalog, ws, gaps, o.today, o.window, o.redact);
    let order = project_order(ws);
    let rank = |f: &Finding| {
        f.project()
            .and_then(|id| order.iter().position(|p| p.id == id))
            .unwrap_or(usize::MAX)
    };
    f.sort_by_key(|f| {
        (
            f.status().is_closed(),
            rank(f),
            std::cmp::Reverse(f.lead.score()),
        )
    });
    f
}

/// The projects by due date (undated last), then id: the order the board walks them in.
fn project_order(ws: &Workspace) -> Vec<&crate::domain::workspace::Project> {
    let mut v: Vec<&crate::domain::workspace::Project> = ws.projects.iter().collect();
    v.sort_by_key(|p| (p.due.is_none(), p.due, p.id.clone()));
    v
}

/// The remediation projects: what groups the findings into the work a practice runs.
fn projects(md: &mut String, ws: &Workspace, o: &Options, all: &[Finding]) {
    if ws.projects.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "### Remediation projects\n\nThe findings grouped into the projects the practice runs; a project's owner and date apply to its findings unless one has its own.\n\n| Project | Owner | Due | Findings | Plan |\n| --- | --- | --- | --- | --- |"
    );
    for p in project_order(ws) {
        let ids: Vec<&str> = all
            .iter()
            .filter(|f| f.project() == Some(p.id.as_str()))
            .map(|f| f.id())
            .collect();
        let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
        let _ = writeln!(
            md,
            "| {} {} | {} | {} | {} | {} |",
            cell(&p.id),
            cell(&p.name),
            dash(cell(&p.owner)),
            p.due.map_or("—".to_string(), |d| d.to_string()),
            dash(cell(&ids.join(", "))),
            dash(one_line(private(&p.plan, o)))
        );
    }
    md.push('\n');
}

/// Text on one line: a note's line breaks become spaces in a table cell or a lead-in
/// paragraph.
fn one_line(s: &str) -> String {
    md_text(
        &s.split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn due_text(f: &Finding, o: &Options) -> String {
    match f.due() {
        Some(d) if f.is_overdue(o.today) => format!("{d} (overdue)"),
        Some(d) => d.to_string(),
        None => "not set".to_string(),
    }
}

/// The plan section.
pub(crate) fn plan(md: &mut String, catalog: &Catalog, ws: &Workspace, o: &Options, gaps: &[Gap]) {
    let _ = writeln!(md, "\n## Gap and remediation plan\n");
    if gaps.is_empty() {
        let _ = writeln!(
            md,
            "No gaps: no question is answered No or Partial and no open risk is above Low."
        );
        return;
    }
    let all = ordered(catalog, ws, o, gaps);
    let covered: usize = all.iter().map(|f| f.linked.len()).sum();
    use crate::domain::text::count;
    let _ = writeln!(
        md,
        "{} from the {} on the board{}. Remediation projects first, then the findings outside a project; highest risk first within each, closed work last; `!` marks overdue work. The score is likelihood × impact (1–25) on the SP 800-30 scales; the level follows its Table I-2. Where a register risk, a question and a vendor describe the same problem they are one finding, rated as the risk analysis rates it, with the others named under it.\n",
        count(all.len(), "finding", "findings"),
        count(gaps.len(), "item", "items"),
        if covered > 0 {
            format!(" ({covered} of them printed under another finding of the same problem)")
        } else {
            String::new()
        }
    );
    projects(md, ws, o, &all);
    let _ = writeln!(
        md,
        "| | ID | Finding | Score | Level | Owner | Due | Status | Project |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for f in &all {
        let also = if f.linked.is_empty() {
            String::new()
        } else {
            let ids: Vec<&str> = f.linked.iter().map(|g| g.id.as_str()).collect();
            format!(" (also {})", ids.join(", "))
        };
        let _ = writeln!(
            md,
            "| {} | {} | {}{} | {} | {} | {} | {} | {} | {} |",
            if f.is_overdue(o.today) { "!" } else { "" },
            cell(f.id()),
            cell(&f.title),
            cell(&also),
            f.lead.score(),
            f.lead.level().label(),
            if f.owner().is_empty() {
                "—".to_string()
            } else {
                cell(f.owner())
            },
            f.due().map_or("—".to_string(), |d| d.to_string()),
            f.status().label(),
            f.project().map_or(String::new(), cell)
        );
    }
    md.push('\n');
    for f in &all {
        finding(md, catalog, f, o);
    }
}

/// One finding in full.
fn finding(md: &mut String, catalog: &Catalog, f: &Finding, o: &Options) {
    let g = &f.lead;
    let _ = writeln!(md, "### {}: {}\n", cell(f.id()), cell(&f.title));
    let _ = writeln!(
        md,
        "**Risk:** {} {} (likelihood {} × impact {}{}) · **Owner:** {} · **Due:** {} · **Status:** {}{}\n",
        g.score(),
        g.level().label().to_lowercase(),
        g.likelihood,
        g.impact,
        if g.default_rating {
            ", the bank's default rating"
        } else {
            ""
        },
        if f.owner().is_empty() {
            "not assigned".to_string()
        } else {
            cell(f.owner())
        },
        due_text(f, o),
        f.status().label(),
        f.project()
            .map_or(String::new(), |p| format!(" · **Project:** {}", cell(p)))
    );
    let _ = writeln!(
        md,
        "**Condition{}:** {}\n",
        if f.observed {
            ""
        } else {
            " (the bank's finding)"
        },
        one_line(&f.condition)
    );
    let _ = writeln!(md, "**Criteria:** {}\n", one_line(&f.criteria));
    let recommendation = if f.suggested {
        format!(
            "*Suggested (no plan agreed yet):* {}",
            one_line(&f.recommendation)
        )
    } else {
        one_line(private(&f.recommendation, o))
    };
    let _ = writeln!(md, "**Recommendation:** {recommendation}\n");
    let response = match &f.response {
        None => "not yet given.".to_string(),
        Some(r) if o.redact => format!("{} ({}).", r.stance.label(), r.date),
        Some(r) => one_line(&r.line()),
    };
    let _ = writeln!(md, "**Management response:** {response}\n");
    if !f.linked.is_empty() {
        let _ = writeln!(md, "Also covers:\n");
        for l in &f.linked {
            let _ = writeln!(
                md,
                "- {} ({}): {}; {}{}.",
                cell(&l.id),
                l.area_name(),
                cell(crate::domain::findings::title(catalog, l).trim_end_matches('.')),
                l.status.label().to_lowercase(),
                l.due.map(|d| format!(", due {d}")).unwrap_or_default()
            );
        }
        md.push('\n');
    }
}

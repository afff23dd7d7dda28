//! The report's gap and remediation plan, one finding per problem: a table to scan, then each
//! finding with its condition, criteria, risk, recommendation, management's response, owner,
//! date and status, and the board items it covers named under it.

use crate::domain::catalog::Catalog;
use crate::domain::findings::{Finding, findings};
use crate::domain::gaps::Gap;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{DATE, Doc, ID, LEVEL, TEXT, b, em, flat};
use crate::exchange::options::{Options, private};
use crate::inl;

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
fn projects(d: &mut Doc, ws: &Workspace, o: &Options, all: &[Finding]) {
    if ws.projects.is_empty() {
        return;
    }
    d.heading(3, "Remediation projects");
    d.p("The findings grouped into the projects the practice runs; a project's owner and date apply to its findings unless one has its own.");
    d.table(&[
        ("Project", TEXT),
        ("Owner", TEXT),
        ("Due", DATE),
        ("Findings", TEXT),
        ("Plan", TEXT),
    ]);
    for p in project_order(ws) {
        let ids: Vec<&str> = all
            .iter()
            .filter(|f| f.project() == Some(p.id.as_str()))
            .map(|f| f.id())
            .collect();
        let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
        d.row(crate::cells![
            format!("{} {}", p.id, p.name),
            dash(p.owner.clone()),
            p.due.map_or("—".to_string(), |d| d.to_string()),
            dash(ids.join(", ")),
            dash(one_line(private(&p.plan, o)))
        ]);
    }
}

/// Text on one line: a note's line breaks become spaces in a table cell or a lead-in
/// paragraph.
fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn due_text(f: &Finding, o: &Options) -> String {
    match f.due() {
        Some(d) if f.is_overdue(o.today) => format!("{d} (overdue)"),
        Some(d) => d.to_string(),
        None => "not set".to_string(),
    }
}

/// The plan section.
pub(crate) fn plan(
    d: &mut Doc,
    catalog: &Catalog,
    (ws, o): (&Workspace, &Options),
    gaps: &[Gap],
    all: &[Finding],
) {
    d.section("Gap and remediation plan");
    if gaps.is_empty() {
        d.p("No gaps: no question is answered No or Partial and no open risk is above Low.");
        return;
    }
    let covered: usize = all.iter().map(|f| f.linked.len()).sum();
    use crate::domain::text::count;
    d.p(inl![
        format!(
            "{} from the {} on the board{}. Remediation projects first, then the findings outside a project; highest risk first within each, closed work last; ",
            count(all.len(), "finding", "findings"),
            count(gaps.len(), "item", "items"),
            if covered > 0 {
                format!(" ({covered} of them printed under another finding of the same problem)")
            } else {
                String::new()
            }
        ),
        crate::exchange::doc_model::code("!"),
        " marks overdue work. The score is likelihood × impact (1–25) on the SP 800-30 scales; the level follows its Table I-2. Where a register risk, a question and a vendor describe the same problem they are one finding, rated as the risk analysis rates it, with the others named under it."
    ]);
    projects(d, ws, o, all);
    d.table(&[
        ("", TEXT),
        ("ID", ID),
        ("Finding", TEXT),
        ("Score", TEXT),
        ("Level", LEVEL),
        ("Owner", TEXT),
        ("Due", DATE),
        ("Status", TEXT),
        ("Project", ID),
    ]);
    for f in all {
        let also = if f.linked.is_empty() {
            String::new()
        } else {
            let ids: Vec<&str> = f.linked.iter().map(|g| g.id.as_str()).collect();
            format!(" (also {})", ids.join(", "))
        };
        d.row(crate::cells![
            if f.is_overdue(o.today) { "!" } else { "" },
            f.id(),
            format!("{}{also}", f.title),
            f.lead.score().to_string(),
            f.lead.level().label(),
            if f.owner().is_empty() {
                "—".to_string()
            } else {
                f.owner().to_string()
            },
            f.due().map_or("—".to_string(), |d| d.to_string()),
            f.status().label(),
            f.project().unwrap_or_default()
        ]);
    }
    for f in all {
        finding(d, catalog, f, o);
    }
}

/// One finding in full.
fn finding(d: &mut Doc, catalog: &Catalog, f: &Finding, o: &Options) {
    let g = &f.lead;
    d.heading(3, format!("{}: {}", f.id(), f.title));
    let mut risk = inl![
        b("Risk:"),
        format!(
            " {} {} (likelihood {} × impact {}{}) · ",
            g.score(),
            g.level().label().to_lowercase(),
            g.likelihood,
            g.impact,
            if g.default_rating {
                ", the bank's default rating"
            } else {
                ""
            },
        ),
        b("Owner:"),
        format!(
            " {} · ",
            if f.owner().is_empty() {
                "not assigned".to_string()
            } else {
                flat(f.owner())
            }
        ),
        b("Due:"),
        format!(" {} · ", due_text(f, o)),
        b("Status:"),
        format!(" {}", f.status().label())
    ];
    if let Some(p) = f.project() {
        risk.extend(inl![" · ", b("Project:"), format!(" {}", flat(p))]);
    }
    d.p(risk);
    d.p(inl![
        b(format!(
            "Condition{}:",
            if f.observed {
                ""
            } else {
                " (the bank's finding)"
            }
        )),
        " ",
        one_line(&f.condition)
    ]);
    d.p(inl![b("Criteria:"), " ", one_line(&f.criteria)]);
    let recommendation = if f.suggested {
        inl![
            em("Suggested (no plan agreed yet):"),
            format!(" {}", one_line(&f.recommendation))
        ]
    } else {
        inl![one_line(private(&f.recommendation, o))]
    };
    let mut line = inl![b("Recommendation:"), " "];
    line.extend(recommendation);
    d.p(line);
    let response = match &f.response {
        None => "not yet given.".to_string(),
        Some(r) if o.redact => format!("{} ({}).", r.stance.label(), r.date),
        Some(r) => one_line(&r.line()),
    };
    d.p(inl![b("Management response:"), " ", response]);
    if !f.linked.is_empty() {
        d.p("Also covers:");
        for l in &f.linked {
            d.li(format!(
                "{} ({}): {}; {}{}.",
                flat(&l.id),
                l.area_name(),
                flat(crate::domain::findings::title(catalog, l).trim_end_matches('.')),
                l.status.label().to_lowercase(),
                l.due.map(|d| format!(", due {d}")).unwrap_or_default()
            ));
        }
    }
}

//! The report's risk analysis part (45 CFR 164.308(a)(1)(ii)(A)), in the order of the HHS/OCR
//! 2010 guidance: scope, the ePHI inventory and its flows, the method, each asset's threats
//! and vulnerabilities with the controls seen and the ratings' reasons, the matrices, the
//! treatment plan, the acceptances and what changed since the last analysis. Also what the
//! document calls itself: a gap assessment until the analysis is complete.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::analysis::{self, State};
use crate::domain::catalog::Catalog;
use crate::domain::inventory::{Asset, Encryption};
use crate::domain::rating::Rating;
use crate::domain::risk::{self, Basis};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{RiskEntry, Workspace};
use crate::exchange::cells::{cell, code, md_text};
use crate::exchange::options::{Options, private};

/// The markers the HTML report replaces with the coloured matrices.
pub(crate) const MATRIX_MARK: &str = "HIPAUDIT-MATRIX-HERE";
pub(crate) const MATRIX_MARK_RESIDUAL: &str = "HIPAUDIT-RESIDUAL-MATRIX-HERE";
/// The marker of the method's Table I-2 (levels only).
pub(crate) const MATRIX_MARK_LEVELS: &str = "HIPAUDIT-LEVELS-MATRIX-HERE";

/// What the document is, by the state of the analysis.
fn kind(complete: bool) -> &'static str {
    if complete {
        "HIPAA security risk analysis and gap assessment"
    } else {
        "HIPAA gap assessment (risk analysis in progress)"
    }
}

/// The document's title as plain text (the HTML title, the Word file's title and footer).
pub fn title(ws: &Workspace, today: NaiveDate) -> String {
    format!(
        "{}: {}",
        kind(analysis::state(ws, today).complete),
        crate::domain::text::clean_line(&ws.engagement.client)
    )
}

/// The cover's title line.
pub(crate) fn cover_title(md: &mut String, ws: &Workspace, today: NaiveDate) {
    let complete = analysis::state(ws, today).complete;
    let _ = writeln!(
        md,
        "# {}: {}\n",
        kind(complete),
        cell(&ws.engagement.client)
    );
}

/// The cover's line saying the analysis is not finished, when it is not.
pub(crate) fn cover_status(md: &mut String, ws: &Workspace, today: NaiveDate) {
    let s = analysis::state(ws, today);
    if !s.complete {
        let _ = writeln!(
            md,
            "**Risk analysis in progress** — {} before this document is the security risk analysis HIPAA requires; the executive summary lists {}.\n",
            crate::domain::text::count(s.missing.len(), "item is open", "items are open"),
            if s.missing.len() == 1 { "it" } else { "them" }
        );
    }
}

/// The executive summary's opening: what the document is and, until the analysis is
/// complete, what is missing.
pub(crate) fn summary(md: &mut String, ws: &Workspace, today: NaiveDate) {
    let s = analysis::state(ws, today);
    if s.complete {
        let _ = writeln!(
            md,
            "**This document is a HIPAA security risk analysis and gap assessment.** The risk analysis covers {} holding ePHI and {}, rates {} with the reason for each likelihood and impact, and records a treatment for every risk above the acceptance threshold ({}).\n",
            crate::domain::text::count(s.ephi_assets, "asset", "assets"),
            crate::domain::text::count(s.flows, "data flow", "data flows"),
            crate::domain::text::count(s.risks, "risk", "risks"),
            ws.method.threshold().label().to_lowercase()
        );
    } else {
        let _ = writeln!(
            md,
            "**This document is a gap assessment; the risk analysis is in progress.** It is not yet the security risk analysis of 45 CFR 164.308(a)(1)(ii)(A). Still missing:\n"
        );
        for m in &s.missing {
            let _ = writeln!(md, "- {}", md_text(m));
        }
        md.push('\n');
    }
    if !s.acceptances_due.is_empty() {
        let _ = writeln!(
            md,
            "{} past {} review-by date: {}.\n",
            crate::domain::text::count(
                s.acceptances_due.len(),
                "risk acceptance is",
                "risk acceptances are"
            ),
            if s.acceptances_due.len() == 1 {
                "its"
            } else {
                "their"
            },
            ids(&s.acceptances_due)
        );
    }
}

fn ids(v: &[String]) -> String {
    v.iter().map(|s| md_text(s)).collect::<Vec<_>>().join(", ")
}

/// The whole part, where the risk register used to be.
pub(crate) fn part(md: &mut String, catalog: &Catalog, ws: &Workspace, o: &Options, html: bool) {
    let s = analysis::state(ws, o.today);
    let _ = writeln!(md, "\n## Risk analysis\n");
    let _ = writeln!(
        md,
        "The security risk analysis of 45 CFR 164.308(a)(1)(ii)(A), set out in the order of the HHS Office for Civil Rights' guidance on risk analysis: the scope, the ePHI inventory and how ePHI moves, the method, each asset's threats and vulnerabilities with the controls seen and the reasons for each rating, the matrices, the treatment plan and the risks accepted."
    );
    if s.complete {
        let _ = writeln!(md, "Every element is in place.\n");
    } else {
        let missing: Vec<String> = s.missing.iter().map(|m| md_text(m)).collect();
        let _ = writeln!(md, "**It is not complete yet**: {}.\n", missing.join("; "));
    }
    scope(md, ws, &s);
    inventory(md, ws, o);
    flows(md, ws);
    method(md, ws, html);
    by_asset(md, catalog, ws);
    matrices(md, ws, html);
    treatment(md, ws, o);
    crate::exchange::risk_acceptances::acceptances(md, catalog, ws, o.today);
    crate::exchange::risk_acceptances::changes(md, ws);
}

fn scope(md: &mut String, ws: &Workspace, s: &State) {
    let _ = writeln!(md, "### Scope\n");
    if !ws.engagement.scope.trim().is_empty() {
        let _ = writeln!(md, "{}\n", md_text(ws.engagement.scope.trim()));
    }
    let _ = writeln!(
        md,
        "In scope: every asset that creates, receives, maintains or transmits ePHI ({} in the inventory) and the flows of ePHI between them and outside parties ({}).\n",
        s.ephi_assets, s.flows
    );
    let out: Vec<String> = ws
        .assets
        .iter()
        .filter(|a| !a.holds_ephi())
        .map(|a| format!("{} {}", md_text(&a.id), cell(&a.name)))
        .collect();
    if !out.is_empty() {
        let _ = writeln!(
            md,
            "Out of scope, as holding no ePHI: {}.\n",
            out.join(", ")
        );
    }
}

fn yes_no(e: Encryption) -> &'static str {
    match e {
        Encryption::Yes => "Yes",
        Encryption::No => "No",
        Encryption::Partial => "Partial",
        Encryption::Unknown => "Unknown",
    }
}

/// An empty cell as a dash, so a reader sees that nothing was recorded.
fn or_dash(s: String) -> String {
    if s.is_empty() { "—".into() } else { s }
}

fn inventory(md: &mut String, ws: &Workspace, o: &Options) {
    let _ = writeln!(md, "### Inventory of ePHI\n");
    if ws.assets.is_empty() {
        let _ = writeln!(md, "No asset is in the inventory yet.\n");
        return;
    }
    let _ = writeln!(
        md,
        "| ID | Asset | Kind | Count | Location | Owner | ePHI | Records | Encrypted at rest | Encrypted in transit | Business associate |\n| --- | --- | --- | ---: | --- | --- | --- | ---: | --- | --- | --- |"
    );
    for a in &ws.assets {
        let vendor = if a.vendor.is_empty() {
            String::new()
        } else {
            match ws.vendor(&a.vendor) {
                Some(v) => format!("{} ({})", cell(&v.name), md_text(&v.id)),
                None => cell(&a.vendor),
            }
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            code(&a.id),
            cell(&a.name),
            a.kind.label(),
            a.count,
            or_dash(cell(&a.location)),
            or_dash(cell(&a.owner)),
            a.ephi_text(),
            a.records.map_or("—".into(), |r| r.to_string()),
            yes_no(a.encrypted_at_rest),
            yes_no(a.encrypted_in_transit),
            or_dash(vendor),
        );
    }
    md.push('\n');
    // The notes are prose: under the table, where they read as sentences, not in a column
    // a word wide.
    let noted: Vec<&Asset> = ws
        .assets
        .iter()
        .filter(|a| !a.notes.trim().is_empty())
        .collect();
    if !noted.is_empty() {
        let _ = writeln!(md, "Notes on the assets:\n");
        for a in noted {
            let _ = writeln!(
                md,
                "- {} {}: {}",
                code(&a.id),
                cell(&a.name),
                cell(private(&a.notes, o))
            );
        }
        md.push('\n');
    }
}

fn flows(md: &mut String, ws: &Workspace) {
    let _ = writeln!(md, "### Data flows\n");
    if ws.flows.is_empty() {
        let _ = writeln!(md, "No flow of ePHI is documented yet.\n");
        return;
    }
    let _ = writeln!(
        md,
        "| ID | From → to | ePHI | Channel | Protection |\n| --- | --- | --- | --- | --- |"
    );
    for f in &ws.flows {
        let _ = writeln!(
            md,
            "| {} | {} → {} | {} | {} | {} |",
            code(&f.id),
            cell(ws.party_name(&f.from)),
            cell(ws.party_name(&f.to)),
            or_dash(cell(&f.data)),
            f.channel.label(),
            or_dash(cell(&f.protection)),
        );
    }
    md.push('\n');
}

fn method(md: &mut String, ws: &Workspace, html: bool) {
    let m = &ws.method;
    let _ = writeln!(md, "### Method\n");
    let _ = writeln!(
        md,
        "Sources of information: {}.\n",
        md_text(m.sources().trim_end_matches('.'))
    );
    let _ = writeln!(
        md,
        "Each risk is a threat that could exploit a vulnerability of an asset holding ePHI. Its likelihood and its impact are each rated on a five-level scale after NIST SP 800-30 Rev. 1 (Tables G-2 and H-3), taking the controls already in place into account, and the two together give the risk's level by SP 800-30 Table I-2.\n"
    );
    for (what, scale) in [
        ("Likelihood", Rating::ALL.map(|r| m.likelihood(r))),
        ("Impact", Rating::ALL.map(|r| m.impact(r))),
    ] {
        let _ = writeln!(md, "| Rating | {what} scale |\n| ---: | --- |");
        for (r, def) in Rating::ALL.into_iter().zip(scale) {
            let _ = writeln!(md, "| {r} | {} |", cell(def));
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "The level of a risk by its likelihood and impact (Table I-2):\n"
    );
    matrix(md, None, html.then_some(MATRIX_MARK_LEVELS));
    let t = m.threshold().label().to_lowercase();
    let _ = writeln!(
        md,
        "Acceptance threshold: a risk rated {t} or below may be accepted as it stands. Every risk above {t} needs a treatment on record: a plan to mitigate, transfer or avoid it, or an acceptance by someone with the authority to accept it, with the reason and a date to review it.\n"
    );
}

/// A 5×5 grid, likelihood in the rows (5 at the top) and impact in the columns: the level
/// names alone (`counts` none: Table I-2), or short levels with the risks in each cell. The
/// HTML report draws its own in place of `mark`.
pub(crate) fn matrix(md: &mut String, counts: Option<[[usize; 5]; 5]>, mark: Option<&str>) {
    if let Some(mark) = mark {
        let _ = writeln!(md, "{mark}\n");
        return;
    }
    let heads: Vec<String> = Rating::ALL
        .iter()
        .map(|i| format!("{i} {}", i.name()))
        .collect();
    let _ = writeln!(
        md,
        "| {AXES} | {} |\n| --- | --- | --- | --- | --- | --- |",
        heads.join(" | ")
    );
    for l in Rating::ALL.into_iter().rev() {
        let row: Vec<String> = Rating::ALL
            .into_iter()
            .map(|i| {
                let level = RiskLevel::of(l, i);
                match counts.map(|m| m[l.index()][i.index()]) {
                    None => level.label().to_string(),
                    Some(0) => level.short().to_string(),
                    Some(n) => format!("**{} ({n})**", level.short()),
                }
            })
            .collect();
        let _ = writeln!(md, "| {l} {} | {} |", l.name(), row.join(" | "));
    }
    md.push('\n');
}

/// The axis titles of every matrix, in its corner (the Word and HTML reports also set them
/// along the sides).
pub(crate) const AXES: &str = "Likelihood (rows) ＼ Impact (columns)";

/// The assets holding ePHI in inventory order, each with its risks or the reason it has
/// none; then the risks no such asset names.
fn by_asset(md: &mut String, catalog: &Catalog, ws: &Workspace) {
    let _ = writeln!(md, "### Risks by asset\n");
    let _ = writeln!(
        md,
        "For each asset holding ePHI: the threats, the vulnerabilities they could exploit, the controls observed (with the questions and evidence that show them and the answer given), and the likelihood, impact and level with the reason for each rating.\n"
    );
    let ephi: Vec<&Asset> = ws.assets.iter().filter(|a| a.holds_ephi()).collect();
    if ephi.is_empty() {
        let _ = writeln!(md, "No asset holding ePHI is in the inventory yet.\n");
    }
    // Each asset's risks, in register order, found in one pass (not a scan a asset).
    let mut by_asset: std::collections::HashMap<&str, Vec<&RiskEntry>> =
        std::collections::HashMap::new();
    for r in &ws.risks {
        for a in &r.assets {
            let list = by_asset.entry(a.as_str()).or_default();
            if list.last().is_none_or(|x| x.id != r.id) {
                list.push(r);
            }
        }
    }
    let mut shown: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for a in ephi {
        let _ = writeln!(
            md,
            "#### {} {} ({})\n",
            md_text(&a.id),
            cell(&a.name),
            a.kind.label()
        );
        let risks: Vec<&RiskEntry> = by_asset.get(a.id.as_str()).cloned().unwrap_or_default();
        if !a.no_risk.trim().is_empty() {
            let _ = writeln!(md, "No significant risk: {}\n", md_text(a.no_risk.trim()));
        } else if risks.is_empty() {
            let _ = writeln!(
                md,
                "*Not assessed yet: no risk is rated for this asset and no reason is recorded why none is significant. This is a gap in the analysis.*\n"
            );
        }
        for r in risks {
            if shown.contains(r.id.as_str()) {
                let _ = writeln!(
                    md,
                    "- **{}** {} — {}; described above.",
                    md_text(&r.id),
                    cell(&r.title),
                    analysis::level(r).label()
                );
            } else {
                risk_detail(md, catalog, ws, r);
                shown.insert(&r.id);
            }
        }
        md.push('\n');
    }
    let rest: Vec<&RiskEntry> = ws
        .risks
        .iter()
        .filter(|r| !shown.contains(r.id.as_str()))
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(md, "#### Risks not tied to an asset\n");
        let _ = writeln!(
            md,
            "These name no asset of the inventory that holds ePHI (entries made before the inventory, or naming systems in words).\n"
        );
        for r in rest {
            risk_detail(md, catalog, ws, r);
        }
        md.push('\n');
    }
}

/// One risk as a list item with its facts as sub-items.
fn risk_detail(md: &mut String, catalog: &Catalog, ws: &Workspace, r: &RiskEntry) {
    let none = "*not recorded*";
    let text = |s: &str| {
        if s.trim().is_empty() {
            none.to_string()
        } else {
            cell(s.trim())
        }
    };
    let level = analysis::level(r);
    let _ = writeln!(
        md,
        "- **{}** {} — **{}** (likelihood {} × impact {} = {})",
        md_text(&r.id),
        cell(&r.title),
        level.label(),
        r.likelihood,
        r.impact,
        Rating::score(r.likelihood, r.impact)
    );
    let named: Vec<String> = r.assets.iter().map(|a| cell(ws.party_name(a))).collect();
    if r.assets.len() > 1 || r.assets.iter().any(|a| ws.asset(a).is_none()) {
        let _ = writeln!(md, "  - Assets: {}", named.join(", "));
    }
    let _ = writeln!(md, "  - Threat: {}", text(&r.threat));
    let _ = writeln!(md, "  - Vulnerability: {}", text(&r.vulnerability));
    let _ = writeln!(md, "  - Controls observed: {}", text(&r.controls));
    if !r.links.is_empty() {
        let links: Vec<String> = r.links.iter().map(|l| link(catalog, ws, l)).collect();
        let _ = writeln!(md, "  - Shown by: {}", links.join(", "));
    }
    let _ = writeln!(
        md,
        "  - Likelihood {} ({}): {}",
        r.likelihood,
        r.likelihood.name().to_lowercase(),
        text(&r.likelihood_why)
    );
    let _ = writeln!(
        md,
        "  - Impact {} ({}): {}",
        r.impact,
        r.impact.name().to_lowercase(),
        text(&r.impact_why)
    );
    if r.rerate {
        let _ = writeln!(
            md,
            "  - *Carried from the last analysis and not re-rated since.*"
        );
    }
}

/// A linked question with its current answer, or an evidence item with its label.
fn link(catalog: &Catalog, ws: &Workspace, id: &str) -> String {
    if let Some((owner, i)) = crate::domain::evidence::parse_board_id(id) {
        let item = ws
            .answers
            .get(owner)
            .and_then(|a| a.evidence.get(i))
            .or_else(|| ws.vendor(owner).and_then(|v| v.evidence.get(i)));
        if let Some(item) = item {
            return format!("{} ({})", md_text(id), cell(&item.label));
        }
    }
    if catalog.get(id).is_some() || ws.answers.contains_key(id) {
        return format!("{} ({})", md_text(id), ws.status(id).label());
    }
    format!("{} (not found)", md_text(id))
}

fn matrices(md: &mut String, ws: &Workspace, html: bool) {
    let _ = writeln!(md, "### Risk matrices\n");
    if ws.risks.is_empty() {
        let _ = writeln!(md, "No risk is rated yet.\n");
        return;
    }
    for (basis, title, mark) in [
        (Basis::Inherent, "Inherent risk, as rated", MATRIX_MARK),
        (
            Basis::Residual,
            "Residual risk, once the planned treatments are done",
            MATRIX_MARK_RESIDUAL,
        ),
    ] {
        let _ = writeln!(md, "#### {title}\n");
        if basis == Basis::Inherent {
            // Right before the grid, so a page never parts the two.
            let _ = writeln!(
                md,
                "Each cell shows its level (VL very low, L low, M moderate, H high, VH very high) and, in brackets, how many risks fall in it.\n"
            );
        }
        matrix(md, Some(risk::matrix(ws, basis)), html.then_some(mark));
    }
}

fn treatment(md: &mut String, ws: &Workspace, o: &Options) {
    let _ = writeln!(md, "### Treatment plan\n");
    if ws.risks.is_empty() {
        let _ = writeln!(md, "No risk is rated yet.\n");
        return;
    }
    let _ = writeln!(
        md,
        "The residual level is the one expected once the treatment is done, where a target is recorded.\n"
    );
    let _ = writeln!(
        md,
        "| ID | Risk | Level | Treatment | Rationale | Plan | Owner | Due | Residual |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for r in &ws.risks {
        let rem = ws.remediation(&r.id);
        let residual = if r.target_likelihood.is_some() || r.target_impact.is_some() {
            let (l, i) = risk::rating(r, Basis::Residual);
            format!("{} ({})", RiskLevel::of(l, i).label(), Rating::score(l, i))
        } else {
            "—".into()
        };
        let level = analysis::level(r);
        let _ = writeln!(
            md,
            "| {} | {} | {} ({}) | {} | {} | {} | {} | {} | {residual} |",
            code(&r.id),
            cell(&r.title),
            level.label(),
            Rating::score(r.likelihood, r.impact),
            r.treatment.label(),
            or_dash(cell(&r.rationale)),
            or_dash(cell(private(&rem.plan, o))),
            or_dash(cell(&rem.owner)),
            rem.due.map_or("—".into(), |d| d.to_string()),
        );
    }
    md.push('\n');
}

//! The report's risk analysis part (45 CFR 164.308(a)(1)(ii)(A)), in the order of the HHS/OCR
//! 2010 guidance: scope, the ePHI inventory and its flows, the method, each asset's threats
//! and vulnerabilities with the controls seen and the ratings' reasons, the matrices, the
//! treatment plan, the acceptances and what changed since the last analysis. Also what the
//! document calls itself: a gap assessment until the analysis is complete.

use chrono::NaiveDate;

use crate::domain::analysis::{self, State};
use crate::domain::catalog::Catalog;
use crate::domain::inventory::{Asset, Encryption};
use crate::domain::rating::Rating;
use crate::domain::risk::{self, Basis};
use crate::domain::scoring::RiskLevel;
use crate::domain::workspace::{RiskEntry, Workspace};
use crate::exchange::doc_model::{Doc, ID, Inline, LEVEL, NUM, TEXT, b, code, em, flat, t};
use crate::exchange::options::{Options, private};
use crate::inl;

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
pub(crate) fn cover_title(d: &mut Doc, ws: &Workspace, today: NaiveDate) {
    let complete = analysis::state(ws, today).complete;
    d.heading(
        1,
        format!("{}: {}", kind(complete), flat(&ws.engagement.client)),
    );
}

/// The cover's line saying the analysis is not finished, when it is not.
pub(crate) fn cover_status(d: &mut Doc, ws: &Workspace, today: NaiveDate) {
    let s = analysis::state(ws, today);
    if !s.complete {
        d.p(inl![
            b("Risk analysis in progress"),
            format!(
                " — {} before this document is the security risk analysis HIPAA requires; the executive summary lists {}.",
                crate::domain::text::count(s.missing.len(), "item is open", "items are open"),
                if s.missing.len() == 1 { "it" } else { "them" }
            )
        ]);
    }
}

/// The executive summary's opening: what the document is and, until the analysis is
/// complete, what is missing.
pub(crate) fn summary(d: &mut Doc, ws: &Workspace, today: NaiveDate) {
    let s = analysis::state(ws, today);
    if s.complete {
        d.p(inl![
            b("This document is a HIPAA security risk analysis and gap assessment."),
            format!(
                " The risk analysis covers {} holding ePHI and {}, rates {} with the reason for each likelihood and impact, and records a treatment for every risk above the acceptance threshold ({}).",
                crate::domain::text::count(s.ephi_assets, "asset", "assets"),
                crate::domain::text::count(s.flows, "data flow", "data flows"),
                crate::domain::text::count(s.risks, "risk", "risks"),
                ws.method.threshold().label().to_lowercase()
            )
        ]);
    } else {
        d.p(inl![
            b("This document is a gap assessment; the risk analysis is in progress."),
            " It is not yet the security risk analysis of 45 CFR 164.308(a)(1)(ii)(A). Still missing:"
        ]);
        for m in &s.missing {
            d.li(t(m));
        }
    }
    if !s.acceptances_due.is_empty() {
        d.p(format!(
            "{} past {} review-by date: {}.",
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
            s.acceptances_due.join(", ")
        ));
    }
}

/// The whole part, where the risk register used to be.
pub(crate) fn part(d: &mut Doc, catalog: &Catalog, ws: &Workspace, o: &Options) {
    let s = analysis::state(ws, o.today);
    d.section("Risk analysis");
    let lead = "The security risk analysis of 45 CFR 164.308(a)(1)(ii)(A), set out in the order of the HHS Office for Civil Rights' guidance on risk analysis: the scope, the ePHI inventory and how ePHI moves, the method, each asset's threats and vulnerabilities with the controls seen and the reasons for each rating, the matrices, the treatment plan and the risks accepted.";
    if s.complete {
        d.p(format!("{lead} Every element is in place."));
    } else {
        d.p(inl![
            format!("{lead} "),
            b("It is not complete yet"),
            format!(": {}.", s.missing.join("; "))
        ]);
    }
    scope(d, ws, &s);
    inventory(d, ws, o);
    flows(d, ws);
    method(d, ws);
    by_asset(d, catalog, ws);
    matrices(d, ws);
    treatment(d, ws, o);
    crate::exchange::risk_acceptances::acceptances(d, catalog, ws, o.today);
    crate::exchange::risk_acceptances::changes(d, ws);
}

fn scope(d: &mut Doc, ws: &Workspace, s: &State) {
    d.heading(3, "Scope");
    if !ws.engagement.scope.trim().is_empty() {
        d.p(t(ws.engagement.scope.trim()));
    }
    d.p(format!(
        "In scope: every asset that creates, receives, maintains or transmits ePHI ({} in the inventory) and the flows of ePHI between them and outside parties ({}).",
        s.ephi_assets, s.flows
    ));
    let out: Vec<String> = ws
        .assets
        .iter()
        .filter(|a| !a.holds_ephi())
        .map(|a| format!("{} {}", a.id, flat(&a.name)))
        .collect();
    if !out.is_empty() {
        d.p(format!(
            "Out of scope, as holding no ePHI: {}.",
            out.join(", ")
        ));
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

fn inventory(d: &mut Doc, ws: &Workspace, o: &Options) {
    d.heading(3, "Inventory of ePHI");
    if ws.assets.is_empty() {
        d.p("No asset is in the inventory yet.");
        return;
    }
    d.table(&[
        ("ID", ID),
        ("Asset", TEXT),
        ("Kind", TEXT),
        ("Count", NUM),
        ("Location", TEXT),
        ("Owner", TEXT),
        ("ePHI", TEXT),
        ("Records", NUM),
        ("Encrypted at rest", TEXT),
        ("Encrypted in transit", TEXT),
        ("Business associate", TEXT),
    ]);
    for a in &ws.assets {
        let vendor = if a.vendor.is_empty() {
            String::new()
        } else {
            match ws.vendor(&a.vendor) {
                Some(v) => format!("{} ({})", v.name, v.id),
                None => a.vendor.clone(),
            }
        };
        d.row(crate::cells![
            code(&a.id),
            &a.name,
            a.kind.label(),
            a.count.to_string(),
            or_dash(a.location.clone()),
            or_dash(a.owner.clone()),
            a.ephi_text(),
            a.records.map_or("—".into(), |r| r.to_string()),
            yes_no(a.encrypted_at_rest),
            yes_no(a.encrypted_in_transit),
            or_dash(vendor),
        ]);
    }
    // The notes are prose: under the table, where they read as sentences, not in a column
    // a word wide.
    let noted: Vec<&Asset> = ws
        .assets
        .iter()
        .filter(|a| !a.notes.trim().is_empty())
        .collect();
    if !noted.is_empty() {
        d.p("Notes on the assets:");
        for a in noted {
            d.li(inl![
                code(&a.id),
                format!(" {}: ", flat(&a.name)),
                flat(private(&a.notes, o))
            ]);
        }
    }
}

fn flows(d: &mut Doc, ws: &Workspace) {
    d.heading(3, "Data flows");
    if ws.flows.is_empty() {
        d.p("No flow of ePHI is documented yet.");
        return;
    }
    d.table(&[
        ("ID", ID),
        ("From → to", TEXT),
        ("ePHI", TEXT),
        ("Channel", TEXT),
        ("Protection", TEXT),
    ]);
    for f in &ws.flows {
        d.row(crate::cells![
            code(&f.id),
            format!("{} → {}", ws.party_name(&f.from), ws.party_name(&f.to)),
            or_dash(f.data.clone()),
            f.channel.label(),
            or_dash(f.protection.clone()),
        ]);
    }
}

fn method(d: &mut Doc, ws: &Workspace) {
    let m = &ws.method;
    d.heading(3, "Method");
    d.p(inl![
        "Sources of information: ",
        t(m.sources().trim_end_matches('.')),
        "."
    ]);
    d.p("Each risk is a threat that could exploit a vulnerability of an asset holding ePHI. Its likelihood and its impact are each rated on a five-level scale after NIST SP 800-30 Rev. 1 (Tables G-2 and H-3), taking the controls already in place into account, and the two together give the risk's level by SP 800-30 Table I-2.");
    for (what, scale) in [
        ("Likelihood scale", Rating::ALL.map(|r| m.likelihood(r))),
        ("Impact scale", Rating::ALL.map(|r| m.impact(r))),
    ] {
        d.table(&[("Rating", NUM), (what, TEXT)]);
        for (r, def) in Rating::ALL.into_iter().zip(scale) {
            d.row(crate::cells![r.to_string(), def]);
        }
    }
    d.p("The level of a risk by its likelihood and impact (Table I-2):");
    d.matrix(None);
    let th = m.threshold().label().to_lowercase();
    d.p(format!(
        "Acceptance threshold: a risk rated {th} or below may be accepted as it stands. Every risk above {th} needs a treatment on record: a plan to mitigate, transfer or avoid it, or an acceptance by someone with the authority to accept it, with the reason and a date to review it."
    ));
}

/// The assets holding ePHI in inventory order, each with its risks or the reason it has
/// none; then the risks no such asset names.
fn by_asset(d: &mut Doc, catalog: &Catalog, ws: &Workspace) {
    d.heading(3, "Risks by asset");
    d.p("For each asset holding ePHI: the threats, the vulnerabilities they could exploit, the controls observed (with the questions and evidence that show them and the answer given), and the likelihood, impact and level with the reason for each rating.");
    let ephi: Vec<&Asset> = ws.assets.iter().filter(|a| a.holds_ephi()).collect();
    if ephi.is_empty() {
        d.p("No asset holding ePHI is in the inventory yet.");
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
        d.heading(
            4,
            format!("{} {} ({})", a.id, flat(&a.name), a.kind.label()),
        );
        let risks: Vec<&RiskEntry> = by_asset.get(a.id.as_str()).cloned().unwrap_or_default();
        if !a.no_risk.trim().is_empty() {
            d.p(inl!["No significant risk: ", t(a.no_risk.trim())]);
        } else if risks.is_empty() {
            d.p(em("Not assessed yet: no risk is rated for this asset and no reason is recorded why none is significant. This is a gap in the analysis."));
        }
        for r in risks {
            if shown.contains(r.id.as_str()) {
                d.li(inl![
                    b(&r.id),
                    format!(
                        " {} — {}; described above.",
                        flat(&r.title),
                        analysis::level(r).label()
                    )
                ]);
            } else {
                risk_detail(d, catalog, ws, r);
                shown.insert(&r.id);
            }
        }
    }
    let rest: Vec<&RiskEntry> = ws
        .risks
        .iter()
        .filter(|r| !shown.contains(r.id.as_str()))
        .collect();
    if !rest.is_empty() {
        d.heading(4, "Risks not tied to an asset");
        d.p("These name no asset of the inventory that holds ePHI (entries made before the inventory, or naming systems in words).");
        for r in rest {
            risk_detail(d, catalog, ws, r);
        }
    }
}

/// One risk as a list item with its facts as sub-items.
fn risk_detail(d: &mut Doc, catalog: &Catalog, ws: &Workspace, r: &RiskEntry) {
    let text = |s: &str| -> Vec<Inline> {
        if s.trim().is_empty() {
            inl![em("not recorded")]
        } else {
            inl![flat(s.trim())]
        }
    };
    let level = analysis::level(r);
    d.li(inl![
        b(&r.id),
        format!(" {} — ", flat(&r.title)),
        b(level.label()),
        format!(
            " (likelihood {} × impact {} = {})",
            r.likelihood,
            r.impact,
            Rating::score(r.likelihood, r.impact)
        )
    ]);
    let named: Vec<String> = r.assets.iter().map(|a| flat(ws.party_name(a))).collect();
    if r.assets.len() > 1 || r.assets.iter().any(|a| ws.asset(a).is_none()) {
        d.sub(format!("Assets: {}", named.join(", ")));
    }
    for (what, s) in [
        ("Threat: ", &r.threat),
        ("Vulnerability: ", &r.vulnerability),
        ("Controls observed: ", &r.controls),
    ] {
        let mut line = inl![what];
        line.extend(text(s));
        d.sub(line);
    }
    if !r.links.is_empty() {
        let links: Vec<String> = r.links.iter().map(|l| link(catalog, ws, l)).collect();
        d.sub(format!("Shown by: {}", links.join(", ")));
    }
    for (what, rating, why) in [
        ("Likelihood", r.likelihood, &r.likelihood_why),
        ("Impact", r.impact, &r.impact_why),
    ] {
        let mut line = inl![format!(
            "{what} {rating} ({}): ",
            rating.name().to_lowercase()
        )];
        line.extend(text(why));
        d.sub(line);
    }
    if r.rerate {
        d.sub(em("Carried from the last analysis and not re-rated since."));
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
            return format!("{id} ({})", flat(&item.label));
        }
    }
    if catalog.get(id).is_some() || ws.answers.contains_key(id) {
        return format!("{id} ({})", ws.status(id).label());
    }
    // In the bank but left out by the engagement's profile (Appendix C lists it).
    if crate::domain::catalog::Catalog::builtin().get(id).is_some() {
        return format!("{id} (out of scope)");
    }
    format!("{id} (not found)")
}

fn matrices(d: &mut Doc, ws: &Workspace) {
    d.heading(3, "Risk matrices");
    if ws.risks.is_empty() {
        d.p("No risk is rated yet.");
        return;
    }
    for (basis, title) in [
        (Basis::Inherent, "Inherent risk, as rated"),
        (
            Basis::Residual,
            "Residual risk, once the planned treatments are done",
        ),
    ] {
        d.heading(4, title);
        if basis == Basis::Inherent {
            // Right before the grid, so a page never parts the two.
            d.p("Each cell shows its level (VL very low, L low, M moderate, H high, VH very high) and, in brackets, how many risks fall in it.");
        }
        d.matrix(Some(risk::matrix(ws, basis)));
    }
}

fn treatment(d: &mut Doc, ws: &Workspace, o: &Options) {
    d.heading(3, "Treatment plan");
    if ws.risks.is_empty() {
        d.p("No risk is rated yet.");
        return;
    }
    d.p("The residual level is the one expected once the treatment is done, where a target is recorded.");
    d.table(&[
        ("ID", ID),
        ("Risk", TEXT),
        ("Level", LEVEL),
        ("Treatment", TEXT),
        ("Rationale", TEXT),
        ("Plan", TEXT),
        ("Owner", TEXT),
        ("Due", crate::exchange::doc_model::DATE),
        ("Residual", LEVEL),
    ]);
    for r in &ws.risks {
        let rem = ws.remediation(&r.id);
        let residual = if r.target_likelihood.is_some() || r.target_impact.is_some() {
            let (l, i) = risk::rating(r, Basis::Residual);
            format!("{} ({})", RiskLevel::of(l, i).label(), Rating::score(l, i))
        } else {
            "—".into()
        };
        let level = analysis::level(r);
        d.row(crate::cells![
            code(&r.id),
            &r.title,
            format!(
                "{} ({})",
                level.label(),
                Rating::score(r.likelihood, r.impact)
            ),
            r.treatment.label(),
            or_dash(r.rationale.clone()),
            or_dash(private(&rem.plan, o).to_string()),
            or_dash(rem.owner.clone()),
            rem.due.map_or("—".into(), |d| d.to_string()),
            residual,
        ]);
    }
}

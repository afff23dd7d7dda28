//! The report's narrative sections: the summary in sentences, scope and methodology, the
//! carried-forward note, the meeting minutes, the statement of limitations and the sign-off.
use std::fmt::Write as _;

use crate::domain::board;
use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::exchange::cells::{cell, md_text};
use crate::exchange::options::{Options, private};

/// Scope and methodology: the standards, the scale, how evidence was reviewed, who took part.
pub(crate) fn scope(md: &mut String, ws: &Workspace) {
    let e = &ws.engagement;
    let _ = writeln!(md, "\n## Scope and methodology\n");
    if !e.scope.is_empty() {
        let _ = writeln!(md, "Scope: {}\n", md_text(&e.scope));
    }
    let _ = writeln!(
        md,
        "The assessment followed the HIPAA Privacy, Security and Breach Notification Rules (45 CFR Parts 160 and 164; Part 164 Subparts C, D and E), NIST Cybersecurity Framework 2.0 and NIST SP 800-66 Rev. 2. Each question states what \"in place\" looks like and which evidence shows it; answers were given from documents, records and configurations seen and from interviews, and the evidence notes say what was seen. Risks were rated for likelihood and impact on the five-level scales of NIST SP 800-30 Rev. 1 and combined with its Table I-2.\n"
    );
    let items = ws.evidence_items();
    let hashed = items.iter().filter(|h| !h.item.sha256.is_empty()).count();
    let notes = ws.answers.values().filter(|a| !a.note.is_empty()).count();
    let _ = writeln!(
        md,
        "Evidence on record: {} with notes, {} ({hashed} of them files identified by their SHA-256; see Appendix B).\n",
        crate::domain::text::count(notes, "answer", "answers"),
        crate::domain::text::count(items.len(), "evidence item", "evidence items")
    );
    let interviewed = ws.engagement.interviewed.trim();
    if !interviewed.is_empty() {
        let _ = writeln!(
            md,
            "Interviewed: {}.\n",
            cell(interviewed.trim_end_matches('.'))
        );
    }
    let mut people: Vec<String> = Vec::new();
    for a in ws.own_meetings().flat_map(|m| &m.attendees) {
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
pub(crate) fn sign_off(md: &mut String, catalog: &Catalog, ws: &Workspace, o: &Options) {
    let e = &ws.engagement;
    let _ = writeln!(md, "\n## Statement of limitations\n");
    let (answered, total) = board::answered_total(catalog, ws);
    if answered < total {
        let _ = writeln!(
            md,
            "{} of the {total} questions were not assessed: this report draws no conclusion about them.\n",
            total - answered
        );
    }
    // An assessor whose firm is also one of the client's business associates (the MSP
    // assessing its own client) says so.
    let bare = |s: &str| {
        s.split('(')
            .next()
            .unwrap_or_default()
            .trim()
            .to_lowercase()
    };
    let firm = bare(&e.firm);
    if let Some(v) = ws.vendors.iter().find(|v| {
        let name = bare(&v.name);
        !firm.is_empty() && !name.is_empty() && (firm.starts_with(&name) || name.starts_with(&firm))
    }) {
        let _ = writeln!(
            md,
            "The assessing firm, {}, is also one of the client's business associates ({}): the controls it operates for the client were assessed by it, not independently tested.\n",
            cell(&e.firm),
            cell(&v.id)
        );
    }
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
    attestation(md, ws, o);
    let _ = writeln!(
        md,
        "| | Assessor | Client representative |\n| --- | --- | --- |\n| Organisation | {} | {} |\n| Name | {} | |\n| Role | {} | |\n| Credentials | {} | |\n| Date | | |\n| {SIGNATURE} | | |\n",
        cell(&e.firm),
        cell(&e.client),
        cell(&e.assessor),
        cell(&e.assessor_role),
        cell(&e.credentials)
    );
}

/// The first cell of the signature row: Word and the browser give that row room to sign.
pub(crate) const SIGNATURE: &str = "Signature";

/// What the signatures attest: what was examined, as of when, and the limits of a
/// point-in-time assessment made on the information provided.
fn attestation(md: &mut String, ws: &Workspace, o: &Options) {
    let e = &ws.engagement;
    let who = match (e.assessor.trim(), e.firm.trim()) {
        ("", "") => "The assessor".to_string(),
        ("", f) => format!("The assessor of {}", cell(f)),
        (a, "") => cell(a),
        (a, f) => format!("{}, of {},", cell(a), cell(f)),
    };
    let client = if e.client.trim().is_empty() {
        "the client".to_string()
    } else {
        cell(&e.client)
    };
    let period = match (e.started, e.ended) {
        (Some(s), Some(t)) => format!(" between {s} and {t}"),
        (Some(s), None) => format!(" from {s}"),
        _ => String::new(),
    };
    let as_of = e.ended.unwrap_or(o.today);
    let _ = writeln!(
        md,
        "**Attestation.** {who} examined {client}'s safeguards for protected health information against the HIPAA Privacy, Security and Breach Notification Rules{period}: the policies, records and system settings made available, interviews with the people named under Scope and methodology, and a walkthrough of the site. This report is a fair account of what was seen and said, as of {as_of}. It is a point-in-time assessment made on the information provided: what was not shown could not be assessed, controls may have changed since, and the statement of limitations applies. The client's representative signs to acknowledge receipt of the report and that the information given to the assessor was, to their knowledge, complete and accurate.\n"
    );
}

/// Document control: this version and its date, the versions issued before it and who
/// receives the report. Kept in the engagement (report version, issued, distribution).
pub(crate) fn document_control(md: &mut String, ws: &Workspace, o: &Options) {
    let e = &ws.engagement;
    let _ = writeln!(md, "\n## Document control\n");
    let version = if e.doc_version.trim().is_empty() {
        "Draft".to_string()
    } else {
        cell(&e.doc_version)
    };
    let mut author = cell(&e.assessor);
    if !e.credentials.is_empty() {
        author = format!("{author}, {}", cell(&e.credentials));
    }
    if !e.assessor_role.is_empty() {
        author = format!("{author} ({})", cell(&e.assessor_role));
    }
    let _ = writeln!(
        md,
        "| Document | |\n| --- | --- |\n| Version | {version} |\n| Date | {} |",
        o.today
    );
    for (k, v) in [
        ("Prepared by", author),
        ("Assessing firm", cell(&e.firm)),
        ("Prepared for", cell(&e.client)),
    ] {
        if !v.trim().is_empty() {
            let _ = writeln!(md, "| {k} | {v} |");
        }
    }
    let _ = writeln!(
        md,
        "\n**Versions issued**\n\n| Version | Date | Note |\n| --- | --- | --- |"
    );
    for i in &e.issues {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            cell(&i.version),
            i.date,
            cell(&i.note)
        );
    }
    // This version, unless it is already on the record as issued.
    if !e
        .issues
        .iter()
        .any(|i| i.version == e.doc_version && !e.doc_version.is_empty())
    {
        let _ = writeln!(md, "| {version} | {} | This version |", o.today);
    }
    let _ = writeln!(md, "\n**Distribution**\n");
    if e.distribution.is_empty() {
        let _ = writeln!(
            md,
            "No distribution list is recorded: this copy goes to the client's contact named above only."
        );
    }
    for d in &e.distribution {
        let _ = writeln!(md, "- {}", cell(d));
    }
}

/// The contents: the report's sections as they follow, from the body's own headings (text
/// from the workspace is escaped, so every `## ` line of the body is the report's).
pub(crate) fn contents(md: &mut String, body: &str) {
    let _ = writeln!(md, "\n## {CONTENTS}\n");
    for title in body.lines().filter_map(|l| l.strip_prefix("## ")) {
        let _ = writeln!(md, "- {title}");
    }
}

/// The title of the contents, which Word fills in as a table of contents field.
pub(crate) const CONTENTS: &str = "Contents";

/// For a carried-forward workspace: which assessment it came from and, per area, how many
/// answers still stand as carried (not re-verified).
pub(crate) fn carried_note(md: &mut String, catalog: &Catalog, ws: &Workspace) {
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

/// The minutes of each review meeting: date, attendees, and every gap discussed with what
/// was said and decided; then the thread entries recorded outside a meeting. Only this
/// assessment's: what was carried from the previous one is its minutes, not these.
pub(crate) fn minutes(md: &mut String, catalog: &Catalog, ws: &Workspace, o: &Options) {
    let decisions: Vec<&crate::domain::meeting::Decision> = ws.own_decisions().collect();
    if ws.own_meetings().next().is_none() && decisions.is_empty() {
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
        for d in decisions.iter().filter(|d| d.meeting.as_deref() == meeting) {
            if !gaps.contains(&d.gap.as_str()) {
                gaps.push(&d.gap);
            }
        }
        if gaps.is_empty() {
            let _ = writeln!(md, "No gap was discussed on the record.");
        }
        for gap in gaps {
            let _ = writeln!(md, "- **{}** {}", md_text(gap), md_text(&title(gap)));
            for d in decisions
                .iter()
                .filter(|d| d.gap == gap && d.meeting.as_deref() == meeting)
            {
                let _ = writeln!(md, "{}", entry(d));
            }
        }
    };
    for m in ws.own_meetings() {
        let _ = writeln!(md, "### {} — {}\n", md_text(&m.id), m.date);
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
    if decisions.iter().any(|d| d.meeting.is_none()) {
        let _ = writeln!(md, "### Outside meetings\n");
        threads(md, None);
    }
}

//! The report's narrative sections: the summary in sentences, scope and methodology, the
//! carried-forward note, the meeting minutes, the statement of limitations and the sign-off.

use crate::domain::board;
use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{Doc, Row, TEXT, b, flat, t};
use crate::exchange::options::{Options, private};
use crate::inl;

/// Scope and methodology: the standards, the scale, how evidence was reviewed, who took part.
pub(crate) fn scope(d: &mut Doc, ws: &Workspace) {
    let e = &ws.engagement;
    d.section("Scope and methodology");
    if !e.scope.is_empty() {
        d.p(inl!["Scope: ", t(&e.scope)]);
    }
    d.p(match &ws.profile {
        Some(p) => inl![
            "The bank's questions were fitted to the engagement profile (",
            t(p.describe()),
            "); what it leaves out is listed, with the reason, in Appendix C."
        ],
        None => inl!["No engagement profile was set: every question of the bank was in scope."],
    });
    d.p("The assessment followed the HIPAA Privacy, Security and Breach Notification Rules (45 CFR Parts 160 and 164; Part 164 Subparts C, D and E), NIST Cybersecurity Framework 2.0 and NIST SP 800-66 Rev. 2. Each question states what \"in place\" looks like and which evidence shows it; answers were given from documents, records and configurations seen and from interviews, and the evidence notes say what was seen. Risks were rated for likelihood and impact on the five-level scales of NIST SP 800-30 Rev. 1 and combined with its Table I-2.");
    let items = ws.evidence_items();
    let hashed = items.iter().filter(|h| !h.item.sha256.is_empty()).count();
    // Counted as Appendix A prints them: answers to questions in scope.
    let in_scope = ws.catalog();
    let notes = ws
        .answers
        .iter()
        .filter(|(id, a)| !a.note.is_empty() && in_scope.get(id).is_some())
        .count();
    d.p(format!(
        "Evidence on record: {} with notes, {} ({hashed} of them files identified by their SHA-256; see Appendix B).",
        crate::domain::text::count(notes, "answer", "answers"),
        crate::domain::text::count(items.len(), "evidence item", "evidence items")
    ));
    let interviewed = ws.engagement.interviewed.trim();
    if !interviewed.is_empty() {
        d.p(format!(
            "Interviewed: {}.",
            flat(interviewed.trim_end_matches('.'))
        ));
    }
    let mut people: Vec<String> = Vec::new();
    for a in ws.own_meetings().flat_map(|m| &m.attendees) {
        let who = attendee(&a.name, &a.role);
        if !people.contains(&who) {
            people.push(who);
        }
    }
    if !people.is_empty() {
        d.p(format!(
            "Taking part in review meetings: {}.",
            people.join(", ")
        ));
    }
}

/// A name with the role in brackets, on one line.
fn attendee(name: &str, role: &str) -> String {
    if role.is_empty() {
        flat(name)
    } else {
        format!("{} ({})", flat(name), flat(role))
    }
}

/// The sign-off page and the statement of limitations.
pub(crate) fn sign_off(d: &mut Doc, catalog: &Catalog, ws: &Workspace, o: &Options) {
    let e = &ws.engagement;
    d.section("Statement of limitations");
    let (answered, total) = board::answered_total(catalog, ws);
    if answered < total {
        d.p(format!(
            "{} of the {total} questions were not assessed: this report draws no conclusion about them.",
            total - answered
        ));
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
        d.p(format!(
            "The assessing firm, {}, is also one of the client's business associates ({}): the controls it operates for the client were assessed by it, not independently tested.",
            flat(&e.firm),
            flat(&v.id)
        ));
    }
    d.p(format!(
        "This assessment reflects what was seen and said during the fieldwork{}. It tested a sample of records and settings, not every one, and relied on the documents and answers provided. Controls may change after the fieldwork, and no assessment can find every weakness. It is not legal advice and does not certify compliance with HIPAA.",
        match (e.started, e.ended) {
            (Some(s), Some(t)) => format!(" from {s} to {t}"),
            (Some(s), None) => format!(" that began on {s}"),
            _ => String::new(),
        }
    ));
    d.section("Sign-off");
    attestation(d, ws, o);
    d.table(&[
        ("", TEXT),
        ("Assessor", TEXT),
        ("Client representative", TEXT),
    ]);
    for (k, assessor, client) in [
        ("Organisation", flat(&e.firm), flat(&e.client)),
        ("Name", flat(&e.assessor), String::new()),
        ("Role", flat(&e.assessor_role), String::new()),
        ("Credentials", flat(&e.credentials), String::new()),
        ("Date", String::new(), String::new()),
    ] {
        d.row(crate::cells![k, assessor, client]);
    }
    d.add_row(Row {
        cells: crate::cells![SIGNATURE, "", ""],
        signature: true,
    });
}

/// The first cell of the signature row.
pub(crate) const SIGNATURE: &str = "Signature";

/// What the signatures attest: what was examined, as of when, and the limits of a
/// point-in-time assessment made on the information provided.
fn attestation(d: &mut Doc, ws: &Workspace, o: &Options) {
    let e = &ws.engagement;
    let who = match (e.assessor.trim(), e.firm.trim()) {
        ("", "") => "The assessor".to_string(),
        ("", f) => format!("The assessor of {}", flat(f)),
        (a, "") => flat(a),
        (a, f) => format!("{}, of {},", flat(a), flat(f)),
    };
    let client = if e.client.trim().is_empty() {
        "the client".to_string()
    } else {
        flat(&e.client)
    };
    let period = match (e.started, e.ended) {
        (Some(s), Some(t)) => format!(" between {s} and {t}"),
        (Some(s), None) => format!(" from {s}"),
        _ => String::new(),
    };
    let as_of = e.ended.unwrap_or(o.today);
    d.p(inl![
        b("Attestation."),
        format!(
            " {who} examined {client}'s safeguards for protected health information against the HIPAA Privacy, Security and Breach Notification Rules{period}: the policies, records and system settings made available, interviews with the people named under Scope and methodology, and a walkthrough of the site. This report is a fair account of what was seen and said, as of {as_of}. It is a point-in-time assessment made on the information provided: what was not shown could not be assessed, controls may have changed since, and the statement of limitations applies. The client's representative signs to acknowledge receipt of the report and that the information given to the assessor was, to their knowledge, complete and accurate."
        )
    ]);
}

/// Document control: this version and its date, the versions issued before it and who
/// receives the report. Kept in the engagement (report version, issued, distribution).
pub(crate) fn document_control(d: &mut Doc, ws: &Workspace, o: &Options) {
    let e = &ws.engagement;
    d.section("Document control");
    let version = if e.doc_version.trim().is_empty() {
        "Draft".to_string()
    } else {
        flat(&e.doc_version)
    };
    let mut author = flat(&e.assessor);
    if !e.credentials.is_empty() {
        author = format!("{author}, {}", flat(&e.credentials));
    }
    if !e.assessor_role.is_empty() {
        author = format!("{author} ({})", flat(&e.assessor_role));
    }
    d.table(&[("Document", TEXT), ("", TEXT)]);
    d.row(crate::cells!["Version", version.clone()]);
    d.row(crate::cells!["Date", o.today.to_string()]);
    for (k, v) in [
        ("Prepared by", author),
        ("Assessing firm", flat(&e.firm)),
        ("Prepared for", flat(&e.client)),
    ] {
        if !v.trim().is_empty() {
            d.row(crate::cells![k, v]);
        }
    }
    d.p(b("Versions issued"));
    d.table(&[
        ("Version", TEXT),
        ("Date", crate::exchange::doc_model::DATE),
        ("Note", TEXT),
    ]);
    for i in &e.issues {
        d.row(crate::cells![&i.version, i.date.to_string(), &i.note]);
    }
    // This version, unless it is already on the record as issued.
    if !e
        .issues
        .iter()
        .any(|i| i.version == e.doc_version && !e.doc_version.is_empty())
    {
        d.row(crate::cells![version, o.today.to_string(), "This version"]);
    }
    d.p(b("Distribution"));
    if e.distribution.is_empty() {
        d.p("No distribution list is recorded: this copy goes to the client's contact named above only.");
    }
    for x in &e.distribution {
        d.li(flat(x));
    }
}

/// The title of the contents, which Word fills in as a table of contents field.
pub(crate) const CONTENTS: &str = "Contents";

/// For a carried-forward workspace: which assessment it came from and, per area, how many
/// answers still stand as carried (not re-verified).
pub(crate) fn carried_note(d: &mut Doc, catalog: &Catalog, ws: &Workspace) {
    let Some(p) = &ws.previous else { return };
    let per_area = crate::domain::compare::to_reverify(catalog, ws);
    let left: usize = per_area.iter().map(|(_, n)| n).sum();
    let started = p
        .started
        .map(|d| format!(", started {d}"))
        .unwrap_or_default();
    if left == 0 {
        d.p(format!(
            "Carried forward from {}{started}; every carried answer has been re-verified.",
            flat(&p.file)
        ));
        return;
    }
    let areas: Vec<String> = per_area
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(a, n)| format!("{} {n}", a.name()))
        .collect();
    d.p(inl![
        format!("Carried forward from {}{started}. ", flat(&p.file)),
        b(format!(
            "{} still to re-verify",
            crate::domain::text::count(left, "answer is", "answers are")
        )),
        format!(
            " ({}): until then they state the last assessment's findings, not this one's.",
            areas.join(", ")
        )
    ]);
}

/// The minutes of each review meeting: date, attendees, and every gap discussed with what
/// was said and decided; then the thread entries recorded outside a meeting. Only this
/// assessment's: what was carried from the previous one is its minutes, not these.
pub(crate) fn minutes(d: &mut Doc, catalog: &Catalog, ws: &Workspace, o: &Options) {
    let decisions: Vec<&crate::domain::meeting::Decision> = ws.own_decisions().collect();
    if ws.own_meetings().next().is_none() && decisions.is_empty() {
        return;
    }
    d.section("Meeting minutes");
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
            .or_else(|| ws.project(gap).map(|p| format!("Project: {}", p.name)))
            .unwrap_or_default()
    };
    let entry = |x: &crate::domain::meeting::Decision| {
        let role = if x.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", flat(&x.role))
        };
        let head = format!("{} {}{role}: ", x.at.format("%Y-%m-%d %H:%M"), flat(&x.by));
        match x.kind {
            crate::domain::meeting::DecisionKind::RiskAcceptance => inl![head, b(&x.text)],
            crate::domain::meeting::DecisionKind::Comment => {
                inl![head, private(&x.text, o).replace('\n', " ")]
            }
        }
    };
    let threads = |d: &mut Doc, meeting: Option<&str>| {
        let mut gaps: Vec<&str> = Vec::new();
        for x in decisions.iter().filter(|x| x.meeting.as_deref() == meeting) {
            if !gaps.contains(&x.gap.as_str()) {
                gaps.push(&x.gap);
            }
        }
        if gaps.is_empty() {
            d.p("No gap was discussed on the record.");
        }
        for gap in gaps {
            d.li(inl![b(gap), format!(" {}", title(gap))]);
            for x in decisions
                .iter()
                .filter(|x| x.gap == gap && x.meeting.as_deref() == meeting)
            {
                d.sub(entry(x));
            }
        }
    };
    for m in ws.own_meetings() {
        d.heading(3, format!("{} — {}", m.id, m.date));
        let people: Vec<String> = m
            .attendees
            .iter()
            .map(|a| attendee(&a.name, &a.role))
            .collect();
        d.p(format!("Attendees: {}", people.join(", ")));
        threads(d, Some(&m.id));
    }
    if decisions.iter().any(|x| x.meeting.is_none()) {
        d.heading(3, "Outside meetings");
        threads(d, None);
    }
}

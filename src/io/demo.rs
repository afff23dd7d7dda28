//! How the bundled demo workspace (`assets/demo.ron`) is made: a fictional clinic audited by a
//! fictional MSP, about half answered, with gaps, owners and due dates, some overdue in late
//! November 2026. A test keeps the asset identical to what this builds. Most of it is data:
//! the staged findings, one field a line as rustfmt lays them out; the ePHI inventory is in
//! `demo_inventory`, the risk register in `demo_risks`, the vendors in `demo_register`.

use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::domain::catalog::{Area, Catalog, Question};
use crate::domain::workspace::{
    Actor, AnswerStatus, EvidenceItem, RemediationField, RemediationStatus, Workspace,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// A gap the demo stages: the question (found by what it cites), the answer, and its plan.
struct Staged {
    /// A question's id, or a citation (the area's first question citing it).
    cites: &'static str,
    area: Area,
    answer: AnswerStatus,
    owner: &'static str,
    due: Option<NaiveDate>,
    status: RemediationStatus,
    plan: &'static str,
    note: &'static str,
}

const DANA: &str = "Dana Whitfield";
const SAM: &str = "Sam Ortiz";
const PRIYA: &str = "Dr. Priya Nair";
const LEE: &str = "Lee Chen";

fn staged() -> Vec<Staged> {
    use AnswerStatus::{No, Partial};
    use RemediationStatus::{InProgress, Open, RiskAccepted};
    let s = |cites, area, answer, owner, due, status, plan, note| Staged {
        cites,
        area,
        answer,
        owner,
        due,
        status,
        plan,
        note,
    };
    vec![
        s(
            "164.312(a)(2)(iv)",
            Area::Nist,
            No,
            SAM,
            Some(date(2026, 11, 15)),
            InProgress,
            "Turn on BitLocker on the 4 front-desk laptops and the billing PC; escrow keys in the MSP vault; confirm in the RMM report.",
            "Two of six laptops encrypted (BitLocker). Front-desk laptops FD-01..FD-04 are not. Screenshot of RMM encryption report saved.",
        ),
        s(
            "164.308(a)(7)(ii)(D)",
            Area::Administrative,
            No,
            LEE,
            Some(date(2026, 11, 20)),
            Open,
            "Schedule a restore test of the EHR database and file share from the cloud backup; record time to restore.",
            "Backups run nightly (Veeam job log seen) but nobody remembers a restore test. No test record.",
        ),
        s(
            "RSK-RD-05",
            Area::Risk,
            Partial,
            PRIYA,
            Some(date(2026, 12, 15)),
            InProgress,
            "Write into the security policy the events that call for an update of the risk analysis (a new system or vendor, an office move, a security incident) and put the yearly update on the compliance calendar.",
            "The 2023 analysis was not updated when the patient portal went live in 2025. The analysis redone in this engagement covers the portal, but nothing says what calls for the next update.",
        ),
        s(
            "NST-CM-01",
            Area::Nist,
            No,
            SAM,
            Some(date(2026, 11, 25)),
            Open,
            "Forward EHR and Microsoft 365 audit logs to the MSP's log service; review weekly and keep 6 years.",
            "EHR audit log exists but nobody reviews it; M365 unified audit log not enabled.",
        ),
        s(
            "MSP PER-4",
            Area::Administrative,
            No,
            DANA,
            Some(date(2026, 12, 31)),
            Open,
            "Set up an anonymous reporting form (hosted by the MSP) and announce it at the staff meeting.",
            "Staff report incidents to the practice manager in person only.",
        ),
        s(
            "164.530(b)",
            Area::Privacy,
            Partial,
            PRIYA,
            Some(date(2027, 1, 15)),
            Open,
            "Enrol the two new hires in privacy training and record completion in the HR file.",
            "Training log shows 9 of 11 staff trained this year; two hires from September missing.",
        ),
        s(
            "164.524",
            Area::Privacy,
            Partial,
            DANA,
            Some(date(2026, 12, 10)),
            InProgress,
            "Write the records-request procedure with the 30-day clock; log every request with its dates.",
            "Requests are handled but not logged; one request in August took about 40 days.",
        ),
        s(
            "164.310(d)(2)(i)",
            Area::Nist,
            Partial,
            LEE,
            None,
            Open,
            "Contract a certified shredding and drive-destruction vendor; keep certificates of destruction.",
            "Old PCs are stored in the basement awaiting disposal; no destruction certificates.",
        ),
        s(
            "MSP BA-1",
            Area::Administrative,
            Partial,
            DANA,
            Some(date(2026, 11, 1)),
            Open,
            "Get the signed BAA from SwiftScribe and stop sending dictation until it is signed; add the EHR, Microsoft 365, patient portal and backup vendors to the vendor register with their BAAs.",
            "BAAs for the EHR vendor, Northwind, ClearPath Billing and Harbor Shredding on file; none for SwiftScribe Transcription; the EHR, Microsoft 365, portal and backup vendors are not in the vendor register yet.",
        ),
        s(
            "164.308(a)(5)(ii)(D)",
            Area::Administrative,
            Partial,
            "",
            None,
            Open,
            "",
            "Password policy says 8 characters; EHR allows shared front-desk login.",
        ),
        s(
            "NST-PS-02",
            Area::Nist,
            No,
            "",
            Some(date(2027, 1, 31)),
            Open,
            "",
            "Exam-room PCs never lock; observed an unattended open chart.",
        ),
        s(
            "164.310(a)(2)(iv)",
            Area::Nist,
            Partial,
            LEE,
            Some(date(2026, 10, 31)),
            RiskAccepted,
            "Landlord holds the lock and badge records; the practice accepts this until the lease renewal in 2027.",
            "",
        ),
        s(
            "PRV-BN-09",
            Area::Privacy,
            Partial,
            PRIYA,
            Some(date(2027, 2, 28)),
            Open,
            "Add the yearly HHS report of small breaches to the compliance calendar (due within 60 days after year end).",
            "One small breach in 2026 (misdirected fax) logged; the yearly HHS report, due by 1 March 2027, is on nobody's calendar.",
        ),
    ]
}

/// The notes of the questions on having a risk analysis: it is the one done in this
/// engagement (the Risk tab), which replaces the 2023 analysis.
const ANALYSIS_NOTES: [(&str, &str); 2] = [
    (
        "ADM-SM-02",
        "Risk analysis done in this engagement (October-November 2026) and kept in the Risk tab: every system, device, service and paper store holding ePHI inventoried with its data flows, each risk rated with its reasons and its treatment on record. It replaces the 2023 analysis, which missed the patient portal.",
    ),
    (
        "RSK-SC-02",
        "The inventory of this engagement's analysis goes beyond the EHR: email, backups, laptops, phones, the fax, the ECG cart, paper charts and each cloud service.",
    ),
];

/// An evidence note naming what was looked at: the first thing the question's guidance
/// lists as evidence.
fn seen(q: &Question) -> String {
    let first = q
        .guidance
        .split_once("Evidence:")
        .map_or("", |(_, e)| e)
        .split([',', ';'])
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches('.');
    if first.is_empty() {
        "Seen in place during the visit.".to_string()
    } else {
        format!("Seen: {first}.")
    }
}

/// Builds the demo workspace.
pub fn build(catalog: &Catalog) -> Workspace {
    let start: NaiveDateTime = date(2026, 10, 20).and_hms_opt(9, 0, 0).expect("valid time");
    let mut ws = Workspace::new(
        "Riverside Family Clinic",
        "Jordan Reyes",
        catalog,
        date(2026, 10, 20),
    );
    ws.engagement.site = "112 Alder Street, Springfield (fictional)".into();
    ws.engagement.scope =
        "Covered entity; 11 staff; EHR in the cloud; IT managed by Northwind IT Services (fictional MSP)".into();
    ws.engagement.firm = "Northwind IT Services (fictional)".into();
    // A small family practice with a patient portal, ePrescribing and a networked ECG cart:
    // no Part 2 records, no group health plan of its own, no telehealth, no website tracking.
    ws.profile = crate::domain::profile::Profile::parse_list(
        "entity=provider,size=small,services=portal+eprescribing+medical-devices",
    )
    .ok();
    ws.engagement.interviewed = "Dr. Priya Nair, practice owner; Dana Whitfield, practice manager and privacy officer; Lee Chen, office IT contact; two front-desk staff".into();
    ws.engagement.assessor_role = "Lead assessor".into();
    ws.engagement.credentials = "CISSP, HCISPP".into();
    ws.engagement.doc_version = "1.0".into();
    ws.engagement.issues = vec![crate::domain::workspace::Issued {
        version: "0.9".into(),
        date: date(2026, 11, 20),
        note: "Draft for the review meeting with the practice".into(),
    }];
    ws.engagement.distribution = vec![
        "Dr. Priya Nair, practice owner".into(),
        "Dana Whitfield, practice manager and privacy officer".into(),
        "Northwind IT Services engagement file".into(),
    ];
    // Working days of the site visit: 9:00 to about 16:00, three minutes a change.
    let mut step = 0i64;
    let mut actor = || {
        step += 1;
        Actor {
            name: "Jordan Reyes".into(),
            now: start
                + chrono::Duration::days(step / 140)
                + chrono::Duration::minutes((step % 140) * 3),
        }
    };
    let plan = staged();
    let mut staged_ids = Vec::new();
    for st in &plan {
        let q = catalog
            .get(st.cites)
            .filter(|q| q.area() == st.area)
            .or_else(|| {
                catalog
                    .in_area(st.area)
                    .find(|q| q.cites(st.cites) && !staged_ids.contains(&q.id))
            })
            .unwrap_or_else(|| panic!("the demo needs a question citing {}", st.cites));
        staged_ids.push(q.id.clone());
    }
    // About half of every area answered, mostly in place; what does not apply to a small
    // clinic is N/A with its own reason. Questions whose answer the staged findings below
    // contradict (a shared login, nobody reviewing logs, no restore test) are left for the
    // visit to go on with. The risk analysis is this engagement's, so the questions on having
    // one are answered once its inventory and register are done, below.
    const NOT_APPLICABLE: [(&str, &str); 8] = [
        (
            "ADM-IA-02",
            "The clinic has no health care clearinghouse function.",
        ),
        (
            "ADM-IR-04",
            "The clinic is a covered entity, not a business associate.",
        ),
        (
            "ADM-BA-05",
            "The clinic is a covered entity, not a business associate: it has no subcontractors of its own under 164.502(e)(1)(ii).",
        ),
        (
            "ADM-BA-06",
            "The clinic sponsors no group health plan (staff are covered through a broker's small-group policy).",
        ),
        (
            "PRV-UD-09",
            "Clinicians keep no psychotherapy notes: behavioural health is referred out.",
        ),
        (
            "PRV-UD-28",
            "The clinic does no fundraising and shares no patient information with a foundation.",
        ),
        (
            "PRV-SUD-02",
            "The clinic holds no Part 2 records (written determination, PRV-SUD-01).",
        ),
        (
            "PRV-SUD-03",
            "The clinic holds no Part 2 records (written determination, PRV-SUD-01).",
        ),
    ];
    const LEFT_OPEN: [&str; 3] = ["NST-AA-01", "ADM-SM-05", "NST-OV-01"];
    for (id, reason) in NOT_APPLICABLE {
        if catalog.get(id).is_some() {
            ws.set_answer(id, AnswerStatus::NotApplicable, &actor());
            ws.set_reason(id, reason, &actor());
        }
    }
    for area in Area::ALL {
        let qs: Vec<&Question> = catalog.in_area(area).collect();
        let half = qs.len() / 2;
        for (i, q) in qs.iter().take(half).enumerate() {
            let id = q.id.as_str();
            if staged_ids.contains(&q.id)
                || LEFT_OPEN.contains(&id)
                || ANALYSIS_NOTES.iter().any(|(n, _)| *n == id)
                || NOT_APPLICABLE.iter().any(|(n, _)| *n == id)
            {
                continue;
            }
            ws.set_answer(id, AnswerStatus::Yes, &actor());
            if i % 4 == 0 {
                ws.set_note(id, &seen(q), &actor());
            }
        }
    }
    for (st, id) in plan.iter().zip(&staged_ids) {
        ws.set_answer(id, st.answer, &actor());
        if !st.note.is_empty() {
            ws.set_note(id, st.note, &actor());
        }
        if !st.owner.is_empty() {
            ws.set_remediation(id, RemediationField::Owner(st.owner.into()), &actor());
        }
        if st.due.is_some() {
            ws.set_remediation(id, RemediationField::Due(st.due), &actor());
        }
        // Risk acceptances are recorded at the review meeting below.
        if !matches!(
            st.status,
            RemediationStatus::Open | RemediationStatus::RiskAccepted
        ) {
            ws.set_remediation(id, RemediationField::Status(st.status), &actor());
        }
        // An accepted risk's words are its acceptance's rationale (recorded at the meeting),
        // not a plan of work.
        if !st.plan.is_empty() && st.status != RemediationStatus::RiskAccepted {
            ws.set_remediation(id, RemediationField::Plan(st.plan.into()), &actor());
        }
    }
    crate::io::demo_inventory::add(&mut ws, &mut actor);
    crate::io::demo_risks::add(&mut ws, &mut actor);
    // With the inventory and the register done, the questions on the analysis are answered.
    for (id, note) in ANALYSIS_NOTES {
        ws.set_answer(id, AnswerStatus::Yes, &actor());
        ws.set_note(id, note, &actor());
    }
    if let Some(id) = staged_ids.first() {
        let a = actor();
        ws.add_evidence(
            id,
            EvidenceItem {
                label: "RMM encryption status report — Northwind portal > Riverside > Reports"
                    .into(),
                collected: start.date().checked_add_days(Days::new(1)),
                ..EvidenceItem::default()
            },
            &a,
        );
    }
    review_meeting(&mut ws, &plan, &staged_ids);
    crate::io::demo_register::add(&mut ws);
    projects(&mut ws);
    ws
}

/// The projects agreed at the review meeting: the gaps one piece of work closes, grouped.
/// The access project has no owner on two of its gaps: they show the project's.
fn projects(ws: &mut Workspace) {
    use crate::domain::project::Project;
    let at = Actor {
        name: "Jordan Reyes".into(),
        now: date(2026, 11, 20)
            .and_hms_opt(14, 40, 0)
            .expect("valid time"),
    };
    let groups: [(&str, &str, NaiveDate, &str, &[&str]); 3] = [
        (
            "Vendor agreements",
            DANA,
            date(2026, 12, 18),
            "Get a signed BAA from SwiftScribe before any more dictation is sent, then check every vendor that handles PHI against the register and file the signed copies.",
            &["ADM-BA-02", "BA-03", "R-06"],
        ),
        (
            "Encrypt every device",
            SAM,
            date(2027, 1, 31),
            "BitLocker on every desktop and laptop, remote wipe on phones and tablets, with the RMM's encryption report kept as evidence.",
            &["NST-DS-01", "R-02", "R-11"],
        ),
        (
            "Access and logins",
            "Lee Chen",
            date(2027, 1, 31),
            "Named logins for everyone, same-day removal of leavers, and automatic screen locks.",
            &["R-03", "R-04", "NST-PS-02"],
        ),
    ];
    for (name, owner, due, plan, members) in groups {
        let id = ws.add_project(
            Project {
                name: name.into(),
                owner: owner.into(),
                due: Some(due),
                plan: plan.into(),
                ..Project::default()
            },
            &at,
        );
        for m in members {
            ws.set_project(m, Some(&id), &at);
        }
    }
}

/// The review meeting of 20 November: who came, what was said on two gaps, the gap risk the
/// practice owner accepted and the register risk accepted with its review date.
fn review_meeting(ws: &mut Workspace, plan: &[Staged], ids: &[String]) {
    use crate::domain::meeting::{Attendee, Decision, DecisionKind};
    let at = |h: u32, m: u32| Actor {
        name: "Jordan Reyes".into(),
        now: date(2026, 11, 20).and_hms_opt(h, m, 0).expect("valid time"),
    };
    let person = |name: &str, role: &str| Attendee {
        name: name.into(),
        role: role.into(),
    };
    let owner = person(PRIYA, "practice owner");
    let manager = person(DANA, "practice manager, privacy officer");
    let msp = person(SAM, "Northwind IT Services");
    let meeting = ws.start_meeting(
        date(2026, 11, 20),
        vec![owner.clone(), manager.clone(), msp.clone()],
        &at(14, 0),
    );
    let said = [
        (
            "164.308(a)(7)(ii)(D)",
            &manager,
            "Restore test booked with Northwind for 12 December; the practice manager attends and signs the record.",
        ),
        (
            "164.312(a)(2)(iv)",
            &msp,
            "BitLocker rollout starts with the front desk; billing PC after the month-end close.",
        ),
    ];
    let mut minute = 5;
    for (cites, who, text) in said {
        if let Some((_, id)) = plan.iter().zip(ids).find(|(st, _)| st.cites == cites) {
            ws.add_decision(
                Decision {
                    gap: id.clone(),
                    at: at(14, minute).now,
                    by: who.name.clone(),
                    role: who.role.clone(),
                    text: text.into(),
                    kind: DecisionKind::Comment,
                    meeting: Some(meeting.clone()),
                    earlier: false,
                },
                &at(14, minute),
            );
            minute += 5;
        }
    }
    // Accepted with every fact an acceptance stands on: who, role, date, why, and until when
    // (found in review: the demo accepted NST-AA-07 without a rationale or review date, so
    // the report counted it accepted in one place and not standing in another).
    for (st, id) in plan.iter().zip(ids) {
        if st.status == RemediationStatus::RiskAccepted {
            let a = crate::domain::method::Acceptance {
                by: owner.name.clone(),
                role: owner.role.clone(),
                date: Some(at(14, 30).now.date()),
                rationale: st.plan.into(),
                review_by: Some(date(2027, 10, 31)),
            };
            ws.accept(id, a, Some(meeting.clone()), &at(14, 30));
        }
    }
    // Management's responses to two findings, given at the meeting.
    use crate::domain::response::{Response, Stance};
    for (title_has, by, stance, text, minute) in [
        (
            "without a signed BAA",
            DANA,
            Stance::Agree,
            "SwiftScribe is asked for its BAA this week and dictation stops until it is signed.",
            40,
        ),
        (
            "unencrypted laptop",
            PRIYA,
            Stance::Partly,
            "The laptops and the billing PC are encrypted by January; the ECG cart's PC waits for the vendor's supported update.",
            45,
        ),
    ] {
        if let Some(id) = ws
            .risks
            .iter()
            .find(|r| r.title.contains(title_has))
            .map(|r| r.id.clone())
        {
            let r = Response {
                stance,
                text: text.into(),
                by: by.into(),
                date: date(2026, 11, 20),
            };
            ws.set_response(&id, r, Some(meeting.clone()), &at(14, minute));
        }
    }
    // A register risk accepted with its facts: who, role, date, why, and until when.
    let rid = crate::io::demo_risks::ACCEPTED_AT_MEETING;
    if let Some(mut r) = ws.risks.iter().find(|r| r.id == rid).cloned() {
        let a = crate::io::demo_risks::meeting_acceptance();
        let shown = format!(
            "{} ({}), {}, review by {}",
            a.by,
            a.role,
            a.date.map(|d| d.to_string()).unwrap_or_default(),
            a.review_by.map(|d| d.to_string()).unwrap_or_default()
        );
        r.acceptance = Some(a);
        ws.update_risk(r, &at(14, 35));
        ws.record_change(
            &at(14, 35),
            rid,
            crate::domain::workspace::Field::Acceptance,
            (String::new(), shown),
        );
    }
}

#[cfg(test)]
#[path = "demo_tests.rs"]
mod tests;

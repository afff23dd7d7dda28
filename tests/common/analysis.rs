//! A small hand-built workspace whose risk analysis is complete: three assets (one holding
//! no ePHI), a flow to an outside party, two risks (one accepted) and an accepted question
//! gap due for review. The risk-analysis goldens (`tests/risk_analysis.rs`) and the rendering
//! check (`tests/render.rs`) use it; included with `#[path]`.

use chrono::NaiveDate;

use hipaudit::domain::catalog::Catalog;
use hipaudit::domain::inventory::{Asset, AssetKind, Channel, Encryption, Flow};
use hipaudit::domain::method::Acceptance;
use hipaudit::domain::vendor::{PhiUse, Vendor};
use hipaudit::domain::workspace::{
    Actor, AnswerStatus, EvidenceItem, Rating, RemediationField, RiskEntry, Treatment, Workspace,
};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day the report is made.
pub fn report_day() -> NaiveDate {
    day(2026, 12, 1)
}

fn r(n: u8) -> Rating {
    Rating::new(n).unwrap()
}

pub fn actor() -> Actor {
    Actor {
        name: "Ana Ortiz".into(),
        now: day(2026, 11, 20).and_hms_opt(10, 0, 0).unwrap(),
    }
}

pub fn small() -> Workspace {
    let c = Catalog::builtin();
    let a = actor();
    let mut ws = Workspace::new("Lakeside Pediatrics", "Ana Ortiz", c, day(2026, 11, 2));
    ws.engagement.scope =
        "The main office at 4 Harbor Road and the cloud EHR; billing is outsourced.".into();
    ws.engagement.firm = "Northwind IT Services".into();
    let ba = ws.add_vendor(
        Vendor {
            name: "Cloudchart EHR".into(),
            service: "Cloud EHR and patient portal".into(),
            phi: true,
            phi_uses: vec![PhiUse::Maintain, PhiUse::Transmit],
            baa_signed: Some(day(2025, 3, 1)),
            ..Vendor::default()
        },
        &a,
    );
    let ehr = ws.add_asset(
        Asset {
            name: "Cloudchart EHR".into(),
            kind: AssetKind::Ehr,
            count: 1,
            location: "Vendor's cloud (US)".into(),
            owner: "Practice manager".into(),
            ephi: vec![
                PhiUse::Create,
                PhiUse::Receive,
                PhiUse::Maintain,
                PhiUse::Transmit,
            ],
            records: Some(4200),
            encrypted_at_rest: Encryption::Yes,
            encrypted_in_transit: Encryption::Yes,
            vendor: ba,
            notes: "Admin console reviewed with the vendor on 2026-11-12".into(),
            ..Asset::default()
        },
        &a,
    );
    let desks = ws.add_asset(
        Asset {
            name: "Front-desk workstations".into(),
            kind: AssetKind::Workstation,
            count: 3,
            location: "Reception".into(),
            owner: "Office manager".into(),
            ephi: vec![PhiUse::Create, PhiUse::Maintain],
            encrypted_at_rest: Encryption::No,
            encrypted_in_transit: Encryption::Yes,
            notes: "A scanned referral for patient Jane Roe sat on one desktop".into(),
            ..Asset::default()
        },
        &a,
    );
    ws.add_asset(
        Asset {
            name: "Guest Wi-Fi".into(),
            kind: AssetKind::Network,
            count: 1,
            location: "Waiting room".into(),
            ..Asset::default()
        },
        &a,
    );
    ws.add_flow(
        Flow {
            from: ehr.clone(),
            to: "Reference lab".into(),
            data: "Lab orders and results".into(),
            channel: Channel::Interface,
            protection: "TLS 1.2 interface run by the EHR vendor".into(),
            ..Flow::default()
        },
        &a,
    );
    ws.set_answer("NST-DS-01", AnswerStatus::No, &a);
    ws.set_answer("ADM-CP-02", AnswerStatus::Yes, &a);
    ws.answers
        .get_mut("ADM-CP-02")
        .unwrap()
        .evidence
        .push(EvidenceItem {
            label: "Backup job log, October".into(),
            collected: Some(day(2026, 11, 12)),
            ..EvidenceItem::default()
        });
    let ransomware = ws.add_risk(
        RiskEntry {
            title: "Ransomware on a front-desk workstation".into(),
            assets: vec![desks, ehr.clone()],
            threat: "A phishing email delivers ransomware".into(),
            vulnerability: "Staff sign in as local administrators; no endpoint detection".into(),
            controls: "Antivirus on every desktop; a nightly backup kept off site".into(),
            likelihood: r(4),
            likelihood_why: "Two phishing emails reached staff this year and one was clicked"
                .into(),
            impact: r(4),
            impact_why: "Front-desk work stops and cached records could be encrypted or taken"
                .into(),
            treatment: Treatment::Mitigate,
            rationale: "Cheap to reduce and too likely to accept".into(),
            links: vec!["NST-DS-01".into(), "ADM-CP-02/E1".into()],
            target_likelihood: Some(r(2)),
            target_impact: Some(r(3)),
            ..RiskEntry::default()
        },
        &a,
    );
    ws.set_remediation(
        &ransomware,
        RemediationField::Plan("The MSP deploys EDR and removes local admin rights".into()),
        &a,
    );
    ws.set_remediation(
        &ransomware,
        RemediationField::Owner("Northwind IT".into()),
        &a,
    );
    ws.set_remediation(
        &ransomware,
        RemediationField::Due(Some(day(2027, 1, 15))),
        &a,
    );
    ws.add_risk(
        RiskEntry {
            title: "Lab results sent to the wrong practice".into(),
            assets: vec![ehr],
            threat: "A mistyped provider code routes results to another clinic".into(),
            vulnerability: "The lab's directory is matched by hand".into(),
            controls: "The lab calls back on a mismatch".into(),
            likelihood: r(2),
            likelihood_why: "Once in three years, caught the same day".into(),
            impact: r(2),
            impact_why: "One patient's results, to another covered entity".into(),
            treatment: Treatment::Accept,
            rationale: "Low and already watched by the lab".into(),
            acceptance: Some(Acceptance {
                by: "Dr. Maya Chen".into(),
                role: "Owner and privacy official".into(),
                date: Some(day(2026, 11, 20)),
                rationale: "The lab's call-back catches it; a second check costs more than it saves"
                    .into(),
                review_by: Some(day(2027, 11, 20)),
            }),
            ..RiskEntry::default()
        },
        &a,
    );
    ws.set_answer("ADM-CP-03", AnswerStatus::Partial, &a);
    ws.remediation
        .entry("ADM-CP-03".into())
        .or_default()
        .acceptance = Some(Acceptance {
        by: "Dr. Maya Chen".into(),
        role: "Owner and privacy official".into(),
        date: Some(day(2026, 5, 4)),
        rationale: "The EHR vendor restores the records; the office needs only new desktops".into(),
        review_by: Some(day(2026, 11, 4)),
    });
    ws
}

//! The demo's business associates and evidence files: five fictional vendors (one without a
//! BAA, one expiring) and three fictional documents shipped in `assets/evidence/`, written
//! beside the demo workspace so `hipaudit evidence … verify` has real files to check.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::domain::vendor::{PhiUse, Vendor};
use crate::domain::workspace::{
    Actor, AnswerStatus, EvidenceItem, RemediationField, RemediationStatus, Workspace,
};

/// The folder, beside the demo workspace, that holds its evidence files.
pub const EVIDENCE_DIR: &str = "demo-evidence";

/// The demo's evidence files: name and bytes.
pub const EVIDENCE_FILES: [(&str, &[u8]); 3] = [
    (
        "baa-northwind-it-signed.txt",
        include_bytes!("../../assets/evidence/baa-northwind-it-signed.txt"),
    ),
    (
        "training-roster-2026.txt",
        include_bytes!("../../assets/evidence/training-roster-2026.txt"),
    ),
    (
        "incident-tabletop-2026.txt",
        include_bytes!("../../assets/evidence/incident-tabletop-2026.txt"),
    ),
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

fn item(
    file: usize,
    label: &str,
    collected: NaiveDate,
    expires: Option<NaiveDate>,
) -> EvidenceItem {
    let (name, bytes) = EVIDENCE_FILES[file];
    EvidenceItem {
        label: label.into(),
        file: format!("{EVIDENCE_DIR}/{name}"),
        sha256: format!("{:x}", Sha256::digest(bytes)),
        collected: Some(collected),
        expires,
        location: String::new(),
    }
}

/// Adds the vendors and the evidence items, as the consultant would have on 2026-11-18.
pub fn add(ws: &mut Workspace) {
    let actor = Actor {
        name: "Dana Whitfield".into(),
        now: date(2026, 11, 18)
            .and_hms_opt(14, 0, 0)
            .expect("valid time"),
    };
    let vendor = |name: &str, service: &str, uses: &[PhiUse], signed, expires| Vendor {
        name: name.into(),
        service: service.into(),
        phi: !uses.is_empty(),
        phi_uses: uses.to_vec(),
        baa_signed: signed,
        baa_expires: expires,
        ..Vendor::default()
    };
    use PhiUse::*;
    let mut list = vec![
        Vendor {
            contact: "accounts@northwind-it.example".into(),
            subcontractor: false,
            evidence: vec![item(
                0,
                "Signed BAA, Northwind IT",
                date(2026, 10, 21),
                Some(date(2028, 2, 1)),
            )],
            ..vendor(
                "Northwind IT Services",
                "managed IT, backups, monitoring",
                &[Receive, Maintain, Transmit],
                Some(date(2024, 2, 1)),
                Some(date(2028, 2, 1)),
            )
        },
        Vendor {
            contact: "Priya Raman, priya@clearpath.example".into(),
            notes: "Renewal draft sent 2026-11-10; waiting for their legal review.".into(),
            ..vendor(
                "ClearPath Billing",
                "medical billing and claims",
                &[Receive, Transmit],
                Some(date(2023, 12, 15)),
                Some(date(2026, 12, 31)),
            )
        },
        Vendor {
            notes: "Dictation goes to their portal; no BAA found in the contracts folder.".into(),
            ..vendor(
                "SwiftScribe Transcription",
                "dictation transcription",
                &[Create, Receive],
                None,
                None,
            )
        },
        vendor(
            "Harbor Shredding",
            "on-site paper shredding",
            &[Receive, Maintain],
            Some(date(2025, 6, 1)),
            None,
        ),
        vendor(
            "Brightline Cleaning",
            "office cleaning after hours",
            &[],
            None,
            None,
        ),
    ];
    list[4].notes = "Cleaners never open charts or screens; escorted in the records room.".into();
    for v in list {
        ws.add_vendor(v, &actor);
    }
    // The missing BAA is a gap: the practice manager chases it.
    ws.set_remediation(
        "BA-03",
        RemediationField::Owner("Maria Lopez".into()),
        &actor,
    );
    ws.set_remediation(
        "BA-03",
        RemediationField::Due(Some(date(2026, 12, 18))),
        &actor,
    );
    ws.set_remediation(
        "BA-03",
        RemediationField::Status(RemediationStatus::InProgress),
        &actor,
    );
    ws.set_remediation(
        "BA-03",
        RemediationField::Plan(
            "Ask SwiftScribe for their standard BAA; stop sending dictation until it is signed."
                .into(),
        ),
        &actor,
    );
    // Training certificates expire within the window; the tabletop exercise is current.
    for (id, file, label, collected, expires) in [
        (
            "ADM-AT-06",
            1,
            "Training roster and certificates, January 2026",
            date(2026, 1, 12),
            Some(date(2027, 1, 12)),
        ),
        (
            "ADM-IR-05",
            2,
            "Incident response tabletop report, March 2026",
            date(2026, 3, 10),
            Some(date(2027, 3, 10)),
        ),
    ] {
        if ws.status(id) == AnswerStatus::Unanswered {
            ws.set_answer(id, AnswerStatus::Yes, &actor);
        }
        ws.add_evidence(id, item(file, label, collected, expires), &actor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::vendor::VendorState;

    #[test]
    fn the_demo_has_five_vendors_one_without_a_baa_and_one_expiring() {
        let ws = crate::io::demo::build(Catalog::builtin());
        let today = date(2026, 12, 2);
        let states: Vec<VendorState> = ws.vendors.iter().map(|v| v.state(today, 60)).collect();
        assert_eq!(ws.vendors.len(), 5);
        assert_eq!(
            states,
            [
                VendorState::Ok,
                VendorState::Expiring,
                VendorState::Missing,
                VendorState::Ok,
                VendorState::NotNeeded
            ]
        );
        assert!(Catalog::builtin().get("ADM-AT-06").is_some());
        assert!(Catalog::builtin().get("ADM-IR-05").is_some());
        let files: Vec<_> = ws
            .evidence_items()
            .into_iter()
            .filter(|h| !h.item.file.is_empty())
            .collect();
        assert_eq!(files.len(), 3);
        assert!(files.iter().all(|h| h.item.sha256.len() == 64));
    }
}

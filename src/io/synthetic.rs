//! A large synthetic workspace for the benches and the crash test: built like the demo,
//! through the workspace's own edits, so its change log is the one those edits write.

use chrono::{Days, NaiveDate};

use crate::domain::catalog::{Area, Catalog};
use crate::domain::workspace::{Actor, AnswerStatus, RemediationField, Workspace};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A large synthetic workspace for benchmarks: `answers` answered questions with ids shaped
/// like the bank's (unknown to it, so kept as retired), a 1 KB note each, `gaps` of them
/// answered No or Partial with a full remediation record, and the change log that produced it.
pub fn build(catalog: &Catalog, answers: usize, gaps: usize) -> Workspace {
    let start = date(2026, 1, 5).and_hms_opt(9, 0, 0).expect("valid time");
    let mut ws = Workspace::new(
        "Synthetic Health System",
        "Bench Mark",
        catalog,
        date(2026, 1, 5),
    );
    let note: String = "Reviewed the policy binder, the EHR access report and interviewed the \
                        practice manager; evidence filed in the shared drive. "
        .repeat(8)
        .chars()
        .take(1000)
        .collect();
    let owners = [
        "Dana Whitfield",
        "Sam Ortiz",
        "Dr. Priya Nair",
        "Lee Chen",
        "Alex Kim",
    ];
    for i in 0..answers {
        let prefix = Area::ALL[i % 4].prefix();
        let id = format!("{prefix}-SY-{i:05}");
        let actor = Actor {
            name: "Bench Mark".into(),
            now: start + chrono::Duration::minutes(i as i64),
        };
        let status = if i < gaps {
            if i % 3 == 0 {
                AnswerStatus::Partial
            } else {
                AnswerStatus::No
            }
        } else {
            AnswerStatus::Yes
        };
        ws.set_answer(&id, status, &actor);
        ws.set_note(&id, &note, &actor);
        if i < gaps {
            ws.set_remediation(
                &id,
                RemediationField::Owner(owners[i % owners.len()].into()),
                &actor,
            );
            ws.set_remediation(
                &id,
                RemediationField::Due(
                    date(2026, 6, 1).checked_add_days(Days::new((i % 300) as u64)),
                ),
                &actor,
            );
            ws.set_remediation(
                &id,
                RemediationField::Plan(
                    "Write the procedure, train the front desk, collect signed attestations and \
                     file them with the compliance calendar; re-check in the next quarterly review."
                        .into(),
                ),
                &actor,
            );
        }
    }
    ws
}

/// Adds a large ePHI inventory and register to `ws` for the benches: `assets` assets of every
/// kind (one flow for every two), `risks` register risks each naming two assets, rated with
/// reasons and observed controls. Entries are put in place with their ids (the edits' id
/// search is not what is measured here).
pub fn with_inventory(mut ws: Workspace, assets: usize, risks: usize) -> Workspace {
    use crate::domain::inventory::{Asset, AssetKind, Channel, Encryption, Flow};
    use crate::domain::rating::Rating;
    use crate::domain::vendor::PhiUse;
    use crate::domain::workspace::RiskEntry;
    for i in 0..assets {
        ws.assets.push(Asset {
            id: format!("A-{:04}", i + 1),
            name: format!("Asset {i} of the synthetic system"),
            kind: AssetKind::ALL[i % AssetKind::ALL.len()],
            count: 1 + (i % 9) as u32,
            location: format!("Site {}", i % 12),
            owner: "Lee Chen".into(),
            ephi: if i % 10 == 9 {
                Vec::new()
            } else {
                vec![PhiUse::Maintain, PhiUse::Transmit]
            },
            records: Some(1000 + i as u64),
            encrypted_at_rest: Encryption::ALL[i % 4],
            encrypted_in_transit: Encryption::Yes,
            notes: "Seen on the walkthrough; listed in the RMM export.".into(),
            ..Asset::default()
        });
        if i % 2 == 0 {
            ws.flows.push(Flow {
                id: format!("F-{:04}", i / 2 + 1),
                from: format!("A-{:04}", i + 1),
                to: "Clearinghouse".into(),
                data: "claims".into(),
                channel: Channel::ALL[i % Channel::ALL.len()],
                protection: "TLS 1.2".into(),
                ..Flow::default()
            });
        }
    }
    let r = |n: usize| Rating::new((n % 5) as u8 + 1).unwrap_or(Rating::MODERATE);
    for i in 0..risks {
        ws.risks.push(RiskEntry {
            id: format!("R-{:04}", i + 1),
            title: format!("Synthetic risk {i}"),
            assets: vec![
                format!("A-{:04}", i % assets.max(1) + 1),
                format!("A-{:04}", (i * 7) % assets.max(1) + 1),
            ],
            threat: "Ransomware delivered by email".into(),
            vulnerability: "No offline backup".into(),
            controls: "EDR on every endpoint, seen in the console".into(),
            likelihood: r(i),
            likelihood_why: "seen twice at practices of this size last year".into(),
            impact: r(i / 5),
            impact_why: "the whole schedule is on it".into(),
            ..RiskEntry::default()
        });
    }
    ws
}

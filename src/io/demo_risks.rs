//! The demo's risk register: each risk starts from a threat of the library (its title, threat
//! and links) and is then written for this clinic: the assets of `demo_inventory` it concerns,
//! the weakness seen here, the controls observed here, a reason for each rating, and the
//! treatment on record (a plan, or a signed-off acceptance). Fictional like the rest.

use chrono::NaiveDate;

use crate::domain::rating::Rating;
use crate::domain::workspace::{
    Acceptance, Actor, RemediationField, RemediationStatus, Treatment, Workspace,
};

const DANA: &str = "Dana Whitfield";
const SAM: &str = "Sam Ortiz";
const PRIYA: &str = "Dr. Priya Nair";
const LEE: &str = "Lee Chen";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// One register entry as the consultant wrote it for the clinic.
pub(crate) struct Row {
    /// The library threat it starts from (`THR-01`).
    pub template: &'static str,
    /// Asset ids of the demo's inventory.
    pub assets: &'static [&'static str],
    pub vulnerability: &'static str,
    /// What was observed in place.
    pub controls: &'static str,
    /// Likelihood 1-5 and why.
    pub likelihood: (u8, &'static str),
    pub impact: (u8, &'static str),
    pub treatment: Treatment,
    pub rationale: &'static str,
    pub target: Option<(u8, u8)>,
    pub owner: &'static str,
    pub due: Option<NaiveDate>,
    pub status: RemediationStatus,
    pub plan: &'static str,
    pub acceptance: Option<Acceptance>,
}

/// The practice owner's acceptance of a risk: the date, the reason and when to look again.
pub(crate) fn accepted(on: NaiveDate, rationale: &str, review_by: NaiveDate) -> Acceptance {
    Acceptance {
        by: PRIYA.into(),
        role: "Practice owner".into(),
        date: Some(on),
        rationale: rationale.into(),
        review_by: Some(review_by),
    }
}

/// The risk the practice owner accepts at the review meeting of 20 November, added
/// to its entry there.
pub(crate) const ACCEPTED_AT_MEETING: &str = "R-09";

pub(crate) fn meeting_acceptance() -> Acceptance {
    accepted(
        date(2026, 11, 20),
        "Callers are verified before anything is given out and records go only to the address on file or the portal; a call-back for every request would slow the front desk more than this low risk warrants.",
        date(2027, 11, 20),
    )
}

/// The register, in the order the entries get their ids (R-01 first).
pub(crate) fn rows() -> Vec<Row> {
    use RemediationStatus::{InProgress, Open, RiskAccepted};
    use Treatment::{Accept, Mitigate, Transfer};
    vec![
        Row {
            template: "THR-01",
            assets: &["A-03", "A-04", "A-05", "A-06", "A-12"],
            vulnerability: "Three of eleven staff clicked the link in Northwind's September phishing test, and the NAS shares are mapped with write access on every office PC, so one infected PC can encrypt them all.",
            controls: "Microsoft Defender on every PC reporting to Northwind's console; Microsoft 365 mail filtering with link checks; staff work without admin rights; phishing tests twice a year with coaching; nightly backup kept off site for 30 days.",
            likelihood: (
                4,
                "Phishing reaches the inboxes every week and three of eleven staff clicked in the last test.",
            ),
            impact: (
                5,
                "The NAS, the billing exports and every office PC could be encrypted at once; check-in and billing would stop for days.",
            ),
            treatment: Mitigate,
            rationale: "Very high and not acceptable: narrow what one infected PC can reach and keep a backup copy ransomware cannot change.",
            target: Some((2, 4)),
            owner: SAM,
            due: Some(date(2026, 12, 20)),
            status: InProgress,
            plan: "Limit each NAS share to the people who need it; add an immutable copy to the cloud backup; repeat the phishing test in January and coach whoever clicks.",
            acceptance: None,
        },
        Row {
            template: "THR-02",
            assets: &["A-04", "A-06"],
            vulnerability: "The four front-desk laptops (FD-01 to FD-04) and the billing PC have no disk encryption (RMM report), so anyone who takes one can read its disk.",
            controls: "Cable locks on the front-desk laptops; Windows sign-in with individual accounts; Northwind's RMM can locate a device that comes back online; the two clinician laptops are already encrypted.",
            likelihood: (
                3,
                "The front desk faces the waiting room and is left empty over lunch; laptops are what gets stolen from small offices.",
            ),
            impact: (
                5,
                "The billing PC alone holds remittance lists for about 1,200 patients: a theft would mean notifying each of them, HHS and the media.",
            ),
            treatment: Mitigate,
            rationale: "Encryption costs little and takes a stolen device out of breach reporting altogether.",
            target: Some((1, 2)),
            owner: SAM,
            due: Some(date(2026, 11, 15)),
            status: InProgress,
            plan: "Turn on BitLocker on FD-01 to FD-04 and the billing PC, keep the recovery keys in Northwind's vault and confirm it in the RMM report.",
            acceptance: None,
        },
        Row {
            template: "THR-04",
            assets: &["A-01", "A-02", "A-11"],
            vulnerability: "Locum clinicians and vendor support staff get EHR and billing accounts that are not on the leaver checklist; only the half-yearly access review would find one left open.",
            controls: "Leaver checklist run by the practice manager (the last two leavers' accounts were closed on their last day); access review twice a year, last in May; MFA on email and remote access.",
            likelihood: (
                3,
                "Locums and vendor staff come and go several times a year, and a forgotten account can stay open for up to six months.",
            ),
            impact: (
                4,
                "A forgotten EHR account can open every chart; misuse would be a large breach found late.",
            ),
            treatment: Mitigate,
            rationale: "Moderate, and closing it costs a line on a checklist and a monthly list from two vendors.",
            target: None,
            owner: DANA,
            due: Some(date(2026, 11, 10)),
            status: Open,
            plan: "Put locum and vendor accounts on the leaver checklist with an end date set when they are created; ask ClearPath and the EHR vendor for a monthly list of active users.",
            acceptance: None,
        },
        Row {
            template: "THR-05",
            assets: &["A-01", "A-04"],
            vulnerability: "All four front-desk staff use one EHR account, \"frontdesk\", so the EHR's audit log cannot tell who looked at or changed a record; the password rule is 8 characters.",
            controls: "Clinicians and the manager have their own EHR accounts; the shared account has the front-desk role only and cannot open clinical notes; a written password policy exists.",
            likelihood: (
                4,
                "The shared account is used all day, every day: it is the normal way of working, not an exception.",
            ),
            impact: (
                3,
                "The front-desk role sees demographics and schedules, not notes; the harm is that nobody can be held to what was done.",
            ),
            treatment: Mitigate,
            rationale: "The EHR supports named accounts at no extra cost; the work is the change of habit at the desk.",
            target: Some((2, 3)),
            owner: LEE,
            due: Some(date(2027, 1, 15)),
            status: Open,
            plan: "Give each front-desk person a named EHR account with quick user switching, disable \"frontdesk\", and raise the password rule to 14 characters.",
            acceptance: None,
        },
        Row {
            template: "THR-07",
            assets: &["A-12", "A-03", "A-06"],
            vulnerability: "No restore has ever been tried from the cloud backup: nobody knows how long getting the NAS back would take, or whether the billing PC's job includes its desktop.",
            controls: "Nightly jobs succeed (job log for the last 30 days seen); 30 days kept off site by Northwind; the EHR itself is backed up by its vendor.",
            likelihood: (
                3,
                "Backups that were never restored often fail in part (a missed folder, a lost key), and that shows only on the day.",
            ),
            impact: (
                5,
                "Losing the NAS with no working copy would lose for good the scans not yet in the EHR and years of ECG tracings.",
            ),
            treatment: Mitigate,
            rationale: "A restore test costs a morning a quarter and turns an assumption into a fact.",
            target: Some((1, 5)),
            owner: LEE,
            due: Some(date(2026, 12, 5)),
            status: Open,
            plan: "Restore a sample of NAS folders and the billing PC's files from the cloud backup, time it, and repeat every quarter with a written record.",
            acceptance: None,
        },
        Row {
            template: "THR-09",
            assets: &["A-16", "A-17", "A-11"],
            vulnerability: "SwiftScribe receives dictated visit notes every week with no BAA; the portal vendor's BAA was not found, and neither it nor Microsoft is in the vendor register.",
            controls: "Signed BAAs for Northwind, ClearPath Billing, Harbor Shredding and the EHR vendor on file with their dates (seen); a vendor register started this year.",
            likelihood: (
                3,
                "A vendor with no BAA has promised nothing about safeguards or breach notice, and small transcription services are breached now and then.",
            ),
            impact: (
                4,
                "A breach at SwiftScribe would expose months of visit notes, with no duty on them to tell the clinic.",
            ),
            treatment: Mitigate,
            rationale: "The fix is paperwork, and the clinic can stop sending dictation until it is done.",
            target: None,
            owner: DANA,
            due: Some(date(2026, 12, 1)),
            status: Open,
            plan: "Get SwiftScribe's signed BAA or stop sending dictation; find or sign the portal vendor's BAA; add the EHR, portal and Microsoft 365 to the vendor register with their agreements.",
            acceptance: None,
        },
        Row {
            template: "THR-12",
            assets: &["A-10", "A-11"],
            vulnerability: "Fax numbers are keyed by hand for every referral with no list of checked numbers, and a fax went to the wrong office in 2026; email to other providers has no message encryption.",
            controls: "Cover sheet with a confidentiality notice; breach log kept and the 2026 event handled; a minimum-necessary rule for what is sent (policy seen).",
            likelihood: (
                3,
                "Dozens of faxes a week go to hand-keyed numbers, and it has already happened once this year.",
            ),
            impact: (
                3,
                "Usually one patient's referral at the wrong office: reportable, but small.",
            ),
            treatment: Mitigate,
            rationale: "Stored, checked numbers remove most of the chance for almost no cost.",
            target: Some((2, 3)),
            owner: "",
            due: None,
            status: Open,
            plan: "Store the checked numbers of the usual specialists in the fax's address book and use only those; send records by the EHR's direct messaging where the other practice has it.",
            acceptance: None,
        },
        Row {
            template: "THR-18",
            assets: &["A-03", "A-13", "A-14"],
            vulnerability: "The server closet is under the upstairs tenant's kitchen with no water sensor, and the paper charts are in the room next to it.",
            controls: "Smoke detectors and sprinklers in the building; the EHR is hosted elsewhere; nightly off-site backup of the NAS; property and cyber insurance (policies seen).",
            likelihood: (
                1,
                "No fire or leak in the closet is on record in the clinic's eleven years in the building.",
            ),
            impact: (
                5,
                "Losing both rooms would destroy the paper charts, which have no copy, and stop the office network for weeks.",
            ),
            treatment: Transfer,
            rationale: "Unlikely, and a cost the insurer can carry; what insurance cannot replace is the paper charts, which the scanning is shrinking.",
            target: None,
            owner: PRIYA,
            due: None,
            status: Open,
            plan: "Keep the property and cyber policies in force and confirm at each renewal that they pay for restoring the equipment and rebuilding records.",
            acceptance: None,
        },
        Row {
            template: "THR-25",
            assets: &["A-01", "A-13"],
            vulnerability: "The front desk answers about 150 calls a day, and a caller asking for results or records can pass for a patient or another office.",
            controls: "Callers are checked by date of birth and address before anything is given out (procedure seen and followed during the visit); records go only to the address on file or through the portal; staff trained on phone scams.",
            likelihood: (
                2,
                "The check is done and was seen on the visit; a well-prepared impostor is still possible.",
            ),
            impact: (
                3,
                "One patient's information at a time: reportable, but small.",
            ),
            treatment: Accept,
            rationale: "Low after the identity check; further steps would cost more front-desk time than they save.",
            target: None,
            owner: PRIYA,
            due: None,
            status: RiskAccepted,
            plan: "",
            // Accepted at the review meeting (`meeting_acceptance`).
            acceptance: None,
        },
        Row {
            template: "THR-29",
            assets: &["A-11"],
            vulnerability: "The portal cannot yet give patients a download of their records, so a few patients a year ask to get them by plain email.",
            controls: "The risk is explained to the patient and their choice noted in the chart; each case is in the exceptions register (seen).",
            likelihood: (
                2,
                "Fewer than ten such requests a year, each from the patient about their own records.",
            ),
            impact: (
                2,
                "An email gone astray would expose one patient's records, which the patient chose to receive this way.",
            ),
            treatment: Accept,
            rationale: "Patients may have their records by the means they ask for once warned; accepted until the portal offers the download.",
            target: None,
            owner: PRIYA,
            due: None,
            status: RiskAccepted,
            plan: "",
            acceptance: Some(accepted(
                date(2026, 10, 22),
                "A patient who is told the risk may still choose plain email; accepted until the portal's record download goes live, which its vendor promised for November.",
                date(2026, 11, 25),
            )),
        },
        Row {
            template: "THR-03",
            assets: &["A-08"],
            vulnerability: "Seven personal phones get work email in the Outlook app with no device management: no required passcode and no way to wipe the work data.",
            controls: "MFA on every mailbox; Northwind can sign a lost phone out of Microsoft 365 and reset the password.",
            likelihood: (
                3,
                "Phones go everywhere with their owners; one lost or stolen a year among seven is to be expected.",
            ),
            impact: (
                3,
                "A phone without a passcode opens the mailbox, with referrals and results in it.",
            ),
            treatment: Mitigate,
            rationale: "App protection needs no new hardware and leaves staff's own data alone.",
            target: Some((2, 2)),
            owner: SAM,
            due: Some(date(2027, 1, 31)),
            status: Open,
            plan: "Require an app PIN and allow a wipe of the work data, through Microsoft 365 app protection, on every phone that gets work email.",
            acceptance: None,
        },
        Row {
            template: "THR-30",
            assets: &["A-09"],
            vulnerability: "The ECG cart runs a Windows release its maker no longer updates, on the same network as the office PCs, and saves to a NAS share.",
            controls: "Behind the managed firewall with nothing open to the internet; the maker's engineer services it once a year; no anti-malware allowed on it by the maker.",
            likelihood: (
                2,
                "It can be reached only from inside the office, and nothing on it faces the internet.",
            ),
            impact: (
                3,
                "Infected, it could lose its stored tracings and reach the NAS; ECGs would be done on paper for a while.",
            ),
            treatment: Mitigate,
            rationale: "Low, but a network segment of its own is cheap and also protects the NAS.",
            target: None,
            owner: LEE,
            due: Some(date(2027, 2, 26)),
            status: Open,
            plan: "Move the ECG cart to a network segment that reaches only its NAS folder; ask the maker for the end-of-support date and a replacement quote.",
            acceptance: None,
        },
        Row {
            template: "THR-15",
            assets: &["A-15"],
            vulnerability: "Three old front-desk PCs sit in the basement with their unencrypted disks, unwiped and with no certificate of destruction.",
            controls: "The storeroom is locked and only the manager and the office IT contact have keys; the PCs are on the device list.",
            likelihood: (
                2,
                "The storeroom is locked and rarely visited; the danger comes when the PCs finally leave.",
            ),
            impact: (
                4,
                "Each disk may hold years of cached schedules and forms for thousands of patients.",
            ),
            treatment: Mitigate,
            rationale: "Low while locked away; certified destruction settles it for a small fee.",
            target: None,
            owner: LEE,
            due: None,
            status: Open,
            plan: "Have the disks destroyed by a certified vendor and keep the certificates; wipe or destroy every disk before a device leaves from now on.",
            acceptance: None,
        },
    ]
}

/// Adds the register, one change an edit, as the consultant recorded it after the walkthrough.
pub fn add(ws: &mut Workspace, mut actor: impl FnMut() -> Actor) {
    let lib = crate::domain::risk::library();
    for row in rows() {
        let Some(t) = lib.iter().find(|t| t.id == row.template) else {
            panic!("the demo needs threat {} of the library", row.template);
        };
        let mut e = t.entry();
        // The table holds literal 1-5 values; `the_ratings_are_on_the_scale` checks them.
        let rate = |v: u8| Rating::new(v).unwrap_or_default();
        e.assets = row.assets.iter().map(|a| a.to_string()).collect();
        e.vulnerability = row.vulnerability.into();
        e.controls = row.controls.into();
        e.likelihood = rate(row.likelihood.0);
        e.likelihood_why = row.likelihood.1.into();
        e.impact = rate(row.impact.0);
        e.impact_why = row.impact.1.into();
        e.treatment = row.treatment;
        e.rationale = row.rationale.into();
        e.target_likelihood = row.target.map(|t| rate(t.0));
        e.target_impact = row.target.map(|t| rate(t.1));
        e.acceptance = row.acceptance;
        let id = ws.add_risk(e, &actor());
        if !row.owner.is_empty() {
            ws.set_remediation(&id, RemediationField::Owner(row.owner.into()), &actor());
        }
        if row.due.is_some() {
            ws.set_remediation(&id, RemediationField::Due(row.due), &actor());
        }
        if row.status != RemediationStatus::Open {
            ws.set_remediation(&id, RemediationField::Status(row.status), &actor());
        }
        if !row.plan.is_empty() {
            ws.set_remediation(&id, RemediationField::Plan(row.plan.into()), &actor());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;

    #[test]
    fn the_ratings_are_on_the_scale() {
        for r in rows() {
            let (tl, ti) = r.target.unwrap_or((1, 1));
            for v in [r.likelihood.0, r.impact.0, tl, ti] {
                assert!(Rating::new(v).is_some(), "{}: {v} is not 1-5", r.template);
            }
        }
    }

    #[test]
    fn the_demo_risk_analysis_is_complete() {
        let ws = crate::io::demo::build(Catalog::builtin());
        let today = date(2026, 11, 28);
        let s = crate::domain::analysis::state(&ws, today);
        assert!(s.complete, "{:?}", s.missing);
        assert!(s.ephi_assets >= 10 && s.flows >= 6, "{s:?}");
        // One acceptance stands until next year; the other's review date has passed.
        assert_eq!(s.acceptances_due, ["R-10"]);
        let meeting = ws.risks.iter().find(|r| r.id == ACCEPTED_AT_MEETING);
        let a = meeting
            .and_then(|r| r.acceptance.as_ref())
            .expect("accepted");
        assert!(a.missing().is_empty() && !a.is_due(today));
    }

    #[test]
    fn no_demo_risk_keeps_the_librarys_prompts() {
        let ws = crate::io::demo::build(Catalog::builtin());
        let lib = crate::domain::risk::library();
        for r in &ws.risks {
            assert!(!r.controls.starts_with("Look for"), "{}", r.id);
            assert!(!r.assets.is_empty(), "{} names no asset", r.id);
            assert!(
                lib.iter().all(|t| t.vulnerability != r.vulnerability
                    && t.controls != r.controls
                    && t.rationale != r.rationale),
                "{} keeps the library's words",
                r.id
            );
        }
    }
}

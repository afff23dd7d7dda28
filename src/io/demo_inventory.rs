//! The demo clinic's ePHI inventory: its systems, devices, services and paper (`A-01` on),
//! and the flows of ePHI between them and outside parties (`F-01` on), as the consultant
//! recorded them on the visit. Fictional like the rest of the demo; the vendor ids are those
//! `demo_register` gives its vendors (BA-01 Northwind IT, BA-02 ClearPath Billing, BA-03
//! SwiftScribe, BA-04 Harbor Shredding). The EHR, Microsoft 365 and portal vendors are not in
//! the vendor register yet: that is one of the demo's findings (MSP BA-1).

use crate::domain::inventory::{Asset, AssetKind, Channel, Encryption, Flow};
use crate::domain::vendor::PhiUse;
use crate::domain::workspace::{Actor, Workspace};

const DANA: &str = "Dana Whitfield";
const PRIYA: &str = "Dr. Priya Nair";
const LEE: &str = "Lee Chen";
const SAM: &str = "Sam Ortiz";

fn asset(
    name: &str,
    kind: AssetKind,
    ephi: &[PhiUse],
    rest: Encryption,
    transit: Encryption,
) -> Asset {
    Asset {
        name: name.into(),
        kind,
        count: 1,
        ephi: ephi.to_vec(),
        encrypted_at_rest: rest,
        encrypted_in_transit: transit,
        ..Asset::default()
    }
}

/// The assets, in the order they get their ids (A-01 first).
fn assets() -> Vec<Asset> {
    use AssetKind as K;
    use Encryption::{No, Partial, Unknown, Yes};
    use PhiUse::{Create, Maintain, Receive, Transmit};
    let all = [Create, Receive, Maintain, Transmit];
    let s = |t: &str| t.to_string();
    vec![
        Asset {
            location: s("EHR vendor's hosted service"),
            owner: s(DANA),
            records: Some(6200),
            notes: s(
                "Charts, schedules, prescriptions and lab results since 2019, used in the browser. One login is shared by the front desk. The vendor's BAA is on file, but the vendor is not in the vendor register yet. The vendor keeps an audit log nobody here reviews.",
            ),
            ..asset("Cloud EHR", K::Ehr, &all, Yes, Yes)
        },
        Asset {
            location: s("ClearPath Billing's hosted system"),
            owner: s(DANA),
            records: Some(4800),
            vendor: s("BA-02"),
            notes: s(
                "Practice management and billing: charges come over from the EHR, ClearPath's coders send the claims and post payments. Two clinic users, each with their own login.",
            ),
            ..asset(
                "Billing and practice management",
                K::Ehr,
                &[Receive, Maintain, Transmit],
                Yes,
                Yes,
            )
        },
        Asset {
            location: s("Server closet, back office"),
            owner: s(LEE),
            records: Some(2500),
            vendor: s("BA-01"),
            notes: s(
                "Two-disk NAS managed by Northwind. Holds scans waiting to go into the EHR, ECG tracings and month-end billing exports. The volume is not encrypted; the shares are mapped on every office PC.",
            ),
            ..asset("File server (NAS)", K::Server, &[Maintain], No, Partial)
        },
        Asset {
            count: 4,
            location: s("Check-in desk, docked"),
            owner: s(DANA),
            vendor: s("BA-01"),
            notes: s(
                "FD-01 to FD-04, the front desk's workstations. No disk encryption (RMM report). The shared front-desk EHR login is used on all four.",
            ),
            ..asset("Front-desk laptops", K::Laptop, &[Create, Receive], No, Yes)
        },
        Asset {
            count: 5,
            location: s("Exam rooms 1 to 5"),
            owner: s(LEE),
            vendor: s("BA-01"),
            notes: s(
                "Clinicians chart in the EHR in the browser. BitLocker is on (RMM report); the screens never lock.",
            ),
            ..asset(
                "Exam-room PCs",
                K::Workstation,
                &[Create, Receive],
                Yes,
                Yes,
            )
        },
        Asset {
            location: s("Back office"),
            owner: s(DANA),
            records: Some(1200),
            vendor: s("BA-01"),
            notes: s(
                "The practice manager's PC for the month-end close: remittance reports and ageing lists are saved on its desktop. Not encrypted yet.",
            ),
            ..asset("Billing PC", K::Workstation, &[Receive, Maintain], No, Yes)
        },
        Asset {
            count: 2,
            location: s("Carried by Dr. Nair and the nurse practitioner"),
            owner: s(PRIYA),
            vendor: s("BA-01"),
            notes: s(
                "Used at home for charting and for dictation; Outlook keeps a copy of the mailbox.",
            ),
            no_risk: s(
                "BitLocker is on (RMM report) with the recovery keys in Northwind's vault, and charting happens in the EHR's browser session: a lost laptop would be an encrypted device, not a breach. Their dictation is covered by the SwiftScribe risk.",
            ),
            ..asset(
                "Clinician laptops",
                K::Laptop,
                &[Create, Receive, Maintain],
                Yes,
                Yes,
            )
        },
        Asset {
            count: 7,
            location: s("Carried by staff (their own phones)"),
            owner: s(DANA),
            notes: s(
                "Clinicians and the manager read work email in the Outlook app. Screen locks are each owner's choice; no device management, so no remote wipe.",
            ),
            ..asset(
                "Staff phones",
                K::Mobile,
                &[Receive, Transmit],
                Partial,
                Yes,
            )
        },
        Asset {
            location: s("Exam room 3"),
            owner: s(PRIYA),
            records: Some(900),
            notes: s(
                "Networked resting ECG. Keeps tracings on its own disk and saves a PDF of each to a NAS folder. Runs an embedded Windows release its maker no longer updates.",
            ),
            ..asset(
                "ECG cart",
                K::MedicalDevice,
                &[Create, Maintain, Transmit],
                No,
                No,
            )
        },
        Asset {
            location: s("Behind the front desk"),
            owner: s(DANA),
            notes: s(
                "Referrals and record requests come and go by fax over the phone line; numbers are keyed by hand each time. One fax went to the wrong office in 2026 (breach log).",
            ),
            ..asset("Fax machine", K::FaxPhone, &[Receive, Transmit], No, No)
        },
        Asset {
            count: 11,
            location: s("Microsoft's cloud"),
            owner: s(DANA),
            notes: s(
                "Eleven mailboxes run by Northwind. Mail to other providers goes out over TLS when their server offers it, with no message encryption. The unified audit log is off. Microsoft is not in the vendor register yet.",
            ),
            ..asset(
                "Microsoft 365 email",
                K::Email,
                &[Receive, Maintain, Transmit],
                Yes,
                Partial,
            )
        },
        Asset {
            location: s("Northwind's backup repository (cloud)"),
            owner: s(LEE),
            vendor: s("BA-01"),
            notes: s(
                "Nightly jobs copy the NAS and the billing PC; 30 days kept. The job log is clean, but no restore has ever been tried. The storage behind it is Northwind's subcontractor.",
            ),
            ..asset("Cloud backup", K::Backup, &[Maintain], Yes, Yes)
        },
        Asset {
            location: s("Locked records room"),
            owner: s(DANA),
            records: Some(3400),
            vendor: s("BA-04"),
            notes: s(
                "Charts from before the move to the EHR in 2019 and signed intake forms, scanned into the EHR in batches. Paper to destroy goes into Harbor Shredding's locked bins.",
            ),
            ..asset("Paper charts", K::Paper, &[Maintain], No, No)
        },
        Asset {
            location: s("Server closet, back office"),
            owner: s(SAM),
            vendor: s("BA-01"),
            notes: s(
                "Managed firewall with the office VPN, staff Wi-Fi (WPA2) and a separate guest Wi-Fi. Stores no ePHI (encryption at rest does not apply); ePHI crosses it only inside the applications' own encryption.",
            ),
            ..asset("Firewall and Wi-Fi", K::Network, &[], Unknown, Yes)
        },
        Asset {
            count: 3,
            location: s("Basement storeroom"),
            owner: s(LEE),
            notes: s(
                "Old front-desk PCs with their disks still in them, switched off and waiting for disposal; no certificate of destruction yet.",
            ),
            ..asset(
                "Retired PCs awaiting disposal",
                K::Workstation,
                &[Maintain],
                No,
                Unknown,
            )
        },
        Asset {
            location: s("SwiftScribe's web portal"),
            owner: s(PRIYA),
            vendor: s("BA-03"),
            notes: s(
                "Clinicians upload dictated visit notes; the typed notes come back through the same portal and are pasted into the EHR. No BAA signed; no security documentation received.",
            ),
            ..asset(
                "Dictation service",
                K::Cloud,
                &[Create, Receive, Maintain],
                Unknown,
                Yes,
            )
        },
        Asset {
            location: s("Portal vendor's hosted service"),
            owner: s(DANA),
            records: Some(2100),
            notes: s(
                "Launched in 2025 for messages, forms and appointment requests; linked to the EHR by the vendors' interface. Patients sign in with a password only. The vendor is not in the vendor register yet and its BAA was not found.",
            ),
            ..asset(
                "Patient portal",
                K::Cloud,
                &[Receive, Maintain, Transmit],
                Yes,
                Yes,
            )
        },
    ]
}

/// The flows, in the order they get their ids (F-01 first): from, to, data, channel,
/// protection. Ends are asset ids or outside parties in words.
const FLOWS: [(&str, &str, &str, Channel, &str); 10] = [
    (
        "A-01",
        "A-02",
        "Charges, diagnosis codes and insurance details of each visit",
        Channel::Interface,
        "Vendor-to-vendor interface over TLS",
    ),
    (
        "A-02",
        "Claims clearinghouse",
        "Claims out, remittance advice back",
        Channel::Interface,
        "ClearPath's clearinghouse connection over TLS (their BAA)",
    ),
    (
        "A-01",
        "Reference lab",
        "Lab orders with demographics and insurance",
        Channel::Interface,
        "HL7 interface over a VPN run by the EHR vendor",
    ),
    (
        "Reference lab",
        "A-01",
        "Lab results",
        Channel::Interface,
        "HL7 interface over a VPN run by the EHR vendor",
    ),
    (
        "Referring practices and specialists",
        "A-10",
        "Referrals, consult notes and record requests",
        Channel::Fax,
        "Phone-line fax, not encrypted; cover sheet with a confidentiality notice",
    ),
    (
        "Patients",
        "A-17",
        "Secure messages, intake forms and appointment requests",
        Channel::Portal,
        "TLS; patients sign in with a password only",
    ),
    (
        "A-03",
        "A-12",
        "Nightly copies of the NAS shares and the billing PC",
        Channel::Other,
        "Backup jobs encrypted before they leave the office, sent over TLS",
    ),
    (
        "A-13",
        "A-01",
        "Old charts and signed forms, scanned and attached to the patient's record",
        Channel::Paper,
        "Scanned at the front desk into a restricted NAS folder, uploaded, then deleted from the folder",
    ),
    (
        "A-09",
        "A-03",
        "ECG tracings as PDF files",
        Channel::Share,
        "Network share on the office network, not encrypted",
    ),
    (
        "A-07",
        "A-16",
        "Dictated visit notes (audio) out, typed notes back",
        Channel::Portal,
        "Upload over TLS; no BAA with the service",
    ),
];

/// Adds the inventory and the flows, one change each, as the consultant walked the site.
pub fn add(ws: &mut Workspace, mut actor: impl FnMut() -> Actor) {
    for a in assets() {
        ws.add_asset(a, &actor());
    }
    for (from, to, data, channel, protection) in FLOWS {
        let f = Flow {
            from: from.into(),
            to: to.into(),
            data: data.into(),
            channel,
            protection: protection.into(),
            ..Flow::default()
        };
        ws.add_flow(f, &actor());
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::Catalog;

    #[test]
    fn the_inventory_names_only_vendors_and_assets_that_exist() {
        let ws = crate::io::demo::build(Catalog::builtin());
        assert!(ws.assets.len() >= 15 && ws.flows.len() >= 6);
        for a in &ws.assets {
            assert!(
                a.vendor.is_empty() || ws.vendors.iter().any(|v| v.id == a.vendor),
                "{}: no vendor {}",
                a.id,
                a.vendor
            );
        }
        for f in &ws.flows {
            for end in [&f.from, &f.to] {
                assert!(
                    !end.starts_with("A-") || ws.asset(end).is_some(),
                    "{}: no asset {end}",
                    f.id
                );
            }
        }
        for r in &ws.risks {
            for a in &r.assets {
                assert!(ws.asset(a).is_some(), "{}: no asset {a}", r.id);
            }
        }
    }
}

//! The core request list, written for a practice manager: one whole sentence per kind of
//! record, each naming the bank questions it serves. The bank's "Evidence:" guidance names
//! ~600 fragments for a small practice, many asking for the same record in other words; a
//! manager acts on about fifty plain requests. `--all` still gives every fragment.
//!
//! The consultant's own on-site work (walkthrough, interviews, tests) is a separate table:
//! it is printed for the assessor, never in the client's checklist.
//!
//! Every id named here must exist in `assets/bank/*.ron`, and every question must be served
//! by an item of one of the two tables or be listed in `LEFT_TO_ALL` (tests in
//! `requests_tests.rs`).

/// One request: the kind of record it asks for (unique), the heading it is printed under,
/// the sentence, and the questions it serves (ids separated by spaces).
pub struct Core {
    pub kind: &'static str,
    pub group: &'static str,
    pub text: &'static str,
    pub serves: &'static str,
}

impl Core {
    /// The ids of the questions it serves.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> {
        self.serves.split_whitespace()
    }

    pub fn serves_question(&self, id: &str) -> bool {
        self.ids().any(|x| x == id)
    }
}

const POLICIES: &str = "Policies and governance";
const STAFF: &str = "Staff and training";
const ACCESS: &str = "Accounts and access";
const DEVICES: &str = "Devices and data";
const NETWORK: &str = "Network, monitoring and the building";
const RECOVERY: &str = "Backups and recovery";
const INCIDENTS: &str = "Incidents and breaches";
const VENDORS: &str = "Vendors and business associates";
const RISK: &str = "Risk analysis and audits";
const PATIENTS: &str = "Patient records and rights";

/// What the practice is asked to send, in the order it is printed.
pub const CLIENT: &[Core] = &[
    Core {
        kind: "privacy policies",
        group: POLICIES,
        text: "Your written privacy policies and procedures, such as uses and disclosures, minimum necessary, patient rights, faxing, social media and non-retaliation, with the date each was approved.",
        serves: "PRV-UD-01 PRV-UD-02 PRV-UD-03 PRV-UD-06 PRV-UD-07 PRV-UD-09 PRV-UD-12 PRV-UD-13 PRV-UD-14 PRV-UD-17 PRV-UD-21 PRV-UD-22 PRV-UD-23 PRV-UD-24 PRV-UD-25 PRV-UD-26 PRV-IR-04 PRV-IR-05 PRV-IR-08 PRV-IR-12 PRV-IR-15 PRV-AR-03 PRV-AR-08 PRV-AR-10 PRV-SM-01 PRV-SM-02 PRV-AR-16 PRV-AR-17 PRV-AR-18",
    },
    Core {
        kind: "security policies",
        group: POLICIES,
        text: "Your written HIPAA security policies and procedures, such as access control, passwords, workstation use, device and media handling, patching and emergency access, with the date each was last reviewed.",
        serves: "ADM-SM-01 ADM-IA-01 ADM-WF-02 ADM-WF-03 ADM-PD-01 ADM-PD-04 ADM-AT-05 ADM-AI-02 ADM-MSP-06 NST-PO-01 NST-AA-04 NST-AA-08 NST-DS-03 NST-PS-01 NST-PS-02 NST-RA-02",
    },
    Core {
        kind: "policy review history",
        group: POLICIES,
        text: "The record of your policy reviews over the last two or three years, with the approval of the latest review and any policy changed after a new law or a change in the practice.",
        serves: "PRV-AR-11 PRV-AR-14 ADM-PD-05",
    },
    Core {
        kind: "official designations",
        group: POLICIES,
        text: "The letters or policy naming your privacy official and your security official, with the job description of each.",
        serves: "PRV-AR-01 ADM-WF-01 NST-RR-02",
    },
    Core {
        kind: "signed acknowledgments",
        group: POLICIES,
        text: "The policy acknowledgments, confidentiality agreements and personal-device agreements your staff and contractors signed, with the current staff list to compare them against.",
        serves: "PRV-UD-02 PRV-SM-01 ADM-WF-06 ADM-SM-04 ADM-AI-02 ADM-MSP-01 NST-AA-08 NST-DS-02",
    },
    Core {
        kind: "retention schedule",
        group: POLICIES,
        text: "Your record retention schedule, and where older policies, forms and records are archived with their dates.",
        serves: "PRV-UD-26 PRV-AR-12 ADM-PD-03 RSK-RD-03 ADM-PD-08",
    },
    Core {
        kind: "compliance calendar",
        group: POLICIES,
        text: "Your compliance calendar or list of yearly duties and legal obligations, with the records showing that last year's duties were done.",
        serves: "PRV-BN-09 ADM-EV-03 ADM-PD-02 NST-OC-02",
    },
    Core {
        kind: "leadership minutes",
        group: POLICIES,
        text: "Minutes or notes of the leadership meetings of the last year that discussed security, risks, budgets or progress on fixing known problems.",
        serves: "ADM-SM-03 NST-RM-02 NST-RR-02 NST-OV-01 NST-OV-02 RSK-RM-06",
    },
    Core {
        kind: "training records",
        group: STAFF,
        text: "Your HIPAA and security training materials and reminders of the last year, with the completion record of every current staff member and the date each new hire was trained.",
        serves: "PRV-UD-02 PRV-AR-02 PRV-AR-13 PRV-BN-12 PRV-SUD-02 ADM-AT-01 ADM-AT-02 ADM-AT-04 ADM-AT-06 ADM-AT-07 ADM-AT-09 ADM-AI-02 NST-AT-01",
    },
    Core {
        kind: "phishing tests",
        group: STAFF,
        text: "The reports of your phishing simulations and of the suspicious emails staff reported, with the follow-up training given.",
        serves: "ADM-AT-08 ADM-AT-09",
    },
    Core {
        kind: "hire and leaver checklists",
        group: STAFF,
        text: "Your onboarding and offboarding checklists, completed for your two most recent hires and two most recent leavers, with redacted background checks for the hires.",
        serves: "ADM-WF-02 ADM-WF-04 ADM-WF-05 ADM-WF-06 ADM-AT-07 ADM-NP-10",
    },
    Core {
        kind: "sanctions records",
        group: STAFF,
        text: "Your sanctions policy and the record of any sanctions applied in the last two years, with the complaint or incident behind each one.",
        serves: "PRV-AR-06 ADM-SM-04 NST-AE-01",
    },
    Core {
        kind: "user lists",
        group: ACCESS,
        text: "Current user lists exported from the EHR, email, office network and firewall, showing each person's role and which accounts have administrator rights.",
        serves: "PRV-UD-09 ADM-IA-01 ADM-IA-02 ADM-IA-04 ADM-IA-06 ADM-WF-03 ADM-WF-05 NST-AA-01 NST-AA-02 NST-AA-03",
    },
    Core {
        kind: "access tickets",
        group: ACCESS,
        text: "The approved requests or tickets for recent new accounts, role changes and removals of access when someone left.",
        serves: "ADM-IA-03 ADM-IA-04 ADM-WF-05",
    },
    Core {
        kind: "access reviews",
        group: ACCESS,
        text: "The records of your last access reviews, with the user lists reviewed, who signed them and the accounts removed as a result.",
        serves: "ADM-IA-05 ADM-MSP-06",
    },
    Core {
        kind: "mfa report",
        group: ACCESS,
        text: "A report of multi-factor sign-in for every user of email, the EHR, remote access and the VPN, with any exceptions.",
        serves: "ADM-NP-03 NST-AA-05 RSK-CC-02",
    },
    Core {
        kind: "sign-in settings",
        group: ACCESS,
        text: "Screenshots of the password, lockout, screen-lock and session-timeout settings in the directory, email service, EHR and patient portal.",
        serves: "ADM-AT-04 ADM-AT-05 NST-AA-10 NST-AA-11 NST-PS-02",
    },
    Core {
        kind: "log reviews",
        group: ACCESS,
        text: "Dated records of your reviews of EHR access logs and other system activity, with the follow-up of anything found.",
        serves: "ADM-SM-05 NST-AE-01 NST-CM-01",
    },
    Core {
        kind: "asset inventory",
        group: DEVICES,
        text: "Your inventory of the computers, phones, servers, medical devices and cloud services that hold patient information, with the date it was last reviewed.",
        serves: "NST-AM-01 NST-CM-02 NST-PS-03 NST-RA-02 RSK-SC-02 RSK-SC-03 NST-AM-03",
    },
    Core {
        kind: "encryption report",
        group: DEVICES,
        text: "The encryption and device management reports for every laptop, desktop, server, phone and tablet, with where the recovery keys are kept.",
        serves: "PRV-BN-04 ADM-MSP-06 NST-DS-01 NST-DS-02 NST-DS-03 NST-DS-09 NST-MI-01 RSK-CC-02",
    },
    Core {
        kind: "disposal certificates",
        group: DEVICES,
        text: "Certificates of destruction or wiping for the paper, computers, drives and copiers disposed of in the last two years, with the shredding contract.",
        serves: "PRV-AR-15 NST-PS-03",
    },
    Core {
        kind: "patch report",
        group: DEVICES,
        text: "The patch and antivirus status report for every device, with the operating system and firmware versions and any device past its end of support.",
        serves: "ADM-AT-03 NST-PS-01 NST-PS-04 RSK-CC-02",
    },
    Core {
        kind: "email settings",
        group: DEVICES,
        text: "Screenshots of your email encryption, spam and phishing filtering and forwarding-block settings, with a sample of encrypted messages sent.",
        serves: "ADM-AT-03 ADM-AT-09 NST-CM-03 NST-DS-06 NST-PS-06",
    },
    Core {
        kind: "software list",
        group: DEVICES,
        text: "Your list of approved software and cloud services, including any AI tools and the telehealth platforms clinicians use.",
        serves: "PRV-TH-03 ADM-AI-01 NST-AM-02 NST-OC-01",
    },
    Core {
        kind: "network map",
        group: NETWORK,
        text: "Your network diagram and map of where patient information is stored and sent, with the firewall rules and the date they were last reviewed.",
        serves: "ADM-IA-02 ADM-NP-02 NST-DS-07 NST-IR-01 RSK-SC-02 RSK-SC-05",
    },
    Core {
        kind: "scan reports",
        group: NETWORK,
        text: "Your last two vulnerability scan reports and the latest penetration test report, with the tickets for the findings that were fixed.",
        serves: "ADM-NP-06 NST-IM-02 RSK-TV-03 RSK-TV-04 RSK-RM-07",
    },
    Core {
        kind: "monitoring reports",
        group: NETWORK,
        text: "Recent monthly reports from your security monitoring service, with examples of alerts and security advisories and how they were followed up.",
        serves: "ADM-SM-05 ADM-AT-03 ADM-AT-04 NST-AE-02 NST-CM-02 NST-IM-02 NST-MI-02 NST-OV-01 NST-RA-01",
    },
    Core {
        kind: "building access records",
        group: NETWORK,
        text: "Your list of key, badge and alarm code holders, the visitor sign-in sheets, and the maintenance log of locks, alarms and cameras.",
        serves: "ADM-WF-03 NST-AA-06 NST-AA-07 NST-CM-04 NST-IR-02",
    },
    Core {
        kind: "contingency plan",
        group: RECOVERY,
        text: "Your contingency and disaster recovery plan, with its recovery time targets, the order in which systems are restored and the downtime procedure.",
        serves: "ADM-CP-01 ADM-CP-03 ADM-CP-04 ADM-CP-06 ADM-NP-04 NST-IR-02 NST-IR-03 NST-OC-01 NST-RCO-01 NST-RCO-02 NST-SC-01",
    },
    Core {
        kind: "backup reports",
        group: RECOVERY,
        text: "Backup job reports for the last 30 days, with the backup settings that show encryption and an offline or immutable copy.",
        serves: "ADM-CP-02 NST-DS-04 NST-DS-05 NST-DS-08 NST-DS-10 RSK-CC-02",
    },
    Core {
        kind: "test and exercise reports",
        group: RECOVERY,
        text: "The reports of your last restore test and your last incident or disaster exercise, with the date, who took part, the time taken and what was fixed afterwards.",
        serves: "ADM-CP-05 ADM-CP-07 ADM-IR-05 ADM-NP-04 NST-AN-02 NST-CO-01 NST-MA-02 NST-RP-01 NST-RP-02",
    },
    Core {
        kind: "incident plan",
        group: INCIDENTS,
        text: "Your incident response plan and breach notification procedure, with their approval dates and the current emergency contact list.",
        serves: "PRV-AR-07 PRV-BN-01 PRV-BN-07 PRV-BN-11 PRV-BN-12 PRV-SUD-04 ADM-IR-01 ADM-IR-02 ADM-IR-04 ADM-MSP-07 NST-AN-02 NST-CO-01 NST-CO-02 NST-MA-01 NST-MA-02 NST-MI-01 NST-MI-02",
    },
    Core {
        kind: "incident log",
        group: INCIDENTS,
        text: "Your incident log for the last three years, with two or three complete incident files, including one judged not to be a breach.",
        serves: "PRV-AR-06 PRV-AR-07 PRV-BN-02 PRV-BN-03 PRV-BN-04 ADM-IR-02 ADM-IR-03 NST-AN-01 NST-IM-01 NST-MI-01 NST-MI-02 RSK-RD-05",
    },
    Core {
        kind: "breach notices",
        group: INCIDENTS,
        text: "Copies of any breach notices sent to patients, the media or HHS, with their mailing dates and the HHS portal confirmations.",
        serves: "PRV-BN-05 PRV-BN-06 PRV-BN-07 PRV-BN-08 PRV-BN-09 ADM-IR-04 PRV-BN-13",
    },
    Core {
        kind: "cyber insurance",
        group: INCIDENTS,
        text: "Your cyber insurance policy schedule and the last application you signed for it.",
        serves: "NST-AN-01 NST-CO-02 NST-RM-01 NST-RM-03",
    },
    Core {
        kind: "vendor list",
        group: VENDORS,
        text: "Your list of the vendors that handle patient information, with the date each one signed its business associate agreement.",
        serves: "ADM-BA-01 ADM-BA-02 ADM-BA-05 ADM-NP-08 NST-OC-01 RSK-SC-04 NST-SC-04",
    },
    Core {
        kind: "business associate agreements",
        group: VENDORS,
        text: "Signed copies of your business associate agreements with the EHR host, billing company, IT provider and backup provider, and the template you use for new ones.",
        serves: "PRV-UD-04 PRV-UD-05 PRV-UD-18 PRV-UD-19 PRV-BN-10 PRV-TH-03 ADM-BA-03 ADM-BA-04 ADM-BA-05 ADM-CP-02 ADM-NP-09 NST-OC-02 NST-SC-01",
    },
    Core {
        kind: "vendor security reviews",
        group: VENDORS,
        text: "The security questionnaires, audit reports or certificates you collected from key vendors, with your notes on each one.",
        serves: "ADM-BA-08 ADM-NP-08 NST-SC-01 RSK-CC-04",
    },
    Core {
        kind: "vendor issues and exits",
        group: VENDORS,
        text: "Your log of problems with vendors, and the return or destruction confirmations from vendors you stopped using in the last three years.",
        serves: "PRV-UD-04 PRV-UD-19 NST-SC-02",
    },
    Core {
        kind: "it provider program",
        group: VENDORS,
        text: "From your IT provider: its own risk analysis, policies, staff training records, subcontractor agreements and the chart that splits security duties between it and the practice.",
        serves: "ADM-BA-05 ADM-BA-09 NST-AT-02 NST-RR-01",
    },
    Core {
        kind: "risk analysis",
        group: RISK,
        text: "Your most recent risk analysis report, with its date, scope, method and sign-off, and the report before it.",
        serves: "ADM-SM-02 RSK-SC-01 RSK-SC-02 RSK-SC-04 RSK-TV-01 RSK-TV-02 RSK-CC-01 RSK-CC-04 RSK-LI-01 RSK-LI-02 RSK-LI-03 RSK-RD-01 RSK-RD-02 RSK-RD-04",
    },
    Core {
        kind: "risk register",
        group: RISK,
        text: "Your risk register or risk management plan, with each risk's owner, due date and status, and any signed risk acceptances or exceptions.",
        serves: "ADM-SM-03 ADM-MSP-03 ADM-MSP-05 NST-PO-02 NST-PS-04 RSK-TV-03 RSK-RD-01 RSK-RD-04 RSK-RM-01 RSK-RM-02 RSK-RM-03 RSK-RM-05 RSK-RM-07",
    },
    Core {
        kind: "addressable decisions",
        group: RISK,
        text: "The record of your decisions on the addressable safeguards, such as encryption, with the reason, date and approver of each one.",
        serves: "ADM-PD-06 NST-DS-09 RSK-RM-04",
    },
    Core {
        kind: "earlier audits",
        group: RISK,
        text: "The reports of earlier HIPAA assessments, privacy audits or security evaluations, with their dates, scope and findings.",
        serves: "ADM-EV-01 ADM-MSP-02 ADM-MSP-03",
    },
    Core {
        kind: "change records",
        group: RISK,
        text: "Your change management checklist and the security review done for the most recent major change, such as a new system, an office move or an upgrade.",
        serves: "ADM-EV-02 NST-DS-04 NST-RA-02 RSK-RD-05",
    },
    Core {
        kind: "privacy notice",
        group: PATIENTS,
        text: "Your current notice of privacy practices and its earlier versions with their effective dates, and photos of where it is posted in the office and on the website.",
        serves: "PRV-IR-01 PRV-IR-02 PRV-IR-13 PRV-AR-01 PRV-AR-11 PRV-SUD-03 PRV-UD-28",
    },
    Core {
        kind: "registration forms",
        group: PATIENTS,
        text: "Your new-patient registration, intake and financial forms and portal terms, showing where patients get the notice, sign the acknowledgment and choose how to be contacted.",
        serves: "PRV-UD-06 PRV-UD-12 PRV-UD-21 PRV-IR-03 PRV-IR-06 PRV-IR-14 PRV-AR-09",
    },
    Core {
        kind: "disclosure log",
        group: PATIENTS,
        text: "Your log of records released to others in the last 12 months, including subpoenas, police requests and public health reports, with the paperwork for five to ten recent releases.",
        serves: "PRV-UD-01 PRV-UD-03 PRV-UD-13 PRV-UD-14 PRV-UD-17 PRV-UD-20 PRV-UD-22 PRV-UD-23 PRV-UD-24 PRV-UD-26 PRV-IR-12 PRV-UD-27",
    },
    Core {
        kind: "patient requests log",
        group: PATIENTS,
        text: "Your log of patients' requests about their own records in the last 12 months, such as copies, amendments and restrictions, with your fee schedule and any denial letters.",
        serves: "PRV-UD-18 PRV-IR-04 PRV-IR-05 PRV-IR-06 PRV-IR-07 PRV-IR-08 PRV-IR-09 PRV-IR-10 PRV-IR-11 PRV-IR-15 PRV-IR-16",
    },
    Core {
        kind: "authorizations",
        group: PATIENTS,
        text: "Your blank authorization and revocation forms, with five signed authorizations from recent releases and any revocations received.",
        serves: "PRV-UD-08 PRV-UD-09 PRV-UD-10 PRV-UD-20 PRV-UD-25",
    },
    Core {
        kind: "data sharing",
        group: PATIENTS,
        text: "A list of the data extracts, research studies, limited data sets and marketing campaigns of the last year, with their data use agreements, contracts or authorizations.",
        serves: "PRV-UD-10 PRV-UD-11 PRV-UD-15 PRV-UD-16 PRV-UD-25",
    },
    Core {
        kind: "complaints",
        group: PATIENTS,
        text: "Your complaint procedure and the log of privacy complaints from the last two or three years, with the replies sent.",
        serves: "PRV-AR-05 PRV-AR-06 PRV-AR-08 ADM-MSP-07",
    },
    Core {
        kind: "online tracking",
        group: PATIENTS,
        text: "A list of the tracking tools and analytics on your website, patient portal and online forms, with the agreements with their vendors and the latest scan.",
        serves: "PRV-TT-01 PRV-TT-02",
    },
    Core {
        kind: "substance use disorder records",
        group: PATIENTS,
        text: "If you receive records from substance use disorder treatment programs, your written decision on them, the Part 2 consent form and the Part 2 wording in your notice.",
        serves: "PRV-SUD-01 PRV-SUD-02 PRV-SUD-03 PRV-SUD-04 PRV-SUD-05",
    },
    Core {
        kind: "telehealth",
        group: PATIENTS,
        text: "Your telehealth policy and the procedure clinicians follow to start a video visit, including how they check who the patient is.",
        serves: "PRV-TH-01 PRV-TH-02 NST-PS-05",
    },
];

/// Heading of the assessor's part.
pub const ASSESSOR_GROUP: &str = "For the assessor: on-site activities";

/// What the assessor does on site; printed apart, never as something the practice prepares.
pub const ASSESSOR: &[Core] = &[
    Core {
        kind: "walkthrough",
        group: ASSESSOR_GROUP,
        text: "Walk through the office during clinic hours, and after hours if possible, looking at the front desk, exam rooms, records storage, printers, fax machines and the server closet.",
        serves: "PRV-IR-02 PRV-AR-03 PRV-AR-15 ADM-WF-03 NST-AA-06 NST-AA-08 NST-AA-09 NST-CM-04 NST-IR-03 RSK-SC-03 RSK-CC-03",
    },
    Core {
        kind: "front desk observation",
        group: ASSESSOR_GROUP,
        text: "Watch check-in and the waiting room during clinic hours: screens, sign-in sheets, phone calls and what a caller asking about a patient is told.",
        serves: "PRV-UD-17 PRV-UD-21 PRV-IR-06 PRV-AR-04",
    },
    Core {
        kind: "unattended computers",
        group: ASSESSOR_GROUP,
        text: "Check unattended and shared computers for screen locks, automatic sign-in and passwords written on notes.",
        serves: "ADM-AT-05 NST-AA-11 NST-PS-02",
    },
    Core {
        kind: "privacy official interview",
        group: ASSESSOR_GROUP,
        text: "Interview the privacy official about records requests, complaints, sanctions, breach decisions and how a vendor that broke its agreement would be handled.",
        serves: "PRV-UD-04 PRV-UD-07 PRV-UD-11 PRV-AR-01 PRV-AR-06 PRV-BN-01 PRV-BN-12",
    },
    Core {
        kind: "security official interview",
        group: ASSESSOR_GROUP,
        text: "Interview the security official and the IT provider about the last security incident, how accounts are set up, the network and who would lead a recovery.",
        serves: "ADM-SM-01 ADM-IA-01 ADM-CP-01 ADM-IR-01 NST-OC-01 NST-RR-01 RSK-SC-05",
    },
    Core {
        kind: "staff interviews",
        group: ASSESSOR_GROUP,
        text: "Ask two or three staff members whom they would tell about a lost phone or a suspicious email, where to find a named procedure, and whether they may look up a relative's record.",
        serves: "PRV-UD-02 PRV-AR-01 PRV-AR-10 ADM-WF-01 ADM-AT-01 ADM-AT-09 ADM-IR-02 ADM-PD-04 NST-AT-01 RSK-SC-02 NST-AT-03",
    },
    Core {
        kind: "clinician interviews",
        group: ASSESSOR_GROUP,
        text: "Interview two clinicians about telehealth visits, what they tell family members, and the reports they make to public health or about abuse.",
        serves: "PRV-UD-12 PRV-UD-14 PRV-UD-23 PRV-UD-24 PRV-SUD-01 PRV-TH-01 PRV-TH-02 NST-DS-11",
    },
    Core {
        kind: "records staff interview",
        group: ASSESSOR_GROUP,
        text: "Interview the staff who fill records requests about how they check identity and authorizations and decide what is sent.",
        serves: "PRV-UD-01 PRV-UD-03 PRV-UD-06 PRV-UD-08 PRV-UD-13",
    },
    Core {
        kind: "account tests",
        group: ASSESSOR_GROUP,
        text: "Test what a front-desk account can reach in the EHR, whether an everyday account can install software, and the patient portal's password reset.",
        serves: "NST-AA-02 NST-AA-03 NST-AA-10",
    },
    Core {
        kind: "network tests",
        group: ASSESSOR_GROUP,
        text: "Check from the guest Wi-Fi that internal systems cannot be reached, and scan the website and portal for exposed services and third-party trackers.",
        serves: "PRV-TT-01 NST-AA-05 NST-DS-07 NST-IR-01",
    },
    Core {
        kind: "risk analysis interview",
        group: ASSESSOR_GROUP,
        text: "Interview whoever compiled the risk analysis about how the threats were listed and two or three ratings chosen, and one or two risk owners about their items.",
        serves: "RSK-SC-01 RSK-TV-01 RSK-LI-01 RSK-RM-02",
    },
    Core {
        kind: "public accounts",
        group: ASSESSOR_GROUP,
        text: "Look at the practice's public social media accounts and its replies to online reviews for anything about patients.",
        serves: "PRV-SM-01 PRV-SM-02",
    },
];

/// Questions no core item serves on purpose: their records are in `--all`.
pub const LEFT_TO_ALL: &[&str] = &[
    // Only a practice that sponsors a group health plan and receives plan data beyond
    // summary information keeps these plan documents.
    "ADM-BA-06",
    // Recognized security practices: only a practice that claims them (to lower penalties)
    // keeps the 12-month evidence file.
    "RSK-RM-08",
    // Asked of the MSP about its own program and its clients, not a record the practice holds.
    "ADM-MSP-04",
    "ADM-MSP-08",
];

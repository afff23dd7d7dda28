//! The report's business associates and evidence appendix: the vendor table with each BAA's
//! state, and every evidence item (label, file name, SHA-256, dates). Files are named, never
//! included; a redacted copy leaves the file names out too (they may name a patient).

use serde_json::{Value, json};

use crate::domain::evidence::{self, EvidenceState};
use crate::domain::vendor::{Vendor, VendorState};
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{DATE, Doc, ID, Inline, TEXT, b, code};
use crate::exchange::options::{Options, private};
use crate::inl;

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn state_words(s: VendorState) -> Vec<Inline> {
    match s {
        VendorState::Ok => inl!["Signed, current"],
        VendorState::Missing => inl![b("Missing")],
        VendorState::Expired => inl![b("Expired")],
        VendorState::Expiring => inl!["Expiring soon"],
        VendorState::NotNeeded => inl!["Not needed (no PHI)"],
    }
}

/// "Business associates": one row a vendor, and what is missing said in a sentence.
pub fn vendors(d: &mut Doc, ws: &Workspace, o: &Options) {
    d.section("Business associates");
    if ws.vendors.is_empty() {
        d.p("No vendors were recorded in the business-associate register for this assessment.");
        return;
    }
    let states: Vec<VendorState> = ws
        .vendors
        .iter()
        .map(|v| v.state(o.today, o.window))
        .collect();
    let with_phi = ws.vendors.iter().filter(|v| v.phi).count();
    let gaps = states.iter().filter(|s| s.is_gap()).count();
    d.p(format!(
        "{} recorded, {with_phi} of them handling PHI; {} without a signed, current business associate agreement (45 CFR 164.502(e), 164.504(e), 164.308(b)).",
        crate::domain::text::count(ws.vendors.len(), "vendor", "vendors"),
        if gaps == 0 {
            "none".to_string()
        } else {
            gaps.to_string()
        }
    ));
    d.table(&[
        ("ID", ID),
        ("Vendor", TEXT),
        ("Service", TEXT),
        ("PHI", TEXT),
        ("Subcontractor", TEXT),
        ("BAA signed", DATE),
        ("Expires / review", DATE),
        ("State", TEXT),
    ]);
    for (v, s) in ws.vendors.iter().zip(&states) {
        d.row(crate::cells![
            &v.id,
            &v.name,
            &v.service,
            v.phi_text(),
            if v.subcontractor { "yes" } else { "no" },
            date(v.baa_signed),
            date(v.baa_expires),
            state_words(*s)
        ]);
    }
}

/// Appendix B, the evidence: every item, where it belongs, its file name and hash.
pub fn evidence(d: &mut Doc, ws: &Workspace, o: &Options) {
    let items = ws.evidence_items();
    d.section("Appendix B: Evidence");
    if items.is_empty() {
        d.p("No evidence items were recorded.");
        return;
    }
    let files = items.iter().filter(|h| !h.item.file.is_empty()).count();
    d.p(inl![
        format!(
            "{}, {files} of them files identified by the SHA-256 taken when they were collected. The files stay with the assessor; ",
            crate::domain::text::count(items.len(), "evidence item", "evidence items"),
        ),
        code("hipaudit evidence WORKSPACE verify"),
        " shows whether each is still the one seen."
    ]);
    d.table(&[
        ("For", ID),
        ("Item", TEXT),
        ("File", TEXT),
        ("SHA-256", TEXT),
        ("Collected", DATE),
        ("Expires", DATE),
    ]);
    for h in &items {
        let e = h.item;
        let expires = match evidence::expiry(e, o.today, o.window) {
            Some(EvidenceState::Expired) => format!("{} (expired)", date(e.expires)),
            Some(_) => format!("{} (expiring)", date(e.expires)),
            None => date(e.expires),
        };
        let hash = if e.sha256.is_empty() {
            inl!["—"]
        } else if !e.sha256.is_ascii() {
            // Not a hash at all (a hand-edited file): shown as text, never cut mid-character.
            inl![&e.sha256]
        } else {
            // One token, so it copies whole into `sha256sum -c` (found in review: two halves
            // with a space between copied as an invalid hash); the page wraps it inside.
            inl![code(&e.sha256)]
        };
        d.row(crate::cells![
            h.owner,
            &e.label,
            private(e.file_name(), o),
            hash,
            date(e.collected),
            expires
        ]);
    }
}

/// One vendor as JSON (`vendors --format json` and the JSON export): the SPEC's keys `name`,
/// `service`, `phi`, `baa_signed`, `baa_expires`, `state`, and the rest of the record.
pub fn vendor_json(v: &Vendor, today: chrono::NaiveDate, window: u32) -> Value {
    json!({
        "id": v.id,
        "name": v.name,
        "service": v.service,
        "phi": v.phi,
        "phi_uses": v.phi_uses.iter().map(|u| u.word()).collect::<Vec<_>>(),
        "contact": v.contact,
        "baa_signed": v.baa_signed,
        "baa_expires": v.baa_expires,
        "subcontractor": v.subcontractor,
        "evidence": v.evidence.len(),
        "state": v.state(today, window).word(),
    })
}

/// The vendors and the evidence items as the JSON export lists them.
pub fn json_parts(ws: &Workspace, o: &Options) -> (Value, Value) {
    let vendors: Vec<Value> = ws
        .vendors
        .iter()
        .map(|v| vendor_json(v, o.today, o.window))
        .collect();
    let evidence: Vec<Value> = ws
        .evidence_items()
        .iter()
        .map(|h| {
            json!({
                "id": h.owner,
                "label": h.item.label,
                "file": private(h.item.file_name(), o),
                "sha256": h.item.sha256,
                "collected": h.item.collected,
                "expires": h.item.expires,
            })
        })
        .collect();
    (Value::Array(vendors), Value::Array(evidence))
}

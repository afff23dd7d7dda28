//! The edits of evidence items, of the evidence request list's receipts and of the
//! business-associate register (each logged), and the walk over every evidence item, as
//! `impl Workspace`: kept apart from `vendor.rs` and `evidence.rs`, which the file format
//! (`workspace.rs`) uses.

use chrono::NaiveDate;

use crate::domain::change::{Field, VENDOR_ADDED};
use crate::domain::evidence::{EvidenceItem, Held};
use crate::domain::vendor::Vendor;
use crate::domain::workspace::{Actor, Workspace};

impl Workspace {
    /// Every evidence item: the answers' (by question id), then the vendors'.
    pub fn evidence_items(&self) -> Vec<Held<'_>> {
        let answers = self.answers.iter().flat_map(|(id, a)| {
            a.evidence
                .iter()
                .enumerate()
                .map(move |(index, item)| Held {
                    owner: id,
                    index,
                    item,
                })
        });
        let vendors = self.vendors.iter().flat_map(|v| {
            v.evidence
                .iter()
                .enumerate()
                .map(move |(index, item)| Held {
                    owner: &v.id,
                    index,
                    item,
                })
        });
        answers.chain(vendors).collect()
    }

    /// The evidence items of a question or a vendor.
    pub fn evidence_of(&self, owner: &str) -> &[EvidenceItem] {
        if let Some(v) = self.vendors.iter().find(|v| v.id == owner) {
            return &v.evidence;
        }
        self.answers
            .get(owner)
            .map(|a| a.evidence.as_slice())
            .unwrap_or(&[])
    }
}

/// Evidence items added, changed and removed, and the request list's items received.
impl Workspace {
    /// Adds an evidence item to a question's answer or to a vendor (by its id).
    pub fn add_evidence(&mut self, owner: &str, item: EvidenceItem, actor: &Actor) {
        let label = item.label.clone();
        self.evidence_list(owner).push(item);
        self.record_change(actor, owner, Field::Evidence, (String::new(), label));
    }

    /// Replaces the evidence item at `index`; false when there is none or nothing changed.
    pub fn update_evidence(
        &mut self,
        owner: &str,
        index: usize,
        item: EvidenceItem,
        actor: &Actor,
    ) -> bool {
        let list = self.evidence_list(owner);
        let Some(slot) = list.get_mut(index) else {
            return false;
        };
        if *slot == item {
            return false;
        }
        let old = std::mem::replace(slot, item.clone());
        let show = |e: &EvidenceItem| {
            let expires = e
                .expires
                .map(|d| format!(", expires {d}"))
                .unwrap_or_default();
            format!("{} [{}]{expires}", e.label, e.file_name())
        };
        self.record_change(actor, owner, Field::Evidence, (show(&old), show(&item)));
        true
    }

    /// Removes the evidence item at `index` and returns it.
    pub fn remove_evidence(
        &mut self,
        owner: &str,
        index: usize,
        actor: &Actor,
    ) -> Option<EvidenceItem> {
        let list = self.evidence_list(owner);
        if index >= list.len() {
            return None;
        }
        let item = list.remove(index);
        if let Some(a) = self.answers.get(owner)
            && a.is_empty()
        {
            self.answers.remove(owner);
        }
        self.record_change(
            actor,
            owner,
            Field::Evidence,
            (item.label.clone(), "removed".into()),
        );
        Some(item)
    }

    /// Puts a removed evidence item back where it was (undo), logged.
    pub fn restore_evidence(
        &mut self,
        owner: &str,
        index: usize,
        item: EvidenceItem,
        actor: &Actor,
    ) {
        let label = item.label.clone();
        let list = self.evidence_list(owner);
        list.insert(index.min(list.len()), item);
        self.record_change(actor, owner, Field::Evidence, ("removed".into(), label));
    }

    fn evidence_list(&mut self, owner: &str) -> &mut Vec<EvidenceItem> {
        if let Some(i) = self.vendors.iter().position(|v| v.id == owner) {
            return &mut self.vendors[i].evidence;
        }
        &mut self.answers.entry(owner.to_string()).or_default().evidence
    }

    /// Records that a request-list item came in (or, with `None`, that it did not after all);
    /// false when nothing changed.
    pub fn set_received(&mut self, key: &str, date: Option<NaiveDate>, actor: &Actor) -> bool {
        let old = self.received.get(key).copied();
        if old == date {
            return false;
        }
        match date {
            Some(d) => self.received.insert(key.to_string(), d),
            None => self.received.remove(key),
        };
        let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.record_change(
            actor,
            "requests",
            Field::Request,
            (
                format!("{key}: {}", show(old)),
                format!("{key}: {}", show(date)),
            ),
        );
        true
    }
}

impl Workspace {
    /// The next free vendor id; ids in the log count as used, so a deleted vendor's id is
    /// never given to another.
    pub fn next_vendor_id(&self) -> String {
        self.free_id("BA", self.vendors.iter().map(|v| v.id.as_str()))
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
    }

    /// Adds a vendor (its id is assigned here) and logs it; returns the id.
    pub fn add_vendor(&mut self, mut v: Vendor, actor: &Actor) -> String {
        v.id = self.next_vendor_id();
        v.name = crate::domain::text::name(&v.name);
        let id = v.id.clone();
        let name = v.name.clone();
        self.vendors.push(v);
        self.record_change(
            actor,
            &id,
            Field::Vendor,
            (String::new(), format!("{VENDOR_ADDED}{name}")),
        );
        id
    }

    /// Replaces a vendor, logging each field that changed; false when nothing did.
    pub fn update_vendor(&mut self, mut v: Vendor, actor: &Actor) -> bool {
        v.name = crate::domain::text::name(&v.name);
        let Some(i) = self.vendors.iter().position(|x| x.id == v.id) else {
            return false;
        };
        let old = std::mem::replace(&mut self.vendors[i], v.clone());
        if old == v {
            return false;
        }
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        // Notes may hold PHI: the log keeps their length, not their text.
        let chars = |s: &str| format!("{} chars", s.chars().count());
        let fields = [
            ("name", old.name.clone(), v.name.clone()),
            ("service", old.service.clone(), v.service.clone()),
            ("phi", old.phi_text(), v.phi_text()),
            ("contact", old.contact.clone(), v.contact.clone()),
            ("baa_signed", date(old.baa_signed), date(v.baa_signed)),
            ("baa_expires", date(old.baa_expires), date(v.baa_expires)),
            (
                "subcontractor",
                yes(old.subcontractor),
                yes(v.subcontractor),
            ),
            ("notes", chars(&old.notes), chars(&v.notes)),
        ];
        for (name, a, b) in fields {
            if a != b || (name == "notes" && old.notes != v.notes) {
                self.record_change(
                    actor,
                    &v.id,
                    Field::Vendor,
                    (format!("{name}: {a}"), format!("{name}: {b}")),
                );
            }
        }
        true
    }

    /// Removes a vendor and takes it out of the assets that name it (by id or name); returns
    /// where it was, what it was and those assets with what they said, for undo (found by
    /// attack: assets went on naming a deleted vendor, and the report printed its bare id).
    pub fn delete_vendor(&mut self, id: &str, actor: &Actor) -> Option<DeletedVendor> {
        let i = self.vendors.iter().position(|v| v.id == id)?;
        let v = self.vendors.remove(i);
        let mut assets = Vec::new();
        for a in &mut self.assets {
            let said = a.vendor.trim();
            if said == id || (!v.name.trim().is_empty() && said.eq_ignore_ascii_case(v.name.trim()))
            {
                assets.push((a.id.clone(), std::mem::take(&mut a.vendor)));
            }
        }
        self.record_change(actor, id, Field::Vendor, (v.name.clone(), "deleted".into()));
        Some(DeletedVendor {
            at: i,
            vendor: v,
            assets,
        })
    }

    /// Puts a deleted vendor back where it was, in the assets that named it too (unless one
    /// names another vendor since), and logs that.
    pub fn restore_vendor(&mut self, d: DeletedVendor, actor: &Actor) {
        let DeletedVendor {
            at,
            vendor: v,
            assets,
        } = d;
        for (aid, said) in assets {
            if let Some(a) = self.assets.iter_mut().find(|a| a.id == aid)
                && a.vendor.trim().is_empty()
            {
                a.vendor = said;
            }
        }
        let (id, name) = (v.id.clone(), v.name.clone());
        self.vendors.insert(at.min(self.vendors.len()), v);
        self.record_change(
            actor,
            &id,
            Field::Vendor,
            ("deleted".into(), format!("restored: {name}")),
        );
    }
}

/// A vendor taken out of the register, with what undo needs to put it back.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedVendor {
    pub at: usize,
    pub vendor: Vendor,
    /// The assets that named it: (asset id, what its vendor field said).
    pub assets: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn actor() -> Actor {
        Actor {
            name: "t".into(),
            now: d(2026, 12, 1).and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn ids_are_never_reused_and_edits_are_logged() {
        let c = crate::domain::catalog::Catalog::builtin();
        let mut ws = Workspace::new("Clinic", "", c, d(2026, 12, 1));
        let a = ws.add_vendor(
            Vendor {
                name: "A".into(),
                ..Vendor::default()
            },
            &actor(),
        );
        assert_eq!(a, "BA-01");
        let deleted = ws.delete_vendor(&a, &actor()).unwrap();
        assert_eq!(ws.next_vendor_id(), "BA-02", "a deleted id stays taken");
        ws.restore_vendor(deleted, &actor());
        let mut v = ws.vendor("BA-01").unwrap().clone();
        v.baa_signed = Some(d(2026, 3, 1));
        v.notes = "secret".into();
        assert!(ws.update_vendor(v.clone(), &actor()));
        assert!(!ws.update_vendor(v, &actor()), "nothing changed");
        let last: Vec<_> = ws.log.iter().rev().take(2).collect();
        assert!(last.iter().any(|c| c.new == "baa_signed: 2026-03-01"));
        assert!(
            ws.log.iter().all(|c| !c.new.contains("secret")),
            "notes stay out of the log"
        );
    }
}

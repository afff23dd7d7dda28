//! The ePHI inventory's edits, as `impl Workspace`: assets and flows added, changed,
//! deleted and restored, each logged; ids never reused.

use crate::domain::change::Field;
use crate::domain::inventory::{Asset, Flow};
use crate::domain::workspace::{Actor, Workspace};

/// The log's value of a text that may hold PHI: its length only.
fn chars(s: &str) -> String {
    format!("{} chars", s.chars().count())
}

impl Workspace {
    /// A free id `PREFIX-NN`: none of `in_use`, and none the log names (a deleted entry's
    /// id stays taken). One pass over the log and the list, whatever their size.
    pub(crate) fn free_id<'a>(
        &'a self,
        prefix: &str,
        in_use: impl Iterator<Item = &'a str>,
    ) -> String {
        let head = format!("{prefix}-");
        let taken: std::collections::HashSet<&str> = in_use
            .chain(self.log.iter().map(|c| c.id.as_str()))
            .filter(|id| id.starts_with(&head))
            .collect();
        (1..)
            .map(|n| format!("{prefix}-{n:02}"))
            .find(|id| !taken.contains(id.as_str()))
            .unwrap_or_default()
    }

    pub fn next_asset_id(&self) -> String {
        self.free_id("A", self.assets.iter().map(|a| a.id.as_str()))
    }

    pub fn next_flow_id(&self) -> String {
        self.free_id("F", self.flows.iter().map(|f| f.id.as_str()))
    }

    pub fn asset(&self, id: &str) -> Option<&Asset> {
        self.assets.iter().find(|a| a.id == id)
    }

    /// An asset's name, or the words as they are for an outside party.
    pub fn party_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.asset(id).map_or(id, |a| a.name.as_str())
    }

    /// Every asset's register entries, in register order, from one pass over the register
    /// (for listings of every asset: `risks_of_asset` per asset is a scan each).
    pub fn risks_by_asset(&self) -> std::collections::HashMap<&str, Vec<&str>> {
        let mut out: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
        for r in &self.risks {
            for a in &r.assets {
                let list = out.entry(a.as_str()).or_default();
                if list.last() != Some(&r.id.as_str()) {
                    list.push(&r.id);
                }
            }
        }
        out
    }

    /// The register entries that name an asset.
    pub fn risks_of_asset(&self, id: &str) -> Vec<&str> {
        self.risks
            .iter()
            .filter(|r| r.assets.iter().any(|a| a == id))
            .map(|r| r.id.as_str())
            .collect()
    }

    /// Adds an asset (its id assigned here) and logs it; returns the id.
    pub fn add_asset(&mut self, mut a: Asset, actor: &Actor) -> String {
        a.id = self.next_asset_id();
        a.name = crate::domain::text::name(&a.name);
        a.owner = crate::domain::text::name(&a.owner);
        let (id, name) = (a.id.clone(), a.name.clone());
        self.assets.push(a);
        self.record_change(actor, &id, Field::Asset, (String::new(), name));
        id
    }

    /// Replaces an asset, logging each field that changed; false when nothing did.
    pub fn update_asset(&mut self, mut a: Asset, actor: &Actor) -> bool {
        a.name = crate::domain::text::name(&a.name);
        a.owner = crate::domain::text::name(&a.owner);
        let Some(i) = self.assets.iter().position(|x| x.id == a.id) else {
            return false;
        };
        a.reverify = false;
        let old = self.assets[i].clone();
        if old == a {
            return false;
        }
        let records = |r: Option<u64>| r.map(|r| r.to_string()).unwrap_or_default();
        let fields = [
            ("name", old.name.clone(), a.name.clone()),
            ("kind", old.kind.word().into(), a.kind.word().into()),
            ("count", old.count.to_string(), a.count.to_string()),
            ("location", old.location.clone(), a.location.clone()),
            ("owner", old.owner.clone(), a.owner.clone()),
            ("ephi", old.ephi_text(), a.ephi_text()),
            ("records", records(old.records), records(a.records)),
            (
                "encrypted_at_rest",
                old.encrypted_at_rest.word().into(),
                a.encrypted_at_rest.word().into(),
            ),
            (
                "encrypted_in_transit",
                old.encrypted_in_transit.word().into(),
                a.encrypted_in_transit.word().into(),
            ),
            ("vendor", old.vendor.clone(), a.vendor.clone()),
            ("notes", chars(&old.notes), chars(&a.notes)),
            ("no_risk", chars(&old.no_risk), chars(&a.no_risk)),
        ];
        let id = a.id.clone();
        let verified = old.reverify && {
            let mut o = old.clone();
            o.reverify = false;
            o == a
        };
        self.assets[i] = a;
        if verified {
            self.record_change(
                actor,
                &id,
                Field::Verified,
                ("asset".into(), "asset".into()),
            );
        }
        let (notes, no_risk) = (
            old.notes != self.assets[i].notes,
            old.no_risk != self.assets[i].no_risk,
        );
        for (name, before, after) in fields {
            let changed =
                before != after || (name == "notes" && notes) || (name == "no_risk" && no_risk);
            if changed {
                self.record_change(
                    actor,
                    &id,
                    Field::Asset,
                    (format!("{name}: {before}"), format!("{name}: {after}")),
                );
            }
        }
        true
    }

    /// Removes an asset; returns where it was, what it was and the risks that named it (the
    /// id is taken out of them), for undo.
    pub fn delete_asset(&mut self, id: &str, actor: &Actor) -> Option<DeletedAsset> {
        let at = self.assets.iter().position(|a| a.id == id)?;
        let asset = self.assets.remove(at);
        let mut risks = Vec::new();
        for r in &mut self.risks {
            if let Some(j) = r.assets.iter().position(|a| a == id) {
                r.assets.remove(j);
                risks.push((r.id.clone(), j));
            }
        }
        self.record_change(
            actor,
            id,
            Field::Asset,
            (asset.name.clone(), "deleted".into()),
        );
        Some(DeletedAsset { at, asset, risks })
    }

    /// Puts a deleted asset back where it was, in the risks that named it too, and logs it.
    pub fn restore_asset(&mut self, d: DeletedAsset, actor: &Actor) {
        let (id, name) = (d.asset.id.clone(), d.asset.name.clone());
        self.assets.insert(d.at.min(self.assets.len()), d.asset);
        for (rid, j) in d.risks {
            if let Some(r) = self.risks.iter_mut().find(|r| r.id == rid)
                && !r.assets.contains(&id)
            {
                r.assets.insert(j.min(r.assets.len()), id.clone());
            }
        }
        self.record_change(
            actor,
            &id,
            Field::Asset,
            ("deleted".into(), format!("restored: {name}")),
        );
    }

    pub fn add_flow(&mut self, mut f: Flow, actor: &Actor) -> String {
        f.id = self.next_flow_id();
        let id = f.id.clone();
        let shown = format!("{} -> {}", f.from, f.to);
        self.flows.push(f);
        self.record_change(actor, &id, Field::Flow, (String::new(), shown));
        id
    }

    pub fn update_flow(&mut self, mut f: Flow, actor: &Actor) -> bool {
        let Some(i) = self.flows.iter().position(|x| x.id == f.id) else {
            return false;
        };
        f.reverify = false;
        let old = self.flows[i].clone();
        if old == f {
            return false;
        }
        let fields = [
            ("from", old.from.clone(), f.from.clone()),
            ("to", old.to.clone(), f.to.clone()),
            ("data", chars(&old.data), chars(&f.data)),
            (
                "channel",
                old.channel.word().into(),
                f.channel.word().into(),
            ),
            ("protection", old.protection.clone(), f.protection.clone()),
        ];
        let id = f.id.clone();
        let data = old.data != f.data;
        self.flows[i] = f;
        for (name, before, after) in fields {
            if before != after || (name == "data" && data) {
                self.record_change(
                    actor,
                    &id,
                    Field::Flow,
                    (format!("{name}: {before}"), format!("{name}: {after}")),
                );
            }
        }
        true
    }

    pub fn delete_flow(&mut self, id: &str, actor: &Actor) -> Option<(usize, Flow)> {
        let at = self.flows.iter().position(|f| f.id == id)?;
        let f = self.flows.remove(at);
        self.record_change(actor, id, Field::Flow, ("flow".into(), "deleted".into()));
        Some((at, f))
    }

    pub fn restore_flow(&mut self, at: usize, f: Flow, actor: &Actor) {
        let id = f.id.clone();
        self.flows.insert(at.min(self.flows.len()), f);
        self.record_change(
            actor,
            &id,
            Field::Flow,
            ("deleted".into(), "restored".into()),
        );
    }
}

/// A deleted asset with what undo needs: where it was and which risks named it where.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedAsset {
    pub at: usize,
    pub asset: Asset,
    pub risks: Vec<(String, usize)>,
}

#[cfg(test)]
#[path = "inventory_tests.rs"]
mod tests;

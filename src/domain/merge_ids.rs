//! What a merge does before and beside the field-by-field rule: teammates who each added a
//! risk or a vendor in their own clone got the same next id (`R-11`, `BA-06`); theirs is given
//! the next id free on every side, and everything of theirs that names it follows. Evidence
//! lists merge item by item, so two people who each added a file both keep theirs.
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::domain::conflict_check::Keyed;
use crate::domain::evidence::{EvidenceItem, board_id};
use crate::domain::workspace::Workspace;

/// Their entries that collide with ours are renumbered: an id that is new since the base
/// (not in the base's list nor its log) and that ours uses for something else — another
/// entry, or one ours added and deleted (its log names it). The fresh id is free in all
/// three lists and logs, so an id is never reused.
pub fn renumber(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Workspace {
    let mut t = theirs.clone();
    let mut taken = ids(base, ours, theirs);
    renumber_list(
        base,
        ours,
        &mut t,
        &mut taken,
        |w| &w.risks,
        "R",
        |w| &mut w.risks,
    );
    renumber_list(
        base,
        ours,
        &mut t,
        &mut taken,
        |w| &w.vendors,
        "BA",
        |w| &mut w.vendors,
    );
    renumber_list(
        base,
        ours,
        &mut t,
        &mut taken,
        |w| &w.assets,
        "A",
        |w| &mut w.assets,
    );
    renumber_list(
        base,
        ours,
        &mut t,
        &mut taken,
        |w| &w.flows,
        "F",
        |w| &mut w.flows,
    );
    renumber_list(
        base,
        ours,
        &mut t,
        &mut taken,
        |w| &w.projects,
        "P",
        |w| &mut w.projects,
    );
    t
}

/// Every id named anywhere a new id must not collide with.
fn ids(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in [base, ours, theirs] {
        out.extend(w.risks.iter().map(|r| r.id.clone()));
        out.extend(w.vendors.iter().map(|v| v.id.clone()));
        out.extend(w.assets.iter().map(|a| a.id.clone()));
        out.extend(w.flows.iter().map(|f| f.id.clone()));
        out.extend(w.projects.iter().map(|p| p.id.clone()));
        out.extend(w.log.iter().map(|c| c.id.clone()));
        out.extend(w.remediation.keys().cloned());
        out.extend(w.decisions.iter().map(|d| d.gap.clone()));
    }
    out
}

fn renumber_list<T: Keyed>(
    base: &Workspace,
    ours: &Workspace,
    t: &mut Workspace,
    taken: &mut BTreeSet<String>,
    list: impl Fn(&Workspace) -> &Vec<T>,
    prefix: &str,
    list_mut: impl Fn(&mut Workspace) -> &mut Vec<T>,
) {
    let named_in_log = |w: &Workspace, id: &str| w.log.iter().any(|c| c.id == id);
    for i in 0..list(t).len() {
        let entry = list(t)[i].clone();
        let id = entry.key().to_string();
        let in_base = list(base).iter().any(|b| b.key() == id) || named_in_log(base, &id);
        if in_base {
            continue;
        }
        let clash = match list(ours).iter().find(|o| o.key() == id) {
            Some(o) => *o != entry,
            None => named_in_log(ours, &id),
        };
        if !clash {
            continue;
        }
        let fresh = (1..)
            .map(|n| format!("{prefix}-{n:02}"))
            .find(|c| !taken.contains(c))
            .unwrap_or_default();
        taken.insert(fresh.clone());
        *list_mut(t)[i].key_mut() = fresh.clone();
        follow(t, &id, &fresh, T::FIELD);
    }
}

/// Renames `old` to `new` in every place of `t` that names an entry: remediation, the log,
/// decisions, conflicts (the recorded entry's own id too), and evidence board ids (`R-11/E1`).
fn follow(t: &mut Workspace, old: &str, new: &str, field: &str) {
    let rename = |id: &mut String| {
        if id == old {
            *id = new.to_string();
        } else if let Some(rest) = id.strip_prefix(old)
            && rest.starts_with("/E")
        {
            *id = format!("{new}{rest}");
        }
    };
    let keys: Vec<String> = t.remediation.keys().cloned().collect();
    for key in keys {
        let mut renamed = key.clone();
        rename(&mut renamed);
        if renamed != key
            && let Some(r) = t.remediation.remove(&key)
        {
            t.remediation.insert(renamed, r);
        }
    }
    for c in &mut t.log {
        rename(&mut c.id);
    }
    // What names an asset or a vendor: risks, flows, assets' business associates.
    for r in &mut t.risks {
        for a in &mut r.assets {
            rename(a);
        }
    }
    for f in &mut t.flows {
        rename(&mut f.from);
        rename(&mut f.to);
    }
    if field == "vendor" {
        for a in &mut t.assets {
            rename(&mut a.vendor);
        }
    }
    // A project's members name it on their remediation records.
    if field == "project" {
        for r in t.remediation.values_mut() {
            if let Some(p) = &mut r.project {
                rename(p);
            }
        }
        for c in &mut t.log {
            if c.field == crate::domain::change::Field::Project {
                rename(&mut c.old);
                rename(&mut c.new);
            }
        }
    }
    for d in &mut t.decisions {
        rename(&mut d.gap);
    }
    if let Some(g) = &mut t.view.place.gap {
        rename(g);
    }
    for c in &mut t.conflicts {
        let whole = c.id == old && c.field == field;
        rename(&mut c.id);
        if whole {
            for v in [&mut c.ours, &mut c.theirs, &mut c.base] {
                *v = renamed_record(v, field, new);
            }
        }
    }
}

/// A recorded whole entry (`Some((id: "R-11", ...))`) with its id changed; left as it was
/// when it is not one.
fn renamed_record(v: &str, field: &str, new: &str) -> String {
    fn go<T: Keyed>(v: &str, new: &str) -> Option<String> {
        let mut e: Option<T> = ron::from_str(v).ok()?;
        if let Some(e) = &mut e {
            *e.key_mut() = new.to_string();
        }
        ron::to_string(&e).ok()
    }
    let out = match field {
        "risk" => go::<crate::domain::workspace::RiskEntry>(v, new),
        "asset" => go::<crate::domain::inventory::Asset>(v, new),
        "flow" => go::<crate::domain::inventory::Flow>(v, new),
        "project" => go::<crate::domain::project::Project>(v, new),
        _ => go::<crate::domain::workspace::Vendor>(v, new),
    };
    out.unwrap_or_else(|| v.to_string())
}

/// Evidence gaps are named by place (`ADM-SM-01/E2`), and merging item by item moves items:
/// a side's remediation and decisions of an evidence gap are renamed to where its item sits
/// in `merged`, so they stay with the item. A side with nothing moved is borrowed as it is.
pub fn follow_evidence<'a>(side: &'a Workspace, merged: &Workspace) -> Cow<'a, Workspace> {
    let mut moves: BTreeMap<String, String> = BTreeMap::new();
    for held in side.evidence_items() {
        let (list, own) = (merged.evidence_of(held.owner), side.evidence_of(held.owner));
        let alike = |l: &[EvidenceItem]| {
            l.iter()
                .filter(|e| item_key(e) == item_key(held.item))
                .count()
        };
        if alike(list) != 1 || alike(own) != 1 {
            continue;
        }
        if let Some(j) = list.iter().position(|e| item_key(e) == item_key(held.item))
            && j != held.index
        {
            moves.insert(held.board_id(), board_id(held.owner, j));
        }
    }
    if moves.is_empty() {
        return Cow::Borrowed(side);
    }
    let mut out = side.clone();
    let rename = |id: &mut String| {
        if let Some(n) = moves.get(id.as_str()) {
            *id = n.clone();
        }
    };
    let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut out.remediation)
        .into_iter()
        .partition(|(k, _)| moves.contains_key(k));
    out.remediation = kept.into_iter().collect();
    for (k, r) in moved {
        out.remediation.insert(moves[&k].clone(), r);
    }
    for d in &mut out.decisions {
        rename(&mut d.gap);
    }
    if let Some(g) = &mut out.view.place.gap {
        rename(g);
    }
    Cow::Owned(out)
}

/// What identifies an evidence item across clones: what it is, not where it sits in the list.
fn item_key(e: &EvidenceItem) -> (&str, &str, &str, Option<chrono::NaiveDate>) {
    (&e.label, &e.file, &e.sha256, e.collected)
}

/// Merges two evidence lists item by item: items either side added are kept (ours first,
/// then theirs), an item either side removed is removed, an item changed on one side takes
/// the change. `None` when both sides changed one item differently (a real conflict).
pub fn evidence(
    base: &[EvidenceItem],
    ours: &[EvidenceItem],
    theirs: &[EvidenceItem],
) -> Option<Vec<EvidenceItem>> {
    let find = |list: &[EvidenceItem], e: &EvidenceItem| {
        list.iter().find(|x| item_key(x) == item_key(e)).cloned()
    };
    // Two items alike in one list cannot be told apart: the list then merges as a whole.
    let unique = |list: &[EvidenceItem]| {
        let set: BTreeSet<_> = list.iter().map(item_key).collect();
        set.len() == list.len()
    };
    if !(unique(base) && unique(ours) && unique(theirs)) {
        return None;
    }
    let mut keys: Vec<&EvidenceItem> = Vec::new();
    for e in ours.iter().chain(theirs).chain(base) {
        if !keys.iter().any(|k| item_key(k) == item_key(e)) {
            keys.push(e);
        }
    }
    let mut out = Vec::new();
    for k in keys {
        let (b, o, t) = (find(base, k), find(ours, k), find(theirs, k));
        let v = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            return None;
        };
        out.extend(v);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::follow;
    use crate::domain::catalog::Catalog;
    use crate::domain::evidence::EvidenceItem;
    use crate::domain::merge::merge;
    use crate::domain::merge::tests::at;
    use crate::domain::workspace::{RemediationField, RiskEntry, Vendor, Workspace};
    use chrono::NaiveDate;

    fn base() -> Workspace {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut ws = Workspace::new("Acme", "Ana", Catalog::builtin(), day);
        ws.add_risk(risk("Laptops"), &at(8));
        ws.add_vendor(vendor("Shredding Co"), &at(8));
        ws
    }

    fn risk(title: &str) -> RiskEntry {
        RiskEntry {
            title: title.into(),
            ..RiskEntry::default()
        }
    }

    fn vendor(name: &str) -> Vendor {
        Vendor {
            name: name.into(),
            ..Vendor::default()
        }
    }

    fn item(label: &str) -> EvidenceItem {
        EvidenceItem {
            label: label.into(),
            collected: NaiveDate::from_ymd_opt(2026, 11, 30),
            ..EvidenceItem::default()
        }
    }

    #[test]
    fn risks_and_vendors_added_in_two_clones_both_survive_a_merge_with_their_references() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        // Ours also added and deleted an entry: its id is never given to theirs.
        assert_eq!(o.add_risk(risk("Backups"), &at(9)), "R-02");
        assert_eq!(o.add_risk(risk("Scratch"), &at(9)), "R-03");
        o.delete_risk("R-03", &at(9));
        assert_eq!(o.add_vendor(vendor("Cloud fax"), &at(9)), "BA-02");
        assert_eq!(t.add_risk(risk("Email"), &at(10)), "R-02");
        assert_eq!(t.add_risk(risk("Door"), &at(10)), "R-03");
        assert_eq!(t.add_vendor(vendor("Billing Inc"), &at(10)), "BA-02");
        t.set_remediation("R-02", RemediationField::Owner("Sam".into()), &at(11));
        t.set_remediation("BA-02", RemediationField::Owner("Kim".into()), &at(11));
        t.add_evidence("BA-02", item("Signed BAA"), &at(11));
        t.set_remediation("BA-02/E1", RemediationField::Owner("Lee".into()), &at(11));

        let m = merge(&b, &o, &t);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert!(m.problems().is_empty(), "{:?}", m.problems());
        let title = |id: &str| {
            m.risks
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.title.as_str())
        };
        assert_eq!(title("R-01"), Some("Laptops"));
        assert_eq!(title("R-02"), Some("Backups"));
        assert_eq!(title("R-03"), None, "a deleted id is not reused");
        assert_eq!(title("R-04"), Some("Email"));
        assert_eq!(title("R-05"), Some("Door"));
        assert_eq!(m.vendor("BA-02").unwrap().name, "Cloud fax");
        assert_eq!(m.vendor("BA-03").unwrap().name, "Billing Inc");
        assert_eq!(
            m.vendor("BA-03").unwrap().evidence,
            vec![item("Signed BAA")]
        );
        // What theirs said about their entries follows them.
        assert_eq!(m.remediation("R-04").owner, "Sam");
        assert_eq!(m.remediation("R-02").owner, "");
        assert_eq!(m.remediation("BA-03").owner, "Kim");
        assert_eq!(m.remediation("BA-03/E1").owner, "Lee");
        assert!(m.log.iter().any(|c| c.id == "R-04" && c.by == "p10"));
        assert!(!m.log.iter().any(|c| c.id == "R-02" && c.by == "p10"));
        // And the next entry added gets a fresh id.
        assert_eq!(m.next_risk_id(), "R-06");
        assert_eq!(m.next_vendor_id(), "BA-04");
    }

    #[test]
    fn evidence_added_on_both_sides_merges_item_by_item() {
        let mut b = base();
        b.add_evidence("ADM-SM-01", item("Policy"), &at(8));
        b.add_evidence("BA-01", item("Old BAA"), &at(8));
        let (mut o, mut t) = (b.clone(), b.clone());
        o.add_evidence("ADM-SM-01", item("Training roster"), &at(9));
        t.add_evidence("ADM-SM-01", item("Screenshot"), &at(10));
        // Evidence gaps are named by place: what each side said of its item follows the item.
        o.set_remediation(
            "ADM-SM-01/E2",
            RemediationField::Owner("Sam".into()),
            &at(9),
        );
        t.set_remediation(
            "ADM-SM-01/E2",
            RemediationField::Owner("Kim".into()),
            &at(10),
        );
        o.add_evidence("BA-01", item("Signed BAA"), &at(9));
        let mut v = t.vendor("BA-01").unwrap().clone();
        v.contact = "ops@shred.example".into();
        v.evidence.push(item("Insurance certificate"));
        v.evidence[0].expires = NaiveDate::from_ymd_opt(2027, 12, 1);
        t.update_vendor(v, &at(10));

        let m = merge(&b, &o, &t);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let labels = |list: &[EvidenceItem]| -> Vec<String> {
            list.iter().map(|e| e.label.clone()).collect()
        };
        assert_eq!(
            labels(m.evidence_of("ADM-SM-01")),
            ["Policy", "Training roster", "Screenshot"]
        );
        assert_eq!(m.remediation("ADM-SM-01/E2").owner, "Sam");
        assert_eq!(m.remediation("ADM-SM-01/E3").owner, "Kim");
        let shred = m.vendor("BA-01").unwrap();
        assert_eq!(
            labels(&shred.evidence),
            ["Old BAA", "Signed BAA", "Insurance certificate"]
        );
        assert_eq!(
            shred.evidence[0].expires,
            NaiveDate::from_ymd_opt(2027, 12, 1)
        );
        assert_eq!(shred.contact, "ops@shred.example");

        // One item changed differently on both sides is still a conflict, ours standing.
        let (mut o2, mut t2) = (b.clone(), b.clone());
        o2.answers.get_mut("ADM-SM-01").unwrap().evidence[0].expires =
            NaiveDate::from_ymd_opt(2027, 1, 1);
        t2.answers.get_mut("ADM-SM-01").unwrap().evidence[0].expires =
            NaiveDate::from_ymd_opt(2028, 1, 1);
        let m = merge(&b, &o2, &t2);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field, "evidence");
        assert_eq!(
            m.evidence_of("ADM-SM-01")[0].expires,
            NaiveDate::from_ymd_opt(2027, 1, 1)
        );
    }

    #[test]
    fn an_entry_only_theirs_added_keeps_its_id_and_one_both_added_alike_is_not_renumbered() {
        let b = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        // Only theirs adds R-02: nothing clashes, so it keeps its id.
        assert_eq!(t.add_risk(risk("Email"), &at(10)), "R-02");
        let m = merge(&b, &o, &t);
        let ids: Vec<&str> = m.risks.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R-01", "R-02"]);
        // Both add the very same entry: one entry, its id kept.
        let same = t.risks[1].clone();
        o.risks.push(same);
        let m = merge(&b, &o, &t);
        let ids: Vec<&str> = m.risks.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R-01", "R-02"], "{:?}", m.conflicts);
    }

    #[test]
    fn a_renamed_entry_renames_its_whole_record_conflicts_and_only_those() {
        use crate::domain::conflict::Conflict;
        let mut t = base();
        t.add_risk(risk("Email"), &at(10));
        let whole = |id: &str| {
            let e = t.risks.iter().find(|r| r.id == id).cloned();
            ron::to_string(&e).unwrap()
        };
        let record = |id: &str, field: &str, v: String| Conflict {
            id: id.into(),
            field: field.into(),
            ours: v.clone(),
            theirs: v.clone(),
            base: v,
        };
        t.conflicts = vec![
            record("R-02", "risk", whole("R-02")),
            record("R-02", "owner", ron::to_string("Ana").unwrap()),
            record("R-01", "risk", whole("R-01")),
        ];
        follow(&mut t, "R-02", "R-07", "risk");
        let id_in = |v: &str| {
            ron::from_str::<Option<RiskEntry>>(v)
                .unwrap()
                .map(|r| r.id)
                .unwrap_or_default()
        };
        // The renamed entry's whole-record conflict: its id and every recorded value.
        assert_eq!(t.conflicts[0].id, "R-07");
        for v in [
            &t.conflicts[0].ours,
            &t.conflicts[0].theirs,
            &t.conflicts[0].base,
        ] {
            assert_eq!(id_in(v), "R-07");
        }
        // Its other field's conflict: the id follows, the value is left as it was.
        assert_eq!(t.conflicts[1].id, "R-07");
        assert_eq!(t.conflicts[1].ours, ron::to_string("Ana").unwrap());
        // Another entry's whole-record conflict is untouched.
        assert_eq!(t.conflicts[2].id, "R-01");
        assert_eq!(id_in(&t.conflicts[2].ours), "R-01");
    }

    #[test]
    fn evidence_items_that_are_not_unique_on_both_sides_are_never_moved() {
        use super::follow_evidence;
        use std::borrow::Cow;
        let b = base();
        let (mut side, mut merged) = (b.clone(), b.clone());
        // The side holds the same item twice; the merged list holds it once, at another place.
        side.add_evidence("ADM-SM-01", item("Policy"), &at(9));
        side.add_evidence("ADM-SM-01", item("Policy"), &at(9));
        merged.add_evidence("ADM-SM-01", item("Roster"), &at(9));
        merged.add_evidence("ADM-SM-01", item("Policy"), &at(9));
        assert!(
            matches!(follow_evidence(&side, &merged), Cow::Borrowed(_)),
            "an item that is not one of a kind on both sides cannot be followed"
        );
        // One of a kind on both sides, at another place: it is followed.
        let mut single = b.clone();
        single.add_evidence("ADM-SM-01", item("Policy"), &at(9));
        assert!(matches!(follow_evidence(&single, &merged), Cow::Owned(_)));
    }

    #[test]
    fn an_evidence_list_holding_one_item_twice_merges_as_a_whole() {
        use super::evidence;
        let (a, c) = (item("Policy"), item("Roster"));
        let twice = vec![a.clone(), a.clone()];
        // Any side with two items alike: the lists cannot be merged item by item.
        for (b, o, t) in [
            (vec![a.clone()], twice.clone(), vec![a.clone()]),
            (vec![a.clone()], vec![a.clone()], twice.clone()),
            (twice.clone(), vec![a.clone()], vec![a.clone()]),
        ] {
            assert_eq!(evidence(&b, &o, &t), None);
        }
        // Every item one of a kind: item by item, the added one kept.
        let one = std::slice::from_ref(&a);
        let merged = evidence(one, &[a.clone(), c.clone()], one);
        assert_eq!(merged, Some(vec![a, c]));
    }
}

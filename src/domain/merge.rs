//! Three-way merge of workspaces by id, field by field: what changed on one side only is
//! taken; what both sides changed alike is taken once; what both changed differently keeps
//! our value and is recorded as a conflict inside the workspace, so the file stays valid and
//! loads. Change logs, decisions and meetings are united. Deterministic: the same inputs give
//! the same result, `merge(base, x, x) == x` and `merge(base, base, x) == x`.
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::Hash;

use serde::Serialize;

pub use crate::domain::conflict::Conflict;
use crate::domain::conflict_check::Keyed;
use crate::domain::merge_ids;
use crate::domain::workspace::{Answer, Engagement, Remediation, Vendor, Workspace};

/// Which side a resolution takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

struct Ctx {
    conflicts: Vec<Conflict>,
}

fn ron<T: Serialize>(v: &T) -> String {
    ron::to_string(v).unwrap_or_default()
}

impl Ctx {
    /// The three-way rule for one value.
    fn pick<T: PartialEq + Clone + Serialize>(
        &mut self,
        id: &str,
        field: &str,
        base: &T,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours == theirs || theirs == base {
            ours.clone()
        } else if ours == base {
            theirs.clone()
        } else {
            self.conflicts.push(Conflict {
                id: id.to_string(),
                field: field.to_string(),
                ours: ron(ours),
                theirs: ron(theirs),
                base: ron(base),
            });
            ours.clone()
        }
    }
}

/// Merges `ours` and `theirs`, both descended from `base`. The result keeps every conflict
/// the inputs already had, plus the new ones.
pub fn merge(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Workspace {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let mut cx = Ctx {
        conflicts: Vec::new(),
    };
    let theirs = &renumber_meetings(base, ours, &merge_ids::renumber(base, ours, theirs));
    let mut out = ours.clone();
    out.format_version = ours.format_version.max(theirs.format_version);
    if theirs.bank.version > ours.bank.version {
        out.bank = theirs.bank.clone();
    }
    out.engagement = engagement(
        &mut cx,
        &base.engagement,
        &ours.engagement,
        &theirs.engagement,
    );
    out.profile = cx.pick(
        "engagement",
        "profile",
        &base.profile,
        &ours.profile,
        &theirs.profile,
    );
    out.answers = by_id(
        &base.answers,
        &ours.answers,
        &theirs.answers,
        |id, b, o, t| answer(&mut cx, id, b, o, t),
    );
    out.risks = by_key(
        &mut cx,
        &base.risks,
        &ours.risks,
        &theirs.risks,
        |_, _, _| None,
    );
    out.vendors = by_key(
        &mut cx,
        &base.vendors,
        &ours.vendors,
        &theirs.vendors,
        vendor,
    );
    out.assets = by_key(
        &mut cx,
        &base.assets,
        &ours.assets,
        &theirs.assets,
        |_, _, _| None,
    );
    out.flows = by_key(
        &mut cx,
        &base.flows,
        &ours.flows,
        &theirs.flows,
        |_, _, _| None,
    );
    out.projects = by_key(
        &mut cx,
        &base.projects,
        &ours.projects,
        &theirs.projects,
        |_, _, _| None,
    );
    out.uid = cx.pick("engagement", "uid", &base.uid, &ours.uid, &theirs.uid);
    out.method = cx.pick(
        "engagement",
        "method",
        &base.method,
        &ours.method,
        &theirs.method,
    );
    // Evidence items may have moved: their gaps' remediation and decisions follow them.
    let (base, ours, theirs) = (
        &merge_ids::follow_evidence(base, &out),
        &merge_ids::follow_evidence(ours, &out),
        &merge_ids::follow_evidence(theirs, &out),
    );
    out.view = ours.view.clone();
    out.remediation = by_id(
        &base.remediation,
        &ours.remediation,
        &theirs.remediation,
        |id, b, o, t| remediation(&mut cx, id, b, o, t),
    );
    out.received = by_id(
        &base.received,
        &ours.received,
        &theirs.received,
        |id, b, o, t| cx.pick(id, "received", b, o, t),
    );
    out.log = united(&base.log, &ours.log, &theirs.log, |c| c.at);
    out.decisions = united(&base.decisions, &ours.decisions, &theirs.decisions, |d| {
        d.at
    });
    out.meetings = united(&base.meetings, &ours.meetings, &theirs.meetings, |m| {
        m.date.and_hms_opt(0, 0, 0).unwrap_or_default()
    });
    out.previous = cx.pick(
        "engagement",
        "previous",
        &base.previous,
        &ours.previous,
        &theirs.previous,
    );
    out.carried_into = cx.pick(
        "engagement",
        "carried_into",
        &base.carried_into,
        &ours.carried_into,
        &theirs.carried_into,
    );
    // The view is where each person was: ours stays.
    let mut conflicts = united(&base.conflicts, &ours.conflicts, &theirs.conflicts, |_| {
        chrono::NaiveDateTime::default()
    });
    // A merge that finds the divergence already recorded does not record it twice.
    for c in cx.conflicts {
        if !conflicts.contains(&c) {
            conflicts.push(c);
        }
    }
    out.conflicts = conflicts;
    out
}

/// Two people may each start "M-1" on their own copy: theirs, when it is another meeting,
/// gets the next free id (its decisions follow), so both meetings are kept.
fn renumber_meetings(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Workspace {
    let mut t = theirs.clone();
    let taken = |id: &str, t: &Workspace| {
        [base, ours, t]
            .iter()
            .any(|w| w.meetings.iter().any(|m| m.id == id))
    };
    for i in 0..t.meetings.len() {
        let m = t.meetings[i].clone();
        let clash = ours.meetings.iter().any(|o| o.id == m.id && *o != m);
        if !clash {
            continue;
        }
        let fresh = (1..)
            .map(|n| format!("M-{n}"))
            .find(|id| !taken(id, &t))
            .unwrap_or_default();
        for d in t
            .decisions
            .iter_mut()
            .filter(|d| d.meeting.as_deref() == Some(&m.id))
        {
            d.meeting = Some(fresh.clone());
        }
        t.meetings[i].id = fresh;
    }
    t
}

fn engagement(cx: &mut Ctx, b: &Engagement, o: &Engagement, t: &Engagement) -> Engagement {
    let id = "engagement";
    Engagement {
        client: cx.pick(id, "client", &b.client, &o.client, &t.client),
        site: cx.pick(id, "site", &b.site, &o.site, &t.site),
        assessor: cx.pick(id, "assessor", &b.assessor, &o.assessor, &t.assessor),
        firm: cx.pick(id, "firm", &b.firm, &o.firm, &t.firm),
        interviewed: cx.pick(
            id,
            "interviewed",
            &b.interviewed,
            &o.interviewed,
            &t.interviewed,
        ),
        scope: cx.pick(id, "scope", &b.scope, &o.scope, &t.scope),
        started: cx.pick(id, "started", &b.started, &o.started, &t.started),
        ended: cx.pick(id, "ended", &b.ended, &o.ended, &t.ended),
        assessor_role: cx.pick(
            id,
            "assessor_role",
            &b.assessor_role,
            &o.assessor_role,
            &t.assessor_role,
        ),
        credentials: cx.pick(
            id,
            "credentials",
            &b.credentials,
            &o.credentials,
            &t.credentials,
        ),
        doc_version: cx.pick(
            id,
            "doc_version",
            &b.doc_version,
            &o.doc_version,
            &t.doc_version,
        ),
        issues: cx.pick(id, "issues", &b.issues, &o.issues, &t.issues),
        distribution: cx.pick(
            id,
            "distribution",
            &b.distribution,
            &o.distribution,
            &t.distribution,
        ),
    }
}

/// A map keyed by id, merged entry by entry (an absent entry is the default one). Entries
/// that end up empty are left out, as the workspace's own edits leave them out.
fn by_id<V: Clone + Default + PartialEq>(
    base: &BTreeMap<String, V>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    mut each: impl FnMut(&str, &V, &V, &V) -> V,
) -> BTreeMap<String, V> {
    let empty = V::default();
    let ids: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut out = BTreeMap::new();
    for id in ids {
        let get = |m: &BTreeMap<String, V>| m.get(id).unwrap_or(&empty).clone();
        let (b, o, t) = (get(base), get(ours), get(theirs));
        let v = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            each(id, &b, &o, &t)
        };
        // Keep an entry only where a side had it and it is not empty.
        if v != empty || (ours.contains_key(id) && theirs.contains_key(id) && v == empty) {
            out.insert(id.clone(), v);
        }
    }
    out
}

fn answer(cx: &mut Ctx, id: &str, b: &Answer, o: &Answer, t: &Answer) -> Answer {
    // The answer travels with who gave it and when.
    let who = |a: &Answer| (a.status, a.by.clone(), a.at);
    let (status, by, at) = if o.status == t.status {
        // The same answer given on both sides: the later record of it.
        if t.at > o.at { who(t) } else { who(o) }
    } else {
        let s = cx.pick(id, "answer", &b.status, &o.status, &t.status);
        if s == t.status && s != o.status {
            who(t)
        } else {
            who(o)
        }
    };
    Answer {
        status,
        by,
        at,
        note: cx.pick(id, "note", &b.note, &o.note, &t.note),
        evidence: merge_ids::evidence(&b.evidence, &o.evidence, &t.evidence)
            .unwrap_or_else(|| cx.pick(id, "evidence", &b.evidence, &o.evidence, &t.evidence)),
        reason: cx.pick(id, "reason", &b.reason, &o.reason, &t.reason),
        previous: cx.pick(id, "previous", &b.previous, &o.previous, &t.previous),
        earlier_note: cx.pick(
            id,
            "earlier_note",
            &b.earlier_note,
            &o.earlier_note,
            &t.earlier_note,
        ),
        // Re-verified on either side is re-verified.
        reverify: o.reverify && t.reverify,
    }
}

/// A vendor both sides changed: its evidence merges item by item, and the rest of it must
/// then have changed on one side only.
fn vendor(b: &Vendor, o: &Vendor, t: &Vendor) -> Option<Vendor> {
    let evidence = merge_ids::evidence(&b.evidence, &o.evidence, &t.evidence)?;
    let bare = |v: &Vendor| Vendor {
        evidence: Vec::new(),
        ..v.clone()
    };
    let (b, o, t) = (bare(b), bare(o), bare(t));
    let rest = if o == t || t == b {
        o
    } else if o == b {
        t
    } else {
        return None;
    };
    Some(Vendor { evidence, ..rest })
}

fn remediation(
    cx: &mut Ctx,
    id: &str,
    b: &Remediation,
    o: &Remediation,
    t: &Remediation,
) -> Remediation {
    Remediation {
        owner: cx.pick(id, "owner", &b.owner, &o.owner, &t.owner),
        due: cx.pick(id, "due", &b.due, &o.due, &t.due),
        status: cx.pick(id, "status", &b.status, &o.status, &t.status),
        plan: cx.pick(id, "plan", &b.plan, &o.plan, &t.plan),
        likelihood: cx.pick(
            id,
            "likelihood",
            &b.likelihood,
            &o.likelihood,
            &t.likelihood,
        ),
        impact: cx.pick(id, "impact", &b.impact, &o.impact, &t.impact),
        acceptance: cx.pick(
            id,
            "acceptance",
            &b.acceptance,
            &o.acceptance,
            &t.acceptance,
        ),
        response: cx.pick(id, "response", &b.response, &o.response, &t.response),
        // Named apart from the project entries' own "project" records.
        project: cx.pick(id, "in_project", &b.project, &o.project, &t.project),
    }
}

/// Entries by id, each as a whole; ours first in our order, then theirs' new ones. When both
/// sides changed an entry, `fuse` may still merge it (a vendor's evidence, item by item).
fn by_key<T: Keyed>(
    cx: &mut Ctx,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    fuse: impl Fn(&T, &T, &T) -> Option<T>,
) -> Vec<T> {
    let find = |list: &[T], id: &str| list.iter().find(|r| r.key() == id).cloned();
    let mut order: Vec<&str> = ours.iter().map(|r| r.key()).collect();
    for r in theirs.iter().chain(base) {
        if !order.contains(&r.key()) {
            order.push(r.key());
        }
    }
    let mut out = Vec::new();
    for id in order {
        let (b, o, t) = (find(base, id), find(ours, id), find(theirs, id));
        if let (Some(b), Some(o), Some(t)) = (&b, &o, &t)
            && o != t
            && o != b
            && t != b
            && let Some(r) = fuse(b, o, t)
        {
            out.push(r);
            continue;
        }
        if let Some(r) = cx.pick(id, T::FIELD, &b, &o, &t) {
            out.push(r);
        }
    }
    out
}

/// A list where both sides only add (the change log, decisions, meetings): everything either
/// side has, once, in time order (stable, so equal times keep ours first). An entry one side
/// removed since the base stays removed.
fn united<T: Clone + Eq + Hash, K: Ord>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    if ours == theirs || theirs == base {
        return ours.to_vec();
    }
    if ours == base {
        return theirs.to_vec();
    }
    let b: HashSet<&T> = base.iter().collect();
    let o: HashSet<&T> = ours.iter().collect();
    let t: HashSet<&T> = theirs.iter().collect();
    // Ours, less what they removed since the base; then what is new on their side.
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| !b.contains(x) || t.contains(x))
        .cloned()
        .collect();
    let mut added = HashSet::new();
    for x in theirs {
        if !o.contains(x) && !b.contains(x) && added.insert(x) {
            out.push(x.clone());
        }
    }
    out.sort_by_key(|x| key(x));
    out
}

/// Settles one recorded conflict: ours keeps the value in place, theirs writes theirs into
/// the field. Theirs is tried on a copy first: when the recorded value cannot be read or
/// would leave a workspace its own checks refuse (one that could no longer be saved), the
/// workspace is left as it was, conflict included, and the error says why.
pub fn resolve(ws: &mut Workspace, index: usize, side: Side) -> Result<(), String> {
    let Some(c) = ws.conflicts.get(index).cloned() else {
        return Err("no such conflict".into());
    };
    let mut copy = ws.clone();
    if side == Side::Theirs {
        crate::domain::conflict_check::apply(&mut copy, &c.id, &c.field, &c.theirs)?;
    }
    copy.conflicts.remove(index);
    // Only what this resolution breaks counts: other bad records must not block it.
    let already = ws.problems();
    if let Some(p) = copy.problems().into_iter().find(|p| !already.contains(p)) {
        return Err(format!(
            "that would leave a workspace that cannot be saved ({}); nothing was changed",
            p.message
        ));
    }
    *ws = copy;
    Ok(())
}

/// How a recorded conflict was settled, for the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    Kept(Side),
    /// A new text written from both values.
    Written,
}

/// Settles conflict `index` as `how` and logs it: the field, both values (shortened) and
/// which was kept, so the audit trail says what the merge left and who decided it.
pub fn settle(
    ws: &mut Workspace,
    index: usize,
    how: Settled,
    actor: &crate::domain::workspace::Actor,
) -> Result<(), String> {
    let Some(c) = ws.conflicts.get(index).cloned() else {
        return Err("no such conflict".into());
    };
    let side = match how {
        Settled::Kept(side) => side,
        // The written text replaces ours through its own logged edit.
        Settled::Written => Side::Ours,
    };
    resolve(ws, index, side)?;
    let short = |v: &str| crate::domain::text::truncate_clean(v, 60);
    let what = match how {
        Settled::Kept(Side::Ours) => "kept ours",
        Settled::Kept(Side::Theirs) => "took theirs",
        Settled::Written => "wrote a new text from both",
    };
    ws.record_change(
        actor,
        &c.id,
        crate::domain::change::Field::Conflict,
        (
            format!(
                "{}: ours {} · theirs {}",
                c.field,
                short(&c.ours),
                short(&c.theirs)
            ),
            what.to_string(),
        ),
    );
    Ok(())
}

#[cfg(test)]
#[path = "merge_tests.rs"]
pub(super) mod tests;

//! The load-time checks every reader shares: what a well-formed file can still get wrong.

use chrono::NaiveDate;

use crate::domain::workspace::Workspace;

/// The longest note, plan or other text a workspace may hold (bytes). Longer text is
/// refused on load with this limit named: a note is a page or a few, not a file dump.
pub const MAX_TEXT: usize = 1 << 20;

// A recorded conflict may hold a whole register entry of several such texts.
const _: () = assert!(crate::domain::conflict_check::MAX_RECORD >= 8 * MAX_TEXT);

/// One thing wrong with a loaded workspace: what, and a piece of its text to find the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub near: String,
    pub message: String,
}

impl Workspace {
    /// Everything a well-formed file can still get wrong: empty client, ratings outside
    /// 1-5, a risk id used twice, dates outside 1900-9999, texts over `MAX_TEXT`, a merge
    /// conflict record that taking would break (see `conflict`). Every
    /// reader (the app, `check`, `export`, `gaps`, `log`) refuses a file with any of these.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut p = |near: &str, message: String| {
            out.push(Problem {
                near: near.to_string(),
                message,
            })
        };
        if self.engagement.client.trim().is_empty() {
            p("client:", "engagement.client is empty".into());
        }
        let date_ok = |d: Option<NaiveDate>| d.is_none_or(crate::domain::dates::date_in_range);
        let long = |t: &str| t.len() > MAX_TEXT;
        let limit = format!("{} KiB", MAX_TEXT / 1024);
        if !date_ok(self.engagement.started) {
            p(
                "started:",
                "engagement.started must be a year from 1900 to 9999".into(),
            );
        }
        if !date_ok(self.engagement.ended) {
            p(
                "ended:",
                "engagement.ended must be a year from 1900 to 9999".into(),
            );
        }
        for (id, a) in &self.answers {
            let near = || format!("\"{id}\"");
            if long(&a.note) || long(&a.reason) {
                p(
                    &near(),
                    format!("answer {id}: the note is longer than the {limit} limit"),
                );
            }
            if !date_ok(a.at.map(|t| t.date()))
                || a.evidence
                    .iter()
                    .any(|e| !date_ok(e.collected) || !date_ok(e.expires))
            {
                p(
                    &near(),
                    format!("answer {id}: dates must be years 1900 to 9999"),
                );
            }
        }
        for (id, r) in &self.remediation {
            let near = || format!("\"{id}\"");
            if !date_ok(r.due) {
                p(
                    &near(),
                    format!("remediation {id}: the due date must be a year from 1900 to 9999"),
                );
            }
            if long(&r.plan) || long(&r.owner) {
                p(
                    &near(),
                    format!("remediation {id}: the plan is longer than the {limit} limit"),
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for r in &self.risks {
            let near = || format!("\"{}\"", r.id);
            if !seen.insert(&r.id) {
                p(&near(), format!("risk {}: the id is used twice", r.id));
            }
            if [
                &r.title,
                &r.threat,
                &r.vulnerability,
                &r.controls,
                &r.rationale,
                &r.likelihood_why,
                &r.impact_why,
            ]
            .iter()
            .any(|t| long(t))
            {
                p(
                    &near(),
                    format!("risk {}: a text is longer than the {limit} limit", r.id),
                );
            }
        }
        let mut vendor_ids = std::collections::BTreeSet::new();
        for v in &self.vendors {
            let near = || format!("\"{}\"", v.id);
            if !vendor_ids.insert(&v.id) {
                p(&near(), format!("vendor {}: the id is used twice", v.id));
            }
            if v.name.trim().is_empty() {
                p(&near(), format!("vendor {}: the name is empty", v.id));
            }
            if !date_ok(v.baa_signed)
                || !date_ok(v.baa_expires)
                || v.evidence
                    .iter()
                    .any(|e| !date_ok(e.collected) || !date_ok(e.expires))
            {
                p(
                    &near(),
                    format!("vendor {}: dates must be years 1900 to 9999", v.id),
                );
            }
            if [&v.name, &v.service, &v.contact, &v.notes]
                .iter()
                .any(|t| long(t))
            {
                p(
                    &near(),
                    format!("vendor {}: a text is longer than the {limit} limit", v.id),
                );
            }
        }
        let mut asset_ids = std::collections::BTreeSet::new();
        for a in &self.assets {
            let near = || format!("\"{}\"", a.id);
            if !asset_ids.insert(&a.id) {
                p(&near(), format!("asset {}: the id is used twice", a.id));
            }
            if a.name.trim().is_empty() {
                p(&near(), format!("asset {}: the name is empty", a.id));
            }
            if a.count == 0 {
                p(
                    &near(),
                    format!("asset {}: the count must be 1 or more", a.id),
                );
            }
            if [
                &a.name,
                &a.location,
                &a.owner,
                &a.vendor,
                &a.notes,
                &a.no_risk,
            ]
            .iter()
            .any(|t| long(t))
            {
                p(
                    &near(),
                    format!("asset {}: a text is longer than the {limit} limit", a.id),
                );
            }
        }
        let mut flow_ids = std::collections::BTreeSet::new();
        for f in &self.flows {
            let near = || format!("\"{}\"", f.id);
            if !flow_ids.insert(&f.id) {
                p(&near(), format!("flow {}: the id is used twice", f.id));
            }
            if [&f.from, &f.to, &f.data, &f.protection]
                .iter()
                .any(|t| long(t))
            {
                p(
                    &near(),
                    format!("flow {}: a text is longer than the {limit} limit", f.id),
                );
            }
        }
        let mut project_ids = std::collections::BTreeSet::new();
        for pr in &self.projects {
            let near = || format!("\"{}\"", pr.id);
            if !project_ids.insert(&pr.id) {
                p(&near(), format!("project {}: the id is used twice", pr.id));
            }
            if pr.name.trim().is_empty() {
                p(&near(), format!("project {}: the name is empty", pr.id));
            }
            if !date_ok(pr.due) {
                p(
                    &near(),
                    format!("project {}: the due date is out of range", pr.id),
                );
            }
            if [&pr.name, &pr.owner, &pr.plan].iter().any(|t| long(t)) {
                p(
                    &near(),
                    format!("project {}: a text is longer than the {limit} limit", pr.id),
                );
            }
        }
        let accepted = self
            .risks
            .iter()
            .filter_map(|r| r.acceptance.as_ref().map(|a| (&r.id, a)))
            .chain(
                self.remediation
                    .iter()
                    .filter_map(|(id, r)| r.acceptance.as_ref().map(|a| (id, a))),
            );
        for (id, a) in accepted {
            if !date_ok(a.date) || !date_ok(a.review_by) {
                p(
                    &format!("\"{id}\""),
                    format!("the acceptance of {id}: dates must be years 1900 to 9999"),
                );
            }
            if [&a.by, &a.role, &a.rationale].iter().any(|t| long(t)) {
                p(
                    &format!("\"{id}\""),
                    format!("the acceptance of {id}: a text is longer than the {limit} limit"),
                );
            }
        }
        for held in self.evidence_items() {
            let sha = &held.item.sha256;
            if !sha.is_empty() && (sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit())) {
                p(
                    sha,
                    format!(
                        "evidence of {}: the sha256 must be 64 hex digits",
                        held.owner
                    ),
                );
            }
        }
        if self
            .log
            .iter()
            .any(|c| !crate::domain::dates::date_in_range(c.at.date()))
        {
            p("log:", "the change log has dates outside 1900-9999".into());
        }
        let mut meeting_ids = std::collections::BTreeSet::new();
        for m in &self.meetings {
            let near = || format!("\"{}\"", m.id);
            if !meeting_ids.insert(&m.id) {
                p(&near(), format!("meeting {}: the id is used twice", m.id));
            }
            if !date_ok(Some(m.date)) {
                p(
                    &near(),
                    format!(
                        "meeting {}: the date must be a year from 1900 to 9999",
                        m.id
                    ),
                );
            }
        }
        for d in &self.decisions {
            if long(&d.text) || !date_ok(Some(d.at.date())) {
                p(
                    "decisions:",
                    format!(
                        "a decision on {} is too long or has a date outside 1900-9999",
                        d.gap
                    ),
                );
            }
        }
        // A conflict record is applied when someone takes "theirs": one that would leave the
        // workspace unsaveable then is refused now, while the file can still be fixed.
        for (_, message) in crate::domain::conflict_check::problems(self) {
            p("conflicts:", message);
        }
        out
    }
}

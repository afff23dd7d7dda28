//! What a file can name that is not there: a decision's meeting, a gap's project, a risk's
//! or a flow's asset, an answer without an id, evidence collected after today or expiring
//! before it was collected. None of these stops a file from loading (a merge or a hand edit
//! can leave one, and the rest of the work is sound), but each loses something quietly in the
//! report: `hipaudit check` names every one, so it is fixed before the report goes out.

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::text::clean_line;
use crate::domain::workspace::Workspace;

/// An inventory id as the app assigns them (`A-07`): a risk or flow naming one that is not in
/// the inventory points at nothing; other words name an outside party and are fine.
pub(crate) fn looks_like_asset_id(s: &str) -> bool {
    looks_like_id(s, "a-")
}

/// `A-07`, `a-07 `, `A-\x1b[31m07`: a reference that starts as the app's ids do (any case,
/// blanks around it) and has no space inside is meant as an id, not a party's name (found
/// by attack: "A-99 " and "a-99" passed as outside parties).
fn looks_like_id(s: &str, prefix: &str) -> bool {
    let t = s.trim();
    t.len() > prefix.len()
        && t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        && !t.contains(char::is_whitespace)
}

impl Workspace {
    /// Every loose end, one sentence each, in the file's order. A link to a question the
    /// engagement's profile leaves out of scope still points at something: the whole bank
    /// is what links are checked against.
    pub fn loose_ends(&self, today: NaiveDate) -> Vec<String> {
        let catalog = Catalog::builtin();
        let mut out = Vec::new();
        let meetings: std::collections::BTreeSet<&str> =
            self.meetings.iter().map(|m| m.id.as_str()).collect();
        let assets: std::collections::HashSet<&str> =
            self.assets.iter().map(|a| a.id.as_str()).collect();
        let projects: std::collections::HashSet<&str> =
            self.projects.iter().map(|p| p.id.as_str()).collect();
        for d in &self.decisions {
            if let Some(m) = &d.meeting
                && !meetings.contains(m.as_str())
            {
                out.push(format!(
                    "the entry on {} of {} names meeting {}, which this workspace does not have: no minutes show it",
                    clean_line(&d.gap),
                    d.at.date(),
                    clean_line(m)
                ));
            }
        }
        for (id, r) in &self.remediation {
            if let Some(p) = &r.project
                && !projects.contains(p.as_str())
            {
                out.push(format!(
                    "{} names project {}, which does not exist: the board shows it outside any project",
                    clean_line(id),
                    clean_line(p)
                ));
            }
        }
        for r in &self.risks {
            for a in r.assets.iter().filter(|a| looks_like_asset_id(a)) {
                if !assets.contains(a.as_str()) {
                    out.push(format!(
                        "risk {} names asset {}, which is not in the inventory",
                        clean_line(&r.id),
                        clean_line(a)
                    ));
                }
            }
            for q in &r.links {
                if catalog.get(q).is_none() && !self.answers.contains_key(q) {
                    out.push(format!(
                        "risk {} links question {}, which is neither in the bank nor answered",
                        clean_line(&r.id),
                        clean_line(q)
                    ));
                }
            }
        }
        for f in &self.flows {
            for end in [&f.from, &f.to] {
                if looks_like_asset_id(end) && !assets.contains(end.as_str()) {
                    out.push(format!(
                        "flow {} names asset {}, which is not in the inventory",
                        clean_line(&f.id),
                        clean_line(end)
                    ));
                }
            }
        }
        for a in &self.assets {
            let v = a.vendor.trim();
            let vendor_id = looks_like_id(v, "ba-");
            if vendor_id && self.vendor(v).is_none() {
                out.push(format!(
                    "asset {} names vendor {}, which is not in the register",
                    clean_line(&a.id),
                    clean_line(v)
                ));
            }
        }
        if self
            .answers
            .keys()
            .any(|k| crate::domain::text::name(k).is_empty())
        {
            out.push("an answer has an empty id: no question shows it".into());
        }
        let evidence = self
            .answers
            .iter()
            .flat_map(|(id, a)| a.evidence.iter().map(move |e| (id.as_str(), e)))
            .chain(
                self.vendors
                    .iter()
                    .flat_map(|v| v.evidence.iter().map(move |e| (v.id.as_str(), e))),
            );
        for (id, e) in evidence {
            let label = clean_line(&e.label);
            if let Some(c) = e.collected
                && c > today
            {
                out.push(format!(
                    "evidence '{label}' of {} was collected {c}, after today ({today})",
                    clean_line(id)
                ));
            }
            if let (Some(c), Some(x)) = (e.collected, e.expires)
                && x < c
            {
                out.push(format!(
                    "evidence '{label}' of {} expires {x}, before it was collected ({c})",
                    clean_line(id)
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_no_loose_end_and_each_kind_is_named() {
        let c = Catalog::builtin();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let demo = crate::io::demo::build(c);
        assert_eq!(demo.loose_ends(today), Vec::<String>::new());
        let mut ws = demo.clone();
        ws.decisions
            .iter_mut()
            .find(|d| d.meeting.is_some())
            .unwrap()
            .meeting = Some("M-9".into());
        ws.remediation.values_mut().next().unwrap().project = Some("P-77".into());
        ws.risks[0].assets.push("A-99".into());
        ws.risks[0].assets.push("Reference lab".into());
        ws.flows[0].to = "A-98".into();
        let mut a = ws.answers.values().next().unwrap().clone();
        a.evidence = vec![crate::domain::evidence::EvidenceItem {
            label: "BAA".into(),
            collected: NaiveDate::from_ymd_opt(2099, 1, 12),
            expires: NaiveDate::from_ymd_opt(2098, 1, 1),
            ..Default::default()
        }];
        ws.answers.insert(String::new(), a);
        let said = ws.loose_ends(today).join("\n");
        for expect in [
            "meeting M-9",
            "project P-77",
            "asset A-99",
            "asset A-98",
            "empty id",
            "after today",
            "before it was collected",
        ] {
            assert!(said.contains(expect), "{expect}:\n{said}");
        }
        assert!(!said.contains("Reference lab"), "an outside party is fine");
        // Spellings meant as ids are ids too; a name of several words is a party.
        let mut ws = demo.clone();
        ws.risks[0].assets.push("a-97 ".into());
        ws.flows[0].from = "A-96\u{1b}[31m".into();
        ws.flows[0].to = "Añ lab".into();
        ws.answers.insert("\u{200b}".into(), Default::default());
        let said = ws.loose_ends(today).join("\n");
        for expect in ["a-97", "A-96", "empty id"] {
            assert!(said.contains(expect), "{expect}:\n{said}");
        }
        assert!(!said.contains("Añ"), "{said}");
    }
}

#[cfg(test)]
#[path = "delete_restore_tests.rs"]
mod delete_restore_tests;

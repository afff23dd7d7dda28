//! A gap's remediation plan (owner, due date, status, plan, its own likelihood and impact):
//! reading it and changing it field by field, each change logged, as `impl Workspace`. The
//! record itself (`Remediation`) is part of the file format, in `workspace.rs`.

use chrono::NaiveDate;

use crate::domain::change::{Change, Field};
use crate::domain::rating::Rating;
use crate::domain::workspace::{Actor, Remediation, RemediationField, Workspace, chars};

impl Workspace {
    pub fn remediation(&self, id: &str) -> Remediation {
        self.remediation.get(id).cloned().unwrap_or_default()
    }

    /// Changes one remediation field; returns false when nothing changed.
    pub fn set_remediation(&mut self, id: &str, field: RemediationField, actor: &Actor) -> bool {
        let r = self.remediation.entry(id.to_string()).or_default();
        let show_date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let show_num = |n: Option<Rating>| n.map(|n| n.to_string()).unwrap_or_default();
        let (name, changed, values) = match field {
            RemediationField::Owner(v) => {
                let v = crate::domain::text::name(&v);
                let old = std::mem::replace(&mut r.owner, v.clone());
                (Field::Owner, old != v, (old, v))
            }
            RemediationField::Due(v) => {
                let old = std::mem::replace(&mut r.due, v);
                (Field::Due, old != v, (show_date(old), show_date(v)))
            }
            RemediationField::Status(v) => {
                let old = std::mem::replace(&mut r.status, v);
                (Field::Status, old != v, Change::status_values(old, v))
            }
            // Plans may hold PHI: the log keeps their length only.
            RemediationField::Plan(v) => {
                let old = std::mem::replace(&mut r.plan, v.clone());
                (Field::Plan, old != v, (chars(&old), chars(&v)))
            }
            RemediationField::Likelihood(v) => {
                let old = std::mem::replace(&mut r.likelihood, v);
                (Field::Likelihood, old != v, (show_num(old), show_num(v)))
            }
            RemediationField::Impact(v) => {
                let old = std::mem::replace(&mut r.impact, v);
                (Field::Impact, old != v, (show_num(old), show_num(v)))
            }
        };
        if r.is_empty() {
            self.remediation.remove(id);
        }
        if changed {
            self.record_change(actor, id, name, values);
        }
        changed
    }

    /// Owners already named in this workspace, sorted, for completion.
    pub fn owners(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .remediation
            .values()
            .map(|r| r.owner.clone())
            .filter(|o| !o.is_empty())
            .collect();
        v.sort_by_key(|o| o.to_lowercase());
        v.dedup();
        v
    }
}

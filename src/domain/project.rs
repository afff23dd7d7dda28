//! Remediation projects: the few pieces of work a practice actually runs ("Vendor
//! agreements", "Encrypt every device"), each grouping gaps. A project's owner and due date
//! apply to its gaps that have none of their own; its status follows from its gaps. The
//! membership is kept on each gap's remediation record (`Remediation.project`), so a gap is
//! in one project at most and stays in it when its answer changes. Edits are `impl
//! Workspace`, each logged.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::change::Field;
use crate::domain::gaps::{Gap, GapKind};
use crate::domain::workspace::{Actor, RemediationStatus, Workspace, chars};

pub use crate::domain::workspace::Project;

/// The kinds of board item that can be a project's member: those whose remediation record
/// is kept under their own id. Expiring evidence and yearly duties come and go by date.
pub fn can_join(kind: GapKind) -> bool {
    matches!(kind, GapKind::Question | GapKind::Risk | GapKind::Vendor)
}

/// A project's status from its members: done when every member is closed (and it has one),
/// in progress when some work is under way or done, else open.
pub fn status_of<'a>(members: impl IntoIterator<Item = &'a Gap>) -> RemediationStatus {
    let (mut n, mut closed, mut started) = (0, 0, false);
    for g in members {
        n += 1;
        if g.status.is_closed() {
            closed += 1;
        }
        started |= g.status != RemediationStatus::Open;
    }
    if n > 0 && closed == n {
        RemediationStatus::Done
    } else if started {
        RemediationStatus::InProgress
    } else {
        RemediationStatus::Open
    }
}

/// The board's rows for the projects: one per project, kind `project`, with the project's
/// owner, due date and plan, its status from its members among `gaps`, and the highest
/// rating of its members (so a sort by risk places it with them).
pub fn rows(ws: &Workspace, gaps: &[Gap]) -> Vec<Gap> {
    ws.projects
        .iter()
        .map(|p| {
            let members: Vec<&Gap> = gaps
                .iter()
                .filter(|g| g.project.as_deref() == Some(p.id.as_str()))
                .collect();
            let top = members.iter().max_by_key(|g| g.score());
            Gap {
                id: p.id.clone(),
                area: None,
                section: "Project".into(),
                title: p.name.clone(),
                answer: None,
                owner: p.owner.clone(),
                due: p.due,
                status: status_of(members.iter().copied()),
                plan: p.plan.clone(),
                likelihood: top.map_or(crate::domain::rating::Rating::LOW, |g| g.likelihood),
                impact: top.map_or(crate::domain::rating::Rating::LOW, |g| g.impact),
                retired: false,
                reverify: false,
                kind: GapKind::Project,
                closed_on: None,
                default_rating: true,
                project: None,
            }
        })
        .collect()
}

/// The board's items: every gap and, after them, a row for each project.
pub fn with_rows(ws: &Workspace, mut all: Vec<Gap>) -> Vec<Gap> {
    let projects = rows(ws, &all);
    all.extend(projects);
    all
}

/// Projects first (by the project's due date, undated last, then id), each project's gaps
/// together in the order they came, then the loose gaps in the order they came.
pub fn projects_first(ws: &Workspace, gaps: Vec<Gap>) -> Vec<Gap> {
    if ws.projects.is_empty() {
        return gaps;
    }
    let mut order: Vec<&Project> = ws.projects.iter().collect();
    order.sort_by(|a, b| (a.due.is_none(), a.due, &a.id).cmp(&(b.due.is_none(), b.due, &b.id)));
    let rank: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut keyed: Vec<(usize, Gap)> = gaps
        .into_iter()
        .map(|g| {
            let r = g
                .project
                .as_deref()
                .and_then(|p| rank.get(p))
                .copied()
                .unwrap_or(usize::MAX);
            (r, g)
        })
        .collect();
    keyed.sort_by_key(|(r, _)| *r);
    keyed.into_iter().map(|(_, g)| g).collect()
}

/// The board's sorted rows (indexes into `gaps`) walked projects first: each shown
/// project's row (by due date, undated last, then id) with its members under it in their
/// sorted order, then the loose rows as sorted; a closed project goes to the bottom, as
/// closed work does. Members of a project filtered out stay where their sort put them.
pub fn grouped(gaps: &[Gap], idx: Vec<usize>) -> Vec<usize> {
    let mut projects: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| gaps[i].kind == GapKind::Project)
        .collect();
    if projects.is_empty() {
        return idx;
    }
    projects.sort_by_key(|&i| {
        let p = &gaps[i];
        (p.status.is_closed(), p.due.is_none(), p.due, p.id.clone())
    });
    let shown: std::collections::BTreeSet<&str> =
        projects.iter().map(|&i| gaps[i].id.as_str()).collect();
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut loose = Vec::new();
    for &i in &idx {
        let g = &gaps[i];
        match g.project.as_deref().filter(|p| shown.contains(p)) {
            _ if g.kind == GapKind::Project => {}
            Some(p) => members.entry(p).or_default().push(i),
            None => loose.push(i),
        }
    }
    let mut out = Vec::with_capacity(idx.len());
    let mut group = |out: &mut Vec<usize>, i: usize| {
        out.push(i);
        out.extend(members.remove(gaps[i].id.as_str()).unwrap_or_default());
    };
    let closed_at = projects.partition_point(|&i| !gaps[i].status.is_closed());
    for &i in &projects[..closed_at] {
        group(&mut out, i);
    }
    out.extend(loose);
    for &i in &projects[closed_at..] {
        group(&mut out, i);
    }
    out
}

/// A deleted project with the gaps that were its members, for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedProject {
    pub at: usize,
    pub project: Project,
    pub members: Vec<String>,
}

impl Workspace {
    pub fn next_project_id(&self) -> String {
        self.free_id("P", self.projects.iter().map(|p| p.id.as_str()))
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The ids of a project's members, in id order.
    pub fn project_members(&self, id: &str) -> Vec<&str> {
        self.remediation
            .iter()
            .filter(|(_, r)| r.project.as_deref() == Some(id))
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// Adds a project (its id assigned here) and logs it; returns the id.
    pub fn add_project(&mut self, mut p: Project, actor: &Actor) -> String {
        p.id = self.next_project_id();
        p.name = crate::domain::text::name(&p.name);
        p.owner = crate::domain::text::name(&p.owner);
        let (id, name) = (p.id.clone(), p.name.clone());
        self.projects.push(p);
        self.record_change(actor, &id, Field::Project, (String::new(), name));
        id
    }

    /// Replaces a project's name, owner, due date and plan, logging each field that
    /// changed; false when nothing did.
    pub fn update_project(&mut self, mut p: Project, actor: &Actor) -> bool {
        p.name = crate::domain::text::name(&p.name);
        p.owner = crate::domain::text::name(&p.owner);
        let Some(i) = self.projects.iter().position(|x| x.id == p.id) else {
            return false;
        };
        let old = std::mem::replace(&mut self.projects[i], p.clone());
        if old == p {
            return false;
        }
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let fields = [
            ("name", old.name.clone(), p.name.clone(), old.name != p.name),
            (
                "owner",
                old.owner.clone(),
                p.owner.clone(),
                old.owner != p.owner,
            ),
            ("due", date(old.due), date(p.due), old.due != p.due),
            // Plans may hold PHI: the log keeps their length only.
            ("plan", chars(&old.plan), chars(&p.plan), old.plan != p.plan),
        ];
        for (name, before, after, changed) in fields {
            if changed {
                self.record_change(
                    actor,
                    &p.id,
                    Field::Project,
                    (format!("{name}: {before}"), format!("{name}: {after}")),
                );
            }
        }
        true
    }

    /// Puts a gap in a project (`Some`) or takes it out (`None`), logged on the gap; false
    /// when nothing changed or the project does not exist.
    pub fn set_project(&mut self, gap: &str, project: Option<&str>, actor: &Actor) -> bool {
        if project.is_some_and(|p| self.project(p).is_none()) {
            return false;
        }
        let r = self.remediation.entry(gap.to_string()).or_default();
        let new = project.map(str::to_string);
        let old = std::mem::replace(&mut r.project, new.clone());
        if r.is_empty() {
            self.remediation.remove(gap);
        }
        if old == new {
            return false;
        }
        self.record_change(
            actor,
            gap,
            Field::Project,
            (old.unwrap_or_default(), new.unwrap_or_default()),
        );
        true
    }

    /// Removes a project; its members lose the membership and nothing else. Returns what
    /// undo needs.
    pub fn delete_project(&mut self, id: &str, actor: &Actor) -> Option<DeletedProject> {
        let at = self.projects.iter().position(|p| p.id == id)?;
        let members: Vec<String> = self
            .project_members(id)
            .into_iter()
            .map(str::to_string)
            .collect();
        for m in &members {
            self.set_project(m, None, actor);
        }
        let project = self.projects.remove(at);
        self.record_change(
            actor,
            id,
            Field::Project,
            (project.name.clone(), "deleted".into()),
        );
        Some(DeletedProject {
            at,
            project,
            members,
        })
    }

    /// Puts a deleted project back, with its members, and logs it.
    pub fn restore_project(&mut self, d: DeletedProject, actor: &Actor) {
        let (id, name) = (d.project.id.clone(), d.project.name.clone());
        self.projects
            .insert(d.at.min(self.projects.len()), d.project);
        self.record_change(
            actor,
            &id,
            Field::Project,
            ("deleted".into(), format!("restored: {name}")),
        );
        for m in &d.members {
            self.set_project(m, Some(&id), actor);
        }
    }
}

#[cfg(test)]
#[path = "project_tests.rs"]
mod tests;

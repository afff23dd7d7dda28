//! Appendix C, "Outside this assessment's scope, and why": the engagement profile, each
//! question of the bank it leaves out with the reason, and how many answers wait in the file.

use crate::domain::catalog::Catalog;
use crate::domain::workspace::Workspace;
use crate::exchange::doc_model::{Doc, ID, TEXT, t};
use crate::inl;

pub(crate) const TITLE: &str = "Appendix C: Outside this assessment's scope, and why";

/// The appendix; nothing when no profile was set (every question of the bank was in scope,
/// as the scope section says).
pub fn out_of_scope(d: &mut Doc, catalog: &Catalog, ws: &Workspace) {
    let Some(p) = &ws.profile else {
        return;
    };
    d.section(TITLE);
    d.p(inl!["The engagement profile: ", t(p.describe()), "."]);
    if catalog.out_of_scope.is_empty() {
        d.p("Every question of the bank applies to an organisation with this profile.");
        return;
    }
    let kept = ws.set_aside_ids(catalog).count();
    d.p(format!(
        "{} of the bank cannot apply to an organisation with this profile and were not assessed. {}",
        crate::domain::text::count(catalog.out_of_scope.len(), "question", "questions"),
        match kept {
            0 => "None of them had been answered.".to_string(),
            n => format!(
                "{} given to them earlier {} kept in the workspace, not reported here, and come back if the profile changes.",
                crate::domain::text::count(n, "answer", "answers"),
                if n == 1 { "is" } else { "are" }
            ),
        }
    ));
    d.table(&[
        ("Id", ID),
        ("Question", TEXT),
        ("Why it is out of scope", TEXT),
    ]);
    for o in &catalog.out_of_scope {
        let why = o
            .reason
            .replacen("applies only when", "It applies only when", 1);
        d.row(crate::cells![
            o.id.as_str(),
            o.prompt.as_str(),
            format!("{why}.")
        ]);
    }
}

//! A comparison of two assessments as text: Markdown (for `diff --format md` and the report's
//! "Since the last assessment" section), a plain table, and JSON with the contract's keys.
use std::fmt::Write as _;

use serde_json::json;

use crate::domain::catalog::Catalog;
use crate::domain::compare::{AssetChange, Comparison};
use crate::exchange::doc_model::{Doc, Inline, NUM, TEXT, code, t};
use crate::inl;

fn pct(p: Option<usize>) -> String {
    p.map_or("—".into(), |p| format!("{p}%"))
}

fn titled(catalog: &Catalog, id: &str) -> Vec<Inline> {
    match catalog.get(id) {
        Some(q) => inl![code(id), format!(" {}", q.prompt)],
        None => inl![id],
    }
}

/// The notes carried from the last assessment, under their year, headed at `level`: kept as
/// written, apart from this assessment's observations (empty when there are none).
pub fn earlier_notes(
    d: &mut Doc,
    catalog: &Catalog,
    ws: &crate::domain::workspace::Workspace,
    o: &crate::exchange::options::Options,
    level: u8,
) {
    let notes: Vec<(&String, &crate::domain::lineage::EarlierNote)> = ws
        .answers
        .iter()
        .filter_map(|(id, a)| a.earlier_note.as_ref().map(|n| (id, n)))
        .collect();
    if notes.is_empty() {
        return;
    }
    d.heading(
        level,
        format!("Notes of the last assessment ({})", notes.len()),
    );
    d.p("As they were written then; this assessment's observations are the answers' notes.");
    for (id, n) in notes {
        let text = crate::exchange::options::private(&n.text, o);
        let mut line = titled(catalog, id);
        line.extend(inl![format!(" ({}): {}", n.year, text.replace('\n', " "))]);
        d.li(line);
    }
}

/// The comparison as Markdown, headed at `level` (`##` or `###`).
pub fn markdown(catalog: &Catalog, c: &Comparison, level: &str) -> String {
    let mut d = Doc::default();
    build(&mut d, catalog, c, level.len().clamp(1, 6) as u8);
    crate::exchange::doc_md::render(&d.into_report(String::new()))
}

/// The comparison into the report, its headings at `level`.
pub fn build(d: &mut Doc, catalog: &Catalog, c: &Comparison, level: u8) {
    d.table(&[
        ("Area", TEXT),
        ("Answered then", NUM),
        ("Answered now", NUM),
        ("Compliance then", NUM),
        ("Compliance now", NUM),
    ]);
    for a in &c.areas {
        d.row(crate::cells![
            a.area.to_string(),
            a.answered.0.to_string(),
            a.answered.1.to_string(),
            pct(a.compliance.0),
            pct(a.compliance.1)
        ]);
    }
    if c.is_empty() {
        d.p(format!(
            "No answer, gap, register risk or inventory asset changed ({} answers the same).",
            c.unchanged
        ));
    }
    let list = |d: &mut Doc, title: &str, ids: &[String]| {
        if ids.is_empty() {
            return;
        }
        d.heading(level, format!("{title} ({})", ids.len()));
        for id in ids {
            d.li(titled(catalog, id));
        }
    };
    list(d, "Improved", &c.improved);
    list(d, "Regressed", &c.regressed);
    list(d, "Otherwise changed", &c.changed);
    list(d, "Gaps closed since", &c.gaps_closed);
    list(d, "New gaps", &c.gaps_new);
    if !c.gaps_still_open.is_empty() {
        d.heading(
            level,
            format!("Gaps still open ({})", c.gaps_still_open.len()),
        );
        for g in &c.gaps_still_open {
            let mut line = titled(catalog, &g.id);
            if let Some(days) = g.age_days {
                line.push(t(format!(" — open {days} days")));
            }
            d.li(line);
        }
    }
    if !c.risks_moved.is_empty() {
        d.heading(level, "Register risks whose level moved");
        for r in &c.risks_moved {
            d.li(format!("{}: {} → {}", r.id, r.then, r.now));
        }
    }
    for (title, assets) in [
        ("Assets added to the inventory", &c.assets_added),
        ("Assets no longer in the inventory", &c.assets_removed),
    ] {
        if assets.is_empty() {
            continue;
        }
        d.heading(level, format!("{title} ({})", assets.len()));
        for a in assets {
            d.li(inl![code(&a.id), format!(" {}", a.name)]);
        }
    }
}

/// The comparison for people on a terminal.
pub fn table(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:>9} {:>9}   {:>10} {:>10}",
        "area", "answered", "now", "compliance", "now"
    );
    for a in &c.areas {
        let _ = writeln!(
            out,
            "{:<16} {:>9} {:>9}   {:>10} {:>10}",
            a.area,
            a.answered.0,
            a.answered.1,
            pct(a.compliance.0),
            pct(a.compliance.1)
        );
    }
    let line = |out: &mut String, title: &str, ids: Vec<String>| {
        let _ = writeln!(out, "{title} ({}): {}", ids.len(), ids.join(", "));
    };
    line(&mut out, "improved", c.improved.clone());
    line(&mut out, "regressed", c.regressed.clone());
    line(&mut out, "otherwise changed", c.changed.clone());
    let _ = writeln!(out, "unchanged answers: {}", c.unchanged);
    line(&mut out, "gaps closed", c.gaps_closed.clone());
    line(&mut out, "gaps new", c.gaps_new.clone());
    line(
        &mut out,
        "gaps still open",
        c.gaps_still_open
            .iter()
            .map(|g| match g.age_days {
                Some(d) => format!("{} ({d}d)", g.id),
                None => g.id.clone(),
            })
            .collect(),
    );
    line(
        &mut out,
        "risks whose level moved",
        c.risks_moved
            .iter()
            .map(|r| format!("{} {} → {}", r.id, r.then, r.now))
            .collect(),
    );
    let named = |assets: &[AssetChange]| {
        assets
            .iter()
            .map(|a| format!("{} {}", a.id, a.name))
            .collect()
    };
    line(&mut out, "assets added", named(&c.assets_added));
    line(&mut out, "assets removed", named(&c.assets_removed));
    out
}

/// The comparison as JSON, with the keys `shared/SPEC.md` fixes (and a few more).
pub fn json(c: &Comparison) -> serde_json::Value {
    json!({
        "areas": c.areas.iter().map(|a| json!({
            "area": a.area,
            "answered": [a.answered.0, a.answered.1],
            "compliance": [a.compliance.0, a.compliance.1],
        })).collect::<Vec<_>>(),
        "improved": c.improved,
        "regressed": c.regressed,
        "changed": c.changed,
        "unchanged": c.unchanged,
        "gaps_closed": c.gaps_closed,
        "gaps_new": c.gaps_new,
        "gaps_still_open": c.gaps_still_open.iter().map(|g| g.id.clone()).collect::<Vec<_>>(),
        "gaps_still_open_age_days": c.gaps_still_open.iter()
            .map(|g| (g.id.clone(), json!(g.age_days)))
            .collect::<serde_json::Map<_, _>>(),
        "risks_moved": c.risks_moved.iter().map(|r| json!({
            "id": r.id, "then": r.then, "now": r.now,
        })).collect::<Vec<_>>(),
        "assets_added": c.assets_added,
        "assets_removed": c.assets_removed,
    })
}

//! The ePHI inventory's drawing: the list of assets then flows, and the selected row's
//! detail under where the risk analysis stands.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::domain::analysis;
use crate::domain::inventory::{Asset, Flow};
use crate::domain::scoring::RiskLevel;
use crate::domain::text::truncate_clean as truncate;
use crate::tui::cx::View;
use crate::tui::doc::Doc;
use crate::tui::theme::{REDACTED, Theme};

/// One list row of an asset: its state in the analysis, id, name and count.
fn asset_line(a: &Asset, risks: usize, t: &Theme, w: usize) -> Line<'static> {
    let (mark, style) = if !a.holds_ephi() {
        ("  no ePHI ", t.dim())
    } else if risks > 0 {
        ("  rated   ", Style::default())
    } else if !a.no_risk.trim().is_empty() {
        ("  no risk ", Style::default())
    } else {
        ("✗ to rate ", t.warn())
    };
    let count = if a.count > 1 {
        format!(" ×{}", a.count)
    } else {
        String::new()
    };
    let mut spans = vec![
        Span::styled(mark, style),
        Span::raw(truncate(
            &format!("{} {}{count}", a.id, a.name),
            w.saturating_sub(10),
        )),
    ];
    if a.reverify {
        spans.push(Span::styled(" ↻", t.carried()));
    }
    Line::from(spans)
}

fn flow_line(f: &Flow, doc: &Doc, w: usize) -> Line<'static> {
    Line::from(truncate(
        &format!(
            "  {:<8}{} {} → {}",
            f.channel.word(),
            f.id,
            doc.ws.party_name(&f.from),
            doc.ws.party_name(&f.to)
        ),
        w,
    ))
}

/// A row of the inventory's list: an asset, or (after them) a flow.
pub enum Row<'a> {
    Asset(&'a Asset),
    Flow(&'a Flow),
}

/// The row at `row` (clamped to the list).
pub fn row_at(doc: &Doc, row: usize) -> Option<Row<'_>> {
    let n = doc.ws.assets.len();
    let row = row.min((n + doc.ws.flows.len()).saturating_sub(1));
    match doc.ws.assets.get(row) {
        Some(a) => Some(Row::Asset(a)),
        None => doc.ws.flows.get(row - n).map(Row::Flow),
    }
}

pub(crate) fn draw_inventory(
    f: &mut Frame,
    row: usize,
    vw: &View,
    list: Rect,
    right: Rect,
    border: Style,
) {
    let t = vw.theme;
    let doc = vw.doc;
    let w = usize::from(list.width.saturating_sub(2));
    let cached = doc.analysis();
    let counts = &cached.counts;
    let assets = doc.ws.assets.len();
    let n = assets + doc.ws.flows.len();
    let (rows, sel) = crate::tui::session::visible_rows(n, row, list.height);
    let items: Vec<ListItem> = rows
        .map(|i| match doc.ws.assets.get(i) {
            Some(a) => {
                let c = counts.get(a.id.as_str()).copied().unwrap_or(0);
                ListItem::new(asset_line(a, c, t, w))
            }
            None => ListItem::new(flow_line(&doc.ws.flows[i - assets], doc, w)),
        })
        .collect();
    let mut st = ListState::default().with_selected((n > 0).then_some(sel));
    let title = format!(
        " {}, {} · A asset · F flow · r risk ",
        crate::domain::text::count(doc.ws.assets.len(), "asset", "assets"),
        crate::domain::text::count(doc.ws.flows.len(), "flow", "flows")
    );
    f.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(title).border_style(border))
            .highlight_style(t.selected()),
        list,
        &mut st,
    );
    let mut lines = analysis_lines(doc, t);
    lines.push(Line::default());
    match row_at(doc, row) {
        Some(Row::Asset(a)) => lines.extend(asset_detail(a, vw)),
        Some(Row::Flow(x)) => lines.extend(flow_detail(x, vw)),
        None => lines.push(Line::from(
            "No assets yet. A adds one: every system, device, service or paper store that creates, receives, maintains or transmits ePHI (OCR's risk analysis guidance starts here). The CLI imports an RMM export: hipaudit inventory FILE --import devices.csv.",
        )),
    }
    let title = match row_at(doc, row) {
        Some(Row::Asset(a)) => format!(" {} ", a.id),
        Some(Row::Flow(x)) => format!(" {} ", x.id),
        None => " Inventory ".into(),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        right,
    );
}

/// Where the analysis stands, in two or three lines.
pub(crate) fn analysis_lines(doc: &Doc, t: &Theme) -> Vec<Line<'static>> {
    let cached = doc.analysis();
    let st = &cached.state;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if st.complete {
        let mut l = vec![Line::from(vec![
            Span::styled("Risk analysis: ", bold),
            Span::raw(format!(
                "complete ({} assets with ePHI, {} flows, {} risks rated)",
                st.ephi_assets, st.flows, st.risks
            )),
        ])];
        if !st.acceptances_due.is_empty() {
            l.push(Line::from(Span::styled(
                format!("Acceptances past review: {}", st.acceptances_due.join(", ")),
                t.warn(),
            )));
        }
        return l;
    }
    let mut l = vec![Line::from(vec![
        Span::styled("Risk analysis: ", bold),
        Span::styled("in progress", t.warn()),
    ])];
    for m in st.missing.iter().take(3) {
        l.push(Line::from(Span::styled(
            format!("· {}", truncate(m, 200)),
            t.dim(),
        )));
    }
    l
}

fn asset_detail(a: &Asset, vw: &View) -> Vec<Line<'static>> {
    let t = vw.theme;
    let doc = vw.doc;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let hide = |s: &str| {
        if vw.settings.redact && !s.is_empty() {
            REDACTED.to_string()
        } else {
            s.to_string()
        }
    };
    let mut lines = vec![Line::from(Span::styled(a.name.clone(), bold))];
    if a.reverify {
        lines.push(Line::from(Span::styled(
            "Carried from the last assessment: e and Enter confirm it",
            t.carried(),
        )));
    }
    let vendor = if a.vendor.is_empty() {
        String::new()
    } else {
        doc.ws
            .vendor(&a.vendor)
            .map_or(a.vendor.clone(), |v| format!("{} {}", v.id, v.name))
    };
    for (label, value) in [
        ("Kind", a.kind.label().to_string()),
        ("How many", a.count.to_string()),
        ("Location", a.location.clone()),
        ("Owner", a.owner.clone()),
        ("ePHI", a.ephi_text()),
        (
            "Records",
            a.records.map(|r| r.to_string()).unwrap_or_default(),
        ),
        (
            "Encrypted",
            format!(
                "at rest {}, in transit {}",
                a.encrypted_at_rest.word(),
                a.encrypted_in_transit.word()
            ),
        ),
        ("Business associate", vendor),
        ("Notes", hide(&a.notes)),
    ] {
        if !value.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), bold),
                Span::raw(value),
            ]));
        }
    }
    lines.push(Line::default());
    let risks: Vec<_> = doc
        .ws
        .risks
        .iter()
        .filter(|r| r.assets.contains(&a.id))
        .collect();
    if risks.is_empty() && a.holds_ephi() {
        if a.no_risk.trim().is_empty() {
            lines.push(Line::from(Span::styled(
                "No risk rated for it yet: r offers the library's threats for its kind; N records why none is significant.",
                t.warn(),
            )));
        } else {
            lines.push(Line::from(vec![
                Span::styled("No significant risk: ", bold),
                Span::raw(hide(&a.no_risk)),
            ]));
        }
    }
    if !risks.is_empty() {
        lines.push(Line::from(Span::styled("Risks (r adds one)", bold)));
    }
    for r in risks {
        let level = RiskLevel::of(r.likelihood, r.impact);
        let rated = if analysis::is_rated(r) {
            ""
        } else {
            " · reasons missing"
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<3}", level.short()), t.level(level)),
            Span::raw(format!("{} {}{rated}", r.id, r.title)),
        ]));
    }
    let flows: Vec<_> = doc
        .ws
        .flows
        .iter()
        .filter(|x| x.from == a.id || x.to == a.id)
        .collect();
    if !flows.is_empty() {
        lines.push(Line::from(Span::styled("Flows", bold)));
        for x in flows {
            lines.push(Line::from(format!(
                "{} {} → {} ({})",
                x.id,
                doc.ws.party_name(&x.from),
                doc.ws.party_name(&x.to),
                x.channel.label()
            )));
        }
    }
    lines
}

fn flow_detail(x: &Flow, vw: &View) -> Vec<Line<'static>> {
    let doc = vw.doc;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} → {}",
            doc.ws.party_name(&x.from),
            doc.ws.party_name(&x.to)
        ),
        bold,
    ))];
    if x.reverify {
        lines.push(Line::from(Span::styled(
            "Carried from the last assessment: e and Enter confirm it",
            vw.theme.carried(),
        )));
    }
    for (label, value) in [
        ("What ePHI", x.data.clone()),
        ("Channel", x.channel.label().to_string()),
        ("Protection", x.protection.clone()),
    ] {
        if !value.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), bold),
                Span::raw(value),
            ]));
        }
    }
    lines
}

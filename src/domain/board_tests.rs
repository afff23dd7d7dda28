//! The board's figures, order and dates.
use super::*;
use crate::domain::gaps;
use crate::domain::rating::Rating;
use crate::domain::workspace::{Actor, AnswerStatus, RemediationField};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn actor(day: u32) -> Actor {
    Actor {
        name: "t".into(),
        now: d(2026, 11, day).and_hms_opt(23, 59, 0).unwrap(),
    }
}

/// Five gaps with known owners, dates and statuses.
fn sample() -> (Workspace, Vec<String>) {
    let c = Catalog::builtin();
    let mut ws = Workspace::new("c", "a", c, d(2026, 11, 1));
    let ids: Vec<String> = c.questions.iter().take(5).map(|q| q.id.clone()).collect();
    let plan = [
        ("Bo", Some(d(2026, 11, 20)), RemediationStatus::Open),
        ("", Some(d(2026, 11, 28)), RemediationStatus::InProgress),
        ("Al", Some(d(2026, 12, 5)), RemediationStatus::Open),
        ("Al", None, RemediationStatus::Open),
        ("Bo", Some(d(2026, 10, 1)), RemediationStatus::Done),
    ];
    for (id, (owner, due, status)) in ids.iter().zip(plan) {
        ws.set_answer(id, AnswerStatus::No, &actor(2));
        ws.set_remediation(id, RemediationField::Owner(owner.into()), &actor(3));
        ws.set_remediation(id, RemediationField::Due(due), &actor(3));
        ws.set_remediation(id, RemediationField::Status(status), &actor(4));
    }
    (ws, ids)
}

#[test]
fn due_today_is_due_soon_not_overdue_and_closed_work_is_neither() {
    let (ws, ids) = sample();
    let today = d(2026, 11, 28);
    let g = gaps::derive(Catalog::builtin(), &ws);
    let by = |id: &String| g.iter().find(|x| &x.id == id).unwrap();
    assert!(by(&ids[0]).is_overdue(today));
    assert!(!is_due_soon(by(&ids[0]), today));
    assert!(!by(&ids[1]).is_overdue(today), "due today is not overdue");
    assert!(is_due_soon(by(&ids[1]), today));
    assert!(is_due_soon(by(&ids[2]), today), "7 days ahead counts");
    assert!(!is_due_soon(by(&ids[3]), today), "no date");
    assert!(!by(&ids[4]).is_overdue(today) && !is_due_soon(by(&ids[4]), today));
    let c = counts(&g, today);
    assert_eq!(
        (
            c.total,
            c.open,
            c.overdue,
            c.due_soon,
            c.in_progress,
            c.done,
            c.unassigned
        ),
        (5, 3, 1, 2, 1, 1, 1)
    );
}

#[test]
fn sorts_put_closed_last_and_break_ties_by_bank_order() {
    let (ws, ids) = sample();
    let c = Catalog::builtin();
    let g = gaps::derive(c, &ws);
    let today = d(2026, 11, 28);
    let order = |sort| -> Vec<String> {
        rows(
            &g,
            &BoardView {
                sort,
                ..BoardView::default()
            },
            c,
            today,
        )
        .into_iter()
        .map(|i| g[i].id.clone())
        .collect()
    };
    assert_eq!(
        order(GapSort::Due),
        vec![
            ids[0].clone(),
            ids[1].clone(),
            ids[2].clone(),
            ids[3].clone(),
            ids[4].clone()
        ]
    );
    let by_owner = order(GapSort::Owner);
    assert_eq!(
        &by_owner[..2],
        &[ids[2].clone(), ids[3].clone()],
        "Al before Bo"
    );
    assert_eq!(by_owner[3], ids[1], "unassigned after named owners");
    assert_eq!(by_owner[4], ids[4], "closed last");
    let by_status = order(GapSort::Status);
    assert_eq!(by_status[3], ids[1], "in progress after open");
}

#[test]
fn filters_parse_describe_and_apply() {
    let (ws, ids) = sample();
    let c = Catalog::builtin();
    let g = gaps::derive(c, &ws);
    let today = d(2026, 11, 28);
    let f = GapFilter::parse("owner:bo status:open overdue").unwrap();
    assert_eq!(f.describe(), "owner:bo status:open overdue");
    let kept: Vec<&str> = g
        .iter()
        .filter(|x| f.keeps(x, today))
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(kept, vec![ids[0].as_str()]);
    let f = GapFilter::parse("unassigned").unwrap();
    assert_eq!(g.iter().filter(|x| f.keeps(x, today)).count(), 1);
    let f = GapFilter::parse(&ids[2].to_lowercase()).unwrap();
    assert_eq!(g.iter().filter(|x| f.keeps(x, today)).count(), 1);
    assert!(GapFilter::parse("status:maybe").is_err());
    assert!(GapFilter::parse("colour:red").is_err());
    assert_eq!(
        GapFilter::parse("owner:Dr._Priya")
            .unwrap()
            .owner
            .as_deref(),
        Some("Dr. Priya")
    );
    assert!(GapFilter::parse("  ").unwrap().is_empty());
}

#[test]
fn level_kind_and_nodue_filters_read_write_and_keep_only_their_gaps() {
    use crate::domain::gaps::GapKind;
    use crate::domain::scoring::RiskLevel;
    let (mut ws, ids) = sample();
    let c = Catalog::builtin();
    let today = d(2026, 11, 28);
    // ids[0] very high, ids[1] high, ids[2] moderate (likelihood x impact).
    for (id, (l, i)) in ids.iter().zip([(5, 5), (4, 4), (3, 3)]) {
        ws.set_remediation(
            id,
            RemediationField::Likelihood(Some(Rating::new(l).unwrap())),
            &actor(5),
        );
        ws.set_remediation(
            id,
            RemediationField::Impact(Some(Rating::new(i).unwrap())),
            &actor(5),
        );
    }
    let g = gaps::derive(c, &ws);
    let kept = |line: &str| -> Vec<String> {
        let f = GapFilter::parse(line).unwrap();
        // What the header shows reads back as the same filter.
        assert_eq!(GapFilter::parse(&f.describe()).unwrap(), f, "{line}");
        g.iter()
            .filter(|x| f.keeps(x, today))
            .map(|x| x.id.clone())
            .collect()
    };
    let level = |id: &String| g.iter().find(|x| &x.id == id).unwrap().level();
    assert_eq!(level(&ids[1]), RiskLevel::High);
    assert_eq!(kept("level:high"), vec![ids[1].clone()]);
    let high_up = kept("level:HIGH+");
    assert!(high_up.contains(&ids[0]) && high_up.contains(&ids[1]));
    assert!(high_up.iter().all(|id| level(id) >= RiskLevel::High));
    assert!(
        kept("level:vh")
            .iter()
            .all(|id| level(id) == RiskLevel::VeryHigh)
    );
    assert_eq!(kept("nodue"), vec![ids[3].clone()]);
    assert_eq!(kept("kind:question").len(), g.len());
    assert!(kept("kind:register").is_empty() && kept("kind:risk").is_empty());
    assert_eq!(
        GapFilter::parse("kind:register").unwrap().kind,
        Some(GapKind::Risk)
    );
    assert_eq!(
        GapFilter::parse("accepted").unwrap().status,
        Some(RemediationStatus::RiskAccepted)
    );
    assert_eq!(
        GapFilter::parse("level:moderate+ kind:vendor nodue")
            .unwrap()
            .describe(),
        "level:moderate+ kind:vendor nodue"
    );
    // A value that does not exist names the accepted ones.
    let e = GapFilter::parse("level:extreme").unwrap_err();
    assert!(e.contains("very-high, high, moderate"), "{e}");
    let e = GapFilter::parse("kind:program").unwrap_err();
    assert!(e.contains("question, register, vendor"), "{e}");
}

#[test]
fn dashboard_figures_on_a_hand_made_workspace() {
    use crate::domain::workspace::AnswerStatus::*;
    let c = Catalog::builtin();
    let mut ws = Workspace::new("c", "a", c, d(2026, 11, 1));
    let ids: Vec<String> = c
        .in_area(Area::Privacy)
        .take(7)
        .map(|q| q.id.clone())
        .collect();
    // 3 Yes, 1 Partial, 1 No, 2 N/A: compliance 3 / 5 = 60 %.
    for (id, s) in ids
        .iter()
        .zip([Yes, Yes, Yes, Partial, No, NotApplicable, NotApplicable])
    {
        ws.set_answer(id, s, &actor(2));
    }
    let f = area_figures(c, &ws, Area::Privacy);
    assert_eq!(
        (f.answered(), f.yes, f.partial, f.no, f.na),
        (7, 3, 1, 1, 2)
    );
    assert_eq!(f.total, c.in_area(Area::Privacy).count());
    assert_eq!(f.compliance_percent(), Some(60));
    assert_eq!(area_figures(c, &ws, Area::Risk).compliance_percent(), None);
    let g = crate::domain::gaps::derive(c, &ws);
    let k = counts(&g, d(2026, 11, 28));
    assert_eq!((k.total, k.open, k.unassigned, k.overdue), (2, 2, 2, 0));
    let t = weekly_trend(&ws, d(2026, 11, 28), 5);
    assert_eq!(t.iter().map(|w| w.1).sum::<u64>(), 2, "two gaps opened");
}

#[test]
fn weekly_trend_counts_openings_and_closings_per_week() {
    let (ws, _) = sample();
    // sample(): 5 answers turned No on 2026-11-02 (a Monday), one closed (Done) on 11-04.
    let t = weekly_trend(&ws, d(2026, 11, 28), 4);
    assert_eq!(t.len(), 4);
    assert_eq!(t[0].0, d(2026, 11, 2));
    assert_eq!((t[0].1, t[0].2), (5, 1));
    assert!(t[1..].iter().all(|w| w.1 == 0 && w.2 == 0));
    assert_eq!(t[3].0, d(2026, 11, 23));
}

#[test]
fn opened_and_closed_dates_come_from_the_log() {
    let (mut ws, ids) = sample();
    let c = Catalog::builtin();
    let g = gaps::derive(c, &ws);
    let closed = g.iter().find(|x| x.id == ids[4]).unwrap();
    assert_eq!(
        opened_closed(&ws, closed),
        (Some(d(2026, 11, 2)), Some(d(2026, 11, 4)))
    );
    let open = g.iter().find(|x| x.id == ids[0]).unwrap();
    assert_eq!(opened_closed(&ws, open), (Some(d(2026, 11, 2)), None));
    // Answered Yes, then No again: the gap reopens on the later date.
    ws.set_answer(&ids[0], AnswerStatus::Yes, &actor(10));
    ws.set_answer(&ids[0], AnswerStatus::Partial, &actor(12));
    let g = gaps::derive(c, &ws);
    let again = g.iter().find(|x| x.id == ids[0]).unwrap();
    assert_eq!(opened_closed(&ws, again).0, Some(d(2026, 11, 12)));
    assert_eq!(
        history(&ws, &ids[0]).count(),
        5,
        "answer, owner, due, answer, answer"
    );
}

#[test]
fn openings_read_once_give_what_opened_closed_gives_for_every_gap() {
    let catalog = crate::domain::catalog::Catalog::builtin();
    let demo =
        crate::io::store::from_ron(crate::io::paths::DEMO, std::path::Path::new("d")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let large = crate::io::synthetic::build(catalog, 400, 150);
    let mut seen = 0;
    for ws in [&demo, &large] {
        let all = gaps::derive_all(ws.catalog(), ws, today, 60);
        let once = Openings::of(ws);
        for g in &all {
            assert_eq!(once.get(g), opened_closed(ws, g), "{}", g.id);
            seen += usize::from(once.get(g).0.is_some());
        }
    }
    // The dates are there to compare, not all empty.
    assert!(seen > 100, "{seen}");
}

//! Property tests: any workspace survives save and load unchanged, and saves are deterministic.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use proptest::prelude::*;

use hipaudit::domain::catalog::BankInfo;
use hipaudit::domain::meeting::{Attendee, Decision, DecisionKind, Meeting};
use hipaudit::domain::workspace::*;
use hipaudit::io::store;

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{0,20}",
        // Quotes, backslashes, newlines, tabs, non-ASCII and RON syntax inside strings.
        "[\"\\\\\n\t(),:é漢🙂a-z]{0,30}",
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..3000)
        .prop_map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d))
}

fn datetime() -> impl Strategy<Value = NaiveDateTime> {
    (date(), 0u32..86_400)
        .prop_map(|(d, s)| d.and_hms_opt(s / 3600, (s / 60) % 60, s % 60).unwrap())
}

fn status() -> impl Strategy<Value = AnswerStatus> {
    prop_oneof![
        Just(AnswerStatus::Unanswered),
        Just(AnswerStatus::Yes),
        Just(AnswerStatus::Partial),
        Just(AnswerStatus::No),
        Just(AnswerStatus::NotApplicable),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        status(),
        text(),
        prop::collection::vec(evidence(), 0..3),
        text(),
        prop::option::of(datetime()),
        text(),
        prop::option::of(status()),
        any::<bool>(),
        prop::option::of((1990i32..2100, text())),
    )
        .prop_map(
            |(status, note, ev, by, at, reason, previous, reverify, earlier)| Answer {
                status,
                note,
                reason,
                previous,
                reverify,
                earlier_note: earlier
                    .map(|(year, text)| hipaudit::domain::carry::EarlierNote { year, text }),
                evidence: ev,
                by,
                at,
            },
        )
}

fn evidence() -> impl Strategy<Value = EvidenceItem> {
    (
        text(),
        text(),
        prop_oneof![Just(String::new()), "[0-9a-f]{64}"],
        prop::option::of(date()),
        prop::option::of(date()),
    )
        .prop_map(|(label, file, sha256, collected, expires)| EvidenceItem {
            label,
            file,
            sha256,
            collected,
            expires,
            location: String::new(),
        })
}

fn vendor() -> impl Strategy<Value = Vendor> {
    (
        // A vendor always has a name (an empty one is refused on load).
        text().prop_map(|t| format!("V{t}")),
        text(),
        any::<bool>(),
        prop::option::of(date()),
        prop::option::of(date()),
        any::<bool>(),
        prop::collection::vec(evidence(), 0..2),
        text(),
    )
        .prop_map(
            |(name, service, phi, baa_signed, baa_expires, subcontractor, evidence, notes)| {
                Vendor {
                    id: String::new(),
                    name,
                    service,
                    phi,
                    phi_uses: if phi {
                        vec![hipaudit::domain::vendor::PhiUse::Receive]
                    } else {
                        Vec::new()
                    },
                    contact: String::new(),
                    baa_signed,
                    baa_expires,
                    subcontractor,
                    evidence,
                    notes,
                }
            },
        )
}

fn remediation() -> impl Strategy<Value = Remediation> {
    (
        text(),
        prop::option::of(date()),
        prop_oneof![
            Just(RemediationStatus::Open),
            Just(RemediationStatus::InProgress),
            Just(RemediationStatus::Done),
            Just(RemediationStatus::RiskAccepted)
        ],
        text(),
        prop::option::of(rating()),
        prop::option::of(rating()),
        prop::option::of(acceptance()),
        // Members of P-01..P-03, which a generated workspace may or may not hold.
        prop::option::of("P-0[1-3]"),
        prop::option::of(response()),
    )
        .prop_map(
            |(owner, due, status, plan, likelihood, impact, acceptance, project, response)| {
                Remediation {
                    owner,
                    due,
                    status,
                    plan,
                    likelihood,
                    impact,
                    acceptance,
                    project,
                    response,
                }
            },
        )
}

fn response() -> impl Strategy<Value = hipaudit::domain::response::Response> {
    use hipaudit::domain::response::{Response, Stance};
    (
        prop_oneof![
            Just(Stance::Agree),
            Just(Stance::Partly),
            Just(Stance::Disagree)
        ],
        text(),
        text(),
        date(),
    )
        .prop_map(|(stance, text, by, date)| Response {
            stance,
            text,
            by,
            date,
        })
}

/// Any engagement profile: each entity and size, any set of services, both switches.
fn profile() -> impl Strategy<Value = hipaudit::domain::profile::Profile> {
    use hipaudit::domain::profile::{ENTITIES, Profile, SERVICES, SIZES};
    (
        0..ENTITIES.len(),
        0..SIZES.len(),
        prop::collection::btree_set(0..SERVICES.len(), 0..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(e, z, s, nprm, msp_program)| Profile {
            entity: ENTITIES[e].0,
            size: SIZES[z].0,
            services: s.into_iter().map(|i| SERVICES[i].0).collect(),
            nprm,
            msp_program,
        })
}

fn project() -> impl Strategy<Value = hipaudit::domain::project::Project> {
    (text(), text(), prop::option::of(date()), text()).prop_map(|(name, owner, due, plan)| {
        hipaudit::domain::project::Project {
            id: String::new(),
            // A project always has a name (an empty one is refused on load).
            name: format!("N{name}"),
            owner,
            due,
            plan,
        }
    })
}

fn acceptance() -> impl Strategy<Value = Acceptance> {
    (
        text(),
        text(),
        prop::option::of(date()),
        text(),
        prop::option::of(date()),
    )
        .prop_map(|(by, role, date, rationale, review_by)| Acceptance {
            by,
            role,
            date,
            rationale,
            review_by,
        })
}

fn asset() -> impl Strategy<Value = Asset> {
    use hipaudit::domain::inventory::{AssetKind, Encryption};
    use hipaudit::domain::vendor::PhiUse;
    (
        // An asset always has a name (an empty one is refused on load).
        text().prop_map(|t| format!("N{t}")),
        prop::sample::select(AssetKind::ALL.to_vec()),
        1u32..50,
        (text(), text(), text(), text(), text()),
        prop::sample::subsequence(PhiUse::ALL.to_vec(), 0..=4),
        prop::option::of(0u64..1_000_000),
        prop::sample::select(Encryption::ALL.to_vec()),
        prop::sample::select(Encryption::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_map(
            |(
                name,
                kind,
                count,
                (location, owner, vendor, notes, no_risk),
                ephi,
                records,
                r,
                t,
                reverify,
            )| {
                Asset {
                    id: String::new(),
                    name,
                    kind,
                    count,
                    location,
                    owner,
                    ephi,
                    records,
                    encrypted_at_rest: r,
                    encrypted_in_transit: t,
                    vendor,
                    notes,
                    no_risk,
                    reverify,
                }
            },
        )
}

fn flow() -> impl Strategy<Value = Flow> {
    use hipaudit::domain::inventory::Channel;
    (
        prop_oneof![Just("A-01".to_string()), text()],
        prop_oneof![Just("A-02".to_string()), text()],
        text(),
        prop::sample::select(Channel::ALL.to_vec()),
        text(),
        any::<bool>(),
    )
        .prop_map(|(from, to, data, channel, protection, reverify)| Flow {
            id: String::new(),
            from,
            to,
            data,
            channel,
            protection,
            reverify,
        })
}

fn method() -> impl Strategy<Value = Method> {
    use hipaudit::domain::scoring::RiskLevel;
    (
        text(),
        prop::option::of(prop::collection::vec(text(), 5)),
        prop::option::of(prop::sample::select(vec![
            RiskLevel::VeryLow,
            RiskLevel::Low,
            RiskLevel::Moderate,
        ])),
    )
        .prop_map(|(sources, scale, threshold)| Method {
            sources,
            likelihood_scale: scale.clone().unwrap_or_default(),
            impact_scale: scale.unwrap_or_default(),
            threshold,
        })
}

fn risk() -> impl Strategy<Value = RiskEntry> {
    (
        "R-[0-9]{1,3}",
        text(),
        prop::collection::vec(text(), 0..3),
        text(),
        rating(),
        rating(),
        (text(), text(), prop::option::of(acceptance())),
    )
        .prop_map(
            |(id, title, assets, threat, likelihood, impact, (lw, iw, acceptance))| RiskEntry {
                id,
                title,
                assets,
                threat,
                likelihood,
                impact,
                likelihood_why: lw,
                impact_why: iw,
                acceptance,
                ..RiskEntry::default()
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (
        // A workspace always names its client (an empty one is refused on load).
        text().prop_map(|t| format!("C{t}")),
        text(),
        prop::option::of(date()),
        prop::collection::btree_map("[A-Z]{3}-[A-Z]{2}-[0-9]{2}", answer(), 0..20),
        prop::collection::btree_map("[A-Z]{3}-[A-Z]{2}-[0-9]{2}", remediation(), 0..10),
        prop::collection::vec(risk(), 0..4),
        prop::collection::vec((datetime(), text(), text(), text()), 0..5),
        prop::option::of(date()),
        prop::collection::vec(
            (date(), prop::collection::vec((text(), text()), 0..3)),
            0..3,
        ),
        prop::collection::vec(
            (text(), datetime(), text(), text(), text(), any::<bool>()),
            0..4,
        ),
        prop::option::of((text(), prop::option::of(date()), "[0-9a-f]{64}")),
        (
            prop::collection::vec(vendor(), 0..3),
            // Request-list items the client has provided, by key.
            prop::collection::btree_map(text(), date(), 0..3),
            text(),
            text(),
            prop::collection::vec(asset(), 0..4),
            prop::collection::vec(flow(), 0..3),
            method(),
            prop::collection::vec(project(), 0..3),
            prop::option::of(profile()),
        ),
    )
        .prop_map(
            |(
                client,
                assessor,
                started,
                answers,
                remediation,
                risks,
                log,
                ended,
                meetings,
                decisions,
                previous,
                (vendors, received, firm, interviewed, assets, flows, method, projects, profile),
            )| Workspace {
                profile,
                projects: projects
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| hipaudit::domain::project::Project {
                        id: format!("P-{:02}", i + 1),
                        ..p
                    })
                    .collect(),
                assets: assets
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| Asset {
                        id: format!("A-{:02}", i + 1),
                        ..a
                    })
                    .collect(),
                flows: flows
                    .into_iter()
                    .enumerate()
                    .map(|(i, f)| Flow {
                        id: format!("F-{:02}", i + 1),
                        ..f
                    })
                    .collect(),
                method,
                received,
                vendors: vendors
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Vendor {
                        id: format!("BA-{:02}", i + 1),
                        ..v
                    })
                    .collect(),
                previous: previous.map(|(file, started, sha256)| Previous {
                    file,
                    started,
                    sha256,
                }),
                // A file carried into the next year's says so: named after the client here.
                carried_into: started.map(|on| hipaudit::domain::carry::CarriedInto {
                    file: format!("{client}-next.ron"),
                    on,
                }),
                format_version: FORMAT_VERSION,
                bank: BankInfo {
                    id: "hipaudit-core".into(),
                    version: 1,
                },
                engagement: Engagement {
                    client,
                    assessor,
                    started,
                    ended,
                    firm,
                    interviewed,
                    ..Engagement::default()
                },
                answers: answers.into_iter().collect::<BTreeMap<_, _>>(),
                remediation,
                // Register ids are unique (a file with one id twice is refused on load).
                risks: risks
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| RiskEntry {
                        id: format!("{}-{i}", r.id),
                        ..r
                    })
                    .collect(),
                log: log
                    .into_iter()
                    .enumerate()
                    .map(|(i, (at, by, old, new))| Change {
                        at,
                        by,
                        id: "X".into(),
                        // Known names and one a newer build might write.
                        field: Field::from(
                            ["answer", "status", "plan", "risk", "colour"][i % 5].to_string(),
                        ),
                        old,
                        new,
                    })
                    .collect(),
                meetings: meetings
                    .into_iter()
                    .enumerate()
                    .map(|(i, (date, people))| Meeting {
                        id: format!("M-{}", i + 1),
                        date,
                        attendees: people
                            .into_iter()
                            .map(|(name, role)| Attendee { name, role })
                            .collect(),
                        earlier: i % 2 == 1,
                    })
                    .collect(),
                conflicts: Vec::new(),
                decisions: decisions
                    .into_iter()
                    .map(|(gap, at, by, role, text, accepted)| Decision {
                        gap,
                        at,
                        by,
                        role,
                        text,
                        kind: if accepted {
                            DecisionKind::RiskAcceptance
                        } else {
                            DecisionKind::Comment
                        },
                        meeting: accepted.then(|| "M-1".to_string()),
                        earlier: at.second() % 2 == 1,
                    })
                    .collect(),
                view: Default::default(),
                uid: String::new(),
            },
        )
}

fn view() -> impl Strategy<Value = hipaudit::domain::board::BoardView> {
    use hipaudit::domain::board::{BoardView, GapFilter, GapSort};
    (
        0usize..5,
        prop::option::of(text()),
        any::<bool>(),
        any::<bool>(),
        text(),
    )
        .prop_map(|(sort, owner, overdue, unassigned, text)| BoardView {
            sort: GapSort::ALL[sort],
            filter: GapFilter {
                owner,
                overdue,
                unassigned,
                text,
                ..GapFilter::default()
            },
            place: Default::default(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_gives_the_same_workspace_and_identical_bytes(mut ws in workspace(), view in view()) {
        ws.view = view;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.ron");
        store::save(&p, &ws).unwrap();
        let first = std::fs::read(&p).unwrap();
        let (loaded, _) = store::load(&p).unwrap();
        prop_assert_eq!(&loaded, &ws);
        store::save(&p, &loaded).unwrap();
        prop_assert_eq!(std::fs::read(&p).unwrap(), first);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn encrypted_save_then_load_gives_the_same_workspace(ws in workspace()) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.ron.age");
        let keys = hipaudit::io::crypt::Keys::generate();
        store::save_with(&p, &ws, Some(&keys), store::WriteMode::DATA).unwrap();
        let bytes = std::fs::read(&p).unwrap();
        prop_assert!(hipaudit::io::crypt::is_encrypted(&bytes));
        let (loaded, _) = store::load_with(&p, Some(&keys)).unwrap();
        prop_assert_eq!(&loaded, &ws);
        prop_assert!(store::load(&p).is_err(), "no keys, no workspace");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Next year's workspace, compared with the one it came from, shows no change: carrying
    /// forward changes no answer, opens or closes no gap and moves no risk.
    #[test]
    fn carrying_forward_then_diffing_against_the_source_reports_nothing(ws in workspace()) {
        use hipaudit::domain::carry::{Source, carry_forward};
        use hipaudit::domain::catalog::Catalog;
        let c = Catalog::builtin();
        let today = NaiveDate::from_ymd_opt(2027, 11, 1).unwrap();
        let actor = Actor { name: "a".into(), now: today.and_hms_opt(9, 0, 0).unwrap() };
        let next = carry_forward(
            &Source { ws: &ws, file: "last.ron".into(), sha256: "0".repeat(64) },
            c,
            today,
            None,
            &actor,
        );
        let cmp = hipaudit::domain::compare::compare(c, &ws, &next, today);
        prop_assert!(cmp.is_empty(), "{:?}", cmp);
        // The inventory and its flows come along whole, each to be confirmed.
        prop_assert_eq!(next.assets.len(), ws.assets.len());
        for (a, b) in ws.assets.iter().zip(&next.assets) {
            prop_assert!(b.reverify);
            prop_assert_eq!(&Asset { reverify: a.reverify, ..b.clone() }, a);
        }
        for (a, b) in ws.flows.iter().zip(&next.flows) {
            prop_assert!(b.reverify);
            prop_assert_eq!(&Flow { reverify: a.reverify, ..b.clone() }, a);
        }
        // And it saves and loads like any workspace.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("next.ron");
        store::save(&p, &next).unwrap();
        prop_assert_eq!(store::load(&p).unwrap().0, next);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The three identities of a merge, and the same bytes for the same inputs.
    #[test]
    fn merge_identities_hold_and_the_result_is_deterministic(
        base in workspace(),
        x in workspace(),
        y in workspace(),
    ) {
        use hipaudit::domain::merge::merge;
        prop_assert_eq!(&merge(&base, &x, &x), &x);
        prop_assert_eq!(&merge(&base, &base, &x), &x);
        prop_assert_eq!(&merge(&base, &x, &base), &x);
        let a = store::to_ron(&merge(&base, &x, &y));
        let b = store::to_ron(&merge(&base, &x, &y));
        prop_assert_eq!(&a, &b);
        // Whatever conflicts it records, the result is a valid workspace.
        let m = merge(&base, &x, &y);
        let back = store::from_ron(&a, std::path::Path::new("m.ron"));
        prop_assert!(back.is_ok(), "{:?}", back.err());
        prop_assert_eq!(back.unwrap(), m);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two teammates each add assets and flows in their own clone: the merge keeps every one
    /// of both sides, under ids that never collide, and what named a renumbered asset (a
    /// flow, a risk) follows it.
    #[test]
    fn assets_and_flows_added_on_both_sides_all_survive_a_merge(
        base in workspace(),
        ours_new in prop::collection::vec(asset(), 0..4),
        theirs_new in prop::collection::vec(asset(), 1..4),
    ) {
        use hipaudit::domain::merge::merge;
        let actor = Actor { name: "a".into(), now: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(9, 0, 0).unwrap() };
        let mut ours = base.clone();
        let mut theirs = base.clone();
        // Named apart: the same asset added alike on both sides is one asset, not two.
        for a in &ours_new {
            ours.add_asset(Asset { name: format!("ours {}", a.name), ..a.clone() }, &actor);
        }
        let mut their_ids = Vec::new();
        for a in &theirs_new {
            their_ids.push(theirs.add_asset(Asset { name: format!("theirs {}", a.name), ..a.clone() }, &actor));
        }
        let flow = theirs.add_flow(
            Flow { from: their_ids[0].clone(), to: "Lab".into(), ..Flow::default() },
            &actor,
        );
        let m = merge(&base, &ours, &theirs);
        let mut ids: Vec<&str> = m.assets.iter().map(|a| a.id.as_str()).collect();
        prop_assert_eq!(m.assets.len(), base.assets.len() + ours_new.len() + theirs_new.len());
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), m.assets.len(), "no id twice");
        for a in ours.assets.iter() {
            prop_assert!(m.assets.contains(a), "ours kept as it is");
        }
        // Their flow still names their first asset, whatever id it has now.
        let f = m.flows.iter().find(|f| f.to == "Lab" && !base.flows.iter().any(|b| b.id == f.id)).unwrap();
        let named = m.asset(&f.from).unwrap();
        // Names are kept as `text::name` gives them (one space, no invisible characters).
        prop_assert_eq!(&named.name, &hipaudit::domain::text::name(&format!("theirs {}", theirs_new[0].name)));
        let _ = flow;
        let back = store::from_ron(&store::to_ron(&m), std::path::Path::new("m.ron"));
        prop_assert!(back.is_ok(), "{:?}", back.err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two teammates each group gaps into projects in their own clone: the merge keeps every
    /// project of both sides under ids that never collide, and their gaps still name the
    /// project they put them in, whatever id it has now.
    #[test]
    fn projects_added_on_both_sides_all_survive_a_merge_with_unique_ids(
        base in workspace(),
        ours_new in prop::collection::vec(project(), 0..3),
        theirs_new in prop::collection::vec(project(), 1..3),
    ) {
        use hipaudit::domain::merge::merge;
        use hipaudit::domain::project::Project;
        let actor = Actor { name: "a".into(), now: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(9, 0, 0).unwrap() };
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        for p in &ours_new {
            let id = ours.add_project(Project { name: format!("ours {}", p.name), ..p.clone() }, &actor);
            ours.set_project("ZZZ-OU-01", Some(&id), &actor);
        }
        for p in &theirs_new {
            let id = theirs.add_project(Project { name: format!("theirs {}", p.name), ..p.clone() }, &actor);
            theirs.set_project("ZZZ-TH-01", Some(&id), &actor);
        }
        let m = merge(&base, &ours, &theirs);
        prop_assert_eq!(m.projects.len(), base.projects.len() + ours_new.len() + theirs_new.len());
        let mut ids: Vec<&str> = m.projects.iter().map(|p| p.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), m.projects.len(), "no id twice");
        for p in &ours.projects {
            prop_assert!(m.projects.contains(p), "ours kept as it is");
        }
        // Each side's gap names that side's last project.
        let named = |gap: &str| m.remediation.get(gap).and_then(|r| r.project.clone()).and_then(|id| m.project(&id).cloned());
        let last_theirs = named("ZZZ-TH-01").unwrap();
        prop_assert_eq!(&last_theirs.name, &hipaudit::domain::text::name(&format!("theirs {}", theirs_new.last().unwrap().name)));
        if let Some(o) = ours_new.last() {
            prop_assert_eq!(&named("ZZZ-OU-01").unwrap().name, &hipaudit::domain::text::name(&format!("ours {}", o.name)));
        }
        let back = store::from_ron(&store::to_ron(&m), std::path::Path::new("m.ron"));
        prop_assert!(back.is_ok(), "{:?}", back.err());
        prop_assert_eq!(back.unwrap(), m);
    }
}

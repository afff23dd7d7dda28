//! The Risk-tab questions the analysis itself answers (it covers all ePHI, the inventory
//! exists and is current, flows are written down, threats, vulnerabilities, controls and
//! ratings are recorded, treatment is decided): what the analysis shows for each, and the
//! answer those facts support. The consultant still answers; the card shows both.

use chrono::NaiveDate;

use crate::domain::analysis::{self, State};
use crate::domain::status::AnswerStatus;
use crate::domain::workspace::Workspace;

/// What the analysis shows for a question, and the answer it supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub text: String,
    pub supports: AnswerStatus,
}

/// Yes when all of `n` hold, Partial when some do, No when none (or there is nothing).
fn share(done: usize, n: usize) -> AnswerStatus {
    match (done, n) {
        (_, 0) | (0, _) => AnswerStatus::No,
        (d, n) if d >= n => AnswerStatus::Yes,
        _ => AnswerStatus::Partial,
    }
}

fn of_risks(
    ws: &Workspace,
    what: &str,
    has: impl Fn(&crate::domain::workspace::RiskEntry) -> bool,
) -> Facts {
    let n = ws.risks.len();
    let done = ws.risks.iter().filter(|r| has(r)).count();
    let missing: Vec<&str> = ws
        .risks
        .iter()
        .filter(|r| !has(r))
        .map(|r| r.id.as_str())
        .take(6)
        .collect();
    let text = if n == 0 {
        "the register has no risks yet".to_string()
    } else if missing.is_empty() {
        format!("every one of the {n} register risks records {what}")
    } else {
        format!(
            "{done} of {n} register risks record {what} (not: {})",
            missing.join(", ")
        )
    };
    Facts {
        text,
        supports: share(done, n),
    }
}

/// The facts for question `id`, when it is one the analysis answers.
pub fn facts(ws: &Workspace, today: NaiveDate, id: &str) -> Option<Facts> {
    facts_of(ws, &analysis::state(ws, today), id)
}

/// The same from a state already derived.
pub fn facts_of(ws: &Workspace, st: &State, id: &str) -> Option<Facts> {
    let ephi = st.ephi_assets;
    let assessed = ephi - st.assets_unassessed.len();
    Some(match id {
        "RSK-SC-01" | "RSK-RD-02" => Facts {
            text: if st.complete {
                "the analysis in this workspace is complete: the report documents it, dated".into()
            } else {
                format!(
                    "the analysis is in progress: {}",
                    st.missing.first().cloned().unwrap_or_default()
                )
            },
            supports: if st.complete {
                AnswerStatus::Yes
            } else if st.assets > 0 || st.risks > 0 {
                AnswerStatus::Partial
            } else {
                AnswerStatus::No
            },
        },
        "RSK-SC-02" => Facts {
            text: if ephi == 0 {
                "no asset holding ePHI is in the inventory".into()
            } else {
                format!(
                    "{assessed} of {ephi} assets holding ePHI have a rated risk or a reason none is significant{}",
                    if st.assets_unassessed.is_empty() {
                        String::new()
                    } else {
                        format!(" (not: {})", st.assets_unassessed.join(", "))
                    }
                )
            },
            supports: share(assessed, ephi),
        },
        "RSK-SC-03" => {
            let current = st.assets - st.assets_to_reverify.len();
            Facts {
                text: if st.assets == 0 {
                    "the ePHI inventory is empty".into()
                } else {
                    format!(
                        "the inventory lists {} assets; {} carried from the last assessment not yet confirmed",
                        st.assets,
                        st.assets_to_reverify.len()
                    )
                },
                supports: share(current, st.assets),
            }
        }
        "RSK-SC-04" => {
            let n = ws.vendors.len();
            let tied = ws.assets.iter().filter(|a| !a.vendor.is_empty()).count();
            Facts {
                text: format!(
                    "the business-associate register lists {n} vendors; {tied} assets name the vendor behind them"
                ),
                supports: if n > 0 {
                    AnswerStatus::Yes
                } else {
                    AnswerStatus::No
                },
            }
        }
        "RSK-SC-05" => Facts {
            text: format!("{} data flows of ePHI are written down", st.flows),
            supports: if st.flows > 0 {
                AnswerStatus::Yes
            } else {
                AnswerStatus::No
            },
        },
        "RSK-TV-01" => of_risks(ws, "a threat", |r| !r.threat.trim().is_empty()),
        "RSK-TV-02" => of_risks(ws, "a vulnerability", |r| {
            !r.vulnerability.trim().is_empty()
        }),
        "RSK-CC-01" => of_risks(ws, "the controls observed", |r| {
            !r.controls.trim().is_empty()
        }),
        "RSK-LI-01" => of_risks(ws, "a likelihood with its reason", |r| {
            !r.rerate && !r.likelihood_why.trim().is_empty()
        }),
        "RSK-LI-02" => of_risks(ws, "an impact with its reason", |r| {
            !r.rerate && !r.impact_why.trim().is_empty()
        }),
        "RSK-LI-03" => Facts {
            text: if ws.method.likelihood_scale.is_empty() && ws.method.impact_scale.is_empty() {
                "the report defines each level of both scales (NIST SP 800-30's, as used here)"
                    .into()
            } else {
                "the report defines each level of both scales (the engagement's own)".into()
            },
            supports: if st.risks > 0 {
                AnswerStatus::Yes
            } else {
                AnswerStatus::No
            },
        },
        "RSK-RD-01" => of_risks(ws, "a level from its likelihood and impact", |_| true),
        "RSK-RM-01" => {
            let above = ws
                .risks
                .iter()
                .filter(|r| analysis::level(r) > ws.method.threshold())
                .count();
            let untreated = st.untreated_above_threshold.len();
            Facts {
                text: if above == 0 {
                    format!(
                        "no register risk is above the threshold ({})",
                        ws.method.threshold().label()
                    )
                } else if untreated == 0 {
                    format!("all {above} risks above the threshold have a treatment on record")
                } else {
                    format!(
                        "{} of {above} risks above the threshold have a treatment on record (not: {})",
                        above - untreated,
                        st.untreated_above_threshold.join(", ")
                    )
                },
                supports: match above {
                    0 if st.risks > 0 => AnswerStatus::Yes,
                    0 => AnswerStatus::No,
                    _ => share(above - untreated, above),
                },
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::inventory::{Asset, AssetKind};
    use crate::domain::vendor::PhiUse;
    use crate::domain::workspace::{Actor, RiskEntry};

    #[test]
    fn each_question_the_analysis_answers_names_a_real_question_and_follows_the_facts() {
        let c = Catalog::builtin();
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let actor = Actor {
            name: "a".into(),
            now: day.and_hms_opt(9, 0, 0).unwrap(),
        };
        let mut w = Workspace::new("C", "a", c, day);
        let ids = [
            "RSK-SC-01",
            "RSK-SC-02",
            "RSK-SC-03",
            "RSK-SC-04",
            "RSK-SC-05",
            "RSK-TV-01",
            "RSK-TV-02",
            "RSK-CC-01",
            "RSK-LI-01",
            "RSK-LI-02",
            "RSK-LI-03",
            "RSK-RD-01",
            "RSK-RD-02",
            "RSK-RM-01",
        ];
        for id in ids {
            assert!(c.get(id).is_some(), "{id} is a question of the bank");
            assert_eq!(
                facts(&w, day, id).unwrap().supports,
                AnswerStatus::No,
                "{id} on nothing"
            );
        }
        assert!(facts(&w, day, "PRV-NP-01").is_none());
        let a = w.add_asset(
            Asset {
                name: "L".into(),
                kind: AssetKind::Laptop,
                ephi: vec![PhiUse::Maintain],
                ..Asset::default()
            },
            &actor,
        );
        w.add_asset(
            Asset {
                name: "P".into(),
                kind: AssetKind::Paper,
                ephi: vec![PhiUse::Maintain],
                ..Asset::default()
            },
            &actor,
        );
        w.add_risk(
            RiskEntry {
                title: "t".into(),
                assets: vec![a],
                ..RiskEntry::default()
            },
            &actor,
        );
        let f = facts(&w, day, "RSK-SC-02").unwrap();
        assert_eq!(f.supports, AnswerStatus::Partial);
        assert!(
            f.text.contains("1 of 2") && f.text.contains("A-02"),
            "{}",
            f.text
        );
        assert_eq!(
            facts(&w, day, "RSK-SC-03").unwrap().supports,
            AnswerStatus::Yes
        );
        assert_eq!(
            facts(&w, day, "RSK-LI-01").unwrap().supports,
            AnswerStatus::No
        );
    }
}

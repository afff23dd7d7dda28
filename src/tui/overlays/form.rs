//! Forms: a gap's whole remediation in one place (`w`), and the engagement's details (`i`).
//! The register entry's form (`risk_form.rs`) draws with the same `draw_fields`.

use crate::domain::dates;
use crate::domain::profile::Profile;
use crate::domain::rating::Rating;
use crate::domain::workspace::{Engagement, EngagementField, Remediation, RiskEntry};
use crate::domain::workspace::{RemediationField, RemediationStatus};
use crate::tui::app::App;
use crate::tui::state::{Form, FormKind, form_fields};
use crate::tui::theme::Theme;
use crate::tui::widgets::fields::{Fields, draw_fields};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// How a line break of a plan shows in a one-line field, and is read back.
const BREAK: &str = " ⏎ ";

form_fields! {
    /// The fields of a gap's remediation form.
    pub enum GapField {
        Owner => "Owner (Tab completes a known name)",
        Due => "Due date (2026-12-31, +30d, +2w; empty = none)",
        Status => "Status (open, in progress, done, accepted)",
        Plan => "Plan (⏎ is a line break; r edits it at length)",
        Likelihood => "Likelihood 1-5 (empty = the question's default)",
        Impact => "Impact 1-5 (empty = the question's default)",
    }
}

impl GapField {
    /// What the field shows when the form opens: the gap's remediation, the plan the bank
    /// suggests when none is written yet, a register entry's own rating.
    pub(crate) fn shown(
        self,
        r: &Remediation,
        risk: Option<&RiskEntry>,
        suggested: Option<&str>,
    ) -> String {
        let num = |v: Option<Rating>| v.map(|v| v.to_string()).unwrap_or_default();
        match self {
            GapField::Owner => r.owner.clone(),
            GapField::Due => r.due.map(|d| d.to_string()).unwrap_or_default(),
            GapField::Status => r.status.label().to_string(),
            GapField::Plan => match (r.plan.as_str(), suggested) {
                ("", Some(s)) => s,
                (plan, _) => plan,
            }
            .replace('\n', BREAK),
            GapField::Likelihood => risk.map_or(num(r.likelihood), |x| x.likelihood.to_string()),
            GapField::Impact => risk.map_or(num(r.impact), |x| x.impact.to_string()),
        }
    }

    /// The remediation change the field's text asks for.
    pub(crate) fn parse(self, text: &str, today: NaiveDate) -> Result<RemediationField, String> {
        Ok(match self {
            GapField::Owner => RemediationField::Owner(text.to_string()),
            GapField::Due => RemediationField::Due(match text {
                "" => None,
                v => Some(dates::parse_due(v, today)?),
            }),
            GapField::Status => {
                RemediationField::Status(RemediationStatus::parse(text).ok_or_else(|| {
                    format!("status '{text}': use open, in progress, done or accepted")
                })?)
            }
            GapField::Plan => RemediationField::Plan(
                text.replace(BREAK, "\n")
                    .replace('⏎', "\n")
                    .trim()
                    .to_string(),
            ),
            GapField::Likelihood => RemediationField::Likelihood(Rating::parse_optional(text)?),
            GapField::Impact => RemediationField::Impact(Rating::parse_optional(text)?),
        })
    }
}

form_fields! {
    /// The fields of the engagement's details form.
    pub enum EngagementFormField {
        Client => "Client",
        Site => "Site(s)",
        Scope => "Scope",
        Assessor => "Assessor",
        Firm => "Assessing firm (the MSP)",
        Interviewed => "Interviewed (name, role; name, role)",
        Started => "Fieldwork start (YYYY-MM-DD)",
        Ended => "Fieldwork end (YYYY-MM-DD, empty = ongoing)",
        Entity => "Entity (provider, plan, msp…)",
        Size => "Size (small, medium, large)",
        Services => "Services (portal telehealth…)",
        Nprm => "Proposed-rule readiness (yes/no)",
        MspProgram => "MSP program section (yes/no)",
        AssessorRole => "Assessor role (lead assessor…)",
        Credentials => "Credentials (CISSP, CHPS…)",
        DocVersion => "Report version (empty = draft)",
        Issues => "Issued (VER YYYY-MM-DD NOTE; …)",
        Distribution => "Distribution (split by ;)",
        Sources => "Analysis sources (empty = interviews, documents, walkthrough, scans)",
        Threshold => "Risks may be accepted up to (very low, low, moderate)",
        LikelihoodScale => "Likelihood levels 1-5 (5 texts split by |; empty = SP 800-30)",
        ImpactScale => "Impact levels 1-5 (5 texts split by |; empty = SP 800-30)",
    }
}

impl EngagementFormField {
    /// What the field shows when the form opens.
    pub(crate) fn shown(
        self,
        e: &Engagement,
        m: &crate::domain::method::Method,
        p: Option<&Profile>,
    ) -> String {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        match self {
            // No profile yet: the fields stay empty, and empty leaves every question in scope.
            EngagementFormField::Entity => {
                p.map(|p| p.entity.word().to_string()).unwrap_or_default()
            }
            EngagementFormField::Size => p.map(|p| p.size.word().to_string()).unwrap_or_default(),
            EngagementFormField::Services => p.map_or_else(String::new, |p| {
                match p
                    .services
                    .iter()
                    .map(|s| s.word())
                    .collect::<Vec<_>>()
                    .join(" ")
                {
                    s if s.is_empty() => "none".to_string(),
                    s => s,
                }
            }),
            EngagementFormField::Nprm => p.map(|p| yes(p.nprm)).unwrap_or_default(),
            EngagementFormField::MspProgram => p.map(|p| yes(p.msp_program)).unwrap_or_default(),
            EngagementFormField::Client => e.client.clone(),
            EngagementFormField::Site => e.site.clone(),
            EngagementFormField::Scope => e.scope.clone(),
            EngagementFormField::Assessor => e.assessor.clone(),
            EngagementFormField::Firm => e.firm.clone(),
            EngagementFormField::Interviewed => e.interviewed.clone(),
            EngagementFormField::Started => date(e.started),
            EngagementFormField::Ended => date(e.ended),
            EngagementFormField::AssessorRole => e.assessor_role.clone(),
            EngagementFormField::Credentials => e.credentials.clone(),
            EngagementFormField::DocVersion => e.doc_version.clone(),
            EngagementFormField::Issues => crate::domain::workspace::Issued::list(&e.issues),
            EngagementFormField::Distribution => e.distribution.join("; "),
            EngagementFormField::Sources => m.sources.clone(),
            EngagementFormField::Threshold => m.threshold().label().to_lowercase(),
            EngagementFormField::LikelihoodScale => m.likelihood_scale.join(" | "),
            EngagementFormField::ImpactScale => m.impact_scale.join(" | "),
        }
    }

    /// The fields that make the engagement profile, with the key `Profile::set` takes.
    pub(crate) fn profile_key(self) -> Option<&'static str> {
        match self {
            EngagementFormField::Entity => Some("entity"),
            EngagementFormField::Size => Some("size"),
            EngagementFormField::Services => Some("services"),
            EngagementFormField::Nprm => Some("nprm"),
            EngagementFormField::MspProgram => Some("msp_program"),
            _ => None,
        }
    }

    /// The engagement change the field's text asks for (not for the profile's fields).
    pub(crate) fn parse(self, text: &str) -> Result<EngagementField, String> {
        let date = || match text {
            "" => Ok(None),
            v => dates::parse_date(v).map(Some),
        };
        let text = text.to_string();
        Ok(match self {
            EngagementFormField::Entity
            | EngagementFormField::Size
            | EngagementFormField::Services
            | EngagementFormField::Nprm
            | EngagementFormField::MspProgram => {
                return Err("a profile field is read with the profile".into());
            }
            EngagementFormField::Client if text.is_empty() => {
                return Err("the client's name cannot be empty".into());
            }
            EngagementFormField::Client => EngagementField::Client(text),
            EngagementFormField::Site => EngagementField::Site(text),
            EngagementFormField::Scope => EngagementField::Scope(text),
            EngagementFormField::Assessor => EngagementField::Assessor(text),
            EngagementFormField::Firm => EngagementField::Firm(text),
            EngagementFormField::Interviewed => EngagementField::Interviewed(text),
            EngagementFormField::Started => EngagementField::Started(date()?),
            EngagementFormField::Ended => EngagementField::Ended(date()?),
            EngagementFormField::AssessorRole => EngagementField::AssessorRole(text),
            EngagementFormField::Credentials => EngagementField::Credentials(text),
            EngagementFormField::DocVersion => EngagementField::DocVersion(text),
            EngagementFormField::Issues => {
                EngagementField::Issues(crate::domain::workspace::Issued::parse_list(&text)?)
            }
            // A name and role are written "name, role", so recipients are split by `;`.
            EngagementFormField::Distribution => EngagementField::Distribution(
                text.split(';')
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            EngagementFormField::Sources => EngagementField::Sources(text),
            EngagementFormField::Threshold => {
                use crate::domain::scoring::RiskLevel;
                let level = match text.trim() {
                    "" => RiskLevel::Low,
                    t => RiskLevel::parse(t)
                        .ok_or_else(|| format!("'{t}': use very low, low or moderate"))?,
                };
                if level > RiskLevel::Moderate {
                    return Err("accepting High or Very high risks as a rule is not a threshold an auditor signs: moderate at most".into());
                }
                // Low is the default and is not written.
                EngagementField::Threshold((level != RiskLevel::Low).then_some(level))
            }
            EngagementFormField::LikelihoodScale | EngagementFormField::ImpactScale => {
                let levels: Vec<String> = if text.trim().is_empty() {
                    Vec::new()
                } else {
                    text.split('|').map(|l| l.trim().to_string()).collect()
                };
                if !levels.is_empty() && (levels.len() != 5 || levels.iter().any(String::is_empty))
                {
                    return Err(format!(
                        "five levels, very low to very high, split by | ({} given); empty = SP 800-30's",
                        levels.len()
                    ));
                }
                if self == EngagementFormField::LikelihoodScale {
                    EngagementField::LikelihoodScale(levels)
                } else {
                    EngagementField::ImpactScale(levels)
                }
            }
        })
    }
}

pub(crate) fn draw_form(f: &mut Frame, app: &App, t: &Theme, area: Rect, form: &Form) {
    let title = match &form.kind {
        FormKind::Gap(id) => format!(" Remediation of {id} "),
        FormKind::Engagement => " Engagement ".to_string(),
        FormKind::Evidence { .. } => {
            return crate::tui::overlays::evidence::draw_evidence_form(
                f,
                t,
                &app.evidence,
                area,
                form,
            );
        }
        FormKind::Vendor(_) => {
            return crate::tui::tabs::vendors::draw_vendor_form(f, t, area, form);
        }
        FormKind::Asset(_) | FormKind::Flow(_) => {
            return crate::tui::tabs::inventory_forms::draw_inventory_form(f, t, area, form);
        }
        FormKind::Accept(_) => {
            return crate::tui::overlays::accept::draw_accept_form(f, t, area, form);
        }
    };
    let mut extra = Vec::new();
    if form.focused() == Some(GapField::Owner) {
        let names = app.owner_completions(form.get(GapField::Owner));
        if !names.is_empty() {
            extra.push(Line::from(Span::styled(
                format!("Tab: {}", names.join(", ")),
                t.dim(),
            )));
        }
    }
    draw_fields(
        f,
        t,
        area,
        Fields {
            title,
            labels: &form.labels,
            inputs: &form.inputs,
            field: form.field,
            error: form.error.as_deref(),
            hints: &[],
            extra,
        },
    );
}

/// The profile the form's profile fields ask for: none when they are all empty (no profile:
/// every question in scope), else the default profile with each filled field set on it.
pub(crate) fn profile_of(form: &Form) -> Result<Option<Profile>, (EngagementFormField, String)> {
    use crate::tui::state::FormField as _;
    let filled: Vec<(EngagementFormField, &'static str, &str)> = EngagementFormField::ALL
        .iter()
        .filter_map(|&f| f.profile_key().map(|k| (f, k, form.get(f).trim())))
        .filter(|(_, _, v)| !v.is_empty())
        .collect();
    if filled.is_empty() {
        return Ok(None);
    }
    let mut p = Profile::default();
    for (f, k, v) in filled {
        p.set(&format!("{k}={v}")).map_err(|e| (f, e))?;
    }
    Ok(Some(p))
}

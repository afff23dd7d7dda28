//! The engagement profile: who is assessed, how big it is, the services that bring duties of
//! their own, and two switches. A question of the bank may carry an applicability condition
//! on it (`applies`), so a 12-person practice is not asked what only a health plan, a
//! business associate or a Part 2 program must do. Nothing is deleted when a question leaves
//! the scope: its answer waits in the file and returns when the profile changes back.

use serde::{Deserialize, Serialize};

/// Who is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Entity {
    /// A health care provider (a covered entity).
    #[default]
    Provider,
    /// A health plan.
    Plan,
    /// A health care clearinghouse.
    Clearinghouse,
    /// A business associate of a covered entity.
    BusinessAssociate,
    /// The MSP assessing itself (a business associate of its clients).
    Msp,
}

/// How big the assessed organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Size {
    /// Solo or small (up to about 50 people).
    #[default]
    Small,
    Medium,
    Large,
}

/// A service that brings duties of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Service {
    Portal,
    Telehealth,
    /// Online tracking technologies on the website or the app.
    Tracking,
    /// Substance use disorder records under 42 CFR Part 2.
    Part2,
    /// A group health plan for the staff.
    GroupHealthPlan,
    PsychotherapyNotes,
    FacilityDirectory,
    Fundraising,
    Research,
    Eprescribing,
    /// Medical devices on the network.
    MedicalDevices,
}

/// The words each value is typed and shown as.
pub const ENTITIES: [(Entity, &str, &str); 5] = [
    (Entity::Provider, "provider", "a health care provider"),
    (Entity::Plan, "plan", "a health plan"),
    (
        Entity::Clearinghouse,
        "clearinghouse",
        "a health care clearinghouse",
    ),
    (
        Entity::BusinessAssociate,
        "business-associate",
        "a business associate",
    ),
    (Entity::Msp, "msp", "the MSP assessing itself"),
];

pub const SIZES: [(Size, &str, &str); 3] = [
    (Size::Small, "small", "solo or small"),
    (Size::Medium, "medium", "medium"),
    (Size::Large, "large", "large"),
];

pub const SERVICES: [(Service, &str, &str); 11] = [
    (Service::Portal, "portal", "a patient portal"),
    (Service::Telehealth, "telehealth", "telehealth"),
    (
        Service::Tracking,
        "tracking",
        "online tracking on the website or app",
    ),
    (
        Service::Part2,
        "part2",
        "Part 2 substance use disorder records",
    ),
    (
        Service::GroupHealthPlan,
        "group-health-plan",
        "a group health plan for staff",
    ),
    (
        Service::PsychotherapyNotes,
        "psychotherapy-notes",
        "psychotherapy notes",
    ),
    (
        Service::FacilityDirectory,
        "facility-directory",
        "a facility directory",
    ),
    (Service::Fundraising, "fundraising", "fundraising"),
    (Service::Research, "research", "research"),
    (Service::Eprescribing, "eprescribing", "ePrescribing"),
    (
        Service::MedicalDevices,
        "medical-devices",
        "medical devices on the network",
    ),
];

/// The profile of one engagement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default)]
    pub entity: Entity,
    #[serde(default)]
    pub size: Size,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// Readiness for the proposed Security Rule changes was asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nprm: bool,
    /// The MSP's own compliance program is part of the assessment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub msp_program: bool,
}

fn word_of<T: PartialEq + Copy>(table: &[(T, &'static str, &'static str)], v: T) -> &'static str {
    table.iter().find(|(x, _, _)| *x == v).map_or("", |t| t.1)
}

fn parse_in<T: Copy>(
    table: &[(T, &'static str, &'static str)],
    key: &str,
    v: &str,
) -> Result<T, String> {
    let v = v.trim().to_ascii_lowercase().replace('_', "-");
    table
        .iter()
        .find(|(_, w, _)| *w == v)
        .map(|t| t.0)
        .ok_or_else(|| {
            let words: Vec<&str> = table.iter().map(|t| t.1).collect();
            format!("{key} '{v}' does not exist: use {}", words.join(", "))
        })
}

fn yes_no(key: &str, v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "on" | "1" => Ok(true),
        "no" | "false" | "off" | "0" => Ok(false),
        other => Err(format!("{key} '{other}' does not exist: use yes or no")),
    }
}

/// The keys `--set KEY=VALUE` takes.
pub const KEYS: [&str; 5] = ["entity", "size", "services", "nprm", "msp_program"];

impl Entity {
    pub fn word(self) -> &'static str {
        word_of(&ENTITIES, self)
    }
}

impl Size {
    pub fn word(self) -> &'static str {
        word_of(&SIZES, self)
    }
}

impl Service {
    pub fn word(self) -> &'static str {
        word_of(&SERVICES, self)
    }

    pub fn parse(v: &str) -> Result<Service, String> {
        parse_in(&SERVICES, "service", v)
    }
}

impl Profile {
    /// Applies one `KEY=VALUE`. `services` takes a list joined by `+` (or `none`); `service`
    /// adds one and `-service` or `no-service` removes one. Nothing changes on an error.
    pub fn set(&mut self, pair: &str) -> Result<(), String> {
        let (k, v) = pair.split_once('=').ok_or_else(|| {
            format!(
                "'{pair}': write KEY=VALUE with a key of {}",
                KEYS.join(", ")
            )
        })?;
        let key = k.trim().to_ascii_lowercase().replace('-', "_");
        let mut next = self.clone();
        match key.as_str() {
            "entity" => next.entity = parse_in(&ENTITIES, "entity", v)?,
            "size" => next.size = parse_in(&SIZES, "size", v)?,
            "services" => {
                next.services.clear();
                if !v.trim().eq_ignore_ascii_case("none") && !v.trim().is_empty() {
                    for s in v.split(['+', ' ']).filter(|s| !s.trim().is_empty()) {
                        next.services.push(Service::parse(s)?);
                    }
                }
            }
            "service" => next.services.push(Service::parse(v)?),
            "_service" | "no_service" => {
                let s = Service::parse(v)?;
                next.services.retain(|x| *x != s);
            }
            "nprm" => next.nprm = yes_no("nprm", v)?,
            "msp_program" => next.msp_program = yes_no("msp_program", v)?,
            other => {
                return Err(format!(
                    "profile key '{other}' does not exist: use {}",
                    KEYS.join(", ")
                ));
            }
        }
        next.services.sort();
        next.services.dedup();
        *self = next;
        Ok(())
    }

    /// `KEY=VALUE[,KEY=VALUE…]` as `new --profile` takes it, all or nothing.
    pub fn parse_list(s: &str) -> Result<Profile, String> {
        let mut p = Profile::default();
        for pair in s.split(',').filter(|p| !p.trim().is_empty()) {
            p.set(pair)?;
        }
        Ok(p)
    }

    pub fn has(&self, s: Service) -> bool {
        self.services.contains(&s)
    }

    /// In words, for the report and the engagement form.
    pub fn describe(&self) -> String {
        let who = ENTITIES
            .iter()
            .find(|e| e.0 == self.entity)
            .map_or("", |e| e.2);
        let size = SIZES.iter().find(|e| e.0 == self.size).map_or("", |e| e.2);
        let mut s = format!("{who}, {size}");
        if !self.services.is_empty() {
            let names: Vec<&str> = self
                .services
                .iter()
                .filter_map(|x| SERVICES.iter().find(|t| t.0 == *x).map(|t| t.2))
                .collect();
            s.push_str(&format!("; services: {}", names.join(", ")));
        }
        if self.nprm {
            s.push_str("; readiness for the proposed Security Rule changes");
        }
        if self.msp_program {
            s.push_str("; the MSP's own compliance program");
        }
        s
    }
}

/// One atom of an applicability condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    Entity(Entity),
    Size(Size),
    Service(Service),
    Nprm,
    MspProgram,
}

impl Atom {
    fn parse(s: &str) -> Result<Atom, String> {
        let s = s.trim();
        Ok(match s.split_once(':') {
            Some(("entity", v)) => Atom::Entity(parse_in(&ENTITIES, "entity", v)?),
            Some(("size", v)) => Atom::Size(parse_in(&SIZES, "size", v)?),
            Some(("service", v)) => Atom::Service(Service::parse(v)?),
            None if s == "nprm" => Atom::Nprm,
            None if s == "msp_program" => Atom::MspProgram,
            _ => {
                return Err(format!(
                    "condition '{s}': use entity:X, size:X, service:X, nprm or msp_program"
                ));
            }
        })
    }

    fn holds(self, p: &Profile) -> bool {
        match self {
            Atom::Entity(e) => p.entity == e,
            Atom::Size(s) => p.size == s,
            Atom::Service(s) => p.has(s),
            Atom::Nprm => p.nprm,
            Atom::MspProgram => p.msp_program,
        }
    }

    fn words(self) -> String {
        fn said<T: PartialEq + Copy>(t: &[(T, &'static str, &'static str)], v: T) -> &'static str {
            t.iter().find(|x| x.0 == v).map_or("", |x| x.2)
        }
        match self {
            Atom::Entity(e) => format!("the assessed organisation is {}", said(&ENTITIES, e)),
            Atom::Size(s) => format!("the organisation is {}", said(&SIZES, s)),
            Atom::Service(s) => format!("the organisation has {}", said(&SERVICES, s)),
            Atom::Nprm => "readiness for the proposed Security Rule changes was asked for".into(),
            Atom::MspProgram => "the MSP's own compliance program is assessed".into(),
        }
    }
}

/// An applicability condition: `not`-able atoms joined by ` or ` (any holds) — e.g.
/// `entity:business-associate or entity:msp`, `service:telehealth`, `not entity:plan`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    any: Vec<(bool, Atom)>,
}

impl Condition {
    pub fn parse(s: &str) -> Result<Condition, String> {
        let any = s
            .split(" or ")
            .map(|part| {
                let part = part.trim();
                match part.strip_prefix("not ") {
                    Some(rest) => Ok((true, Atom::parse(rest)?)),
                    None => Ok((false, Atom::parse(part)?)),
                }
            })
            .collect::<Result<Vec<_>, String>>()?;
        if any.is_empty() {
            return Err("an empty condition".into());
        }
        Ok(Condition { any })
    }

    pub fn holds(&self, p: &Profile) -> bool {
        self.any.iter().any(|(not, a)| a.holds(p) != *not)
    }

    /// Why a question is out of scope, in words: "it applies only when …".
    pub fn why_not(&self) -> String {
        let parts: Vec<String> = self
            .any
            .iter()
            .map(|(not, a)| {
                if *not {
                    format!("not when {}", a.words())
                } else {
                    a.words()
                }
            })
            .collect();
        format!("applies only when {}", parts.join(", or "))
    }
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;

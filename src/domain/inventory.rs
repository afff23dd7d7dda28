//! The ePHI inventory (OCR's risk-analysis elements 1 and 2: scope and data collection): every
//! system, device, service and store of paper that creates, receives, maintains or transmits
//! ePHI, and the flows of ePHI between them and outside parties. Assets (`A-01`) and flows
//! (`F-01`) get ids that are never reused; every edit is logged as the vendor register's are.

use serde::{Deserialize, Serialize};

use crate::domain::vendor::PhiUse;

/// What kind of thing an asset is; it decides which threats the library proposes for it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum AssetKind {
    /// An EHR or practice-management system.
    Ehr,
    Server,
    Workstation,
    Laptop,
    Mobile,
    MedicalDevice,
    Network,
    Cloud,
    Email,
    Backup,
    Removable,
    Paper,
    FaxPhone,
    #[default]
    Other,
}

impl AssetKind {
    pub const ALL: [AssetKind; 14] = [
        AssetKind::Ehr,
        AssetKind::Server,
        AssetKind::Workstation,
        AssetKind::Laptop,
        AssetKind::Mobile,
        AssetKind::MedicalDevice,
        AssetKind::Network,
        AssetKind::Cloud,
        AssetKind::Email,
        AssetKind::Backup,
        AssetKind::Removable,
        AssetKind::Paper,
        AssetKind::FaxPhone,
        AssetKind::Other,
    ];

    /// The name in CSV files and on the command line.
    pub fn word(self) -> &'static str {
        match self {
            AssetKind::Ehr => "ehr",
            AssetKind::Server => "server",
            AssetKind::Workstation => "workstation",
            AssetKind::Laptop => "laptop",
            AssetKind::Mobile => "mobile",
            AssetKind::MedicalDevice => "medical-device",
            AssetKind::Network => "network",
            AssetKind::Cloud => "cloud",
            AssetKind::Email => "email",
            AssetKind::Backup => "backup",
            AssetKind::Removable => "removable",
            AssetKind::Paper => "paper",
            AssetKind::FaxPhone => "fax-phone",
            AssetKind::Other => "other",
        }
    }

    /// The name on screen and in reports.
    pub fn label(self) -> &'static str {
        match self {
            AssetKind::Ehr => "EHR or practice management",
            AssetKind::Server => "Server or NAS",
            AssetKind::Workstation => "Workstation",
            AssetKind::Laptop => "Laptop",
            AssetKind::Mobile => "Mobile device",
            AssetKind::MedicalDevice => "Medical device",
            AssetKind::Network => "Network device",
            AssetKind::Cloud => "Cloud service",
            AssetKind::Email => "Email",
            AssetKind::Backup => "Backup",
            AssetKind::Removable => "Removable media",
            AssetKind::Paper => "Paper records",
            AssetKind::FaxPhone => "Fax or phone",
            AssetKind::Other => "Other",
        }
    }

    /// Reads a kind from its word or its label, any case.
    pub fn parse(s: &str) -> Option<AssetKind> {
        let s = s.trim().to_lowercase();
        AssetKind::ALL
            .into_iter()
            .find(|k| k.word() == s || k.label().to_lowercase() == s)
    }

    /// The accepted words, for error messages.
    pub fn accepted() -> String {
        AssetKind::ALL.map(AssetKind::word).join(", ")
    }

    /// The kinds an asset word of the threat library stands for ("Laptops", "File server").
    pub fn of_library_word(word: &str) -> &'static [AssetKind] {
        use AssetKind as K;
        match word.to_lowercase().as_str() {
            "workstations" => &[K::Workstation, K::Laptop],
            "laptops" => &[K::Laptop],
            "ehr" => &[K::Ehr],
            "file server" => &[K::Server],
            "email" => &[K::Email],
            "backups" => &[K::Backup],
            "mobile devices" | "phones" => &[K::Mobile, K::FaxPhone],
            "remote access" | "network devices" => &[K::Network],
            "cloud storage" | "clearinghouse" | "billing" | "patient portal" | "telehealth"
            | "website" => &[K::Cloud],
            "fax" => &[K::FaxPhone],
            "paper records" => &[K::Paper],
            "removable media" => &[K::Removable],
            "medical devices" => &[K::MedicalDevice],
            "copiers" => &[K::Other],
            _ => &[],
        }
    }
}

/// Whether data is encrypted (at rest or in transit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Encryption {
    Yes,
    No,
    Partial,
    #[default]
    Unknown,
}

impl Encryption {
    pub const ALL: [Encryption; 4] = [
        Encryption::Yes,
        Encryption::No,
        Encryption::Partial,
        Encryption::Unknown,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Encryption::Yes => "yes",
            Encryption::No => "no",
            Encryption::Partial => "partial",
            Encryption::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Encryption> {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return Some(Encryption::Unknown);
        }
        Encryption::ALL.into_iter().find(|e| e.word() == s)
    }
}

/// One asset, or a group of alike assets ("8 front-desk workstations").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// `A-01`, assigned when added, never reused.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: AssetKind,
    /// How many alike items the row stands for.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// How it holds ePHI; empty when it holds none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ephi: Vec<PhiUse>,
    /// A rough number of patient records, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<u64>,
    #[serde(default)]
    pub encrypted_at_rest: Encryption,
    #[serde(default)]
    pub encrypted_in_transit: Encryption,
    /// The business associate behind it (a vendor id of the register).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vendor: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Why the asset carries no significant risk, when the consultant judged so instead of
    /// rating a risk for it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub no_risk: String,
    /// Carried from the last assessment and not confirmed since (cleared by the next edit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverify: bool,
}

impl Default for Asset {
    /// A blank asset stands for one item.
    fn default() -> Asset {
        Asset {
            id: String::new(),
            name: String::new(),
            kind: AssetKind::default(),
            count: 1,
            location: String::new(),
            owner: String::new(),
            ephi: Vec::new(),
            records: None,
            encrypted_at_rest: Encryption::default(),
            encrypted_in_transit: Encryption::default(),
            vendor: String::new(),
            notes: String::new(),
            no_risk: String::new(),
            reverify: false,
        }
    }
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Asset {
    pub fn holds_ephi(&self) -> bool {
        !self.ephi.is_empty()
    }

    /// "create, maintain" or "none".
    pub fn ephi_text(&self) -> String {
        if self.ephi.is_empty() {
            "none".into()
        } else {
            self.ephi
                .iter()
                .map(|u| u.word())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Reads "create, receive maintain" (commas or spaces; "none" or empty for none).
pub fn parse_ephi(s: &str) -> Result<Vec<PhiUse>, String> {
    let mut out = Vec::new();
    for w in s
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        if w == "none" {
            continue;
        }
        let Some(u) = PhiUse::ALL.into_iter().find(|u| u.word() == w) else {
            return Err(format!(
                "\"{}\" is not one of create, receive, maintain, transmit",
                crate::domain::text::truncate_clean(&w, 30)
            ));
        };
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out.sort();
    Ok(out)
}

/// How ePHI moves along a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Channel {
    Email,
    Portal,
    Fax,
    Interface,
    Removable,
    Paper,
    Share,
    #[default]
    Other,
}

impl Channel {
    pub const ALL: [Channel; 8] = [
        Channel::Email,
        Channel::Portal,
        Channel::Fax,
        Channel::Interface,
        Channel::Removable,
        Channel::Paper,
        Channel::Share,
        Channel::Other,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Portal => "portal",
            Channel::Fax => "fax",
            Channel::Interface => "api",
            Channel::Removable => "removable",
            Channel::Paper => "paper",
            Channel::Share => "share",
            Channel::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Email => "Email",
            Channel::Portal => "Portal",
            Channel::Fax => "Fax",
            Channel::Interface => "API or interface",
            Channel::Removable => "Removable media",
            Channel::Paper => "Paper",
            Channel::Share => "Network share",
            Channel::Other => "Other",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        let s = s.trim().to_lowercase();
        Channel::ALL
            .into_iter()
            .find(|c| c.word() == s || c.label().to_lowercase() == s)
    }

    pub fn accepted() -> String {
        Channel::ALL.map(Channel::word).join(", ")
    }
}

/// ePHI moving from an asset (or an outside party) to an asset (or an outside party).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// `F-01`, assigned when added, never reused.
    pub id: String,
    /// An asset id of the inventory, or an outside party in words ("Reference lab").
    pub from: String,
    pub to: String,
    /// What ePHI moves ("lab orders and results").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data: String,
    #[serde(default)]
    pub channel: Channel,
    /// How it is protected on the way ("TLS 1.2 interface, VPN").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protection: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverify: bool,
}

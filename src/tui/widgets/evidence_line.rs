//! One evidence item as a line of text: the audit detail, the vendor detail and the
//! evidence list all show items this way.

use chrono::NaiveDate;

use crate::domain::evidence::{self, EvidenceState};
use crate::domain::workspace::EvidenceItem;

/// One line about an item: label, file, dates, and how its expiry stands today.
pub fn item_line(e: &EvidenceItem, today: NaiveDate, window: u32) -> String {
    let mut parts = vec![e.label.clone()];
    if !e.file.is_empty() {
        parts.push(e.file_name().to_string());
    }
    if let Some(d) = e.collected {
        parts.push(format!("collected {d}"));
    }
    if let Some(d) = e.expires {
        let how = match evidence::expiry(e, today, window) {
            Some(EvidenceState::Expired) => " — EXPIRED",
            Some(_) => " — expiring",
            None => "",
        };
        parts.push(format!("expires {d}{how}"));
    }
    format!("• {}", parts.join(" · "))
}

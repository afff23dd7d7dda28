//! Document control of the report: the versions issued before the one being written, kept
//! in the engagement and edited on one line of its form.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One issued version of the report, for its document control history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    pub version: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Issued {
    /// As the engagement form shows it: `VERSION DATE NOTE`.
    pub fn shown(&self) -> String {
        format!("{} {} {}", self.version, self.date, self.note)
            .trim_end()
            .to_string()
    }
}

impl Issued {
    /// A list as the form shows it: entries split by `;`.
    pub fn list(issues: &[Issued]) -> String {
        issues
            .iter()
            .map(Issued::shown)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The form's line back into entries: `VERSION YYYY-MM-DD NOTE; …`.
    pub fn parse_list(text: &str) -> Result<Vec<Issued>, String> {
        let mut out = Vec::new();
        for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
            let mut words = entry.splitn(3, char::is_whitespace);
            let version = words.next().unwrap_or_default().to_string();
            let date = words.next().unwrap_or_default();
            let date = crate::domain::dates::parse_date(date).map_err(|_| {
                format!(
                    "'{entry}': write each issued version as VERSION YYYY-MM-DD NOTE, split by ;"
                )
            })?;
            let note = words.next().unwrap_or_default().trim().to_string();
            out.push(Issued {
                version,
                date,
                note,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_versions_read_back_as_the_form_shows_them() {
        let text = "0.9 2026-11-20 Draft for the practice's review; 1.0 2026-11-28";
        let list = Issued::parse_list(text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].note, "Draft for the practice's review");
        assert_eq!(Issued::list(&list), text);
        assert!(Issued::parse_list("1.0 tomorrow").is_err());
        assert!(Issued::parse_list(" ; ").unwrap().is_empty());
    }
}

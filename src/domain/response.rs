//! Management's response to a finding: whether the client agrees, agrees in part or
//! disagrees, in their words, captured in the review meeting. Kept with the gap's remediation
//! (so it survives answer changes) and echoed in the gap's thread, so the minutes show it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where management stands on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Stance {
    #[default]
    Agree,
    Partly,
    Disagree,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Agree, Stance::Partly, Stance::Disagree];

    pub fn label(self) -> &'static str {
        match self {
            Stance::Agree => "Agrees",
            Stance::Partly => "Agrees in part",
            Stance::Disagree => "Disagrees",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Partly => "partly",
            Stance::Disagree => "disagree",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        match s.trim().to_ascii_lowercase().as_str() {
            "agree" | "agrees" | "yes" => Some(Stance::Agree),
            "partly" | "part" | "partial" | "partly agree" | "agrees in part" => {
                Some(Stance::Partly)
            }
            "disagree" | "disagrees" | "no" => Some(Stance::Disagree),
            _ => None,
        }
    }
}

/// Management's response to one finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub stance: Stance,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Who gave it for management (as typed: "Dana Whitfield").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub date: NaiveDate,
}

impl Response {
    /// Reads what is typed in the prompt: `agree`, `partly` or `disagree`, then the words
    /// (after `:`, `-` or a space); a leading `Name:` says who answered for management
    /// (`Dana: partly: the ECG cart stays as it is`).
    pub fn parse(input: &str, date: NaiveDate) -> Result<Response, String> {
        let input = input.trim();
        let err = || {
            format!(
                "start with agree, partly or disagree (then the words), e.g. \"partly: {}\"",
                "the ECG cart stays until it is replaced"
            )
        };
        let split = |s: &str| -> Option<(Stance, String)> {
            let lower = s.to_ascii_lowercase();
            for word in [
                "agrees in part",
                "partly agree",
                "disagrees",
                "disagree",
                "agrees",
                "agree",
                "partly",
                "partial",
            ] {
                if let Some(rest) = lower.strip_prefix(word) {
                    let after = rest.chars().next();
                    if after.is_none_or(|c| !c.is_alphanumeric()) {
                        let text = s[word.len()..]
                            .trim_start_matches([':', '-', '—', ',', '.', ' '])
                            .trim();
                        return Some((Stance::parse(word)?, text.to_string()));
                    }
                }
            }
            None
        };
        if let Some((stance, text)) = split(input) {
            return Ok(Response {
                stance,
                text,
                by: String::new(),
                date,
            });
        }
        // "Name: stance …"
        if let Some((name, rest)) = input.split_once(':')
            && let Some((stance, text)) = split(rest.trim())
            && !name.trim().is_empty()
        {
            return Ok(Response {
                stance,
                text,
                by: name.trim().to_string(),
                date,
            });
        }
        Err(err())
    }

    /// One line: "Agrees in part (Dana Whitfield, 2026-12-02): the words".
    pub fn line(&self) -> String {
        let who = if self.by.is_empty() {
            self.date.to_string()
        } else {
            format!("{}, {}", self.by, self.date)
        };
        if self.text.is_empty() {
            format!("{} ({who})", self.stance.label())
        } else {
            format!("{} ({who}): {}", self.stance.label(), self.text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn a_typed_response_reads_its_stance_words_and_who() {
        let r = Response::parse("partly: the ECG cart stays", day()).unwrap();
        assert_eq!(
            (r.stance, r.text.as_str()),
            (Stance::Partly, "the ECG cart stays")
        );
        let r = Response::parse("Dana Whitfield: disagree - the landlord owns it", day()).unwrap();
        assert_eq!(
            (r.stance, r.text.as_str(), r.by.as_str()),
            (Stance::Disagree, "the landlord owns it", "Dana Whitfield")
        );
        let r = Response::parse("Agree", day()).unwrap();
        assert_eq!((r.stance, r.text.as_str()), (Stance::Agree, ""));
        // "agreement" is not "agree"; nothing else is guessed.
        assert!(Response::parse("agreement pending", day()).is_err());
        assert!(Response::parse("", day()).is_err());
        assert!(Response::parse("maybe later", day()).is_err());
    }
}

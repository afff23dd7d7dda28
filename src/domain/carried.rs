//! What a workspace records of the years around it: where it was carried from, where it was
//! carried into, and the notes carried with its answers. Plain types, apart from `carry` so
//! that the workspace can hold them without depending on the carrying itself.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a carried-forward workspace came from: the last assessment's file name, when it
/// started, and a SHA-256 of its bytes as they were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<NaiveDate>,
    pub sha256: String,
}

/// Where an assessment was carried to: the next one's file (its name when it sits in the
/// same folder, else its full path) and the day it was made. The portfolio folds this
/// file under that one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedInto {
    pub file: String,
    pub on: NaiveDate,
}

/// A note carried from an earlier assessment, with the year it was written in. It stays
/// apart from this year's observation, which starts empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierNote {
    pub year: i32,
    pub text: String,
}

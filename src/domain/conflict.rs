//! A merge conflict recorded inside a workspace (see `merge`): plain data, so the workspace
//! can hold its conflicts without knowing how merging works.
use serde::{Deserialize, Serialize};

/// Both sides changed one field differently: our value stands until someone resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The question or register entry id, or `engagement`.
    pub id: String,
    /// The field: `answer`, `note`, `reason`, `evidence`, `owner`, `due`, `status`, `plan`,
    /// `likelihood`, `impact`, `risk` (the whole register entry), or an engagement field.
    pub field: String,
    /// Each side's value, as RON.
    pub ours: String,
    pub theirs: String,
    #[serde(default)]
    pub base: String,
}

//! What the "What needs me" page shows.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedView {
    /// What marking it done sends.
    pub key: String,
    pub process: String,
    pub words: String,
    pub href: String,
    /// "Closes on 31 March 2027", for a vote with a closing time.
    pub when: Option<String>,
    /// More about it: for a changed document, which sections changed.
    #[serde(default)]
    pub detail: Option<String>,
}

/// `/me/needs`, for the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsPage {
    pub items: Vec<NeedView>,
    /// Each process they take part in, with its one-page "what's happening": (title, address).
    #[serde(default)]
    pub happening: Vec<(String, String)>,
}

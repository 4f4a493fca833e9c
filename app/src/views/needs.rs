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
}

/// `/me/needs`, for the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsPage {
    pub items: Vec<NeedView>,
}

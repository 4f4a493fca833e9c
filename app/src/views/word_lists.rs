//! What the word-lists page shows.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;

/// `/processes/:id/words`: both lists as the plain lines they are edited in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordListsPage {
    pub process: ProcessSummary,
    pub glossary: String,
    pub language: String,
    pub may_edit: bool,
}

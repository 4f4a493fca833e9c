//! What the influence page shows.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::influence::Ledger;

/// One closed decision: everyone's result beside that of people with lived experience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionVoice {
    pub question: String,
    pub path: String,
    pub passed: bool,
    /// `None` when a secret result shows only its outcome.
    pub everyone: Option<String>,
    /// The result among people with lived experience, or why it is not shown.
    pub lived_experience: Result<String, String>,
}

/// How much of a ratified text came from accepted amendments, and from whose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordShare {
    pub document: String,
    pub version: u32,
    pub total_words: u32,
    /// Per cent of the words.
    pub from_amendments: u32,
    /// Per group of proposers ("People with lived experience"): per cent of the words, or
    /// `None` when the group is too small to show (as in the ledger).
    pub by_group: Vec<(String, Option<u32>)>,
}

/// `/processes/:id/influence`: whose words carried, for anyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfluencePage {
    pub process: ProcessSummary,
    pub ledger: Ledger,
    /// Closed decisions, newest first.
    pub decisions: Vec<DecisionVoice>,
    /// Each ratified document in force.
    pub words: Vec<WordShare>,
}

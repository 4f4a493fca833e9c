//! What the influence page shows.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::influence::Ledger;

/// `/processes/:id/influence`: whose words carried, for anyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfluencePage {
    pub process: ProcessSummary,
    pub ledger: Ledger,
}

//! What the sign-in code pages show: a process's batches, and one batch to print.

use serde::{Deserialize, Serialize};

use crate::domain::{ProcessSummary, SignInCode};

/// A batch with its process, for the print page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintableBatch {
    pub process: ProcessSummary,
    pub expires_at: i64,
    pub revoked: bool,
    /// Codes not yet used (the ones worth printing).
    pub unused: Vec<SignInCode>,
    pub used: usize,
    /// Where people type the code, as this site is reached.
    pub join_url: String,
}

/// Batches of a process, for its facilitators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeBatches {
    pub process: ProcessSummary,
    pub batches: Vec<BatchView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchView {
    pub id: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked: bool,
    pub total: i64,
    pub used: i64,
}

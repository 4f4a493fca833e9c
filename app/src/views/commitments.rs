//! What the "You said, we did" page shows: each commitment on a ratified section, where it
//! stands, and its dated updates.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::commitment::CommitmentStatus;
use crate::domain::document::DocumentKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateView {
    pub id: i64,
    pub status: CommitmentStatus,
    pub note: Option<String>,
    pub at: i64,
    /// What people taking part said about it, oldest first.
    pub comments: Vec<UpdateCommentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateCommentView {
    pub id: i64,
    /// The author as they chose to appear to this reader.
    pub by: String,
    /// `None` once a facilitator hid it.
    pub body: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentView {
    pub id: i64,
    pub kind: DocumentKind,
    pub section: u32,
    /// The section's heading in the ratified version.
    pub section_heading: String,
    pub what: String,
    pub responsible: String,
    pub measure: String,
    /// "YYYY-MM-DD" and "31 March 2027".
    pub due_iso: String,
    pub due_long: String,
    pub status: CommitmentStatus,
    pub overdue: bool,
    /// Oldest first.
    pub updates: Vec<UpdateView>,
}

/// A ratified document (the ratification in force) and its sections, to make commitments on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatifiedDocument {
    pub kind: DocumentKind,
    pub version: u32,
    /// (key, heading), in order.
    pub sections: Vec<(u32, String)>,
}

/// `/processes/:id/commitments`, for anyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentsPage {
    pub process: ProcessSummary,
    pub documents: Vec<RatifiedDocument>,
    pub commitments: Vec<CommitmentView>,
    pub may_manage: bool,
    /// The reader takes part, so may comment on an update.
    pub may_comment: bool,
    /// The reader is a facilitator, so may hide a comment.
    pub may_moderate: bool,
}

//! What the people pages show: who takes part (as each chose to appear), the people page for
//! administrators, and a person's own profile.

use serde::{Deserialize, Serialize};

use crate::domain::{
    Constituency, ConstituencyClaim, ProcessId, ProcessRole, ProcessSummary, Profile,
};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Members {
    pub process: ProcessSummary,
    pub people: Vec<Member>,
    /// Whether the viewer may confirm constituencies and change roles.
    pub can_manage: bool,
    /// Whether the viewer may read the audit trail (process administrators, commissioners).
    pub may_read_audit: bool,
    /// The site's address, for invitation links.
    pub site_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// A pseudonymous id, for the forms that act on this person.
    pub person_id: i64,
    /// As they chose to appear to people taking part.
    pub shown_as: String,
    pub roles: Vec<ProcessRole>,
    pub claims: Vec<ConstituencyClaim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub total: usize,
    /// People counted in each constituency (a person may count in several).
    pub by_constituency: Vec<(Constituency, usize)>,
    /// Each person as they appear to this viewer (by name only where they chose that), the
    /// first to join only in a large process.
    pub people: Vec<String>,
    /// How many more take part than `people` names.
    pub more: usize,
    /// Whether the viewer sees the participants' view (they are a member) or the public one.
    pub as_participant: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnProfile {
    pub profile: Profile,
    pub shown_to_participants: String,
    pub shown_publicly: String,
    pub processes: Vec<MyProcess>,
    /// The email the person signs in with, if any (shown only to them).
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProcess {
    pub id: ProcessId,
    pub title: String,
    pub roles: Vec<ProcessRole>,
    pub claims: Vec<ConstituencyClaim>,
}

/// The audit trail of a process: roles given and taken, constituencies confirmed, guests
/// admitted and removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub process: ProcessSummary,
    /// Newest first.
    pub lines: Vec<AuditLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: i64,
    /// Who made the change, as they appear to people taking part.
    pub by: String,
    /// Whom it was about.
    pub whom: Option<String>,
    /// What happened, in words ("gave the role: Commissioner").
    pub what: String,
}

//! People, as the rules see them. Identity details (names, email) arrive with the people
//! issue; what matters here is who is acting and what they may do.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonId(i64);

impl PersonId {
    pub fn new(raw: i64) -> Self {
        Self(raw)
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// Roles that apply across the whole site, not to one process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteRole {
    /// Creates processes and appoints their administrators.
    SiteAdmin,
    /// Everyone else; what they may do is decided per process.
    Member,
}

/// The signed-in person making a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub person: PersonId,
    pub site_role: SiteRole,
}

impl Viewer {
    pub fn is_site_admin(&self) -> bool {
        self.site_role == SiteRole::SiteAdmin
    }
}

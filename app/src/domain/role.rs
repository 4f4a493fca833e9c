//! Roles within one process.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProcessRole {
    Participant,
    /// A member of the drafting group: writes and edits the documents.
    Drafter,
    /// Runs workshops, creates sign-in codes, moderates.
    Facilitator,
    /// May ratify a definition once a decision to adopt it has passed.
    Commissioner,
    /// Manages the process and its people.
    ProcessAdmin,
}

impl ProcessRole {
    pub const ALL: [ProcessRole; 5] = [
        Self::Participant,
        Self::Drafter,
        Self::Facilitator,
        Self::Commissioner,
        Self::ProcessAdmin,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Participant => "participant",
            Self::Drafter => "drafter",
            Self::Facilitator => "facilitator",
            Self::Commissioner => "commissioner",
            Self::ProcessAdmin => "process_admin",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Participant => "Participant",
            Self::Drafter => "Drafter",
            Self::Facilitator => "Facilitator",
            Self::Commissioner => "Commissioner",
            Self::ProcessAdmin => "Process administrator",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_slugs_round_trip() {
        for r in ProcessRole::ALL {
            assert_eq!(ProcessRole::from_slug(r.slug()), Some(r));
        }
        assert_eq!(ProcessRole::from_slug("admin"), None);
    }
}

//! Constituencies: the groups a person takes part as. A person may belong to several.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Constituency {
    /// A current or past user of drug and alcohol services.
    LivedExperience,
    FamilyOrCarer,
    /// A peer supporter or recovery champion.
    PeerSupporter,
    ProviderStaff,
    Commissioner,
    Other,
}

impl Constituency {
    pub const ALL: [Constituency; 6] = [
        Self::LivedExperience,
        Self::FamilyOrCarer,
        Self::PeerSupporter,
        Self::ProviderStaff,
        Self::Commissioner,
        Self::Other,
    ];

    /// The stable name used in forms and the database.
    pub fn slug(self) -> &'static str {
        match self {
            Self::LivedExperience => "lived_experience",
            Self::FamilyOrCarer => "family_or_carer",
            Self::PeerSupporter => "peer_supporter",
            Self::ProviderStaff => "provider_staff",
            Self::Commissioner => "commissioner",
            Self::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// How one member is described: "a person with lived experience".
    /// "people with lived experience": the group, for sentences about who may do something.
    pub fn plural(self) -> &'static str {
        match self {
            Self::LivedExperience => "people with lived experience",
            Self::FamilyOrCarer => "family members and carers",
            Self::PeerSupporter => "peer supporters",
            Self::ProviderStaff => "provider staff",
            Self::Commissioner => "commissioners",
            Self::Other => "other participants",
        }
    }

    pub fn one_member(self) -> &'static str {
        match self {
            Self::LivedExperience => "a person with lived experience",
            Self::FamilyOrCarer => "a family member or carer",
            Self::PeerSupporter => "a peer supporter",
            Self::ProviderStaff => "a member of provider staff",
            Self::Commissioner => "a commissioner",
            Self::Other => "a participant",
        }
    }

    /// The label of a checkbox for declaring it.
    pub fn label(self) -> &'static str {
        match self {
            Self::LivedExperience => "I use or have used drug or alcohol services",
            Self::FamilyOrCarer => "I am a family member or carer",
            Self::PeerSupporter => "I am a peer supporter or recovery champion",
            Self::ProviderStaff => "I work for a service provider",
            Self::Commissioner => "I am a commissioner",
            Self::Other => "Something else",
        }
    }

    /// Anyone can say they have lived experience; nobody can make themselves a commissioner
    /// or provider staff without a process administrator confirming it.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Self::ProviderStaff | Self::Commissioner)
    }
}

/// A declared constituency and whether it counts yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstituencyClaim {
    pub constituency: Constituency,
    pub confirmed: bool,
}

impl ConstituencyClaim {
    /// A new declaration: confirmed at once unless it needs an administrator.
    pub fn declare(constituency: Constituency) -> Self {
        Self {
            constituency,
            confirmed: !constituency.needs_confirmation(),
        }
    }
}

/// The constituencies that count for a person: declared and, where needed, confirmed.
pub fn counted(claims: &[ConstituencyClaim]) -> Vec<Constituency> {
    let mut out: Vec<Constituency> = claims
        .iter()
        .filter(|c| c.confirmed)
        .map(|c| c.constituency)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_unknown_slugs_are_refused() {
        for c in Constituency::ALL {
            assert_eq!(Constituency::from_slug(c.slug()), Some(c));
        }
        assert_eq!(Constituency::from_slug("site_admin"), None);
    }

    #[test]
    fn lived_experience_counts_at_once() {
        assert!(ConstituencyClaim::declare(Constituency::LivedExperience).confirmed);
    }

    #[test]
    fn nobody_can_make_themselves_a_commissioner_or_provider_staff() {
        assert!(!ConstituencyClaim::declare(Constituency::Commissioner).confirmed);
        assert!(!ConstituencyClaim::declare(Constituency::ProviderStaff).confirmed);
        let claims = [
            ConstituencyClaim::declare(Constituency::Commissioner),
            ConstituencyClaim::declare(Constituency::FamilyOrCarer),
        ];
        assert_eq!(counted(&claims), vec![Constituency::FamilyOrCarer]);
    }
}

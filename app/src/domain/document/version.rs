//! Versions and publications: numbers, the one-line summary of a change, and the status a
//! published version carries.

use serde::{Deserialize, Serialize};

use crate::domain::text::{TextError, clean};

/// A version's number within its document: 1 for the first save, then one more per save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VersionNumber(u32);

impl VersionNumber {
    pub const FIRST: VersionNumber = VersionNumber(1);

    pub fn new(raw: u32) -> Option<Self> {
        (raw >= 1).then_some(Self(raw))
    }

    /// From a form field or URL segment.
    pub fn parse(raw: &str) -> Option<Self> {
        raw.trim().parse::<u32>().ok().and_then(Self::new)
    }

    pub fn get(self) -> u32 {
        self.0
    }

    pub fn next(self) -> Self {
        Self(self.0.saturating_add(1))
    }
}

impl std::fmt::Display for VersionNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The optional one-line summary someone gives of their change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangeSummary(String);

impl ChangeSummary {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        match clean(raw, Self::MAX_CHARS, false) {
            Ok(text) => Ok(Self(text)),
            Err(TextError::Empty) => Ok(Self::default()),
            Err(e) => Err(e),
        }
    }

    /// A summary the product writes itself, for changes made by a button (move, add, remove).
    pub fn automatic(text: impl Into<String>) -> Self {
        let text: String = text.into();
        Self(text.chars().take(Self::MAX_CHARS).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a published version is, shown on the public page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublicationStatus {
    DraftForConsultation,
    Ratified,
}

impl PublicationStatus {
    pub fn slug(self) -> &'static str {
        match self {
            Self::DraftForConsultation => "draft_for_consultation",
            Self::Ratified => "ratified",
        }
    }

    pub fn from_slug(raw: &str) -> Option<Self> {
        [Self::DraftForConsultation, Self::Ratified]
            .into_iter()
            .find(|s| s.slug() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DraftForConsultation => "Draft for consultation",
            Self::Ratified => "Ratified",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_numbers_start_at_one() {
        assert_eq!(VersionNumber::new(0), None);
        assert_eq!(VersionNumber::parse(" 3 "), VersionNumber::new(3));
        assert_eq!(VersionNumber::parse("-1"), None);
        assert_eq!(VersionNumber::parse("x"), None);
        assert_eq!(VersionNumber::FIRST.next().get(), 2);
    }

    #[test]
    fn a_summary_is_optional_one_line_and_bounded() {
        assert!(ChangeSummary::parse("  ").unwrap().is_empty());
        assert_eq!(
            ChangeSummary::parse(" Tidied hope ").unwrap().as_str(),
            "Tidied hope"
        );
        assert!(ChangeSummary::parse("two\nlines").is_err());
        assert!(matches!(
            ChangeSummary::parse(&"s".repeat(201)),
            Err(TextError::TooLong { .. })
        ));
        assert_eq!(
            ChangeSummary::automatic("m".repeat(300)).as_str().len(),
            200
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            PublicationStatus::DraftForConsultation,
            PublicationStatus::Ratified,
        ] {
            assert_eq!(PublicationStatus::from_slug(s.slug()), Some(s));
        }
    }
}

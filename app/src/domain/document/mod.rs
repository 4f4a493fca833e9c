//! Versioned documents: "Our local definition of recovery" and "Our ROIS vision", each an
//! ordered list of sections (a heading and a Markdown body). Every saved version is a full,
//! immutable copy of its sections, so showing or comparing any two versions never replays
//! history.

pub mod diff;
pub mod easy_read;
pub mod editing;
pub mod marked;
pub mod render;
pub mod templates;
pub mod version;

use serde::{Deserialize, Serialize};

use super::text::{TextError, bounded_text, clean};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    Definition,
    RoisVision,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 2] = [Self::Definition, Self::RoisVision];

    pub fn title(self) -> &'static str {
        match self {
            Self::Definition => "Our local definition of recovery",
            Self::RoisVision => "Our ROIS vision",
        }
    }

    /// What the title's abbreviation means, for readers who do not know it.
    pub fn explanation(self) -> Option<&'static str> {
        match self {
            Self::Definition => None,
            Self::RoisVision => Some(
                "ROIS means a recovery-oriented integrated system: all the local services and community support that help people recover, working together.",
            ),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Definition => "definition",
            Self::RoisVision => "rois-vision",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// A section's identity, kept across versions so that a renamed or moved section is still
/// recognised as the same section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SectionKey(u32);

impl SectionKey {
    pub fn new(raw: u32) -> Self {
        Self(raw)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

bounded_text!(SectionHeading, max_chars = 120, multiline = false);

/// A section's Markdown text. May be empty (a section waiting to be written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionBody(String);

impl SectionBody {
    pub const MAX_CHARS: usize = 20_000;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        match clean(raw, Self::MAX_CHARS, true) {
            Ok(text) => Ok(Self(text)),
            Err(TextError::Empty) => Ok(Self(String::new())),
            Err(e) => Err(e),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub key: SectionKey,
    pub heading: SectionHeading,
    pub body: SectionBody,
    /// The section in easy read, if someone wrote one (see [`easy_read`]). Absent from
    /// versions saved before easy read existed, and from the JSON when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_read: Option<easy_read::EasyRead>,
}

/// Why a set of sections cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    TooManySections { max: usize },
    NoSections,
    DuplicateKey(SectionKey),
}

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooManySections { max } => {
                write!(f, "A document can have at most {max} sections.")
            }
            Self::NoSections => f.write_str("A document needs at least one section."),
            Self::DuplicateKey(_) => {
                f.write_str("Two sections were the same section. Please reload and try again.")
            }
        }
    }
}

/// The sections of one version, in order. Valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentContent(Vec<Section>);

impl DocumentContent {
    pub const MAX_SECTIONS: usize = 60;

    pub fn new(sections: Vec<Section>) -> Result<Self, ContentError> {
        if sections.is_empty() {
            return Err(ContentError::NoSections);
        }
        if sections.len() > Self::MAX_SECTIONS {
            return Err(ContentError::TooManySections {
                max: Self::MAX_SECTIONS,
            });
        }
        let mut keys: Vec<SectionKey> = sections.iter().map(|s| s.key).collect();
        keys.sort();
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            return Err(ContentError::DuplicateKey(w[0]));
        }
        Ok(Self(sections))
    }

    pub fn sections(&self) -> &[Section] {
        &self.0
    }

    /// A key no section of this content uses yet, for a new section.
    pub fn next_key(&self) -> SectionKey {
        SectionKey(self.0.iter().map(|s| s.key.0).max().unwrap_or(0) + 1)
    }
}

/// Content from (key, heading, body) triples, for tests across the domain.
#[cfg(test)]
pub(crate) fn test_content(sections: &[(u32, &str, &str)]) -> DocumentContent {
    DocumentContent::new(
        sections
            .iter()
            .map(|(k, h, b)| Section {
                key: SectionKey::new(*k),
                heading: SectionHeading::parse(h).unwrap(),
                body: SectionBody::parse(b).unwrap(),
                easy_read: None,
            })
            .collect(),
    )
    .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(key: u32, heading: &str) -> Section {
        Section {
            key: SectionKey::new(key),
            heading: SectionHeading::parse(heading).unwrap(),
            body: SectionBody::parse("").unwrap(),
            easy_read: None,
        }
    }

    #[test]
    fn an_empty_body_is_allowed_but_an_empty_heading_is_not() {
        assert_eq!(SectionBody::parse("  ").unwrap().as_str(), "");
        assert_eq!(SectionHeading::parse(" "), Err(TextError::Empty));
    }

    #[test]
    fn a_heading_longer_than_120_characters_is_rejected() {
        assert!(matches!(
            SectionHeading::parse(&"h".repeat(121)),
            Err(TextError::TooLong { .. })
        ));
    }

    #[test]
    fn a_body_over_the_limit_is_rejected() {
        assert!(matches!(
            SectionBody::parse(&"b".repeat(SectionBody::MAX_CHARS + 1)),
            Err(TextError::TooLong { .. })
        ));
    }

    #[test]
    fn content_limits_are_enforced() {
        assert_eq!(DocumentContent::new(vec![]), Err(ContentError::NoSections));
        let many = (0..=DocumentContent::MAX_SECTIONS as u32)
            .map(|k| section(k, "h"))
            .collect();
        assert!(matches!(
            DocumentContent::new(many),
            Err(ContentError::TooManySections { .. })
        ));
        let dup = vec![section(1, "a"), section(1, "b")];
        assert_eq!(
            DocumentContent::new(dup),
            Err(ContentError::DuplicateKey(SectionKey::new(1)))
        );
    }

    #[test]
    fn new_sections_get_an_unused_key() {
        let c = DocumentContent::new(vec![section(3, "a"), section(7, "b")]).unwrap();
        assert_eq!(c.next_key(), SectionKey::new(8));
    }

    #[test]
    fn kinds_round_trip_through_slugs() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_slug(k.slug()), Some(k));
        }
    }
}

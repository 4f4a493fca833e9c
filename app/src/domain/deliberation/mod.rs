//! Deliberation on the drafts: comments on a section (optionally quoting its words), threads of
//! replies, amendments (proposed replacement text for one section), support for amendments,
//! resolving threads, and moderation. Everything here is pure: the store keeps the rows, the
//! server functions ask these rules.

pub mod activity;
pub mod amendment;
pub mod anchor;
pub mod human_check;
pub mod moderation;
pub mod rate;

use serde::{Deserialize, Serialize};

use super::text::{TextError, bounded_text, clean};

bounded_text!(
    /// What someone says in a comment or reply: Markdown, rendered and sanitised by the same
    /// code as the documents.
    CommentBody,
    max_chars = 5_000,
    multiline = true
);

bounded_text!(
    /// Why someone proposes an amendment, declines one, hides a comment or reports one.
    Reason,
    max_chars = 1_000,
    multiline = true
);

bounded_text!(
    /// The name a member of the public gives with a public comment (optional; see
    /// [`PublicName::parse_optional`]).
    PublicName,
    max_chars = 60,
    multiline = false
);

impl PublicName {
    /// An empty field means "no name".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, TextError> {
        match Self::parse(raw) {
            Ok(name) => Ok(Some(name)),
            Err(TextError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The exact words of a section that a comment is about. One line or several, up to
/// [`Quote::MAX_CHARS`] characters; optional (an empty field means no quote).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote(String);

impl Quote {
    pub const MAX_CHARS: usize = 300;

    pub fn parse_optional(raw: &str) -> Result<Option<Self>, TextError> {
        match clean(raw, Self::MAX_CHARS, true) {
            Ok(text) => Ok(Some(Self(anchor::normalise(&text)))),
            Err(TextError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// For quotes read back from storage, where they were parsed when saved.
    pub fn from_stored(raw: &str) -> Self {
        Self(raw.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The state of a comment thread (the first comment and its replies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadState {
    Open,
    /// Someone said what answered it, e.g. "addressed in version 7".
    Resolved {
        note: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_longer_than_5000_characters_is_rejected() {
        assert!(matches!(
            CommentBody::parse(&"c".repeat(5_001)),
            Err(TextError::TooLong { .. })
        ));
        assert!(CommentBody::parse(&"c".repeat(5_000)).is_ok());
    }

    #[test]
    fn an_empty_comment_is_rejected() {
        assert_eq!(CommentBody::parse("   "), Err(TextError::Empty));
    }

    #[test]
    fn a_quote_is_optional_and_bounded() {
        assert_eq!(Quote::parse_optional("  "), Ok(None));
        assert!(matches!(
            Quote::parse_optional(&"q".repeat(301)),
            Err(TextError::TooLong { .. })
        ));
        assert_eq!(
            Quote::parse_optional(" quick  routes\n to detox ")
                .unwrap()
                .unwrap()
                .as_str(),
            "quick routes to detox",
            "white space is folded so a pasted quote matches"
        );
    }

    #[test]
    fn a_public_name_is_optional() {
        assert_eq!(PublicName::parse_optional(""), Ok(None));
        assert_eq!(
            PublicName::parse_optional(" Sam ")
                .unwrap()
                .unwrap()
                .as_str(),
            "Sam"
        );
        assert!(PublicName::parse_optional("a\nb").is_err());
    }
}

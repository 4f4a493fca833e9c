//! What a decision is about: a free question, adopting a version of a document, or an
//! amendment sent to a vote. Adopting and amending are yes-or-no questions, so they are
//! decided by consent, where passing means "yes".

use serde::{Deserialize, Serialize};

use super::method::Method;
use crate::domain::document::DocumentKind;
use crate::domain::document::version::VersionNumber;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionSubject {
    Question,
    AdoptVersion {
        document: DocumentKind,
        version: VersionNumber,
    },
    Amendment {
        id: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SubjectError {
    #[error(
        "Adopting a version or an amendment is a yes-or-no question: please choose the consent method."
    )]
    NeedsConsent,
}

impl DecisionSubject {
    /// Whether `method` can decide this subject.
    pub fn check(self, method: Method) -> Result<Self, SubjectError> {
        match self {
            Self::Question => Ok(self),
            _ if method == Method::Consent => Ok(self),
            _ => Err(SubjectError::NeedsConsent),
        }
    }

    /// The question to ask when the facilitator leaves it empty.
    pub fn default_question(self) -> Option<String> {
        match self {
            Self::Question => None,
            Self::AdoptVersion { document, version } => Some(format!(
                "Do we adopt version {version} of “{}”?",
                document.title()
            )),
            Self::Amendment { id } => Some(format!("Do we accept amendment {id}?")),
        }
    }

    /// The column values the store keeps: kind, document and number.
    pub fn columns(self) -> (Option<&'static str>, Option<&'static str>, Option<i64>) {
        match self {
            Self::Question => (None, None, None),
            Self::AdoptVersion { document, version } => (
                Some("adopt_version"),
                Some(document.slug()),
                Some(i64::from(version.get())),
            ),
            Self::Amendment { id } => (Some("amendment"), None, Some(id)),
        }
    }

    /// The reverse of [`DecisionSubject::columns`]; `None` for values no version wrote.
    pub fn from_columns(
        kind: Option<&str>,
        document: Option<&str>,
        number: Option<i64>,
    ) -> Option<Self> {
        match (kind, document, number) {
            (None, _, _) => Some(Self::Question),
            (Some("adopt_version"), Some(d), Some(n)) => Some(Self::AdoptVersion {
                document: DocumentKind::from_slug(d)?,
                version: VersionNumber::new(u32::try_from(n).ok()?)?,
            }),
            (Some("amendment"), _, Some(id)) => Some(Self::Amendment { id }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adopt(n: u32) -> DecisionSubject {
        DecisionSubject::AdoptVersion {
            document: DocumentKind::Definition,
            version: VersionNumber::new(n).unwrap(),
        }
    }

    #[test]
    fn adopting_or_amending_needs_consent_and_a_question_takes_any_method() {
        assert_eq!(adopt(3).check(Method::Consent), Ok(adopt(3)));
        assert_eq!(
            adopt(3).check(Method::SingleChoice),
            Err(SubjectError::NeedsConsent)
        );
        assert_eq!(
            DecisionSubject::Amendment { id: 4 }.check(Method::Score),
            Err(SubjectError::NeedsConsent)
        );
        assert!(
            DecisionSubject::Question
                .check(Method::RankedChoice)
                .is_ok()
        );
    }

    #[test]
    fn columns_round_trip_and_nonsense_is_refused() {
        for s in [
            DecisionSubject::Question,
            adopt(12),
            DecisionSubject::Amendment { id: 9 },
        ] {
            let (k, d, n) = s.columns();
            assert_eq!(DecisionSubject::from_columns(k, d, n), Some(s));
        }
        assert_eq!(
            DecisionSubject::from_columns(Some("adopt_version"), Some("menu"), Some(1)),
            None
        );
        assert_eq!(
            DecisionSubject::from_columns(Some("adopt_version"), Some("definition"), Some(0)),
            None
        );
    }

    #[test]
    fn an_empty_question_gets_one_that_names_the_version() {
        assert_eq!(
            adopt(4).default_question().as_deref(),
            Some("Do we adopt version 4 of “Our local definition of recovery”?")
        );
        assert_eq!(DecisionSubject::Question.default_question(), None);
    }
}

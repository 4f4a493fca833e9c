//! Ratification: a commissioner confirms, in their public role, the version a decision
//! adopted. It is allowed only once the decision has closed and passed, and only once per
//! decision; a later ratification of the same document supersedes the earlier one, which
//! stays readable.

use serde::{Deserialize, Serialize};

use super::subject::DecisionSubject;
use crate::domain::document::DocumentKind;
use crate::domain::document::version::VersionNumber;

/// Why a decision cannot be ratified, in words a commissioner can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RatifyRefusal {
    #[error("Only a decision to adopt a version of a document can be ratified.")]
    NotAnAdoption,
    #[error("This decision is still open. It can be ratified once it has closed and passed.")]
    StillOpen,
    #[error("This decision did not pass, so the version it was about cannot be ratified.")]
    DidNotPass,
    #[error("This decision has already been ratified.")]
    AlreadyRatified,
}

/// Why this commissioner cannot ratify yet, whatever the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RatifierRefusal {
    #[error(
        "Your part as a commissioner has not been confirmed. A process administrator must confirm it on the people page before you can ratify."
    )]
    NotConfirmed,
    #[error(
        "Your part as a commissioner must be confirmed by someone other than yourself before you can ratify. Ask another process administrator."
    )]
    ConfirmedBySelf,
}

/// A commissioner may ratify only once their commissioner constituency was confirmed by
/// someone else: `confirmed_by` is `None` when it is not confirmed, `Some(None)` when the
/// confirmer is no longer known.
pub fn may_ratify_as(
    ratifier: crate::domain::PersonId,
    confirmed_by: Option<Option<crate::domain::PersonId>>,
) -> Result<(), RatifierRefusal> {
    match confirmed_by {
        None => Err(RatifierRefusal::NotConfirmed),
        Some(Some(by)) if by != ratifier => Ok(()),
        Some(_) => Err(RatifierRefusal::ConfirmedBySelf),
    }
}

/// The decision as ratification needs to see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionStanding {
    pub subject: DecisionSubject,
    /// `None` while open; whether it passed once closed.
    pub passed: Option<bool>,
    pub already_ratified: bool,
}

/// The document and version that ratifying this decision makes the ratified one.
pub fn may_ratify(d: DecisionStanding) -> Result<(DocumentKind, VersionNumber), RatifyRefusal> {
    let DecisionSubject::AdoptVersion { document, version } = d.subject else {
        return Err(RatifyRefusal::NotAnAdoption);
    };
    match d.passed {
        None => Err(RatifyRefusal::StillOpen),
        Some(false) => Err(RatifyRefusal::DidNotPass),
        Some(true) if d.already_ratified => Err(RatifyRefusal::AlreadyRatified),
        Some(true) => Ok((document, version)),
    }
}

#[cfg(test)]
mod ratifier {
    use super::*;
    use crate::domain::PersonId;

    #[test]
    fn a_commissioner_confirmed_by_someone_else_may_ratify() {
        let me = PersonId::new(5);
        assert_eq!(may_ratify_as(me, Some(Some(PersonId::new(2)))), Ok(()));
        assert_eq!(may_ratify_as(me, None), Err(RatifierRefusal::NotConfirmed));
        assert_eq!(
            may_ratify_as(me, Some(Some(me))),
            Err(RatifierRefusal::ConfirmedBySelf)
        );
        assert_eq!(
            may_ratify_as(me, Some(None)),
            Err(RatifierRefusal::ConfirmedBySelf),
            "an unknown confirmer cannot be shown to be someone else"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(subject: DecisionSubject, passed: Option<bool>, already: bool) -> DecisionStanding {
        DecisionStanding {
            subject,
            passed,
            already_ratified: already,
        }
    }

    const ADOPT: DecisionSubject = DecisionSubject::AdoptVersion {
        document: DocumentKind::RoisVision,
        version: VersionNumber::FIRST,
    };

    #[test]
    fn only_a_passed_adoption_not_yet_ratified_may_be_ratified() {
        assert_eq!(
            may_ratify(standing(ADOPT, Some(true), false)),
            Ok((DocumentKind::RoisVision, VersionNumber::FIRST))
        );
        assert_eq!(
            may_ratify(standing(ADOPT, None, false)),
            Err(RatifyRefusal::StillOpen)
        );
        assert_eq!(
            may_ratify(standing(ADOPT, Some(false), false)),
            Err(RatifyRefusal::DidNotPass)
        );
        assert_eq!(
            may_ratify(standing(ADOPT, Some(true), true)),
            Err(RatifyRefusal::AlreadyRatified)
        );
    }

    #[test]
    fn questions_and_amendments_are_never_ratified() {
        for subject in [
            DecisionSubject::Question,
            DecisionSubject::Amendment { id: 2 },
        ] {
            assert_eq!(
                may_ratify(standing(subject, Some(true), false)),
                Err(RatifyRefusal::NotAnAdoption)
            );
        }
    }
}

//! Amendments: replacement text for one section, with a reason. Others comment on and support
//! it; an editor accepts it (a new version credits the proposer), declines it with a reason,
//! or sends it to a vote. An amendment proposed against an older version needs an update
//! when its section has changed since.

use serde::{Deserialize, Serialize};

use crate::domain::document::editing::{Clash, SectionSave, save_section};
use crate::domain::document::{DocumentContent, SectionBody, SectionKey};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmendmentState {
    Open,
    /// Accepted: version `version` carries its text.
    Accepted {
        version: u32,
    },
    Declined {
        reason: String,
    },
    /// Waiting for the outcome of a vote (the decisions feature).
    SentToVote,
}

impl AmendmentState {
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted { .. } => "accepted",
            Self::Declined { .. } => "declined",
            Self::SentToVote => "sent_to_vote",
        }
    }

    pub fn label(&self) -> String {
        match self {
            Self::Open => "Open for comments and support".to_string(),
            Self::Accepted { version } => format!("Accepted into version {version}"),
            Self::Declined { reason } => format!("Declined: {reason}"),
            Self::SentToVote => "Sent to a vote".to_string(),
        }
    }

    /// Whether people may still support it and editors still decide on it.
    pub fn is_undecided(&self) -> bool {
        matches!(self, Self::Open | Self::SentToVote)
    }
}

/// What an editor decides about an amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    Decline,
    SendToVote,
}

/// Why a verdict cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictRefusal {
    AlreadyDecided,
    AlreadySentToVote,
    /// The section changed since the amendment was proposed.
    NeedsUpdate,
    SectionRemoved,
    /// The section already says exactly this.
    NothingToChange,
}

impl std::fmt::Display for VerdictRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::AlreadyDecided => "This amendment has already been decided.",
            Self::AlreadySentToVote => "This amendment has already been sent to a vote.",
            Self::NeedsUpdate => {
                "This section has changed since the amendment was proposed, so it needs an update first. Ask the proposer to update it against the latest version, or edit the section by hand."
            }
            Self::SectionRemoved => {
                "The section this amendment changes has been removed from the document."
            }
            Self::NothingToChange => "The section already says exactly this.",
        })
    }
}

/// Whether a verdict may be given in `state`.
pub fn may_give(state: &AmendmentState, verdict: Verdict) -> Result<(), VerdictRefusal> {
    match (state, verdict) {
        (AmendmentState::Open, _) => Ok(()),
        (AmendmentState::SentToVote, Verdict::SendToVote) => Err(VerdictRefusal::AlreadySentToVote),
        (AmendmentState::SentToVote, _) => Ok(()),
        _ => Err(VerdictRefusal::AlreadyDecided),
    }
}

/// How an amendment stands against the latest version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    Current,
    /// The section changed since the version the amendment was proposed on.
    NeedsUpdate,
    SectionRemoved,
}

pub fn currency(base: &DocumentContent, latest: &DocumentContent, key: SectionKey) -> Currency {
    match (base.section(key), latest.section(key)) {
        (_, None) => Currency::SectionRemoved,
        (Some(a), Some(b)) if a == b => Currency::Current,
        _ => Currency::NeedsUpdate,
    }
}

/// The content of the version that accepting the amendment makes: `latest` with section
/// `key`'s text replaced by `proposed`. Other sections' changes since `base` are kept.
pub fn accepted_content(
    base: &DocumentContent,
    latest: &DocumentContent,
    key: SectionKey,
    proposed: &SectionBody,
) -> Result<DocumentContent, VerdictRefusal> {
    let heading = latest
        .section(key)
        .ok_or(VerdictRefusal::SectionRemoved)?
        .heading
        .clone();
    match save_section(base, latest, key, heading, proposed.clone()) {
        Ok(SectionSave::Apply(content)) => Ok(content),
        Ok(SectionSave::NothingChanged) => Err(VerdictRefusal::NothingToChange),
        Ok(SectionSave::Conflict(Clash::ChangedMeanwhile)) => Err(VerdictRefusal::NeedsUpdate),
        Ok(SectionSave::Conflict(Clash::RemovedMeanwhile)) | Err(_) => {
            Err(VerdictRefusal::SectionRemoved)
        }
    }
}

/// Checks proposed text before it is stored: it must differ from the section as it stands.
pub fn check_proposal(
    current: &DocumentContent,
    key: SectionKey,
    proposed: &SectionBody,
) -> Result<(), VerdictRefusal> {
    let section = current.section(key).ok_or(VerdictRefusal::SectionRemoved)?;
    if section.body == *proposed {
        Err(VerdictRefusal::NothingToChange)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::document::test_content as content;

    fn body(text: &str) -> SectionBody {
        SectionBody::parse(text).unwrap()
    }

    fn k(n: u32) -> SectionKey {
        SectionKey::new(n)
    }

    #[test]
    fn accepting_replaces_only_the_amended_section_and_keeps_other_changes() {
        let base = content(&[(1, "Hope", "old"), (2, "Identity", "self")]);
        let latest = content(&[(1, "Hope", "old"), (2, "Identity", "a new self")]);
        let made = accepted_content(&base, &latest, k(1), &body("new words")).unwrap();
        assert_eq!(made.section(k(1)).unwrap().body.as_str(), "new words");
        assert_eq!(made.section(k(2)).unwrap().body.as_str(), "a new self");
        assert_eq!(currency(&base, &latest, k(1)), Currency::Current);
    }

    #[test]
    fn an_amendment_whose_section_changed_since_needs_an_update() {
        let base = content(&[(1, "Hope", "old")]);
        let latest = content(&[(1, "Hope", "edited meanwhile")]);
        assert_eq!(currency(&base, &latest, k(1)), Currency::NeedsUpdate);
        assert_eq!(
            accepted_content(&base, &latest, k(1), &body("new")),
            Err(VerdictRefusal::NeedsUpdate)
        );
    }

    #[test]
    fn a_renamed_section_also_needs_an_update_and_a_removed_one_cannot_be_amended() {
        let base = content(&[(1, "Hope", "old"), (2, "Identity", "self")]);
        let renamed = content(&[(1, "Hope and optimism", "old"), (2, "Identity", "self")]);
        assert_eq!(currency(&base, &renamed, k(1)), Currency::NeedsUpdate);
        let removed = content(&[(2, "Identity", "self")]);
        assert_eq!(currency(&base, &removed, k(1)), Currency::SectionRemoved);
        assert_eq!(
            accepted_content(&base, &removed, k(1), &body("new")),
            Err(VerdictRefusal::SectionRemoved)
        );
    }

    #[test]
    fn proposing_the_text_already_there_is_refused() {
        let c = content(&[(1, "Hope", "same")]);
        assert_eq!(
            check_proposal(&c, k(1), &body("same")),
            Err(VerdictRefusal::NothingToChange)
        );
        assert_eq!(check_proposal(&c, k(1), &body("different")), Ok(()));
        assert_eq!(
            check_proposal(&c, k(9), &body("x")),
            Err(VerdictRefusal::SectionRemoved)
        );
    }

    #[test]
    fn only_undecided_amendments_take_a_verdict() {
        use AmendmentState::*;
        assert_eq!(may_give(&Open, Verdict::Accept), Ok(()));
        assert_eq!(may_give(&Open, Verdict::SendToVote), Ok(()));
        assert_eq!(may_give(&SentToVote, Verdict::Accept), Ok(()));
        assert_eq!(
            may_give(&SentToVote, Verdict::SendToVote),
            Err(VerdictRefusal::AlreadySentToVote)
        );
        assert_eq!(
            may_give(&Accepted { version: 3 }, Verdict::Decline),
            Err(VerdictRefusal::AlreadyDecided)
        );
        assert_eq!(
            may_give(
                &Declined {
                    reason: "no".into()
                },
                Verdict::Accept
            ),
            Err(VerdictRefusal::AlreadyDecided)
        );
        assert!(!Accepted { version: 3 }.is_undecided());
        assert!(SentToVote.is_undecided());
    }
}

//! Moderation. Nothing is deleted: a hidden comment keeps its text for the record, shown only
//! to facilitators; everyone else sees "hidden by a facilitator: reason". Public comments wait
//! for a facilitator's approval before anyone else sees them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Visible,
    /// A public comment not yet approved by a facilitator.
    AwaitingApproval,
    Hidden {
        reason: String,
    },
}

impl Visibility {
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Visible => "visible",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Hidden { .. } => "hidden",
        }
    }
}

/// What a reader is shown of one comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    /// The comment as written. `note` marks its state for moderators ("waiting for approval",
    /// "hidden: …").
    Text { note: Option<String> },
    /// Only that it was hidden, and why.
    HiddenNotice { reason: String },
    /// Not listed at all.
    NotListed,
}

/// What `visibility` lets a reader see; `moderator` is true for facilitators and process
/// administrators.
pub fn shown(visibility: &Visibility, moderator: bool) -> Shown {
    match (visibility, moderator) {
        (Visibility::Visible, _) => Shown::Text { note: None },
        (Visibility::AwaitingApproval, true) => Shown::Text {
            note: Some("Waiting for approval: only facilitators see this.".into()),
        },
        (Visibility::AwaitingApproval, false) => Shown::NotListed,
        (Visibility::Hidden { reason }, true) => Shown::Text {
            note: Some(format!(
                "Hidden by a facilitator: {reason}. Only facilitators see this text."
            )),
        },
        (Visibility::Hidden { reason }, false) => Shown::HiddenNotice {
            reason: reason.clone(),
        },
    }
}

/// What a facilitator does to a comment. Each is logged with who and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModerationAction {
    Hide,
    Unhide,
    /// A public comment may now be seen.
    Approve,
}

impl ModerationAction {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Hide => "hide",
            Self::Unhide => "unhide",
            Self::Approve => "approve",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Hide, Self::Unhide, Self::Approve]
            .into_iter()
            .find(|a| a.slug() == raw)
    }
}

/// The visibility after `action`, or why it does not apply. A hide needs a reason.
pub fn apply(
    visibility: &Visibility,
    action: ModerationAction,
    reason: Option<&str>,
) -> Result<Visibility, &'static str> {
    match (visibility, action) {
        (Visibility::Hidden { .. }, ModerationAction::Hide) => {
            Err("This comment is already hidden.")
        }
        (_, ModerationAction::Hide) => match reason {
            Some(r) => Ok(Visibility::Hidden {
                reason: r.to_string(),
            }),
            None => Err("Please say why you are hiding this comment."),
        },
        (Visibility::Hidden { .. }, ModerationAction::Unhide) => Ok(Visibility::Visible),
        (_, ModerationAction::Unhide) => Err("This comment is not hidden."),
        (Visibility::AwaitingApproval, ModerationAction::Approve) => Ok(Visibility::Visible),
        (_, ModerationAction::Approve) => Err("This comment is not waiting for approval."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden() -> Visibility {
        Visibility::Hidden {
            reason: "abusive".into(),
        }
    }

    #[test]
    fn a_hidden_comment_keeps_its_text_for_facilitators_only() {
        assert!(
            matches!(shown(&hidden(), true), Shown::Text { note: Some(n) } if n.contains("abusive"))
        );
        assert_eq!(
            shown(&hidden(), false),
            Shown::HiddenNotice {
                reason: "abusive".into()
            }
        );
    }

    #[test]
    fn a_public_comment_is_unseen_until_approved() {
        assert_eq!(
            shown(&Visibility::AwaitingApproval, false),
            Shown::NotListed
        );
        assert!(matches!(
            shown(&Visibility::AwaitingApproval, true),
            Shown::Text { note: Some(_) }
        ));
        assert_eq!(
            apply(
                &Visibility::AwaitingApproval,
                ModerationAction::Approve,
                None
            ),
            Ok(Visibility::Visible)
        );
        assert_eq!(
            shown(&Visibility::Visible, false),
            Shown::Text { note: None }
        );
    }

    #[test]
    fn hiding_needs_a_reason_and_unhiding_restores_the_comment() {
        assert!(apply(&Visibility::Visible, ModerationAction::Hide, None).is_err());
        assert_eq!(
            apply(
                &Visibility::Visible,
                ModerationAction::Hide,
                Some("abusive")
            ),
            Ok(hidden())
        );
        assert_eq!(
            apply(&hidden(), ModerationAction::Unhide, None),
            Ok(Visibility::Visible)
        );
        assert!(apply(&hidden(), ModerationAction::Hide, Some("again")).is_err());
        assert!(apply(&Visibility::Visible, ModerationAction::Unhide, None).is_err());
        assert!(apply(&Visibility::Visible, ModerationAction::Approve, None).is_err());
    }

    #[test]
    fn a_waiting_public_comment_can_be_hidden_instead_of_approved() {
        assert_eq!(
            apply(
                &Visibility::AwaitingApproval,
                ModerationAction::Hide,
                Some("spam")
            ),
            Ok(Visibility::Hidden {
                reason: "spam".into()
            })
        );
    }

    #[test]
    fn actions_round_trip() {
        for a in [
            ModerationAction::Hide,
            ModerationAction::Unhide,
            ModerationAction::Approve,
        ] {
            assert_eq!(ModerationAction::parse(a.slug()), Some(a));
        }
        assert_eq!(ModerationAction::parse("delete"), None);
    }
}

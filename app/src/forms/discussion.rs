//! The forms of the discussion: comments, amendments, moderation and public comments.

use serde::{Deserialize, Serialize};

use super::{Refusals, chosen, refusal};
use crate::domain::deliberation::amendment::Verdict;
use crate::domain::deliberation::moderation::ModerationAction;
use crate::domain::deliberation::{CommentBody, PublicName, Quote, Reason};
use crate::domain::document::SectionBody;
use crate::domain::text::TextError;
use crate::error::AppError;

/// `discussion/comment`: what someone says, and optionally the words of the section it is
/// about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentForm {
    pub body: String,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub body: CommentBody,
    pub quote: Option<Quote>,
}

impl TryFrom<CommentForm> for NewComment {
    type Error = AppError;

    fn try_from(form: CommentForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let body = refusals.take("body", CommentBody::parse(&form.body));
        let quote = refusals.take(
            "quote",
            Quote::parse_optional(form.quote.as_deref().unwrap_or("")),
        );
        match (body, quote) {
            (Some(body), Some(quote)) => Ok(Self { body, quote }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// `amendments/propose`: replacement words for a section, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentForm {
    pub body: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub body: SectionBody,
    pub reason: Reason,
}

impl TryFrom<AmendmentForm> for Proposal {
    type Error = AppError;

    fn try_from(form: AmendmentForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let body = refusals.take("body", SectionBody::parse(&form.body));
        let reason = refusals.take("reason", Reason::parse(&form.reason));
        match (body, reason) {
            (Some(body), Some(reason)) => Ok(Self { body, reason }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// `discussion/public-comment`: a comment from a member of the public, with the simple check.
/// `website` is a trap field people never see; bots fill it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCommentForm {
    pub name: Option<String>,
    pub body: String,
    pub check_seed: String,
    pub check_answer: String,
    pub website: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicComment {
    pub name: Option<PublicName>,
    pub body: CommentBody,
    /// The trap field was filled in: store nothing, answer as if it worked.
    pub from_a_bot: bool,
}

impl TryFrom<PublicCommentForm> for PublicComment {
    type Error = AppError;

    fn try_from(form: PublicCommentForm) -> Result<Self, AppError> {
        use crate::domain::deliberation::human_check::HumanCheck;
        let mut refusals = Refusals::default();
        let name = refusals.take(
            "name",
            PublicName::parse_optional(form.name.as_deref().unwrap_or("")),
        );
        let body = refusals.take("body", CommentBody::parse(&form.body));
        let passed = form
            .check_seed
            .trim()
            .parse::<u32>()
            .is_ok_and(|seed| HumanCheck::from_seed(seed).passes(&form.check_answer));
        if !passed {
            refusals.refuse(
                "check_answer",
                "That answer is not right. Please try the sum again.",
            );
        }
        match (name, body) {
            (Some(name), Some(body)) if refusals.is_empty() => Ok(Self {
                name,
                body,
                from_a_bot: form.website.is_some_and(|w| !w.trim().is_empty()),
            }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// A reason that may be left empty (resolving a thread, un-hiding a comment).
pub fn optional_reason(field: &str, raw: &Option<String>) -> Result<Option<Reason>, AppError> {
    match Reason::parse(raw.as_deref().unwrap_or("")) {
        Ok(r) => Ok(Some(r)),
        Err(TextError::Empty) => Ok(None),
        Err(e) => Err(refusal(field, e.to_string())),
    }
}

/// A reason that must be given (reporting a comment, declining an amendment).
pub fn reason(field: &str, raw: &str) -> Result<Reason, AppError> {
    Reason::parse(raw).map_err(|e| refusal(field, e.to_string()))
}

/// An editor's verdict on an amendment.
pub fn verdict(raw: &str) -> Result<Verdict, AppError> {
    chosen(
        "verdict",
        raw,
        |r| match r {
            "accept" => Some(Verdict::Accept),
            "decline" => Some(Verdict::Decline),
            "vote" => Some(Verdict::SendToVote),
            _ => None,
        },
        "Please choose to accept, decline or send the amendment to a vote.",
    )
}

/// What a facilitator does to a comment: a moderation action, or dismissing its reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Act(ModerationAction),
    Dismiss,
}

pub fn moderation(raw: &str) -> Result<Moderation, AppError> {
    chosen(
        "action",
        raw,
        |r| match r {
            "dismiss" => Some(Moderation::Dismiss),
            other => ModerationAction::parse(other).map(Moderation::Act),
        },
        "Please choose what to do with this comment.",
    )
}

/// Supporting an amendment ("yes") or taking support back ("no").
pub fn support(raw: &str) -> Result<bool, AppError> {
    chosen(
        "support",
        raw,
        |r| match r {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        "Please choose to support the amendment or not.",
    )
}

/// Public comments on ("on") or off ("off").
pub fn on_or_off(field: &str, raw: &str) -> Result<bool, AppError> {
    chosen(
        field,
        raw,
        |r| match r {
            "on" => Some(true),
            "off" => Some(false),
            _ => None,
        },
        "Please choose on or off.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_sum_and_an_empty_comment_are_both_reported() {
        let e = PublicComment::try_from(PublicCommentForm {
            body: " ".into(),
            check_seed: "3".into(),
            check_answer: "nonsense".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.for_field("body").is_some());
        assert!(e.for_field("check_answer").is_some());
    }

    #[test]
    fn a_malformed_seed_fails_the_check_rather_than_choosing_one() {
        let e = PublicComment::try_from(PublicCommentForm {
            body: "Hello".into(),
            check_seed: "x".into(),
            check_answer: "4".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.for_field("check_answer").is_some());
    }

    #[test]
    fn verdicts_and_actions_name_their_field_when_unknown() {
        assert!(verdict("maybe").unwrap_err().for_field("verdict").is_some());
        assert!(
            moderation("delete")
                .unwrap_err()
                .for_field("action")
                .is_some()
        );
        assert_eq!(moderation("dismiss"), Ok(Moderation::Dismiss));
    }
}

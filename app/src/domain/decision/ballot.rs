//! What a ballot may say, checked against the decision's method and options. A ballot that
//! passed [`Ballot::parse`] is valid for that decision; nothing downstream re-checks.

use serde::{Deserialize, Serialize};

use super::method::{ConsentAnswer, Method};
use crate::domain::text::{TextError, clean};

/// A valid ballot. Options are referred to by their position (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ballot {
    Consent {
        answer: ConsentAnswer,
        /// Required for an objection; optional otherwise.
        reason: Option<String>,
        /// On a secret ballot, the voter agreed that their reason (an objection's or a
        /// reservation's) may appear, without their name, in the minority annex of the
        /// ratified text. Left out of the JSON when false, so older ballots read the same.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        in_annex: bool,
    },
    Single(usize),
    /// Preferences in order; each option at most once; need not rank them all.
    Ranked(Vec<usize>),
    /// Dots per option, one entry per option.
    Dots(Vec<u32>),
    /// Score per option, one entry per option.
    Scores(Vec<u8>),
}

/// What a person sent, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotInput {
    Consent {
        answer: String,
        reason: String,
        in_annex: bool,
    },
    Single(usize),
    Ranked(Vec<usize>),
    Dots(Vec<u32>),
    Scores(Vec<u8>),
}

/// Why a ballot was refused, in words for the person voting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    #[error("Please choose one of the answers.")]
    NoAnswer,
    #[error("Please say why you object, so the group can try to resolve it.")]
    ObjectionNeedsReason,
    #[error("Your reason is {0} characters long; the most allowed is 1000.")]
    ReasonTooLong(usize),
    #[error(
        "Your reason contains characters that cannot be shown, such as control codes. Please retype it."
    )]
    ReasonUnreadable,
    #[error("That option is not part of this decision. Please reload the page.")]
    NoSuchOption,
    #[error("Please put at least one option in order.")]
    NothingRanked,
    #[error("Each option can be ranked only once.")]
    RankedTwice,
    #[error("You have {max} dots to spread, and used {used}.")]
    TooManyDots { max: u32, used: u32 },
    #[error("Please place at least one dot.")]
    NoDots,
    #[error("Scores go from 0 to 5.")]
    ScoreOutOfRange,
    #[error("This ballot does not match how this decision is voted on. Please reload the page.")]
    WrongKind,
}

impl Ballot {
    pub const MAX_REASON_CHARS: usize = 1_000;

    pub fn parse(method: Method, options: usize, input: BallotInput) -> Result<Self, BallotError> {
        let in_range = |i: &usize| *i < options;
        match (method, input) {
            (
                Method::Consent,
                BallotInput::Consent {
                    answer,
                    reason,
                    in_annex,
                },
            ) => {
                let answer =
                    ConsentAnswer::from_slug(answer.trim()).ok_or(BallotError::NoAnswer)?;
                // The same text rules as every other field: no control characters or
                // bidirectional overrides that could hide or reorder the words.
                let reason = match clean(&reason, Self::MAX_REASON_CHARS, true) {
                    Ok(text) => Some(text),
                    Err(TextError::Empty) => None,
                    Err(TextError::TooLong { actual, .. }) => {
                        return Err(BallotError::ReasonTooLong(actual));
                    }
                    Err(TextError::ControlCharacters) => return Err(BallotError::ReasonUnreadable),
                };
                if answer == ConsentAnswer::Object && reason.is_none() {
                    return Err(BallotError::ObjectionNeedsReason);
                }
                // Agreement to appear in the annex means something only for a reason that
                // the annex lists; kept nowhere else, so it cannot linger after a change.
                let in_annex = in_annex && reason.is_some() && answer.is_dissent();
                Ok(Self::Consent {
                    answer,
                    reason,
                    in_annex,
                })
            }
            (Method::SingleChoice, BallotInput::Single(i)) if in_range(&i) => Ok(Self::Single(i)),
            (Method::SingleChoice, BallotInput::Single(_)) => Err(BallotError::NoSuchOption),
            (Method::RankedChoice, BallotInput::Ranked(order)) => {
                if order.is_empty() {
                    return Err(BallotError::NothingRanked);
                }
                if !order.iter().all(in_range) {
                    return Err(BallotError::NoSuchOption);
                }
                let mut seen = order.clone();
                seen.sort_unstable();
                seen.dedup();
                if seen.len() != order.len() {
                    return Err(BallotError::RankedTwice);
                }
                Ok(Self::Ranked(order))
            }
            (Method::DotVoting { dots }, BallotInput::Dots(spread)) => {
                if spread.len() != options {
                    return Err(BallotError::NoSuchOption);
                }
                let used: u32 = spread.iter().fold(0u32, |a, d| a.saturating_add(*d));
                if used > dots {
                    return Err(BallotError::TooManyDots { max: dots, used });
                }
                if used == 0 {
                    return Err(BallotError::NoDots);
                }
                Ok(Self::Dots(spread))
            }
            (Method::Score, BallotInput::Scores(scores)) => {
                if scores.len() != options {
                    return Err(BallotError::NoSuchOption);
                }
                if scores.iter().any(|s| *s > Method::MAX_SCORE) {
                    return Err(BallotError::ScoreOutOfRange);
                }
                Ok(Self::Scores(scores))
            }
            _ => Err(BallotError::WrongKind),
        }
    }
}

#[cfg(test)]
mod reasons {
    use super::*;

    #[test]
    fn an_objection_hiding_its_words_behind_a_bidirectional_override_is_refused() {
        let hidden = Ballot::parse(
            Method::Consent,
            0,
            BallotInput::Consent {
                answer: "object".into(),
                reason: "fine\u{202E}tcejbo".into(),
                in_annex: false,
            },
        );
        assert_eq!(hidden, Err(BallotError::ReasonUnreadable));
        let nul = Ballot::parse(
            Method::Consent,
            0,
            BallotInput::Consent {
                answer: "object".into(),
                reason: "a\0b".into(),
                in_annex: false,
            },
        );
        assert_eq!(nul, Err(BallotError::ReasonUnreadable));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(answer: &str, reason: &str) -> Result<Ballot, BallotError> {
        Ballot::parse(
            Method::Consent,
            0,
            BallotInput::Consent {
                answer: answer.into(),
                reason: reason.into(),
                in_annex: false,
            },
        )
    }

    fn shared(answer: &str, reason: &str) -> Result<Ballot, BallotError> {
        Ballot::parse(
            Method::Consent,
            0,
            BallotInput::Consent {
                answer: answer.into(),
                reason: reason.into(),
                in_annex: true,
            },
        )
    }

    #[test]
    fn agreeing_to_the_annex_is_kept_only_with_a_reason_the_annex_would_list() {
        let kept = |b: Result<Ballot, BallotError>| {
            matches!(b, Ok(Ballot::Consent { in_annex: true, .. }))
        };
        assert!(kept(shared("object", "Housing is missing")));
        assert!(kept(shared("reservations", "Say more about families")));
        assert!(!kept(shared("reservations", "")));
        assert!(!kept(shared("agree", "Good work")));
        assert!(!kept(shared("abstain", "Not my area")));
    }

    #[test]
    fn a_ballot_without_the_annex_reads_and_writes_as_before() {
        let old = r#"{"Consent":{"answer":"Object","reason":"No"}}"#;
        let ballot: Ballot = serde_json::from_str(old).expect("an older ballot");
        assert_eq!(serde_json::to_string(&ballot).expect("json"), old);
        let shared = shared("object", "No").expect("valid");
        assert!(
            serde_json::to_string(&shared)
                .expect("json")
                .contains(r#""in_annex":true"#)
        );
    }

    #[test]
    fn an_objection_needs_a_reason() {
        assert_eq!(
            consent("object", "  "),
            Err(BallotError::ObjectionNeedsReason)
        );
        assert_eq!(
            consent("object", "It leaves out harm reduction"),
            Ok(Ballot::Consent {
                answer: ConsentAnswer::Object,
                reason: Some("It leaves out harm reduction".into()),
                in_annex: false,
            })
        );
        assert_eq!(
            consent("agree", ""),
            Ok(Ballot::Consent {
                answer: ConsentAnswer::Agree,
                reason: None,
                in_annex: false,
            })
        );
        assert_eq!(consent("maybe", ""), Err(BallotError::NoAnswer));
        assert!(matches!(
            consent("object", &"r".repeat(1_001)),
            Err(BallotError::ReasonTooLong(1_001))
        ));
    }

    #[test]
    fn a_single_choice_must_be_an_option() {
        assert_eq!(
            Ballot::parse(Method::SingleChoice, 3, BallotInput::Single(2)),
            Ok(Ballot::Single(2))
        );
        assert_eq!(
            Ballot::parse(Method::SingleChoice, 3, BallotInput::Single(3)),
            Err(BallotError::NoSuchOption)
        );
    }

    #[test]
    fn a_ranking_names_each_option_once() {
        let r = |v: Vec<usize>| Ballot::parse(Method::RankedChoice, 3, BallotInput::Ranked(v));
        assert_eq!(
            r(vec![2, 0]),
            Ok(Ballot::Ranked(vec![2, 0])),
            "a partial ranking is fine"
        );
        assert_eq!(r(vec![]), Err(BallotError::NothingRanked));
        assert_eq!(r(vec![1, 1]), Err(BallotError::RankedTwice));
        assert_eq!(r(vec![5]), Err(BallotError::NoSuchOption));
    }

    #[test]
    fn dots_are_limited_and_at_least_one_is_placed() {
        let d = |v: Vec<u32>| Ballot::parse(Method::DotVoting { dots: 5 }, 3, BallotInput::Dots(v));
        assert_eq!(d(vec![3, 2, 0]), Ok(Ballot::Dots(vec![3, 2, 0])));
        assert_eq!(
            d(vec![3, 3, 0]),
            Err(BallotError::TooManyDots { max: 5, used: 6 })
        );
        assert_eq!(d(vec![0, 0, 0]), Err(BallotError::NoDots));
        assert_eq!(d(vec![1, 1]), Err(BallotError::NoSuchOption));
        assert!(
            matches!(
                d(vec![u32::MAX, u32::MAX, 1]),
                Err(BallotError::TooManyDots { .. })
            ),
            "no overflow"
        );
    }

    #[test]
    fn scores_go_from_zero_to_five_for_every_option() {
        let s = |v: Vec<u8>| Ballot::parse(Method::Score, 2, BallotInput::Scores(v));
        assert_eq!(s(vec![0, 5]), Ok(Ballot::Scores(vec![0, 5])));
        assert_eq!(s(vec![6, 0]), Err(BallotError::ScoreOutOfRange));
        assert_eq!(s(vec![1]), Err(BallotError::NoSuchOption));
    }

    #[test]
    fn a_ballot_of_the_wrong_kind_is_refused() {
        assert_eq!(
            Ballot::parse(Method::Consent, 0, BallotInput::Single(0)),
            Err(BallotError::WrongKind)
        );
    }
}

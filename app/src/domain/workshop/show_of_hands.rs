//! A show of hands for the people in the room without a phone: the facilitator enters how
//! many hands went up for each answer ("12 agree, 3 object") as one group ballot. It counts
//! as that many ballots, is marked in the record as entered by the facilitator, and carries
//! the constituency the facilitator names (or none, counted as "other").

use serde::{Deserialize, Serialize};

use crate::domain::Constituency;
use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::method::{ConsentAnswer, Method};
use crate::domain::decision::tally::CastBallot;

/// Most hands one entry may count (a big room, not a typing slip of an extra zero).
pub const MAX_HANDS: u32 = 300;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowOfHands {
    /// Whose hands these were, if the facilitator said.
    pub constituency: Option<Constituency>,
    /// Hands per answer (consent, in the order of [`ConsentAnswer::ALL`]) or per option.
    pub counts: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HandsError {
    #[error("A show of hands can be entered for consent and one-choice votes.")]
    Method,
    #[error("Please enter how many hands went up for at least one answer.")]
    NoHands,
    #[error("That is more than {MAX_HANDS} hands in one go. Please check the numbers.")]
    TooMany,
    #[error("The numbers do not match the answers of this vote.")]
    Shape,
}

impl ShowOfHands {
    pub fn parse(
        method: Method,
        options: usize,
        constituency: Option<Constituency>,
        counts: Vec<u32>,
    ) -> Result<Self, HandsError> {
        let expected = match method {
            Method::Consent => ConsentAnswer::ALL.len(),
            Method::SingleChoice => options,
            _ => return Err(HandsError::Method),
        };
        if counts.len() != expected {
            return Err(HandsError::Shape);
        }
        let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
        if total == 0 {
            return Err(HandsError::NoHands);
        }
        if total > u64::from(MAX_HANDS) {
            return Err(HandsError::TooMany);
        }
        Ok(Self {
            constituency,
            counts,
        })
    }

    pub fn hands(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The hands of all these shows counted under constituency `c` (unnamed ones count as
    /// "other participants").
    pub fn hands_in(all: &[ShowOfHands], c: Constituency) -> u32 {
        all.iter()
            .filter(|h| h.constituency.unwrap_or(Constituency::Other) == c)
            .map(ShowOfHands::hands)
            .sum()
    }

    /// One ballot per hand, as the count sees them.
    pub fn ballots(&self, method: Method) -> Vec<CastBallot> {
        let constituencies = vec![self.constituency.unwrap_or(Constituency::Other)];
        let ballot = |i: usize| match method {
            Method::Consent => ConsentAnswer::ALL.get(i).map(|a| Ballot::Consent {
                answer: *a,
                reason: None,
            }),
            Method::SingleChoice => Some(Ballot::Single(i)),
            _ => None,
        };
        self.counts
            .iter()
            .enumerate()
            .flat_map(|(i, n)| {
                let one = ballot(i).map(|b| CastBallot {
                    constituencies: constituencies.clone(),
                    ballot: b,
                });
                std::iter::repeat_n(one, *n as usize).flatten()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::tally::{Count, by_constituency, count};

    #[test]
    fn hands_count_as_that_many_ballots_under_the_named_constituency() {
        let hands = ShowOfHands::parse(
            Method::Consent,
            0,
            Some(Constituency::LivedExperience),
            vec![12, 0, 3, 0],
        )
        .unwrap();
        let cast = hands.ballots(Method::Consent);
        assert_eq!(cast.len(), 15);
        let tally = count(Method::Consent, 0, cast.iter().map(|b| &b.ballot));
        assert_eq!(
            tally.count,
            Count::Consent {
                agree: 12,
                reservations: 0,
                object: 3,
                abstain: 0
            }
        );
        let lived = by_constituency(Method::Consent, 0, &cast)
            .into_iter()
            .find(|(c, _)| *c == Constituency::LivedExperience)
            .unwrap();
        assert_eq!(lived.1.ballots, 15);
    }

    #[test]
    fn unnamed_hands_count_as_other_and_one_choice_works_too() {
        let hands = ShowOfHands::parse(Method::SingleChoice, 3, None, vec![2, 0, 5]).unwrap();
        let cast = hands.ballots(Method::SingleChoice);
        assert!(cast.iter().all(|b| b.primary() == Constituency::Other));
        assert_eq!(
            count(Method::SingleChoice, 3, cast.iter().map(|b| &b.ballot)).count,
            Count::Totals(vec![2, 0, 5])
        );
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        assert_eq!(
            ShowOfHands::parse(Method::Consent, 0, None, vec![0, 0, 0, 0]),
            Err(HandsError::NoHands)
        );
        assert_eq!(
            ShowOfHands::parse(Method::Consent, 0, None, vec![300, 1, 0, 0]),
            Err(HandsError::TooMany)
        );
        assert_eq!(
            ShowOfHands::parse(Method::SingleChoice, 3, None, vec![1, 2]),
            Err(HandsError::Shape)
        );
        assert_eq!(
            ShowOfHands::parse(Method::Score, 3, None, vec![1, 2, 3]),
            Err(HandsError::Method)
        );
    }
}

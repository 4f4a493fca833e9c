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

/// Why a show of hands cannot go into a decision, in words for the facilitator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HandsRefusal {
    #[error("A show of hands can be entered only for the vote the room is at now.")]
    NotTheCurrentStep,
    #[error("{} may not vote in this decision, so their hands cannot be counted.", .0.plural())]
    NotEligible(Constituency),
    #[error(
        "Please say first how many people are in the room, so no count can come out bigger than the room."
    )]
    NoRoomSize,
    #[error(
        "That would count {counted} people, but you said {room} are in the room. Please check the numbers, or change how many are in the room."
    )]
    MoreThanTheRoom { room: u32, counted: u32 },
}

/// Whether a show of hands fits: the room is at this vote, the hands' constituency may vote
/// in it, and the hands, with the other constituencies' hands and the ballots cast from phones
/// in the room (`others`), come to no more than the facilitator said are in the room.
pub fn check_hands(
    at_this_vote: bool,
    eligible: &[Constituency],
    hands: &ShowOfHands,
    room_size: Option<u32>,
    others: u32,
) -> Result<(), HandsRefusal> {
    if !at_this_vote {
        return Err(HandsRefusal::NotTheCurrentStep);
    }
    if !eligible.contains(&hands.group()) {
        return Err(HandsRefusal::NotEligible(hands.group()));
    }
    let room = room_size.ok_or(HandsRefusal::NoRoomSize)?;
    let counted = others.saturating_add(hands.hands());
    if counted > room {
        return Err(HandsRefusal::MoreThanTheRoom { room, counted });
    }
    Ok(())
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

    /// The constituency these hands count under: the one named, or "other participants".
    pub fn group(&self) -> Constituency {
        self.constituency.unwrap_or(Constituency::Other)
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
                in_annex: false,
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
mod bounds {
    use super::*;

    fn hands(c: Option<Constituency>, n: u32) -> ShowOfHands {
        ShowOfHands::parse(Method::Consent, 0, c, vec![n, 0, 0, 0]).unwrap()
    }

    const EVERYONE: [Constituency; 6] = Constituency::ALL;

    #[test]
    fn hands_go_only_into_the_vote_the_room_is_at() {
        assert_eq!(
            check_hands(false, &EVERYONE, &hands(None, 3), Some(20), 0),
            Err(HandsRefusal::NotTheCurrentStep)
        );
    }

    #[test]
    fn hands_from_a_constituency_that_may_not_vote_are_refused() {
        let only = [Constituency::LivedExperience];
        assert_eq!(
            check_hands(
                true,
                &only,
                &hands(Some(Constituency::ProviderStaff), 3),
                Some(20),
                0
            ),
            Err(HandsRefusal::NotEligible(Constituency::ProviderStaff))
        );
        assert_eq!(
            check_hands(true, &only, &hands(None, 3), Some(20), 0),
            Err(HandsRefusal::NotEligible(Constituency::Other)),
            "unnamed hands count as other participants"
        );
        assert_eq!(
            check_hands(
                true,
                &only,
                &hands(Some(Constituency::LivedExperience), 3),
                Some(20),
                0
            ),
            Ok(())
        );
    }

    #[test]
    fn hands_and_phones_never_count_more_people_than_the_room_holds() {
        assert_eq!(
            check_hands(true, &EVERYONE, &hands(None, 10), None, 0),
            Err(HandsRefusal::NoRoomSize)
        );
        assert_eq!(
            check_hands(true, &EVERYONE, &hands(None, 10), Some(12), 2),
            Ok(())
        );
        assert_eq!(
            check_hands(true, &EVERYONE, &hands(None, 10), Some(12), 3),
            Err(HandsRefusal::MoreThanTheRoom {
                room: 12,
                counted: 13
            })
        );
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

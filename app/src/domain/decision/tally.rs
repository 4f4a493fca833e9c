//! Counting ballots, overall and per constituency. Each ballot is counted once per table: in
//! the overall count and under its voter's primary constituency (the first in the fixed
//! order, so lived experience comes first), so the per-constituency counts always add up to
//! the overall count. Nothing here knows who voted.

use serde::{Deserialize, Serialize};

use super::ballot::Ballot;
use super::method::{ConsentAnswer, Method};
use crate::domain::Constituency;

/// One ballot with the constituencies of the person who cast it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastBallot {
    pub constituencies: Vec<Constituency>,
    pub ballot: Ballot,
}

impl CastBallot {
    /// The constituency this ballot is counted under in the table by constituency.
    pub fn primary(&self) -> Constituency {
        self.constituencies
            .iter()
            .copied()
            .min()
            .unwrap_or(Constituency::Other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Count {
    Consent {
        agree: u32,
        reservations: u32,
        object: u32,
        abstain: u32,
    },
    /// Votes (one choice), dots, or summed scores, per option.
    Totals(Vec<u64>),
    Ranked(Runoff),
}

/// An instant-runoff count, round by round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Runoff {
    pub rounds: Vec<Round>,
    /// `None` when there were no ballots or the last options tied.
    pub winner: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// First preferences among the options still in the count; `None` once eliminated.
    pub counts: Vec<Option<u32>>,
    /// Ballots with no option left in the count.
    pub exhausted: u32,
    /// The option eliminated after this round.
    pub eliminated: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub ballots: u32,
    pub count: Count,
}

/// Counts `ballots` (all valid for `method` with `options` options).
pub fn count<'a>(
    method: Method,
    options: usize,
    ballots: impl IntoIterator<Item = &'a Ballot>,
) -> Tally {
    let ballots: Vec<&Ballot> = ballots.into_iter().collect();
    let n = u32::try_from(ballots.len()).unwrap_or(u32::MAX);
    let count = match method {
        Method::Consent => {
            let of = |a: ConsentAnswer| {
                ballots
                    .iter()
                    .filter(|b| matches!(b, Ballot::Consent { answer, .. } if *answer == a))
                    .count() as u32
            };
            Count::Consent {
                agree: of(ConsentAnswer::Agree),
                reservations: of(ConsentAnswer::AgreeWithReservations),
                object: of(ConsentAnswer::Object),
                abstain: of(ConsentAnswer::Abstain),
            }
        }
        Method::RankedChoice => Count::Ranked(runoff(
            options,
            &ballots
                .iter()
                .filter_map(|b| match b {
                    Ballot::Ranked(order) => Some(order.as_slice()),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        )),
        Method::SingleChoice | Method::DotVoting { .. } | Method::Score => {
            let mut totals = vec![0u64; options];
            for b in &ballots {
                match b {
                    Ballot::Single(i) if *i < options => totals[*i] += 1,
                    Ballot::Dots(v) => v
                        .iter()
                        .zip(totals.iter_mut())
                        .for_each(|(d, t)| *t += u64::from(*d)),
                    Ballot::Scores(v) => v
                        .iter()
                        .zip(totals.iter_mut())
                        .for_each(|(s, t)| *t += u64::from(*s)),
                    _ => {}
                }
            }
            Count::Totals(totals)
        }
    };
    Tally { ballots: n, count }
}

/// The count for every constituency (including those with nobody voting), each ballot under
/// its voter's primary constituency.
pub fn by_constituency(
    method: Method,
    options: usize,
    cast: &[CastBallot],
) -> Vec<(Constituency, Tally)> {
    Constituency::ALL
        .into_iter()
        .map(|c| {
            let tally = count(
                method,
                options,
                cast.iter().filter(|b| b.primary() == c).map(|b| &b.ballot),
            );
            (c, tally)
        })
        .collect()
}

/// Instant runoff: each round counts first preferences among the options left; an option
/// with more than half of the ballots still in the count wins; otherwise the option with the
/// fewest is eliminated (a tie for fewest goes to the one with fewer in earlier rounds, then
/// the one listed later). When all options left are tied, there is no winner.
pub fn runoff(options: usize, ballots: &[&[usize]]) -> Runoff {
    let mut in_count = vec![true; options];
    let mut rounds: Vec<Round> = Vec::new();
    loop {
        let mut counts = vec![0u32; options];
        let mut exhausted = 0u32;
        for order in ballots {
            match order.iter().find(|i| **i < options && in_count[**i]) {
                Some(i) => counts[*i] += 1,
                None => exhausted += 1,
            }
        }
        let continuing: u32 = counts.iter().sum();
        let left: Vec<usize> = (0..options).filter(|i| in_count[*i]).collect();
        let mut round = Round {
            counts: (0..options)
                .map(|i| in_count[i].then_some(counts[i]))
                .collect(),
            exhausted,
            eliminated: None,
        };
        if continuing == 0 || left.is_empty() {
            rounds.push(round);
            return Runoff {
                rounds,
                winner: None,
            };
        }
        if let Some(&w) = left.iter().find(|i| counts[**i] * 2 > continuing) {
            rounds.push(round);
            return Runoff {
                rounds,
                winner: Some(w),
            };
        }
        let fewest = left.iter().map(|i| counts[*i]).min().unwrap_or(0);
        let most = left.iter().map(|i| counts[*i]).max().unwrap_or(0);
        if fewest == most {
            rounds.push(round);
            return Runoff {
                rounds,
                winner: None,
            };
        }
        let mut tied: Vec<usize> = left
            .iter()
            .copied()
            .filter(|i| counts[*i] == fewest)
            .collect();
        // Earlier rounds, latest first, break the tie; then the option listed later goes.
        for earlier in rounds.iter().rev() {
            if tied.len() == 1 {
                break;
            }
            let low = tied
                .iter()
                .map(|i| earlier.counts[*i].unwrap_or(0))
                .min()
                .unwrap_or(0);
            tied.retain(|i| earlier.counts[*i].unwrap_or(0) == low);
        }
        let out = *tied.iter().max().unwrap_or(&left[0]);
        in_count[out] = false;
        round.eliminated = Some(out);
        rounds.push(round);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(a: ConsentAnswer) -> Ballot {
        Ballot::Consent {
            answer: a,
            reason: None,
            in_annex: false,
        }
    }

    #[test]
    fn no_ballots_count_to_zero() {
        let t = count(Method::Consent, 0, []);
        assert_eq!(t.ballots, 0);
        assert_eq!(
            t.count,
            Count::Consent {
                agree: 0,
                reservations: 0,
                object: 0,
                abstain: 0
            }
        );
        assert_eq!(
            count(Method::SingleChoice, 2, []).count,
            Count::Totals(vec![0, 0])
        );
        assert_eq!(
            count(Method::RankedChoice, 2, []).count,
            Count::Ranked(Runoff {
                rounds: vec![Round {
                    counts: vec![Some(0), Some(0)],
                    exhausted: 0,
                    eliminated: None
                }],
                winner: None,
            })
        );
    }

    #[test]
    fn dots_and_scores_add_up_per_option() {
        let dots = [Ballot::Dots(vec![3, 0, 2]), Ballot::Dots(vec![0, 5, 0])];
        assert_eq!(
            count(Method::DotVoting { dots: 5 }, 3, &dots).count,
            Count::Totals(vec![3, 5, 2])
        );
        let scores = [Ballot::Scores(vec![5, 1]), Ballot::Scores(vec![4, 0])];
        assert_eq!(
            count(Method::Score, 2, &scores).count,
            Count::Totals(vec![9, 1])
        );
    }

    #[test]
    fn a_majority_of_first_preferences_wins_in_the_first_round() {
        let r = runoff(3, &[&[0, 1], &[0], &[1, 0]]);
        assert_eq!(r.winner, Some(0));
        assert_eq!(r.rounds.len(), 1);
    }

    #[test]
    fn the_weakest_option_is_eliminated_and_its_ballots_move_on() {
        // A 4, B 3, C 2 first preferences; C's voters prefer B next: B wins in round 2.
        let mut b: Vec<&[usize]> = vec![&[0]; 4];
        b.extend(vec![&[1usize][..]; 3]);
        b.extend(vec![&[2usize, 1][..]; 2]);
        let r = runoff(3, &b);
        assert_eq!(r.rounds[0].eliminated, Some(2));
        assert_eq!(r.rounds[1].counts, vec![Some(4), Some(5), None]);
        assert_eq!(r.winner, Some(1));
    }

    #[test]
    fn exhausted_ballots_leave_the_count() {
        // C's two voters ranked only C: after C goes, they are exhausted; A 3 of 5 wins.
        let mut b: Vec<&[usize]> = vec![&[0]; 3];
        b.extend(vec![&[1usize][..]; 2]);
        b.extend(vec![&[2usize][..]; 1]);
        let r = runoff(3, &b);
        assert_eq!(r.rounds[0].eliminated, Some(2));
        assert_eq!(r.rounds[1].exhausted, 1);
        assert_eq!(r.winner, Some(0));
    }

    #[test]
    fn a_dead_heat_has_no_winner() {
        let r = runoff(2, &[&[0], &[1]]);
        assert_eq!(r.winner, None);
    }

    #[test]
    fn a_tie_for_fewest_goes_to_the_option_listed_later_when_nothing_earlier_separates_them() {
        // A 2, B 2, C 1, D 1: C and D tie for fewest in the first round; D (listed later) goes.
        let r = runoff(4, &[&[0], &[0], &[1], &[1], &[2], &[3, 0]]);
        assert_eq!(r.rounds[0].eliminated, Some(3));
        assert_eq!(r.rounds[1].eliminated, Some(2));
        assert_eq!(r.winner, Some(0));
    }

    #[test]
    fn a_tie_for_fewest_is_broken_by_the_earlier_round() {
        // Round 1: A 4, B 2, C 3, D 1. D goes to B. Round 2: A 4, B 3, C 3: B had fewer in
        // round 1, so B goes (not C, though C is listed later). Then A 4 of 7 wins.
        let mut b: Vec<&[usize]> = vec![&[0]; 4];
        b.extend(vec![&[1usize][..]; 2]);
        b.extend(vec![&[2usize][..]; 3]);
        b.push(&[3, 1]);
        let r = runoff(4, &b);
        assert_eq!(r.rounds[0].eliminated, Some(3));
        assert_eq!(r.rounds[1].counts, vec![Some(4), Some(3), Some(3), None]);
        assert_eq!(r.rounds[1].eliminated, Some(1));
        assert_eq!(r.rounds[2].exhausted, 3);
        assert_eq!(r.winner, Some(0));
    }

    #[test]
    fn a_constituency_with_nobody_voting_has_an_empty_count() {
        let cast = vec![CastBallot {
            constituencies: vec![Constituency::LivedExperience],
            ballot: consent(ConsentAnswer::Agree),
        }];
        let table = by_constituency(Method::Consent, 0, &cast);
        assert_eq!(table.len(), Constituency::ALL.len());
        let commissioners = table
            .iter()
            .find(|(c, _)| *c == Constituency::Commissioner)
            .unwrap();
        assert_eq!(commissioners.1.ballots, 0);
    }

    #[test]
    fn someone_in_two_constituencies_counts_once_under_the_first() {
        let b = CastBallot {
            constituencies: vec![Constituency::ProviderStaff, Constituency::LivedExperience],
            ballot: consent(ConsentAnswer::Agree),
        };
        assert_eq!(b.primary(), Constituency::LivedExperience);
        let none = CastBallot {
            constituencies: vec![],
            ballot: consent(ConsentAnswer::Agree),
        };
        assert_eq!(none.primary(), Constituency::Other);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn constituency() -> impl Strategy<Value = Vec<Constituency>> {
        proptest::collection::vec(proptest::sample::select(Constituency::ALL.to_vec()), 0..3)
    }

    /// Any valid ballot for `method` with `options` options.
    fn ballot(method: Method, options: usize) -> BoxedStrategy<Ballot> {
        match method {
            Method::Consent => proptest::sample::select(ConsentAnswer::ALL.to_vec())
                .prop_map(|answer| Ballot::Consent {
                    answer,
                    reason: Some("r".into()),
                    in_annex: false,
                })
                .boxed(),
            Method::SingleChoice => (0..options).prop_map(Ballot::Single).boxed(),
            Method::RankedChoice => Just((0..options).collect::<Vec<_>>())
                .prop_shuffle()
                .prop_flat_map(move |order| {
                    (1..=options).prop_map(move |n| Ballot::Ranked(order[..n].to_vec()))
                })
                .boxed(),
            Method::DotVoting { .. } => proptest::collection::vec(0u32..3, options)
                .prop_map(Ballot::Dots)
                .boxed(),
            Method::Score => proptest::collection::vec(0u8..=5, options)
                .prop_map(Ballot::Scores)
                .boxed(),
        }
    }

    fn method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::Consent),
            Just(Method::SingleChoice),
            Just(Method::RankedChoice),
            Just(Method::DotVoting { dots: 6 }),
            Just(Method::Score),
        ]
    }

    fn decision() -> impl Strategy<Value = (Method, usize, Vec<CastBallot>)> {
        (method(), 2usize..5).prop_flat_map(|(method, options)| {
            let cast =
                (constituency(), ballot(method, options)).prop_map(|(constituencies, ballot)| {
                    CastBallot {
                        constituencies,
                        ballot,
                    }
                });
            (
                Just(method),
                Just(options),
                proptest::collection::vec(cast, 0..40),
            )
        })
    }

    /// What a count adds up to, for comparing sums: ballots and every figure in the count
    /// (for a runoff, its first round, where every ballot is counted once).
    fn figures(t: &Tally) -> Vec<u64> {
        let mut out = vec![u64::from(t.ballots)];
        match &t.count {
            Count::Consent {
                agree,
                reservations,
                object,
                abstain,
            } => out.extend([*agree, *reservations, *object, *abstain].map(u64::from)),
            Count::Totals(v) => out.extend(v.iter().copied()),
            Count::Ranked(r) => {
                let first = &r.rounds[0];
                out.extend(first.counts.iter().map(|c| u64::from(c.unwrap_or(0))));
                out.push(u64::from(first.exhausted));
            }
        }
        out
    }

    proptest! {
        #[test]
        fn the_counts_by_constituency_add_up_to_the_overall_count((method, options, cast) in decision()) {
            let overall = figures(&count(method, options, cast.iter().map(|b| &b.ballot)));
            let mut summed = vec![0u64; overall.len()];
            for (_, t) in by_constituency(method, options, &cast) {
                for (s, f) in summed.iter_mut().zip(figures(&t)) {
                    *s += f;
                }
            }
            prop_assert_eq!(summed, overall);
        }

        #[test]
        fn a_runoff_winner_has_more_than_half_of_its_final_round((options, cast) in (2usize..5).prop_flat_map(|o| (Just(o), proptest::collection::vec(ballot(Method::RankedChoice, o), 0..40)))) {
            let orders: Vec<&[usize]> = cast.iter().filter_map(|b| match b { Ballot::Ranked(v) => Some(v.as_slice()), _ => None }).collect();
            let r = runoff(options, &orders);
            for round in &r.rounds {
                let counted: u32 = round.counts.iter().flatten().sum();
                prop_assert_eq!(counted + round.exhausted, orders.len() as u32, "every ballot is in each round once");
            }
            if let Some(w) = r.winner {
                let last = r.rounds.last().unwrap();
                let total: u32 = last.counts.iter().flatten().sum();
                prop_assert!(last.counts[w].unwrap() * 2 > total);
            }
            prop_assert!(r.rounds.len() <= options);
        }
    }
}

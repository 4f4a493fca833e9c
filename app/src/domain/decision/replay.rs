//! Reading a decision back from its participation record alone: who took part (by
//! pseudonym and constituency), and a recount. The record holds what the decision was opened
//! with, every ballot event and the count it closed with, so anyone holding the record can
//! check that the published count follows from the ballots recorded before the close. With
//! secret ballots the record holds who voted, not how, so only the numbers taking part are
//! checked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ballot::Ballot;
use super::method::Method;
use super::record::{RecordEntry, RecordEvent};
use super::rule::{DecisionRule, Outcome, evaluate};
use super::tally::{CastBallot, Tally, by_constituency, count};
use crate::domain::Constituency;
use crate::domain::workshop::show_of_hands::ShowOfHands;

/// One participant's latest ballot event before the close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participation {
    pub constituency: Constituency,
    /// `None` for a secret ballot.
    pub choice: Option<Ballot>,
}

/// What the close recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedClose {
    pub ballots: u32,
    pub overall: Tally,
    pub by_constituency: Vec<(Constituency, Tally)>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Replay {
    /// What the decision was opened with: method, rule and option count.
    pub opened: Option<(Method, DecisionRule, usize)>,
    /// Each participant's latest ballot, by pseudonym.
    pub participants: BTreeMap<String, Participation>,
    /// Ballots cast, counting each change as well.
    pub ballot_events: u32,
    /// Shows of hands entered before the close.
    pub hands: Vec<ShowOfHands>,
    pub closed: Option<RecordedClose>,
    /// A secret decision's close: how many ballots, and what of the count may be shown.
    pub closed_secretly: Option<(u32, super::disclosure::Disclosed)>,
    /// The names of commissioners who ratified what the decision adopted.
    pub ratified_by: Vec<String>,
}

/// How a recount from the record compares with the recorded close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recount {
    /// Still open: nothing to compare.
    NotClosed,
    /// Open ballots: the whole count and the outcome were recomputed and match.
    Matches,
    /// Secret ballots: the numbers taking part, overall and by constituency, match.
    TurnoutMatches,
    /// The record contradicts itself; the words say where.
    Differs(String),
}

impl Replay {
    /// Replays `entries` in order. Ballots recorded after the close (there should be none)
    /// are not counted, so they show up as a difference in the recount.
    pub fn of(entries: &[RecordEntry]) -> Self {
        let mut replay = Self::default();
        for entry in entries {
            match &entry.event {
                RecordEvent::Opened {
                    method,
                    rule,
                    options,
                    ..
                } => replay.opened = Some((*method, *rule, options.len())),
                RecordEvent::BallotCast {
                    participant,
                    constituency,
                    choice,
                    ..
                } if !replay.is_closed() => {
                    replay.ballot_events += 1;
                    replay.participants.insert(
                        participant.clone(),
                        Participation {
                            constituency: *constituency,
                            choice: choice.clone(),
                        },
                    );
                }
                RecordEvent::BallotCast { .. } => {}
                // One show of hands per constituency: a later one replaces the earlier.
                RecordEvent::HandsCounted { hands, .. } if !replay.is_closed() => {
                    let group = hands.group();
                    replay.hands.retain(|h| h.group() != group);
                    replay.hands.push(hands.clone())
                }
                RecordEvent::HandsCounted { .. } => {}
                RecordEvent::Closed {
                    ballots,
                    overall,
                    by_constituency,
                    outcome,
                    ..
                } => {
                    replay.closed = Some(RecordedClose {
                        ballots: *ballots,
                        overall: overall.clone(),
                        by_constituency: by_constituency.clone(),
                        outcome: outcome.clone(),
                    })
                }
                RecordEvent::ClosedSecretly { ballots, shown, .. } => {
                    replay.closed_secretly = Some((*ballots, shown.clone()))
                }
                RecordEvent::BallotWithdrawn { participant, .. } if !replay.is_closed() => {
                    replay.participants.remove(participant);
                }
                RecordEvent::BallotWithdrawn { .. } => {}
                RecordEvent::Ratified { by, .. } => replay.ratified_by.push(by.clone()),
                // After ratification: nothing to recount.
                RecordEvent::CommitmentUpdated { .. } => {}
            }
        }
        replay
    }

    /// How many took part in each constituency (every constituency, including those with
    /// nobody), each person under the constituency their ballot was counted in, and each hand
    /// under the constituency the facilitator named (or "other").
    pub fn turnout(&self) -> Vec<(Constituency, u32)> {
        Constituency::ALL
            .into_iter()
            .map(|c| {
                let people = self
                    .participants
                    .values()
                    .filter(|p| p.constituency == c)
                    .count();
                let hands = ShowOfHands::hands_in(&self.hands, c);
                (
                    c,
                    u32::try_from(people)
                        .unwrap_or(u32::MAX)
                        .saturating_add(hands),
                )
            })
            .collect()
    }

    /// Whether the record holds the decision's close.
    pub fn is_closed(&self) -> bool {
        self.closed.is_some() || self.closed_secretly.is_some()
    }

    /// A secret close checked against the ballots recorded before it: how many took part
    /// overall and in each group shown.
    fn recount_secret(&self, ballots: u32, shown: &super::disclosure::Disclosed) -> Recount {
        use super::disclosure::Group;
        let took_part = u32::try_from(self.participants.len())
            .unwrap_or(u32::MAX)
            .saturating_add(self.hands.iter().map(ShowOfHands::hands).sum());
        if took_part != ballots || shown.took_part != ballots {
            return Recount::Differs(format!(
                "the record holds {took_part} people's ballots, the close counted {ballots}"
            ));
        }
        let turnout = self.turnout();
        let in_groups = |members: &[Constituency]| -> u32 {
            turnout
                .iter()
                .filter(|(c, _)| members.contains(c))
                .map(|(_, n)| n)
                .sum()
        };
        for (group, tally) in &shown.groups {
            let n = match group {
                Group::One(c) => in_groups(&[*c]),
                Group::Others(cs) => in_groups(cs),
            };
            if n != tally.ballots {
                return Recount::Differs(format!(
                    "the record holds {n} ballots from {}, the close counted {}",
                    group.label(),
                    tally.ballots
                ));
            }
        }
        Recount::TurnoutMatches
    }

    /// Every ballot the record holds with its choice (each person's latest, and the hands),
    /// as counting takes them; `None` for secret ballots, whose choices it does not hold.
    pub fn recorded_ballots(&self, method: Method) -> Option<Vec<CastBallot>> {
        let mut cast: Vec<CastBallot> = self
            .participants
            .values()
            .map(|p| {
                p.choice.clone().map(|ballot| CastBallot {
                    constituencies: vec![p.constituency],
                    ballot,
                })
            })
            .collect::<Option<_>>()?;
        for hands in &self.hands {
            cast.extend(hands.ballots(method));
        }
        Some(cast)
    }

    /// Recounts from the record and compares with what the close recorded.
    pub fn recount(&self) -> Recount {
        if let Some((ballots, shown)) = &self.closed_secretly {
            return self.recount_secret(*ballots, shown);
        }
        let Some(closed) = &self.closed else {
            return Recount::NotClosed;
        };
        let Some((method, rule, options)) = self.opened else {
            return Recount::Differs("the record does not say how the decision was opened".into());
        };
        let took_part = u32::try_from(self.participants.len())
            .unwrap_or(u32::MAX)
            .saturating_add(self.hands.iter().map(ShowOfHands::hands).sum());
        if took_part != closed.ballots || closed.overall.ballots != took_part {
            return Recount::Differs(format!(
                "the record holds {took_part} people's ballots, the close counted {}",
                closed.ballots
            ));
        }
        for (c, n) in self.turnout() {
            let counted = closed
                .by_constituency
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(0, |(_, t)| t.ballots);
            if counted != n {
                return Recount::Differs(format!(
                    "the record holds {n} ballots from {}, the close counted {counted}",
                    c.plural()
                ));
            }
        }
        let Some(cast) = self.recorded_ballots(method) else {
            return Recount::TurnoutMatches;
        };
        if count(method, options, cast.iter().map(|b| &b.ballot)) != closed.overall {
            return Recount::Differs("the recorded ballots give a different count".into());
        }
        if by_constituency(method, options, &cast) != closed.by_constituency {
            return Recount::Differs(
                "the recorded ballots give a different count by constituency".into(),
            );
        }
        if evaluate(rule, method, options, &cast) != closed.outcome {
            return Recount::Differs("the recorded ballots give a different outcome".into());
        }
        Recount::Matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::method::ConsentAnswer::{self, *};
    use crate::domain::decision::record::append;
    use crate::domain::decision::rule::{CoProduction, Threshold};

    fn rule() -> DecisionRule {
        DecisionRule {
            threshold: Threshold::SimpleMajority,
            co_production: Some(CoProduction {
                min_lived_experience: 1,
            }),
        }
    }

    fn consent(a: ConsentAnswer) -> Ballot {
        Ballot::Consent {
            answer: a,
            reason: None,
            in_annex: false,
        }
    }

    /// A record as the store writes it: opened, the ballots in order, then closed with the
    /// count of each person's last ballot.
    fn record(secret: bool, ballots: &[(&str, Constituency, ConsentAnswer)]) -> Vec<RecordEntry> {
        let mut out = vec![append(
            None,
            1,
            0,
            RecordEvent::Opened {
                question: "Adopt version 3?".into(),
                method: Method::Consent,
                rule: rule(),
                options: vec![],
                by: "f".into(),
            },
        )];
        let mut last: BTreeMap<&str, CastBallot> = BTreeMap::new();
        for (who, c, a) in ballots {
            let changed = last.contains_key(who);
            last.insert(
                who,
                CastBallot {
                    constituencies: vec![*c],
                    ballot: consent(*a),
                },
            );
            let next = append(
                out.last(),
                1,
                1,
                RecordEvent::BallotCast {
                    participant: who.to_string(),
                    constituency: *c,
                    changed,
                    choice: (!secret).then(|| consent(*a)),
                },
            );
            out.push(next);
        }
        let cast: Vec<CastBallot> = last.into_values().collect();
        let next = append(
            out.last(),
            1,
            2,
            RecordEvent::Closed {
                ballots: cast.len() as u32,
                overall: count(Method::Consent, 0, cast.iter().map(|b| &b.ballot)),
                by_constituency: by_constituency(Method::Consent, 0, &cast),
                outcome: evaluate(rule(), Method::Consent, 0, &cast),
                by: None,
            },
        );
        out.push(next);
        out
    }

    const VOTES: [(&str, Constituency, ConsentAnswer); 4] = [
        ("a", Constituency::LivedExperience, Object),
        ("b", Constituency::ProviderStaff, Agree),
        ("a", Constituency::LivedExperience, Agree),
        ("c", Constituency::Commissioner, Abstain),
    ];

    #[test]
    fn an_open_ballot_record_recounts_to_the_recorded_close() {
        let replay = Replay::of(&record(false, &VOTES));
        assert_eq!(replay.ballot_events, 4, "a changed ballot is an event too");
        assert_eq!(replay.participants.len(), 3);
        assert_eq!(
            replay.participants["a"].choice,
            Some(consent(Agree)),
            "the changed ballot replaces the first"
        );
        assert_eq!(replay.recount(), Recount::Matches);
        let turnout = replay.turnout();
        assert_eq!(turnout.iter().map(|(_, n)| n).sum::<u32>(), 3);
        assert!(turnout.contains(&(Constituency::FamilyOrCarer, 0)));
    }

    #[test]
    fn a_secret_ballot_record_checks_turnout_only() {
        let replay = Replay::of(&record(true, &VOTES));
        assert_eq!(replay.recount(), Recount::TurnoutMatches);
    }

    #[test]
    fn a_close_that_does_not_follow_from_the_ballots_is_caught() {
        let mut entries = record(false, &VOTES);
        let last = entries.len() - 1;
        if let RecordEvent::Closed { outcome, .. } = &mut entries[last].event {
            outcome.passed = !outcome.passed;
        }
        assert!(matches!(
            Replay::of(&entries).recount(),
            Recount::Differs(why) if why.contains("outcome")
        ));

        let mut entries = record(false, &VOTES);
        if let RecordEvent::Closed { ballots, .. } = &mut entries[last].event {
            *ballots += 1;
        }
        assert!(matches!(
            Replay::of(&entries).recount(),
            Recount::Differs(_)
        ));

        // A ballot moved to another constituency: the totals agree, the breakdown does not.
        let mut entries = record(false, &VOTES);
        if let RecordEvent::BallotCast { constituency, .. } = &mut entries[2].event {
            *constituency = Constituency::PeerSupporter;
        }
        assert!(matches!(
            Replay::of(&entries).recount(),
            Recount::Differs(why) if why.contains("peer supporters")
        ));
    }

    #[test]
    fn a_show_of_hands_is_recounted_with_the_ballots() {
        let mut entries = record(false, &VOTES);
        let close = entries.pop().unwrap();
        let hands = ShowOfHands {
            constituency: Some(Constituency::LivedExperience),
            counts: vec![4, 0, 1, 0],
        };
        let entered = append(
            entries.last(),
            1,
            1,
            RecordEvent::HandsCounted {
                entered_by: "f".into(),
                hands: hands.clone(),
            },
        );
        entries.push(entered);
        // A close that left the hands out no longer follows from the record.
        let stale = append(entries.last(), 1, 2, close.event.clone());
        let mut with_stale = entries.clone();
        with_stale.push(stale);
        assert!(matches!(
            Replay::of(&with_stale).recount(),
            Recount::Differs(_)
        ));
        // The close the store makes counts them.
        let mut cast: Vec<CastBallot> = Replay::of(&entries)
            .participants
            .values()
            .map(|p| CastBallot {
                constituencies: vec![p.constituency],
                ballot: p.choice.clone().unwrap(),
            })
            .collect();
        cast.extend(hands.ballots(Method::Consent));
        let closed = append(
            entries.last(),
            1,
            2,
            RecordEvent::Closed {
                ballots: cast.len() as u32,
                overall: count(Method::Consent, 0, cast.iter().map(|b| &b.ballot)),
                by_constituency: by_constituency(Method::Consent, 0, &cast),
                outcome: evaluate(rule(), Method::Consent, 0, &cast),
                by: None,
            },
        );
        entries.push(closed);
        let replay = Replay::of(&entries);
        assert_eq!(replay.recount(), Recount::Matches);
        assert!(
            replay
                .turnout()
                .contains(&(Constituency::LivedExperience, 1 + 5))
        );
    }

    #[test]
    fn ballots_after_the_close_are_not_counted() {
        let mut entries = record(false, &VOTES);
        let late = append(
            entries.last(),
            1,
            3,
            RecordEvent::BallotCast {
                participant: "d".into(),
                constituency: Constituency::Other,
                changed: false,
                choice: Some(consent(Object)),
            },
        );
        entries.push(late);
        let replay = Replay::of(&entries);
        assert!(!replay.participants.contains_key("d"));
        assert_eq!(replay.recount(), Recount::Matches);
    }

    #[test]
    fn an_open_decision_has_nothing_to_recount_and_no_votes_recount_cleanly() {
        let entries = record(false, &VOTES);
        assert_eq!(
            Replay::of(&entries[..entries.len() - 1]).recount(),
            Recount::NotClosed
        );
        assert_eq!(Replay::of(&record(false, &[])).recount(), Recount::Matches);
    }
}

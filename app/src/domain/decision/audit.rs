//! Checking a decision's participation record whole: the chain of hashes, that the record is
//! there at all, that a closed decision's record ends with its close, that the record recounts
//! to the close it holds, and that what the tables say now (the ballots, the shows of hands,
//! the stored outcome) agrees with the record. A forged row in any one of them is caught,
//! because the record, the ballots and the outcome would have to be changed together and the
//! record's hashes would then break.

use super::record::{ChainBreak, RecordEntry, RecordEvent, verify};
use super::replay::{Recount, Replay};
use super::rule::{Outcome, evaluate};
use super::tally::{CastBallot, by_constituency};
use crate::domain::workshop::show_of_hands::ShowOfHands;

/// What the decision's own tables hold now.
#[derive(Debug, Clone, Copy)]
pub struct StoredFacts<'a> {
    pub closed: bool,
    pub secret: bool,
    /// The stored outcome (`decisions.outcome`).
    pub outcome: Option<&'a Outcome>,
    /// Each person's current ballot (the `ballots` table).
    pub ballots: &'a [CastBallot],
    pub hands: &'a [ShowOfHands],
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditFailure {
    #[error("decision {decision}: its participation record is missing")]
    Missing { decision: i64 },
    #[error(transparent)]
    Chain(#[from] ChainBreak),
    #[error("decision {decision}: {why}")]
    Disagrees { decision: i64, why: String },
}

/// Checks decision `decision`'s record and what its tables hold; the first failure found.
pub fn audit(
    decision: i64,
    entries: &[RecordEntry],
    stored: StoredFacts<'_>,
) -> Result<(), AuditFailure> {
    let disagrees = |why: &str| AuditFailure::Disagrees {
        decision,
        why: why.to_string(),
    };
    if entries.is_empty() {
        return Err(AuditFailure::Missing { decision });
    }
    verify(decision, entries)?;
    if !matches!(entries[0].event, RecordEvent::Opened { .. }) {
        return Err(disagrees(
            "the record does not begin with the decision's opening",
        ));
    }
    ends_as_stored(entries, stored.closed).map_err(disagrees)?;
    let replay = Replay::of(entries);
    if let Recount::Differs(why) = replay.recount() {
        return Err(disagrees(&why));
    }
    agrees_with_tables(&replay, stored).map_err(disagrees)
}

/// A closed decision's record ends with its close (only ratifications, and commitments on
/// the ratified text, may follow it); an open decision's record holds no close.
fn ends_as_stored(entries: &[RecordEntry], closed: bool) -> Result<(), &'static str> {
    let is_close = |e: &RecordEntry| {
        matches!(
            e.event,
            RecordEvent::Closed { .. } | RecordEvent::ClosedSecretly { .. }
        )
    };
    let last_but_ratifications = entries.iter().rev().find(|e| {
        !matches!(
            e.event,
            RecordEvent::Ratified { .. } | RecordEvent::CommitmentUpdated { .. }
        )
    });
    match (closed, last_but_ratifications) {
        (true, Some(last)) if is_close(last) => Ok(()),
        (true, _) => Err(
            "the decision is closed but its record does not end with the close: entries at its end are missing",
        ),
        (false, _) if entries.iter().any(is_close) => {
            Err("the record holds a close but the decision is stored as open")
        }
        (false, _) => Ok(()),
    }
}

/// The ballots and shows of hands stored now, and the stored outcome, agree with the record.
fn agrees_with_tables(replay: &Replay, stored: StoredFacts<'_>) -> Result<(), &'static str> {
    let Some((method, rule, options)) = replay.opened else {
        return Err("the record does not say how the decision was opened");
    };
    let mut stored_cast: Vec<CastBallot> = stored.ballots.to_vec();
    for hands in stored.hands {
        stored_cast.extend(hands.ballots(method));
    }
    let stored_turnout: Vec<_> = by_constituency(method, options, &stored_cast)
        .into_iter()
        .map(|(c, t)| (c, t.ballots))
        .collect();
    if stored_turnout != replay.turnout() {
        return Err("the ballots stored do not match the ballots in the record");
    }
    if !stored.secret {
        // The record holds each open ballot's choice: the stored ones must count the same.
        let Some(recorded) = replay.recorded_ballots(method) else {
            return Err("the record of an open ballot is missing someone's choice");
        };
        if by_constituency(method, options, &recorded)
            != by_constituency(method, options, &stored_cast)
        {
            return Err("the choices in the ballots stored differ from those in the record");
        }
    }
    if !stored.closed {
        return Ok(());
    }
    let Some(outcome) = stored.outcome else {
        return Err("the decision is closed but no outcome is stored");
    };
    if evaluate(rule, method, options, &stored_cast) != *outcome {
        return Err("the stored outcome does not follow from the ballots stored");
    }
    let recorded_outcome = match (&replay.closed, &replay.closed_secretly) {
        (Some(close), _) => &close.outcome,
        (None, Some((_, shown))) => &shown.outcome,
        (None, None) => return Err("the record holds no close"),
    };
    // A secret close records only what may be shown: whether it passed and what leads.
    let same = if replay.closed_secretly.is_some() {
        recorded_outcome.passed == outcome.passed && recorded_outcome.leading == outcome.leading
    } else {
        recorded_outcome == outcome
    };
    if same {
        Ok(())
    } else {
        Err("the stored outcome differs from the outcome in the record")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Constituency;
    use crate::domain::decision::ballot::Ballot;
    use crate::domain::decision::method::{ConsentAnswer, Method};
    use crate::domain::decision::record::append;
    use crate::domain::decision::rule::{DecisionRule, Threshold};
    use crate::domain::decision::tally::count;

    fn rule() -> DecisionRule {
        DecisionRule {
            threshold: Threshold::SimpleMajority,
            co_production: None,
        }
    }

    fn cast(c: Constituency, a: ConsentAnswer) -> CastBallot {
        CastBallot {
            constituencies: vec![c],
            ballot: Ballot::Consent {
                answer: a,
                reason: None,
                in_annex: false,
            },
        }
    }

    /// An open-ballot decision with `ballots`, closed, as the store writes it.
    fn closed_record(ballots: &[CastBallot]) -> (Vec<RecordEntry>, Outcome) {
        let mut out = vec![append(
            None,
            1,
            0,
            RecordEvent::Opened {
                question: "Adopt?".into(),
                method: Method::Consent,
                rule: rule(),
                options: vec![],
                by: "f".into(),
            },
        )];
        for (i, b) in ballots.iter().enumerate() {
            let next = append(
                out.last(),
                1,
                1,
                RecordEvent::ballot_cast(format!("p-{i}"), b, false, false),
            );
            out.push(next);
        }
        let outcome = evaluate(rule(), Method::Consent, 0, ballots);
        let next = append(
            out.last(),
            1,
            2,
            RecordEvent::Closed {
                ballots: ballots.len() as u32,
                overall: count(Method::Consent, 0, ballots.iter().map(|b| &b.ballot)),
                by_constituency: by_constituency(Method::Consent, 0, ballots),
                outcome: outcome.clone(),
                by: None,
            },
        );
        out.push(next);
        (out, outcome)
    }

    fn three() -> Vec<CastBallot> {
        vec![
            cast(Constituency::LivedExperience, ConsentAnswer::Agree),
            cast(Constituency::ProviderStaff, ConsentAnswer::Agree),
            cast(Constituency::Commissioner, ConsentAnswer::Object),
        ]
    }

    fn facts<'a>(ballots: &'a [CastBallot], outcome: &'a Outcome) -> StoredFacts<'a> {
        StoredFacts {
            closed: true,
            secret: false,
            outcome: Some(outcome),
            ballots,
            hands: &[],
        }
    }

    #[test]
    fn an_honest_closed_decision_passes() {
        let ballots = three();
        let (record, outcome) = closed_record(&ballots);
        assert_eq!(audit(1, &record, facts(&ballots, &outcome)), Ok(()));
    }

    #[test]
    fn a_missing_record_fails() {
        let ballots = three();
        let (_, outcome) = closed_record(&ballots);
        assert_eq!(
            audit(1, &[], facts(&ballots, &outcome)),
            Err(AuditFailure::Missing { decision: 1 })
        );
    }

    #[test]
    fn a_closed_decision_whose_closing_entry_was_deleted_fails() {
        let ballots = three();
        let (mut record, outcome) = closed_record(&ballots);
        record.pop();
        assert!(matches!(
            audit(1, &record, facts(&ballots, &outcome)),
            Err(AuditFailure::Disagrees { .. })
        ));
        // And the last two entries.
        record.pop();
        assert!(audit(1, &record, facts(&ballots, &outcome)).is_err());
    }

    #[test]
    fn a_forged_ballot_in_the_table_fails() {
        let ballots = three();
        let (record, outcome) = closed_record(&ballots);
        let mut forged = ballots.clone();
        forged[2] = cast(Constituency::Commissioner, ConsentAnswer::Agree);
        assert!(audit(1, &record, facts(&forged, &outcome)).is_err());
        let mut added = ballots.clone();
        added.push(cast(Constituency::LivedExperience, ConsentAnswer::Agree));
        assert!(audit(1, &record, facts(&added, &outcome)).is_err());
    }

    #[test]
    fn a_forged_stored_outcome_fails() {
        let ballots = three();
        let (record, outcome) = closed_record(&ballots);
        let forged = Outcome {
            passed: !outcome.passed,
            ..outcome.clone()
        };
        assert!(audit(1, &record, facts(&ballots, &forged)).is_err());
    }

    #[test]
    fn an_open_decision_with_a_close_in_its_record_fails() {
        let ballots = three();
        let (record, outcome) = closed_record(&ballots);
        let open = StoredFacts {
            closed: false,
            ..facts(&ballots, &outcome)
        };
        assert!(audit(1, &record, open).is_err());
        let still_open = &record[..record.len() - 1];
        assert_eq!(audit(1, still_open, open), Ok(()));
    }
}

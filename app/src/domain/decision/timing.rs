//! When a decision takes ballots, and who may cast one: the rules the decision page, the
//! ballot form, the vote itself and the live screens all ask, so "why can't I vote?" has one
//! answer.

use super::spec::DecisionSpec;
use crate::domain::Constituency;
use crate::domain::permissions::Refusal;

/// The longest a decision may stay open before closing by itself: 90 days.
pub const MAX_OPEN_MINUTES: i64 = 90 * 24 * 60;

/// When a decision opened, when it closes by itself (if set) and when it closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub opened_at: i64,
    pub closes_at: Option<i64>,
    pub closed_at: Option<i64>,
}

impl Timing {
    /// Open for ballots at `now`: not closed by hand and not past its closing time.
    pub fn is_open(&self, now: i64) -> bool {
        self.closed_at.is_none() && self.closes_at.is_none_or(|t| now < t)
    }

    /// Past its closing time but not yet counted: the first reader closes it.
    pub fn is_due(&self, now: i64) -> bool {
        self.closed_at.is_none() && !self.is_open(now)
    }
}

/// Why this person cannot cast a ballot now, in words; `None` when they can. `in_process` is
/// the process's answer to "may they vote at all", `constituencies` those that count for them.
pub fn ballot_refusal(
    timing: Timing,
    spec: &DecisionSpec,
    in_process: Result<(), Refusal>,
    constituencies: &[Constituency],
    now: i64,
) -> Option<String> {
    if !timing.is_open(now) {
        return Some(CLOSED.to_string());
    }
    match in_process {
        Err(Refusal::SignInRequired) => Some("Sign in to vote.".to_string()),
        Err(Refusal::Forbidden(why)) => Some(why.to_string()),
        Ok(()) => spec.may_vote(constituencies).err(),
    }
}

/// Said when a decision no longer takes ballots.
pub const CLOSED: &str = "This decision has closed, so it takes no more ballots.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::method::Method;
    use crate::domain::decision::rule::{DecisionRule, Threshold};
    use crate::domain::decision::subject::DecisionSubject;

    fn spec(eligible: Vec<Constituency>) -> DecisionSpec {
        DecisionSpec::parse(
            DecisionSubject::Question,
            "Q?",
            Method::Consent,
            DecisionRule {
                threshold: Threshold::SimpleMajority,
                co_production: None,
            },
            &[],
            eligible,
            false,
        )
        .unwrap()
    }

    const OPEN: Timing = Timing {
        opened_at: 0,
        closes_at: Some(100),
        closed_at: None,
    };

    #[test]
    fn a_decision_closes_at_its_time_or_by_hand() {
        assert!(OPEN.is_open(99));
        assert!(!OPEN.is_open(100));
        assert!(OPEN.is_due(100));
        let closed = Timing {
            closed_at: Some(50),
            ..OPEN
        };
        assert!(!closed.is_open(10));
        assert!(!closed.is_due(200), "already counted");
    }

    #[test]
    fn the_reason_comes_in_order_closed_then_membership_then_constituency() {
        let s = spec(vec![Constituency::LivedExperience]);
        assert_eq!(
            ballot_refusal(OPEN, &s, Ok(()), &[Constituency::LivedExperience], 200).as_deref(),
            Some(CLOSED)
        );
        assert_eq!(
            ballot_refusal(OPEN, &s, Err(Refusal::SignInRequired), &[], 1).as_deref(),
            Some("Sign in to vote.")
        );
        assert!(ballot_refusal(OPEN, &s, Ok(()), &[Constituency::Other], 1).is_some());
        assert_eq!(
            ballot_refusal(OPEN, &s, Ok(()), &[Constituency::LivedExperience], 1),
            None
        );
    }
}

//! Decision rules: whether a count carries, and the co-production rule, under which the
//! outcome must also carry among people with lived experience, with enough of them taking
//! part. Each part of a rule is reported separately, so everyone can see which was met.

use serde::{Deserialize, Serialize};

use super::method::Method;
use super::tally::{CastBallot, Count, Tally, count};
use crate::domain::Constituency;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Threshold {
    /// More than half: of those agreeing or objecting (consent), of the ballots (one
    /// choice), of the ballots still in the count (ranked), of all dots or points.
    SimpleMajority,
    /// At least `percent` per cent, counted the same way.
    Supermajority { percent: u8 },
    /// Consent only: nobody objects, and at least one person agrees.
    NoUnresolvedObjections,
}

impl Threshold {
    /// The supermajority when none is given.
    pub const DEFAULT_SUPERMAJORITY_PERCENT: u8 = 66;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoProduction {
    /// How many people with lived experience must take part.
    pub min_lived_experience: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRule {
    pub threshold: Threshold,
    pub co_production: Option<CoProduction>,
}

impl CoProduction {
    /// People with lived experience who must take part when none is given.
    pub const DEFAULT_MIN_LIVED_EXPERIENCE: u32 = 1;
    pub const MAX_MIN_LIVED_EXPERIENCE: u32 = 1_000;
}

/// Why a rule cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("“No unresolved objections” works only with a consent decision.")]
    ObjectionsNeedConsent,
    #[error("A supermajority must be between 51 and 100 per cent.")]
    SupermajorityOutOfRange,
}

impl DecisionRule {
    /// The rule in plain words, as the decision page and the downloaded record say it.
    pub fn in_words(self) -> String {
        let threshold = match self.threshold {
            Threshold::SimpleMajority => "more than half".to_string(),
            Threshold::Supermajority { percent } => format!("at least {percent}%"),
            Threshold::NoUnresolvedObjections => "no unresolved objections".to_string(),
        };
        match self.co_production {
            Some(co) => format!(
                "To pass it needs {threshold}, and the same among people with lived experience, at least {} of whom must take part.",
                co.min_lived_experience
            ),
            None => format!("To pass it needs {threshold}."),
        }
    }

    pub fn check(self, method: Method) -> Result<Self, RuleError> {
        match self.threshold {
            Threshold::NoUnresolvedObjections if method != Method::Consent => {
                Err(RuleError::ObjectionsNeedConsent)
            }
            Threshold::Supermajority { percent } if !(51..=100).contains(&percent) => {
                Err(RuleError::SupermajorityOutOfRange)
            }
            _ => Ok(self),
        }
    }
}

/// One part of the rule and whether it was met, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub what: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub passed: bool,
    /// The option that leads (or won the runoff); `None` for consent or a tie.
    pub leading: Option<usize>,
    pub checks: Vec<Check>,
}

/// Whether `tally` carries under `threshold`, the leading option, and the words for it.
fn carries(threshold: Threshold, tally: &Tally) -> (bool, Option<usize>, String) {
    let meets = |part: u64, whole: u64| match threshold {
        Threshold::SimpleMajority | Threshold::NoUnresolvedObjections => {
            whole > 0 && part * 2 > whole
        }
        Threshold::Supermajority { percent } => {
            whole > 0 && part * 100 >= u64::from(percent) * whole
        }
    };
    let need = match threshold {
        Threshold::Supermajority { percent } => format!("at least {percent}%"),
        _ => "more than half".to_string(),
    };
    match &tally.count {
        Count::Consent {
            agree,
            reservations,
            object,
            ..
        } => {
            let support = u64::from(agree + reservations);
            let counted = support + u64::from(*object);
            match threshold {
                Threshold::NoUnresolvedObjections => (
                    *object == 0 && support > 0,
                    None,
                    format!("No unresolved objections ({object} objecting, {support} agreeing)"),
                ),
                _ => (
                    meets(support, counted),
                    None,
                    format!(
                        "Agreement from {need} of those agreeing or objecting ({support} of {counted})"
                    ),
                ),
            }
        }
        Count::Totals(totals) => {
            let whole: u64 = totals.iter().sum();
            let top = totals.iter().copied().max().unwrap_or(0);
            let leaders: Vec<usize> = (0..totals.len()).filter(|i| totals[*i] == top).collect();
            let leading = (leaders.len() == 1 && top > 0).then(|| leaders[0]);
            let met = leading.is_some() && meets(top, whole);
            (
                met,
                leading,
                format!("One option with {need} of the total ({top} of {whole})"),
            )
        }
        Count::Ranked(runoff) => {
            let last = runoff.rounds.last();
            let continuing: u64 = last.map_or(0, |r| {
                r.counts.iter().flatten().map(|c| u64::from(*c)).sum()
            });
            let won = runoff
                .winner
                .and_then(|w| last.and_then(|r| r.counts[w]))
                .map_or(0, u64::from);
            let met = runoff.winner.is_some() && meets(won, continuing);
            (
                met,
                runoff.winner,
                format!(
                    "A winner with {need} of the ballots in the final round ({won} of {continuing})"
                ),
            )
        }
    }
}

/// The outcome of a decision: the overall count under the rule and, with the co-production
/// rule, the count among people with lived experience (anyone who has that constituency).
pub fn evaluate(
    rule: DecisionRule,
    method: Method,
    options: usize,
    cast: &[CastBallot],
) -> Outcome {
    let overall = count(method, options, cast.iter().map(|b| &b.ballot));
    let (met, leading, what) = carries(rule.threshold, &overall);
    let mut checks = vec![Check { what, met }];
    let mut passed = met;
    if let Some(co) = rule.co_production {
        let lived: Vec<&CastBallot> = cast
            .iter()
            .filter(|b| b.constituencies.contains(&Constituency::LivedExperience))
            .collect();
        let taking_part = u32::try_from(lived.len()).unwrap_or(u32::MAX);
        let enough = taking_part >= co.min_lived_experience;
        checks.push(Check {
            what: format!(
                "At least {} with lived experience took part ({taking_part} did)",
                match co.min_lived_experience {
                    1 => "1 person".to_string(),
                    n => format!("{n} people"),
                }
            ),
            met: enough,
        });
        let among = count(method, options, lived.iter().map(|b| &b.ballot));
        let (carried, their_leading, what) = carries(rule.threshold, &among);
        let same = carried && their_leading == leading;
        checks.push(Check {
            what: format!("Among people with lived experience: {what}"),
            met: same,
        });
        passed = passed && enough && same;
    }
    Outcome {
        passed,
        leading,
        checks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::ballot::Ballot;
    use crate::domain::decision::method::ConsentAnswer::{self, *};

    fn person(c: Constituency, a: ConsentAnswer) -> CastBallot {
        CastBallot {
            constituencies: vec![c],
            ballot: Ballot::Consent {
                answer: a,
                reason: None,
                in_annex: false,
            },
        }
    }

    fn rule(threshold: Threshold, co: Option<u32>) -> DecisionRule {
        DecisionRule {
            threshold,
            co_production: co.map(|min_lived_experience| CoProduction {
                min_lived_experience,
            }),
        }
    }

    #[test]
    fn no_votes_never_pass() {
        for t in [
            Threshold::SimpleMajority,
            Threshold::Supermajority { percent: 66 },
            Threshold::NoUnresolvedObjections,
        ] {
            assert!(!evaluate(rule(t, None), Method::Consent, 0, &[]).passed);
        }
        assert!(
            !evaluate(
                rule(Threshold::SimpleMajority, None),
                Method::SingleChoice,
                2,
                &[]
            )
            .passed
        );
    }

    #[test]
    fn all_abstaining_does_not_pass() {
        let cast = vec![person(Constituency::LivedExperience, Abstain); 5];
        assert!(
            !evaluate(
                rule(Threshold::SimpleMajority, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
        assert!(
            !evaluate(
                rule(Threshold::NoUnresolvedObjections, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
    }

    #[test]
    fn one_objection_blocks_consent_but_not_a_majority() {
        let mut cast = vec![person(Constituency::ProviderStaff, Agree); 9];
        cast.push(person(Constituency::LivedExperience, Object));
        assert!(
            !evaluate(
                rule(Threshold::NoUnresolvedObjections, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
        assert!(
            evaluate(
                rule(Threshold::SimpleMajority, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
    }

    #[test]
    fn a_supermajority_counts_reservations_as_agreement_and_ignores_abstentions() {
        let mut cast = vec![person(Constituency::Other, Agree); 1];
        cast.push(person(Constituency::Other, AgreeWithReservations));
        cast.push(person(Constituency::Other, Object));
        cast.push(person(Constituency::Other, Abstain));
        // 2 of 3 = 66.7%.
        assert!(
            evaluate(
                rule(Threshold::Supermajority { percent: 66 }, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
        assert!(
            !evaluate(
                rule(Threshold::Supermajority { percent: 67 }, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
    }

    #[test]
    fn exactly_half_is_not_a_majority() {
        let cast = vec![
            person(Constituency::Other, Agree),
            person(Constituency::Other, Object),
        ];
        assert!(
            !evaluate(
                rule(Threshold::SimpleMajority, None),
                Method::Consent,
                0,
                &cast
            )
            .passed
        );
    }

    #[test]
    fn the_co_production_rule_fails_when_service_users_disagree_though_the_room_agrees() {
        let mut cast = vec![person(Constituency::ProviderStaff, Agree); 8];
        cast.extend(vec![person(Constituency::Commissioner, Agree); 2]);
        cast.extend(vec![person(Constituency::LivedExperience, Object); 3]);
        cast.push(person(Constituency::LivedExperience, Agree));
        let outcome = evaluate(
            rule(Threshold::SimpleMajority, Some(3)),
            Method::Consent,
            0,
            &cast,
        );
        assert!(outcome.checks[0].met, "11 of 14 overall");
        assert!(outcome.checks[1].met, "4 took part, 3 needed");
        assert!(!outcome.checks[2].met, "1 of 4 among lived experience");
        assert!(!outcome.passed);
    }

    #[test]
    fn the_co_production_rule_needs_enough_people_with_lived_experience() {
        let mut cast = vec![person(Constituency::ProviderStaff, Agree); 5];
        cast.push(person(Constituency::LivedExperience, Agree));
        let outcome = evaluate(
            rule(Threshold::SimpleMajority, Some(3)),
            Method::Consent,
            0,
            &cast,
        );
        assert!(!outcome.checks[1].met);
        assert!(!outcome.passed);
        let enough = evaluate(
            rule(Threshold::SimpleMajority, Some(1)),
            Method::Consent,
            0,
            &cast,
        );
        assert!(enough.passed);
    }

    #[test]
    fn with_options_the_service_users_must_back_the_same_option() {
        let single = |c: Constituency, i: usize| CastBallot {
            constituencies: vec![c],
            ballot: Ballot::Single(i),
        };
        let mut cast = vec![single(Constituency::ProviderStaff, 0); 6];
        cast.extend(vec![single(Constituency::LivedExperience, 1); 3]);
        let outcome = evaluate(
            rule(Threshold::SimpleMajority, Some(2)),
            Method::SingleChoice,
            2,
            &cast,
        );
        assert_eq!(outcome.leading, Some(0));
        assert!(outcome.checks[0].met && !outcome.checks[2].met && !outcome.passed);
    }

    #[test]
    fn a_tie_between_options_has_no_leader_and_does_not_pass() {
        let cast = vec![
            CastBallot {
                constituencies: vec![],
                ballot: Ballot::Single(0),
            },
            CastBallot {
                constituencies: vec![],
                ballot: Ballot::Single(1),
            },
        ];
        let outcome = evaluate(
            rule(Threshold::SimpleMajority, None),
            Method::SingleChoice,
            2,
            &cast,
        );
        assert_eq!(outcome.leading, None);
        assert!(!outcome.passed);
    }

    #[test]
    fn a_ranked_winner_carries_with_a_majority_of_the_final_round() {
        let ranked = |v: Vec<usize>| CastBallot {
            constituencies: vec![],
            ballot: Ballot::Ranked(v),
        };
        let cast = vec![
            ranked(vec![0]),
            ranked(vec![0]),
            ranked(vec![1]),
            ranked(vec![2, 1]),
            ranked(vec![1]),
        ];
        let outcome = evaluate(
            rule(Threshold::SimpleMajority, None),
            Method::RankedChoice,
            3,
            &cast,
        );
        assert_eq!(outcome.leading, Some(1));
        assert!(outcome.passed);
    }

    #[test]
    fn rules_that_do_not_fit_the_method_are_refused() {
        assert_eq!(
            rule(Threshold::NoUnresolvedObjections, None).check(Method::Score),
            Err(RuleError::ObjectionsNeedConsent)
        );
        assert_eq!(
            rule(Threshold::Supermajority { percent: 50 }, None).check(Method::Consent),
            Err(RuleError::SupermajorityOutOfRange)
        );
        assert!(
            rule(Threshold::Supermajority { percent: 75 }, Some(5))
                .check(Method::DotVoting { dots: 3 })
                .is_ok()
        );
    }

    #[test]
    fn one_person_is_a_person_not_people() {
        use crate::domain::decision::ballot::Ballot;
        use crate::domain::decision::method::ConsentAnswer;
        let rule = DecisionRule {
            threshold: Threshold::SimpleMajority,
            co_production: Some(CoProduction {
                min_lived_experience: 1,
            }),
        };
        let cast = [CastBallot {
            constituencies: vec![Constituency::LivedExperience],
            ballot: Ballot::Consent {
                answer: ConsentAnswer::Agree,
                reason: None,
                in_annex: false,
            },
        }];
        let outcome = evaluate(rule, Method::Consent, 0, &cast);
        assert!(
            outcome
                .checks
                .iter()
                .any(|c| c.what == "At least 1 person with lived experience took part (1 did)"),
            "{:?}",
            outcome.checks
        );
    }
}

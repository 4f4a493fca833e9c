//! What a facilitator sets when opening a decision, parsed into a type that cannot be
//! invalid: the question, the method and its options, the rule, who may vote, and whether
//! ballots are secret.

use serde::{Deserialize, Serialize};

use super::method::Method;
use super::rule::{DecisionRule, Outcome, RuleError, evaluate};
use super::subject::{DecisionSubject, SubjectError};
use super::tally::{CastBallot, Tally, by_constituency, count};
use crate::domain::Constituency;
use crate::domain::text::{TextError, bounded_text};

bounded_text!(
    /// The question people vote on.
    Question,
    max_chars = 300,
    multiline = false
);

bounded_text!(
    /// One option of a decision.
    OptionLabel,
    max_chars = 200,
    multiline = false
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionSpec {
    pub subject: DecisionSubject,
    pub question: Question,
    pub method: Method,
    pub rule: DecisionRule,
    /// Empty for consent; 2 to [`DecisionSpec::MAX_OPTIONS`] otherwise.
    pub options: Vec<OptionLabel>,
    /// Who may vote; never empty.
    pub eligible: Vec<Constituency>,
    /// The record shows who took part, not how they voted.
    pub secret: bool,
}

/// What a decision closes with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalCount {
    pub ballots: u32,
    pub overall: Tally,
    pub by_constituency: Vec<(Constituency, Tally)>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("{0}")]
    Question(TextError),
    #[error("Option {0}: {1}")]
    Option(usize, TextError),
    #[error("Please give at least two options.")]
    TooFewOptions,
    #[error("A decision can have at most {0} options.")]
    TooManyOptions(usize),
    #[error("Please choose at least one group of people who may vote.")]
    NobodyEligible,
    #[error("{0}")]
    Rule(RuleError),
    #[error("{0}")]
    Subject(SubjectError),
}

impl DecisionSpec {
    pub const MAX_OPTIONS: usize = 12;

    /// An empty question about a version or an amendment gets one that names it.
    pub fn parse(
        subject: DecisionSubject,
        question: &str,
        method: Method,
        rule: DecisionRule,
        options: &[String],
        eligible: Vec<Constituency>,
        secret: bool,
    ) -> Result<Self, SpecError> {
        let subject = subject.check(method).map_err(SpecError::Subject)?;
        let question = match subject.default_question() {
            Some(default) if question.trim().is_empty() => Question::parse(&default),
            _ => Question::parse(question),
        }
        .map_err(SpecError::Question)?;
        let options: Vec<OptionLabel> = if method.needs_options() {
            let given: Vec<&String> = options.iter().filter(|o| !o.trim().is_empty()).collect();
            if given.len() < 2 {
                return Err(SpecError::TooFewOptions);
            }
            if given.len() > Self::MAX_OPTIONS {
                return Err(SpecError::TooManyOptions(Self::MAX_OPTIONS));
            }
            given
                .iter()
                .enumerate()
                .map(|(i, o)| OptionLabel::parse(o).map_err(|e| SpecError::Option(i + 1, e)))
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        let mut eligible = eligible;
        eligible.sort();
        eligible.dedup();
        if eligible.is_empty() {
            return Err(SpecError::NobodyEligible);
        }
        let rule = rule.check(method).map_err(SpecError::Rule)?;
        Ok(Self {
            subject,
            question,
            method,
            rule,
            options,
            eligible,
            secret,
        })
    }

    /// The vote an amendment sent to a vote gets: consent, passing with more than half of
    /// those agreeing or objecting, and under the co-production rule (it must also pass among
    /// people with lived experience, at least one of whom takes part); everyone taking part
    /// may vote, openly. A facilitator closes it.
    pub fn amendment_vote(id: i64) -> Self {
        use super::rule::{CoProduction, Threshold};
        let subject = DecisionSubject::Amendment { id };
        let question = subject
            .default_question()
            .and_then(|q| Question::parse(&q).ok())
            .unwrap_or_else(|| Question(format!("Amendment {id}")));
        Self {
            subject,
            question,
            method: Method::Consent,
            rule: DecisionRule {
                threshold: Threshold::SimpleMajority,
                co_production: Some(CoProduction {
                    min_lived_experience: 1,
                }),
            },
            options: Vec::new(),
            eligible: Constituency::ALL.to_vec(),
            secret: false,
        }
    }

    /// The count at closing: overall, by constituency, and the outcome under the rule.
    pub fn final_count(&self, cast: &[CastBallot]) -> FinalCount {
        let options = self.options.len();
        FinalCount {
            ballots: u32::try_from(cast.len()).unwrap_or(u32::MAX),
            overall: count(self.method, options, cast.iter().map(|b| &b.ballot)),
            by_constituency: by_constituency(self.method, options, cast),
            outcome: evaluate(self.rule, self.method, options, cast),
        }
    }

    /// Whether someone in `constituencies` may vote; the reason, in words, when not.
    /// The count at the close, and the record's closing entry (`by`: who closed it): for
    /// secret ballots only what may be shown, with secrecy threshold `k`.
    pub fn closing(
        &self,
        cast: &[CastBallot],
        by: Option<String>,
        k: super::disclosure::SecrecyThreshold,
    ) -> (FinalCount, super::record::RecordEvent) {
        use super::record::RecordEvent;
        let counted = self.final_count(cast);
        let event = if self.secret {
            RecordEvent::ClosedSecretly {
                ballots: counted.ballots,
                shown: super::disclosure::disclose(
                    self.method,
                    self.options.len(),
                    self.rule,
                    cast,
                    &counted.outcome,
                    true,
                    k,
                ),
                by,
            }
        } else {
            RecordEvent::Closed {
                ballots: counted.ballots,
                overall: counted.overall.clone(),
                by_constituency: counted.by_constituency.clone(),
                outcome: counted.outcome.clone(),
                by,
            }
        };
        (counted, event)
    }

    pub fn may_vote(&self, constituencies: &[Constituency]) -> Result<(), String> {
        if constituencies.iter().any(|c| self.eligible.contains(c)) {
            Ok(())
        } else {
            let who: Vec<&str> = self.eligible.iter().map(|c| c.plural()).collect();
            Err(format!(
                "This decision is for {} only. If that includes you, say so on your profile page; commissioners and provider staff are confirmed by a process administrator.",
                who.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::rule::Threshold;

    fn majority() -> DecisionRule {
        DecisionRule {
            threshold: Threshold::SimpleMajority,
            co_production: None,
        }
    }

    #[test]
    fn options_are_needed_except_for_consent() {
        let one = vec!["Detox".to_string(), " ".to_string()];
        assert_eq!(
            DecisionSpec::parse(
                DecisionSubject::Question,
                "Which first?",
                Method::SingleChoice,
                majority(),
                &one,
                vec![Constituency::Other],
                false
            ),
            Err(SpecError::TooFewOptions)
        );
        let spec = DecisionSpec::parse(
            DecisionSubject::Question,
            "Adopt version 4?",
            Method::Consent,
            majority(),
            &one,
            vec![Constituency::Other],
            true,
        )
        .unwrap();
        assert!(spec.options.is_empty());
    }

    #[test]
    fn somebody_must_be_eligible_and_ineligible_people_are_told_why() {
        assert_eq!(
            DecisionSpec::parse(
                DecisionSubject::Question,
                "Q?",
                Method::Consent,
                majority(),
                &[],
                vec![],
                false
            ),
            Err(SpecError::NobodyEligible)
        );
        let spec = DecisionSpec::parse(
            DecisionSubject::Question,
            "Q?",
            Method::Consent,
            majority(),
            &[],
            vec![Constituency::LivedExperience, Constituency::LivedExperience],
            false,
        )
        .unwrap();
        assert_eq!(spec.eligible, vec![Constituency::LivedExperience]);
        assert!(
            spec.may_vote(&[Constituency::LivedExperience, Constituency::ProviderStaff])
                .is_ok()
        );
        let why = spec.may_vote(&[Constituency::ProviderStaff]).unwrap_err();
        assert!(why.contains("people with lived experience"), "{why}");
    }

    #[test]
    fn adopting_a_version_asks_a_yes_or_no_question_by_consent() {
        use crate::domain::document::DocumentKind;
        use crate::domain::document::version::VersionNumber;
        let adopt = DecisionSubject::AdoptVersion {
            document: DocumentKind::Definition,
            version: VersionNumber::new(2).unwrap(),
        };
        let spec = DecisionSpec::parse(
            adopt,
            "  ",
            Method::Consent,
            majority(),
            &[],
            vec![Constituency::Other],
            false,
        )
        .unwrap();
        assert!(spec.question.as_str().contains("version 2"));
        assert!(matches!(
            DecisionSpec::parse(
                adopt,
                "Which?",
                Method::SingleChoice,
                majority(),
                &["A".to_string(), "B".to_string()],
                vec![Constituency::Other],
                false
            ),
            Err(SpecError::Subject(_))
        ));
        assert!(matches!(
            DecisionSpec::parse(
                DecisionSubject::Question,
                " ",
                Method::Consent,
                majority(),
                &[],
                vec![Constituency::Other],
                false
            ),
            Err(SpecError::Question(_))
        ));
    }

    #[test]
    fn a_rule_that_does_not_fit_is_refused() {
        let rule = DecisionRule {
            threshold: Threshold::NoUnresolvedObjections,
            co_production: None,
        };
        let options = vec!["A".to_string(), "B".to_string()];
        assert!(matches!(
            DecisionSpec::parse(
                DecisionSubject::Question,
                "Q?",
                Method::Score,
                rule,
                &options,
                vec![Constituency::Other],
                false
            ),
            Err(SpecError::Rule(_))
        ));
    }
}

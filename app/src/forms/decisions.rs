//! The forms of decisions: opening one, and a ballot.

use serde::{Deserialize, Serialize};

use super::{ConstituencyBoxes, Refusals, refusal, ticked};
use crate::domain::Constituency;
use crate::domain::decision::ballot::BallotInput;
use crate::domain::decision::method::Method;
use crate::domain::decision::rule::{CoProduction, DecisionRule, Threshold};
use crate::domain::decision::spec::SpecError;
use crate::domain::decision::timing::MAX_OPEN_MINUTES;
use crate::domain::document::DocumentKind;
use crate::domain::document::version::VersionNumber;
use crate::domain::number::{optional_in, optional_whole};
use crate::error::AppError;

/// `decisions/open`. Number fields arrive as text: empty means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenDecisionForm {
    /// "question" (the default), or a document's slug to adopt one of its versions.
    pub subject: Option<String>,
    /// Which version to adopt; empty for the latest.
    pub version: Option<String>,
    pub question: String,
    /// consent, single, ranked, dots or score.
    pub method: String,
    /// One option per line.
    pub options: Option<String>,
    pub dots: Option<String>,
    /// majority, supermajority or consensus.
    pub threshold: String,
    pub percent: Option<String>,
    pub co_production: Option<String>,
    pub min_lived_experience: Option<String>,
    pub secret: Option<String>,
    pub closes_in_minutes: Option<String>,
    /// Who may vote.
    #[serde(flatten)]
    pub eligible: ConstituencyBoxes,
}

/// What a decision is to be about, before the version to adopt is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectChoice {
    Question,
    Adopt {
        document: DocumentKind,
        /// `None`: the latest version.
        version: Option<VersionNumber>,
    },
}

/// An opening request with every field checked; the workflow looks up the version and builds
/// the [`crate::domain::decision::spec::DecisionSpec`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRequest {
    pub subject: SubjectChoice,
    pub question: String,
    pub method: Method,
    pub rule: DecisionRule,
    pub options: Vec<String>,
    pub eligible: Vec<Constituency>,
    pub secret: bool,
    /// Closes by itself this many minutes after opening; `None` closes by hand.
    pub closes_in_minutes: Option<i64>,
}

fn text(raw: &Option<String>) -> &str {
    raw.as_deref().unwrap_or("")
}

impl TryFrom<OpenDecisionForm> for DecisionRequest {
    type Error = AppError;

    fn try_from(form: OpenDecisionForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let subject = match text(&form.subject).trim() {
            "" | "question" => Some(SubjectChoice::Question),
            slug => match DocumentKind::from_slug(slug) {
                Some(document) => refusals
                    .take(
                        "version",
                        optional_in::<u32>(text(&form.version), 1, u64::from(u32::MAX)),
                    )
                    .map(|n| SubjectChoice::Adopt {
                        document,
                        version: n.and_then(VersionNumber::new),
                    }),
                None => {
                    refusals.refuse("subject", "Please choose what the decision is about.");
                    None
                }
            },
        };
        let dots = refusals.take(
            "dots",
            optional_in::<u32>(text(&form.dots), 1, u64::from(Method::MAX_DOTS)),
        );
        let method = match (form.method.trim(), dots) {
            ("consent", _) => Some(Method::Consent),
            ("single", _) => Some(Method::SingleChoice),
            ("ranked", _) => Some(Method::RankedChoice),
            ("dots", Some(dots)) => Some(Method::DotVoting {
                dots: dots.unwrap_or(Method::DEFAULT_DOTS),
            }),
            ("dots", None) => None,
            ("score", _) => Some(Method::Score),
            _ => {
                refusals.refuse("method", "Please choose how people vote.");
                None
            }
        };
        let percent = refusals.take("percent", optional_in::<u8>(text(&form.percent), 51, 100));
        let threshold = match (form.threshold.trim(), percent) {
            ("majority", _) => Some(Threshold::SimpleMajority),
            ("supermajority", Some(percent)) => Some(Threshold::Supermajority {
                percent: percent.unwrap_or(Threshold::DEFAULT_SUPERMAJORITY_PERCENT),
            }),
            ("supermajority", None) => None,
            ("consensus", _) => Some(Threshold::NoUnresolvedObjections),
            _ => {
                refusals.refuse(
                    "threshold",
                    "Please choose what the decision needs to pass.",
                );
                None
            }
        };
        let co_production = refusals.take(
            "co_production",
            ticked("co_production", &form.co_production),
        );
        let minimum = refusals.take(
            "min_lived_experience",
            optional_in::<u32>(
                text(&form.min_lived_experience),
                1,
                u64::from(CoProduction::MAX_MIN_LIVED_EXPERIENCE),
            ),
        );
        let secret = refusals.take("secret", ticked("secret", &form.secret));
        let closes = refusals.take(
            "closes_in_minutes",
            optional_whole(text(&form.closes_in_minutes), 1, MAX_OPEN_MINUTES as u64),
        );
        let eligible = refusals.take("eligible", form.eligible.ticked());
        match (
            subject,
            method,
            threshold,
            co_production,
            minimum,
            secret,
            closes,
            eligible,
        ) {
            (
                Some(subject),
                Some(method),
                Some(threshold),
                Some(co_production),
                Some(minimum),
                Some(secret),
                Some(closes),
                Some(eligible),
            ) if refusals.is_empty() => Ok(Self {
                subject,
                question: form.question,
                method,
                rule: DecisionRule {
                    threshold,
                    co_production: co_production.then(|| CoProduction {
                        min_lived_experience: minimum
                            .unwrap_or(CoProduction::DEFAULT_MIN_LIVED_EXPERIENCE),
                    }),
                },
                options: text(&form.options).lines().map(str::to_string).collect(),
                eligible,
                secret,
                closes_in_minutes: closes.and_then(|m| i64::try_from(m).ok()),
            }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// The form field a refused decision specification is about.
pub fn spec_refusal(error: SpecError) -> AppError {
    let field = match error {
        SpecError::Question(_) => "question",
        SpecError::Option(..) | SpecError::TooFewOptions | SpecError::TooManyOptions(_) => {
            "options"
        }
        SpecError::NobodyEligible => "eligible",
        SpecError::Rule(_) => "threshold",
        SpecError::Subject(_) => "method",
    };
    refusal(field, error.to_string())
}

/// `decisions/vote`: a ballot as a form sends it. For consent, `answer` (agree, reservations,
/// object, abstain) and `reason`; for one choice, `choice` (the option's position); for ranked
/// choice, dots and scores, `values[i]` per option (a rank from 1, blank for unranked; dots; a
/// score from 0 to 5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotForm {
    pub answer: Option<String>,
    pub reason: Option<String>,
    /// A secret consent ballot's agreement that its reason may appear in the minority annex.
    pub in_annex: Option<String>,
    pub choice: Option<String>,
    pub values: Option<Vec<String>>,
}

impl BallotForm {
    /// What the person sent, read for a decision voted by `method` among `options` options.
    /// The domain then checks it as a ballot ([`crate::domain::decision::ballot::Ballot::parse`]).
    pub fn input(&self, method: Method, options: usize) -> Result<BallotInput, AppError> {
        let values = self.values.clone().unwrap_or_default();
        if values.len() > options {
            return Err(refusal(
                "values",
                "There are more answers than options. Please reload the page.",
            ));
        }
        // Each value is blank or a whole number in `0..=max`.
        let numbers = |min: u64, max: u64| -> Result<Vec<Option<u32>>, AppError> {
            values
                .iter()
                .map(|v| {
                    optional_in::<u32>(v, min, max).map_err(|e| refusal("values", e.to_string()))
                })
                .collect()
        };
        Ok(match method {
            Method::Consent => BallotInput::Consent {
                answer: text(&self.answer).to_string(),
                reason: text(&self.reason).to_string(),
                in_annex: ticked("in_annex", &self.in_annex)?,
            },
            Method::SingleChoice => {
                let choice = optional_in::<usize>(text(&self.choice), 0, options.max(1) as u64 - 1)
                    .map_err(|_| refusal("choice", "Please choose one of the options."))?
                    .ok_or_else(|| refusal("choice", "Please choose one of the options."))?;
                BallotInput::Single(choice)
            }
            Method::RankedChoice => {
                let ranks = numbers(1, options as u64)?;
                let mut ranked: Vec<(u32, usize)> = ranks
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| r.map(|r| (r, i)))
                    .collect();
                ranked.sort_unstable();
                if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                    return Err(refusal(
                        "values",
                        "Each number can be given to one option only: 1 for your first choice, 2 for your second, and so on.",
                    ));
                }
                BallotInput::Ranked(ranked.into_iter().map(|(_, i)| i).collect())
            }
            // A blank option gets no dots, or a score of 0.
            Method::DotVoting { dots } => {
                let given = numbers(0, u64::from(dots))?;
                BallotInput::Dots(
                    (0..options)
                        .map(|i| given.get(i).copied().flatten().unwrap_or(0))
                        .collect(),
                )
            }
            Method::Score => {
                let given = numbers(0, u64::from(Method::MAX_SCORE))?;
                BallotInput::Scores(
                    (0..options)
                        .map(|i| {
                            given
                                .get(i)
                                .copied()
                                .flatten()
                                .and_then(|s| u8::try_from(s).ok())
                                .unwrap_or(0)
                        })
                        .collect(),
                )
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> OpenDecisionForm {
        let mut f = OpenDecisionForm {
            question: "Which first?".into(),
            method: "consent".into(),
            threshold: "majority".into(),
            eligible: ConstituencyBoxes {
                other: Some("yes".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        for (k, raw) in pairs {
            let v = Some(raw.to_string());
            match *k {
                "method" => f.method = raw.to_string(),
                "threshold" => f.threshold = raw.to_string(),
                "percent" => f.percent = v,
                "dots" => f.dots = v,
                "closes_in_minutes" => f.closes_in_minutes = v,
                "min_lived_experience" => f.min_lived_experience = v,
                "co_production" => f.co_production = v,
                "subject" => f.subject = v,
                "version" => f.version = v,
                _ => panic!("{k}"),
            }
        }
        f
    }

    fn refused_field(f: OpenDecisionForm, field: &str) -> String {
        DecisionRequest::try_from(f)
            .unwrap_err()
            .for_field(field)
            .unwrap_or_else(|| panic!("no refusal for {field}"))
    }

    #[test]
    fn a_per_cent_sign_is_refused_not_turned_into_the_default() {
        refused_field(
            form(&[("threshold", "supermajority"), ("percent", "75%")]),
            "percent",
        );
    }

    #[test]
    fn an_empty_supermajority_takes_the_default_once() {
        let r = DecisionRequest::try_from(form(&[("threshold", "supermajority"), ("percent", "")]))
            .unwrap();
        assert_eq!(
            r.rule.threshold,
            Threshold::Supermajority {
                percent: Threshold::DEFAULT_SUPERMAJORITY_PERCENT
            }
        );
    }

    #[test]
    fn a_closing_time_in_words_is_refused_not_ignored() {
        refused_field(form(&[("closes_in_minutes", "ten")]), "closes_in_minutes");
    }

    #[test]
    fn a_closing_time_past_ninety_days_is_refused() {
        refused_field(
            form(&[("closes_in_minutes", "999999")]),
            "closes_in_minutes",
        );
    }

    #[test]
    fn a_malformed_minimum_of_lived_experience_is_refused() {
        refused_field(
            form(&[("co_production", "yes"), ("min_lived_experience", "abc")]),
            "min_lived_experience",
        );
    }

    #[test]
    fn dots_out_of_range_are_refused() {
        refused_field(form(&[("method", "dots"), ("dots", "0")]), "dots");
        refused_field(form(&[("method", "dots"), ("dots", "21")]), "dots");
    }

    #[test]
    fn an_unknown_method_or_subject_names_its_field() {
        refused_field(form(&[("method", "lottery")]), "method");
        refused_field(form(&[("subject", "budget")]), "subject");
        refused_field(
            form(&[("subject", "definition"), ("version", "two")]),
            "version",
        );
    }

    #[test]
    fn several_problems_are_reported_together() {
        let e = DecisionRequest::try_from(form(&[
            ("threshold", "supermajority"),
            ("percent", "abc"),
            ("closes_in_minutes", "-5"),
        ]))
        .unwrap_err();
        assert!(e.for_field("percent").is_some() && e.for_field("closes_in_minutes").is_some());
    }

    fn ballot(values: &[&str]) -> BallotForm {
        BallotForm {
            values: Some(values.iter().map(|v| v.to_string()).collect()),
            ..Default::default()
        }
    }

    #[test]
    fn ranks_given_twice_are_refused_not_stored_as_an_order() {
        let e = ballot(&["1", "1", "1"])
            .input(Method::RankedChoice, 3)
            .unwrap_err();
        assert!(e.for_field("values").is_some());
    }

    #[test]
    fn ranks_become_an_order() {
        assert_eq!(
            ballot(&["2", "1", ""]).input(Method::RankedChoice, 3),
            Ok(BallotInput::Ranked(vec![1, 0]))
        );
    }

    #[test]
    fn a_value_for_an_option_that_does_not_exist_is_refused() {
        assert!(ballot(&["1", "0", "3"]).input(Method::Score, 2).is_err());
        assert!(
            ballot(&["1", "2"])
                .input(Method::DotVoting { dots: 5 }, 1)
                .is_err()
        );
    }

    #[test]
    fn negative_or_worded_dots_and_scores_are_refused() {
        assert!(
            ballot(&["-1", "2"])
                .input(Method::DotVoting { dots: 5 }, 2)
                .is_err()
        );
        assert!(ballot(&["two", "2"]).input(Method::Score, 2).is_err());
        assert!(ballot(&["6", "2"]).input(Method::Score, 2).is_err());
    }

    #[test]
    fn a_choice_must_be_one_of_the_options() {
        let pick = |c: &str| BallotForm {
            choice: Some(c.into()),
            ..Default::default()
        };
        assert_eq!(
            pick("1").input(Method::SingleChoice, 2),
            Ok(BallotInput::Single(1))
        );
        assert!(pick("2").input(Method::SingleChoice, 2).is_err());
        assert!(pick("first").input(Method::SingleChoice, 2).is_err());
        assert!(
            BallotForm::default()
                .input(Method::SingleChoice, 2)
                .is_err()
        );
    }
}

//! What a result may show. With open ballots, everything: the count overall and by
//! constituency, and each part of the rule. With secret ballots no figure may come from fewer
//! than the secrecy threshold *k* of ballots (statistical disclosure control): constituencies
//! with fewer than *k* voters are merged into "other constituencies"; if that merged group, the
//! group a part of the rule is about, or the whole turnout is still below *k*, only the outcome
//! and the number who took part are shown. Every page, chart, export, projector and record
//! entry shows a result through [`disclose`], so the rule lives here and nowhere else.

use serde::{Deserialize, Serialize};

use super::method::Method;
use super::rule::{DecisionRule, Outcome};
use super::tally::{CastBallot, Tally, by_constituency, count};
use crate::domain::Constituency;
use crate::domain::number::{NumberError, optional_in};

/// The fewest ballots any figure of a secret result may come from: a process setting, 3
/// unless a process chooses otherwise, and never below 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecrecyThreshold(u32);

impl SecrecyThreshold {
    pub const DEFAULT: SecrecyThreshold = SecrecyThreshold(3);
    pub const MIN: u32 = 2;
    pub const MAX: u32 = 50;

    /// `None` below 2 (a group of one gives its member away) or above 50.
    pub fn new(k: u32) -> Option<Self> {
        (Self::MIN..=Self::MAX).contains(&k).then_some(Self(k))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// From a form field: a whole number from 2 to 50, nothing else (not even empty).
    pub fn parse(raw: &str) -> Result<Self, NumberError> {
        let range = NumberError::OutOfRange {
            min: u64::from(Self::MIN),
            max: u64::from(Self::MAX),
        };
        optional_in::<u32>(raw, Self::MIN.into(), Self::MAX.into())?
            .map(Self)
            .ok_or(range)
    }
}

impl Default for SecrecyThreshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A column of a result: one constituency, or small ones merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Group {
    One(Constituency),
    /// Constituencies too small to show alone, merged.
    Others(Vec<Constituency>),
}

impl Group {
    /// "People with lived experience", "Other constituencies" (short enough for a chart's
    /// label on a projector; [`shown_groups`] says who they are).
    pub fn label(&self) -> String {
        match self {
            Self::One(c) => {
                let mut letters = c.plural().chars();
                letters
                    .next()
                    .map(|f| f.to_uppercase().chain(letters).collect())
                    .unwrap_or_default()
            }
            Self::Others(_) => "Other constituencies".to_string(),
        }
    }
}

/// The groups a result's chart and table show beside "everyone", and a sentence saying which
/// constituencies were merged and why. A merged group that is everyone is not shown twice.
pub fn shown_groups(groups: &[(Group, Tally)]) -> (&[(Group, Tally)], Option<String>) {
    let list = |cs: &[Constituency]| {
        let names: Vec<&str> = cs.iter().map(|c| c.plural()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.concat(),
        }
    };
    match groups {
        [(Group::Others(_), _)] => (
            &[],
            Some("Each constituency had too few voters to be shown on its own, so only everyone's votes are shown.".into()),
        ),
        _ => {
            let note = groups.iter().find_map(|(g, _)| match g {
                Group::Others(cs) => Some(format!(
                    "“Other constituencies” counts {} together: each had too few voters to be shown on its own.",
                    list(cs)
                )),
                Group::One(_) => None,
            });
            (groups, note)
        }
    }
}

/// Why a secret result shows only its outcome and turnout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Withheld {
    /// Fewer than k took part in all.
    FewVoters,
    /// Small constituencies, merged, are still fewer than k.
    SmallGroup,
    /// The rule's part about people with lived experience rests on fewer than k of them.
    SmallRuleGroup,
}

impl Withheld {
    pub fn explanation(self, k: SecrecyThreshold) -> String {
        let k = k.get();
        match self {
            Self::FewVoters => format!(
                "The ballots are secret and fewer than {k} people voted, so only the outcome and how many took part are shown: any more could give away how someone voted."
            ),
            Self::SmallGroup | Self::SmallRuleGroup => format!(
                "The ballots are secret and some groups had fewer than {k} voters, so only the outcome and how many took part are shown: any more could give away how someone voted."
            ),
        }
    }
}

/// A result as it may be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosed {
    pub took_part: u32,
    /// The count overall; `None` when withheld.
    pub overall: Option<Tally>,
    /// The count by group (constituencies that voted, small ones merged in a secret result);
    /// empty when withheld.
    pub groups: Vec<(Group, Tally)>,
    /// The outcome; its parts (which carry figures) are emptied when withheld.
    pub outcome: Outcome,
    pub withheld: Option<Withheld>,
}

/// The result of `cast` under `rule`, as it may be shown: everything for open ballots, and
/// for secret ballots nothing from fewer than `k` ballots.
pub fn disclose(
    method: Method,
    options: usize,
    rule: DecisionRule,
    cast: &[CastBallot],
    outcome: &Outcome,
    secret: bool,
    k: SecrecyThreshold,
) -> Disclosed {
    let took_part = u32::try_from(cast.len()).unwrap_or(u32::MAX);
    let overall = count(method, options, cast.iter().map(|b| &b.ballot));
    if !secret {
        return Disclosed {
            took_part,
            overall: Some(overall),
            groups: by_constituency(method, options, cast)
                .into_iter()
                .filter(|(_, t)| t.ballots > 0)
                .map(|(c, t)| (Group::One(c), t))
                .collect(),
            outcome: outcome.clone(),
            withheld: None,
        };
    }
    let k = k.get();
    let in_group = |c: Constituency| cast.iter().filter(|b| b.primary() == c).count() as u32;
    let withheld = |why| Disclosed {
        took_part,
        overall: None,
        groups: Vec::new(),
        outcome: Outcome {
            passed: outcome.passed,
            leading: outcome.leading,
            checks: Vec::new(),
        },
        withheld: Some(why),
    };
    if took_part < k {
        return withheld(Withheld::FewVoters);
    }
    let (big, small): (Vec<Constituency>, Vec<Constituency>) = Constituency::ALL
        .into_iter()
        .filter(|c| in_group(*c) > 0)
        .partition(|c| in_group(*c) >= k);
    let merged: u32 = small.iter().map(|c| in_group(*c)).sum();
    if merged > 0 && merged < k {
        return withheld(Withheld::SmallGroup);
    }
    let lived = in_group(Constituency::LivedExperience);
    if rule.co_production.is_some() && lived > 0 && lived < k {
        return withheld(Withheld::SmallRuleGroup);
    }
    let tally_of = |members: &[Constituency]| {
        count(
            method,
            options,
            cast.iter()
                .filter(|b| members.contains(&b.primary()))
                .map(|b| &b.ballot),
        )
    };
    let mut groups: Vec<(Group, Tally)> = big
        .iter()
        .map(|c| (Group::One(*c), tally_of(&[*c])))
        .collect();
    if merged > 0 {
        groups.push((Group::Others(small.clone()), tally_of(&small)));
    }
    Disclosed {
        took_part,
        overall: Some(overall),
        groups,
        outcome: outcome.clone(),
        withheld: None,
    }
}

/// What the ballot form says, before anyone votes, when a secret decision's electorate
/// (`may_vote` people) is so small that an answer could be guessed.
pub fn guess_warning(secret: bool, may_vote: u32, k: SecrecyThreshold) -> Option<String> {
    (secret && may_vote < k.get()).then(|| {
        format!(
            "Fewer than {} people can vote in this, so an answer could be guessed even though ballots are secret. Only the outcome and how many took part will be shown.",
            k.get()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::ballot::Ballot;
    use crate::domain::decision::method::ConsentAnswer;
    use crate::domain::decision::rule::{CoProduction, Threshold, evaluate};
    use proptest::prelude::*;

    fn ballot(c: Constituency, a: ConsentAnswer) -> CastBallot {
        CastBallot {
            constituencies: vec![c],
            ballot: Ballot::Consent {
                answer: a,
                reason: None,
                in_annex: false,
            },
        }
    }

    const MAJORITY: DecisionRule = DecisionRule {
        threshold: Threshold::SimpleMajority,
        co_production: None,
    };

    fn shown(cast: &[CastBallot], rule: DecisionRule, secret: bool) -> Disclosed {
        let outcome = evaluate(rule, Method::Consent, 0, cast);
        disclose(
            Method::Consent,
            0,
            rule,
            cast,
            &outcome,
            secret,
            SecrecyThreshold::DEFAULT,
        )
    }

    #[test]
    fn the_threshold_is_never_below_two() {
        assert_eq!(SecrecyThreshold::new(1), None);
        assert_eq!(SecrecyThreshold::new(2).map(SecrecyThreshold::get), Some(2));
        for raw in ["1", "", "0", "three", "3.5", "-3", "51"] {
            assert!(SecrecyThreshold::parse(raw).is_err(), "{raw:?}");
        }
        assert_eq!(
            SecrecyThreshold::parse(" 5 ").map(SecrecyThreshold::get),
            Ok(5)
        );
    }

    #[test]
    fn small_constituencies_too_few_even_merged_show_only_the_outcome() {
        use Constituency::*;
        let mut cast: Vec<CastBallot> = (0..3)
            .map(|_| ballot(LivedExperience, ConsentAnswer::Agree))
            .collect();
        cast.push(ballot(FamilyOrCarer, ConsentAnswer::Agree));
        cast.push(ballot(PeerSupporter, ConsentAnswer::Object));
        let d = shown(&cast, MAJORITY, true);
        assert_eq!(d.withheld, Some(Withheld::SmallGroup));
        assert_eq!((d.overall, d.groups.len(), d.took_part), (None, 0, 5));
        assert!(
            d.outcome.checks.is_empty(),
            "the rule's parts carry figures"
        );
    }

    #[test]
    fn fewer_than_k_voters_in_all_show_only_the_outcome() {
        use Constituency::*;
        let cast = [
            ballot(FamilyOrCarer, ConsentAnswer::Agree),
            ballot(PeerSupporter, ConsentAnswer::Object),
        ];
        let d = shown(&cast, MAJORITY, true);
        assert_eq!(d.withheld, Some(Withheld::FewVoters));
        assert_eq!((d.overall, d.groups.len(), d.took_part), (None, 0, 2));
    }

    #[test]
    fn small_constituencies_merge_into_other_constituencies() {
        use Constituency::*;
        let mut cast: Vec<CastBallot> = (0..4)
            .map(|_| ballot(LivedExperience, ConsentAnswer::Agree))
            .collect();
        cast.push(ballot(FamilyOrCarer, ConsentAnswer::Object));
        cast.push(ballot(PeerSupporter, ConsentAnswer::Agree));
        cast.push(ballot(Other, ConsentAnswer::Agree));
        let d = shown(&cast, MAJORITY, true);
        assert_eq!(d.withheld, None);
        assert_eq!(d.groups.len(), 2);
        assert_eq!(d.groups[0].0, Group::One(LivedExperience));
        assert_eq!(
            d.groups[1].0,
            Group::Others(vec![FamilyOrCarer, PeerSupporter, Other])
        );
        assert_eq!(d.groups[1].1.ballots, 3);
        assert_eq!(d.groups[1].0.label(), "Other constituencies");
        let (shown, note) = shown_groups(&d.groups);
        assert_eq!(shown.len(), 2);
        assert_eq!(
            note.as_deref(),
            Some(
                "“Other constituencies” counts family members and carers, peer supporters and other participants together: each had too few voters to be shown on its own."
            )
        );
        let everyone_merged = [d.groups[1].clone()];
        let (shown, note) = shown_groups(&everyone_merged);
        assert!(shown.is_empty() && note.is_some_and(|n| n.starts_with("Each constituency")));
    }

    #[test]
    fn a_small_lived_experience_group_under_the_co_production_rule_is_not_shown() {
        use Constituency::*;
        let rule = DecisionRule {
            threshold: Threshold::SimpleMajority,
            co_production: Some(CoProduction {
                min_lived_experience: 1,
            }),
        };
        let mut cast: Vec<CastBallot> = (0..5)
            .map(|_| ballot(ProviderStaff, ConsentAnswer::Agree))
            .collect();
        cast.push(ballot(LivedExperience, ConsentAnswer::Object));
        cast.extend((0..2).map(|_| ballot(Other, ConsentAnswer::Agree)));
        let d = shown(&cast, rule, true);
        assert_eq!(
            d.withheld,
            Some(Withheld::SmallRuleGroup),
            "lived experience (1) and other (2) merge to 3, but the rule's part rests on 1"
        );
        let cast: Vec<CastBallot> = cast.into_iter().filter(|b| b.primary() != Other).collect();
        let d = shown(&cast, rule, true);
        assert_eq!(d.withheld, Some(Withheld::SmallGroup));
    }

    #[test]
    fn open_ballots_show_everything() {
        use Constituency::*;
        let cast = [
            ballot(FamilyOrCarer, ConsentAnswer::Agree),
            ballot(PeerSupporter, ConsentAnswer::Object),
        ];
        let d = shown(&cast, MAJORITY, false);
        assert_eq!(d.withheld, None);
        assert_eq!(d.groups.len(), 2);
        assert!(d.overall.is_some() && !d.outcome.checks.is_empty());
    }

    #[test]
    fn the_ballot_form_warns_when_fewer_than_k_may_vote_in_secret() {
        let k = SecrecyThreshold::DEFAULT;
        assert!(guess_warning(true, 2, k).is_some_and(|w| w.starts_with("Fewer than 3 people")));
        assert_eq!(guess_warning(true, 3, k), None);
        assert_eq!(
            guess_warning(false, 1, k),
            None,
            "open ballots are open anyway"
        );
    }

    fn constituency() -> impl Strategy<Value = Constituency> {
        prop::sample::select(Constituency::ALL.to_vec())
    }

    fn answer() -> impl Strategy<Value = ConsentAnswer> {
        prop::sample::select(ConsentAnswer::ALL.to_vec())
    }

    proptest! {
        /// For every secret decision: no shown figure comes from fewer than k ballots, and
        /// the shown groups add up to the overall count.
        #[test]
        fn no_shown_figure_of_a_secret_result_comes_from_fewer_than_k_ballots(
            ballots in prop::collection::vec((constituency(), answer()), 0..40),
            k in 2u32..6,
            co_production in any::<bool>(),
        ) {
            let cast: Vec<CastBallot> = ballots.iter().map(|(c, a)| ballot(*c, *a)).collect();
            let rule = DecisionRule {
                threshold: Threshold::SimpleMajority,
                co_production: co_production.then_some(CoProduction { min_lived_experience: 1 }),
            };
            let outcome = evaluate(rule, Method::Consent, 0, &cast);
            let k = SecrecyThreshold::new(k).unwrap();
            let d = disclose(Method::Consent, 0, rule, &cast, &outcome, true, k);
            prop_assert_eq!(d.took_part as usize, cast.len());
            if let Some(overall) = &d.overall {
                prop_assert!(overall.ballots >= k.get());
                let sum: u32 = d.groups.iter().map(|(_, t)| t.ballots).sum();
                prop_assert_eq!(sum, overall.ballots);
            }
            for (_, t) in &d.groups {
                prop_assert!(t.ballots >= k.get(), "a group of {}", t.ballots);
            }
            if d.withheld.is_some() {
                prop_assert!(d.overall.is_none() && d.groups.is_empty() && d.outcome.checks.is_empty());
            }
            if co_production && d.withheld.is_none() {
                let lived = cast.iter().filter(|b| b.primary() == Constituency::LivedExperience).count() as u32;
                prop_assert!(lived == 0 || lived >= k.get());
            }
        }
    }
}

//! The minority's voice: the annex of a ratified text lists the objections and reservations of
//! the decision that adopted it, with their reasons, grouped by constituency; objectors may
//! co-sign a short minority statement beside it.
//!
//! Open ballots are public already, so each reason appears as its voter chose to appear.
//! A secret ballot's reason appears only if its voter agreed on the ballot form, never with a
//! name, and only under a group of at least the secrecy threshold of voters: the same groups
//! [`super::disclosure::disclose`] shows, so the annex says nothing the result does not.

use serde::{Deserialize, Serialize};

use super::ballot::Ballot;
use super::disclosure::{Group, SecrecyThreshold};
use super::method::ConsentAnswer;
use super::tally::CastBallot;
use crate::domain::Constituency;
use crate::domain::text::bounded_text;

bounded_text!(
    /// A minority statement: a few paragraphs, in the objectors' own words.
    StatementText,
    max_chars = 2_000,
    multiline = true
);

/// One reason in the annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexReason {
    pub answer: ConsentAnswer,
    pub reason: String,
    /// How the voter chose to appear on public pages (open ballots only).
    pub by: Option<String>,
}

/// The reasons of one group, objections first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexGroup {
    pub group: Group,
    pub reasons: Vec<AnnexReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinorityAnnex {
    pub secret: bool,
    pub groups: Vec<AnnexGroup>,
}

impl MinorityAnnex {
    /// What a reader needs to know about which reasons are here.
    pub fn rule(&self, k: SecrecyThreshold) -> String {
        if self.secret {
            format!(
                "The ballots were secret. A reason is shown only if its voter agreed to it on their ballot, never with a name, and only for a group of at least {} voters.",
                k.get()
            )
        } else {
            "The ballots were open, so each reason is shown as its voter chose to appear on public pages.".to_string()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// One ballot of the adopting decision, and how its voter appears on public pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexBallot {
    pub cast: CastBallot,
    pub shown_as: String,
}

/// The annex of a decision voted on with `ballots`.
pub fn annex(ballots: &[AnnexBallot], secret: bool, k: SecrecyThreshold) -> MinorityAnnex {
    let voters_in =
        |c: Constituency| ballots.iter().filter(|b| b.cast.primary() == c).count() as u32;
    let present: Vec<Constituency> = Constituency::ALL
        .into_iter()
        .filter(|c| voters_in(*c) > 0)
        .collect();
    let groups: Vec<Group> = if !secret {
        present.into_iter().map(Group::One).collect()
    } else if (ballots.len() as u32) < k.get() {
        Vec::new()
    } else {
        let (big, small): (Vec<_>, Vec<_>) =
            present.into_iter().partition(|c| voters_in(*c) >= k.get());
        let merged: u32 = small.iter().map(|c| voters_in(*c)).sum();
        let mut groups: Vec<Group> = big.into_iter().map(Group::One).collect();
        if merged >= k.get() {
            groups.push(Group::Others(small));
        }
        groups
    };
    let member = |group: &Group, c: Constituency| match group {
        Group::One(one) => *one == c,
        Group::Others(many) => many.contains(&c),
    };
    let groups = groups
        .into_iter()
        .filter_map(|group| {
            let mut reasons: Vec<AnnexReason> = ballots
                .iter()
                .filter(|b| member(&group, b.cast.primary()))
                .filter_map(|b| dissent(b, secret))
                .collect();
            // Never in the order people voted: that could be matched with who was in the room.
            reasons.sort_by(|a, b| {
                (a.answer != ConsentAnswer::Object, &a.reason, &a.by).cmp(&(
                    b.answer != ConsentAnswer::Object,
                    &b.reason,
                    &b.by,
                ))
            });
            (!reasons.is_empty()).then_some(AnnexGroup { group, reasons })
        })
        .collect();
    MinorityAnnex { secret, groups }
}

fn dissent(b: &AnnexBallot, secret: bool) -> Option<AnnexReason> {
    match &b.cast.ballot {
        Ballot::Consent {
            answer,
            reason: Some(reason),
            in_annex,
        } if answer.is_dissent() && (!secret || *in_annex) => Some(AnnexReason {
            answer: *answer,
            reason: reason.clone(),
            by: (!secret).then(|| b.shown_as.clone()),
        }),
        _ => None,
    }
}

/// Whether a person whose ballot in the adopting decision was `ballot` may write or co-sign
/// its minority statement: those who objected or agreed only with reservations.
pub fn may_sign(ballot: Option<&Ballot>) -> bool {
    matches!(ballot, Some(Ballot::Consent { answer, .. }) if answer.is_dissent())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ballot(c: Constituency, answer: ConsentAnswer, reason: &str, in_annex: bool) -> AnnexBallot {
        AnnexBallot {
            cast: CastBallot {
                constituencies: vec![c],
                ballot: Ballot::Consent {
                    answer,
                    reason: (!reason.is_empty()).then(|| reason.to_string()),
                    in_annex,
                },
            },
            shown_as: format!("voter {reason}"),
        }
    }

    fn agree(c: Constituency) -> AnnexBallot {
        ballot(c, ConsentAnswer::Agree, "", false)
    }

    const K: SecrecyThreshold = SecrecyThreshold::DEFAULT;
    use ConsentAnswer::{AgreeWithReservations as Reservations, Object};
    use Constituency::{Commissioner, LivedExperience, ProviderStaff as Provider};

    #[test]
    fn open_ballots_show_every_objection_and_reservation_by_name_and_group() {
        let ballots = vec![
            ballot(LivedExperience, Reservations, "families", false),
            ballot(LivedExperience, Object, "housing", false),
            agree(LivedExperience),
            ballot(Commissioner, Object, "cost", false),
            ballot(Provider, ConsentAnswer::Agree, "good", false),
        ];
        let a = annex(&ballots, false, K);
        assert_eq!(a.groups.len(), 2);
        assert_eq!(a.groups[0].group, Group::One(LivedExperience));
        let first = &a.groups[0].reasons;
        assert_eq!(first[0].answer, Object, "objections come first");
        assert_eq!(first[0].by.as_deref(), Some("voter housing"));
        assert_eq!(first[1].reason, "families");
        assert_eq!(a.groups[1].group, Group::One(Commissioner));
    }

    #[test]
    fn a_secret_reason_appears_only_with_consent_and_never_with_a_name() {
        let ballots = vec![
            ballot(LivedExperience, Object, "housing", true),
            ballot(LivedExperience, Object, "not agreed", false),
            agree(LivedExperience),
        ];
        let a = annex(&ballots, true, K);
        assert_eq!(a.groups.len(), 1);
        assert_eq!(
            a.groups[0].reasons,
            vec![AnnexReason {
                answer: Object,
                reason: "housing".into(),
                by: None
            }]
        );
    }

    #[test]
    fn a_secret_reason_from_a_group_smaller_than_the_threshold_is_not_shown() {
        // Three people with lived experience and two commissioners: the commissioners' reason
        // would point at one of two people, and merged they are still fewer than three.
        let ballots = vec![
            agree(LivedExperience),
            agree(LivedExperience),
            agree(LivedExperience),
            ballot(Commissioner, Object, "cost", true),
            agree(Commissioner),
        ];
        let a = annex(&ballots, true, K);
        assert!(a.is_empty(), "{a:?}");
        // With a third small-group voter, the merged group is big enough.
        let mut more = ballots.clone();
        more.push(agree(Provider));
        let a = annex(&more, true, K);
        assert_eq!(
            a.groups[0].group,
            Group::Others(vec![Provider, Commissioner])
        );
    }

    #[test]
    fn fewer_voters_than_the_threshold_show_no_secret_reason() {
        let ballots = vec![
            ballot(LivedExperience, Object, "housing", true),
            agree(LivedExperience),
        ];
        assert!(annex(&ballots, true, K).is_empty());
        assert!(
            !annex(&ballots, false, K).is_empty(),
            "open ballots are public"
        );
    }

    #[test]
    fn only_objectors_and_those_with_reservations_may_sign() {
        let of = |a| Ballot::Consent {
            answer: a,
            reason: Some("r".into()),
            in_annex: false,
        };
        assert!(may_sign(Some(&of(Object))));
        assert!(may_sign(Some(&of(Reservations))));
        assert!(!may_sign(Some(&of(ConsentAnswer::Agree))));
        assert!(!may_sign(Some(&of(ConsentAnswer::Abstain))));
        assert!(!may_sign(Some(&Ballot::Single(0))));
        assert!(!may_sign(None));
    }

    fn any_ballot() -> impl Strategy<Value = AnnexBallot> {
        (
            prop::sample::select(Constituency::ALL.to_vec()),
            prop::sample::select(ConsentAnswer::ALL.to_vec()),
            any::<bool>(),
            "[a-z]{0,3}",
        )
            .prop_map(|(c, a, shared, r)| ballot(c, a, &r, shared))
    }

    proptest! {
        /// Whatever the ballots, a secret annex names nobody, lists no reason its voter did
        /// not agree to, and every group it shows has at least k voters.
        #[test]
        fn a_secret_annex_keeps_its_promises(ballots in prop::collection::vec(any_ballot(), 0..30), k in 2u32..6) {
            let k = SecrecyThreshold::new(k).expect("in range");
            let a = annex(&ballots, true, k);
            for g in &a.groups {
                let members: Vec<Constituency> = match &g.group {
                    Group::One(c) => vec![*c],
                    Group::Others(cs) => cs.clone(),
                };
                let voters = ballots.iter().filter(|b| members.contains(&b.cast.primary())).count() as u32;
                prop_assert!(voters >= k.get());
                for r in &g.reasons {
                    prop_assert!(r.by.is_none());
                    let agreed = ballots.iter().any(|b| matches!(&b.cast.ballot,
                        Ballot::Consent { reason: Some(text), in_annex: true, .. } if *text == r.reason));
                    prop_assert!(agreed);
                }
            }
        }
    }
}

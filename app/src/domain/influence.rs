//! Whose words carried: an influence ledger, recounted from what is stored. Per
//! constituency, how many people commented and proposed amendments, and what became of the
//! amendments; and how long an amendment waited for a verdict. A group with fewer people than
//! the process's secrecy threshold is not shown on its own (its figures could point at one
//! person); its figures still count in the total.

use serde::{Deserialize, Serialize};

use super::constituency::Constituency;
use super::decision::disclosure::SecrecyThreshold;
use super::decision::tally::{Count, Tally};

/// One contribution, by someone who said they take part as `groups` (none: not said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub person: i64,
    pub groups: Vec<Constituency>,
    pub what: Contributed,
}

/// What became of an amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Still open, or sent to a vote not yet decided.
    Waiting,
    Accepted,
    Declined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contributed {
    Comment,
    Amendment {
        verdict: Verdict,
        proposed_at: i64,
        decided_at: Option<i64>,
    },
}

/// A group's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Figures {
    /// Different people who commented or proposed.
    pub people: u32,
    pub comments: u32,
    pub proposed: u32,
    pub accepted: u32,
    pub declined: u32,
}

/// A row of the ledger: a group, or `None` for people who have not said how they take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub group: Option<Constituency>,
    /// `None` when fewer people than the threshold are in it.
    pub figures: Option<Figures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub everyone: Figures,
    pub rows: Vec<LedgerRow>,
    /// The middle waiting time, in days, from proposing an amendment to its verdict.
    pub median_days_to_verdict: Option<f64>,
    pub threshold: u32,
}

fn figures_of<'a>(items: impl Iterator<Item = &'a Contribution>) -> Figures {
    let mut people = std::collections::BTreeSet::new();
    let mut f = Figures::default();
    for c in items {
        people.insert(c.person);
        match c.what {
            Contributed::Comment => f.comments += 1,
            Contributed::Amendment { verdict, .. } => {
                f.proposed += 1;
                match verdict {
                    Verdict::Accepted => f.accepted += 1,
                    Verdict::Declined => f.declined += 1,
                    Verdict::Waiting => {}
                }
            }
        }
    }
    f.people = u32::try_from(people.len()).unwrap_or(u32::MAX);
    f
}

/// A result in a few words, to set one group's beside everyone's: how many agreed, or which
/// option led.
pub fn result_in_words(tally: &Tally, options: &[String]) -> String {
    let option = |i: usize| {
        options
            .get(i)
            .map_or_else(|| format!("option {}", i + 1), |o| format!("“{o}”"))
    };
    match &tally.count {
        Count::Consent {
            agree,
            reservations,
            abstain,
            ..
        } => {
            let voting = tally.ballots.saturating_sub(*abstain);
            let agreed = agree + reservations;
            if voting == 0 {
                "Everyone abstained".to_string()
            } else {
                format!(
                    "{agreed} of {voting} agreed ({}%)",
                    (u64::from(agreed) * 100 + u64::from(voting) / 2) / u64::from(voting)
                )
            }
        }
        Count::Totals(totals) => {
            let most = totals.iter().copied().max().unwrap_or(0);
            let leading: Vec<String> = totals
                .iter()
                .enumerate()
                .filter(|(_, t)| most > 0 && **t == most)
                .map(|(i, _)| option(i))
                .collect();
            match leading.as_slice() {
                [] => "No votes".to_string(),
                [one] => format!("{one} led"),
                many => format!("{} tied", many.join(" and ")),
            }
        }
        Count::Ranked(runoff) => runoff
            .winner
            .map_or_else(|| "No winner".to_string(), |w| format!("{} won", option(w))),
    }
}

/// The middle value of `values` (the mean of the two middle ones for an even count).
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The ledger of `contributions`, showing no group of fewer than `k` people.
pub fn ledger(contributions: &[Contribution], k: SecrecyThreshold) -> Ledger {
    let everyone = figures_of(contributions.iter());
    let groups = Constituency::ALL.into_iter().map(Some).chain([None]);
    let rows = groups
        .map(|group| {
            let figures = figures_of(contributions.iter().filter(|c| match group {
                Some(g) => c.groups.contains(&g),
                None => c.groups.is_empty(),
            }));
            LedgerRow {
                group,
                figures: (figures.people >= k.get()).then_some(figures),
            }
        })
        .collect();
    let waits = contributions
        .iter()
        .filter_map(|c| match c.what {
            Contributed::Amendment {
                proposed_at,
                decided_at: Some(at),
                ..
            } => Some((at - proposed_at).max(0) as f64 / 86_400.0),
            _ => None,
        })
        .collect();
    Ledger {
        everyone,
        rows,
        median_days_to_verdict: median(waits),
        threshold: k.get(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn comment(person: i64, groups: &[Constituency]) -> Contribution {
        Contribution {
            person,
            groups: groups.to_vec(),
            what: Contributed::Comment,
        }
    }

    fn amendment(
        person: i64,
        groups: &[Constituency],
        verdict: Verdict,
        days: Option<i64>,
    ) -> Contribution {
        Contribution {
            person,
            groups: groups.to_vec(),
            what: Contributed::Amendment {
                verdict,
                proposed_at: 10 * DAY,
                decided_at: days.map(|d| 10 * DAY + d * DAY),
            },
        }
    }

    #[test]
    fn a_result_reads_in_a_few_words() {
        let consent = Tally {
            ballots: 7,
            count: Count::Consent {
                agree: 3,
                reservations: 1,
                object: 1,
                abstain: 2,
            },
        };
        assert_eq!(result_in_words(&consent, &[]), "4 of 5 agreed (80%)");
        let options = vec!["Hope".to_string(), "Choice".to_string()];
        let totals = |t: Vec<u64>| Tally {
            ballots: 3,
            count: Count::Totals(t),
        };
        assert_eq!(
            result_in_words(&totals(vec![1, 2]), &options),
            "“Choice” led"
        );
        assert_eq!(
            result_in_words(&totals(vec![2, 2]), &options),
            "“Hope” and “Choice” tied"
        );
        assert_eq!(result_in_words(&totals(vec![0, 0]), &options), "No votes");
    }

    fn row(l: &Ledger, g: Option<Constituency>) -> Option<Figures> {
        l.rows.iter().find(|r| r.group == g).unwrap().figures
    }

    #[test]
    fn figures_are_counted_by_group_and_small_groups_are_withheld() {
        use Constituency::*;
        let k = SecrecyThreshold::parse("2").unwrap();
        let all = vec![
            comment(1, &[LivedExperience]),
            comment(1, &[LivedExperience]),
            comment(2, &[LivedExperience, PeerSupporter]),
            amendment(
                2,
                &[LivedExperience, PeerSupporter],
                Verdict::Accepted,
                Some(2),
            ),
            amendment(3, &[LivedExperience], Verdict::Declined, Some(6)),
            amendment(4, &[Commissioner], Verdict::Waiting, None),
            comment(5, &[]),
        ];
        let l = ledger(&all, k);
        assert_eq!(
            row(&l, Some(LivedExperience)),
            Some(Figures {
                people: 3,
                comments: 3,
                proposed: 2,
                accepted: 1,
                declined: 1
            })
        );
        // One commissioner and one peer supporter: too few to show on their own.
        assert_eq!(row(&l, Some(Commissioner)), None);
        assert_eq!(row(&l, Some(PeerSupporter)), None);
        assert_eq!(row(&l, None), None);
        // Everyone still counts in the total.
        assert_eq!(
            l.everyone,
            Figures {
                people: 5,
                comments: 4,
                proposed: 3,
                accepted: 1,
                declined: 1
            }
        );
        assert_eq!(l.median_days_to_verdict, Some(4.0));
    }

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0]), Some(5.0));
        assert_eq!(median(vec![9.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}

//! Whose words are in the ratified text: the words each accepted amendment wrote (what its
//! version added to the version before it, word by word), counted where they are still in the
//! ratified version. A word is credited once, to the latest amendment that wrote it; the rest
//! came from the drafting group. Only the amendments' versions and the ratified version are
//! compared, never the whole history.

use std::collections::BTreeMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// A section's words, as readers see them (Markdown's marks left out).
pub type SectionWords = Vec<(u32, String)>;

/// A version made by accepting an amendment: the sections before and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendedVersion {
    /// Who proposed the amendment; `None` once their account is gone.
    pub proposer: Option<i64>,
    pub before: SectionWords,
    pub after: SectionWords,
}

/// How many of the ratified text's words came from whose amendments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credit {
    pub total: u32,
    /// Words from amendments whose proposer is gone are in `from_amendments`, not here.
    pub by_proposer: BTreeMap<i64, u32>,
    pub from_amendments: u32,
}

fn words(sections: &SectionWords, key: u32) -> Vec<&str> {
    sections
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| text.split_whitespace().collect())
        .unwrap_or_default()
}

/// For each pair of the diff from `old` to `new` that stayed the same: (old index, new index).
fn same_pairs(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    capture_diff_slices(Algorithm::Myers, old, new)
        .into_iter()
        .flat_map(|op| match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (0..len).map(|i| (old_index + i, new_index + i)).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// Credits the words of `ratified` to the amendments (`amended`, oldest first).
pub fn credit(ratified: &SectionWords, amended: &[AmendedVersion]) -> Credit {
    let mut credit = Credit::default();
    for (key, text) in ratified {
        let target: Vec<&str> = text.split_whitespace().collect();
        credit.total += u32::try_from(target.len()).unwrap_or(u32::MAX);
        let mut claimed = vec![false; target.len()];
        // Newest first: a word an amendment rewrote is the later amendment's.
        for version in amended.iter().rev() {
            let after = words(&version.after, *key);
            if after.is_empty() {
                continue;
            }
            let mut added = vec![true; after.len()];
            for (_, j) in same_pairs(&words(&version.before, *key), &after) {
                added[j] = false;
            }
            for (i, j) in same_pairs(&after, &target) {
                if added[i] && !claimed[j] {
                    claimed[j] = true;
                    credit.from_amendments += 1;
                    if let Some(p) = version.proposer {
                        *credit.by_proposer.entry(p).or_default() += 1;
                    }
                }
            }
        }
    }
    credit
}

/// `part` of `whole` as a whole percentage, rounded.
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        return 0;
    }
    u32::try_from((u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(s: &str) -> SectionWords {
        vec![(1, s.to_string())]
    }

    #[test]
    fn words_an_amendment_added_and_that_stayed_are_its_proposers() {
        let amended = vec![AmendedVersion {
            proposer: Some(7),
            before: text("Recovery is hope"),
            after: text("Recovery is hope and a home"),
        }];
        let c = credit(&text("Recovery is hope and a safe home"), &amended);
        assert_eq!(c.total, 7);
        // "and", "a" and "home" stayed; "safe" came later from the drafters.
        assert_eq!(c.by_proposer.get(&7), Some(&3));
        assert_eq!(c.from_amendments, 3);
        assert_eq!(percent(3, 7), 43);
    }

    #[test]
    fn a_word_rewritten_by_a_later_amendment_is_credited_once_to_the_later_one() {
        let amended = vec![
            AmendedVersion {
                proposer: Some(1),
                before: text("Recovery"),
                after: text("Recovery is hope"),
            },
            AmendedVersion {
                proposer: Some(2),
                before: text("Recovery is"),
                after: text("Recovery is hope"),
            },
        ];
        let c = credit(&text("Recovery is hope"), &amended);
        assert_eq!(c.by_proposer.get(&2), Some(&1));
        assert_eq!(
            c.by_proposer.get(&1),
            Some(&1),
            "only “is” is still the first's"
        );
        assert_eq!(c.from_amendments, 2);
    }

    #[test]
    fn words_removed_before_ratification_count_for_nobody() {
        let amended = vec![AmendedVersion {
            proposer: None,
            before: text("A"),
            after: text("A long list of words"),
        }];
        let c = credit(&text("A"), &amended);
        assert_eq!((c.total, c.from_amendments), (1, 0));
    }

    proptest! {
        /// Whatever the versions, no more words are credited than the ratified text has.
        #[test]
        fn credit_never_exceeds_the_text(
            ratified in "[ab ]{0,40}",
            versions in prop::collection::vec(("[ab ]{0,30}", "[ab ]{0,30}", 0i64..3), 0..5),
        ) {
            let amended: Vec<AmendedVersion> = versions
                .into_iter()
                .map(|(b, a, p)| AmendedVersion { proposer: Some(p), before: text(&b), after: text(&a) })
                .collect();
            let c = credit(&text(&ratified), &amended);
            prop_assert!(c.from_amendments <= c.total);
            prop_assert_eq!(c.by_proposer.values().sum::<u32>(), c.from_amendments);
        }
    }
}

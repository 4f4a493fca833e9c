//! Where attention is needed: per section, the open comment threads, the undecided amendments
//! and the support they have.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::document::SectionKey;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionActivity {
    /// Threads not yet resolved, that readers can see.
    pub open_comments: u32,
    /// Amendments still open or waiting for a vote.
    pub amendments: u32,
    /// Supports given to those amendments.
    pub supports: u32,
}

/// One thread as the tally sees it.
pub struct ThreadFact {
    pub section: SectionKey,
    pub open: bool,
    /// Listed for ordinary readers (not hidden, not waiting for approval).
    pub visible: bool,
}

/// One amendment as the tally sees it.
pub struct AmendmentFact {
    pub section: SectionKey,
    pub undecided: bool,
    pub supports: u32,
}

pub fn tally(
    threads: &[ThreadFact],
    amendments: &[AmendmentFact],
) -> BTreeMap<SectionKey, SectionActivity> {
    let mut out: BTreeMap<SectionKey, SectionActivity> = BTreeMap::new();
    for t in threads.iter().filter(|t| t.open && t.visible) {
        out.entry(t.section).or_default().open_comments += 1;
    }
    for a in amendments.iter().filter(|a| a.undecided) {
        let entry = out.entry(a.section).or_default();
        entry.amendments += 1;
        entry.supports += a.supports;
    }
    out
}

impl SectionActivity {
    /// "2 open comments, 1 amendment, 3 supports"; "No comments yet" when quiet.
    pub fn describe(&self) -> String {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.open_comments > 0 {
            parts.push(plural(self.open_comments, "open comment", "open comments"));
        }
        if self.amendments > 0 {
            parts.push(plural(self.amendments, "amendment", "amendments"));
            parts.push(plural(self.supports, "support", "supports"));
        }
        if parts.is_empty() {
            "No open comments or amendments".to_string()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(n: u32) -> SectionKey {
        SectionKey::new(n)
    }

    #[test]
    fn only_open_visible_threads_and_undecided_amendments_count() {
        let threads = [
            ThreadFact {
                section: k(1),
                open: true,
                visible: true,
            },
            ThreadFact {
                section: k(1),
                open: false,
                visible: true,
            },
            ThreadFact {
                section: k(1),
                open: true,
                visible: false,
            },
            ThreadFact {
                section: k(2),
                open: true,
                visible: true,
            },
        ];
        let amendments = [
            AmendmentFact {
                section: k(1),
                undecided: true,
                supports: 3,
            },
            AmendmentFact {
                section: k(1),
                undecided: false,
                supports: 9,
            },
        ];
        let t = tally(&threads, &amendments);
        assert_eq!(
            t[&k(1)],
            SectionActivity {
                open_comments: 1,
                amendments: 1,
                supports: 3
            }
        );
        assert_eq!(t[&k(2)].open_comments, 1);
        assert!(!t.contains_key(&k(3)), "a quiet section has no entry");
    }

    #[test]
    fn the_description_reads_naturally() {
        assert_eq!(
            SectionActivity {
                open_comments: 1,
                amendments: 2,
                supports: 1
            }
            .describe(),
            "1 open comment, 2 amendments, 1 support"
        );
        assert_eq!(
            SectionActivity::default().describe(),
            "No open comments or amendments"
        );
    }
}

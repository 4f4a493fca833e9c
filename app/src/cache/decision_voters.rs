//! The people a decision's page names: its voters' profiles, and how many ballots came from
//! guests (voters with no place in the process). With a thousand voters, reading them took
//! three statements and much of what was left of the page.
//!
//! Kept while both numbers the database moves on itself stand: the decision's
//! `record_revision` (who voted) and its process's `voters_revision` (how its voters appear,
//! whether they still take part, their constituencies; see the migration
//! `voters_revisions`). So a new name, a withdrawal or a place taken away shows on the next
//! view, on any instance, whoever made the change. As with the record, what is kept is read
//! in full again once it is [`READ_AGAIN_AFTER`] old, for an edit that also put the numbers
//! back.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use super::budget::Budgeted;
pub use super::decision_records::READ_AGAIN_AFTER;
use crate::domain::{PersonId, Profile};
use crate::store::decisions::{self, StoredDecision};
use crate::store::{Db, StoreError, people};

/// What the cache may hold, roughly, in bytes.
pub const BUDGET_BYTES: usize = 16 * 1024 * 1024;

/// The voters of one decision, as read at its two revisions.
#[derive(Debug)]
pub struct DecisionVoters {
    revisions: (i64, i64),
    read_at: Instant,
    /// The voters' profiles (only those still taking part in the process).
    pub profiles: HashMap<PersonId, Profile>,
    /// Ballots from people with no place in the process (workshop guests).
    pub guest_ballots: u32,
}

impl DecisionVoters {
    fn size(&self) -> usize {
        // Roughly: a name or two and a constituency or two per person.
        128 * self.profiles.len() + 256
    }

    fn current_at(&self, revisions: (i64, i64), now: Instant) -> bool {
        self.revisions == revisions
            && now.saturating_duration_since(self.read_at) < READ_AGAIN_AFTER
    }
}

#[derive(Debug)]
pub struct DecisionVotersCache(Budgeted<i64, DecisionVoters>);

impl Default for DecisionVotersCache {
    fn default() -> Self {
        Self(Budgeted::with_budget(BUDGET_BYTES))
    }
}

impl DecisionVotersCache {
    /// The voters of `decision`, as the database holds them at the revisions it was read
    /// with (or later: a change in between only makes the next view read again).
    pub async fn read(
        &self,
        db: &Db,
        decision: &StoredDecision,
    ) -> Result<Arc<DecisionVoters>, StoreError> {
        let revisions = (decision.record_revision, decision.voters_revision);
        if let Some(kept) = self.0.get(&decision.id)
            && kept.current_at(revisions, Instant::now())
        {
            return Ok(kept);
        }
        let profiles = people::profiles_of_voters(db, decision.process, decision.id)
            .await?
            .into_iter()
            .collect();
        let guest_ballots = decisions::guest_ballots(db, decision).await?;
        let read = Arc::new(DecisionVoters {
            revisions,
            read_at: Instant::now(),
            profiles,
            guest_ballots,
        });
        self.0.insert(decision.id, read.clone(), read.size());
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_kept_stands_only_for_both_revisions_and_only_for_a_while() {
        let read_at = Instant::now();
        let kept = DecisionVoters {
            revisions: (3, 5),
            read_at,
            profiles: HashMap::new(),
            guest_ballots: 0,
        };
        assert!(kept.current_at((3, 5), read_at + READ_AGAIN_AFTER / 2));
        // A ballot cast or taken back: someone else to name.
        assert!(!kept.current_at((4, 5), read_at));
        // A voter's new name, a place taken away, a constituency confirmed.
        assert!(!kept.current_at((3, 6), read_at));
        // An edit that put the numbers back is found out in time.
        assert!(!kept.current_at((3, 5), read_at + READ_AGAIN_AFTER));
    }
}

//! A decision's ballots and participation record, decoded once for as long as they read the
//! same. With a thousand ballots, decoding them and the record's two thousand JSON texts on
//! every view of the decision's page took several milliseconds.
//!
//! The ballots and the record are still read on every view (each as one text, see
//! `store::rows_as_json`), and what is kept is used only when both texts are exactly what
//! was read before. So every change shows at once, on any instance, including one made
//! behind the app's back: the page's check of the record sees what the database holds now.

use std::sync::Arc;

use super::budget::Budgeted;
use crate::domain::PersonId;
use crate::domain::decision::record::RecordEntry;
use crate::domain::decision::tally::CastBallot;
use crate::store::{Db, StoreError, decisions, participation_record};

/// What the cache may hold, roughly, in bytes.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

/// A decision's ballots and record, decoded from the texts they were read as.
#[derive(Debug)]
pub struct RecordedDecision {
    ballots_text: String,
    entries_text: String,
    pub cast: Vec<(PersonId, CastBallot)>,
    pub entries: Vec<RecordEntry>,
}

impl RecordedDecision {
    fn size(&self) -> usize {
        // The texts, and about as much again decoded.
        2 * (self.ballots_text.len() + self.entries_text.len()) + 256
    }
}

#[derive(Debug)]
pub struct DecisionRecordCache(Budgeted<i64, RecordedDecision>);

impl Default for DecisionRecordCache {
    fn default() -> Self {
        Self(Budgeted::with_budget(BUDGET_BYTES))
    }
}

impl DecisionRecordCache {
    /// Decision `id`'s ballots and record as the database holds them now.
    pub async fn read(&self, db: &Db, id: i64) -> Result<Arc<RecordedDecision>, StoreError> {
        let ballots_text = decisions::ballots_text(db, id).await?;
        let entries_text = participation_record::entries_text(db, id).await?;
        if let Some(kept) = self.0.get(&id)
            && kept.ballots_text == ballots_text
            && kept.entries_text == entries_text
        {
            return Ok(kept);
        }
        let read = Arc::new(RecordedDecision {
            cast: decisions::parse_ballots(&ballots_text)?,
            entries: participation_record::parse_entries(id, &entries_text)?,
            ballots_text,
            entries_text,
        });
        self.0.insert(id, read.clone(), read.size());
        Ok(read)
    }

    /// How many entries and bytes it holds (for the tests).
    pub fn held(&self) -> (usize, usize) {
        self.0.held()
    }
}

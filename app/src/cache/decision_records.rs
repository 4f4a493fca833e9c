//! A decision's ballots and participation record, decoded once for as long as they read the
//! same. With a thousand ballots, decoding them and the record's two thousand JSON texts on
//! every view of the decision's page took several milliseconds.
//!
//! The ballots and the record are still read on every view (each as one text, see
//! `store::rows_as_json`), and what is kept is used only when both texts are exactly what
//! was read before. So every change shows at once, on any instance, including one made
//! behind the app's back: the page's check of the record sees what the database holds now.

use std::sync::{Arc, Mutex};

use super::budget::Budgeted;
use crate::domain::PersonId;
use crate::domain::decision::record::RecordEntry;
use crate::domain::decision::replay::{Recount, Replay};
use crate::domain::decision::rule::Outcome;
use crate::domain::decision::tally::CastBallot;
use crate::domain::workshop::show_of_hands::ShowOfHands;
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
    /// The recount from the record alone: the same entries give the same recount.
    pub recount: Recount,
    /// The last check of the record against the tables, and what the tables said then.
    checked: Mutex<Option<(CheckedAgainst, bool)>>,
}

/// What the check of a record compares it with, besides the ballots: re-hashing a thousand
/// entries on every view cost a tenth of the page, and the answer only changes with these
/// or with the texts.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedAgainst {
    pub closed: bool,
    pub secret: bool,
    pub outcome: Option<Outcome>,
    pub hands: Vec<ShowOfHands>,
}

impl RecordedDecision {
    fn size(&self) -> usize {
        // The texts, and about as much again decoded.
        2 * (self.ballots_text.len() + self.entries_text.len()) + 256
    }

    /// Whether the record checks out against `against` and these ballots: `check` runs only
    /// when the tables say something other than at the last check.
    pub fn checked(&self, against: CheckedAgainst, check: impl FnOnce() -> bool) -> bool {
        if let Ok(last) = self.checked.lock()
            && let Some((facts, intact)) = last.as_ref()
            && *facts == against
        {
            return *intact;
        }
        let intact = check();
        if let Ok(mut last) = self.checked.lock() {
            *last = Some((against, intact));
        }
        intact
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
    /// Decision `id`'s ballots and record as the database holds them now, and its shows of
    /// hands (read by the same statement; small, so decoded afresh each time).
    pub async fn read(
        &self,
        db: &Db,
        id: i64,
    ) -> Result<(Arc<RecordedDecision>, Vec<ShowOfHands>), StoreError> {
        let (ballots_text, entries_text, hands_text) =
            decisions::ballots_record_and_hands_texts(db, id).await?;
        let hands = decisions::parse_hands(&hands_text)?;
        if let Some(kept) = self.0.get(&id)
            && kept.ballots_text == ballots_text
            && kept.entries_text == entries_text
        {
            return Ok((kept, hands));
        }
        let entries = participation_record::parse_entries(id, &entries_text)?;
        let read = Arc::new(RecordedDecision {
            cast: decisions::parse_ballots(&ballots_text)?,
            recount: Replay::of(&entries).recount(),
            entries,
            ballots_text,
            entries_text,
            checked: Mutex::new(None),
        });
        self.0.insert(id, read.clone(), read.size());
        Ok((read, hands))
    }

    /// How many entries and bytes it holds (for the tests).
    pub fn held(&self) -> (usize, usize) {
        self.0.held()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn recorded() -> RecordedDecision {
        RecordedDecision {
            ballots_text: "[]".into(),
            entries_text: "[]".into(),
            cast: Vec::new(),
            entries: Vec::new(),
            recount: Recount::NotClosed,
            checked: Mutex::new(None),
        }
    }

    fn facts(closed: bool) -> CheckedAgainst {
        CheckedAgainst {
            closed,
            secret: true,
            outcome: None,
            hands: Vec::new(),
        }
    }

    #[test]
    fn the_check_runs_again_whenever_the_tables_say_something_else() {
        let kept = recorded();
        let runs = Cell::new(0);
        let check = |answer: bool| {
            runs.set(runs.get() + 1);
            answer
        };
        assert!(kept.checked(facts(false), || check(true)));
        assert!(kept.checked(facts(false), || check(false)), "kept");
        assert_eq!(runs.get(), 1);
        // A decision closed behind the page's back is checked afresh, and found wanting.
        assert!(!kept.checked(facts(true), || check(false)));
        assert_eq!(runs.get(), 2);
        assert!(!kept.checked(facts(true), || check(true)), "kept");
        assert_eq!(runs.get(), 2);
    }
}

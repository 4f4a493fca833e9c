//! A decision's ballots, participation record and shows of hands, read, decoded and checked
//! once for as long as they stay the same. With a thousand ballots, reading them and the
//! record (about 300 KB of text) on every view of the decision's page was most of its time.
//!
//! What is kept is used only while the decision's `record_revision` is the one it was read
//! at. The database itself moves that number on with every change to those three tables
//! (triggers, see the migration `decision_revisions`), whether the app makes the change or
//! someone edits the tables behind its back, so every change shows at once on any instance.
//! Someone able to edit the tables could also put the number back; so what is kept is read
//! in full again once it is [`READ_AGAIN_AFTER`] old, and such an edit shows within that.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

/// How long what is kept is trusted on its revision alone before it is read in full again.
pub const READ_AGAIN_AFTER: Duration = Duration::from_secs(30);

/// A decision's ballots and record, decoded from the texts they were read as.
#[derive(Debug)]
pub struct RecordedDecision {
    ballots_text: String,
    entries_text: String,
    hands_text: String,
    pub cast: Vec<(PersonId, CastBallot)>,
    pub entries: Vec<RecordEntry>,
    pub hands: Vec<ShowOfHands>,
    /// The decision's `record_revision` when these texts were last found in the tables, and
    /// when that was.
    seen: Mutex<(i64, Instant)>,
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
        2 * (self.ballots_text.len() + self.entries_text.len() + self.hands_text.len()) + 256
    }

    /// Whether this may stand for the tables at `revision` without reading them: read at
    /// that revision, less than [`READ_AGAIN_AFTER`] before `now`.
    fn current_at(&self, revision: i64, now: Instant) -> bool {
        self.seen.lock().is_ok_and(|seen| {
            seen.0 == revision && now.saturating_duration_since(seen.1) < READ_AGAIN_AFTER
        })
    }

    /// The tables read the same as these texts at `revision`, at `now`.
    fn seen_again(&self, revision: i64, now: Instant) {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = (revision, now);
        }
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
    /// The ballots, record and shows of hands of decision `id`, whose `record_revision` was
    /// just read as `revision`, as the database holds them now.
    pub async fn read(
        &self,
        db: &Db,
        id: i64,
        revision: i64,
    ) -> Result<Arc<RecordedDecision>, StoreError> {
        let kept = self.0.get(&id);
        if let Some(kept) = &kept
            && kept.current_at(revision, Instant::now())
        {
            return Ok(kept.clone());
        }
        // Read at or after `revision`: a write in between only makes the next view read again.
        let (ballots_text, entries_text, hands_text) =
            decisions::ballots_record_and_hands_texts(db, id).await?;
        if let Some(kept) = kept
            && kept.ballots_text == ballots_text
            && kept.entries_text == entries_text
            && kept.hands_text == hands_text
        {
            kept.seen_again(revision, Instant::now());
            return Ok(kept);
        }
        let entries = participation_record::parse_entries(id, &entries_text)?;
        let read = Arc::new(RecordedDecision {
            cast: decisions::parse_ballots(&ballots_text)?,
            hands: decisions::parse_hands(&hands_text)?,
            recount: Replay::of(&entries).recount(),
            entries,
            ballots_text,
            entries_text,
            hands_text,
            seen: Mutex::new((revision, Instant::now())),
            checked: Mutex::new(None),
        });
        self.0.insert(id, read.clone(), read.size());
        Ok(read)
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
            hands_text: "[]".into(),
            cast: Vec::new(),
            entries: Vec::new(),
            hands: Vec::new(),
            seen: Mutex::new((7, Instant::now())),
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

    #[test]
    fn what_is_kept_stands_only_for_its_revision_and_only_for_a_while() {
        let kept = recorded();
        let read = kept.seen.lock().map(|seen| seen.1).unwrap();
        assert!(kept.current_at(7, read));
        assert!(kept.current_at(7, read + READ_AGAIN_AFTER / 2));
        // Any change to the ballots, the record or the hands moves the revision on.
        assert!(!kept.current_at(8, read));
        // Someone who edits the tables and puts the revision back is found out in time.
        assert!(!kept.current_at(7, read + READ_AGAIN_AFTER));
        kept.seen_again(8, read + READ_AGAIN_AFTER);
        assert!(kept.current_at(8, read + READ_AGAIN_AFTER));
        assert!(!kept.current_at(7, read + READ_AGAIN_AFTER));
    }
}

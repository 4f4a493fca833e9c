//! Commitments made on a ratified section ("You said, we did"): what will change, who is
//! responsible, how it will be seen, and by when; each with a dated history of updates whose
//! latest says where it stands. A commitment that is neither done nor dropped after its day
//! is overdue.

use serde::{Deserialize, Serialize};

use super::calendar::Day;
use super::text::bounded_text;

bounded_text!(
    /// What will change.
    CommitmentWhat, max_chars = 300, multiline = false
);
bounded_text!(
    /// Who is responsible: an organisation, a team or a role, not necessarily a person.
    Responsible, max_chars = 120, multiline = false
);
bounded_text!(
    /// How it will be seen: a measure, such as "waiting time for a first appointment".
    Measure, max_chars = 200, multiline = false
);
bounded_text!(
    /// A short note of evidence with an update, or why a commitment was dropped.
    UpdateNote, max_chars = 500, multiline = true
);
bounded_text!(
    /// What someone taking part says about an update: is it what we were promised?
    UpdateComment, max_chars = 1_000, multiline = true
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommitmentStatus {
    Planned,
    UnderWay,
    Done,
    Dropped,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 4] =
        [Self::Planned, Self::UnderWay, Self::Done, Self::Dropped];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::UnderWay => "under_way",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::UnderWay => "Under way",
            Self::Done => "Done",
            Self::Dropped => "Dropped",
        }
    }

    /// Finished one way or the other: it can no longer be overdue.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Done | Self::Dropped)
    }
}

/// A new commitment, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommitment {
    pub what: CommitmentWhat,
    pub responsible: Responsible,
    pub measure: Measure,
    pub due: Day,
}

/// An update, checked: "dropped" needs its reason and "done" its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentUpdate {
    pub status: CommitmentStatus,
    pub note: Option<UpdateNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateError {
    DroppedWithoutReason,
    DoneWithoutEvidence,
}

impl std::fmt::Display for UpdateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::DroppedWithoutReason => "Please say why it was dropped.",
            Self::DoneWithoutEvidence => "Please say how it can be seen that it is done.",
        })
    }
}

impl CommitmentUpdate {
    pub fn new(status: CommitmentStatus, note: Option<UpdateNote>) -> Result<Self, UpdateError> {
        match (status, &note) {
            (CommitmentStatus::Dropped, None) => Err(UpdateError::DroppedWithoutReason),
            (CommitmentStatus::Done, None) => Err(UpdateError::DoneWithoutEvidence),
            _ => Ok(Self { status, note }),
        }
    }
}

/// Whether a commitment with `status`, due on `due`, is overdue on `today`.
pub fn is_overdue(status: CommitmentStatus, due: Day, today: Day) -> bool {
    !status.is_closed() && today > due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn only_an_open_commitment_past_its_day_is_overdue() {
        let due = day("2027-03-31");
        assert!(
            !is_overdue(CommitmentStatus::Planned, due, day("2027-03-31")),
            "due today is not late"
        );
        assert!(is_overdue(
            CommitmentStatus::Planned,
            due,
            day("2027-04-01")
        ));
        assert!(is_overdue(
            CommitmentStatus::UnderWay,
            due,
            day("2028-01-01")
        ));
        assert!(!is_overdue(CommitmentStatus::Done, due, day("2028-01-01")));
        assert!(!is_overdue(
            CommitmentStatus::Dropped,
            due,
            day("2028-01-01")
        ));
    }

    #[test]
    fn dropping_needs_a_reason_and_done_needs_evidence() {
        let note = UpdateNote::parse("Waiting times published monthly").ok();
        assert_eq!(
            CommitmentUpdate::new(CommitmentStatus::Dropped, None),
            Err(UpdateError::DroppedWithoutReason)
        );
        assert_eq!(
            CommitmentUpdate::new(CommitmentStatus::Done, None),
            Err(UpdateError::DoneWithoutEvidence)
        );
        assert!(CommitmentUpdate::new(CommitmentStatus::UnderWay, None).is_ok());
        assert!(CommitmentUpdate::new(CommitmentStatus::Done, note).is_ok());
    }

    #[test]
    fn statuses_round_trip() {
        for s in CommitmentStatus::ALL {
            assert_eq!(CommitmentStatus::from_slug(s.slug()), Some(s));
        }
        assert_eq!(CommitmentStatus::from_slug("finished"), None);
    }
}

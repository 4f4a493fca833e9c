//! A workshop's agenda: the steps the room goes through, and where the room is. Only the
//! facilitator moves the room; every phone and the projector follow.

use serde::{Deserialize, Serialize};

use crate::domain::document::{DocumentKind, SectionKey};
use crate::domain::text::bounded_text;

bounded_text!(
    /// What a step is called on the console, the projector and the phones.
    StepTitle,
    max_chars = 120,
    multiline = false
);

/// What the room does at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    /// Everyone reads one section of a document.
    Read {
        document: DocumentKind,
        section: SectionKey,
    },
    /// People comment on one section from their phones; the facilitator types in what is
    /// said aloud.
    Comments {
        document: DocumentKind,
        section: SectionKey,
    },
    /// A vote: a quick consent vote or a dot vote, held as decision `decision`.
    Vote { decision: i64 },
}

impl StepKind {
    /// The section this step is about, if any.
    pub fn section(self) -> Option<(DocumentKind, SectionKey)> {
        match self {
            Self::Read { document, section } | Self::Comments { document, section } => {
                Some((document, section))
            }
            Self::Vote { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub title: StepTitle,
    pub kind: StepKind,
}

/// Where the room is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Position {
    /// People are joining; nothing is shown yet but the join code.
    Gathering,
    /// At step `n` (from 0).
    At(usize),
    Finished,
}

/// What the facilitator asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    To(usize),
    Finish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("This workshop has no steps yet. Add a step first.")]
    NoSteps,
    #[error("There is no step {0}.")]
    NoSuchStep(usize),
    #[error("The room is already at the first step.")]
    AtStart,
    #[error("This workshop has finished.")]
    Finished,
}

/// Most steps a workshop may have (an afternoon's worth).
pub const MAX_STEPS: usize = 30;

/// Where the room goes. "Next" from gathering starts at the first step; "next" from the
/// last step finishes. A finished workshop does not move.
pub fn move_room(steps: usize, from: Position, to: Move) -> Result<Position, MoveError> {
    if from == Position::Finished {
        return Err(MoveError::Finished);
    }
    if steps == 0 && to != Move::Finish {
        return Err(MoveError::NoSteps);
    }
    match (from, to) {
        (_, Move::Finish) => Ok(Position::Finished),
        (_, Move::To(n)) if n < steps => Ok(Position::At(n)),
        (_, Move::To(n)) => Err(MoveError::NoSuchStep(n + 1)),
        (Position::Gathering, Move::Next) => Ok(Position::At(0)),
        (Position::At(n), Move::Next) if n + 1 < steps => Ok(Position::At(n + 1)),
        (Position::At(_), Move::Next) => Ok(Position::Finished),
        (Position::Gathering | Position::At(0), Move::Previous) => Err(MoveError::AtStart),
        (Position::At(n), Move::Previous) => Ok(Position::At((n - 1).min(steps - 1))),
        (Position::Finished, _) => Err(MoveError::Finished),
    }
}

/// The stored form of a position: `None` gathering, `Some(n)` at step n, and -1 finished.
pub fn position_from_column(current: Option<i64>) -> Position {
    match current {
        None => Position::Gathering,
        Some(n) if n < 0 => Position::Finished,
        Some(n) => Position::At(usize::try_from(n).unwrap_or(usize::MAX)),
    }
}

pub fn position_to_column(p: Position) -> Option<i64> {
    match p {
        Position::Gathering => None,
        Position::At(n) => Some(i64::try_from(n).unwrap_or(i64::MAX)),
        Position::Finished => Some(-1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_starts_moves_and_finishes() {
        assert_eq!(
            move_room(3, Position::Gathering, Move::Next),
            Ok(Position::At(0))
        );
        assert_eq!(
            move_room(3, Position::At(0), Move::Next),
            Ok(Position::At(1))
        );
        assert_eq!(
            move_room(3, Position::At(2), Move::Next),
            Ok(Position::Finished)
        );
        assert_eq!(
            move_room(3, Position::At(2), Move::Previous),
            Ok(Position::At(1))
        );
        assert_eq!(
            move_room(3, Position::At(1), Move::To(0)),
            Ok(Position::At(0))
        );
        assert_eq!(
            move_room(3, Position::Gathering, Move::Finish),
            Ok(Position::Finished)
        );
    }

    #[test]
    fn impossible_moves_are_explained() {
        assert_eq!(
            move_room(0, Position::Gathering, Move::Next),
            Err(MoveError::NoSteps)
        );
        assert_eq!(
            move_room(3, Position::At(0), Move::Previous),
            Err(MoveError::AtStart)
        );
        assert_eq!(
            move_room(3, Position::Gathering, Move::Previous),
            Err(MoveError::AtStart)
        );
        assert_eq!(
            move_room(3, Position::At(0), Move::To(3)),
            Err(MoveError::NoSuchStep(4))
        );
        assert_eq!(
            move_room(3, Position::Finished, Move::Next),
            Err(MoveError::Finished)
        );
        assert_eq!(
            move_room(3, Position::Finished, Move::To(0)),
            Err(MoveError::Finished)
        );
        assert_eq!(
            move_room(0, Position::Gathering, Move::Finish),
            Ok(Position::Finished),
            "an empty workshop can still be ended"
        );
    }

    #[test]
    fn a_step_removed_under_the_room_does_not_strand_it() {
        // The room was at step 5 of 6; the agenda now has 3 steps.
        assert_eq!(
            move_room(3, Position::At(5), Move::Previous),
            Ok(Position::At(2))
        );
        assert_eq!(
            move_room(3, Position::At(5), Move::Next),
            Ok(Position::Finished)
        );
    }

    #[test]
    fn positions_round_trip_through_their_column() {
        for p in [
            Position::Gathering,
            Position::At(0),
            Position::At(7),
            Position::Finished,
        ] {
            assert_eq!(position_from_column(position_to_column(p)), p);
        }
    }
}

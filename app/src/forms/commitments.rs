//! The commitment forms: a new commitment, and an update of where one stands.

use super::{Refusals, chosen};
use crate::domain::calendar::Day;
use crate::domain::commitment::{
    CommitmentStatus, CommitmentUpdate, CommitmentWhat, Measure, NewCommitment, Responsible,
    UpdateNote,
};
use crate::domain::document::DocumentKind;
use crate::domain::text::TextError;
use crate::error::AppError;

/// `commitments/add`: which document's section, and the commitment.
pub fn new_commitment(
    kind: &str,
    what: &str,
    responsible: &str,
    measure: &str,
    due: &str,
) -> Result<(DocumentKind, NewCommitment), AppError> {
    let mut refusals = Refusals::default();
    let kind = refusals.take(
        "kind",
        DocumentKind::from_slug(kind).ok_or("Please choose a document."),
    );
    let what = refusals.take("what", CommitmentWhat::parse(what));
    let responsible = refusals.take("responsible", Responsible::parse(responsible));
    let measure = refusals.take("measure", Measure::parse(measure));
    let due = refusals.take(
        "due",
        Day::parse(due).ok_or("Please give a date, such as 2027-03-31."),
    );
    match (kind, what, responsible, measure, due) {
        (Some(kind), Some(what), Some(responsible), Some(measure), Some(due)) => Ok((
            kind,
            NewCommitment {
                what,
                responsible,
                measure,
                due,
            },
        )),
        _ => Err(refusals.into_error()),
    }
}

/// `commitments/comment`: what someone taking part says about an update.
pub fn comment(body: &str) -> Result<crate::domain::commitment::UpdateComment, AppError> {
    crate::domain::commitment::UpdateComment::parse(body)
        .map_err(|e| super::refusal("body", e.to_string()))
}

/// `commitments/update`: the new status and its note.
pub fn update(status: &str, note: &str) -> Result<CommitmentUpdate, AppError> {
    let status = chosen(
        "status",
        status,
        CommitmentStatus::from_slug,
        "Please choose where it stands.",
    )?;
    let note = match UpdateNote::parse(note) {
        Ok(n) => Some(n),
        Err(TextError::Empty) => None,
        Err(e) => return Err(super::refusal("note", e.to_string())),
    };
    CommitmentUpdate::new(status, note).map_err(|e| super::refusal("note", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refused_part_of_a_commitment_is_named() {
        let e = new_commitment("manifesto", "", "Council", "x", "31/03/2027").unwrap_err();
        for field in ["kind", "what", "due"] {
            assert!(e.for_field(field).is_some(), "{field}");
        }
        assert!(e.for_field("responsible").is_none());
    }

    #[test]
    fn a_commitment_is_done_only_with_evidence() {
        assert!(update("done", " ").unwrap_err().for_field("note").is_some());
        assert!(update("done", "Figures published in June").is_ok());
        assert!(
            update("finished", "x")
                .unwrap_err()
                .for_field("status")
                .is_some()
        );
    }
}

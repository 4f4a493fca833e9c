//! Live workshops: a facilitator moves a room through an agenda of steps (`agenda`); people
//! join with a short code (`join_code`); people without phones are counted by a show of
//! hands that the facilitator enters (`show_of_hands`). Pure: no storage, no I/O.

pub mod agenda;
pub mod join_code;
pub mod show_of_hands;

use crate::domain::text::bounded_text;

bounded_text!(
    /// A workshop's name, shown on the projector and the phones.
    WorkshopTitle,
    max_chars = 120,
    multiline = false
);

bounded_text!(
    /// The name a guest gives for one workshop (no account, no email).
    GuestName,
    max_chars = 40,
    multiline = false
);

/// A guest of a workshop (someone in its room with no role in its process) may vote only in a
/// decision opened from one of that workshop's steps: never in an adoption, an amendment or
/// any other decision of the process.
pub fn guest_may_vote(guest_of: i64, opened_in_workshop: Option<i64>) -> bool {
    opened_in_workshop == Some(guest_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guest_votes_only_in_their_own_workshops_decisions() {
        assert!(guest_may_vote(7, Some(7)));
        assert!(!guest_may_vote(7, Some(8)), "another workshop's vote");
        assert!(
            !guest_may_vote(7, None),
            "a decision of the process, such as an adoption"
        );
    }
}

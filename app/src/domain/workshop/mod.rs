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
/// How a new workshop is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkshopPlan {
    /// Comments from phones wait for the facilitator before the projector shows them.
    pub approve_comments: bool,
    /// The day it meets, when planned ahead (shown as "the next workshop").
    pub meets_on: Option<crate::domain::calendar::Day>,
}

/// The next workshop to meet on or after `today`, among (title, day it meets, finished):
/// the earliest, and of two on one day the first listed.
pub fn next_meeting<'a>(
    workshops: impl IntoIterator<Item = (&'a str, Option<crate::domain::calendar::Day>, bool)>,
    today: crate::domain::calendar::Day,
) -> Option<(&'a str, crate::domain::calendar::Day)> {
    workshops
        .into_iter()
        .filter(|(_, _, finished)| !finished)
        .filter_map(|(title, day, _)| day.filter(|d| d.get() >= today.get()).map(|d| (title, d)))
        .min_by_key(|(_, d)| d.get())
}

pub fn guest_may_vote(guest_of: i64, opened_in_workshop: Option<i64>) -> bool {
    opened_in_workshop == Some(guest_of)
}

#[cfg(test)]
mod tests {
    use crate::domain::calendar::Day;

    #[test]
    fn the_next_workshop_is_the_soonest_unfinished_one_from_today() {
        let today = Day::from_days(100);
        let list = [
            ("Past", Some(Day::from_days(99)), false),
            ("Later", Some(Day::from_days(120)), false),
            ("Soon but finished", Some(Day::from_days(101)), true),
            ("Undated", None, false),
            ("Today", Some(Day::from_days(100)), false),
        ];
        assert_eq!(
            super::next_meeting(list, today),
            Some(("Today", Day::from_days(100)))
        );
        assert_eq!(super::next_meeting([("Undated", None, false)], today), None);
    }

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

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

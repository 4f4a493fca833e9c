//! The discussion pages: a section's comments and amendments, one amendment, and the
//! facilitators' moderation queue.

pub mod amendment;
pub mod amendment_card;
mod hydration;
pub mod moderation;
pub mod public_comment;
pub mod section;

//! Server functions for deliberation on the drafts: comments and threads on a section
//! (`comments`), amendments and support (`amendments`), moderation and public comments
//! (`moderation`), and the pages that show them (`pages`).

pub mod amendments;
pub mod comments;
pub mod moderation;
pub mod pages;

//! Server functions: every one is a public POST endpoint under `/api/`. Each is thin: load
//! who asks and where (`boundary`), parse the form into domain types (`forms/`), call one
//! workflow (`workflows/`), and send a plain form post on to the next page.

pub mod accounts;
pub mod commitments;
pub mod decisions;
pub mod discussion;
pub mod documents;
pub mod email;
pub mod influence;
pub mod invitations;
pub mod me;
pub mod members;
pub mod preferences;
pub mod processes;
pub mod session;
pub mod sign_in_codes;
pub mod word_lists;
pub mod workshops;

#[cfg(feature = "ssr")]
pub(crate) mod boundary;

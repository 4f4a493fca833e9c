//! Server functions: every one is a public POST endpoint under `/api/`. Each is thin: find
//! who is asking, check they may, parse the input into domain types, call the store.

pub mod accounts;
pub mod decisions;
pub mod discussion;
pub mod documents;
pub mod error;
pub mod invitations;
pub mod members;
pub mod people;
pub mod processes;
pub mod profile;
pub mod session;
pub mod sign_in_codes;
pub mod workshops;

#[cfg(feature = "ssr")]
pub(crate) mod boundary;

pub use error::AppError;

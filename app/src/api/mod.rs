//! Server functions: every one is a public POST endpoint under `/api/`. Each is thin: find
//! who is asking, check they may, parse the input into domain types, call the store.

pub mod error;
pub mod processes;
pub mod session;

#[cfg(feature = "ssr")]
pub(crate) mod boundary;

pub use error::AppError;

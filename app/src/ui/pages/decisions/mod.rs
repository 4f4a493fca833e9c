//! Decisions: a process's list with the form to open one, and one decision with its ballot
//! form, results by constituency and participation record.

pub mod decision;
mod hydration;
pub mod list;
pub mod minority;
pub mod results;

//! Pure domain types and rules. No I/O here: this module compiles to WebAssembly too, so the
//! browser and the server apply exactly the same rules.

pub mod calendar;
pub mod permissions;
pub mod person;
pub mod process;
pub mod text;

pub use person::{PersonId, SiteRole, Viewer};
pub use process::{ProcessDescription, ProcessId, ProcessSummary, ProcessTitle};

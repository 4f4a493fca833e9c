//! Pure domain types and rules. No I/O here: this module compiles to WebAssembly too, so the
//! browser and the server apply exactly the same rules.

pub mod appearance;
pub mod calendar;
pub mod comfort;
pub mod commitment;
pub mod constituency;
pub mod credentials;
pub mod decision;
pub mod deliberation;
pub mod document;
pub mod email;
pub mod feed;
pub mod formatting;
pub mod glossary;
pub mod influence;
pub mod markdown;
pub mod needs;
pub mod number;
pub mod paging;
pub mod permissions;
pub mod person;
pub mod process;
pub mod readability;
pub mod respectful_language;
pub mod role;
pub mod sign_in_code;
pub mod text;
pub mod throttle;
pub mod timeline;
pub mod word_credit;
pub mod word_lists;
pub mod workshop;

pub use appearance::{Appearance, Audience, FullName, Profile, Pseudonym};
pub use constituency::{Constituency, ConstituencyClaim};
pub use credentials::{EmailAddress, NewPassword};
pub use person::{PersonId, SiteRole, Viewer};
pub use process::{ProcessDescription, ProcessId, ProcessSummary, ProcessTitle};
pub use role::ProcessRole;
pub use sign_in_code::SignInCode;

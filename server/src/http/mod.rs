//! HTTP plumbing around the Leptos app: health check, same-origin guard, status codes for
//! server-function errors, and static assets.

pub mod assets;
pub mod commitments;
pub mod decision_record;
pub mod feed;
pub mod healthz;
pub mod live;
pub mod page_turns;
pub mod personal_data;
pub mod public_process;
pub mod published;
pub mod same_origin;
pub mod security_headers;
pub mod serve;
pub mod server_fn_status;
pub mod unsubscribe;

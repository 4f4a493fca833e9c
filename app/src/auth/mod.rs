//! Sign-in machinery (server only): secret tokens, the session cookie, and the first
//! administrator's one-time link.

pub mod bootstrap;
pub mod cookie;
pub mod password;
pub mod throttle;
pub mod token;
pub mod viewer;

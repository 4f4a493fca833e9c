//! The two documents of a process: who is reading or changing one (`context`), reading
//! versions, history and comparisons (`reading`), changing sections (`editing`, with clashing
//! saves in `clashes`) and their easy reads (`easy_read`), and publishing (`publishing`).

pub mod clashes;
pub mod context;
pub mod easy_read;
pub mod editing;
pub mod publishing;
pub mod reading;

pub use context::DocumentContext;

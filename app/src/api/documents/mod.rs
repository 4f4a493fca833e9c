//! Server functions for the two documents of a process: reading versions, history and
//! comparisons (`reading`), changing sections (`editing`), and publishing (`publishing`).

pub mod editing;
pub mod publishing;
pub mod reading;

//! Server functions for decisions: opening and closing them (`running`), voting (`voting`),
//! ratifying (`ratifying`), and the pages that show them (`pages`).

pub mod minority;
pub mod pages;
pub mod ratifying;
pub mod running;
pub mod voting;

//! Server functions for live workshops: setting one up and running it from the console
//! (`running`), joining by code (`joining`), and the pages' data (`pages`). The live frames
//! the projector and phones receive are built by the workflows and sent by the server's
//! `/workshops/{id}/live` stream.

pub mod joining;
pub mod pages;
pub mod running;

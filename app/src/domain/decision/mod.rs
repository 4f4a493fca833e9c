//! Decisions (groundwork for the decisions issue): how people vote (`method`), what a ballot
//! may say (`ballot`), counting overall and per constituency (`tally`), whether the outcome
//! meets the decision rule, including the co-production rule (`rule`), and the participation
//! record whose entries are chained by SHA-256 (`record`). Pure: no storage, no I/O.

pub mod ballot;
pub mod method;
pub mod record;
pub mod rule;
pub mod spec;
pub mod tally;

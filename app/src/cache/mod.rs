//! Memory an instance keeps beside the database (server only): what never changes once stored
//! or made, and what is kept only while a number the database itself moves on stands still
//! (a decision's `record_revision`, a process's `voters_revision`). It knows the store and the
//! domain, nothing above them.

pub mod budget;
pub mod comparisons;
pub mod decision_records;
pub mod decision_voters;
pub mod markdown;
pub mod page_reads;
pub mod rendered;
pub mod versions;

//! Memory an instance keeps beside the database, for what never changes once stored or made
//! (server only). It knows the store and the domain, nothing above them.

pub mod budget;
pub mod comparisons;
pub mod decision_records;
pub mod page_reads;
pub mod rendered;
pub mod versions;

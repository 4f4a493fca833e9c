//! Memory an instance keeps beside the database, for what never changes once stored (server
//! only). It knows the store and the domain, nothing above them.

pub mod versions;

//! Decisions: what one is about (`subject`) and is opened with (`spec`), how people vote
//! (`method`), what a ballot may say (`ballot`), counting overall and per constituency
//! (`tally`), whether the outcome meets the decision rule, including the co-production rule
//! (`rule`), the participation record whose entries are chained by SHA-256 (`record`), a
//! recount from the record alone (`replay`), and who may ratify what (`ratification`). Pure:
//! no storage, no I/O.

pub mod audit;
pub mod ballot;
pub mod disclosure;
pub mod export;
pub mod method;
pub mod minority;
pub mod ratification;
pub mod record;
pub mod replay;
pub mod rule;
pub mod spec;
pub mod subject;
pub mod tally;
pub mod timing;

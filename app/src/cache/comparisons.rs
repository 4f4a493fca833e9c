//! Comparisons of two versions, kept once made. A word-level diff of a long document took
//! about 10 ms of CPU on every view of the compare page; two versions never change, so
//! their comparison never does either.

use std::sync::Arc;

use super::budget::Budgeted;
use crate::domain::ProcessId;
use crate::domain::document::diff::{SectionDiff, compare};
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, DocumentKind};

/// What the cache may hold, roughly, in bytes.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

type Key = (ProcessId, DocumentKind, VersionNumber, VersionNumber);

#[derive(Debug)]
pub struct ComparisonCache(Budgeted<Key, Vec<SectionDiff>>);

impl Default for ComparisonCache {
    fn default() -> Self {
        Self(Budgeted::with_budget(BUDGET_BYTES))
    }
}

impl ComparisonCache {
    /// What changed from version `from` (whose content is `older`) to `to` (`newer`).
    pub fn compare(
        &self,
        (process, kind): (ProcessId, DocumentKind),
        (from, older): (VersionNumber, &DocumentContent),
        (to, newer): (VersionNumber, &DocumentContent),
    ) -> Arc<Vec<SectionDiff>> {
        let key = (process, kind, from, to);
        if let Some(sections) = self.0.get(&key) {
            return sections;
        }
        let sections = Arc::new(compare(older, newer));
        let size = sections.iter().map(SectionDiff::size).sum();
        self.0.insert(key, sections.clone(), size);
        sections
    }
}

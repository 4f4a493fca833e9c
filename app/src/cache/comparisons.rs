//! Comparisons of two versions, kept once made. A word-level diff of a long document took
//! about 10 ms of CPU on every view of the compare page; two versions never change, so
//! their comparison never does either. It is kept marked up as HTML: building thousands of
//! runs of words as views cost as much again.

use std::sync::Arc;

use super::budget::Budgeted;
use crate::domain::ProcessId;
use crate::domain::document::diff::compare;
use crate::domain::document::marked::MarkedSection;
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, DocumentKind};

/// What the cache may hold, roughly, in bytes.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

type Key = (ProcessId, DocumentKind, VersionNumber, VersionNumber);

#[derive(Debug)]
pub struct ComparisonCache(Budgeted<Key, Vec<MarkedSection>>);

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
    ) -> Arc<Vec<MarkedSection>> {
        let key = (process, kind, from, to);
        if let Some(sections) = self.0.get(&key) {
            return sections;
        }
        let sections: Vec<MarkedSection> = compare(older, newer)
            .into_iter()
            .map(MarkedSection::from)
            .collect();
        let sections = Arc::new(sections);
        let size = sections.iter().map(MarkedSection::size).sum();
        self.0.insert(key, sections.clone(), size);
        sections
    }
}

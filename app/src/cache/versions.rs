//! Document versions never change once saved, so their contents are kept in memory and
//! shared by every request on this instance, up to a budget of bytes (the least recently used
//! go first). Without it, a discussion with comments made on 200 versions read 200 whole
//! versions for every page view, and every view of a document read and checked its latest
//! version's full text again.

use std::sync::Arc;

use super::budget::Budgeted;
use crate::domain::ProcessId;
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, DocumentKind};
use crate::store::{Db, StoreError};

/// What the cache may hold, roughly, in bytes of section text.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

type Key = (ProcessId, DocumentKind, VersionNumber);

#[derive(Debug)]
pub struct VersionCache(Budgeted<Key, DocumentContent>);

impl Default for VersionCache {
    fn default() -> Self {
        Self::with_budget(BUDGET_BYTES)
    }
}

/// Roughly how much memory a version's content takes.
pub fn size_of(content: &DocumentContent) -> usize {
    content
        .sections()
        .iter()
        .map(|s| {
            s.heading.as_str().len()
                + s.body.as_str().len()
                + s.easy_read.as_ref().map_or(0, |e| e.text.as_str().len())
                + 64
        })
        .sum()
}

impl VersionCache {
    pub fn with_budget(budget: usize) -> Self {
        Self(Budgeted::with_budget(budget))
    }

    /// Version `number` of a document, from memory or else the database.
    pub async fn content(
        &self,
        db: &Db,
        process: ProcessId,
        kind: DocumentKind,
        number: VersionNumber,
    ) -> Result<Option<Arc<DocumentContent>>, StoreError> {
        let key = (process, kind, number);
        if let Some(content) = self.0.get(&key) {
            return Ok(Some(content));
        }
        let Some(version) = crate::store::documents::version(db, process, kind, number).await?
        else {
            return Ok(None);
        };
        let content = Arc::new(version.content);
        self.0.insert(key, content.clone(), size_of(&content));
        Ok(Some(content))
    }

    /// How many versions and bytes it holds (for the tests).
    pub fn held(&self) -> (usize, usize) {
        self.0.held()
    }
}

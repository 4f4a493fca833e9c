//! Document versions never change once saved, so their contents, read to place each comment
//! on the version it was made on, are kept in memory and shared by every request on this
//! instance, up to a budget of bytes (the least recently used go first). Each instance keeps
//! its own; as nothing it holds can change, nothing can go stale. Without it, a discussion
//! with comments made on 200 versions read 200 whole versions for every page view.

use std::sync::{Arc, Mutex};

use lru::LruCache;

use crate::domain::ProcessId;
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, DocumentKind};
use crate::store::{Db, StoreError};

/// What the cache may hold, roughly, in bytes of section text.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

type Key = (ProcessId, DocumentKind, VersionNumber);

pub struct VersionCache {
    budget: usize,
    inner: Mutex<Inner>,
}

struct Inner {
    entries: LruCache<Key, (Arc<DocumentContent>, usize)>,
    bytes: usize,
}

impl std::fmt::Debug for VersionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VersionCache")
            .field("budget", &self.budget)
            .finish()
    }
}

impl Default for VersionCache {
    fn default() -> Self {
        Self::with_budget(BUDGET_BYTES)
    }
}

/// Roughly how much memory a version's content takes.
fn size_of(content: &DocumentContent) -> usize {
    content
        .sections()
        .iter()
        .map(|s| s.heading.as_str().len() + s.body.as_str().len() + 64)
        .sum()
}

impl VersionCache {
    pub fn with_budget(budget: usize) -> Self {
        Self {
            budget,
            inner: Mutex::new(Inner {
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic elsewhere cannot leave a half-written entry: the map stays usable.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn get(&self, key: &Key) -> Option<Arc<DocumentContent>> {
        self.lock().entries.get(key).map(|(c, _)| c.clone())
    }

    fn insert(&self, key: Key, content: Arc<DocumentContent>) {
        let size = size_of(&content);
        if size > self.budget {
            return;
        }
        let mut inner = self.lock();
        if let Some((_, old)) = inner.entries.put(key, (content, size)) {
            inner.bytes -= old;
        }
        inner.bytes += size;
        while inner.bytes > self.budget {
            match inner.entries.pop_lru() {
                Some((_, (_, freed))) => inner.bytes -= freed,
                None => break,
            }
        }
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
        if let Some(content) = self.get(&key) {
            return Ok(Some(content));
        }
        let Some(version) = crate::store::documents::version(db, process, kind, number).await?
        else {
            return Ok(None);
        };
        let content = Arc::new(version.content);
        self.insert(key, content.clone());
        Ok(Some(content))
    }

    /// How many versions and bytes it holds (for the tests).
    pub fn held(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.entries.len(), inner.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::templates::starting_content;

    fn key(n: u32) -> Key {
        (
            ProcessId::new(1),
            DocumentKind::Definition,
            VersionNumber::new(n).unwrap(),
        )
    }

    #[test]
    fn the_least_recently_used_go_first_when_over_budget() {
        let content = Arc::new(starting_content(DocumentKind::Definition, true));
        let one = size_of(&content);
        let cache = VersionCache::with_budget(one * 2);
        cache.insert(key(1), content.clone());
        cache.insert(key(2), content.clone());
        assert!(cache.get(&key(1)).is_some(), "1 is now the most recent");
        cache.insert(key(3), content.clone());
        assert_eq!(cache.held(), (2, one * 2));
        assert!(
            cache.get(&key(2)).is_none(),
            "2 was the least recently used"
        );
        assert!(cache.get(&key(1)).is_some() && cache.get(&key(3)).is_some());
    }

    #[test]
    fn a_version_bigger_than_the_budget_is_not_kept() {
        let content = Arc::new(starting_content(DocumentKind::Definition, true));
        let cache = VersionCache::with_budget(10);
        cache.insert(key(1), content);
        assert_eq!(cache.held(), (0, 0));
    }
}

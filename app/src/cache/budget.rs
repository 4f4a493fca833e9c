//! A least-recently-used map kept under a budget of bytes, shared by every request on an
//! instance. Each cache here holds what can never change once made (a version's content, its
//! rendered sections, the comparison of two versions), so nothing it holds can go stale and
//! instances need not tell each other anything.

use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use lru::LruCache;

pub struct Budgeted<K: Hash + Eq, V> {
    budget: usize,
    inner: Mutex<Inner<K, V>>,
}

struct Inner<K: Hash + Eq, V> {
    entries: LruCache<K, (Arc<V>, usize)>,
    bytes: usize,
}

impl<K: Hash + Eq, V> std::fmt::Debug for Budgeted<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budgeted")
            .field("budget", &self.budget)
            .finish()
    }
}

impl<K: Hash + Eq, V> Budgeted<K, V> {
    pub fn with_budget(budget: usize) -> Self {
        Self {
            budget,
            inner: Mutex::new(Inner {
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner<K, V>> {
        // A panic elsewhere cannot leave a half-written entry: the map stays usable.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn get<Q>(&self, key: &Q) -> Option<Arc<V>>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.lock().entries.get(key).map(|(v, _)| v.clone())
    }

    /// Keeps `value`, which takes roughly `size` bytes, dropping the least recently used
    /// until the whole fits the budget. Something bigger than the budget is not kept.
    pub fn insert(&self, key: K, value: Arc<V>, size: usize) {
        if size > self.budget {
            return;
        }
        let mut inner = self.lock();
        if let Some((_, old)) = inner.entries.put(key, (value, size)) {
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

    /// How many entries and bytes it holds (for the tests).
    pub fn held(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.entries.len(), inner.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_go_first_when_over_budget() {
        let cache = Budgeted::with_budget(20);
        cache.insert(1, Arc::new("one"), 10);
        cache.insert(2, Arc::new("two"), 10);
        assert!(cache.get(&1).is_some(), "1 is now the most recent");
        cache.insert(3, Arc::new("three"), 10);
        assert_eq!(cache.held(), (2, 20));
        assert!(cache.get(&2).is_none(), "2 was the least recently used");
        assert!(cache.get(&1).is_some() && cache.get(&3).is_some());
    }

    #[test]
    fn something_bigger_than_the_budget_is_not_kept() {
        let cache = Budgeted::with_budget(10);
        cache.insert(1, Arc::new("big"), 11);
        assert_eq!(cache.held(), (0, 0));
    }

    #[test]
    fn replacing_an_entry_counts_its_bytes_once() {
        let cache = Budgeted::with_budget(100);
        cache.insert(1, Arc::new("a"), 30);
        cache.insert(1, Arc::new("b"), 40);
        assert_eq!(cache.held(), (1, 40));
    }
}

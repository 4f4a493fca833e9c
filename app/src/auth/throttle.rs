//! Attempts counted per key in a window (failed sign-ins, guests joining, public comments),
//! kept in memory per server instance (see the README: with several instances each keeps its
//! own, which still bounds guessing).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::domain::throttle::{Failures, Limit};

#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Failures>>,
}

impl Throttle {
    /// `Err(seconds)` if `key` must wait.
    pub fn check(&self, key: &str, limit: Limit, now: i64) -> Result<(), i64> {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        limit.check(map.get(key).copied().unwrap_or_default(), now)
    }

    pub fn count(&self, key: &str, limit: Limit, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Keep the table small: forget windows that are over.
        if map.len() > 10_000 {
            map.retain(|_, f| now < f.window_start + limit.window_seconds);
        }
        let current = map.get(key).copied().unwrap_or_default();
        map.insert(key.to_string(), limit.record_failure(current, now));
    }

    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

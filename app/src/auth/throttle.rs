//! Counting attempts (codes, links, passwords, guests, public comments) per key, with the
//! `governor` crate's keyed rate limiters and the budgets in `domain::throttle`. Kept in
//! memory per server instance: with several instances behind a load balancer each keeps its
//! own count, which multiplies a guesser's budget by the number of instances and still bounds
//! it (see the README).

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::domain::throttle::Attempt;

/// Past this many keys, limiters forget the ones whose budget is full again.
const FORGET_AFTER_KEYS: usize = 10_000;

pub struct Throttle {
    limiters: HashMap<Attempt, DefaultKeyedRateLimiter<String>>,
    clock: DefaultClock,
}

impl std::fmt::Debug for Throttle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Throttle").finish_non_exhaustive()
    }
}

impl Default for Throttle {
    fn default() -> Self {
        let limiters = Attempt::ALL
            .into_iter()
            .map(|kind| {
                let limit = kind.limit();
                let burst = NonZeroU32::new(limit.burst).unwrap_or(NonZeroU32::MIN);
                let quota = Quota::with_period(limit.refill)
                    .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
                    .allow_burst(burst);
                (kind, RateLimiter::keyed(quota))
            })
            .collect();
        Self {
            limiters,
            clock: DefaultClock::default(),
        }
    }
}

impl Throttle {
    /// Counts one attempt of `kind` by `key`; `Err(wait)` when the budget is used up (the
    /// attempt is then not counted).
    pub fn attempt(&self, kind: Attempt, key: &str) -> Result<(), Duration> {
        let Some(limiter) = self.limiters.get(&kind) else {
            return Ok(());
        };
        if limiter.len() > FORGET_AFTER_KEYS {
            limiter.retain_recent();
        }
        limiter
            .check_key(&key.to_string())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_burst_is_allowed_and_the_next_attempt_waits() {
        let throttle = Throttle::default();
        for _ in 0..Attempt::SameLink.limit().burst {
            assert_eq!(throttle.attempt(Attempt::SameLink, "token"), Ok(()));
        }
        let wait = throttle.attempt(Attempt::SameLink, "token").unwrap_err();
        assert!(
            wait > Duration::from_secs(50) && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        assert_eq!(
            throttle.attempt(Attempt::SameLink, "another"),
            Ok(()),
            "each key has its own budget"
        );
        assert_eq!(
            throttle.attempt(Attempt::SameCode, "token"),
            Ok(()),
            "each kind of attempt has its own budget"
        );
    }
}

//! Slowing down guessing: after too many failed sign-ins for one account (or from one
//! address) within a window, further attempts wait. Limits are generous for addresses,
//! because a whole workshop shares one.

/// Failures counted in the current window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    pub count: u32,
    pub window_start: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max_failures: u32,
    pub window_seconds: i64,
}

impl Limit {
    /// Per account: five wrong passwords in 15 minutes.
    pub const ACCOUNT: Limit = Limit {
        max_failures: 5,
        window_seconds: 15 * 60,
    };
    /// Guests joining workshops per network address: a big room on one wifi, several times
    /// over, gets in; a script making accounts without end does not.
    pub const GUESTS: Limit = Limit {
        max_failures: 400,
        window_seconds: 15 * 60,
    };
    /// Per network address: a room of 60 phones behind one address must still get in.
    pub const ADDRESS: Limit = Limit {
        max_failures: 60,
        window_seconds: 15 * 60,
    };

    /// `Err(seconds to wait)` when the limit is reached.
    pub fn check(self, failures: Failures, now: i64) -> Result<(), i64> {
        let window_end = failures.window_start + self.window_seconds;
        if now >= window_end || failures.count < self.max_failures {
            Ok(())
        } else {
            Err(window_end - now)
        }
    }

    /// Counts one more failure, starting a new window when the old one is over.
    pub fn record_failure(self, failures: Failures, now: i64) -> Failures {
        if now >= failures.window_start + self.window_seconds {
            Failures {
                count: 1,
                window_start: now,
            }
        } else {
            Failures {
                count: failures.count + 1,
                ..failures
            }
        }
    }
}

/// "12 minutes", "1 minute": waits rounded up to whole minutes.
pub fn minutes(seconds: i64) -> String {
    let m = (seconds + 59) / 60;
    if m == 1 {
        "1 minute".to_string()
    } else {
        format!("{m} minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_failure_within_the_window_must_wait() {
        let limit = Limit::ACCOUNT;
        let mut f = Failures::default();
        for _ in 0..5 {
            assert_eq!(limit.check(f, 1_000), Ok(()));
            f = limit.record_failure(f, 1_000);
        }
        assert_eq!(limit.check(f, 1_000), Err(900));
        assert_eq!(limit.check(f, 1_899), Err(1));
    }

    #[test]
    fn the_window_ends_and_counting_starts_again() {
        let limit = Limit::ACCOUNT;
        let f = Failures {
            count: 5,
            window_start: 0,
        };
        assert_eq!(limit.check(f, 900), Ok(()));
        assert_eq!(
            limit.record_failure(f, 900),
            Failures {
                count: 1,
                window_start: 900
            }
        );
    }

    #[test]
    fn a_workshop_sharing_one_address_is_not_blocked_by_a_few_typos() {
        let mut f = Failures::default();
        for _ in 0..40 {
            f = Limit::ADDRESS.record_failure(f, 10);
        }
        assert_eq!(Limit::ADDRESS.check(f, 10), Ok(()));
    }

    #[test]
    fn waits_are_said_in_whole_minutes() {
        assert_eq!(minutes(1), "1 minute");
        assert_eq!(minutes(61), "2 minutes");
        assert_eq!(minutes(900), "15 minutes");
    }
}

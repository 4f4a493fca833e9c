//! Slowing guessing down. Each kind of attempt (a sign-in code, a workshop code, a link, a
//! password) has a budget per network address, and secrets also per secret: a burst that a
//! real room uses up only on its busiest evening, refilled one attempt at a time. Every
//! attempt counts, right or wrong, so a refused person is told how long to wait, and a script
//! trying codes meets the same wall whatever it guesses. The counting itself is the `governor`
//! crate's (generic cell rate algorithm); these are the numbers.

use std::time::Duration;

/// A budget of attempts: `burst` at once, then one more every `refill`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimit {
    pub burst: u32,
    pub refill: Duration,
}

/// What is being tried; each has its own budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attempt {
    /// A sign-in code from a card, or a workshop's code, from one network address: a room of
    /// 300 on one wifi must all get in within two minutes.
    CodeFromAddress,
    /// One sign-in code, tried again and again.
    SameCode,
    /// A one-time sign-in link or an invitation link, from one network address.
    LinkFromAddress,
    /// One link's token, tried again and again.
    SameLink,
    /// A password for one account.
    PasswordForAccount,
    /// Passwords from one network address (a workshop shares one).
    PasswordFromAddress,
    /// Guests joining from one network address.
    GuestFromAddress,
    /// Comments from the public, from one network address.
    PublicCommentFromAddress,
}

impl Attempt {
    pub const ALL: [Attempt; 8] = [
        Self::CodeFromAddress,
        Self::SameCode,
        Self::LinkFromAddress,
        Self::SameLink,
        Self::PasswordForAccount,
        Self::PasswordFromAddress,
        Self::GuestFromAddress,
        Self::PublicCommentFromAddress,
    ];

    pub fn limit(self) -> AttemptLimit {
        let (burst, refill_ms) = match self {
            // 400 at once covers a packed room and its typos; then two a second.
            Self::CodeFromAddress => (400, 500),
            Self::SameCode => (10, 60_000),
            Self::LinkFromAddress => (60, 10_000),
            Self::SameLink => (5, 60_000),
            // Five tries, then one every three minutes.
            Self::PasswordForAccount => (5, 180_000),
            Self::PasswordFromAddress => (60, 15_000),
            Self::GuestFromAddress => (400, 2_000),
            Self::PublicCommentFromAddress => (5, 12 * 60_000),
        };
        AttemptLimit {
            burst,
            refill: Duration::from_millis(refill_ms),
        }
    }

    /// What a refused person is told, given how long to wait ("3 minutes").
    pub fn refusal(self, wait: &str) -> String {
        match self {
            Self::CodeFromAddress | Self::SameCode => format!(
                "Too many codes have been tried from here just now. Please wait {wait} and try again, or ask the facilitator."
            ),
            Self::LinkFromAddress | Self::SameLink => format!(
                "Too many links have been tried from here just now. Please wait {wait} and try again."
            ),
            Self::PasswordForAccount => format!(
                "There have been too many attempts to sign in to this account, so signing in is paused to keep it safe. Please wait {wait} and try again."
            ),
            Self::PasswordFromAddress => format!(
                "There have been too many sign-in attempts from this network. Please wait {wait} and try again."
            ),
            Self::GuestFromAddress => format!(
                "Many guests have joined from your connection just now. Please wait {wait}, or join with a sign-in card."
            ),
            Self::PublicCommentFromAddress => format!(
                "Thank you: several comments have already come from your connection in the last hour. Please wait {wait} before sending another."
            ),
        }
    }
}

/// How many attempts a budget allows within `window`, starting full.
pub fn allowed_within(limit: AttemptLimit, window: Duration) -> u64 {
    let refills = window.as_millis() / limit.refill.as_millis().max(1);
    u64::from(limit.burst) + u64::try_from(refills).unwrap_or(u64::MAX)
}

/// "12 minutes", "1 minute", "30 seconds": a wait in words, rounded up.
pub fn wait_words(wait: Duration) -> String {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if seconds < 60 {
        return if seconds <= 1 {
            "1 second".to_string()
        } else {
            format!("{seconds} seconds")
        };
    }
    minutes(i64::try_from(seconds).unwrap_or(i64::MAX))
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
    fn a_room_of_300_on_one_wifi_gets_in_within_two_minutes() {
        // Every phone tries the workshop's code once, and a tenth of them mistype it once.
        let needed = 300 + 30;
        assert!(
            allowed_within(Attempt::CodeFromAddress.limit(), Duration::from_secs(120)) >= needed
        );
        assert!(allowed_within(Attempt::GuestFromAddress.limit(), Duration::from_secs(120)) >= 300);
    }

    #[test]
    fn guessing_codes_from_one_address_is_slow() {
        // About 1,100 guesses a second were possible before; now an hour allows a few
        // thousand, against hundreds of millions of workshop codes.
        let per_hour = allowed_within(Attempt::CodeFromAddress.limit(), Duration::from_secs(3600));
        assert!(per_hour < 8_000, "{per_hour}");
        let per_hour = allowed_within(Attempt::SameLink.limit(), Duration::from_secs(3600));
        assert!(per_hour < 100, "{per_hour}");
    }

    #[test]
    fn a_forgotten_password_leaves_room_for_a_few_tries() {
        let limit = Attempt::PasswordForAccount.limit();
        assert_eq!(limit.burst, 5);
        assert!(allowed_within(limit, Duration::from_secs(15 * 60)) <= 10);
    }

    #[test]
    fn waits_are_said_in_plain_words() {
        assert_eq!(wait_words(Duration::from_millis(300)), "1 second");
        assert_eq!(wait_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_words(Duration::from_secs(61)), "2 minutes");
        assert_eq!(wait_words(Duration::from_secs(180)), "3 minutes");
        assert_eq!(minutes(900), "15 minutes");
    }

    #[test]
    fn every_refusal_says_how_long_to_wait() {
        for a in Attempt::ALL {
            assert!(a.refusal("4 minutes").contains("4 minutes"), "{a:?}");
        }
    }
}

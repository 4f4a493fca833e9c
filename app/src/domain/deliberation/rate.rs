//! A per-person limit on comments, so one person (or a stuck phone re-sending) cannot flood a
//! discussion. Keyed by account, not network address: a workshop of 40 phones shares one
//! address. (Public comments, which have no account, are limited per address: see
//! `domain::throttle`.)

use super::super::throttle::minutes;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentLimit {
    pub max: u32,
    pub window_seconds: i64,
}

impl CommentLimit {
    /// Comments, replies and amendments by one person: 20 in 10 minutes, far above what a
    /// person types in a workshop.
    pub const PERSON: CommentLimit = CommentLimit {
        max: 20,
        window_seconds: 10 * 60,
    };

    /// `recent` holds the times of this person's comments in the last window (any order).
    /// `Err` carries the message saying how long to wait.
    pub fn check(self, recent: &[i64], now: i64) -> Result<(), String> {
        let since = now - self.window_seconds;
        let mut in_window: Vec<i64> = recent.iter().copied().filter(|t| *t > since).collect();
        if in_window.len() < self.max as usize {
            return Ok(());
        }
        in_window.sort_unstable();
        // The oldest counted comment leaves the window first.
        let wait = in_window[in_window.len() - self.max as usize] + self.window_seconds - now;
        Err(format!(
            "You have posted {} comments in the last {}. To keep the discussion fair for everyone, please wait {} before posting another. Nothing you wrote has been lost: it is still in the box.",
            in_window.len(),
            minutes(self.window_seconds),
            minutes(wait.max(1))
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_the_limit_is_allowed() {
        let recent: Vec<i64> = (0..19).map(|i| 1_000 + i).collect();
        assert_eq!(CommentLimit::PERSON.check(&recent, 1_100), Ok(()));
    }

    #[test]
    fn the_twenty_first_comment_in_ten_minutes_waits_and_says_how_long() {
        let recent: Vec<i64> = (0..20).map(|i| 1_000 + i * 10).collect();
        let message = CommentLimit::PERSON.check(&recent, 1_300).unwrap_err();
        // The first comment (at 1,000) leaves the window at 1,600: 5 minutes from now.
        assert!(message.contains("wait 5 minutes"), "{message}");
        assert!(message.contains("20 comments"), "{message}");
    }

    #[test]
    fn old_comments_stop_counting() {
        let recent: Vec<i64> = (0..20).map(|i| 1_000 + i).collect();
        assert_eq!(
            CommentLimit::PERSON.check(&recent, 1_000 + 601 + 19),
            Ok(())
        );
    }
}

//! Email addresses and passwords, for people who want to sign in that way (many do not).

use serde::{Deserialize, Serialize};

/// A plausible email address, trimmed and lower-cased. We do not try to be cleverer than
/// "something@somewhere.tld": the only real check is whether mail arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("Please fill in your email address.");
        }
        if email.chars().count() > Self::MAX_CHARS {
            return Err("That email address is too long.");
        }
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Self(email))
        } else {
            Err("That does not look like an email address. It should look like name@example.org.")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the rules. Its `Debug` hides the value, so it cannot reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(hidden)")
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 200;

    /// Long is what matters: no rules about symbols, which make passwords harder to remember
    /// without making them much harder to guess.
    pub fn parse(raw: &str, again: &str) -> Result<Self, (&'static str, String)> {
        let length = raw.chars().count();
        if length < Self::MIN_CHARS {
            return Err((
                "password",
                format!(
                    "Please use at least {} characters. A few words together work well.",
                    Self::MIN_CHARS
                ),
            ));
        }
        if length > Self::MAX_CHARS {
            return Err((
                "password",
                format!("Please use at most {} characters.", Self::MAX_CHARS),
            ));
        }
        if raw != again {
            return Err((
                "password_again",
                "The two passwords are different. Please type the same one twice.".into(),
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            EmailAddress::parse("  Jo@Example.ORG ").unwrap().as_str(),
            "jo@example.org"
        );
    }

    #[test]
    fn implausible_emails_are_refused() {
        for bad in [
            "",
            "jo",
            "jo@",
            "@example.org",
            "jo@example",
            "jo@@example.org",
            "jo @example.org",
            "jo@.org",
            "jo@example.",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_short_password_is_refused_with_a_hint() {
        let (field, message) = NewPassword::parse("short", "short").unwrap_err();
        assert_eq!(field, "password");
        assert!(message.contains("10"));
    }

    #[test]
    fn the_two_passwords_must_match() {
        assert_eq!(
            NewPassword::parse("correct horse battery", "correct horse battery!")
                .unwrap_err()
                .0,
            "password_again"
        );
        assert!(NewPassword::parse("correct horse battery", "correct horse battery").is_ok());
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let p = NewPassword::parse("correct horse battery", "correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }
}

//! Sign-in codes for people without email: short, easy to read aloud and to type on a phone.
//! The alphabet leaves out characters that look or sound alike (0/O, 1/I/L).

use serde::{Deserialize, Serialize};

pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LENGTH: usize = 8;

/// A well-formed sign-in code, stored without separators: "K7PMXR2Q", shown "K7PM-XR2Q".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInCode(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    WrongLength,
    UnusedCharacter(char),
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::WrongLength => write!(
                f,
                "A sign-in code has {CODE_LENGTH} letters and numbers. Please check it and try again."
            ),
            Self::UnusedCharacter(c) => write!(
                f,
                "Sign-in codes never contain \u{201c}{c}\u{201d}. Codes use the letters A to Z (without I, L and O) and the numbers 2 to 9."
            ),
        }
    }
}

impl SignInCode {
    /// Makes a code from random bytes (one per character). The caller supplies randomness,
    /// so this stays pure and testable.
    pub fn from_random(bytes: [u8; CODE_LENGTH]) -> Self {
        // 256 is not a multiple of 31; the bias (at most 1 in 8) is harmless for one-time
        // codes that also expire.
        Self(
            bytes
                .iter()
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect(),
        )
    }

    /// Reads what a person typed: case, spaces and dashes do not matter.
    pub fn parse(raw: &str) -> Result<Self, CodeError> {
        let cleaned: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if let Some(bad) = cleaned
            .chars()
            .find(|c| !ALPHABET.contains(&(*c as u8)) || !c.is_ascii())
        {
            return Err(CodeError::UnusedCharacter(bad));
        }
        if cleaned.chars().count() != CODE_LENGTH {
            return Err(CodeError::WrongLength);
        }
        Ok(Self(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Split in two halves for reading aloud: "K7PM-XR2Q".
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_no_look_alike_characters() {
        for c in ['0', 'O', '1', 'I', 'L'] {
            assert!(!ALPHABET.contains(&(c as u8)), "{c}");
        }
    }

    #[test]
    fn typing_is_forgiving_about_case_spaces_and_dashes() {
        assert_eq!(
            SignInCode::parse(" k7pm-xr2q ").unwrap().as_str(),
            "K7PMXR2Q"
        );
        assert_eq!(
            SignInCode::parse("K7PM XR2Q").unwrap().display(),
            "K7PM-XR2Q"
        );
    }

    #[test]
    fn look_alike_characters_get_a_helpful_message() {
        let e = SignInCode::parse("K7PM-XR0Q").unwrap_err();
        assert_eq!(e, CodeError::UnusedCharacter('0'));
        assert!(e.to_string().contains("2 to 9"));
    }

    #[test]
    fn a_short_code_is_refused() {
        assert_eq!(SignInCode::parse("K7PM"), Err(CodeError::WrongLength));
        assert_eq!(SignInCode::parse(""), Err(CodeError::WrongLength));
    }

    #[test]
    fn codes_from_random_bytes_are_valid_codes() {
        let code = SignInCode::from_random([0, 30, 31, 255, 7, 100, 200, 3]);
        assert_eq!(SignInCode::parse(code.as_str()), Ok(code));
    }

    #[test]
    fn non_ascii_input_is_refused_not_panicking() {
        assert!(SignInCode::parse("ŵŵŵŵŵŵŵŵ").is_err());
    }
}

/// How many codes to make at once, and for how long they work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchRequest {
    pub count: usize,
    pub valid_days: i64,
}

impl BatchRequest {
    pub const MAX_COUNT: usize = 100;
    pub const MAX_DAYS: i64 = 60;

    /// Parses the two form fields; each error names its field.
    pub fn parse(count: &str, valid_days: &str) -> Result<Self, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let count = match count.trim().parse::<usize>() {
            Ok(n) if (1..=Self::MAX_COUNT).contains(&n) => Some(n),
            _ => {
                errors.push((
                    "count",
                    format!(
                        "Please give a number of codes from 1 to {}.",
                        Self::MAX_COUNT
                    ),
                ));
                None
            }
        };
        let days = match valid_days.trim().parse::<i64>() {
            Ok(n) if (1..=Self::MAX_DAYS).contains(&n) => Some(n),
            _ => {
                errors.push((
                    "valid_days",
                    format!("Please give a number of days from 1 to {}.", Self::MAX_DAYS),
                ));
                None
            }
        };
        match (count, days) {
            (Some(count), Some(valid_days)) if errors.is_empty() => Ok(Self { count, valid_days }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod batch_tests {
    use super::*;

    #[test]
    fn a_sensible_batch_is_accepted() {
        assert_eq!(
            BatchRequest::parse(" 30 ", "14"),
            Ok(BatchRequest {
                count: 30,
                valid_days: 14
            })
        );
    }

    #[test]
    fn out_of_range_or_non_numbers_are_refused_per_field() {
        let errors = BatchRequest::parse("0", "x").unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.0).collect::<Vec<_>>(),
            vec!["count", "valid_days"]
        );
        assert!(BatchRequest::parse("101", "14").is_err());
        assert!(BatchRequest::parse("10", "61").is_err());
    }
}

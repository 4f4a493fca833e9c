//! Rules shared by every short piece of text a person types: trimmed, not empty when required,
//! bounded in length (counted in characters, not bytes, so non-English names get the same
//! allowance), and free of control characters that could hide or reorder text.

use thiserror::Error;

/// Why a piece of text was refused. The messages are shown next to the field, so they are
/// written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("Please fill this in.")]
    Empty,
    #[error("This is {actual} characters long; the most allowed is {max}.")]
    TooLong { max: usize, actual: usize },
    #[error(
        "This contains characters that cannot be shown, such as control codes. Please retype it."
    )]
    ControlCharacters,
}

/// Trims `raw` and checks it against the rules. Newlines are allowed only when `multiline`.
pub fn clean(raw: &str, max_chars: usize, multiline: bool) -> Result<String, TextError> {
    let trimmed = raw.trim();
    let allowed = |c: char| !c.is_control() || (multiline && (c == '\n' || c == '\r' || c == '\t'));
    // Bidirectional overrides can make text read differently from what it says.
    let is_bidi_override = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if trimmed.chars().any(|c| !allowed(c) || is_bidi_override(c)) {
        return Err(TextError::ControlCharacters);
    }
    let length = trimmed.chars().count();
    if length > max_chars {
        return Err(TextError::TooLong {
            max: max_chars,
            actual: length,
        });
    }
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(trimmed.replace("\r\n", "\n"))
}

/// Declares a text type that can only hold text that passed [`clean`]: a private `String`,
/// `MAX_CHARS`, `parse` (the only way in) and `as_str`. Extra methods go in a separate `impl`.
macro_rules! bounded_text {
    ($(#[$meta:meta])* $name:ident, max_chars = $max:expr, multiline = $multiline:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, $crate::domain::text::TextError> {
                $crate::domain::text::clean(raw, Self::MAX_CHARS, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}
pub(crate) use bounded_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(clean("  Sefton  ", 10, false), Ok("Sefton".to_string()));
    }

    #[test]
    fn whitespace_only_counts_as_empty() {
        assert_eq!(clean(" \t\n ", 10, true), Err(TextError::Empty));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // Five characters, ten bytes.
        assert_eq!(clean("ŵŵŵŵŵ", 5, false), Ok("ŵŵŵŵŵ".to_string()));
        assert_eq!(
            clean("ŵŵŵŵŵŵ", 5, false),
            Err(TextError::TooLong { max: 5, actual: 6 })
        );
    }

    #[test]
    fn newlines_are_refused_in_single_line_text() {
        assert_eq!(clean("a\nb", 10, false), Err(TextError::ControlCharacters));
    }

    #[test]
    fn newlines_are_kept_in_multiline_text_and_normalised() {
        assert_eq!(clean("a\r\nb", 10, true), Ok("a\nb".to_string()));
    }

    #[test]
    fn null_bytes_and_bidi_overrides_are_refused() {
        assert_eq!(clean("a\0b", 10, true), Err(TextError::ControlCharacters));
        assert_eq!(
            clean("a\u{202E}b", 10, true),
            Err(TextError::ControlCharacters)
        );
    }

    #[test]
    fn the_error_message_says_how_long_it_was() {
        let message = TextError::TooLong {
            max: 120,
            actual: 130,
        }
        .to_string();
        assert!(
            message.contains("130") && message.contains("120"),
            "{message}"
        );
    }
}

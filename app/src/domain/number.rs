//! Whole numbers typed into forms. A number field is either empty (not given) or a whole
//! number within its range; anything else ("75%", "ten", "-1", "1.5") is refused with words
//! that say what to type. Nothing falls back to a default silently.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    #[error("Please type a whole number, like {example}.")]
    NotANumber { example: u64 },
    #[error("Please give a number from {min} to {max}.")]
    OutOfRange { min: u64, max: u64 },
}

/// The number in `raw` (surrounding spaces ignored), if it is a whole number from `min` to
/// `max`. Empty text is `Ok(None)`.
pub fn optional_whole(raw: &str, min: u64, max: u64) -> Result<Option<u64>, NumberError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber {
            example: min.max(1),
        });
    }
    // All digits but too long for u64: out of range, not malformed.
    let n: u64 = raw
        .parse()
        .map_err(|_| NumberError::OutOfRange { min, max })?;
    if n < min || n > max {
        return Err(NumberError::OutOfRange { min, max });
    }
    Ok(Some(n))
}

/// As [`optional_whole`], converted to a narrower type (the range must fit it).
pub fn optional_in<T: TryFrom<u64>>(
    raw: &str,
    min: u64,
    max: u64,
) -> Result<Option<T>, NumberError> {
    optional_whole(raw, min, max)?
        .map(|n| T::try_from(n).map_err(|_| NumberError::OutOfRange { min, max }))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_means_not_given() {
        assert_eq!(optional_whole("  ", 1, 10), Ok(None));
    }

    #[test]
    fn a_per_cent_sign_is_refused_not_ignored() {
        assert!(matches!(
            optional_whole("75%", 51, 100),
            Err(NumberError::NotANumber { .. })
        ));
    }

    #[test]
    fn words_negative_and_fractions_are_refused() {
        for bad in ["ten", "-1", "1.5", "1e3", "+3", "0x10"] {
            assert!(optional_whole(bad, 0, 1000).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_outside_the_range_are_refused_with_the_range() {
        assert_eq!(
            optional_whole("0", 1, 20),
            Err(NumberError::OutOfRange { min: 1, max: 20 })
        );
        assert_eq!(
            optional_whole("99999999999999999999999", 1, 20),
            Err(NumberError::OutOfRange { min: 1, max: 20 })
        );
        assert_eq!(
            NumberError::OutOfRange { min: 1, max: 20 }.to_string(),
            "Please give a number from 1 to 20."
        );
    }

    #[test]
    fn spaces_around_a_number_are_fine() {
        assert_eq!(optional_in::<u8>(" 66 ", 51, 100), Ok(Some(66)));
    }

    proptest! {
        #[test]
        fn every_number_in_range_is_read_back_exactly(n in 0u64..100_000) {
            prop_assert_eq!(optional_whole(&n.to_string(), 0, 100_000), Ok(Some(n)));
        }

        #[test]
        fn anything_with_a_non_digit_is_refused(s in "[0-9]{0,3}[a-zA-Z%.,+_-][0-9]{0,3}") {
            prop_assert!(optional_whole(&s, 0, u64::MAX).is_err());
        }
    }
}

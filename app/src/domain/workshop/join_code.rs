//! A workshop's join code: six characters on the projector, typed on a phone. The same
//! alphabet as sign-in codes (no 0/O, 1/I/L), so it reads aloud without confusion; case,
//! spaces and dashes do not matter.

use serde::{Deserialize, Serialize};

use crate::domain::sign_in_code::ALPHABET;

pub const LENGTH: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JoinCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JoinCodeError {
    #[error("A workshop code has 6 letters and numbers, as shown on the screen at the front.")]
    WrongLength,
    #[error("Workshop codes use the letters A to Z (without I, L and O) and the numbers 2 to 9.")]
    UnusedCharacter,
}

impl JoinCode {
    /// From random bytes (the caller supplies randomness, so this stays pure).
    pub fn from_random(bytes: [u8; LENGTH]) -> Self {
        Self(
            bytes
                .iter()
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect(),
        )
    }

    pub fn parse(raw: &str) -> Result<Self, JoinCodeError> {
        let cleaned: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned
            .chars()
            .any(|c| !c.is_ascii() || !ALPHABET.contains(&(c as u8)))
        {
            return Err(JoinCodeError::UnusedCharacter);
        }
        if cleaned.len() != LENGTH {
            return Err(JoinCodeError::WrongLength);
        }
        Ok(Self(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "K7P XR2": two halves, for reading aloud and for the projector.
    pub fn display(&self) -> String {
        format!("{} {}", &self.0[..3], &self.0[3..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_type_is_forgiven_but_wrong_codes_are_explained() {
        let code = JoinCode::parse(" k7p-xr2 ").unwrap();
        assert_eq!(code.as_str(), "K7PXR2");
        assert_eq!(code.display(), "K7P XR2");
        assert_eq!(JoinCode::parse("K7PXR"), Err(JoinCodeError::WrongLength));
        assert_eq!(
            JoinCode::parse("K7PXR0"),
            Err(JoinCodeError::UnusedCharacter)
        );
        assert_eq!(
            JoinCode::parse("K7PXRé"),
            Err(JoinCodeError::UnusedCharacter)
        );
    }

    #[test]
    fn random_codes_use_only_the_alphabet() {
        let code = JoinCode::from_random([0, 30, 31, 255, 128, 7]);
        assert_eq!(JoinCode::parse(code.as_str()), Ok(code));
    }
}

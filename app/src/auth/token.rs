//! Secret tokens for sessions and sign-in links. A person holds the token; the database holds
//! only its SHA-256 hash, so a leaked database copy cannot be used to sign in.

use rand::RngCore;
use sha2::{Digest, Sha256};

const TOKEN_BYTES: usize = 32;

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    out
}

/// A secret a person holds. Deliberately not `Debug`, `Display` or `Serialize`, so it cannot
/// slip into a log line or a response by accident.
pub struct SecretToken(String);

impl SecretToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(to_hex(&bytes))
    }

    /// Accepts a token someone presented, if it has the right shape. Shape is all this checks;
    /// whether it is valid is the database's answer.
    pub fn from_presented(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        (raw.len() == TOKEN_BYTES * 2 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(raw.to_ascii_lowercase()))
    }

    /// The value to hand to the person (in a cookie or a link).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database stores.
    pub fn hash(&self) -> String {
        to_hex(&Sha256::digest(self.0.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_differ_and_round_trip() {
        let a = SecretToken::generate();
        let b = SecretToken::generate();
        assert_ne!(a.expose(), b.expose());
        let again = SecretToken::from_presented(a.expose()).unwrap();
        assert_eq!(again.hash(), a.hash());
    }

    #[test]
    fn the_hash_is_not_the_token() {
        let t = SecretToken::generate();
        assert_ne!(t.hash(), t.expose());
        assert_eq!(t.hash().len(), 64);
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(63), &"a".repeat(65)] {
            assert!(SecretToken::from_presented(bad).is_none(), "{bad:?}");
        }
    }
}

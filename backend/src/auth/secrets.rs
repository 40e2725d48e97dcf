//! Random one-time secrets (refresh tokens, invitation tokens, API tokens) and their hashes.
//! Only the SHA-256 of a secret is stored; the secret itself is shown once.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, base64url, with a readable prefix (`vrt_`, `vinv_`, `varig_pat_`).
pub fn random_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub const REFRESH_PREFIX: &str = "vrt_";
pub const INVITATION_PREFIX: &str = "vinv_";
pub const API_TOKEN_PREFIX: &str = "varig_pat_";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_unique_and_prefixed() {
        let a = random_secret(API_TOKEN_PREFIX);
        let b = random_secret(API_TOKEN_PREFIX);
        assert_ne!(a, b);
        assert!(a.starts_with("varig_pat_"));
        assert!(a.len() > 40);
    }

    #[test]
    fn the_hash_is_stable_and_not_the_secret() {
        let s = random_secret(REFRESH_PREFIX);
        assert_eq!(hash_secret(&s), hash_secret(&s));
        assert_ne!(hash_secret(&s), s);
        assert_eq!(hash_secret(&s).len(), 64);
    }
}

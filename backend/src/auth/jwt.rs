//! Access tokens: HS256 JWTs with issuer and audience, algorithm pinned, at most 15 minutes.

use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

pub const ISSUER: &str = "varig";
pub const AUDIENCE: &str = "varig-api";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    /// The session (login) the token belongs to: ending the session ends the token.
    pub sid: String,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub ttl_seconds: u32,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("ttl_seconds", &self.ttl_seconds)
            .finish_non_exhaustive()
    }
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl_seconds: u32) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            ttl_seconds,
        }
    }

    pub fn issue(&self, user_id: Uuid, session_id: Uuid) -> Result<String, AppError> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp: now + i64::from(self.ttl_seconds),
            jti: Uuid::new_v4().to_string(),
            sid: session_id.to_string(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(format!("jwt encode: {e}")))
    }

    /// The user and session ids of a valid token. Any other algorithm, issuer, audience,
    /// signature, an expired token or one without a session is rejected.
    pub fn verify(&self, token: &str) -> Result<(Uuid, Uuid), AppError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let data = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| AppError::Unauthenticated("The access token is invalid or expired."))?;
        let invalid = |_| AppError::Unauthenticated("The access token is invalid or expired.");
        Ok((
            Uuid::parse_str(&data.claims.sub).map_err(invalid)?,
            Uuid::parse_str(&data.claims.sid).map_err(invalid)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_fresh_token_verifies_to_its_user() {
        let keys = JwtKeys::new(KEY, 900);
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(
            keys.verify(&keys.issue(user, session).unwrap()).unwrap(),
            (user, session)
        );
    }

    #[test]
    fn a_token_signed_with_another_key_is_rejected() {
        let other = JwtKeys::new(b"another-key-another-key-another-key!", 900);
        let token = other.issue(Uuid::now_v7(), Uuid::now_v7()).unwrap();
        assert!(JwtKeys::new(KEY, 900).verify(&token).is_err());
    }

    fn sign(claims: &Claims, alg: Algorithm) -> String {
        encode(&Header::new(alg), claims, &EncodingKey::from_secret(KEY)).unwrap()
    }

    fn claims(exp_offset: i64, aud: &str, iss: &str) -> Claims {
        let now = Utc::now().timestamp();
        Claims {
            sub: Uuid::now_v7().to_string(),
            iss: iss.into(),
            aud: aud.into(),
            iat: now,
            exp: now + exp_offset,
            jti: "x".into(),
            sid: Uuid::now_v7().to_string(),
        }
    }

    #[test]
    fn expired_tokens_wrong_audience_issuer_or_algorithm_are_rejected() {
        let keys = JwtKeys::new(KEY, 900);
        assert!(keys
            .verify(&sign(&claims(-120, AUDIENCE, ISSUER), Algorithm::HS256))
            .is_err());
        assert!(keys
            .verify(&sign(&claims(600, "other", ISSUER), Algorithm::HS256))
            .is_err());
        assert!(keys
            .verify(&sign(&claims(600, AUDIENCE, "evil"), Algorithm::HS256))
            .is_err());
        assert!(keys
            .verify(&sign(&claims(600, AUDIENCE, ISSUER), Algorithm::HS512))
            .is_err());
        assert!(keys
            .verify(&sign(&claims(600, AUDIENCE, ISSUER), Algorithm::HS256))
            .is_ok());
    }
}

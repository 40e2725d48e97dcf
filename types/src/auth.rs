//! Login, token refresh, logout, password change and the caller's own profile.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::roles::{OrgRole, ProjectRole};

/// Log in with e-mail address and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct LoginRequest {
    /// The account's e-mail address (at most 254 characters).
    #[cfg_attr(feature = "openapi", oai(validator(max_length = 254)))]
    pub email: String,
    /// At most 1,024 characters.
    #[cfg_attr(feature = "openapi", oai(validator(max_length = 1024)))]
    pub password: String,
}

/// A short-lived access token (JWT, use as `Authorization: Bearer`) and a rotating refresh token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct TokenPair {
    /// The access token (JWT, HS256).
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u32,
    /// Exchange it once for a new pair at `/api/v1/auth/refresh`; using it twice revokes its family.
    pub refresh_token: String,
}

/// A refresh token to exchange (refresh) or revoke (logout).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh.
    #[cfg_attr(feature = "openapi", oai(validator(max_length = 256)))]
    pub refresh_token: String,
}

/// Change one's own password; every other session is logged out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ChangePasswordRequest {
    /// The password now in use.
    #[cfg_attr(feature = "openapi", oai(validator(max_length = 1024)))]
    pub current_password: String,
    /// At least 10 characters and hard to guess (a zxcvbn score of at least 3).
    #[cfg_attr(feature = "openapi", oai(validator(max_length = 1024)))]
    pub new_password: String,
}

/// One project the caller is a member of, with the role held there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MyMembership {
    pub project_id: Uuid,
    pub role: ProjectRole,
}

/// The authenticated user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    /// Empty for a system administrator, who belongs to no organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub organisation_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub org_role: Option<OrgRole>,
    pub system_admin: bool,
    /// The caller's project memberships.
    pub memberships: Vec<MyMembership>,
}

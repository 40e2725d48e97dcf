//! Service-account API tokens for third-party systems, and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::roles::TokenScope;

/// A service-account token of the organisation (its secret is shown only once, at creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiToken {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    /// What the token may do: `read`, `write`, `measurements_write`.
    pub scopes: Vec<TokenScope>,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    /// The organisation admin who created it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When the token last authenticated a request (to the minute).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub last_used_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub revoked_at: Option<DateTime<Utc>>,
    /// After this instant the token no longer works (absent: it never expires, only for
    /// tokens made before expiry existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new service-account token: its name, scopes and optional expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewApiToken {
    /// 1–200 characters, e.g. the integrating system's name.
    pub name: String,
    /// At least one scope.
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 3)))]
    pub scopes: Vec<TokenScope>,
    /// When the token stops working: in the future, at most five years ahead. Default: one
    /// year from now (the server's `VARIG_API_TOKEN_DAYS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub expires_at: Option<DateTime<Utc>>,
}

/// The token and its secret. The secret is shown only here; use it as `Authorization: Bearer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiTokenCreated {
    pub token: ApiToken,
    /// The secret (`varig_pat_…`), shown only in this answer; send it as `Authorization: Bearer`.
    pub secret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiTokenPage {
    pub items: Vec<ApiToken>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

/// One recorded change: who, what, when, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AuditEntry {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub organisation_id: Option<Uuid>,
    /// The person who made the change; absent when an API token or the system did.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub actor_user_id: Option<Uuid>,
    /// The API token that made the change, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub actor_token_id: Option<Uuid>,
    /// E.g. `project.update`, `membership.create`, `auth.refresh_reuse`.
    pub action: String,
    /// The kind of object changed (`project`, `membership`, `risk` …).
    pub entity_type: String,
    /// The object changed, if it has an id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub entity_id: Option<Uuid>,
    /// The object as it was before the change (as its API type); absent for a creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub before: Option<serde_json::Value>,
    /// The object as it is after the change (as its API type); absent for a deletion.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub after: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

//! Service-account API tokens for third-party systems, and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::roles::TokenScope;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiToken {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub scopes: Vec<TokenScope>,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewApiToken {
    /// 1–200 characters, e.g. the integrating system's name.
    pub name: String,
    /// At least one scope.
    pub scopes: Vec<TokenScope>,
}

/// The token and its secret. The secret is shown only here; use it as `Authorization: Bearer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiTokenCreated {
    pub token: ApiToken,
    pub secret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiTokenPage {
    pub items: Vec<ApiToken>,
    pub next_cursor: Option<String>,
}

/// One recorded change: who, what, when, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AuditEntry {
    pub id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    pub actor_token_id: Option<Uuid>,
    /// E.g. `project.update`, `membership.create`, `auth.refresh_reuse`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next_cursor: Option<String>,
}

//! Authentication: who is calling (a user with an access JWT, or a service account with an
//! API token), as typed claims the handlers receive from the bearer security scheme.

pub mod cache;
pub mod client;
pub mod invalidate;
pub mod jwt;
pub mod password;
pub mod secrets;
pub mod sessions;
pub mod throttle;

use chrono::Utc;
use poem::Request;
use poem_openapi::auth::Bearer;
use poem_openapi::SecurityScheme;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Grantor, OrgRole, ProjectRole, TokenScope};

use crate::access::{self, Action, Subject};
use crate::entities::{api_token, organisation, session, user};
use crate::error::AppError;
use crate::ids::parse_id;
use crate::state::AppState;

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// Set for a person.
    pub user_id: Option<Uuid>,
    /// Set for a service account.
    pub token_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub system_admin: bool,
    pub org_role: Option<OrgRole>,
    pub scopes: Vec<TokenScope>,
    /// The person's display name (the token's name for a service account).
    pub name: String,
}

impl Principal {
    pub fn subjects(&self) -> Vec<Subject> {
        access::org_subjects(self.system_admin, self.org_role, &self.scopes)
    }

    /// Organisation-level permission check (403 when the caller's standing does not allow it).
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if access::allowed(&self.subjects(), action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// 403 for a service account that may read nothing (a measurements-only token), on
    /// endpoints that need no particular permission beyond being signed in.
    pub fn require_reader(&self) -> Result<(), AppError> {
        if self.token_id.is_some() && !self.may(Action::ProjectRead) {
            return Err(AppError::Forbidden);
        }
        Ok(())
    }

    pub fn may(&self, action: Action) -> bool {
        access::allowed(&self.subjects(), action)
    }

    /// The caller's organisation as stored text; 403 for callers outside every tenant
    /// (system administrators manage tenants but do not read their data).
    pub fn org(&self) -> Result<String, AppError> {
        self.organisation_id
            .map(|o| o.to_string())
            .ok_or(AppError::Forbidden)
    }

    /// Whether an object of organisation `org` is visible to the caller at all.
    pub fn same_org(&self, org: &str) -> bool {
        self.organisation_id.is_some_and(|o| o.to_string() == org)
    }

    /// The caller's standing for the role-grant table (`varig_types::grants`), given their
    /// role in the project concerned.
    pub fn grantors(&self, project_role: Option<ProjectRole>) -> Vec<Grantor> {
        let mut out = Vec::new();
        if self.system_admin || self.org_role == Some(OrgRole::Admin) {
            out.push(Grantor::OrgAdmin);
        }
        if self.scopes.contains(&TokenScope::Write) {
            out.push(Grantor::Service);
        }
        if let Some(role) = project_role {
            out.push(Grantor::Project(role));
        }
        out
    }

    /// 403 unless the caller may give (or take) `role` in a project where they hold
    /// `project_role`.
    pub fn require_grant(
        &self,
        project_role: Option<ProjectRole>,
        role: ProjectRole,
    ) -> Result<(), AppError> {
        if varig_types::may_grant(&self.grantors(project_role), role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn user_id_str(&self) -> Option<String> {
        self.user_id.map(|u| u.to_string())
    }
}

/// `Authorization: Bearer <token>`: an access token from `/api/v1/auth/login`, or a
/// service-account API token (`varig_pat_…`) created by an organisation admin.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_bearer")]
pub struct BearerAuth(pub Principal);

async fn check_bearer(req: &Request, bearer: Bearer) -> poem::Result<Principal> {
    let state = req
        .data::<AppState>()
        .ok_or_else(|| AppError::Internal("AppState missing from request data".into()))?;
    Ok(authenticate(state, &bearer.token).await?)
}

pub async fn authenticate(state: &AppState, token: &str) -> Result<Principal, AppError> {
    if token.starts_with(secrets::API_TOKEN_PREFIX) {
        return authenticate_api_token(state, token).await;
    }
    let (user_id, session_id) = state.jwt.verify(token)?;
    if let Some(p) = state.principals.get(user_id, session_id) {
        return Ok(p);
    }
    let generation = state.principals.generation();
    let user = sessions::active_user(
        &state.db,
        sea_orm::Condition::all().add(user::Column::Id.eq(user_id.to_string())),
    )
    .await?
    .ok_or(AppError::Unauthenticated(
        "The account no longer exists or is archived.",
    ))?;
    let now = Utc::now();
    session::Entity::find_by_id(session_id.to_string())
        .one(&state.db)
        .await?
        .filter(|s| s.user_id == user.id && sessions::is_live(s, now))
        .ok_or(AppError::Unauthenticated(
            "The session has ended (logged out, password changed or expired); log in again.",
        ))?;
    let p = principal_of(&user);
    state.principals.put(user_id, session_id, &p, generation);
    Ok(p)
}

pub fn principal_of(user: &user::Model) -> Principal {
    Principal {
        user_id: Some(parse_id(&user.id)),
        token_id: None,
        organisation_id: user.organisation_id.as_deref().map(parse_id),
        system_admin: user.system_admin,
        org_role: user.org_role.as_deref().and_then(OrgRole::parse),
        scopes: vec![],
        name: user.name.clone(),
    }
}

/// How precise an API token's `last_used_at` is.
pub const LAST_USED_RESOLUTION_SECS: i64 = 60;

async fn authenticate_api_token(state: &AppState, token: &str) -> Result<Principal, AppError> {
    let hash = secrets::hash_secret(token);
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash))
        .one(&state.db)
        .await?
        .filter(|t| t.revoked_at.is_none() && t.expires_at.is_none_or(|e| e > Utc::now()))
        .ok_or(AppError::Unauthenticated(
            "The API token is unknown, expired or revoked.",
        ))?;
    let org_live = organisation::Entity::find_by_id(row.organisation_id.clone())
        .one(&state.db)
        .await?
        .is_some_and(|o| o.archived_at.is_none());
    if !org_live {
        return Err(AppError::Unauthenticated(
            "The API token's organisation is archived.",
        ));
    }
    let principal = Principal {
        user_id: None,
        token_id: Some(parse_id(&row.id)),
        organisation_id: Some(parse_id(&row.organisation_id)),
        system_admin: false,
        org_role: None,
        scopes: parse_scopes(&row.scopes),
        name: row.name.clone(),
    };
    // Record the use, but write at most once a minute per token: not a write on every call.
    let now = Utc::now();
    if row
        .last_used_at
        .is_none_or(|t| now - t > chrono::Duration::seconds(LAST_USED_RESOLUTION_SECS))
    {
        let mut active: api_token::ActiveModel = row.into();
        active.last_used_at = Set(Some(now));
        active.update(&state.db).await?;
    }
    Ok(principal)
}

pub fn parse_scopes(s: &str) -> Vec<TokenScope> {
    s.split(',')
        .filter_map(|p| TokenScope::parse(p.trim()))
        .collect()
}

use poem::Request;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use varig_types::{
    ChangePasswordRequest, LoginRequest, Me, MyMembership, RefreshRequest, TokenPair,
};

use super::ApiTags;
use crate::auth::{sessions, BearerAuth};
use crate::entities::{membership, user};
use crate::error::{ApiResult, AppError};
use crate::ids::parse_id;
use crate::state::AppState;
use crate::views;

pub struct AuthApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum LoginResponse {
    /// Logged in: an access token (15 minutes) and a refresh token.
    #[oai(status = 200)]
    Ok(Json<TokenPair>),
}

#[derive(ApiResponse)]
pub enum RefreshResponse {
    /// A new pair; the refresh token sent is now used up.
    #[oai(status = 200)]
    Ok(Json<TokenPair>),
}

#[derive(ApiResponse)]
pub enum LogoutResponse {
    /// The session is ended (also when the token was unknown or already revoked).
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum ChangePasswordResponse {
    /// The password is changed and every session of the user is logged out.
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum MeResponse {
    /// The caller's profile and project roles.
    #[oai(status = 200)]
    Ok(Json<Me>),
}

fn client(req: &Request, state: &AppState) -> String {
    crate::auth::client::client_address(req, &state.settings.trusted_proxies)
}

#[OpenApi(tag = "ApiTags::Auth")]
impl AuthApi {
    /// Log in
    ///
    /// With e-mail address and password. An address that is not an e-mail address gets 422
    /// before anything is counted. After 10 failures in a minute for one account from one
    /// client, that account is locked for that client only (one minute, doubling with each
    /// lock-out, at most an hour); after 100 failures in a minute from one client address,
    /// that address waits. Both answer 429 with `Retry-After`. Every login, failure and
    /// lock-out is in the audit log.
    #[oai(path = "/v1/auth/login", method = "post", operation_id = "login")]
    async fn login(&self, req: &Request, body: Json<LoginRequest>) -> ApiResult<LoginResponse> {
        let pair = sessions::login(
            &self.state,
            &body.email,
            &body.password,
            &client(req, &self.state),
        )
        .await?;
        Ok(LoginResponse::Ok(Json(pair)))
    }

    /// Refresh the access token
    ///
    /// Exchanges a refresh token for a new pair. Each refresh token works once; presenting
    /// a used one again revokes every token of that login (401 `token_reused`).
    #[oai(path = "/v1/auth/refresh", method = "post", operation_id = "refresh")]
    async fn refresh(&self, body: Json<RefreshRequest>) -> ApiResult<RefreshResponse> {
        Ok(RefreshResponse::Ok(Json(
            sessions::refresh(&self.state, &body.refresh_token).await?,
        )))
    }

    /// Log out
    ///
    /// Ends the session of the refresh token: it, every refresh token of the same login and
    /// the login's access tokens stop working at once (on every instance).
    #[oai(path = "/v1/auth/logout", method = "post", operation_id = "logout")]
    async fn logout(&self, req: &Request, body: Json<RefreshRequest>) -> ApiResult<LogoutResponse> {
        sessions::logout(&self.state, &body.refresh_token, &client(req, &self.state)).await?;
        Ok(LogoutResponse::Done)
    }

    /// Change my password
    ///
    /// Needs the current password (wrong guesses are throttled like logins); the new one
    /// must be hard to guess (422 `weak_password` otherwise). Ends every session of the
    /// user, their access tokens included.
    #[oai(
        path = "/v1/auth/password",
        method = "post",
        operation_id = "change_password"
    )]
    async fn change_password(
        &self,
        req: &Request,
        auth: BearerAuth,
        body: Json<ChangePasswordRequest>,
    ) -> ApiResult<ChangePasswordResponse> {
        sessions::change_password(
            &self.state,
            &auth.0,
            &body.current_password,
            &body.new_password,
            &client(req, &self.state),
        )
        .await?;
        Ok(ChangePasswordResponse::Done)
    }

    /// Who am I
    ///
    /// The authenticated user and their project roles. Service accounts get 403.
    #[oai(path = "/v1/me", method = "get", operation_id = "me")]
    async fn me(&self, auth: BearerAuth) -> ApiResult<MeResponse> {
        let id = auth.0.user_id_str().ok_or(AppError::Forbidden)?;
        let u = user::Entity::find_by_id(id.clone())
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let memberships = membership::Entity::find()
            .filter(membership::Column::UserId.eq(id))
            .filter(membership::Column::ArchivedAt.is_null())
            .all(&self.state.db)
            .await?
            .iter()
            .map(|m| MyMembership {
                project_id: parse_id(&m.project_id),
                role: views::role(&m.role),
            })
            .collect();
        let v = views::user(&u);
        Ok(MeResponse::Ok(Json(Me {
            id: v.id,
            email: v.email,
            name: v.name,
            organisation_id: v.organisation_id,
            org_role: v.org_role,
            system_admin: v.system_admin,
            memberships,
        })))
    }
}

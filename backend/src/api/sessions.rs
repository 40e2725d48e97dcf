//! The caller's sessions: logging out on every device at once.

use poem_openapi::{ApiResponse, OpenApi};

use super::ApiTags;
use crate::auth::{sessions, BearerAuth};
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

pub struct SessionsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum LogoutEverywhereResponse {
    /// Every session of the caller is ended, this one too.
    #[oai(status = 204)]
    Done,
}

#[OpenApi(tag = "ApiTags::Auth")]
impl SessionsApi {
    /// Log out on every device
    ///
    /// Ends every session of the caller (every device, this one too): their refresh tokens
    /// and their access tokens stop working on the next request, on every instance.
    /// Service accounts get 403.
    #[oai(
        path = "/v1/auth/logout-everywhere",
        method = "post",
        operation_id = "logout_everywhere"
    )]
    async fn logout_everywhere(&self, auth: BearerAuth) -> ApiResult<LogoutEverywhereResponse> {
        let user = auth.0.user_id_str().ok_or(AppError::Forbidden)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        sessions::revoke_all_for_user(&txn, &user).await?;
        crate::audit::record(
            &txn,
            Some(&auth.0),
            crate::audit::Change {
                organisation_id: auth.0.organisation_id.map(|o| o.to_string()),
                action: "auth.logout_everywhere",
                entity_type: "user",
                entity_id: Some(user.clone()),
                before: None,
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(LogoutEverywhereResponse::Done)
    }
}

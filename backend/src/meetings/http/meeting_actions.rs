//! Actions from meetings: made at a meeting, carried to later ones until done, and each
//! person's own list.

use chrono::NaiveDate;
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{MeetingAction, MeetingActionInput, MeetingActionList};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::meetings::service::actions as service;
use crate::state::AppState;

pub struct ActionsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateActionResponse {
    /// The action was recorded.
    #[oai(status = 201)]
    Created(Json<MeetingAction>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ActionResponse {
    /// The action as it is now.
    #[oai(status = 200)]
    Ok(Json<MeetingAction>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ActionListResponse {
    /// The caller's open actions across projects, by due date.
    #[oai(status = 200)]
    Ok(Json<MeetingActionList>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl ActionsApi {
    /// Add an action to a meeting
    ///
    /// Title, responsible member and due date; it shows at every later meeting of the
    /// series until done.
    #[oai(
        path = "/v1/meeting-series/:id/meetings/:date/actions",
        method = "post",
        operation_id = "create_meeting_action"
    )]
    async fn add_action(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        date: Path<NaiveDate>,
        body: Json<MeetingActionInput>,
    ) -> ApiResult<CreateActionResponse> {
        let view = service::create(&self.state, &auth.0, id.0, date.0, &body).await?;
        Ok(CreateActionResponse::Created(Json(view), etag(1)))
    }

    /// Update an action
    ///
    /// The project's owner or leader, or the person responsible (to mark it done). Needs
    /// `If-Match` with its version.
    #[oai(
        path = "/v1/meeting-actions/:id",
        method = "put",
        operation_id = "update_meeting_action"
    )]
    async fn update_action(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MeetingActionInput>,
    ) -> ApiResult<ActionResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(ActionResponse::Ok(Json(view), etag(version)))
    }

    /// List my actions
    ///
    /// The caller's open actions in every project, by due date (undated last).
    #[oai(
        path = "/v1/me/actions",
        method = "get",
        operation_id = "list_my_actions"
    )]
    async fn mine(&self, auth: BearerAuth) -> ApiResult<ActionListResponse> {
        Ok(ActionListResponse::Ok(Json(
            service::mine(&self.state, &auth.0).await?,
        )))
    }
}

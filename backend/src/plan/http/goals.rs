//! Goals on four levels in a tree: effect, result, process and sub-goals.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Goal, GoalInput, GoalPage};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::plan::service::goals as service;
use crate::state::AppState;

pub struct GoalsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListGoalsResponse {
    /// A page of the project's goals in creation order; `parent_id` makes the tree.
    #[oai(status = 200)]
    Ok(Json<GoalPage>),
}

#[derive(ApiResponse)]
pub enum CreateGoalResponse {
    /// The goal was added.
    #[oai(status = 201)]
    Created(Json<Goal>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum GoalResponse {
    /// The goal as it is now.
    #[oai(status = 200)]
    Ok(Json<Goal>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteGoalResponse {
    /// The goal is gone.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::Plan")]
impl GoalsApi {
    /// List goals
    ///
    /// The project's goal tree as a flat list: build it with `parent_id`.
    #[oai(
        path = "/v1/projects/:id/goals",
        method = "get",
        operation_id = "list_goals"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListGoalsResponse> {
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        Ok(ListGoalsResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, &page).await?,
        )))
    }

    /// Add a goal
    ///
    /// An effect goal stands at the top; a result, process or sub-goal may serve a goal of
    /// a higher level (a sub-goal may also serve a sub-goal).
    #[oai(
        path = "/v1/projects/:id/goals",
        method = "post",
        operation_id = "create_goal"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<GoalInput>,
    ) -> ApiResult<CreateGoalResponse> {
        let (view, version) = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateGoalResponse::Created(Json(view), etag(version)))
    }

    /// Replace a goal
    ///
    /// Sends the whole goal; needs `If-Match` with its version. A goal cannot move below
    /// itself or its own sub-goals.
    #[oai(path = "/v1/goals/:id", method = "put", operation_id = "update_goal")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<GoalInput>,
    ) -> ApiResult<GoalResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(GoalResponse::Ok(Json(view), etag(version)))
    }

    /// Delete a goal
    ///
    /// Only a goal without sub-goals (409 otherwise). `If-Match`, when sent, must name the
    /// current version.
    #[oai(
        path = "/v1/goals/:id",
        method = "delete",
        operation_id = "delete_goal"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteGoalResponse> {
        service::delete(&self.state, &auth.0, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteGoalResponse::Deleted)
    }
}

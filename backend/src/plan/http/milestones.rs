//! The milestone plan: dated deliverables per phase with a responsible member.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Milestone, MilestoneInput, MilestonePage, Phase};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::plan::service::milestones as service;
use crate::state::AppState;

pub struct MilestonesApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListMilestonesResponse {
    /// A page of the project's milestones in creation order.
    #[oai(status = 200)]
    Ok(Json<MilestonePage>),
}

#[derive(ApiResponse)]
pub enum CreateMilestoneResponse {
    /// The milestone was added.
    #[oai(status = 201)]
    Created(Json<Milestone>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum MilestoneResponse {
    /// The milestone as it is now.
    #[oai(status = 200)]
    Ok(Json<Milestone>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteMilestoneResponse {
    /// The milestone is gone.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::Plan")]
impl MilestonesApi {
    /// List milestones
    ///
    /// The project's milestones with `overdue` computed (due date passed in Europe/Oslo,
    /// neither done nor cancelled); optionally of one phase.
    #[oai(
        path = "/v1/projects/:id/milestones",
        method = "get",
        operation_id = "list_milestones"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only milestones of this phase.
        phase: Query<Option<Phase>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListMilestonesResponse> {
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        Ok(ListMilestonesResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, phase.0, &page).await?,
        )))
    }

    /// Add a milestone
    ///
    /// A dated deliverable of a phase; the responsible person must be a project member.
    #[oai(
        path = "/v1/projects/:id/milestones",
        method = "post",
        operation_id = "create_milestone"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<MilestoneInput>,
    ) -> ApiResult<CreateMilestoneResponse> {
        let (view, version) = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateMilestoneResponse::Created(Json(view), etag(version)))
    }

    /// Replace a milestone
    ///
    /// Sends the whole milestone; needs `If-Match` with its version. Marking it done
    /// records when.
    #[oai(
        path = "/v1/milestones/:id",
        method = "put",
        operation_id = "update_milestone"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MilestoneInput>,
    ) -> ApiResult<MilestoneResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(MilestoneResponse::Ok(Json(view), etag(version)))
    }

    /// Delete a milestone
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/milestones/:id",
        method = "delete",
        operation_id = "delete_milestone"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteMilestoneResponse> {
        service::delete(&self.state, &auth.0, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteMilestoneResponse::Deleted)
    }
}

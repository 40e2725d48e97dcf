//! Stakeholder analysis: who is affected or has influence, their attitude, planned measures.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Stakeholder, StakeholderInput, StakeholderPage};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::plan::service::stakeholders as service;
use crate::state::AppState;

pub struct StakeholdersApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListStakeholdersResponse {
    /// A page of the project's stakeholders in creation order.
    #[oai(status = 200)]
    Ok(Json<StakeholderPage>),
}

#[derive(ApiResponse)]
pub enum CreateStakeholderResponse {
    /// The stakeholder was added.
    #[oai(status = 201)]
    Created(Json<Stakeholder>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum StakeholderResponse {
    /// The stakeholder as it is now.
    #[oai(status = 200)]
    Ok(Json<Stakeholder>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteStakeholderResponse {
    /// The stakeholder is gone.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::PlanningTools")]
impl StakeholdersApi {
    /// List stakeholders
    ///
    /// Each with the handling its influence and how much it is affected suggest.
    #[oai(
        path = "/v1/projects/:id/stakeholders",
        method = "get",
        operation_id = "list_stakeholders"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListStakeholdersResponse> {
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        Ok(ListStakeholdersResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, &page).await?,
        )))
    }

    /// Add a stakeholder
    ///
    /// A person, group or organisation affected by or influencing the change.
    #[oai(
        path = "/v1/projects/:id/stakeholders",
        method = "post",
        operation_id = "create_stakeholder"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<StakeholderInput>,
    ) -> ApiResult<CreateStakeholderResponse> {
        let (view, version) = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateStakeholderResponse::Created(
            Json(view),
            etag(version),
        ))
    }

    /// Replace a stakeholder
    ///
    /// Sends the whole stakeholder; needs `If-Match` with its version.
    #[oai(
        path = "/v1/stakeholders/:id",
        method = "put",
        operation_id = "update_stakeholder"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<StakeholderInput>,
    ) -> ApiResult<StakeholderResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(StakeholderResponse::Ok(Json(view), etag(version)))
    }

    /// Delete a stakeholder
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/stakeholders/:id",
        method = "delete",
        operation_id = "delete_stakeholder"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteStakeholderResponse> {
        service::delete(&self.state, &auth.0, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteStakeholderResponse::Deleted)
    }
}

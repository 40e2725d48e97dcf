//! The risk register: probability × consequence, owner and mitigation.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Risk, RiskInput, RiskPage, RiskStatus};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::plan::service::risks as service;
use crate::state::AppState;

pub struct RisksApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListRisksResponse {
    /// A page of the project's risks in creation order, each with score and level.
    #[oai(status = 200)]
    Ok(Json<RiskPage>),
}

#[derive(ApiResponse)]
pub enum CreateRiskResponse {
    /// The risk was registered.
    #[oai(status = 201)]
    Created(Json<Risk>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum RiskResponse {
    /// The risk as it is now.
    #[oai(status = 200)]
    Ok(Json<Risk>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteRiskResponse {
    /// The risk is gone.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::PlanningTools")]
impl RisksApi {
    /// List risks
    ///
    /// Optionally only open or closed ones.
    #[oai(
        path = "/v1/projects/:id/risks",
        method = "get",
        operation_id = "list_risks"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only risks with this status.
        status: Query<Option<RiskStatus>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListRisksResponse> {
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        Ok(ListRisksResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, status.0, &page).await?,
        )))
    }

    /// Register a risk
    ///
    /// Probability and consequence from 1 to 5; the score is their product and the level
    /// low (1–5), medium (6–14) or high (15–25).
    #[oai(
        path = "/v1/projects/:id/risks",
        method = "post",
        operation_id = "create_risk"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<RiskInput>,
    ) -> ApiResult<CreateRiskResponse> {
        let (view, version) = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateRiskResponse::Created(Json(view), etag(version)))
    }

    /// Replace a risk
    ///
    /// Sends the whole risk; needs `If-Match` with its version.
    #[oai(path = "/v1/risks/:id", method = "put", operation_id = "update_risk")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<RiskInput>,
    ) -> ApiResult<RiskResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(RiskResponse::Ok(Json(view), etag(version)))
    }

    /// Delete a risk
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/risks/:id",
        method = "delete",
        operation_id = "delete_risk"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteRiskResponse> {
        service::delete(&self.state, &auth.0, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteRiskResponse::Deleted)
    }
}

//! Barriers and facilitators by level (system, organisation, team, individual), with
//! strength, the kind of resistance (can't / won't / don't) and the chosen strategy.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Barrier, BarrierInput, BarrierLevel, BarrierPage};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::plan::service::barriers as service;
use crate::state::AppState;

pub struct BarriersApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListBarriersResponse {
    /// A page of the project's barriers and facilitators in creation order.
    #[oai(status = 200)]
    Ok(Json<BarrierPage>),
}

#[derive(ApiResponse)]
pub enum CreateBarrierResponse {
    /// The barrier or facilitator was added.
    #[oai(status = 201)]
    Created(Json<Barrier>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum BarrierResponse {
    /// The barrier or facilitator as it is now.
    #[oai(status = 200)]
    Ok(Json<Barrier>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteBarrierResponse {
    /// The barrier or facilitator is gone.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::PlanningTools")]
impl BarriersApi {
    /// List barriers and facilitators
    ///
    /// Optionally of one level.
    #[oai(
        path = "/v1/projects/:id/barriers",
        method = "get",
        operation_id = "list_barriers"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only this level.
        level: Query<Option<BarrierLevel>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListBarriersResponse> {
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        Ok(ListBarriersResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, level.0, &page).await?,
        )))
    }

    /// Add a barrier or facilitator
    ///
    /// What works against (hemmer) or for (fremmer) the change at a level, how strongly,
    /// and the strategy chosen.
    #[oai(
        path = "/v1/projects/:id/barriers",
        method = "post",
        operation_id = "create_barrier"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<BarrierInput>,
    ) -> ApiResult<CreateBarrierResponse> {
        let (view, version) = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateBarrierResponse::Created(Json(view), etag(version)))
    }

    /// Replace a barrier or facilitator
    ///
    /// Sends the whole object; needs `If-Match` with its version.
    #[oai(
        path = "/v1/barriers/:id",
        method = "put",
        operation_id = "update_barrier"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<BarrierInput>,
    ) -> ApiResult<BarrierResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(BarrierResponse::Ok(Json(view), etag(version)))
    }

    /// Delete a barrier or facilitator
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/barriers/:id",
        method = "delete",
        operation_id = "delete_barrier"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteBarrierResponse> {
        service::delete(&self.state, &auth.0, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteBarrierResponse::Deleted)
    }
}

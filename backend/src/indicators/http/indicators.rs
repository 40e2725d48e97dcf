//! Indicator definitions: what the project decided in advance to measure, with thresholds,
//! frequency and a responsible member; or one of Varig's computed indicators.

use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Indicator, IndicatorInput, IndicatorList};

use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::entities::indicator::Entity as Ind;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::indicators::service;
use crate::state::AppState;

pub struct IndicatorsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListIndicatorsResponse {
    /// Every indicator of the project with its status now.
    #[oai(status = 200)]
    Ok(Json<IndicatorList>),
}

#[derive(ApiResponse)]
pub enum CreateIndicatorResponse {
    /// The indicator was defined.
    #[oai(status = 201)]
    Created(Json<Indicator>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum IndicatorResponse {
    /// The indicator with its status now.
    #[oai(status = 200)]
    Ok(Json<Indicator>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteIndicatorResponse {
    /// The indicator and its measurements are gone (the audit log keeps the definition).
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::Indicators")]
impl IndicatorsApi {
    /// List indicators
    ///
    /// Every indicator of the project in creation order, each with its status now: the
    /// latest value and its red/amber/green, the trend against the value before, and (for
    /// measured indicators) the periods whose value is past due. Computed indicators carry
    /// Varig's value now; "no data" where nothing can be computed yet.
    #[oai(
        path = "/v1/projects/:id/indicators",
        method = "get",
        operation_id = "list_indicators"
    )]
    async fn list(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ListIndicatorsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let items = service::list(&self.state, &p).await?;
        Ok(ListIndicatorsResponse::Ok(Json(IndicatorList { items })))
    }

    /// Define an indicator
    ///
    /// Category, thresholds in the indicator's direction (green no worse than amber), a
    /// frequency and optionally a baseline, target, responsible member and goal. With a
    /// computed `source`, Varig supplies the values. At most 200 per project.
    #[oai(
        path = "/v1/projects/:id/indicators",
        method = "post",
        operation_id = "create_indicator"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<IndicatorInput>,
    ) -> ApiResult<CreateIndicatorResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::IndicatorWrite).await?;
        let model = service::create(&self.state, who, &p, &body).await?;
        let view = service::indicator_view(&self.state, &p, &model).await?;
        Ok(CreateIndicatorResponse::Created(
            Json(view),
            etag(model.version),
        ))
    }

    /// Get an indicator
    ///
    /// Its definition with its status now: latest value, RAG, trend and overdue periods.
    /// Send the ETag back in `If-Match` to change it.
    #[oai(
        path = "/v1/indicators/:id",
        method = "get",
        operation_id = "get_indicator"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<IndicatorResponse> {
        let (m, p) =
            items::item_for::<Ind>(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let view = service::indicator_view(&self.state, &p, &m).await?;
        Ok(IndicatorResponse::Ok(Json(view), etag(m.version)))
    }

    /// Replace an indicator
    ///
    /// Sends the whole definition; needs `If-Match` with its version. Measurements stay.
    #[oai(
        path = "/v1/indicators/:id",
        method = "put",
        operation_id = "update_indicator"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<IndicatorInput>,
    ) -> ApiResult<IndicatorResponse> {
        let who = &auth.0;
        let (before, p) =
            items::item_for::<Ind>(&self.state, who, id.0, Action::IndicatorWrite).await?;
        let after =
            service::update(&self.state, who, &p, &before, if_match.0.as_deref(), &body).await?;
        let view = service::indicator_view(&self.state, &p, &after).await?;
        Ok(IndicatorResponse::Ok(Json(view), etag(after.version)))
    }

    /// Delete an indicator
    ///
    /// Removes the indicator with its measurements and their corrections; goals that named
    /// it no longer do. `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/indicators/:id",
        method = "delete",
        operation_id = "delete_indicator"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteIndicatorResponse> {
        let who = &auth.0;
        let (before, p) =
            items::item_for::<Ind>(&self.state, who, id.0, Action::IndicatorWrite).await?;
        service::delete(&self.state, who, &p, &before, if_match.0.as_deref()).await?;
        Ok(DeleteIndicatorResponse::Deleted)
    }
}

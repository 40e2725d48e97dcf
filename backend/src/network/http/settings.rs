//! A project's network: which units it covers, when agents count as silent, and coverage.

use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Coverage, NetworkSettings, NetworkSettingsInput};

use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::network::service::{self, settings};
use crate::state::AppState;

pub struct NetworkApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum NetworkSettingsResponse {
    /// The project's scope and settings; send the ETag back in `If-Match` to change them.
    #[oai(status = 200)]
    Ok(Json<NetworkSettings>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum CoverageResponse {
    /// Coverage of the units in scope by active change agents.
    #[oai(status = 200)]
    Ok(Json<Coverage>),
}

#[OpenApi(tag = "ApiTags::Network")]
impl NetworkApi {
    /// Get the project's network settings
    ///
    /// The units in scope and the number of weeks after which an active agent without
    /// reports is flagged silent.
    #[oai(
        path = "/v1/projects/:id/network",
        method = "get",
        operation_id = "get_network_settings"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<NetworkSettingsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let s = settings::settings(&self.state, &p).await?;
        let tag = etag(s.version);
        Ok(NetworkSettingsResponse::Ok(Json(s), tag))
    }

    /// Replace the project's network settings
    ///
    /// Units must be current units of the project's organisation. Needs `If-Match`.
    #[oai(
        path = "/v1/projects/:id/network",
        method = "put",
        operation_id = "update_network_settings"
    )]
    async fn put(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<NetworkSettingsInput>,
    ) -> ApiResult<NetworkSettingsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::NetworkWrite).await?;
        let after = settings::update(&self.state, who, &p, if_match.0.as_deref(), &body).await?;
        let tag = etag(after.version);
        Ok(NetworkSettingsResponse::Ok(Json(after), tag))
    }

    /// Get the network's coverage
    ///
    /// Units in scope by level and by each dimension value, with the active agents per
    /// cell; the units without an active agent; vertical and horizontal coverage.
    #[oai(
        path = "/v1/projects/:id/coverage",
        method = "get",
        operation_id = "get_coverage"
    )]
    async fn coverage(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<CoverageResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let (c, _) = service::coverage_of(&self.state.db, &p.organisation_id, &p.id).await?;
        Ok(CoverageResponse::Ok(Json(c)))
    }
}

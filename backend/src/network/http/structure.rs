//! The organisation's structure: its levels (top first) and horizontal dimensions.

use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{OrgStructure, OrgStructureInput};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::network::service::structure as service;
use crate::state::AppState;

pub struct StructureApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum StructureResponse {
    /// The structure; send its ETag back in `If-Match` to replace it.
    #[oai(status = 200)]
    Ok(Json<OrgStructure>, #[oai(header = "ETag")] String),
}

#[OpenApi(tag = "ApiTags::Network")]
impl StructureApi {
    /// Get the organisation structure
    ///
    /// Levels from the top (e.g. top management, service area, unit) and horizontal
    /// dimensions (e.g. region, sector). A new organisation starts from a default.
    #[oai(
        path = "/v1/organisations/:id/structure",
        method = "get",
        operation_id = "get_structure"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<StructureResponse> {
        let s = service::get(&self.state, &auth.0, id.0).await?;
        let tag = etag(s.version);
        Ok(StructureResponse::Ok(Json(s), tag))
    }

    /// Replace the organisation structure
    ///
    /// Needs `If-Match`. A level or dimension value that units still use cannot be
    /// dropped (409 naming them).
    #[oai(
        path = "/v1/organisations/:id/structure",
        method = "put",
        operation_id = "update_structure"
    )]
    async fn put(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<OrgStructureInput>,
    ) -> ApiResult<StructureResponse> {
        let s = service::replace(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        let tag = etag(s.version);
        Ok(StructureResponse::Ok(Json(s), tag))
    }
}

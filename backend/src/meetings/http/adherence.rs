//! Meeting adherence per series and project: the sustainment signal of the cadence.

use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::ProjectAdherence;

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::state::AppState;

pub struct AdherenceApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum AdherenceResponse {
    /// Adherence per confirmed series and for the project.
    #[oai(status = 200)]
    Ok(Json<ProjectAdherence>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl AdherenceApi {
    /// Get meeting adherence
    ///
    /// Per confirmed series and for the project: expected meetings (window closed), held
    /// within the tolerance (±3 days weekly, ±7 monthly, ±14 quarterly or planned), the
    /// current streak of missed meetings, minutes published within 2 days, open and overdue
    /// actions. Absent shares mean no data yet.
    #[oai(
        path = "/v1/projects/:id/adherence",
        method = "get",
        operation_id = "get_adherence"
    )]
    async fn adherence(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<AdherenceResponse> {
        Ok(AdherenceResponse::Ok(Json(
            crate::meetings::service::adherence::get(&self.state, &auth.0, id.0).await?,
        )))
    }
}

//! Sustainability self-assessment rounds: the leader or owner opens a round (in Sustain, or
//! earlier as a baseline), members rate the ten factors, and the scores per factor, domain
//! and in total show with the factors pulling the score down; rounds over time are its
//! history.

use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    NewSustainabilityAssessment, SustainabilityAssessment, SustainabilityAssessmentList,
    SustainabilityModel, SustainabilityResponseInput,
};

use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::rounds::service;
use crate::rounds::sustainability::{model, Sustainability};
use crate::state::AppState;

pub struct SustainabilityApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ModelResponse {
    /// The factors with weights and texts, and the scale, in bokmål, nynorsk and English.
    #[oai(status = 200)]
    Ok(Json<SustainabilityModel>),
}

#[derive(ApiResponse)]
pub enum ListRoundsResponse {
    /// Every round of the project, oldest first, each with its scores: the history.
    #[oai(status = 200)]
    Ok(Json<SustainabilityAssessmentList>),
}

#[derive(ApiResponse)]
pub enum CreateRoundResponse {
    /// The round is open for ratings.
    #[oai(status = 201)]
    Created(Json<SustainabilityAssessment>),
}

#[derive(ApiResponse)]
pub enum RoundResponse {
    /// The round with its scores and the caller's ratings.
    #[oai(status = 200)]
    Ok(Json<SustainabilityAssessment>),
}

#[OpenApi(tag = "ApiTags::Indicators")]
impl SustainabilityApi {
    /// Get the sustainability model
    ///
    /// Ten factors in three domains (process, staff, organisation), each with its weight
    /// (the weights add up to 100), and the rating scale 1–4.
    #[oai(
        path = "/v1/sustainability/model",
        method = "get",
        operation_id = "get_sustainability_model"
    )]
    async fn model(&self, auth: BearerAuth) -> ApiResult<ModelResponse> {
        auth.0.require_reader()?;
        Ok(ModelResponse::Ok(Json(model::model())))
    }

    /// List sustainability rounds
    ///
    /// Every round, oldest first, with scores per factor, domain and in total: the score's
    /// history over time.
    #[oai(
        path = "/v1/projects/:id/sustainability-assessments",
        method = "get",
        operation_id = "list_sustainability_assessments"
    )]
    async fn list(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ListRoundsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::IndicatorRead).await?;
        let items = service::list::<Sustainability>(&self.state, &p, who).await?;
        Ok(ListRoundsResponse::Ok(Json(SustainabilityAssessmentList {
            items,
        })))
    }

    /// Open a sustainability round
    ///
    /// One open round per project (409 while another is open). Opened before Sustain, it
    /// serves as a baseline.
    #[oai(
        path = "/v1/projects/:id/sustainability-assessments",
        method = "post",
        operation_id = "create_sustainability_assessment"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewSustainabilityAssessment>,
    ) -> ApiResult<CreateRoundResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::ReadinessManage).await?;
        let after = service::open::<Sustainability>(&self.state, who, &p, &body.title).await?;
        Ok(CreateRoundResponse::Created(Json(after)))
    }

    /// Get a sustainability round
    ///
    /// The round with its scores per factor, domain and in total, the factors pulling the
    /// score down, and the caller's own ratings.
    #[oai(
        path = "/v1/sustainability-assessments/:id",
        method = "get",
        operation_id = "get_sustainability_assessment"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<RoundResponse> {
        let who = &auth.0;
        let (round, _) =
            service::round_for::<Sustainability>(&self.state, who, id.0, Action::IndicatorRead)
                .await?;
        Ok(RoundResponse::Ok(Json(
            service::view::<Sustainability, _>(&self.state.db, &round, who).await?,
        )))
    }

    /// Rate a sustainability round
    ///
    /// The caller's rating (1–4) of every factor; rating again replaces them while the
    /// round is open.
    #[oai(
        path = "/v1/sustainability-assessments/:id/response",
        method = "put",
        operation_id = "rate_sustainability_assessment"
    )]
    async fn rate(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<SustainabilityResponseInput>,
    ) -> ApiResult<RoundResponse> {
        let who = &auth.0;
        let (round, p) =
            service::round_for::<Sustainability>(&self.state, who, id.0, Action::ReadinessRespond)
                .await?;
        let after = service::answer::<Sustainability>(&self.state, who, &round, &p, &body).await?;
        Ok(RoundResponse::Ok(Json(after)))
    }

    /// Close a sustainability round
    ///
    /// The scores become final and count in the fade risk; closing a closed round changes
    /// nothing.
    #[oai(
        path = "/v1/sustainability-assessments/:id/close",
        method = "post",
        operation_id = "close_sustainability_assessment"
    )]
    async fn close(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<RoundResponse> {
        let who = &auth.0;
        let (round, p) =
            service::round_for::<Sustainability>(&self.state, who, id.0, Action::ReadinessManage)
                .await?;
        let after = service::close::<Sustainability>(&self.state, who, &round, &p).await?;
        Ok(RoundResponse::Ok(Json(after)))
    }
}

//! Readiness rounds: the leader opens a round, members answer the questionnaire, the
//! result per domain shows on the project and in the evidence of a gate request.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    NewReadinessAssessment, ReadinessAssessment, ReadinessAssessmentPage, ReadinessQuestionnaire,
    ReadinessResponseInput,
};

use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::page_request;
use crate::rounds::readiness::{self, Readiness};
use crate::rounds::service;
use crate::state::AppState;

pub struct ReadinessApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum QuestionnaireResponse {
    /// The statements and the scale, in bokmål, nynorsk and English.
    #[oai(status = 200)]
    Ok(Json<ReadinessQuestionnaire>),
}

#[derive(ApiResponse)]
pub enum ListAssessmentsResponse {
    /// A page of the project's rounds, oldest first, each with its result.
    #[oai(status = 200)]
    Ok(Json<ReadinessAssessmentPage>),
}

#[derive(ApiResponse)]
pub enum CreateAssessmentResponse {
    /// The round is open for answers.
    #[oai(status = 201)]
    Created(Json<ReadinessAssessment>),
}

#[derive(ApiResponse)]
pub enum AssessmentResponse {
    /// The round with its result and the caller's answers.
    #[oai(status = 200)]
    Ok(Json<ReadinessAssessment>),
}

#[OpenApi(tag = "ApiTags::Plan")]
impl ReadinessApi {
    /// Get the readiness questionnaire
    ///
    /// Five statements on change commitment and five on change efficacy, answered on a
    /// five-point agreement scale.
    #[oai(
        path = "/v1/readiness/questionnaire",
        method = "get",
        operation_id = "get_readiness_questionnaire"
    )]
    async fn questionnaire(&self, auth: BearerAuth) -> ApiResult<QuestionnaireResponse> {
        auth.0.require_reader()?;
        Ok(QuestionnaireResponse::Ok(Json(readiness::questionnaire())))
    }

    /// List readiness rounds
    ///
    /// Every round of the project with respondents and per-domain mean, spread, min, max
    /// and number of answers.
    #[oai(
        path = "/v1/projects/:id/readiness-assessments",
        method = "get",
        operation_id = "list_readiness_assessments"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListAssessmentsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let (items, next_cursor) = service::page::<Readiness>(&self.state, &p, who, &page).await?;
        Ok(ListAssessmentsResponse::Ok(Json(ReadinessAssessmentPage {
            items,
            next_cursor,
        })))
    }

    /// Open a readiness round
    ///
    /// One open round per project (409 while another is open).
    #[oai(
        path = "/v1/projects/:id/readiness-assessments",
        method = "post",
        operation_id = "create_readiness_assessment"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewReadinessAssessment>,
    ) -> ApiResult<CreateAssessmentResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::ReadinessManage).await?;
        let after = service::open::<Readiness>(&self.state, who, &p, &body.title).await?;
        Ok(CreateAssessmentResponse::Created(Json(after)))
    }

    /// Answer a readiness round
    ///
    /// The caller's answers to every statement (1–5); answering again replaces them while
    /// the round is open.
    #[oai(
        path = "/v1/readiness-assessments/:id/response",
        method = "put",
        operation_id = "answer_readiness_assessment"
    )]
    async fn answer(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<ReadinessResponseInput>,
    ) -> ApiResult<AssessmentResponse> {
        let who = &auth.0;
        let (round, p) =
            service::round_for::<Readiness>(&self.state, who, id.0, Action::ReadinessRespond)
                .await?;
        let after = service::answer::<Readiness>(&self.state, who, &round, &p, &body).await?;
        Ok(AssessmentResponse::Ok(Json(after)))
    }

    /// Close a readiness round
    ///
    /// The result becomes final; closing a closed round changes nothing.
    #[oai(
        path = "/v1/readiness-assessments/:id/close",
        method = "post",
        operation_id = "close_readiness_assessment"
    )]
    async fn close(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<AssessmentResponse> {
        let who = &auth.0;
        let (round, p) =
            service::round_for::<Readiness>(&self.state, who, id.0, Action::ReadinessManage)
                .await?;
        let after = service::close::<Readiness>(&self.state, who, &round, &p).await?;
        Ok(AssessmentResponse::Ok(Json(after)))
    }
}

//! The phase-gate operations: authorise, parse, call the service, render.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    GateDecisionInput, GateRequest, GateRequestPage, NewGateRequest, NewRecommendation,
    PhaseHistory,
};

use super::service;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::state::AppState;

pub struct GatesApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateGateRequestResponse {
    /// The request is open; steering-group members can recommend and the owner decide.
    #[oai(status = 201)]
    Created(Json<GateRequest>),
}

#[derive(ApiResponse)]
pub enum ListGateRequestsResponse {
    /// The project's transition requests, oldest first.
    #[oai(status = 200)]
    Ok(Json<GateRequestPage>),
}

#[derive(ApiResponse)]
pub enum GateRequestResponse {
    /// The transition request with recommendations and decision.
    #[oai(status = 200)]
    Ok(Json<GateRequest>),
}

#[derive(ApiResponse)]
pub enum PhaseHistoryResponse {
    /// The project's stays in each phase and the days spent.
    #[oai(status = 200)]
    Ok(Json<PhaseHistory>),
}

#[OpenApi(tag = "ApiTags::Gates")]
impl GatesApi {
    /// Request a phase transition
    ///
    /// The project leader asks to move to the next phase, back to an earlier one, or (in
    /// Sustain) for the evaluation decision. The request freezes as evidence the project,
    /// its members, the checklist and milestones of the current phase, the completion of every
    /// phase and the latest readiness result. One open request per project.
    #[oai(
        path = "/v1/projects/:id/gate-requests",
        method = "post",
        operation_id = "create_gate_request"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewGateRequest>,
    ) -> ApiResult<CreateGateRequestResponse> {
        let r = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateGateRequestResponse::Created(Json(r)))
    }

    /// List a project's transition requests
    ///
    /// Open, withdrawn and decided requests, oldest first, each with its recommendations.
    #[oai(
        path = "/v1/projects/:id/gate-requests",
        method = "get",
        operation_id = "list_gate_requests"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListGateRequestsResponse> {
        let page = service::list(&self.state, &auth.0, id.0, cursor.0.as_deref(), limit.0).await?;
        Ok(ListGateRequestsResponse::Ok(Json(page)))
    }

    /// Get a transition request
    ///
    /// With the frozen evidence, every recommendation, the steering-group members who have
    /// not answered, and the decision.
    #[oai(
        path = "/v1/gate-requests/:id",
        method = "get",
        operation_id = "get_gate_request"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<GateRequestResponse> {
        let r = service::get(&self.state, &auth.0, id.0).await?;
        Ok(GateRequestResponse::Ok(Json(r)))
    }

    /// Withdraw a transition request
    ///
    /// The project leader, while the request is open.
    #[oai(
        path = "/v1/gate-requests/:id/withdraw",
        method = "post",
        operation_id = "withdraw_gate_request"
    )]
    async fn withdraw(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<GateRequestResponse> {
        let r = service::withdraw(&self.state, &auth.0, id.0).await?;
        Ok(GateRequestResponse::Ok(Json(r)))
    }

    /// Recommend on a transition request
    ///
    /// Steering-group members, once each, while the request is open: support, against or
    /// abstain, with a comment.
    #[oai(
        path = "/v1/gate-requests/:id/recommendations",
        method = "post",
        operation_id = "recommend_gate_request"
    )]
    async fn recommend(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewRecommendation>,
    ) -> ApiResult<GateRequestResponse> {
        let r = service::recommend(&self.state, &auth.0, id.0, &body).await?;
        Ok(GateRequestResponse::Ok(Json(r)))
    }

    /// Decide a transition request
    ///
    /// The project owner only: approve, reject (with a reason) or send back to an earlier
    /// phase; for an evaluation from Sustain: continue, adjust, restart or de-implement.
    /// Final: a second decision, a decision on a withdrawn request, or on a request whose
    /// project changed phase meanwhile gets 409.
    #[oai(
        path = "/v1/gate-requests/:id/decision",
        method = "post",
        operation_id = "decide_gate_request"
    )]
    async fn decide(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<GateDecisionInput>,
    ) -> ApiResult<GateRequestResponse> {
        let r = service::decide(&self.state, &auth.0, id.0, &body).await?;
        Ok(GateRequestResponse::Ok(Json(r)))
    }

    /// Phase history
    ///
    /// Each stay in a phase with the days spent, and the total days per phase (the duration
    /// scores of the Stages of Implementation Completion).
    #[oai(
        path = "/v1/projects/:id/phase-history",
        method = "get",
        operation_id = "get_phase_history"
    )]
    async fn history(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<PhaseHistoryResponse> {
        let h = service::history(&self.state, &auth.0, id.0).await?;
        Ok(PhaseHistoryResponse::Ok(Json(h)))
    }
}

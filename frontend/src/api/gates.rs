//! Phase gates: transition requests, recommendations, the owner's decision, phase history.
//! Reads are remembered for offline use like the others; writes need the network.

use uuid::Uuid;
use varig_types::{
    GateDecisionInput, GateRequest, GateRequestPage, NewGateRequest, NewRecommendation,
    PhaseHistory,
};
use web_sys::AbortSignal;

use super::{to_json, Api, ApiError, Freshness};

/// A project never has more than this many pages of transition requests.
const MAX_GATE_PAGES: usize = 20;

impl Api {
    /// Every transition request of a project, oldest first (all pages).
    pub async fn gate_requests(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<GateRequest>, Freshness), ApiError> {
        self.all_pages(
            &format!("/api/v1/projects/{project}/gate-requests"),
            MAX_GATE_PAGES,
            abort.as_ref(),
            |page: GateRequestPage| (page.items, page.next_cursor),
        )
        .await
    }

    pub async fn phase_history(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(PhaseHistory, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/phase-history"),
            abort.as_ref(),
        )
        .await
    }

    /// Asks for a transition (project leader only).
    pub async fn request_gate(
        &self,
        project: Uuid,
        request: &NewGateRequest,
    ) -> Result<GateRequest, ApiError> {
        self.post_json(
            &format!("/api/v1/projects/{project}/gate-requests"),
            &to_json(request)?,
        )
        .await
    }

    /// Withdraws an open request (project leader only).
    pub async fn withdraw_gate(&self, request: Uuid) -> Result<(), ApiError> {
        self.authed_raw(
            "POST",
            &format!("/api/v1/gate-requests/{request}/withdraw"),
            None,
            None,
        )
        .await
        .map(|_| ())
    }

    /// Gives the caller's recommendation (steering group only, once).
    pub async fn recommend_gate(
        &self,
        request: Uuid,
        recommendation: &NewRecommendation,
    ) -> Result<GateRequest, ApiError> {
        self.post_json(
            &format!("/api/v1/gate-requests/{request}/recommendations"),
            &to_json(recommendation)?,
        )
        .await
    }

    /// The owner's decision (project owner only, once).
    pub async fn decide_gate(
        &self,
        request: Uuid,
        decision: &GateDecisionInput,
    ) -> Result<GateRequest, ApiError> {
        self.post_json(
            &format!("/api/v1/gate-requests/{request}/decision"),
            &to_json(decision)?,
        )
        .await
    }

    async fn post_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &str,
    ) -> Result<T, ApiError> {
        let body = self.authed_raw("POST", path, Some(body), None).await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }
}

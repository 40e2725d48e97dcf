//! The project dashboard, the organisation overview and the fade-risk warning (now, its
//! history and its settings).

use chrono::{Days, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    FadeRisk, FadeRiskHistory, FadeSettings, OrganisationOverview, ProjectDashboard,
};

use super::service;
use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::projects::project_for;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::{ApiResult, AppError};
use crate::ids::page_request;
use crate::indicators::service as indicators;
use crate::plan::rules::today_in_oslo;
use crate::state::AppState;

/// Days of fade-risk history returned.
pub const HISTORY_DAYS: u64 = 400;

pub struct DashboardApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum DashboardResponse {
    /// The project's dashboard as of now.
    #[oai(status = 200)]
    Ok(Json<ProjectDashboard>),
}

#[derive(ApiResponse)]
pub enum OverviewResponse {
    /// Every project of the organisation the caller may see, as on its dashboard.
    #[oai(status = 200)]
    Ok(Json<OrganisationOverview>),
}

#[derive(ApiResponse)]
pub enum FadeRiskResponse {
    /// The fade risk now, with every signal's weight, threshold and data.
    #[oai(status = 200)]
    Ok(Json<FadeRisk>),
}

#[derive(ApiResponse)]
pub enum FadeHistoryResponse {
    /// The recorded daily scores, oldest first.
    #[oai(status = 200)]
    Ok(Json<FadeRiskHistory>),
}

#[derive(ApiResponse)]
pub enum FadeSettingsResponse {
    /// The project's fade-risk settings (the defaults until changed).
    #[oai(status = 200)]
    Ok(Json<FadeSettings>),
}

#[OpenApi(tag = "ApiTags::Indicators")]
impl DashboardApi {
    /// Get the project dashboard
    ///
    /// One call with the phase and days in it, an open gate request, the checklist
    /// completion, network coverage and silent agents, meeting adherence over 90 days and
    /// open actions, every indicator with RAG and trend, overdue milestones, measurements
    /// and actions, and the fade risk. Its number of database queries does not grow with
    /// the project's data.
    #[oai(
        path = "/v1/projects/:id/dashboard",
        method = "get",
        operation_id = "get_project_dashboard"
    )]
    async fn dashboard(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<DashboardResponse> {
        let (p, role) = project_for(
            &self.state,
            &auth.0,
            &id.0.to_string(),
            Action::IndicatorRead,
        )
        .await?;
        let d = super::cached(&self.state, &p, role, Utc::now()).await?;
        Ok(DashboardResponse::Ok(Json(d)))
    }

    /// Get the organisation overview
    ///
    /// Every active (not archived) project of the organisation the caller may see, each as
    /// on its dashboard: organisation admins and reading API tokens see all, members the
    /// projects they hold a role in. In pages of at most 50 projects (each is a dashboard's
    /// work).
    #[oai(
        path = "/v1/organisations/:id/overview",
        method = "get",
        operation_id = "get_organisation_overview"
    )]
    async fn overview(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Projects per page, 1–50 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "50")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<OverviewResponse> {
        let who = &auth.0;
        let page = page_request(cursor.0.as_deref(), Some(limit.0.unwrap_or(20)))?;
        if !who.same_org(&id.0.to_string()) {
            return Err(AppError::NotFound.into());
        }
        who.require(Action::OrganisationRead)?;
        let overview = service::overview(&self.state, who, &id.0.to_string(), &page).await?;
        Ok(OverviewResponse::Ok(Json(overview)))
    }

    /// Get the fade risk
    ///
    /// The score (0–100) is the triggered signals' weights as a share of all weights; each
    /// signal shows its weight, threshold, value and the numbers behind it. "no_data" when
    /// no signal has data yet.
    #[oai(
        path = "/v1/projects/:id/fade-risk",
        method = "get",
        operation_id = "get_fade_risk"
    )]
    async fn fade_risk(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<FadeRiskResponse> {
        let (p, role) = project_for(
            &self.state,
            &auth.0,
            &id.0.to_string(),
            Action::IndicatorRead,
        )
        .await?;
        let d = service::project_dashboard(&self.state.db, &p, role, Utc::now()).await?;
        Ok(FadeRiskResponse::Ok(Json(d.fade_risk)))
    }

    /// Get the fade-risk history
    ///
    /// The score recorded each day (Varig records it with its periodic snapshot), oldest
    /// first, for the last 400 days.
    #[oai(
        path = "/v1/projects/:id/fade-risk/history",
        method = "get",
        operation_id = "get_fade_risk_history"
    )]
    async fn history(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<FadeHistoryResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let from = today_in_oslo(Utc::now()) - Days::new(HISTORY_DAYS);
        let points = indicators::fade_history(&self.state.db, &p.id, from).await?;
        Ok(FadeHistoryResponse::Ok(Json(FadeRiskHistory { points })))
    }

    /// Get the fade-risk settings
    ///
    /// Every signal's weight and threshold and the scores from which the risk is medium and
    /// high: the project's own, or the defaults until someone changed them.
    #[oai(
        path = "/v1/projects/:id/fade-risk/settings",
        method = "get",
        operation_id = "get_fade_settings"
    )]
    async fn settings(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<FadeSettingsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        Ok(FadeSettingsResponse::Ok(Json(
            indicators::fade_settings(&self.state.db, &p.id).await?,
        )))
    }

    /// Change the fade-risk settings
    ///
    /// Every signal once with a weight (0–100; 0 switches it off) and a threshold in its
    /// own unit, and the scores from which the risk is medium and high.
    #[oai(
        path = "/v1/projects/:id/fade-risk/settings",
        method = "put",
        operation_id = "update_fade_settings"
    )]
    async fn update_settings(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<FadeSettings>,
    ) -> ApiResult<FadeSettingsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::IndicatorWrite).await?;
        indicators::update_fade_settings(&self.state, who, &p, &body).await?;
        Ok(FadeSettingsResponse::Ok(Json(body.0)))
    }
}

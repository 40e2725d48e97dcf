//! The project dashboard, the organisation overview and the fade-risk warning (now, its
//! history and its settings).

use chrono::{Days, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use varig_types::{
    FadeRisk, FadeRiskHistory, FadeSettings, OrganisationOverview, ProjectDashboard,
};

use super::plan_items as items;
use super::projects::{my_roles, project_for};
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::BearerAuth;
use crate::dashboard;
use crate::entities::project;
use crate::error::{ApiResult, AppError};
use crate::fade::{rules as fade, store as fade_store};
use crate::ids::{page_of, page_request, parse_id};
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
        let d = dashboard::cached(&self.state, &p, role, Utc::now()).await?;
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
        let my_roles = my_roles(&self.state, who).await?;
        let mut q = project::Entity::find()
            .filter(project::Column::OrganisationId.eq(id.0.to_string()))
            .filter(project::Column::ArchivedAt.is_null());
        if !who.may(Action::ProjectRead) {
            q = q.filter(project::Column::Id.is_in(my_roles.keys().cloned().collect::<Vec<_>>()));
        }
        if let Some(after) = &page.after {
            q = q.filter(project::Column::Id.gt(after.clone()));
        }
        let rows = q
            .order_by_asc(project::Column::Id)
            .limit(page.limit + 1)
            .all(&self.state.db)
            .await?;
        let (rows, next_cursor) = page_of(rows, page.limit, |p| &p.id);
        let now = Utc::now();
        let mut projects = Vec::with_capacity(rows.len());
        for p in &rows {
            let role = my_roles.get(&p.id).copied();
            projects.push(dashboard::project_dashboard(&self.state.db, p, role, now).await?);
        }
        Ok(OverviewResponse::Ok(Json(OrganisationOverview {
            organisation_id: parse_id(&id.0.to_string()),
            projects,
            next_cursor,
        })))
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
        let d = dashboard::project_dashboard(&self.state.db, &p, role, Utc::now()).await?;
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
        let points = fade_store::history(&self.state.db, &p.id, from).await?;
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
            fade_store::settings(&self.state.db, &p.id).await?,
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
        let errors = fade::check(&body);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors).into());
        }
        items::writable(&p)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let before = fade_store::settings(&txn, &p.id).await?;
        fade_store::save(&txn, &p.id, &body, Utc::now()).await?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(p.organisation_id.clone()),
                action: "fade_settings.update",
                entity_type: "project",
                entity_id: Some(p.id.clone()),
                before: snapshot(&before),
                after: snapshot(&body.0),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(FadeSettingsResponse::Ok(Json(body.0)))
    }
}

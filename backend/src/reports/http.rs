//! Field reports: filed from phones (idempotent on the phone's id), the leader's feed with
//! filters, CSV export and reactions per unit over time.

use chrono::NaiveDate;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    Activity, FieldReport, FieldReportPage, NewFieldReport, ReactionStage, ReactionTimeline,
};

use super::repo::Filters;
use super::service::{self, Filed};
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::page_request;
use crate::state::AppState;

pub struct ReportsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateReportResponse {
    /// The report was stored.
    #[oai(status = 201)]
    Created(Json<FieldReport>),
    /// The report was stored before (same id): this is the original, unchanged.
    #[oai(status = 200)]
    Replayed(Json<FieldReport>),
}

#[derive(ApiResponse)]
pub enum ListReportsResponse {
    /// A page of reports, newest received first.
    #[oai(status = 200)]
    Ok(Json<FieldReportPage>),
}

#[derive(ApiResponse)]
pub enum ExportReportsResponse {
    /// The reports as CSV (RFC 4180), newest received first, at most 100000 rows.
    #[oai(status = 200, content_type = "text/csv; charset=utf-8")]
    Ok(
        PlainText<String>,
        #[oai(header = "Content-Disposition")] String,
    ),
}

#[derive(ApiResponse)]
pub enum ReactionsResponse {
    /// Reaction stages reported per unit and month.
    #[oai(status = 200)]
    Ok(Json<ReactionTimeline>),
}

#[OpenApi(tag = "ApiTags::Reports")]
impl ReportsApi {
    /// File a field report
    ///
    /// The phone generates the report's `id`. Sending the same report again (after a lost
    /// answer, or from the offline queue) stores nothing new and answers 200 with the
    /// original; an id used by someone else's report is a 409.
    #[oai(
        path = "/v1/projects/:id/reports",
        method = "post",
        operation_id = "create_report"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewFieldReport>,
    ) -> ApiResult<CreateReportResponse> {
        Ok(
            match service::file(&self.state, &auth.0, id.0, &body).await? {
                Filed::Created(r) => CreateReportResponse::Created(Json(r)),
                Filed::Replayed(r) => CreateReportResponse::Replayed(Json(r)),
            },
        )
    }

    /// List field reports
    ///
    /// The project's reports, newest received first, filtered by unit, period (report
    /// date), activity, stage or agent. Change agents see their own reports only.
    #[oai(
        path = "/v1/projects/:id/reports",
        method = "get",
        operation_id = "list_reports"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only reports about this unit.
        unit: Query<Option<Uuid>>,
        /// Reports dated on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Reports dated on or before this day.
        to: Query<Option<NaiveDate>>,
        activity: Query<Option<Activity>>,
        stage: Query<Option<ReactionStage>>,
        /// Only this agent's reports (a user id).
        agent: Query<Option<Uuid>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListReportsResponse> {
        let (p, reach) = service::reach(&self.state, &auth.0, id.0).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let f = Filters {
            unit: unit.0,
            from: from.0,
            to: to.0,
            activity: activity.0,
            stage: stage.0,
            agent: agent.0,
        };
        let (items, next_cursor) = service::list(&self.state, &p, &reach, &f, &page).await?;
        Ok(ListReportsResponse::Ok(Json(FieldReportPage {
            items,
            next_cursor,
        })))
    }

    /// Export field reports as CSV
    ///
    /// The same filters and visibility as the list, as a spreadsheet-safe CSV file.
    #[oai(
        path = "/v1/projects/:id/reports.csv",
        method = "get",
        operation_id = "export_reports"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn export(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only reports about this unit.
        unit: Query<Option<Uuid>>,
        /// Reports dated on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Reports dated on or before this day.
        to: Query<Option<NaiveDate>>,
        activity: Query<Option<Activity>>,
        stage: Query<Option<ReactionStage>>,
        /// Only this agent's reports (a user id).
        agent: Query<Option<Uuid>>,
    ) -> ApiResult<ExportReportsResponse> {
        let f = Filters {
            unit: unit.0,
            from: from.0,
            to: to.0,
            activity: activity.0,
            stage: stage.0,
            agent: agent.0,
        };
        let csv = service::export(&self.state, &auth.0, id.0, &f).await?;
        Ok(ExportReportsResponse::Ok(
            PlainText(csv),
            "attachment; filename=\"varig-reports.csv\"".into(),
        ))
    }

    /// Get reactions per unit over time
    ///
    /// How many reports per unit and month found staff at each stage, from awareness to
    /// ownership, or in resistance. For those who read all the project's reports.
    #[oai(
        path = "/v1/projects/:id/reactions",
        method = "get",
        operation_id = "get_reactions"
    )]
    async fn reactions(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Reports dated on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Reports dated on or before this day.
        to: Query<Option<NaiveDate>>,
    ) -> ApiResult<ReactionsResponse> {
        let items = service::reactions(&self.state, &auth.0, id.0, from.0, to.0).await?;
        Ok(ReactionsResponse::Ok(Json(ReactionTimeline { items })))
    }
}

//! Meeting series (the cadence) and the schedule they make.

use chrono::NaiveDate;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{MeetingSchedule, MeetingSeries, MeetingSeriesInput, MeetingSeriesPage};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::meetings::service::series as service;
use crate::state::AppState;

pub struct MeetingsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListSeriesResponse {
    /// A page of the project's meeting series in creation order.
    #[oai(status = 200)]
    Ok(Json<MeetingSeriesPage>),
}

#[derive(ApiResponse)]
pub enum CreateSeriesResponse {
    /// The series was created.
    #[oai(status = 201)]
    Created(Json<MeetingSeries>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum SeriesResponse {
    /// The series as it is now.
    #[oai(status = 200)]
    Ok(Json<MeetingSeries>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ScheduleResponse {
    /// The planned meetings of the confirmed series, by start time.
    #[oai(status = 200)]
    Ok(Json<MeetingSchedule>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl MeetingsApi {
    /// List meeting series
    ///
    /// The project's series: the three standard ones proposed at creation (weekly project
    /// meeting, monthly owner status meeting, quarterly steering group) and any added.
    #[oai(
        path = "/v1/projects/:id/meeting-series",
        method = "get",
        operation_id = "list_meeting_series"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListSeriesResponse> {
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        Ok(ListSeriesResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, &page).await?,
        )))
    }

    /// Add a meeting series
    ///
    /// Kind, participants by role or person, recurrence, local time, duration and time zone
    /// (Europe/Oslo when absent; meetings keep their local time across daylight saving).
    #[oai(
        path = "/v1/projects/:id/meeting-series",
        method = "post",
        operation_id = "create_meeting_series"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<MeetingSeriesInput>,
    ) -> ApiResult<CreateSeriesResponse> {
        let view = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateSeriesResponse::Created(Json(view), etag(1)))
    }

    /// Replace a meeting series
    ///
    /// Sends the whole series (for a proposed one, typically with `status: confirmed`);
    /// needs `If-Match` with its version.
    #[oai(
        path = "/v1/meeting-series/:id",
        method = "put",
        operation_id = "update_meeting_series"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MeetingSeriesInput>,
    ) -> ApiResult<SeriesResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(SeriesResponse::Ok(Json(view), etag(version)))
    }

    /// Get the meeting schedule
    ///
    /// The planned meetings of the project's confirmed series between `from` and `to`
    /// (default: today and 90 days on; at most 400 days), with start and end in UTC.
    #[oai(
        path = "/v1/projects/:id/schedule",
        method = "get",
        operation_id = "get_schedule"
    )]
    async fn schedule(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// First day (default today, Europe/Oslo).
        from: Query<Option<NaiveDate>>,
        /// Last day (default 90 days after `from`).
        to: Query<Option<NaiveDate>>,
    ) -> ApiResult<ScheduleResponse> {
        Ok(ScheduleResponse::Ok(Json(
            service::schedule(&self.state, &auth.0, id.0, from.0, to.0).await?,
        )))
    }
}

//! Meetings of a series: what happened (status, minutes per agenda item, attendance,
//! decisions), the actions made and carried over, and the printable minutes.

use chrono::NaiveDate;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Meeting, MeetingList, MeetingRecord};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::meetings::service::minutes as service;
use crate::state::AppState;

pub struct MinutesApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum MeetingListResponse {
    /// The series' meetings in the period, planned and recorded, by date.
    #[oai(status = 200)]
    Ok(Json<MeetingList>),
}

#[derive(ApiResponse)]
pub enum MeetingResponse {
    /// The meeting with its agenda, minutes, decisions and actions.
    #[oai(status = 200)]
    Ok(Json<Meeting>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum MinutesPageResponse {
    /// The minutes as a printable HTML page.
    #[oai(status = 200, content_type = "text/html; charset=utf-8")]
    Ok(PlainText<String>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl MinutesApi {
    /// List a series' meetings
    ///
    /// Planned and recorded meetings between `from` and `to` (default: 90 days back and
    /// 90 days on; at most 400 days).
    #[oai(
        path = "/v1/meeting-series/:id/meetings",
        method = "get",
        operation_id = "list_meetings"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        from: Query<Option<NaiveDate>>,
        to: Query<Option<NaiveDate>>,
    ) -> ApiResult<MeetingListResponse> {
        Ok(MeetingListResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0, from.0, to.0).await?,
        )))
    }

    /// Get a meeting
    ///
    /// Agenda (the kind's standing agenda until recorded), minutes, attendance, decisions,
    /// the actions made there and the open actions carried over from earlier meetings.
    #[oai(
        path = "/v1/meeting-series/:id/meetings/:date",
        method = "get",
        operation_id = "get_meeting"
    )]
    async fn get(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        date: Path<NaiveDate>,
    ) -> ApiResult<MeetingResponse> {
        let m = service::get(&self.state, &auth.0, id.0, date.0).await?;
        let tag = etag(m.version);
        Ok(MeetingResponse::Ok(Json(m), tag))
    }

    /// Get the printable minutes
    ///
    /// The meeting's minutes, decisions and actions as a self-contained HTML page for
    /// printing or saving as PDF.
    #[oai(
        path = "/v1/meeting-series/:id/meetings/:date/minutes.html",
        method = "get",
        operation_id = "get_minutes_page"
    )]
    async fn minutes_page(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        date: Path<NaiveDate>,
    ) -> ApiResult<MinutesPageResponse> {
        Ok(MinutesPageResponse::Ok(PlainText(
            service::minutes_page(&self.state, &auth.0, id.0, date.0).await?,
        )))
    }

    /// Record a meeting
    ///
    /// Status (held, moved with the day it was held, cancelled with a reason), minutes per
    /// agenda item, attendance, decisions; `publish_minutes` publishes them. Replaces what
    /// was recorded; needs `If-Match` with the meeting's version (`"0"` the first time).
    #[oai(
        path = "/v1/meeting-series/:id/meetings/:date",
        method = "put",
        operation_id = "record_meeting"
    )]
    async fn record(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        date: Path<NaiveDate>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MeetingRecord>,
    ) -> ApiResult<MeetingResponse> {
        let after = service::record(
            &self.state,
            &auth.0,
            id.0,
            date.0,
            if_match.0.as_deref(),
            &body,
        )
        .await?;
        let tag = etag(after.version);
        Ok(MeetingResponse::Ok(Json(after), tag))
    }
}

//! Calendar feeds (iCalendar, RFC 5545) behind secret URLs, per user and per project, so
//! members subscribe in Outlook or on their phone. Asking for a new feed rotates the URL.

use poem_openapi::param::Path;
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use varig_types::{CalendarFeed, CalendarFeedInput};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::meetings::service::calendar as service;
use crate::state::AppState;

pub struct CalendarApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateFeedResponse {
    /// The new feed; earlier feeds of the same kind stop working.
    #[oai(status = 201)]
    Created(Json<CalendarFeed>),
}

#[derive(ApiResponse)]
pub enum FeedResponse {
    /// The meetings as an iCalendar file (times in UTC).
    #[oai(status = 200, content_type = "text/calendar; charset=utf-8")]
    Ok(PlainText<String>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl CalendarApi {
    /// Create (rotate) a calendar feed
    ///
    /// A secret URL with the caller's meetings, of one project or of all their projects.
    /// The URL is shown once; asking again gives a new one and the old one stops working.
    #[oai(
        path = "/v1/calendar-feeds",
        method = "post",
        operation_id = "create_calendar_feed"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<CalendarFeedInput>,
    ) -> ApiResult<CreateFeedResponse> {
        Ok(CreateFeedResponse::Created(Json(
            service::create(&self.state, &auth.0, &body).await?,
        )))
    }

    /// Get a calendar feed
    ///
    /// The iCalendar file behind a feed URL; no other credentials. 404 for an unknown or
    /// rotated URL, or when its owner no longer has access.
    #[oai(
        path = "/v1/calendar-feeds/:token/calendar.ics",
        method = "get",
        operation_id = "get_calendar_feed"
    )]
    async fn feed(&self, token: Path<String>) -> ApiResult<FeedResponse> {
        Ok(FeedResponse::Ok(PlainText(
            service::feed(&self.state, &token.0).await?,
        )))
    }
}

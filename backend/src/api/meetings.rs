//! Meeting series (the cadence) and the schedule they make.

use chrono::{Duration, NaiveDate, Utc};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{
    MeetingSchedule, MeetingSeries, MeetingSeriesInput, MeetingSeriesPage, SeriesStatus,
};

use super::plan_items as items;
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::field_error;
use crate::entities::meeting_series::{self as ms, Column as C, Entity as Series};
use crate::entities::project;
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::meetings::series;
use crate::state::AppState;
use crate::store;

pub const MAX_SCHEDULE_DAYS: i64 = 400;

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

/// Checks the input: 422 naming each bad field; participants must be project members.
async fn valid(
    state: &AppState,
    p: &project::Model,
    body: &MeetingSeriesInput,
) -> Result<(), AppError> {
    let mut errors = series::check(body);
    for (i, u) in body.participant_ids.iter().enumerate() {
        if items::member(&state.db, &p.id, "participant_ids", Some(*u))
            .await
            .is_err()
        {
            errors.push(field_error(
                &format!("participant_ids[{i}]"),
                "not_a_member",
                "must be a current member of the project",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn change(
    who_org: &str,
    action: &'static str,
    before: Option<&MeetingSeries>,
    after: &MeetingSeries,
) -> Change<'static> {
    Change {
        organisation_id: Some(who_org.to_owned()),
        action,
        entity_type: "meeting_series",
        entity_id: Some(after.id.to_string()),
        before: before.and_then(snapshot),
        after: snapshot(after),
    }
}

async fn series_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(ms::Model, project::Model), AppError> {
    items::item_for::<Series>(state, who, id, action).await
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
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::MeetingRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Series::find().filter(C::ProjectId.eq(p.id.clone()));
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        Ok(ListSeriesResponse::Ok(Json(MeetingSeriesPage {
            items: rows.iter().map(series::view).collect(),
            next_cursor,
        })))
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
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::MeetingWrite).await?;
        valid(&self.state, &p, &body).await?;
        items::writable(&p)?;
        let now = Utc::now();
        let model = ms::Model {
            id: new_id(),
            project_id: p.id.clone(),
            kind: body.kind.as_str().into(),
            title: body.title.trim().into(),
            recurrence: serde_json::json!(body.recurrence).to_string(),
            start_date: body.start_date,
            end_date: body.end_date,
            time_of_day: body.time_of_day.clone(),
            duration_minutes: body.duration_minutes,
            time_zone: body
                .time_zone
                .clone()
                .unwrap_or_else(|| series::DEFAULT_TZ.into()),
            participant_roles: serde_json::json!(body.participant_roles).to_string(),
            participant_ids: serde_json::json!(body.participant_ids).to_string(),
            status: body
                .status
                .unwrap_or(SeriesStatus::Confirmed)
                .as_str()
                .into(),
            template: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Series::insert(ms::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let view = series::view(&model);
        audit::record(
            &txn,
            Some(who),
            change(&p.organisation_id, "meeting_series.create", None, &view),
        )
        .await?;
        txn.commit().await?;
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
        let who = &auth.0;
        let (before, p) = series_for(&self.state, who, id.0, Action::MeetingWrite).await?;
        valid(&self.state, &p, &body).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let values: store::Values = vec![
            ("kind", Expr::value(body.kind.as_str())),
            ("title", Expr::value(body.title.trim().to_owned())),
            (
                "recurrence",
                Expr::value(serde_json::json!(body.recurrence).to_string()),
            ),
            ("start_date", Expr::value(body.start_date)),
            ("end_date", Expr::value(body.end_date)),
            ("time_of_day", Expr::value(body.time_of_day.clone())),
            ("duration_minutes", Expr::value(body.duration_minutes)),
            (
                "time_zone",
                Expr::value(
                    body.time_zone
                        .clone()
                        .unwrap_or_else(|| series::DEFAULT_TZ.into()),
                ),
            ),
            (
                "participant_roles",
                Expr::value(serde_json::json!(body.participant_roles).to_string()),
            ),
            (
                "participant_ids",
                Expr::value(serde_json::json!(body.participant_ids).to_string()),
            ),
            (
                "status",
                Expr::value(body.status.unwrap_or(SeriesStatus::Confirmed).as_str()),
            ),
        ];
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Series, &before.id, version, values).await?;
        let (b, a) = (series::view(&before), series::view(&after));
        audit::record(
            &txn,
            Some(who),
            change(&p.organisation_id, "meeting_series.update", Some(&b), &a),
        )
        .await?;
        txn.commit().await?;
        Ok(SeriesResponse::Ok(Json(a), etag(after.version)))
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
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::MeetingRead).await?;
        let from = from
            .0
            .unwrap_or_else(|| crate::plan::rules::today_in_oslo(Utc::now()));
        let to = to.0.unwrap_or(from + Duration::days(90));
        if to < from || (to - from).num_days() > MAX_SCHEDULE_DAYS {
            return Err(AppError::Validation(vec![field_error(
                "to",
                "out_of_range",
                "must be on or after from, at most 400 days later",
            )])
            .into());
        }
        let rows = Series::find()
            .filter(C::ProjectId.eq(p.id.clone()))
            .all(&self.state.db)
            .await?;
        let mut items: Vec<_> = rows
            .iter()
            .flat_map(|r| series::schedule(&series::view(r), from, to))
            .collect();
        items.sort_by(|a, b| {
            a.starts_at
                .cmp(&b.starts_at)
                .then(a.series_id.cmp(&b.series_id))
        });
        Ok(ScheduleResponse::Ok(Json(MeetingSchedule { items })))
    }
}

//! Meetings of a series: what happened (status, minutes per agenda item, attendance,
//! decisions), the actions made and carried over, and the printable minutes.

use std::collections::HashMap;

use chrono::{NaiveDate, SubsecRound, Utc};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;
use varig_types::{
    ActionStatus, Meeting, MeetingAction, MeetingList, MeetingRecord, MeetingSeries, MeetingStatus,
    ProjectRole,
};

use super::plan_items as items;
use super::projects::project_for;
use super::ApiTags;
use crate::access::{self, Action, Subject};
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, field_error, Check};
use crate::entities::meeting::{self as mt, Entity as Meetings};
use crate::entities::meeting_action::{self as ma, Entity as Actions};
use crate::entities::meeting_series::Entity as Series;
use crate::entities::project;
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, parse_id};
use crate::meetings::{actions as carry, agenda, recurrence, series};
use crate::plan::store::names;
use crate::state::AppState;
use crate::store;

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

/// The series and its project for `action`; meetings' contents (minutes, decisions) of a
/// series a change agent does not take part in are not theirs to read (403).
pub(super) async fn series_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(MeetingSeries, project::Model), AppError> {
    let row = store::reload::<Series, _>(&state.db, &id.to_string()).await?;
    let (p, role) = project_for(state, who, &row.project_id, action).await?;
    let s = series::view(&row);
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    let reads_all = access::allowed(&subjects, Action::MeetingWrite)
        || matches!(
            role,
            Some(ProjectRole::Owner | ProjectRole::SteeringGroup | ProjectRole::Leader)
        )
        || !who.scopes.is_empty();
    let invited = role.is_some_and(|r| s.participant_roles.contains(&r))
        || who.user_id.is_some_and(|u| s.participant_ids.contains(&u));
    if !reads_all && !invited {
        return Err(AppError::Forbidden);
    }
    Ok((s, p))
}

pub(super) fn action_view(
    m: &ma::Model,
    names: &HashMap<String, String>,
    now: chrono::DateTime<Utc>,
) -> MeetingAction {
    let status = ActionStatus::parse(&m.status).unwrap_or(ActionStatus::Open);
    MeetingAction {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        series_id: parse_id(&m.series_id),
        meeting_date: m.meeting_date,
        title: m.title.clone(),
        responsible_id: m.responsible_id.as_deref().map(parse_id),
        responsible_name: m
            .responsible_id
            .as_ref()
            .and_then(|r| names.get(r).cloned()),
        due_date: m.due_date,
        status,
        overdue: carry::overdue(m.due_date, status == ActionStatus::Done, now),
        done_at: m.done_at,
        version: m.version,
    }
}

pub(crate) async fn action_views<Db: ConnectionTrait>(
    db: &Db,
    rows: &[ma::Model],
) -> Result<Vec<MeetingAction>, AppError> {
    let n = names(
        db,
        rows.iter()
            .filter_map(|r| r.responsible_id.clone())
            .collect(),
    )
    .await?;
    let now = Utc::now();
    Ok(rows.iter().map(|r| action_view(r, &n, now)).collect())
}

pub(super) fn starts_at(s: &MeetingSeries, date: NaiveDate) -> chrono::DateTime<Utc> {
    let tz: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    let time = series::parse_time(&s.time_of_day).unwrap_or_default();
    recurrence::instant(date, time, tz)
}

/// The meeting on `date`: its row if recorded, else the planned meeting (404 when the
/// series has no meeting that day).
pub(super) async fn meeting_at<Db: ConnectionTrait>(
    db: &Db,
    s: &MeetingSeries,
    date: NaiveDate,
    with_actions: bool,
) -> Result<Meeting, AppError> {
    let row = Meetings::find()
        .filter(mt::Column::SeriesId.eq(s.id.to_string()))
        .filter(mt::Column::Date.eq(date))
        .one(db)
        .await?;
    if row.is_none() && series::schedule(s, date, date).is_empty() {
        return Err(AppError::NotFound);
    }
    let start = starts_at(s, date);
    let (carried_over, actions) = if with_actions {
        let all = Actions::find()
            .filter(ma::Column::SeriesId.eq(s.id.to_string()))
            .order_by_asc(ma::Column::Id)
            .all(db)
            .await?;
        let views = action_views(db, &all).await?;
        let plan: Vec<carry::Action> = all
            .iter()
            .map(|a| carry::Action {
                id: a.id.clone(),
                created_at_meeting: starts_at(s, a.meeting_date),
                done_at: a.done_at,
            })
            .collect();
        let carried: Vec<String> = carry::carried_over(&plan, start)
            .iter()
            .map(|a| a.id.clone())
            .collect();
        (
            views
                .iter()
                .filter(|v| carried.contains(&v.id.to_string()))
                .cloned()
                .collect(),
            views
                .into_iter()
                .filter(|v| v.meeting_date == date)
                .collect(),
        )
    } else {
        (vec![], vec![])
    };
    Ok(meeting_of(s, date, row.as_ref(), carried_over, actions))
}

/// The API view of the meeting on `date`: its recorded row, or the planned meeting with
/// the kind's standing agenda.
fn meeting_of(
    s: &MeetingSeries,
    date: NaiveDate,
    row: Option<&mt::Model>,
    carried_over: Vec<varig_types::MeetingAction>,
    actions: Vec<varig_types::MeetingAction>,
) -> Meeting {
    let mut m = Meeting {
        series_id: s.id,
        project_id: s.project_id,
        kind: s.kind,
        title: s.title.clone(),
        date,
        starts_at: starts_at(s, date),
        status: MeetingStatus::Planned,
        held_on: None,
        cancel_reason: None,
        agenda: agenda::standing(s.kind),
        attendance: vec![],
        decisions: vec![],
        minutes_published_at: None,
        carried_over,
        actions,
        version: 0,
    };
    if let Some(r) = row {
        m.status = MeetingStatus::parse(&r.status).unwrap_or(MeetingStatus::Planned);
        m.held_on = r.held_on;
        m.cancel_reason = r.cancel_reason.clone();
        m.agenda = serde_json::from_str(&r.agenda).unwrap_or_default();
        m.attendance = serde_json::from_str(&r.attendance).unwrap_or_default();
        m.decisions = serde_json::from_str(&r.decisions).unwrap_or_default();
        m.minutes_published_at = r.minutes_published_at;
        m.version = r.version;
    }
    m
}

/// Checks that `m` is a meeting of a steering-group series of project `project_id` (422 on
/// `meeting` otherwise).
pub async fn steering_meeting(
    state: &AppState,
    project_id: &str,
    m: &varig_types::MeetingRef,
) -> Result<(), AppError> {
    let invalid = || {
        AppError::Validation(vec![field_error(
            "meeting",
            "not_a_steering_meeting",
            "must be a meeting of one of the project's steering-group series",
        )])
    };
    let row = Series::find_by_id(m.series_id.to_string())
        .one(&state.db)
        .await?
        .filter(|r| {
            r.project_id == project_id && r.kind == varig_types::MeetingKind::SteeringGroup.as_str()
        })
        .ok_or_else(invalid)?;
    meeting_at(&state.db, &series::view(&row), m.date, false)
        .await
        .map_err(|_| invalid())?;
    Ok(())
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
        let (s, _) = series_for(&self.state, &auth.0, id.0, Action::MeetingRead).await?;
        let today = crate::plan::rules::today_in_oslo(Utc::now());
        let from = from.0.unwrap_or(today - chrono::Duration::days(90));
        let to = to.0.unwrap_or(today + chrono::Duration::days(90));
        if to < from || (to - from).num_days() > super::meetings::MAX_SCHEDULE_DAYS {
            return Err(AppError::Validation(vec![field_error(
                "to",
                "out_of_range",
                "must be on or after from, at most 400 days later",
            )])
            .into());
        }
        let rows = Meetings::find()
            .filter(mt::Column::SeriesId.eq(s.id.to_string()))
            .filter(mt::Column::Date.gte(from))
            .filter(mt::Column::Date.lte(to))
            .all(&self.state.db)
            .await?;
        let mut dates: Vec<NaiveDate> = series::schedule(&s, from, to)
            .iter()
            .map(|m| m.date)
            .collect();
        dates.extend(rows.iter().map(|r| r.date));
        dates.sort_unstable();
        dates.dedup();
        // One query for the period's recorded meetings, not one per date.
        let out = dates
            .into_iter()
            .map(|d| meeting_of(&s, d, rows.iter().find(|r| r.date == d), vec![], vec![]))
            .collect();
        Ok(MeetingListResponse::Ok(Json(MeetingList { items: out })))
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
        let (s, _) = series_for(&self.state, &auth.0, id.0, Action::MeetingRead).await?;
        let m = meeting_at(&self.state.db, &s, date.0, true).await?;
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
        let (s, p) = series_for(&self.state, &auth.0, id.0, Action::MeetingRead).await?;
        let m = meeting_at(&self.state.db, &s, date.0, true).await?;
        let people = names(
            &self.state.db,
            m.attendance.iter().map(|u| u.to_string()).collect(),
        )
        .await?;
        let mut attendees: Vec<String> = people.into_values().collect();
        attendees.sort();
        Ok(MinutesPageResponse::Ok(PlainText(
            crate::meetings::print::page(crate::lang::current(), &p.name, &m, &attendees),
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
        let who = &auth.0;
        let (s, p) = series_for(&self.state, who, id.0, Action::MeetingWrite).await?;
        let before = meeting_at(&self.state.db, &s, date.0, false).await?;
        let mut check = Check::new();
        let held_on = match body.status {
            MeetingStatus::Held => Some(body.held_on.unwrap_or(date.0)),
            MeetingStatus::Moved => {
                if body.held_on.is_none() {
                    check.push(field_error(
                        "held_on",
                        "required",
                        "a moved meeting needs the day it was held",
                    ));
                }
                body.held_on
            }
            _ => None,
        };
        let reason = match body.status {
            MeetingStatus::Cancelled => check.take(domain::required_text(
                "cancel_reason",
                body.cancel_reason.as_deref().unwrap_or_default(),
            )),
            _ => None,
        };
        for (i, a) in body.agenda.iter().enumerate() {
            check.take(domain::name(&format!("agenda[{i}].title"), &a.title));
            check.take(domain::description(
                &format!("agenda[{i}].minutes"),
                &a.minutes,
            ));
        }
        for (i, d) in body.decisions.iter().enumerate() {
            check.take(domain::required_text(&format!("decisions[{i}]"), d));
        }
        if body.agenda.len() > 50 || body.decisions.len() > 50 || body.attendance.len() > 500 {
            check.push(field_error(
                "agenda",
                "too_many",
                "at most 50 agenda items, 50 decisions and 500 present",
            ));
        }
        check.finish()?;
        for (i, u) in body.attendance.iter().enumerate() {
            items::member(&self.state.db, &p.id, &format!("attendance[{i}]"), Some(*u)).await?;
        }
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let now = Utc::now().trunc_subsecs(6);
        let published = match (before.minutes_published_at, body.publish_minutes) {
            (Some(t), _) => Some(t),
            (None, true) => Some(now),
            (None, false) => None,
        };
        let agenda_json = serde_json::json!(body
            .agenda
            .iter()
            .map(|a| varig_types::AgendaItem {
                key: a.key.clone(),
                title: a.title.trim().into(),
                minutes: a.minutes.trim().into()
            })
            .collect::<Vec<_>>())
        .to_string();
        let txn = crate::db::begin_write(&self.state.db).await?;
        if version == 0 {
            Meetings::insert(mt::ActiveModel::from(mt::Model {
                id: new_id(),
                series_id: s.id.to_string(),
                project_id: p.id.clone(),
                date: date.0,
                status: body.status.as_str().into(),
                held_on,
                cancel_reason: reason.clone(),
                agenda: agenda_json,
                attendance: serde_json::json!(body.attendance).to_string(),
                decisions: serde_json::json!(body
                    .decisions
                    .iter()
                    .map(|d| d.trim())
                    .collect::<Vec<_>>())
                .to_string(),
                minutes_published_at: published,
                created_at: now,
                updated_at: now,
                version: 1,
            }))
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::PreconditionFailed,
                _ => AppError::Db(e),
            })?;
        } else {
            let res = Meetings::update_many()
                .col_expr(mt::Column::Status, Expr::value(body.status.as_str()))
                .col_expr(mt::Column::HeldOn, Expr::value(held_on))
                .col_expr(mt::Column::CancelReason, Expr::value(reason))
                .col_expr(mt::Column::Agenda, Expr::value(agenda_json))
                .col_expr(
                    mt::Column::Attendance,
                    Expr::value(serde_json::json!(body.attendance).to_string()),
                )
                .col_expr(
                    mt::Column::Decisions,
                    Expr::value(
                        serde_json::json!(body
                            .decisions
                            .iter()
                            .map(|d| d.trim())
                            .collect::<Vec<_>>())
                        .to_string(),
                    ),
                )
                .col_expr(mt::Column::MinutesPublishedAt, Expr::value(published))
                .col_expr(mt::Column::UpdatedAt, Expr::value(now))
                .col_expr(mt::Column::Version, Expr::value(version + 1))
                .filter(mt::Column::SeriesId.eq(s.id.to_string()))
                .filter(mt::Column::Date.eq(date.0))
                .filter(mt::Column::Version.eq(version))
                .exec(&txn)
                .await?;
            if res.rows_affected == 0 {
                return Err(AppError::PreconditionFailed.into());
            }
        }
        let after = meeting_at(&txn, &s, date.0, true).await?;
        let row_id = Meetings::find()
            .filter(mt::Column::SeriesId.eq(s.id.to_string()))
            .filter(mt::Column::Date.eq(date.0))
            .one(&txn)
            .await?
            .map(|m| m.id);
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(p.organisation_id.clone()),
                action: "meeting.record",
                entity_type: "meeting",
                entity_id: row_id,
                before: snapshot(&before),
                after: snapshot(&after),
            },
        )
        .await?;
        txn.commit().await?;
        let tag = etag(after.version);
        Ok(MeetingResponse::Ok(Json(after), tag))
    }
}

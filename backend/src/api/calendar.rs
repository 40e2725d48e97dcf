//! Calendar feeds (iCalendar, RFC 5545) behind secret URLs, per user and per project, so
//! members subscribe in Outlook or on their phone. Asking for a new feed rotates the URL.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use poem_openapi::param::Path;
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use varig_types::{CalendarFeed, CalendarFeedInput, MeetingStatus, ProjectRole, SeriesStatus};

use super::plan_items as items;
use super::ApiTags;
use crate::access::Action;
use crate::auth::secrets::{hash_secret, random_secret};
use crate::auth::BearerAuth;
use crate::entities::calendar_feed::{self as cf, Entity as Feeds};
use crate::entities::{meeting, meeting_series, membership, project, user};
use crate::error::{ApiResult, AppError};
use crate::ids::{new_id, parse_id};
use crate::meetings::{ical, series};
use crate::state::AppState;

pub const FEED_PREFIX: &str = "vcal_";
pub const PAST_DAYS: i64 = 30;
pub const FUTURE_DAYS: i64 = 365;

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

/// The meetings of `user` (optionally of one project) as calendar events: confirmed series
/// of their projects that they take part in (by role or by name), 30 days back, a year on.
async fn events<Db: ConnectionTrait>(
    db: &Db,
    user: &user::Model,
    project_id: Option<&str>,
) -> Result<(String, Vec<ical::Event>), AppError> {
    let mut q = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id.clone()))
        .filter(membership::Column::ArchivedAt.is_null());
    if let Some(p) = project_id {
        q = q.filter(membership::Column::ProjectId.eq(p));
    }
    let roles: HashMap<String, ProjectRole> = q
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.project_id.clone(), crate::views::role(&m.role)))
        .collect();
    let projects: HashMap<String, project::Model> = project::Entity::find()
        .filter(project::Column::Id.is_in(roles.keys().cloned().collect::<Vec<_>>()))
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let name = match project_id {
        // The owner of a project feed is no longer a member: the feed is gone.
        Some(p) => format!("Varig: {}", projects.get(p).ok_or(AppError::NotFound)?.name),
        None => "Varig".to_owned(),
    };
    let all = meeting_series::Entity::find()
        .filter(
            meeting_series::Column::ProjectId.is_in(projects.keys().cloned().collect::<Vec<_>>()),
        )
        .filter(meeting_series::Column::Status.eq(SeriesStatus::Confirmed.as_str()))
        .all(db)
        .await?;
    let today = crate::plan::rules::today_in_oslo(Utc::now());
    let (from, to) = (
        today - Duration::days(PAST_DAYS),
        today + Duration::days(FUTURE_DAYS),
    );
    let me = parse_id(&user.id);
    let mut out = vec![];
    for row in &all {
        let s = series::view(row);
        let role = roles.get(&row.project_id).copied();
        let takes_part = role.is_some_and(|r| s.participant_roles.contains(&r))
            || s.participant_ids.contains(&me);
        if !takes_part {
            continue;
        }
        let recorded: HashMap<chrono::NaiveDate, meeting::Model> = meeting::Entity::find()
            .filter(meeting::Column::SeriesId.eq(row.id.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.date, m))
            .collect();
        let project_name = projects
            .get(&row.project_id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        for m in series::schedule(&s, from, to) {
            let rec = recorded.get(&m.date);
            let status = rec.and_then(|r| MeetingStatus::parse(&r.status));
            // A moved meeting shows on the day it was held, at the same time.
            let shift = match (status, rec.and_then(|r| r.held_on)) {
                (Some(MeetingStatus::Moved), Some(h)) => Duration::days((h - m.date).num_days()),
                _ => Duration::zero(),
            };
            out.push(ical::Event {
                uid: format!("{}-{}@varig", s.id, m.date),
                start: m.starts_at + shift,
                end: m.ends_at + shift,
                summary: s.title.clone(),
                description: project_name.clone(),
                cancelled: status == Some(MeetingStatus::Cancelled),
            });
        }
    }
    out.sort_by_key(|e| e.start);
    Ok((name, out))
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
        let who = &auth.0;
        let me = who.user_id_str().ok_or(AppError::Forbidden)?;
        let project = match body.project_id {
            Some(p) => {
                let p = items::project_checked(&self.state, who, p, Action::MeetingRead).await?;
                // A feed lists the meetings one takes part in: members only.
                items::member(&self.state.db, &p.id, "project_id", who.user_id).await?;
                Some(p.id)
            }
            None => None,
        };
        let secret = random_secret(FEED_PREFIX);
        let now = Utc::now();
        let model = cf::Model {
            id: new_id(),
            user_id: me.clone(),
            project_id: project.clone(),
            token_hash: hash_secret(&secret),
            created_at: now,
            revoked_at: None,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        let mut old = Feeds::update_many()
            .col_expr(cf::Column::RevokedAt, Expr::value(now))
            .filter(cf::Column::UserId.eq(me))
            .filter(cf::Column::RevokedAt.is_null());
        old = match &project {
            Some(p) => old.filter(cf::Column::ProjectId.eq(p.clone())),
            None => old.filter(cf::Column::ProjectId.is_null()),
        };
        old.exec(&txn).await?;
        Feeds::insert(cf::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        Ok(CreateFeedResponse::Created(Json(CalendarFeed {
            id: parse_id(&model.id),
            project_id: project.as_deref().map(parse_id),
            path: format!(
                "{}/v1/calendar-feeds/{secret}/calendar.ics",
                super::API_PREFIX
            ),
            created_at: now,
        })))
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
        let feed = Feeds::find()
            .filter(cf::Column::TokenHash.eq(hash_secret(&token.0)))
            .filter(cf::Column::RevokedAt.is_null())
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        // An archived user, or a user of an archived organisation, has no feed any more.
        let owner = crate::auth::sessions::active_user(
            &self.state.db,
            sea_orm::Condition::all().add(user::Column::Id.eq(feed.user_id.clone())),
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let (name, events) = events(&self.state.db, &owner, feed.project_id.as_deref()).await?;
        Ok(FeedResponse::Ok(PlainText(ical::calendar(
            &name,
            &events,
            Utc::now(),
        ))))
    }
}

//! Calendar feeds (iCalendar, RFC 5545) behind secret URLs, per user and per project.
//! Asking for a new feed rotates the URL.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;
use varig_types::{CalendarFeed, CalendarFeedInput, MeetingStatus, ProjectRole};

use crate::access::Action;
use crate::auth::secrets::{hash_secret, random_secret};
use crate::auth::Principal;
use crate::entities::{calendar_feed as cf, project, user};
use crate::error::AppError;
use crate::ids::{new_id, parse_id};
use crate::meetings::{ical, repo, series};
use crate::plan::service::items;
use crate::state::AppState;

pub const FEED_PREFIX: &str = "vcal_";
pub const PAST_DAYS: i64 = 30;
pub const FUTURE_DAYS: i64 = 365;

/// The meetings of `user` (optionally of one project) as calendar events: confirmed series
/// of their projects that they take part in (by role or by name), 30 days back, a year on.
async fn events<Db: ConnectionTrait>(
    db: &Db,
    user: &user::Model,
    project_id: Option<&str>,
) -> Result<(String, Vec<ical::Event>), AppError> {
    let roles: HashMap<String, ProjectRole> = repo::memberships_of(db, &user.id, project_id)
        .await?
        .into_iter()
        .map(|m| (m.project_id.clone(), crate::views::role(&m.role)))
        .collect();
    let projects: HashMap<String, project::Model> =
        repo::active_projects(db, roles.keys().cloned().collect())
            .await?
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
    let name = match project_id {
        // The owner of a project feed is no longer a member: the feed is gone.
        Some(p) => format!("Varig: {}", projects.get(p).ok_or(AppError::NotFound)?.name),
        None => "Varig".to_owned(),
    };
    let all = repo::confirmed_series_in(db, projects.keys().cloned().collect()).await?;
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
        let recorded: HashMap<chrono::NaiveDate, _> = repo::meetings_of_series(db, &row.id)
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
            let status = rec.map(|r| r.status);
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

/// A new feed of the caller's meetings (of one project, or of all their projects); the
/// previous feed of the same kind stops working.
pub async fn create(
    state: &AppState,
    who: &Principal,
    body: &CalendarFeedInput,
) -> Result<CalendarFeed, AppError> {
    let me = who.user_id_str().ok_or(AppError::Forbidden)?;
    let project = match body.project_id {
        Some(p) => {
            let p = items::project_checked(state, who, p, Action::MeetingRead).await?;
            // A feed lists the meetings one takes part in: members only.
            items::member(&state.db, &p.id, "project_id", who.user_id).await?;
            Some(p.id)
        }
        None => None,
    };
    let secret = random_secret(FEED_PREFIX);
    let now = Utc::now();
    let model = cf::Model {
        id: new_id(),
        user_id: me,
        project_id: project.clone(),
        token_hash: hash_secret(&secret),
        created_at: now,
        revoked_at: None,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::rotate_feed(&txn, &model, now).await?;
    txn.commit().await?;
    Ok(CalendarFeed {
        id: parse_id(&model.id),
        project_id: project.as_deref().map(parse_id),
        path: format!(
            "{}/v1/calendar-feeds/{secret}/calendar.ics",
            crate::api::API_PREFIX
        ),
        created_at: now,
    })
}

/// The iCalendar file behind feed secret `token` (404 for an unknown or rotated one, or when
/// its owner no longer has access).
pub async fn feed(state: &AppState, token: &str) -> Result<String, AppError> {
    let feed = repo::feed_by_hash(&state.db, &hash_secret(token))
        .await?
        .ok_or(AppError::NotFound)?;
    // An archived user, or a user of an archived organisation, has no feed any more.
    let owner = repo::active_user(&state.db, &feed.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (name, events) = events(&state.db, &owner, feed.project_id.as_deref()).await?;
    Ok(ical::calendar(&name, &events, Utc::now()))
}

//! Meetings of a series: what happened (status, minutes per agenda item, attendance,
//! decisions), the actions made and carried over, and the printable minutes.

use chrono::{NaiveDate, SubsecRound, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{Meeting, MeetingList, MeetingRecord, MeetingSeries, MeetingStatus, ProjectRole};

use crate::access::project_for;
use crate::access::{self, Action, Subject};
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::meeting as mt;
use crate::entities::meeting_series::Entity as Series;
use crate::entities::project;
use crate::error::AppError;
use crate::ids::{check_if_match, new_id};
use crate::meetings::views::{action_views, meeting_of, starts_at};
use crate::meetings::{actions as carry, repo, series};
use crate::plan::repo::names;
use crate::plan::service::items;
use crate::state::AppState;
use crate::store;

/// The longest period a schedule or meeting list covers.
pub const MAX_SCHEDULE_DAYS: i64 = 400;

/// 422 unless `to` is on or after `from` and at most `MAX_SCHEDULE_DAYS` later.
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), AppError> {
    if to < from || (to - from).num_days() > MAX_SCHEDULE_DAYS {
        return Err(AppError::Validation(vec![field_error(
            "to",
            "out_of_range",
            "must be on or after from, at most 400 days later",
        )]));
    }
    Ok(())
}

/// The series and its project for `action`; meetings' contents (minutes, decisions) of a
/// series a change agent does not take part in are not theirs to read (403).
pub async fn series_for(
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

/// The meeting on `date`: its row if recorded, else the planned meeting (404 when the
/// series has no meeting that day).
pub async fn meeting_at<Db: ConnectionTrait>(
    db: &Db,
    s: &MeetingSeries,
    date: NaiveDate,
    with_actions: bool,
) -> Result<Meeting, AppError> {
    let row = repo::meeting(db, &s.id.to_string(), date).await?;
    if row.is_none() && series::schedule(s, date, date).is_empty() {
        return Err(AppError::NotFound);
    }
    let start = starts_at(s, date);
    let (carried_over, actions) = if with_actions {
        let all = repo::actions_of_series(db, &s.id.to_string()).await?;
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
    let row = repo::series(&state.db, &m.series_id.to_string())
        .await?
        .filter(|r| r.project_id == project_id && r.kind == varig_types::MeetingKind::SteeringGroup)
        .ok_or_else(invalid)?;
    meeting_at(&state.db, &series::view(&row), m.date, false)
        .await
        .map_err(|_| invalid())?;
    Ok(())
}

/// Series `id`'s planned and recorded meetings between `from` and `to` (default 90 days
/// back and on).
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<MeetingList, AppError> {
    let (s, _) = series_for(state, who, id, Action::MeetingRead).await?;
    let today = crate::plan::rules::today_in_oslo(Utc::now());
    let from = from.unwrap_or(today - chrono::Duration::days(90));
    let to = to.unwrap_or(today + chrono::Duration::days(90));
    check_period(from, to)?;
    let rows = repo::meetings_between(&state.db, &s.id.to_string(), from, to).await?;
    let mut dates: Vec<NaiveDate> = series::schedule(&s, from, to)
        .iter()
        .map(|m| m.date)
        .collect();
    dates.extend(rows.iter().map(|r| r.date));
    dates.sort_unstable();
    dates.dedup();
    // One query for the period's recorded meetings, not one per date.
    let items = dates
        .into_iter()
        .map(|d| meeting_of(&s, d, rows.iter().find(|r| r.date == d), vec![], vec![]))
        .collect();
    Ok(MeetingList { items })
}

/// The meeting of series `id` on `date`, with its actions and those carried over.
pub async fn get(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    date: NaiveDate,
) -> Result<Meeting, AppError> {
    let (s, _) = series_for(state, who, id, Action::MeetingRead).await?;
    meeting_at(&state.db, &s, date, true).await
}

/// The printable minutes of the meeting of series `id` on `date` in the request's language.
pub async fn minutes_page(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    date: NaiveDate,
) -> Result<String, AppError> {
    let (s, p) = series_for(state, who, id, Action::MeetingRead).await?;
    let m = meeting_at(&state.db, &s, date, true).await?;
    let people = names(
        &state.db,
        m.attendance.iter().map(|u| u.to_string()).collect(),
    )
    .await?;
    let mut attendees: Vec<String> = people.into_values().collect();
    attendees.sort();
    Ok(crate::meetings::print::page(
        crate::lang::current(),
        &p.name,
        &m,
        &attendees,
    ))
}

/// Records the meeting of series `id` on `date` at the version `If-Match` names (`"0"` the
/// first time); answers with the meeting as it is now.
pub async fn record(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    date: NaiveDate,
    if_match: Option<&str>,
    body: &MeetingRecord,
) -> Result<Meeting, AppError> {
    let (s, p) = series_for(state, who, id, Action::MeetingWrite).await?;
    let before = meeting_at(&state.db, &s, date, false).await?;
    let mut check = Check::new();
    let held_on = match body.status {
        MeetingStatus::Held => Some(body.held_on.unwrap_or(date)),
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
        items::member(&state.db, &p.id, &format!("attendance[{i}]"), Some(*u)).await?;
    }
    let version = check_if_match(if_match, before.version)?;
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
    let row = mt::Model {
        id: new_id(),
        series_id: s.id.to_string(),
        project_id: p.id.clone(),
        date,
        status: body.status,
        held_on,
        cancel_reason: reason,
        agenda: agenda_json,
        attendance: serde_json::json!(body.attendance).to_string(),
        decisions: serde_json::json!(body.decisions.iter().map(|d| d.trim()).collect::<Vec<_>>())
            .to_string(),
        minutes_published_at: published,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    if version == 0 {
        repo::insert_meeting(&txn, row).await?;
    } else {
        repo::update_meeting(&txn, &row, version).await?;
    }
    let after = meeting_at(&txn, &s, date, true).await?;
    let row_id = repo::meeting(&txn, &s.id.to_string(), date)
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
    Ok(after)
}

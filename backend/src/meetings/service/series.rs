//! Meeting series (the cadence) and the schedule they make.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use uuid::Uuid;
use varig_types::{
    MeetingSchedule, MeetingSeries, MeetingSeriesInput, MeetingSeriesPage, SeriesStatus,
};

use super::minutes::check_period;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::field_error;
use crate::entities::meeting_series::{self as ms, Entity as Series};
use crate::entities::project;
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, PageRequest};
use crate::meetings::{repo, series};
use crate::plan::service::items;
use crate::state::AppState;
use crate::store;

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

/// A page of project `id`'s series.
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    page: &PageRequest,
) -> Result<MeetingSeriesPage, AppError> {
    let p = items::project_checked(state, who, id, Action::MeetingRead).await?;
    let (rows, next_cursor) = repo::series_page(&state.db, &p.id, page).await?;
    Ok(MeetingSeriesPage {
        items: rows.iter().map(series::view).collect(),
        next_cursor,
    })
}

/// Adds a series to project `id`.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &MeetingSeriesInput,
) -> Result<MeetingSeries, AppError> {
    let p = items::project_checked(state, who, id, Action::MeetingWrite).await?;
    valid(state, &p, body).await?;
    items::writable(&p)?;
    let now = Utc::now();
    let model = ms::Model {
        id: new_id(),
        project_id: p.id.clone(),
        kind: body.kind,
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
        status: body.status.unwrap_or(SeriesStatus::Confirmed),
        template: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert_series(&txn, &model).await?;
    let view = series::view(&model);
    audit::record(
        &txn,
        Some(who),
        change(&p.organisation_id, "meeting_series.create", None, &view),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Replaces series `id` at the version `If-Match` names; answers with it and its version.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &MeetingSeriesInput,
) -> Result<(MeetingSeries, i64), AppError> {
    let (before, p) = items::item_for::<Series>(state, who, id, Action::MeetingWrite).await?;
    valid(state, &p, body).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let values: store::Values = vec![
        ("kind", Expr::value(body.kind)),
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
            Expr::value(body.status.unwrap_or(SeriesStatus::Confirmed)),
        ),
    ];
    let txn = crate::db::begin_write(&state.db).await?;
    let after = store::update_versioned(&txn, Series, &before.id, version, values).await?;
    let (b, a) = (series::view(&before), series::view(&after));
    audit::record(
        &txn,
        Some(who),
        change(&p.organisation_id, "meeting_series.update", Some(&b), &a),
    )
    .await?;
    txn.commit().await?;
    Ok((a, after.version))
}

/// The planned meetings of project `id`'s confirmed series between `from` (default today)
/// and `to` (default 90 days on).
pub async fn schedule(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<MeetingSchedule, AppError> {
    let p = items::project_checked(state, who, id, Action::MeetingRead).await?;
    let from = from.unwrap_or_else(|| crate::plan::rules::today_in_oslo(Utc::now()));
    let to = to.unwrap_or(from + Duration::days(90));
    check_period(from, to)?;
    let rows = repo::series_of(&state.db, &p.id).await?;
    let mut items: Vec<_> = rows
        .iter()
        .flat_map(|r| series::schedule(&series::view(r), from, to))
        .collect();
    items.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then(a.series_id.cmp(&b.series_id))
    });
    Ok(MeetingSchedule { items })
}

//! Actions from meetings: made at a meeting, carried to later ones until done, and each
//! person's own list.

use chrono::{NaiveDate, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use uuid::Uuid;
use varig_types::{ActionStatus, MeetingAction, MeetingActionInput, MeetingActionList};

use super::minutes::{meeting_at, series_for};
use crate::access::project_for;
use crate::access::{self, Action, Subject};
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain;
use crate::entities::meeting_action::{self as ma, Entity as Actions};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id};
use crate::meetings::{repo, views::action_views};
use crate::plan::service::items;
use crate::state::AppState;
use crate::store;

/// Adds an action to the meeting of series `id` on `date`.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    date: NaiveDate,
    body: &MeetingActionInput,
) -> Result<MeetingAction, AppError> {
    let (s, p) = series_for(state, who, id, Action::MeetingWrite).await?;
    meeting_at(&state.db, &s, date, false).await?;
    let title = domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
    let responsible =
        items::member(&state.db, &p.id, "responsible_id", body.responsible_id).await?;
    items::writable(&p)?;
    let now = Utc::now().trunc_subsecs(6);
    let status = body.status.unwrap_or(ActionStatus::Open);
    let model = ma::Model {
        id: new_id(),
        project_id: p.id.clone(),
        series_id: s.id.to_string(),
        meeting_date: date,
        title,
        responsible_id: responsible,
        due_date: body.due_date,
        status,
        done_at: (status == ActionStatus::Done).then_some(now),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert_action(&txn, &model).await?;
    let view = action_views(&txn, std::slice::from_ref(&model))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "meeting_action.create",
            entity_type: "meeting_action",
            entity_id: Some(model.id.clone()),
            before: None,
            after: snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Updates action `id` at the version `If-Match` names: the project's writers, or the
/// person responsible (status only). Answers with it and its version.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &MeetingActionInput,
) -> Result<(MeetingAction, i64), AppError> {
    let before = store::reload::<Actions, _>(&state.db, &id.to_string()).await?;
    let (p, role) = project_for(state, who, &before.project_id, Action::MeetingRead).await?;
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    let responsible_self =
        before.responsible_id.is_some() && before.responsible_id == who.user_id_str();
    let writer = access::allowed(&subjects, Action::MeetingWrite);
    if !writer && !responsible_self {
        return Err(AppError::Forbidden);
    }
    // The person responsible may mark the action done or open, nothing else.
    let unchanged = body.title.trim() == before.title
        && body.responsible_id.map(|u| u.to_string()) == before.responsible_id
        && body.due_date == before.due_date;
    if !writer && !unchanged {
        return Err(AppError::Forbidden);
    }
    let title = domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
    let responsible =
        items::member(&state.db, &p.id, "responsible_id", body.responsible_id).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let status = body.status.unwrap_or(ActionStatus::Open);
    let done_at = match (status, before.done_at) {
        (ActionStatus::Done, Some(t)) => Some(t),
        (ActionStatus::Done, None) => Some(Utc::now().trunc_subsecs(6)),
        _ => None,
    };
    let values: store::Values = vec![
        ("title", Expr::value(title)),
        ("responsible_id", Expr::value(responsible)),
        ("due_date", Expr::value(body.due_date)),
        ("status", Expr::value(status)),
        ("done_at", Expr::value(done_at)),
    ];
    let txn = crate::db::begin_write(&state.db).await?;
    let after = store::update_versioned(&txn, Actions, &before.id, version, values).await?;
    let mut views = action_views(&txn, &[before.clone(), after.clone()]).await?;
    let a = views.pop().ok_or(AppError::NotFound)?;
    let b = views.pop().ok_or(AppError::NotFound)?;
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "meeting_action.update",
            entity_type: "meeting_action",
            entity_id: Some(after.id.clone()),
            before: snapshot(&b),
            after: snapshot(&a),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((a, after.version))
}

/// The caller's open actions in every project, by due date (undated last).
pub async fn mine(state: &AppState, who: &Principal) -> Result<MeetingActionList, AppError> {
    let me = who.user_id_str().ok_or(AppError::Forbidden)?;
    let rows = repo::open_actions_of_user(&state.db, &me).await?;
    let mut items = action_views(&state.db, &rows).await?;
    items.sort_by_key(|a| (a.due_date.is_none(), a.due_date));
    Ok(MeetingActionList { items })
}

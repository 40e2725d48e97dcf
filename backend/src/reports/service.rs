//! Field reports: who may read which, filing (through the grouping `writer`), and the
//! reads that join reports with the names of their authors and units.

use chrono::{NaiveDate, SubsecRound, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{FieldReport, NewFieldReport, ProblemCode, ProjectRole, ReactionPoint};

use super::repo::{self, Filters, Reach};
use super::writer::Written;
use super::{rules, views};
use crate::access::{self, project_and_unit_for, project_for, Action, Subject};
use crate::auth::Principal;
use crate::domain::field_error;
use crate::entities::{field_report as fr, project};
use crate::error::AppError;
use crate::ids::{parse_id, PageRequest};
use crate::plan::store::names;
use crate::state::AppState;

/// Project `id` and what of its reports the caller may read (403 for neither).
pub async fn reach(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<(project::Model, Reach), AppError> {
    let (p, role) = project_for(state, who, &id.to_string(), Action::NetworkRead).await?;
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    if access::allowed(&subjects, Action::ReportReadAll) {
        return Ok((p, Reach::All));
    }
    match (role, who.user_id_str()) {
        (Some(ProjectRole::ChangeAgent), Some(me)) => Ok((p, Reach::Own(me))),
        _ => Err(AppError::Forbidden),
    }
}

/// The reports with their authors' and units' names.
pub async fn report_views<Db: ConnectionTrait>(
    db: &Db,
    rows: &[fr::Model],
) -> Result<Vec<FieldReport>, AppError> {
    let people = names(db, rows.iter().map(|r| r.agent_user_id.clone()).collect()).await?;
    let units = repo::unit_names(db, rows.iter().map(|r| r.unit_id.clone()).collect()).await?;
    Ok(rows
        .iter()
        .map(|r| {
            views::report(
                r,
                people.get(&r.agent_user_id).cloned().unwrap_or_default(),
                units.get(&r.unit_id).cloned().unwrap_or_default(),
            )
        })
        .collect())
}

/// The project and the unit's name if it is in the project's scope, for a caller who may
/// file reports there (404 / 403 otherwise): one joined query, or none when this caller
/// filed for this unit moments ago and nothing has changed since (`auth::cache`).
async fn filing_access(
    state: &AppState,
    who: &Principal,
    project: Uuid,
    unit: Uuid,
) -> Result<(project::Model, Option<String>), AppError> {
    let key = who.user_id.map(|user| (user, project, unit));
    if let Some(hit) = key.as_ref().and_then(|k| state.report_access.get(k)) {
        return Ok(hit);
    }
    let generation = state.report_access.generation();
    let (p, _, unit_name) = project_and_unit_for(
        state,
        who,
        &project.to_string(),
        Action::ReportWrite,
        Some(&unit.to_string()),
    )
    .await?;
    if let Some(key) = key {
        state
            .report_access
            .put(key, (p.clone(), unit_name.clone()), generation);
    }
    Ok((p, unit_name))
}

/// The stored report `id` as its author would get it back, if it exists.
async fn original(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    id: Uuid,
) -> Result<Option<FieldReport>, AppError> {
    let Some(existing) = repo::report(&state.db, &id.to_string()).await? else {
        return Ok(None);
    };
    if existing.project_id != p.id || Some(&existing.agent_user_id) != who.user_id_str().as_ref() {
        return Err(AppError::conflict(
            ProblemCode::AlreadyExists,
            "Another report already has this id; generate a new one.",
        ));
    }
    Ok(report_views(&state.db, &[existing]).await?.pop())
}

/// What became of a filed report.
pub enum Filed {
    Created(FieldReport),
    /// Stored before (same id): the original, unchanged.
    Replayed(FieldReport),
}

/// Files `body` in project `project_id`; a replay is answered with the original.
pub async fn file(
    state: &AppState,
    who: &Principal,
    project_id: Uuid,
    body: &NewFieldReport,
) -> Result<Filed, AppError> {
    // Microseconds: what both databases keep, so a replay answers with the same instant.
    let now = Utc::now().trunc_subsecs(6);
    let valid = rules::check(body, rules::today(now));
    let (p, unit) = filing_access(state, who, project_id, body.unit_id).await?;
    let mut errors = valid.err().unwrap_or_default();
    if unit.is_none() {
        errors.push(field_error(
            "unit_id",
            "not_in_scope",
            "the unit is not in the project's scope",
        ));
    }
    if !errors.is_empty() {
        // A replay of a report stored earlier is answered with it, even if it would no
        // longer pass (its unit left the scope since, say).
        if let Some(r) = original(state, who, &p, body.id).await? {
            return Ok(Filed::Replayed(r));
        }
        return Err(AppError::Validation(errors));
    }
    if let Err(closed) = crate::api::plan_items::writable(&p) {
        // The answer to a report filed before the project was archived may have been lost.
        if let Some(r) = original(state, who, &p, body.id).await? {
            return Ok(Filed::Replayed(r));
        }
        return Err(closed);
    }
    let author = who.user_id_str().ok_or(AppError::Forbidden)?;
    let model = views::model(body, project_id, author, now);
    let view = views::report(&model, who.name.clone(), unit.unwrap_or_default());
    let event = crate::outbox::NewEvent {
        event_type: varig_types::WebhookEventType::ReportFiled,
        organisation_id: p.organisation_id.clone(),
        project_id: Some(p.id.clone()),
        data: match serde_json::to_value(&view) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        },
    }
    .into_row(now);
    // Stored with whatever other reports are waiting, in one transaction with their
    // `report.filed` events (`reports::writer`). A replay finds its id taken and is
    // answered with the original (and makes no second event).
    if state.reports.insert(model, Some(event)).await? == Written::AlreadyThere {
        return match original(state, who, &p, body.id).await? {
            Some(r) => Ok(Filed::Replayed(r)),
            None => Err(AppError::Internal(format!(
                "report {} was neither stored nor found",
                body.id
            ))),
        };
    }
    Ok(Filed::Created(view))
}

/// One page of project `p`'s feed within the caller's `reach`.
pub async fn list(
    state: &AppState,
    p: &project::Model,
    reach: &Reach,
    f: &Filters,
    page: &PageRequest,
) -> Result<(Vec<FieldReport>, Option<String>), AppError> {
    let (rows, next_cursor) = repo::page(&state.db, &p.id, reach, f, page).await?;
    Ok((report_views(&state.db, &rows).await?, next_cursor))
}

/// Project `id`'s reports as the caller may read them, as CSV.
pub async fn export(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    f: &Filters,
) -> Result<String, AppError> {
    let (p, reach) = reach(state, who, id).await?;
    let rows = repo::newest(&state.db, &p.id, &reach, f, rules::MAX_EXPORT).await?;
    Ok(rules::csv(&report_views(&state.db, &rows).await?))
}

/// Reactions per unit and month of project `id` between `from` and `to`.
pub async fn reactions(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<ReactionPoint>, AppError> {
    let (p, _) = project_for(state, who, &id.to_string(), Action::ReportReadAll).await?;
    let f = Filters {
        from,
        to,
        ..Filters::default()
    };
    let rows = repo::reaction_rows(&state.db, &p.id, &f).await?;
    let unit_names =
        repo::unit_names(&state.db, rows.iter().map(|r| r.0.clone()).collect()).await?;
    let points: Vec<_> = rows
        .into_iter()
        .map(|(u, d, s)| {
            (
                parse_id(&u),
                unit_names.get(&u).cloned().unwrap_or_default(),
                d,
                s,
            )
        })
        .collect();
    Ok(rules::timeline(&points))
}

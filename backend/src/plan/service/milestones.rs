//! The milestone plan: dated deliverables per phase with a responsible member.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{Milestone, MilestoneInput, MilestonePage, MilestoneStatus, Phase};

use super::items::{self, MILESTONE as KIND};
use crate::access::Action;
use crate::auth::Principal;
use crate::domain::{self, Check};
use crate::entities::milestone::{self as ms, Entity as Ms};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, PageRequest};
use crate::plan::{repo, views};
use crate::state::AppState;
use crate::store;

struct Valid {
    title: String,
    description: String,
    status: MilestoneStatus,
    responsible: Option<String>,
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &MilestoneInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let title = check.take(domain::name("title", &body.title));
    let description = check.take(domain::description("description", &body.description));
    check.finish()?;
    Ok(Valid {
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        status: body.status.unwrap_or(MilestoneStatus::Planned),
        responsible: items::member(db, project_id, "responsible_id", body.responsible_id).await?,
    })
}

fn people(m: &ms::Model) -> Vec<String> {
    m.responsible_id.iter().cloned().collect()
}

/// A page of project `id`'s milestones, optionally of one phase.
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    phase: Option<Phase>,
    page: &PageRequest,
) -> Result<MilestonePage, AppError> {
    let p = items::project_checked(state, who, id, Action::PlanRead).await?;
    let (rows, next_cursor) = repo::milestones_page(&state.db, &p.id, phase, page).await?;
    let ids = rows
        .iter()
        .filter_map(|r| r.responsible_id.clone())
        .collect();
    let names = repo::names(&state.db, ids).await?;
    let now = Utc::now();
    Ok(MilestonePage {
        items: rows
            .iter()
            .map(|r| views::milestone(r, &names, now))
            .collect(),
        next_cursor,
    })
}

/// Adds a milestone to project `id`; answers with it and its version.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &MilestoneInput,
) -> Result<(Milestone, i64), AppError> {
    let p = items::project_checked(state, who, id, Action::PlanWrite).await?;
    let v = valid(&state.db, &p.id, body).await?;
    items::writable(&p)?;
    let now = Utc::now();
    let model = ms::Model {
        id: new_id(),
        project_id: p.id.clone(),
        phase: body.phase,
        title: v.title,
        description: v.description,
        due_date: body.due_date,
        responsible_id: v.responsible,
        status: v.status,
        completed_at: (v.status == MilestoneStatus::Done).then_some(now),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let view = items::create::<Ms, _>(state, who, &p, &KIND, model.clone(), people, |m, n| {
        views::milestone(m, n, Utc::now())
    })
    .await?;
    Ok((view, model.version))
}

/// Replaces milestone `id` at the version `If-Match` names; marking it done records when.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &MilestoneInput,
) -> Result<(Milestone, i64), AppError> {
    let (before, p) = items::item_for::<Ms>(state, who, id, Action::PlanWrite).await?;
    let v = valid(&state.db, &p.id, body).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let completed_at = match (v.status, before.completed_at) {
        (MilestoneStatus::Done, Some(at)) => Some(at),
        (MilestoneStatus::Done, None) => Some(Utc::now()),
        _ => None,
    };
    let values: store::Values = vec![
        ("phase", Expr::value(body.phase)),
        ("title", Expr::value(v.title)),
        ("description", Expr::value(v.description)),
        ("due_date", Expr::value(body.due_date)),
        ("responsible_id", Expr::value(v.responsible)),
        ("status", Expr::value(v.status)),
        ("completed_at", Expr::value(completed_at)),
    ];
    let (a, after) = items::replace::<Ms, _>(
        state,
        who,
        &p,
        &KIND,
        &before,
        version,
        values,
        people,
        |m, n| views::milestone(m, n, Utc::now()),
    )
    .await?;
    Ok((a, after.version))
}

/// Deletes milestone `id`.
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    let now = Utc::now();
    items::delete::<Ms, _>(
        state,
        who,
        id,
        if_match,
        &KIND,
        |m| m.version,
        |m| views::milestone(m, &Default::default(), now),
        |_| Ok(()),
    )
    .await
}

//! Stakeholder analysis: who is affected or has influence, their attitude, planned measures.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use uuid::Uuid;
use varig_types::{Stakeholder, StakeholderInput, StakeholderPage};

use super::items::{self, STAKEHOLDER as KIND};
use crate::access::Action;
use crate::auth::Principal;
use crate::domain::{self, Check};
use crate::entities::stakeholder::{self as sh, Entity as Sh};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, PageRequest};
use crate::plan::{repo, views};
use crate::state::AppState;
use crate::store;

fn valid(body: &StakeholderInput) -> Result<(String, String), AppError> {
    let mut check = Check::new();
    let name = check.take(domain::name("name", &body.name));
    let measures = check.take(domain::description("measures", &body.measures));
    check.finish()?;
    Ok((name.unwrap_or_default(), measures.unwrap_or_default()))
}

/// A page of project `id`'s stakeholders.
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    page: &PageRequest,
) -> Result<StakeholderPage, AppError> {
    let p = items::project_checked(state, who, id, Action::PlanRead).await?;
    let (rows, next_cursor) = repo::stakeholders_page(&state.db, &p.id, page).await?;
    Ok(StakeholderPage {
        items: rows.iter().map(views::stakeholder).collect(),
        next_cursor,
    })
}

/// Adds a stakeholder to project `id`; answers with it and its version.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &StakeholderInput,
) -> Result<(Stakeholder, i64), AppError> {
    let p = items::project_checked(state, who, id, Action::PlanWrite).await?;
    let (name, measures) = valid(body)?;
    items::writable(&p)?;
    let now = Utc::now();
    let model = sh::Model {
        id: new_id(),
        project_id: p.id.clone(),
        name,
        influence: body.influence,
        affected: body.affected,
        attitude: body.attitude,
        measures,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let view = items::create::<Sh, _>(
        state,
        who,
        &p,
        &KIND,
        model.clone(),
        |_| vec![],
        |m, _| views::stakeholder(m),
    )
    .await?;
    Ok((view, model.version))
}

/// Replaces stakeholder `id` at the version `If-Match` names.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &StakeholderInput,
) -> Result<(Stakeholder, i64), AppError> {
    let (before, p) = items::item_for::<Sh>(state, who, id, Action::PlanWrite).await?;
    let (name, measures) = valid(body)?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let values: store::Values = vec![
        ("name", Expr::value(name)),
        ("influence", Expr::value(body.influence)),
        ("affected", Expr::value(body.affected)),
        ("attitude", Expr::value(body.attitude)),
        ("measures", Expr::value(measures)),
    ];
    let (a, after) = items::replace::<Sh, _>(
        state,
        who,
        &p,
        &KIND,
        &before,
        version,
        values,
        |_| vec![],
        |m, _| views::stakeholder(m),
    )
    .await?;
    Ok((a, after.version))
}

/// Deletes stakeholder `id`.
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    items::delete::<Sh, _>(
        state,
        who,
        id,
        if_match,
        &KIND,
        |m| m.version,
        views::stakeholder,
        |_| Ok(()),
    )
    .await
}

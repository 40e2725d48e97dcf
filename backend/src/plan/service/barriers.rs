//! Barriers and facilitators by level (system, organisation, team, individual), with
//! strength, the kind of resistance (can't / won't / don't) and the chosen strategy.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{Barrier, BarrierInput, BarrierLevel, BarrierPage, ForceKind};

use super::items::{self, BARRIER as KIND};
use crate::access::Action;
use crate::auth::Principal;
use crate::domain::{self, Check};
use crate::entities::barrier::{self as br, Entity as Br};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, PageRequest};
use crate::plan::{repo, views};
use crate::state::AppState;
use crate::store;

struct Valid {
    description: String,
    strength: i32,
    strategy: String,
    responsible: Option<String>,
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &BarrierInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let description = check.take(domain::required_text("description", &body.description));
    let strength = check.take(domain::in_range("strength", body.strength, 1..=5));
    let strategy = check.take(domain::description("strategy", &body.strategy));
    check.finish()?;
    Ok(Valid {
        description: description.unwrap_or_default(),
        strength: strength.unwrap_or(1),
        strategy: strategy.unwrap_or_default(),
        responsible: items::member(db, project_id, "responsible_id", body.responsible_id).await?,
    })
}

fn people(m: &br::Model) -> Vec<String> {
    m.responsible_id.iter().cloned().collect()
}

/// A page of project `id`'s barriers and facilitators, optionally of one level.
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    level: Option<BarrierLevel>,
    page: &PageRequest,
) -> Result<BarrierPage, AppError> {
    let p = items::project_checked(state, who, id, Action::PlanRead).await?;
    let (rows, next_cursor) = repo::barriers_page(&state.db, &p.id, level, page).await?;
    let ids = rows
        .iter()
        .filter_map(|r| r.responsible_id.clone())
        .collect();
    let names = repo::names(&state.db, ids).await?;
    Ok(BarrierPage {
        items: rows.iter().map(|r| views::barrier(r, &names)).collect(),
        next_cursor,
    })
}

/// Adds a barrier or facilitator to project `id`; answers with it and its version.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &BarrierInput,
) -> Result<(Barrier, i64), AppError> {
    let p = items::project_checked(state, who, id, Action::PlanWrite).await?;
    let v = valid(&state.db, &p.id, body).await?;
    items::writable(&p)?;
    let now = Utc::now();
    let model = br::Model {
        id: new_id(),
        project_id: p.id.clone(),
        level: body.level,
        kind: body.kind.unwrap_or(ForceKind::Barrier),
        description: v.description,
        strength: v.strength,
        resistance: body.resistance,
        strategy: v.strategy,
        responsible_id: v.responsible,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let view = items::create::<Br, _>(state, who, &p, &KIND, model.clone(), people, views::barrier)
        .await?;
    Ok((view, model.version))
}

/// Replaces barrier `id` at the version `If-Match` names.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &BarrierInput,
) -> Result<(Barrier, i64), AppError> {
    let (before, p) = items::item_for::<Br>(state, who, id, Action::PlanWrite).await?;
    let v = valid(&state.db, &p.id, body).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let values: store::Values = vec![
        ("level", Expr::value(body.level)),
        ("kind", Expr::value(body.kind.unwrap_or(ForceKind::Barrier))),
        ("description", Expr::value(v.description)),
        ("strength", Expr::value(v.strength)),
        ("resistance", Expr::value(body.resistance)),
        ("strategy", Expr::value(v.strategy)),
        ("responsible_id", Expr::value(v.responsible)),
    ];
    let (a, after) = items::replace::<Br, _>(
        state,
        who,
        &p,
        &KIND,
        &before,
        version,
        values,
        people,
        views::barrier,
    )
    .await?;
    Ok((a, after.version))
}

/// Deletes barrier `id`.
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    items::delete::<Br, _>(
        state,
        who,
        id,
        if_match,
        &KIND,
        |m| m.version,
        |m| views::barrier(m, &Default::default()),
        |_| Ok(()),
    )
    .await
}

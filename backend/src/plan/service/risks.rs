//! The risk register: probability × consequence, owner and mitigation.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{Risk, RiskInput, RiskPage, RiskStatus};

use super::items::{self, RISK as KIND};
use crate::access::Action;
use crate::auth::Principal;
use crate::domain::{self, Check};
use crate::entities::risk::{self as rk, Entity as Rk};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, PageRequest};
use crate::plan::{repo, views};
use crate::state::AppState;
use crate::store;

struct Valid {
    title: String,
    description: String,
    mitigation: String,
    owner: Option<String>,
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &RiskInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let title = check.take(domain::name("title", &body.title));
    let description = check.take(domain::description("description", &body.description));
    check.take(domain::in_range("probability", body.probability, 1..=5));
    check.take(domain::in_range("consequence", body.consequence, 1..=5));
    let mitigation = check.take(domain::description("mitigation", &body.mitigation));
    check.finish()?;
    Ok(Valid {
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        mitigation: mitigation.unwrap_or_default(),
        owner: items::member(db, project_id, "owner_id", body.owner_id).await?,
    })
}

fn people(m: &rk::Model) -> Vec<String> {
    m.owner_id.iter().cloned().collect()
}

/// A page of project `id`'s risks, optionally with one status.
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    status: Option<RiskStatus>,
    page: &PageRequest,
) -> Result<RiskPage, AppError> {
    let p = items::project_checked(state, who, id, Action::PlanRead).await?;
    let (rows, next_cursor) = repo::risks_page(&state.db, &p.id, status, page).await?;
    let ids = rows.iter().filter_map(|r| r.owner_id.clone()).collect();
    let names = repo::names(&state.db, ids).await?;
    Ok(RiskPage {
        items: rows.iter().map(|r| views::risk(r, &names)).collect(),
        next_cursor,
    })
}

/// Registers a risk of project `id`; answers with it and its version.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &RiskInput,
) -> Result<(Risk, i64), AppError> {
    let p = items::project_checked(state, who, id, Action::PlanWrite).await?;
    let v = valid(&state.db, &p.id, body).await?;
    items::writable(&p)?;
    let now = Utc::now();
    let model = rk::Model {
        id: new_id(),
        project_id: p.id.clone(),
        title: v.title,
        description: v.description,
        probability: body.probability,
        consequence: body.consequence,
        owner_id: v.owner,
        mitigation: v.mitigation,
        status: body.status.unwrap_or(RiskStatus::Open),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let view =
        items::create::<Rk, _>(state, who, &p, &KIND, model.clone(), people, views::risk).await?;
    Ok((view, model.version))
}

/// Replaces risk `id` at the version `If-Match` names.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &RiskInput,
) -> Result<(Risk, i64), AppError> {
    let (before, p) = items::item_for::<Rk>(state, who, id, Action::PlanWrite).await?;
    let v = valid(&state.db, &p.id, body).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let values: store::Values = vec![
        ("title", Expr::value(v.title)),
        ("description", Expr::value(v.description)),
        ("probability", Expr::value(body.probability)),
        ("consequence", Expr::value(body.consequence)),
        ("owner_id", Expr::value(v.owner)),
        ("mitigation", Expr::value(v.mitigation)),
        (
            "status",
            Expr::value(body.status.unwrap_or(RiskStatus::Open)),
        ),
    ];
    let (a, after) = items::replace::<Rk, _>(
        state,
        who,
        &p,
        &KIND,
        &before,
        version,
        values,
        people,
        views::risk,
    )
    .await?;
    Ok((a, after.version))
}

/// Deletes risk `id`.
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    items::delete::<Rk, _>(
        state,
        who,
        id,
        if_match,
        &KIND,
        |m| m.version,
        |m| views::risk(m, &Default::default()),
        |_| Ok(()),
    )
    .await
}

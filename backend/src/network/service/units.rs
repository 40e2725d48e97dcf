//! The organisation's units: created, replaced and archived against its structure.

use chrono::Utc;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{ProblemCode, UnitInput};

use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain;
use crate::entities::unit;
use crate::error::AppError;
use crate::ids::{check_if_match, new_id};
use crate::network::{repo, rules, views};
use crate::state::AppState;

/// Unit `id` if the caller may read the structure of its organisation (404 otherwise).
pub async fn visible(state: &AppState, who: &Principal, id: Uuid) -> Result<unit::Model, AppError> {
    who.require(Action::StructureRead)?;
    repo::unit(&state.db, &id.to_string())
        .await?
        .filter(|u| who.same_org(&u.organisation_id))
        .ok_or(AppError::NotFound)
}

/// Name, level, dimensions and parent checked against the organisation's structure.
async fn valid<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
    id: Option<&str>,
    body: &UnitInput,
) -> Result<String, AppError> {
    let name = domain::name("name", &body.name).map_err(|e| AppError::Validation(vec![e]))?;
    let (s, _) = repo::structure(db, org).await?;
    let parent = match body.parent_id {
        None => None,
        Some(pid) => {
            let p = repo::unit(db, &pid.to_string())
                .await?
                .filter(|p| p.organisation_id == org && p.archived_at.is_none());
            match p {
                Some(p) if Some(p.id.as_str()) != id => Some(p),
                _ => {
                    return Err(AppError::Validation(vec![domain::field_error(
                        "parent_id",
                        "not_found",
                        "no current unit of the organisation has this id",
                    )]))
                }
            }
        }
    };
    rules::check_unit(
        &s,
        &body.level,
        &body.dimensions,
        parent.as_ref().map(|p| p.level.as_str()),
    )
    .map_err(AppError::Validation)?;
    Ok(name)
}

fn change(
    action: &'static str,
    before: Option<&unit::Model>,
    after: &unit::Model,
) -> Change<'static> {
    Change {
        organisation_id: Some(after.organisation_id.clone()),
        action,
        entity_type: "unit",
        entity_id: Some(after.id.clone()),
        before: before.and_then(|b| snapshot(&views::unit(b))),
        after: snapshot(&views::unit(after)),
    }
}

/// A new unit of the caller's organisation.
pub async fn create(
    state: &AppState,
    who: &Principal,
    body: &UnitInput,
) -> Result<unit::Model, AppError> {
    who.require(Action::StructureWrite)?;
    let org = who.org()?;
    let name = valid(&state.db, &org, None, body).await?;
    let now = Utc::now();
    let model = unit::Model {
        id: new_id(),
        organisation_id: org,
        parent_id: body.parent_id.map(|p| p.to_string()),
        level: body.level.clone(),
        name,
        dimensions: serde_json::json!(body.dimensions).to_string(),
        created_at: now,
        updated_at: now,
        archived_at: None,
        version: 1,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert_unit(&txn, &model).await?;
    audit::record(&txn, Some(who), change("unit.create", None, &model)).await?;
    txn.commit().await?;
    Ok(model)
}

/// Unit `id` replaced by `body` (an archived unit cannot be changed).
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &UnitInput,
) -> Result<unit::Model, AppError> {
    let before = visible(state, who, id).await?;
    who.require(Action::StructureWrite)?;
    let name = valid(&state.db, &before.organisation_id, Some(&before.id), body).await?;
    let version = check_if_match(if_match, before.version)?;
    if before.archived_at.is_some() {
        return Err(AppError::conflict(
            ProblemCode::Archived,
            "The unit is archived.",
        ));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    let after = repo::update_unit(
        &txn,
        &before.id,
        version,
        name,
        body.parent_id.map(|p| p.to_string()),
        body.level.clone(),
        serde_json::json!(body.dimensions).to_string(),
    )
    .await?;
    audit::record(
        &txn,
        Some(who),
        change("unit.update", Some(&before), &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Unit `id` archived (idempotent; audited the first time).
pub async fn archive(state: &AppState, who: &Principal, id: Uuid) -> Result<unit::Model, AppError> {
    let before = visible(state, who, id).await?;
    who.require(Action::StructureWrite)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let after = repo::archive_unit(&txn, &before.id).await?;
    if before.archived_at.is_none() {
        audit::record(
            &txn,
            Some(who),
            change("unit.archive", Some(&before), &after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(after)
}

//! Every database statement of the network: the organisation's structure, its units, a
//! project's scope and settings, its change agents and their training.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use varig_types::{AgentStatus, OrgStructureInput, ProjectRole};

use super::rules::default_structure;
use super::views::{self, AgentState};
use crate::entities::{
    change_agent as ca, field_report as fr, membership, org_structure as os, organisation, project,
    project_unit, training_record as tr, unit,
};
use crate::error::{AppError, OnConstraint};
use crate::ids::{new_id, PageRequest};
use crate::store;

// ---- structure ----

/// The organisation `id`, if it exists.
pub async fn organisation<Db: ConnectionTrait>(
    db: &Db,
    id: &str,
) -> Result<Option<organisation::Model>, AppError> {
    Ok(organisation::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?)
}

/// The organisation's structure and its version (1 while it is the default).
pub async fn structure<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
) -> Result<(OrgStructureInput, i64), AppError> {
    Ok(
        match os::Entity::find_by_id(org.to_owned()).one(db).await? {
            Some(row) => (
                serde_json::from_str(&row.body).unwrap_or_else(|_| default_structure()),
                row.version,
            ),
            None => (default_structure(), 1),
        },
    )
}

/// Stores the structure as version `next` while the stored one is still `version` (412
/// when someone else saved first).
pub async fn save_structure<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
    body: String,
    version: i64,
    next: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let updated = os::Entity::update_many()
        .col_expr(os::Column::Body, Expr::value(body.clone()))
        .col_expr(os::Column::Version, Expr::value(next))
        .col_expr(os::Column::UpdatedAt, Expr::value(now))
        .filter(os::Column::OrganisationId.eq(org))
        .filter(os::Column::Version.eq(version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        os::Entity::insert(os::ActiveModel {
            organisation_id: Set(org.to_owned()),
            body: Set(body),
            version: Set(next),
            updated_at: Set(now),
        })
        .exec_without_returning(db)
        .await
        .on_unique(|| AppError::PreconditionFailed)?;
    }
    Ok(())
}

// ---- units ----

/// The organisation's units that are not archived.
pub async fn current_units<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
) -> Result<Vec<unit::Model>, AppError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::OrganisationId.eq(org))
        .filter(unit::Column::ArchivedAt.is_null())
        .all(db)
        .await?)
}

/// Unit `id`, if it exists.
pub async fn unit<Db: ConnectionTrait>(db: &Db, id: &str) -> Result<Option<unit::Model>, AppError> {
    Ok(unit::Entity::find_by_id(id.to_owned()).one(db).await?)
}

/// One page of the organisation's units (of one level), in creation order.
pub async fn units_page<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
    level: Option<&str>,
    page: &PageRequest,
    include_archived: bool,
) -> Result<(Vec<unit::Model>, Option<String>), AppError> {
    let mut q = unit::Entity::find().filter(unit::Column::OrganisationId.eq(org));
    if let Some(l) = level {
        q = q.filter(unit::Column::Level.eq(l));
    }
    store::fetch_page(db, q, page, Some(include_archived)).await
}

pub async fn insert_unit<Db: ConnectionTrait>(db: &Db, m: &unit::Model) -> Result<(), AppError> {
    unit::Entity::insert(unit::ActiveModel::from(m.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The unit's new name, parent, level and dimensions (JSON), while its version is still
/// `version` (412 otherwise); the row as it is now.
pub async fn update_unit<Db: ConnectionTrait>(
    db: &Db,
    id: &str,
    version: i64,
    name: String,
    parent_id: Option<String>,
    level: String,
    dimensions: String,
) -> Result<unit::Model, AppError> {
    let values: store::Values = vec![
        ("name", Expr::value(name)),
        ("parent_id", Expr::value(parent_id)),
        ("level", Expr::value(level)),
        ("dimensions", Expr::value(dimensions)),
    ];
    store::update_versioned(db, unit::Entity, id, version, values).await
}

pub async fn archive_unit<Db: ConnectionTrait>(db: &Db, id: &str) -> Result<unit::Model, AppError> {
    store::archive(db, unit::Entity, id).await
}

/// Units by id (in bounded `IN` lists).
pub async fn units_by_id<Db: ConnectionTrait>(
    db: &Db,
    ids: &[String],
) -> Result<Vec<unit::Model>, AppError> {
    let mut units = Vec::with_capacity(ids.len());
    // Bounded IN lists: PostgreSQL and SQLite both take these comfortably.
    for chunk in ids.chunks(500) {
        units.extend(
            unit::Entity::find()
                .filter(unit::Column::Id.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(units)
}

/// Of `ids`, those that are current units of organisation `org`.
pub async fn current_units_of<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
    ids: &[String],
) -> Result<HashSet<String>, AppError> {
    let mut found = HashSet::new();
    for chunk in ids.chunks(500) {
        for u in unit::Entity::find()
            .filter(unit::Column::Id.is_in(chunk.to_vec()))
            .filter(unit::Column::OrganisationId.eq(org))
            .filter(unit::Column::ArchivedAt.is_null())
            .all(db)
            .await?
        {
            found.insert(u.id);
        }
    }
    Ok(found)
}

// ---- a project's scope ----

/// The units in the project's scope, by name.
pub async fn scope_units<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<unit::Model>, AppError> {
    let ids: Vec<String> = project_unit::Entity::find()
        .filter(project_unit::Column::ProjectId.eq(project_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.unit_id)
        .collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut units = units_by_id(db, &ids).await?;
    units.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(units)
}

/// The project's settings (`silent_after_weeks`, next version) while its network version
/// is still `version` (412 otherwise), and its scope replaced by `units`.
pub async fn save_scope<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    version: i64,
    silent_after_weeks: i32,
    units: &[String],
) -> Result<(), AppError> {
    let res = project::Entity::update_many()
        .col_expr(
            project::Column::SilentAfterWeeks,
            Expr::value(silent_after_weeks),
        )
        .col_expr(project::Column::NetworkVersion, Expr::value(version + 1))
        .filter(project::Column::Id.eq(project_id))
        .filter(project::Column::NetworkVersion.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::PreconditionFailed);
    }
    project_unit::Entity::delete_many()
        .filter(project_unit::Column::ProjectId.eq(project_id))
        .exec(db)
        .await?;
    for chunk in units.chunks(500) {
        project_unit::Entity::insert_many(chunk.iter().map(|u| project_unit::ActiveModel {
            id: Set(new_id()),
            project_id: Set(project_id.to_owned()),
            unit_id: Set(u.clone()),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

// ---- change agents ----

/// Every current change agent of the project.
pub async fn agents<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<AgentState>, AppError> {
    let members = membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(project_id))
        .filter(membership::Column::Role.eq(ProjectRole::ChangeAgent))
        .filter(membership::Column::ArchivedAt.is_null())
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    let rows: HashMap<String, ca::Model> = ca::Entity::find()
        .filter(ca::Column::ProjectId.eq(project_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    Ok(members
        .into_iter()
        .map(|m| {
            let row = rows.get(&m.id);
            views::agent_state(m, row)
        })
        .collect())
}

/// The current change-agent membership `id`, if there is one.
pub async fn agent_membership<Db: ConnectionTrait>(
    db: &Db,
    id: &str,
) -> Result<Option<membership::Model>, AppError> {
    Ok(membership::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .filter(|m| m.role == ProjectRole::ChangeAgent.as_str() && m.archived_at.is_none()))
}

/// The stored agent row of membership `id` (none until the agent is first changed).
pub async fn agent_row<Db: ConnectionTrait>(
    db: &Db,
    id: &str,
) -> Result<Option<ca::Model>, AppError> {
    Ok(ca::Entity::find_by_id(id.to_owned()).one(db).await?)
}

/// The agent's new status, history and units (JSON) while its version is still `version`
/// (412 otherwise).
pub async fn update_agent<Db: ConnectionTrait>(
    db: &Db,
    id: &str,
    version: i64,
    status: AgentStatus,
    history: String,
    unit_ids: String,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let res = ca::Entity::update_many()
        .col_expr(ca::Column::Status, Expr::value(status))
        .col_expr(ca::Column::History, Expr::value(history))
        .col_expr(ca::Column::UnitIds, Expr::value(unit_ids))
        .col_expr(ca::Column::UpdatedAt, Expr::value(now))
        .col_expr(ca::Column::Version, Expr::value(version + 1))
        .filter(ca::Column::Id.eq(id))
        .filter(ca::Column::Version.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::PreconditionFailed);
    }
    Ok(())
}

/// The agent's first stored row (412 when another request stored it first).
pub async fn insert_agent<Db: ConnectionTrait>(db: &Db, m: ca::Model) -> Result<(), AppError> {
    ca::Entity::insert(ca::ActiveModel::from(m))
        .exec_without_returning(db)
        .await
        .on_unique(|| AppError::PreconditionFailed)?;
    Ok(())
}

/// Reports per author: count and last date.
pub async fn report_stats<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<HashMap<String, (i64, Option<NaiveDate>)>, AppError> {
    let rows: Vec<(String, i64, Option<NaiveDate>)> = fr::Entity::find()
        .select_only()
        .column(fr::Column::AgentUserId)
        .column_as(fr::Column::Id.count(), "n")
        .column_as(fr::Column::Date.max(), "last")
        .filter(fr::Column::ProjectId.eq(project_id))
        .group_by(fr::Column::AgentUserId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(u, n, d)| (u, (n, d))).collect())
}

/// Training hours per agent.
pub async fn training_hours<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<HashMap<String, f64>, AppError> {
    let rows: Vec<(String, Option<f64>)> = tr::Entity::find()
        .select_only()
        .column(tr::Column::AgentId)
        .column_as(tr::Column::Hours.sum(), "h")
        .filter(tr::Column::ProjectId.eq(project_id))
        .group_by(tr::Column::AgentId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(a, h)| (a, h.unwrap_or(0.0)))
        .collect())
}

/// The agent's training and coaching, newest first.
pub async fn training_records<Db: ConnectionTrait>(
    db: &Db,
    agent_id: &str,
) -> Result<Vec<tr::Model>, AppError> {
    Ok(tr::Entity::find()
        .filter(tr::Column::AgentId.eq(agent_id))
        .order_by_desc(tr::Column::Date)
        .order_by_desc(tr::Column::Id)
        .all(db)
        .await?)
}

pub async fn insert_training<Db: ConnectionTrait>(db: &Db, m: &tr::Model) -> Result<(), AppError> {
    tr::Entity::insert(tr::ActiveModel::from(m.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

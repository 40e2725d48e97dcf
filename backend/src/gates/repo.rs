//! Every statement of the phase gates: requests, recommendations, the project's move and
//! the phase history (one row per stay in a phase).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use varig_types::{GateDecisionKind, GateStatus, Phase, ProblemCode, ProjectRole, ProjectState};

use crate::entities::gate_recommendation as rec;
use crate::entities::gate_request::{self as gate, Column as C, Entity as Gate};
use crate::entities::phase_stay::{self, Entity as Stay};
use crate::entities::{membership, project, user};
use crate::error::{AppError, OnConstraint};
use crate::ids::{Id, PageRequest};
use crate::store;

pub async fn find<Db: ConnectionTrait>(db: &Db, id: Id) -> Result<gate::Model, AppError> {
    Gate::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn open_request<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Option<gate::Model>, AppError> {
    Ok(Gate::find()
        .filter(C::ProjectId.eq(project_id))
        .filter(C::Status.eq(GateStatus::Open))
        .one(db)
        .await?)
}

pub async fn page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    page: &PageRequest,
) -> Result<(Vec<gate::Model>, Option<String>), AppError> {
    let q = Gate::find().filter(C::ProjectId.eq(project_id));
    store::fetch_page(db, q, page, None).await
}

/// Stores a new request; a second open one for the project is `gate_open_exists`.
pub async fn insert<Db: ConnectionTrait>(db: &Db, model: gate::Model) -> Result<(), AppError> {
    Gate::insert(gate::ActiveModel::from(model))
        .exec_without_returning(db)
        .await
        .on_unique(|| {
            AppError::conflict(
                ProblemCode::GateOpenExists,
                "The project already has an open request.",
            )
        })?;
    Ok(())
}

/// Flips an open request to withdrawn; false when it was no longer open.
pub async fn withdraw<Db: ConnectionTrait>(db: &Db, id: Id) -> Result<bool, AppError> {
    let res = Gate::update_many()
        .col_expr(C::Status, Expr::value(GateStatus::Withdrawn))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(GateStatus::Open))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// The decision written on an open request: of two racing decisions exactly one flips it.
pub struct Claim {
    pub decision: GateDecisionKind,
    pub reason: Option<String>,
    pub by: Option<Id>,
    pub at: DateTime<Utc>,
    pub phase: Phase,
}

pub async fn claim_decision<Db: ConnectionTrait>(
    db: &Db,
    id: Id,
    c: Claim,
) -> Result<bool, AppError> {
    let res = Gate::update_many()
        .col_expr(C::Status, Expr::value(GateStatus::Decided))
        .col_expr(C::Decision, Expr::value(c.decision))
        .col_expr(C::DecisionReason, Expr::value(c.reason))
        .col_expr(C::DecidedBy, Expr::value(c.by))
        .col_expr(C::DecidedAt, Expr::value(c.at))
        .col_expr(C::ResultingPhase, Expr::value(c.phase))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(GateStatus::Open))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Moves the project only if it is still in `from`; false when it moved meanwhile.
pub async fn move_project<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    from: Phase,
    to: Phase,
    state: ProjectState,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    let res = project::Entity::update_many()
        .col_expr(project::Column::Phase, Expr::value(to.as_str()))
        .col_expr(project::Column::State, Expr::value(state))
        .col_expr(
            project::Column::Version,
            Expr::col(project::Column::Version).add(1),
        )
        .col_expr(project::Column::UpdatedAt, Expr::value(at))
        .filter(project::Column::Id.eq(project_id))
        .filter(project::Column::Phase.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

pub async fn project<Db: ConnectionTrait>(db: &Db, id: &str) -> Result<project::Model, AppError> {
    store::reload::<project::Entity, _>(db, id).await
}

/// Stores a recommendation; a second one by the same member is `already_exists`.
pub async fn insert_recommendation<Db: ConnectionTrait>(
    db: &Db,
    row: rec::Model,
) -> Result<(), AppError> {
    rec::Entity::insert(rec::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .on_unique(|| {
            AppError::conflict(
                ProblemCode::AlreadyExists,
                "You have already recommended on this request.",
            )
        })?;
    Ok(())
}

pub async fn recommendations<Db: ConnectionTrait>(
    db: &Db,
    request: Id,
) -> Result<Vec<rec::Model>, AppError> {
    Ok(rec::Entity::find()
        .filter(rec::Column::RequestId.eq(request))
        .order_by_asc(rec::Column::Id)
        .all(db)
        .await?)
}

/// The project's active members, with the given role only when `role` is set.
pub async fn members<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    role: Option<ProjectRole>,
) -> Result<Vec<membership::Model>, AppError> {
    let mut q = membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(project_id))
        .filter(membership::Column::ArchivedAt.is_null());
    if let Some(role) = role {
        q = q.filter(membership::Column::Role.eq(role.as_str()));
    }
    Ok(q.all(db).await?)
}

pub async fn users<Db: ConnectionTrait>(
    db: &Db,
    ids: Vec<String>,
) -> Result<HashMap<String, user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect())
}

pub async fn enter_phase<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    phase: Phase,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    Stay::insert(phase_stay::ActiveModel {
        id: Set(Id::new()),
        project_id: Set(Id::stored(project_id)?),
        phase: Set(phase),
        entered_at: Set(at),
        left_at: Set(None),
        ended_by_request: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn leave_phase<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    at: DateTime<Utc>,
    request: Id,
) -> Result<(), AppError> {
    Stay::update_many()
        .col_expr(phase_stay::Column::LeftAt, Expr::value(at))
        .col_expr(phase_stay::Column::EndedByRequest, Expr::value(request))
        .filter(phase_stay::Column::ProjectId.eq(project_id))
        .filter(phase_stay::Column::LeftAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn stays<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<phase_stay::Model>, AppError> {
    Ok(Stay::find()
        .filter(phase_stay::Column::ProjectId.eq(project_id))
        .order_by_asc(phase_stay::Column::Id)
        .all(db)
        .await?)
}

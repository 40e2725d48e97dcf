//! What every operation of the phase plan and the planning tools shares (and, until they
//! move, the other project-bound capabilities use through `crate::api::plan_items`): finding an item
//! together with its project (404 across organisations), the read-only rule for archived
//! projects, checking that a responsible person is a member, and the audit record.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait};
use serde::Serialize;
use uuid::Uuid;
use varig_types::ProblemCode;

use crate::access::project_for;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::field_error;
use crate::entities::project;
pub use crate::entities::InProject;
use crate::error::AppError;
use crate::plan::repo as plan;
use crate::plan::views::Names;
use crate::state::AppState;
use crate::store::{self, HasId};

/// The names a plan object is audited under.
pub struct Kind {
    pub entity: &'static str,
    pub created: &'static str,
    pub updated: &'static str,
    pub deleted: &'static str,
}

macro_rules! kind {
    ($name:ident, $entity:literal) => {
        pub const $name: Kind = Kind {
            entity: $entity,
            created: concat!($entity, ".create"),
            updated: concat!($entity, ".update"),
            deleted: concat!($entity, ".delete"),
        };
    };
}

kind!(CHECKLIST_ITEM, "checklist_item");
kind!(MILESTONE, "milestone");
kind!(GOAL, "goal");
kind!(STAKEHOLDER, "stakeholder");
kind!(BARRIER, "barrier");
kind!(RISK, "risk");
kind!(READINESS, "readiness_assessment");

/// Row `id` of `E` and its project, checked for `action` (404 when the caller may not see
/// the project, 403 when they may see but not do it).
pub async fn item_for<E>(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(E::Model, project::Model), AppError>
where
    E: EntityTrait,
    E::Model: InProject,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let m = store::reload::<E, _>(&state.db, &id.to_string()).await?;
    let (p, _) = project_for(state, who, m.project_id(), action).await?;
    Ok((m, p))
}

/// The project of `id`, checked for `action`, and writable unless `action` only reads.
pub async fn project_checked(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<project::Model, AppError> {
    let (p, _) = project_for(state, who, &id.to_string(), action).await?;
    Ok(p)
}

/// An archived project's plan is read-only (409 `project_not_active`).
pub fn writable(p: &project::Model) -> Result<(), AppError> {
    if p.archived_at.is_some() {
        return Err(AppError::State {
            code: ProblemCode::ProjectNotActive,
            detail: "The project is archived; its plan is read-only.".into(),
        });
    }
    Ok(())
}

/// `user` as stored, after checking it is a current member of the project (422 on `field`).
pub async fn member<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    field: &str,
    user: Option<Uuid>,
) -> Result<Option<String>, AppError> {
    let Some(user) = user else {
        return Ok(None);
    };
    if plan::is_member(db, project_id, &user.to_string()).await? {
        Ok(Some(user.to_string()))
    } else {
        Err(AppError::Validation(vec![field_error(
            field,
            "not_a_member",
            "must be a current member of the project",
        )]))
    }
}

/// Records a change of a plan object in the audit log.
#[allow(clippy::too_many_arguments)]
pub async fn record<Db: ConnectionTrait, T: Serialize>(
    db: &Db,
    who: &Principal,
    project: &project::Model,
    kind: &Kind,
    action: &'static str,
    id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), AppError> {
    audit::record(
        db,
        Some(who),
        Change {
            organisation_id: Some(project.organisation_id.clone()),
            action,
            entity_type: kind.entity,
            entity_id: Some(id.to_owned()),
            before: before.and_then(snapshot),
            after: after.and_then(snapshot),
        },
    )
    .await?;
    Ok(())
}

/// Deletes row `id` of `E` after the checks every plan delete makes: the caller may write
/// the plan, the project is not archived, and `If-Match`, when sent, names the current
/// version (412 otherwise). Records `before` in the audit log.
#[allow(clippy::too_many_arguments)]
pub async fn delete<E, T>(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    kind: &Kind,
    version: impl Fn(&E::Model) -> i64,
    view: impl Fn(&E::Model) -> T,
    allow: impl Fn(&E::Model) -> Result<(), AppError>,
) -> Result<(), AppError>
where
    E: EntityTrait,
    E::Model: InProject,
    T: Serialize,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let (before, p) = item_for::<E>(state, who, id, Action::PlanWrite).await?;
    if let Some(tag) = if_match {
        crate::ids::check_if_match(Some(tag), version(&before))?;
    }
    writable(&p)?;
    allow(&before)?;
    let txn = crate::db::begin_write(&state.db).await?;
    if !plan::delete_by_id::<E, _>(&txn, &id.to_string()).await? {
        return Err(AppError::NotFound);
    }
    record(
        &txn,
        who,
        &p,
        kind,
        kind.deleted,
        &id.to_string(),
        Some(&view(&before)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Inserts a new plan object and records it, in one transaction; answers with its view.
/// `people` names the users the view shows by name.
pub async fn create<E, T>(
    state: &AppState,
    who: &Principal,
    project: &project::Model,
    kind: &Kind,
    model: E::Model,
    people: impl Fn(&E::Model) -> Vec<String>,
    view: impl Fn(&E::Model, &Names) -> T,
) -> Result<T, AppError>
where
    E: EntityTrait,
    E::Model: HasId + Clone + sea_orm::IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: From<E::Model> + ActiveModelTrait<Entity = E> + Send,
    T: Serialize,
{
    let txn = crate::db::begin_write(&state.db).await?;
    plan::insert::<E, _>(&txn, model.clone()).await?;
    let names = plan::names(&txn, people(&model)).await?;
    let after = view(&model, &names);
    record(
        &txn,
        who,
        project,
        kind,
        kind.created,
        model.id(),
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Replaces a plan object at `version` (412 when someone changed it first) and records the
/// change, in one transaction; answers with the new view and row.
#[allow(clippy::too_many_arguments)]
pub async fn replace<E, T>(
    state: &AppState,
    who: &Principal,
    project: &project::Model,
    kind: &Kind,
    before: &E::Model,
    version: i64,
    values: store::Values,
    people: impl Fn(&E::Model) -> Vec<String>,
    view: impl Fn(&E::Model, &Names) -> T,
) -> Result<(T, E::Model), AppError>
where
    E: EntityTrait + Default,
    E::Model: HasId,
    T: Serialize,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let txn = crate::db::begin_write(&state.db).await?;
    let after = store::update_versioned(&txn, E::default(), before.id(), version, values).await?;
    let mut ids = people(before);
    ids.extend(people(&after));
    let names = plan::names(&txn, ids).await?;
    let (b, a) = (view(before, &names), view(&after, &names));
    record(
        &txn,
        who,
        project,
        kind,
        kind.updated,
        after.id(),
        Some(&b),
        Some(&a),
    )
    .await?;
    txn.commit().await?;
    Ok((a, after))
}

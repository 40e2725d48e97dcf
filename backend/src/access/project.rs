//! The access check of every project-scoped operation: the project, the caller's role in
//! it and the permission table, in one query.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use varig_types::ProjectRole;

use crate::access::{self, Action, Subject};
use crate::auth::Principal;
use crate::entities::membership;
use crate::entities::project::{self, Column as C, Entity as Proj};
use crate::error::AppError;
use crate::state::AppState;
use crate::views;

/// The caller's active role in a project, if any.
pub async fn role_in(
    state: &AppState,
    who: &Principal,
    project_id: &str,
) -> Result<Option<ProjectRole>, AppError> {
    let Some(user) = who.user_id_str() else {
        return Ok(None);
    };
    Ok(membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(project_id))
        .filter(membership::Column::UserId.eq(user))
        .filter(membership::Column::ArchivedAt.is_null())
        .one(&state.db)
        .await?
        .map(|m| views::role(&m.role)))
}

/// The caller's active role in every project they hold one in, by project id.
pub async fn my_roles(
    state: &AppState,
    who: &Principal,
) -> Result<HashMap<String, ProjectRole>, AppError> {
    Ok(match who.user_id_str() {
        Some(user) => membership::Entity::find()
            .filter(membership::Column::UserId.eq(user))
            .filter(membership::Column::ArchivedAt.is_null())
            .all(&state.db)
            .await?
            .into_iter()
            .map(|m| (m.project_id.clone(), views::role(&m.role)))
            .collect(),
        None => HashMap::new(),
    })
}

/// Loads a project for `action`: 404 when it is in another organisation or the caller may
/// not see it at all, 403 when they see it but their role does not allow `action`.
pub async fn project_for(
    state: &AppState,
    who: &Principal,
    id: &str,
    action: Action,
) -> Result<(project::Model, Option<ProjectRole>), AppError> {
    let (project, role, _) = project_and_unit_for(state, who, id, action, None).await?;
    Ok((project, role))
}

/// [`project_for`], and the name of `unit` when it is in the project's scope, all in one
/// query (the project, the caller's membership and the unit joined): the phone's report path
/// pays one round trip for everything it checks before its insert.
pub async fn project_and_unit_for(
    state: &AppState,
    who: &Principal,
    id: &str,
    action: Action,
    unit: Option<&str>,
) -> Result<(project::Model, Option<ProjectRole>, Option<String>), AppError> {
    use sea_orm::sea_query::{Alias, Asterisk, Expr, JoinType, Query as Sql};
    use sea_orm::{ConnectionTrait, FromQueryResult};

    use crate::entities::{project_unit as pu, unit as un};

    let m = membership::Entity;
    let mut q = Sql::select();
    q.column((Proj, Asterisk))
        .expr_as(
            Expr::col((m, membership::Column::Role)),
            Alias::new("my_role"),
        )
        .from(Proj)
        .join(
            JoinType::LeftJoin,
            m,
            Expr::col((m, membership::Column::ProjectId))
                .equals((Proj, C::Id))
                .and(
                    Expr::col((m, membership::Column::UserId))
                        .eq(who.user_id_str().unwrap_or_default()),
                )
                .and(Expr::col((m, membership::Column::ArchivedAt)).is_null()),
        )
        .and_where(Expr::col((Proj, C::Id)).eq(id));
    if let Some(unit) = unit {
        q.expr_as(
            Expr::col((un::Entity, un::Column::Name)),
            Alias::new("unit_name"),
        )
        .join(
            JoinType::LeftJoin,
            pu::Entity,
            Expr::col((pu::Entity, pu::Column::ProjectId))
                .equals((Proj, C::Id))
                .and(Expr::col((pu::Entity, pu::Column::UnitId)).eq(unit)),
        )
        .join(
            JoinType::LeftJoin,
            un::Entity,
            Expr::col((un::Entity, un::Column::Id)).equals((pu::Entity, pu::Column::UnitId)),
        );
    }
    let row = state
        .db
        .query_one(state.db.get_database_backend().build(&q))
        .await?
        .ok_or(AppError::NotFound)?;
    let project = project::Model::from_query_result(&row, "")?;
    if !who.same_org(&project.organisation_id) {
        return Err(AppError::NotFound);
    }
    let role = row
        .try_get::<Option<String>>("", "my_role")?
        .map(|r| views::role(&r));
    let unit_name = match unit {
        Some(_) => row.try_get::<Option<String>>("", "unit_name")?,
        None => None,
    };
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    if !access::allowed(&subjects, Action::ProjectRead) {
        return Err(AppError::NotFound);
    }
    if !access::allowed(&subjects, action) {
        return Err(AppError::Forbidden);
    }
    Ok((project, role, unit_name))
}

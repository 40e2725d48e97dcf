//! The dashboard's own statements: which projects the overview and the snapshot go
//! through. (What a dashboard shows is read by `facts`, `cache` and the capabilities'
//! services.)

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::project;
use crate::ids::{page_of, PageRequest};

/// One page of the organisation's active (not archived) projects in creation order; only
/// those in `only` when given.
pub async fn active_projects<C: ConnectionTrait>(
    db: &C,
    organisation_id: &str,
    only: Option<Vec<String>>,
    page: &PageRequest,
) -> Result<(Vec<project::Model>, Option<String>), DbErr> {
    let mut q = project::Entity::find()
        .filter(project::Column::OrganisationId.eq(organisation_id))
        .filter(project::Column::ArchivedAt.is_null());
    if let Some(ids) = only {
        q = q.filter(project::Column::Id.is_in(ids));
    }
    if let Some(after) = &page.after {
        q = q.filter(project::Column::Id.gt(after.clone()));
    }
    let rows = q
        .order_by_asc(project::Column::Id)
        .limit(page.limit + 1)
        .all(db)
        .await?;
    Ok(page_of(rows, page.limit, |p| &p.id))
}

/// Every active project of every organisation (for the snapshot).
pub async fn active_projects_everywhere<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<project::Model>, DbErr> {
    project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .filter(project::Column::State.eq(varig_types::ProjectState::Active))
        .all(db)
        .await
}

//! A project's dashboard is reused while nothing it depends on changed: every change made
//! through the API on any instance starts a new generation (`auth::invalidate`), a field
//! report (which does not) moves the project's newest report (checked with one indexed
//! query per call), and an entry lives at most `VARIG_DASHBOARD_CACHE_SECS` (default 30 s),
//! so the parts that depend on the clock (days in phase, silent agents, overdue periods)
//! are never older than that. A call with a fresh entry costs two queries instead of twenty.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use varig_types::{ProjectDashboard, ProjectRole};

use crate::entities::{field_report as fr, project};
use crate::error::AppError;
use crate::state::AppState;

/// The newest field report of a project (its `received_id`), or None.
async fn newest_report(state: &AppState, project: &str) -> Result<Option<String>, AppError> {
    Ok(fr::Entity::find()
        .select_only()
        .column(fr::Column::ReceivedId)
        .filter(fr::Column::ProjectId.eq(project))
        .order_by_desc(fr::Column::ReceivedId)
        .limit(1)
        .into_tuple::<String>()
        .one(&state.db)
        .await?)
}

/// The dashboard of `p` as `role` sees it: the kept one when nothing changed since, else
/// computed (and kept).
pub async fn cached(
    state: &AppState,
    p: &project::Model,
    role: Option<ProjectRole>,
    now: DateTime<Utc>,
) -> Result<ProjectDashboard, AppError> {
    let key = (p.id.clone(), role);
    let generation = state.dashboards.generation();
    let newest = newest_report(state, &p.id).await?;
    if let Some((seen, d)) = state.dashboards.get(&key) {
        if seen == newest {
            return Ok(d);
        }
    }
    let d = super::service::project_dashboard(&state.db, p, role, now).await?;
    state.dashboards.put(key, (newest, d.clone()), generation);
    Ok(d)
}

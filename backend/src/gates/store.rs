//! The phase history: one row per stay in a phase.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use varig_types::{Phase, PhaseHistory, PhaseStay};

use crate::entities::phase_stay::{self, Column as C, Entity as Stay};
use crate::entities::project;
use crate::error::AppError;
use crate::ids::{new_id, parse_id};
use crate::views;

pub async fn enter_phase<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    phase: Phase,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    Stay::insert(phase_stay::ActiveModel {
        id: Set(new_id()),
        project_id: Set(project_id.to_owned()),
        phase: Set(phase.as_str().to_owned()),
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
    request: &str,
) -> Result<(), AppError> {
    Stay::update_many()
        .col_expr(C::LeftAt, Expr::value(at))
        .col_expr(C::EndedByRequest, Expr::value(request))
        .filter(C::ProjectId.eq(project_id))
        .filter(C::LeftAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn history<Db: ConnectionTrait>(
    db: &Db,
    project: &project::Model,
    now: DateTime<Utc>,
) -> Result<PhaseHistory, AppError> {
    let rows = Stay::find()
        .filter(C::ProjectId.eq(project.id.clone()))
        .order_by_asc(C::Id)
        .all(db)
        .await?;
    let stays: Vec<PhaseStay> = if rows.is_empty() {
        // A project from before phase history was kept: one stay since its creation.
        vec![PhaseStay {
            phase: views::phase(&project.phase),
            entered_at: project.created_at,
            left_at: None,
            days: (now - project.created_at).num_days(),
            ended_by_request: None,
        }]
    } else {
        rows.iter()
            .map(|r| PhaseStay {
                phase: views::phase(&r.phase),
                entered_at: r.entered_at,
                left_at: r.left_at,
                days: (r.left_at.unwrap_or(now) - r.entered_at).num_days(),
                ended_by_request: r.ended_by_request.as_deref().map(parse_id),
            })
            .collect()
    };
    let total = |p: Phase| stays.iter().filter(|s| s.phase == p).map(|s| s.days).sum();
    let items = crate::plan::store::checklist_rows(db, &project.id).await?;
    Ok(PhaseHistory {
        checklist: crate::plan::store::completion_of(&items),
        days_prepare: total(Phase::Prepare),
        days_plan: total(Phase::Plan),
        days_implement: total(Phase::Implement),
        days_sustain: total(Phase::Sustain),
        stays,
    })
}

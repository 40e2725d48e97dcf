//! Every database statement of the plan and the planning tools: seeding the checklist, the
//! checklist with completion, display names, the evidence a gate request freezes, the
//! lists, and the generic insert and delete of a plan row.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter,
    QueryOrder, Select,
};
use serde_json::json;
use varig_types::{Checklist, ItemStatus, Phase, ReadinessAnswer};

use super::phase_model::PHASE_MODEL;
use super::rules;
use super::views::{self, Names};
use crate::entities::{
    barrier, checklist_item as ci, goal, indicator, membership, milestone,
    readiness_assessment as ra, readiness_response as rr, risk, stakeholder, user,
};
use crate::error::AppError;
use crate::ids::{new_id, PageRequest};
use crate::store::{self, HasId};

/// Whether `user` is a current member of project `project_id`.
pub async fn is_member<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    user: &str,
) -> Result<bool, AppError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(project_id))
        .filter(membership::Column::UserId.eq(user))
        .filter(membership::Column::ArchivedAt.is_null())
        .one(db)
        .await?
        .is_some())
}

/// Inserts `model` as a new row of `E`.
pub async fn insert<E, Db>(db: &Db, model: E::Model) -> Result<(), AppError>
where
    E: EntityTrait,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: From<E::Model> + ActiveModelTrait<Entity = E> + Send,
    Db: ConnectionTrait,
{
    E::insert(E::ActiveModel::from(model))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Deletes row `id` of `E`; whether there was one.
pub async fn delete_by_id<E, Db>(db: &Db, id: &str) -> Result<bool, AppError>
where
    E: EntityTrait,
    Db: ConnectionTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let res = E::delete_by_id(id.to_owned()).exec(db).await?;
    Ok(res.rows_affected > 0)
}

/// One page of `q` (the rows of one project) in creation order.
async fn page<E, Db>(
    db: &Db,
    q: Select<E>,
    page: &PageRequest,
) -> Result<(Vec<E::Model>, Option<String>), AppError>
where
    E: EntityTrait,
    E::Model: HasId,
    Db: ConnectionTrait,
{
    store::fetch_page(db, q, page, None).await
}

/// A page of the project's milestones, optionally of one phase.
pub async fn milestones_page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    of_phase: Option<Phase>,
    p: &PageRequest,
) -> Result<(Vec<milestone::Model>, Option<String>), AppError> {
    let mut q = milestone::Entity::find().filter(milestone::Column::ProjectId.eq(project_id));
    if let Some(ph) = of_phase {
        q = q.filter(milestone::Column::Phase.eq(ph));
    }
    page(db, q, p).await
}

/// A page of the project's goals.
pub async fn goals_page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    p: &PageRequest,
) -> Result<(Vec<goal::Model>, Option<String>), AppError> {
    let q = goal::Entity::find().filter(goal::Column::ProjectId.eq(project_id));
    page(db, q, p).await
}

/// Every goal of the project (the tree a change is checked against).
pub async fn goals_of<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<goal::Model>, AppError> {
    Ok(goal::Entity::find()
        .filter(goal::Column::ProjectId.eq(project_id))
        .all(db)
        .await?)
}

/// Whether goal `id` has sub-goals.
pub async fn has_sub_goals<Db: ConnectionTrait>(db: &Db, id: &str) -> Result<bool, AppError> {
    Ok(goal::Entity::find()
        .filter(goal::Column::ParentId.eq(id))
        .one(db)
        .await?
        .is_some())
}

/// Whether indicator `id` belongs to project `project_id`.
pub async fn indicator_in_project<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    id: &str,
) -> Result<bool, AppError> {
    Ok(indicator::Entity::find_by_id(id.to_owned())
        .filter(indicator::Column::ProjectId.eq(project_id))
        .one(db)
        .await?
        .is_some())
}

/// A page of the project's stakeholders.
pub async fn stakeholders_page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    p: &PageRequest,
) -> Result<(Vec<stakeholder::Model>, Option<String>), AppError> {
    let q = stakeholder::Entity::find().filter(stakeholder::Column::ProjectId.eq(project_id));
    page(db, q, p).await
}

/// A page of the project's barriers and facilitators, optionally of one level.
pub async fn barriers_page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    level: Option<varig_types::BarrierLevel>,
    p: &PageRequest,
) -> Result<(Vec<barrier::Model>, Option<String>), AppError> {
    let mut q = barrier::Entity::find().filter(barrier::Column::ProjectId.eq(project_id));
    if let Some(l) = level {
        q = q.filter(barrier::Column::Level.eq(l));
    }
    page(db, q, p).await
}

/// A page of the project's risks, optionally with one status.
pub async fn risks_page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    status: Option<varig_types::RiskStatus>,
    p: &PageRequest,
) -> Result<(Vec<risk::Model>, Option<String>), AppError> {
    let mut q = risk::Entity::find().filter(risk::Column::ProjectId.eq(project_id));
    if let Some(s) = status {
        q = q.filter(risk::Column::Status.eq(s));
    }
    page(db, q, p).await
}

/// Seeds a new project's checklist from the phase model.
pub async fn seed_checklist<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let rows = PHASE_MODEL
        .iter()
        .enumerate()
        .map(|(i, m)| ci::ActiveModel {
            id: sea_orm::ActiveValue::Set(new_id()),
            project_id: sea_orm::ActiveValue::Set(project_id.to_owned()),
            phase: sea_orm::ActiveValue::Set(m.phase),
            kind: sea_orm::ActiveValue::Set(m.kind),
            key: sea_orm::ActiveValue::Set(Some(m.key.to_owned())),
            title_nb: sea_orm::ActiveValue::Set(m.nb.to_owned()),
            title_nn: sea_orm::ActiveValue::Set(m.nn.to_owned()),
            title_en: sea_orm::ActiveValue::Set(m.en.to_owned()),
            position: sea_orm::ActiveValue::Set(i as i32),
            status: sea_orm::ActiveValue::Set(ItemStatus::NotStarted),
            not_relevant_reason: sea_orm::ActiveValue::Set(None),
            responsible_id: sea_orm::ActiveValue::Set(None),
            evidence: sea_orm::ActiveValue::Set(String::new()),
            evidence_links: sea_orm::ActiveValue::Set("[]".to_owned()),
            updated_by: sea_orm::ActiveValue::Set(None),
            created_at: sea_orm::ActiveValue::Set(now),
            updated_at: sea_orm::ActiveValue::Set(now),
            version: sea_orm::ActiveValue::Set(1),
        });
    ci::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Display names of the users `ids` (unknown ids are left out).
pub async fn names<Db: ConnectionTrait>(db: &Db, mut ids: Vec<String>) -> Result<Names, AppError> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Names::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

fn phase_rank(p: Phase) -> usize {
    Phase::ALL
        .iter()
        .position(|x| *x == p)
        .unwrap_or(Phase::ALL.len())
}

/// The project's checklist items in phase order, then position (local items after the
/// model's, in the order they were added).
pub async fn checklist_rows<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<ci::Model>, AppError> {
    let mut rows = ci::Entity::find()
        .filter(ci::Column::ProjectId.eq(project_id))
        .order_by_asc(ci::Column::Position)
        .order_by_asc(ci::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|r| (phase_rank(r.phase), r.position));
    Ok(rows)
}

pub async fn checklist<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Checklist, AppError> {
    let rows = checklist_rows(db, project_id).await?;
    let ids: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.responsible_id.clone(), r.updated_by.clone()])
        .flatten()
        .collect();
    let names = names(db, ids).await?;
    Ok(Checklist {
        completion: completion_of(&rows),
        items: rows
            .iter()
            .map(|r| views::checklist_item(r, &names))
            .collect(),
    })
}

pub fn completion_of(rows: &[ci::Model]) -> Vec<varig_types::PhaseCompletion> {
    let statuses: Vec<_> = rows.iter().map(|r| (r.phase, r.status)).collect();
    rules::completion(&statuses)
}

/// The position after the last item of `phase` (local items go last).
pub fn next_position(rows: &[ci::Model]) -> i32 {
    rows.iter().map(|r| r.position).max().unwrap_or(0) + 1
}

/// The result of the project's latest readiness round that has answers, with its title.
pub async fn latest_readiness<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Option<(ra::Model, varig_types::ReadinessResult)>, AppError> {
    let rounds = ra::Entity::find()
        .filter(ra::Column::ProjectId.eq(project_id))
        .order_by_desc(ra::Column::Id)
        .all(db)
        .await?;
    for round in rounds {
        let responses = responses_of(db, &round.id).await?;
        if !responses.is_empty() {
            let result = crate::rounds::readiness::result(&responses);
            return Ok(Some((round, result)));
        }
    }
    Ok(None)
}

/// Every respondent's answers in round `assessment_id`.
pub async fn responses_of<Db: ConnectionTrait>(
    db: &Db,
    assessment_id: &str,
) -> Result<Vec<Vec<ReadinessAnswer>>, AppError> {
    Ok(rr::Entity::find()
        .filter(rr::Column::AssessmentId.eq(assessment_id))
        .order_by_asc(rr::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|r| serde_json::from_str(&r.answers).unwrap_or_default())
        .collect())
}

/// What a gate request freezes of the plan: the checklist of the current phase, the
/// completion of every phase, the milestones of the current phase and the latest readiness.
pub async fn evidence<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    current: Phase,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    let list = checklist(db, project_id).await?;
    let items: Vec<_> = list.items.iter().filter(|i| i.phase == current).collect();
    let miles = milestone::Entity::find()
        .filter(milestone::Column::ProjectId.eq(project_id))
        .filter(milestone::Column::Phase.eq(current))
        .order_by_asc(milestone::Column::DueDate)
        .order_by_asc(milestone::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<String> = miles
        .iter()
        .filter_map(|m| m.responsible_id.clone())
        .collect();
    let mnames = names(db, ids).await?;
    let readiness = latest_readiness(db, project_id).await?;
    Ok(json!({
        "checklist": items,
        "completion": list.completion,
        "milestones": miles.iter().map(|m| views::milestone(m, &mnames, now)).collect::<Vec<_>>(),
        "readiness": readiness.as_ref().map(|(_, r)| r),
        "readiness_title": readiness.as_ref().map(|(a, _)| a.title.clone()),
    }))
}

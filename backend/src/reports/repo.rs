//! Every database statement of field reports: the feed with its filters, the export, the
//! rows behind the reactions, and the writer's one multi-row insert.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Iterable, ModelTrait, Order, QueryFilter,
    QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;
use varig_types::{Activity, ReactionStage};

use super::writer::Written;
use crate::entities::{field_report as fr, unit};
use crate::error::AppError;
use crate::ids::{page_of, PageRequest};

/// What the caller may read: every report, or only their own.
pub enum Reach {
    All,
    Own(String),
}

/// The feed's filters.
#[derive(Default)]
pub struct Filters {
    pub unit: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub activity: Option<Activity>,
    pub stage: Option<ReactionStage>,
    pub agent: Option<Uuid>,
}

fn filtered(project_id: &str, reach: &Reach, f: &Filters) -> Select<fr::Entity> {
    let mut q = fr::Entity::find().filter(fr::Column::ProjectId.eq(project_id));
    if let Reach::Own(me) = reach {
        q = q.filter(fr::Column::AgentUserId.eq(me.clone()));
    }
    if let Some(u) = f.unit {
        q = q.filter(fr::Column::UnitId.eq(u.to_string()));
    }
    if let Some(d) = f.from {
        q = q.filter(fr::Column::Date.gte(d));
    }
    if let Some(d) = f.to {
        q = q.filter(fr::Column::Date.lte(d));
    }
    if let Some(a) = f.activity {
        q = q.filter(fr::Column::Activity.eq(a));
    }
    if let Some(s) = f.stage {
        q = q.filter(fr::Column::Stage.eq(s));
    }
    if let Some(a) = f.agent {
        q = q.filter(fr::Column::AgentUserId.eq(a.to_string()));
    }
    q
}

/// One page of the feed, newest received first.
pub async fn page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    reach: &Reach,
    f: &Filters,
    page: &PageRequest,
) -> Result<(Vec<fr::Model>, Option<String>), AppError> {
    let mut q = filtered(project_id, reach, f)
        .order_by(fr::Column::ReceivedId, Order::Desc)
        .limit(page.limit + 1);
    if let Some(after) = &page.after {
        q = q.filter(fr::Column::ReceivedId.lt(after.clone()));
    }
    Ok(page_of(q.all(db).await?, page.limit, |r| &r.received_id))
}

/// At most `limit` reports of the feed, newest received first.
pub async fn newest<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    reach: &Reach,
    f: &Filters,
    limit: u64,
) -> Result<Vec<fr::Model>, AppError> {
    Ok(filtered(project_id, reach, f)
        .order_by(fr::Column::ReceivedId, Order::Desc)
        .limit(limit)
        .all(db)
        .await?)
}

/// (unit id, date, stage) of every report of the project within the filters.
pub async fn reaction_rows<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    f: &Filters,
) -> Result<Vec<(String, NaiveDate, ReactionStage)>, AppError> {
    Ok(filtered(project_id, &Reach::All, f)
        .select_only()
        .column(fr::Column::UnitId)
        .column(fr::Column::Date)
        .column(fr::Column::Stage)
        .into_tuple()
        .all(db)
        .await?)
}

/// The names of units `ids` (in bounded `IN` lists).
pub async fn unit_names<Db: ConnectionTrait>(
    db: &Db,
    mut ids: Vec<String>,
) -> Result<HashMap<String, String>, AppError> {
    ids.sort_unstable();
    ids.dedup();
    let mut names = HashMap::new();
    for chunk in ids.chunks(500) {
        for u in unit::Entity::find()
            .filter(unit::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            names.insert(u.id, u.name);
        }
    }
    Ok(names)
}

/// Report `id`, if it exists.
pub async fn report<Db: ConnectionTrait>(db: &Db, id: &str) -> Result<Option<fr::Model>, AppError> {
    Ok(fr::Entity::find_by_id(id.to_owned()).one(db).await?)
}

/// One `INSERT … ON CONFLICT (id) DO NOTHING RETURNING id` for `reports`; what became of
/// each, in order.
pub async fn insert_reports<Db: ConnectionTrait>(
    db: &Db,
    reports: &[&fr::Model],
) -> Result<Vec<Written>, DbErr> {
    // Two copies of one report in a group: the first is stored, the second is its replay.
    let mut seen = HashSet::new();
    let fresh: Vec<&fr::Model> = reports
        .iter()
        .copied()
        .filter(|r| seen.insert(r.id.as_str()))
        .collect();
    let mut insert = Query::insert();
    insert
        .into_table(fr::Entity)
        .columns(fr::Column::iter())
        .on_conflict(OnConflict::column(fr::Column::Id).do_nothing().to_owned())
        .returning_col(fr::Column::Id);
    for r in &fresh {
        insert
            .values(fr::Column::iter().map(|c| r.get(c).into()))
            .map_err(|e| DbErr::Custom(format!("report row: {e}")))?;
    }
    let rows = db
        .query_all(db.get_database_backend().build(&insert))
        .await?;
    let mut stored = HashSet::new();
    for row in rows {
        stored.insert(row.try_get_by_index::<String>(0)?);
    }
    let mut answered = HashSet::new();
    Ok(reports
        .iter()
        .map(|r| {
            if stored.contains(&r.id) && answered.insert(r.id.as_str()) {
                Written::Stored
            } else {
                Written::AlreadyThere
            }
        })
        .collect())
}

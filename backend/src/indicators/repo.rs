//! Every database statement of indicators: definitions, measurements and their
//! corrections, the values of a project's indicators in one query, and the fade-risk
//! settings and daily history.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use varig_types::{
    FadeLevel, FadeRisk, FadeRiskPoint, FadeSettings, FadeSignalKind, MeasurementSource,
};

use super::fade;
use crate::entities::indicator::{self as ind, Entity as Ind};
use crate::entities::measurement::{self as ms, Entity as Ms};
use crate::entities::measurement_revision::{self as rev, Entity as Rev};
use crate::entities::{fade_risk_point as point, fade_setting, goal, project};
use crate::error::AppError;
use crate::ids::new_id;

/// The project's indicators in creation order.
pub async fn indicators<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
) -> Result<Vec<ind::Model>, DbErr> {
    Ind::find()
        .filter(ind::Column::ProjectId.eq(project_id))
        .order_by_asc(ind::Column::Id)
        .all(db)
        .await
}

/// How many indicators the project has.
pub async fn count<C: ConnectionTrait>(db: &C, project_id: &str) -> Result<u64, DbErr> {
    Ind::find()
        .filter(ind::Column::ProjectId.eq(project_id))
        .count(db)
        .await
}

pub async fn indicator<C: ConnectionTrait>(db: &C, id: &str) -> Result<Option<ind::Model>, DbErr> {
    Ind::find_by_id(id.to_owned()).one(db).await
}

pub async fn project<C: ConnectionTrait>(
    db: &C,
    id: &str,
) -> Result<Option<project::Model>, DbErr> {
    project::Entity::find_by_id(id.to_owned()).one(db).await
}

/// Whether `goal_id` is a goal of the project.
pub async fn goal_in_project<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
    goal_id: &str,
) -> Result<bool, DbErr> {
    Ok(goal::Entity::find_by_id(goal_id.to_owned())
        .filter(goal::Column::ProjectId.eq(project_id))
        .one(db)
        .await?
        .is_some())
}

/// Deletes indicator `id` with its measurements and their corrections; goals that named it
/// no longer do. Whether it was there.
pub async fn delete_indicator<C: ConnectionTrait>(db: &C, id: &str) -> Result<bool, DbErr> {
    let ids: Vec<String> = Ms::find()
        .filter(ms::Column::IndicatorId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if !ids.is_empty() {
        Rev::delete_many()
            .filter(rev::Column::MeasurementId.is_in(ids))
            .exec(db)
            .await?;
    }
    Ms::delete_many()
        .filter(ms::Column::IndicatorId.eq(id))
        .exec(db)
        .await?;
    goal::Entity::update_many()
        .col_expr(
            goal::Column::IndicatorId,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            goal::Column::Version,
            Expr::col(goal::Column::Version).add(1),
        )
        .filter(goal::Column::IndicatorId.eq(id))
        .exec(db)
        .await?;
    let res = Ind::delete_by_id(id.to_owned()).exec(db).await?;
    Ok(res.rows_affected > 0)
}

/// Every stored value of the project's indicators, by indicator: one query.
pub async fn values<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
) -> Result<HashMap<String, Vec<(NaiveDate, f64)>>, AppError> {
    let rows: Vec<(String, NaiveDate, f64)> = Ms::find()
        .select_only()
        .column(ms::Column::IndicatorId)
        .column(ms::Column::PeriodStart)
        .column(ms::Column::Value)
        .filter(ms::Column::ProjectId.eq(project_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<String, Vec<(NaiveDate, f64)>> = HashMap::new();
    for (i, p, v) in rows {
        out.entry(i).or_default().push((p, v));
    }
    Ok(out)
}

/// The indicator's measurements, oldest period first, with period starts within `from`–`to`.
pub async fn measurements<C: ConnectionTrait>(
    db: &C,
    indicator_id: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<ms::Model>, DbErr> {
    let mut q = Ms::find().filter(ms::Column::IndicatorId.eq(indicator_id));
    if let Some(f) = from {
        q = q.filter(ms::Column::PeriodStart.gte(f));
    }
    if let Some(t) = to {
        q = q.filter(ms::Column::PeriodStart.lte(t));
    }
    q.order_by_asc(ms::Column::PeriodStart).all(db).await
}

/// The project's measurements by indicator and period, at most `limit`.
pub async fn project_measurements<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
    limit: u64,
) -> Result<Vec<ms::Model>, DbErr> {
    Ms::find()
        .filter(ms::Column::ProjectId.eq(project_id))
        .order_by_asc(ms::Column::IndicatorId)
        .order_by_asc(ms::Column::PeriodStart)
        .limit(Some(limit))
        .all(db)
        .await
}

pub async fn measurement<C: ConnectionTrait>(db: &C, id: &str) -> Result<Option<ms::Model>, DbErr> {
    Ms::find_by_id(id.to_owned()).one(db).await
}

pub async fn insert_measurement<C: ConnectionTrait>(db: &C, m: &ms::Model) -> Result<(), DbErr> {
    Ms::insert(ms::ActiveModel::from(m.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The earlier values of measurement `id`, newest first.
pub async fn revisions<C: ConnectionTrait>(db: &C, id: &str) -> Result<Vec<rev::Model>, DbErr> {
    Rev::find()
        .filter(rev::Column::MeasurementId.eq(id))
        .order_by_desc(rev::Column::Version)
        .all(db)
        .await
}

/// Replaces measurement `before` with `after`'s value, comment and recorder, only while its
/// version is still `before.version`, and keeps `before` as a revision. Whether it was
/// replaced (false: someone corrected it first).
pub async fn correct<C: ConnectionTrait>(
    db: &C,
    before: &ms::Model,
    after: &ms::Model,
) -> Result<bool, DbErr> {
    let res = Ms::update_many()
        .col_expr(ms::Column::Value, Expr::value(after.value))
        .col_expr(ms::Column::Comment, Expr::value(after.comment.clone()))
        .col_expr(ms::Column::Source, Expr::value(after.source.clone()))
        .col_expr(
            ms::Column::RecordedByUserId,
            Expr::value(after.recorded_by_user_id.clone()),
        )
        .col_expr(
            ms::Column::RecordedByTokenId,
            Expr::value(after.recorded_by_token_id.clone()),
        )
        .col_expr(
            ms::Column::RecordedByName,
            Expr::value(after.recorded_by_name.clone()),
        )
        .col_expr(ms::Column::RecordedAt, Expr::value(after.recorded_at))
        .col_expr(ms::Column::Version, Expr::value(after.version))
        .filter(ms::Column::Id.eq(before.id.clone()))
        .filter(ms::Column::Version.eq(before.version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Ok(false);
    }
    rev::ActiveModel {
        id: Set(new_id()),
        measurement_id: Set(before.id.clone()),
        version: Set(before.version),
        value: Set(before.value),
        comment: Set(before.comment.clone()),
        source: Set(before.source.clone()),
        recorded_by_name: Set(before.recorded_by_name.clone()),
        recorded_at: Set(before.recorded_at),
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// Records `value` as computed indicator `indicator_id`'s value of `period` (replacing an
/// earlier snapshot of the same period).
pub async fn record_computed<C: ConnectionTrait>(
    db: &C,
    indicator_id: &str,
    project_id: &str,
    period: NaiveDate,
    value: f64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let existing = Ms::find()
        .filter(ms::Column::IndicatorId.eq(indicator_id))
        .filter(ms::Column::PeriodStart.eq(period))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            let mut a: ms::ActiveModel = m.into();
            a.value = Set(value);
            a.recorded_at = Set(now);
            a.update(db).await?;
        }
        None => {
            Ms::insert(ms::ActiveModel {
                id: Set(new_id()),
                indicator_id: Set(indicator_id.to_owned()),
                project_id: Set(project_id.to_owned()),
                period_start: Set(period),
                value: Set(value),
                comment: Set(String::new()),
                source: Set(MeasurementSource::Varig.as_str().to_owned()),
                recorded_by_user_id: Set(None),
                recorded_by_token_id: Set(None),
                recorded_by_name: Set("Varig".into()),
                recorded_at: Set(now),
                version: Set(1),
            })
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

/// The project's fade-risk settings (the defaults until someone changes them).
pub async fn fade_settings<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<FadeSettings, AppError> {
    Ok(fade_setting::Entity::find_by_id(project_id.to_owned())
        .one(db)
        .await?
        .and_then(|r| serde_json::from_str(&r.settings).ok())
        .unwrap_or_else(fade::defaults))
}

pub async fn save_fade_settings<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    s: &FadeSettings,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let json = serde_json::to_string(s).map_err(|e| AppError::Internal(e.to_string()))?;
    let row = fade_setting::ActiveModel {
        project_id: Set(project_id.to_owned()),
        settings: Set(json),
        updated_at: Set(now),
    };
    if fade_setting::Entity::find_by_id(project_id.to_owned())
        .one(db)
        .await?
        .is_some()
    {
        row.update(db).await?;
    } else {
        fade_setting::Entity::insert(row)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Records the fade risk of `date` (replacing an earlier one of the same day).
pub async fn record_fade_point<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    date: NaiveDate,
    risk: &FadeRisk,
) -> Result<(), AppError> {
    let triggered: Vec<&str> = risk
        .signals
        .iter()
        .filter(|s| s.triggered)
        .map(|s| s.kind.as_str())
        .collect();
    let row = point::ActiveModel {
        project_id: Set(project_id.to_owned()),
        date: Set(date),
        score: Set(risk.score),
        level: Set(risk.level.as_str().to_owned()),
        triggered: Set(triggered.join(",")),
    };
    let existing = point::Entity::find_by_id((project_id.to_owned(), date))
        .one(db)
        .await?;
    if existing.is_some() {
        row.update(db).await?;
    } else {
        point::Entity::insert(row)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The fade-risk history, oldest first, from `from` on.
pub async fn fade_history<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    from: NaiveDate,
) -> Result<Vec<FadeRiskPoint>, AppError> {
    Ok(point::Entity::find()
        .filter(point::Column::ProjectId.eq(project_id))
        .filter(point::Column::Date.gte(from))
        .order_by_asc(point::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(|r| FadeRiskPoint {
            date: r.date,
            score: r.score,
            level: FadeLevel::parse(&r.level).unwrap_or(FadeLevel::NoData),
            triggered: r
                .triggered
                .split(',')
                .filter_map(FadeSignalKind::parse)
                .collect(),
        })
        .collect())
}

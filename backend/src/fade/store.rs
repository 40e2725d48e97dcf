//! A project's fade-risk settings (the defaults until someone changes them) and the daily
//! history of its score.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use varig_types::{FadeLevel, FadeRisk, FadeRiskPoint, FadeSettings, FadeSignalKind};

use super::rules;
use crate::entities::{fade_risk_point as point, fade_setting};
use crate::error::AppError;

pub async fn settings<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<FadeSettings, AppError> {
    Ok(fade_setting::Entity::find_by_id(project_id.to_owned())
        .one(db)
        .await?
        .and_then(|r| serde_json::from_str(&r.settings).ok())
        .unwrap_or_else(rules::defaults))
}

pub async fn save<Db: ConnectionTrait>(
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

/// Records the risk of `date` (replacing an earlier one of the same day).
pub async fn record<Db: ConnectionTrait>(
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

/// Oldest first, from `from` on.
pub async fn history<Db: ConnectionTrait>(
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

//! Every indicator of a project with its status now, the fade-risk settings and history,
//! and the values the periodic snapshot records for computed indicators.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use varig_types::{FadeRisk, FadeRiskPoint, FadeSettings, IndicatorSource, IndicatorStatus};

use crate::entities::{indicator, project};
use crate::error::AppError;
use crate::indicators::views;
use crate::indicators::{computed, overdue_total, periods, repo, status_of};
use crate::plan::rules::today_in_oslo;

/// An indicator with its status now and its overdue periods.
pub struct Evaluated {
    pub model: indicator::Model,
    pub status: IndicatorStatus,
    pub overdue: usize,
}

/// Every indicator of the project with its status: two queries, plus the facts when a
/// computed indicator needs them and none were given.
pub async fn evaluate<Db: ConnectionTrait>(
    db: &Db,
    p: &project::Model,
    now: DateTime<Utc>,
    facts: Option<&computed::Facts>,
) -> Result<Vec<Evaluated>, AppError> {
    let rows = repo::indicators(db, &p.id).await?;
    let values = repo::values(db, &p.id).await?;
    let gathered;
    let facts = match facts {
        Some(f) => Some(f),
        None if rows
            .iter()
            .any(|r| views::source(r) != IndicatorSource::Manual) =>
        {
            gathered = crate::dashboard::facts::gather(db, p, now).await?.facts;
            Some(&gathered)
        }
        None => None,
    };
    let today = today_in_oslo(now);
    Ok(rows
        .into_iter()
        .map(|m| {
            let def = views::def(&m);
            let stored = values.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
            let live = facts.and_then(|f| computed::value(def.source, f));
            Evaluated {
                status: status_of(&def, stored, live, today),
                overdue: overdue_total(&def, stored, today),
                model: m,
            }
        })
        .collect())
}

/// The project's fade-risk settings (the defaults until someone changes them).
pub async fn fade_settings<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
) -> Result<FadeSettings, AppError> {
    repo::fade_settings(db, project_id).await
}

/// The recorded daily fade-risk scores from `from` on, oldest first.
pub async fn fade_history<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
    from: NaiveDate,
) -> Result<Vec<FadeRiskPoint>, AppError> {
    repo::fade_history(db, project_id, from).await
}

/// Records what the periodic snapshot keeps of project `p` now: each computed indicator's
/// value as its current period's value (the last snapshot in a period stands for it), and
/// the fade risk as today's point.
pub async fn record_snapshot<C: ConnectionTrait>(
    txn: &C,
    p: &project::Model,
    evaluated: &[Evaluated],
    fade_risk: &FadeRisk,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let today = today_in_oslo(now);
    for e in evaluated
        .iter()
        .filter(|e| views::source(&e.model) != IndicatorSource::Manual)
    {
        let Some(value) = e.status.latest_value else {
            continue;
        };
        let period = periods::start_of(views::frequency(&e.model), today);
        repo::record_computed(txn, &e.model.id, &p.id, period, value, now).await?;
    }
    repo::record_fade_point(txn, &p.id, today, fade_risk).await
}

//! Snapshots that give computed indicators and the fade risk a history: for every active
//! project, each computed indicator's value now is recorded as its current period's value
//! (the last snapshot in a period stands for it), and the fade risk as today's point; and
//! the watcher's events for conditions that began (`watch`).
//! The server runs this periodically (`VARIG_SNAPSHOT_INTERVAL_SECS`, default hourly).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use varig_types::{IndicatorSource, MeasurementSource};

use crate::entities::{measurement, project};
use crate::error::AppError;
use crate::ids::new_id;
use crate::indicators::{periods, store};
use crate::plan::rules::today_in_oslo;

/// Snapshots every active project; returns how many projects were recorded.
pub async fn run_once(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let projects = project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .filter(project::Column::State.eq(varig_types::ProjectState::Active))
        .all(db)
        .await?;
    let today = today_in_oslo(now);
    let mut n = 0;
    for p in &projects {
        let dash = super::project_dashboard(db, p, None, now).await?;
        let evaluated = super::evaluate(db, p, now, None).await?;
        let txn = crate::db::begin_write(db).await?;
        for e in evaluated
            .iter()
            .filter(|e| store::source(&e.model) != IndicatorSource::Manual)
        {
            let Some(value) = e.status.latest_value else {
                continue;
            };
            let period = periods::start_of(store::frequency(&e.model), today);
            let existing = measurement::Entity::find()
                .filter(measurement::Column::IndicatorId.eq(e.model.id.clone()))
                .filter(measurement::Column::PeriodStart.eq(period))
                .one(&txn)
                .await?;
            match existing {
                Some(m) => {
                    let mut a: measurement::ActiveModel = m.into();
                    a.value = Set(value);
                    a.recorded_at = Set(now);
                    a.update(&txn).await?;
                }
                None => {
                    measurement::Entity::insert(measurement::ActiveModel {
                        id: Set(new_id()),
                        indicator_id: Set(e.model.id.clone()),
                        project_id: Set(p.id.clone()),
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
                    .exec_without_returning(&txn)
                    .await?;
                }
            }
        }
        crate::fade::store::record(&txn, &p.id, today, &dash.fade_risk).await?;
        super::watch::run(&txn, p, &dash, now).await?;
        txn.commit().await?;
        n += 1;
    }
    Ok(n)
}

/// Runs `run_once` every `interval` (the first run after one interval), logging failures;
/// with several instances on one database, once per interval in all
/// (`housekeeping::claim`).
pub fn spawn(
    db: DatabaseConnection,
    interval: std::time::Duration,
    invalidate: std::sync::Arc<crate::auth::invalidate::Invalidator>,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        tick.tick().await;
        loop {
            tick.tick().await;
            match crate::housekeeping::claim(&db, "snapshot", interval, Utc::now()).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::warn!(error = ?e, "could not claim the snapshot run");
                    continue;
                }
            }
            match run_once(&db, Utc::now()).await {
                Ok(n) => {
                    // What dashboards show changed: none is kept past it, here or elsewhere.
                    invalidate.changed();
                    tracing::info!(projects = n, "recorded indicator and fade-risk snapshots")
                }
                Err(e) => tracing::error!(error = ?e, "snapshot failed"),
            }
        }
    });
}

//! Snapshots that give computed indicators and the fade risk a history: for every active
//! project, each computed indicator's value now is recorded as its current period's value
//! (the last snapshot in a period stands for it), and the fade risk as today's point; and
//! the watcher's events for conditions that began (`watch`).
//! The server runs this periodically (`VARIG_SNAPSHOT_INTERVAL_SECS`, default hourly).

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// Snapshots every active project; returns how many projects were recorded.
pub async fn run_once(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let projects = super::repo::active_projects_everywhere(db).await?;
    let mut n = 0;
    for p in &projects {
        let dash = super::service::project_dashboard(db, p, None, now).await?;
        let evaluated = crate::indicators::service::evaluate(db, p, now, None).await?;
        let txn = crate::db::begin_write(db).await?;
        crate::indicators::service::record_snapshot(&txn, p, &evaluated, &dash.fade_risk, now)
            .await?;
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

//! Background work that must run once per interval however many instances share the
//! database (the snapshot), and tidying that any instance may do (old throttle rows, full
//! rate-limit buckets, webhook deliveries and outbox events ended 30 days ago).
//!
//! A periodic job *claims* its run first: in one write transaction (on PostgreSQL under a
//! transaction-level advisory lock on the job's name) it reads when the job last ran, and
//! runs only when that is at least nine tenths of an interval ago. Two instances whose timers
//! fire together thus run it once; the slack absorbs timer jitter.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement,
};

use crate::entities::server_setting;
use crate::error::AppError;
use crate::state::AppState;

fn last_run_key(job: &str) -> String {
    format!("job:{job}:last_run")
}

/// How many runs of `job` were claimed so far (kept for operators and tests).
pub fn runs_key(job: &str) -> String {
    format!("job:{job}:runs")
}

/// Whether this instance may run `job` now (and records that it does).
pub async fn claim(
    db: &DatabaseConnection,
    job: &str,
    interval: Duration,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let txn = crate::db::begin_write(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("varig:{job}").into()],
        ))
        .await?;
    }
    let last = server_setting::Entity::find_by_id(last_run_key(job))
        .one(&txn)
        .await?
        .and_then(|s| DateTime::parse_from_rfc3339(&s.value).ok())
        .map(|t| t.with_timezone(&Utc));
    let slack = chrono::Duration::from_std(interval.mul_f64(0.9)).unwrap_or_default();
    if last.is_some_and(|t| now - t < slack) {
        txn.rollback().await?;
        return Ok(false);
    }
    let runs = server_setting::Entity::find_by_id(runs_key(job))
        .one(&txn)
        .await?
        .and_then(|s| s.value.parse::<u64>().ok())
        .unwrap_or(0);
    for (key, value) in [
        (last_run_key(job), now.to_rfc3339()),
        (runs_key(job), (runs + 1).to_string()),
    ] {
        server_setting::Entity::insert(server_setting::ActiveModel {
            key: Set(key),
            value: Set(value),
        })
        .on_conflict(
            OnConflict::column(server_setting::Column::Key)
                .update_column(server_setting::Column::Value)
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Tidies every ten minutes: throttle rows nobody failed on for a day, full rate buckets.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = crate::auth::throttle::forget_old(&state.db, Utc::now()).await {
                tracing::warn!(error = ?e, "tidying the login throttle failed");
            }
            if let Err(e) = state.rate.forget_full(&state.db).await {
                tracing::warn!(error = ?e, "tidying the rate limit failed");
            }
            if let Err(e) = crate::webhooks::repo::tidy(&state.db, Utc::now(), 30).await {
                tracing::warn!(error = ?e, "tidying the outbox and webhook deliveries failed");
            }
        }
    });
}

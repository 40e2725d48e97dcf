//! Taking events out of the outbox: every instance runs one dispatcher that claims events
//! not yet dispatched, hands them to every consumer in the same transaction, and marks them
//! dispatched. On PostgreSQL the claim is `FOR UPDATE SKIP LOCKED`, so two instances take
//! different events and each event is handed over once; on SQLite the write lock does it.
//! An event whose transaction rolled back never existed; one committed just before a crash
//! is still undispatched and is taken after the restart.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::{LockBehavior, LockType, Query};
use sea_orm::Order;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, QueryFilter,
};

use crate::entities::outbox_event as ev;

/// At most this many events are handed over in one transaction.
pub const BATCH: u64 = 1000;

pub type Handover<'a> = Pin<Box<dyn Future<Output = Result<(), DbErr>> + Send + 'a>>;

/// Something that acts on events (webhooks; later e-mail and push). `take` runs inside the
/// dispatcher's transaction: what it writes commits together with "dispatched".
pub trait Consumer: Send + Sync {
    fn name(&self) -> &'static str;
    fn take<'a>(&'a self, txn: &'a DatabaseTransaction, events: &'a [ev::Model]) -> Handover<'a>;
}

/// Hands every waiting event to `consumers`, batch by batch; how many were handed over.
pub async fn run_once(
    db: &DatabaseConnection,
    consumers: &[Arc<dyn Consumer>],
) -> Result<usize, DbErr> {
    let mut total = 0;
    loop {
        // A plain read first: an idle instance never takes the write lock.
        let waiting = ev::Entity::find()
            .filter(ev::Column::DispatchedAt.is_null())
            .one(db)
            .await?;
        if waiting.is_none() {
            return Ok(total);
        }
        let txn = crate::db::begin_write(db).await?;
        // Claim and mark in one statement (one row write per event): the oldest waiting
        // events, skipping those another instance is claiming; without their `data`, which
        // no consumer needs to hand an event over.
        let mut waiting = Query::select();
        waiting
            .column(ev::Column::Id)
            .from(ev::Entity)
            .and_where(ev::Column::DispatchedAt.is_null())
            .order_by(ev::Column::Id, Order::Asc)
            .limit(BATCH);
        if db.get_database_backend() == DbBackend::Postgres {
            waiting.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let mut claim = Query::update();
        claim
            .table(ev::Entity)
            .value(ev::Column::DispatchedAt, Utc::now())
            .and_where(ev::Column::Id.in_subquery(waiting))
            .returning(Query::returning().columns([
                ev::Column::Id,
                ev::Column::EventType,
                ev::Column::OrganisationId,
                ev::Column::ProjectId,
                ev::Column::OccurredAt,
            ]));
        let rows = txn
            .query_all(txn.get_database_backend().build(&claim))
            .await?;
        let mut events = Vec::with_capacity(rows.len());
        for r in &rows {
            events.push(ev::Model {
                id: r.try_get("", "id")?,
                event_type: r.try_get("", "event_type")?,
                organisation_id: r.try_get("", "organisation_id")?,
                project_id: r.try_get("", "project_id")?,
                occurred_at: r.try_get("", "occurred_at")?,
                data: String::new(),
                dispatched_at: None,
            });
        }
        if events.is_empty() {
            txn.rollback().await?;
            return Ok(total);
        }
        for c in consumers {
            c.take(&txn, &events)
                .await
                .map_err(|e| DbErr::Custom(format!("outbox consumer {} failed: {e}", c.name())))?;
        }
        txn.commit().await?;
        total += events.len();
        if (events.len() as u64) < BATCH {
            return Ok(total);
        }
    }
}

/// Runs the dispatcher every `every` for the life of the process.
pub fn spawn(db: DatabaseConnection, consumers: Vec<Arc<dyn Consumer>>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = run_once(&db, &consumers).await {
                tracing::warn!(error = %e, "dispatching outbox events failed; retrying");
            }
        }
    });
}

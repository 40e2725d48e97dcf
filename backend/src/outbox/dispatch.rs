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
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::outbox_event as ev;

/// At most this many events are handed over in one transaction.
pub const BATCH: u64 = 200;

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
        let mut q = ev::Entity::find()
            .filter(ev::Column::DispatchedAt.is_null())
            .order_by_asc(ev::Column::Id)
            .limit(BATCH);
        if db.get_database_backend() == DbBackend::Postgres {
            q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let events = q.all(&txn).await?;
        if events.is_empty() {
            txn.rollback().await?;
            return Ok(total);
        }
        for c in consumers {
            c.take(&txn, &events)
                .await
                .map_err(|e| DbErr::Custom(format!("outbox consumer {} failed: {e}", c.name())))?;
        }
        ev::Entity::update_many()
            .col_expr(ev::Column::DispatchedAt, Expr::value(Utc::now()))
            .filter(ev::Column::Id.is_in(events.iter().map(|e| e.id.clone())))
            .exec(&txn)
            .await?;
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

//! Every instance agrees at once: a change that may withdraw access (a member removed, a
//! user or organisation archived, a token revoked, a role changed, a session ended) drops
//! what this instance has cached about callers (and the dashboards it keeps), and on PostgreSQL tells every other
//! instance to do the same through `NOTIFY varig_changes`. The caches stay (they carry a
//! phone's burst of reports), but nothing read before a change is used after it.
//!
//! When the listening connection is lost, the caches are dropped too (a notice may have
//! been missed while it was down), so the worst case is the cache's own lifetime.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::mpsc;
use uuid::Uuid;

use super::cache::PrincipalCache;
use crate::state::{DashboardCache, ReportAccessCache};

pub const CHANNEL: &str = "varig_changes";

#[derive(Debug)]
pub struct Invalidator {
    principals: Arc<PrincipalCache>,
    report_access: Arc<ReportAccessCache>,
    dashboards: Arc<DashboardCache>,
    /// Set on PostgreSQL: wakes the task that sends the notice.
    notify: OnceLock<mpsc::UnboundedSender<()>>,
    /// This instance's id: its own notices are not acted on twice.
    pub instance: Uuid,
}

impl Invalidator {
    pub fn new(
        principals: Arc<PrincipalCache>,
        report_access: Arc<ReportAccessCache>,
        dashboards: Arc<DashboardCache>,
    ) -> Self {
        Self {
            principals,
            report_access,
            dashboards,
            notify: OnceLock::new(),
            instance: Uuid::new_v4(),
        }
    }

    /// Drops this instance's cached answers.
    pub fn local(&self) {
        self.principals.bump();
        self.report_access.bump();
        self.dashboards.bump();
    }

    /// Something changed here: drop the caches here and tell the other instances.
    pub fn changed(&self) {
        self.local();
        if let Some(tx) = self.notify.get() {
            let _ = tx.send(());
        }
    }

    /// On PostgreSQL: starts the tasks that send and receive the notices.
    pub fn start(self: &Arc<Self>, db: &DatabaseConnection) {
        if matches!(db, DatabaseConnection::Disconnected)
            || db.get_database_backend() != DbBackend::Postgres
        {
            return;
        }
        let (tx, rx) = mpsc::unbounded_channel();
        if self.notify.set(tx).is_err() {
            return;
        }
        tokio::spawn(send_notices(db.clone(), self.instance, rx));
        tokio::spawn(listen(db.clone(), self.clone()));
    }
}

async fn send_notices(db: DatabaseConnection, me: Uuid, mut rx: mpsc::UnboundedReceiver<()>) {
    while rx.recv().await.is_some() {
        // Many changes at once make one notice.
        while rx.try_recv().is_ok() {}
        let stmt = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), me.to_string().into()],
        );
        if let Err(e) = db.execute(stmt).await {
            tracing::warn!(error = %e, "could not tell the other instances about a change");
        }
    }
}

async fn listen(db: DatabaseConnection, inv: Arc<Invalidator>) {
    let me = inv.instance.to_string();
    loop {
        let pool = db.get_postgres_connection_pool().clone();
        let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for other instances' changes; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "LISTEN failed; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        // Whatever was missed before listening is treated as changed.
        inv.local();
        loop {
            match listener.try_recv().await {
                Ok(Some(n)) => {
                    if n.payload() != me {
                        inv.local();
                    }
                }
                // The connection was lost: notices may be missed until it is back.
                Ok(None) => inv.local(),
                Err(e) => {
                    tracing::warn!(error = %e, "listening for changes failed; reconnecting");
                    inv.local();
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    break;
                }
            }
        }
    }
}

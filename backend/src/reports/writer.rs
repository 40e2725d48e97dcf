//! Where new field reports are written: grouped, so that a burst of phones syncing their
//! outboxes costs one transaction per group instead of one per report.
//!
//! One task per instance takes every report waiting (up to [`MAX_GROUP`]) and stores them
//! with one multi-row `INSERT … ON CONFLICT (id) DO NOTHING RETURNING id`, and the
//! `report.filed` events of the reports it stored with one more multi-row insert into the
//! outbox, in one transaction. Each request is answered only after that commit: a report is never
//! acknowledged before it is durable. An id the statement did not return was already there
//! (a replay, also two copies in one group) and the handler answers with the original. If
//! the group's statement fails, its reports are written one by one, so one bad report never
//! takes the others with it.

use std::sync::Mutex;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use crate::entities::field_report as fr;
use crate::entities::outbox_event;

/// At most this many reports are committed together.
pub const MAX_GROUP: usize = 128;

/// What became of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Stored,
    /// A report with this id exists: it was not changed.
    AlreadyThere,
}

type Reply = oneshot::Sender<Result<Written, DbErr>>;

struct Job {
    report: fr::Model,
    event: Option<outbox_event::Model>,
    reply: Reply,
}

#[derive(Debug)]
pub struct ReportWriter {
    db: DatabaseConnection,
    queue: Mutex<Option<mpsc::Sender<Job>>>,
}

impl ReportWriter {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            queue: Mutex::new(None),
        }
    }

    /// Stores `report` (and its `event`, if it is stored) with whatever else is waiting;
    /// answers once it is committed.
    pub async fn insert(
        &self,
        report: fr::Model,
        event: Option<outbox_event::Model>,
    ) -> Result<Written, DbErr> {
        let (reply, answer) = oneshot::channel();
        self.sender()?
            .send(Job {
                report,
                event,
                reply,
            })
            .await
            .map_err(|_| DbErr::Custom("the report writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| DbErr::Custom("the report writer dropped a report unanswered".into()))?
    }

    /// The writer task's queue, started on first use (and again should it have ended).
    fn sender(&self) -> Result<mpsc::Sender<Job>, DbErr> {
        let mut queue = self
            .queue
            .lock()
            .map_err(|_| DbErr::Custom("report writer lock poisoned".into()))?;
        if let Some(tx) = queue.as_ref().filter(|tx| !tx.is_closed()) {
            return Ok(tx.clone());
        }
        let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(run(self.db.clone(), rx));
        *queue = Some(tx.clone());
        Ok(tx)
    }
}

async fn run(db: DatabaseConnection, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let reports: Vec<(&fr::Model, Option<&outbox_event::Model>)> = group
            .iter()
            .map(|j| (&j.report, j.event.as_ref()))
            .collect();
        let written = write_group(&db, &reports).await;
        for (job, written) in group.into_iter().zip(written) {
            // The request may have gone (the phone lost its connection): the report is
            // stored and its replay will be answered with it.
            let _ = job.reply.send(written);
        }
    }
}

/// A report and the event to write if it is stored.
pub type Entry<'a> = (&'a fr::Model, Option<&'a outbox_event::Model>);

/// Stores `reports` in one transaction, or one by one if that fails; what became of each,
/// in order.
pub async fn write_group<Db: ConnectionTrait + TransactionTrait>(
    db: &Db,
    reports: &[Entry<'_>],
) -> Vec<Result<Written, DbErr>> {
    match insert_group(db, reports).await {
        Ok(written) => written.into_iter().map(Ok).collect(),
        // The database is unreachable: every report of the group gets the same answer (503)
        // at once, instead of one timeout per report.
        Err(e) if crate::error::is_unavailable(&e) => {
            tracing::warn!(error = %e, reports = reports.len(), "database unreachable; a group of reports is refused");
            reports
                .iter()
                .map(|_| Err(DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string()))))
                .collect()
        }
        Err(e) => {
            tracing::warn!(error = %e, reports = reports.len(), "a group of reports failed; writing them one by one");
            let mut one_by_one = Vec::with_capacity(reports.len());
            for r in reports {
                one_by_one.push(
                    insert_group(db, std::slice::from_ref(r))
                        .await
                        .map(|w| w.first().copied().unwrap_or(Written::AlreadyThere)),
                );
            }
            one_by_one
        }
    }
}

/// One transaction for `reports`: their insert, then the events of those stored; what
/// became of each, in order.
async fn insert_group<Db: ConnectionTrait + TransactionTrait>(
    db: &Db,
    entries: &[Entry<'_>],
) -> Result<Vec<Written>, DbErr> {
    let txn = db.begin().await?;
    let reports: Vec<&fr::Model> = entries.iter().map(|(r, _)| *r).collect();
    let written = super::repo::insert_reports(&txn, &reports).await?;
    let events: Vec<outbox_event::Model> = entries
        .iter()
        .zip(&written)
        .filter(|(_, w)| **w == Written::Stored)
        .filter_map(|((_, e), _)| e.cloned())
        .collect();
    crate::outbox::insert_rows(&txn, events).await?;
    txn.commit().await?;
    Ok(written)
}

//! Every database statement of webhooks: subscriptions, the fan-out of events into
//! deliveries, claiming due deliveries (`SKIP LOCKED` on PostgreSQL) and their outcome.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, OnConflict, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    Iterable, ModelTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::outbox_event as ev;
use crate::entities::webhook_delivery::{self as d, State};
use crate::entities::webhook_subscription as sub;
use crate::error::AppError;
use crate::ids::{new_id, page_of, PageRequest};

pub async fn insert_subscription<C: ConnectionTrait>(db: &C, m: &sub::Model) -> Result<(), DbErr> {
    sub::Entity::insert(sub::ActiveModel::from(m.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether project `id` belongs to organisation `org`.
pub async fn project_in_org<C: ConnectionTrait>(
    db: &C,
    org: &str,
    id: &str,
) -> Result<bool, DbErr> {
    Ok(crate::entities::project::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .is_some_and(|p| p.organisation_id == org))
}

/// The organisation's subscription `id` (not deleted).
pub async fn subscription<C: ConnectionTrait>(
    db: &C,
    org: &str,
    id: &str,
) -> Result<Option<sub::Model>, DbErr> {
    sub::Entity::find_by_id(id.to_owned())
        .filter(sub::Column::OrganisationId.eq(org))
        .filter(sub::Column::DeletedAt.is_null())
        .one(db)
        .await
}

pub async fn subscriptions_page(
    db: &DatabaseConnection,
    org: &str,
    page: &PageRequest,
) -> Result<(Vec<sub::Model>, Option<String>), AppError> {
    let mut q = sub::Entity::find()
        .filter(sub::Column::OrganisationId.eq(org))
        .filter(sub::Column::DeletedAt.is_null())
        .order_by_asc(sub::Column::Id)
        .limit(page.limit + 1);
    if let Some(after) = &page.after {
        q = q.filter(sub::Column::Id.gt(after.as_str()));
    }
    Ok(page_of(q.all(db).await?, page.limit, |m| m.id.as_str()))
}

/// Writes `m` over the stored row if its version is still `expected`; the row after, or
/// `None` when someone changed it meanwhile.
pub async fn update_subscription<C: ConnectionTrait>(
    db: &C,
    m: &sub::Model,
    expected: i64,
) -> Result<Option<sub::Model>, DbErr> {
    let res = sub::Entity::update_many()
        .col_expr(sub::Column::Url, Expr::value(m.url.clone()))
        .col_expr(sub::Column::Description, Expr::value(m.description.clone()))
        .col_expr(sub::Column::EventTypes, Expr::value(m.event_types.clone()))
        .col_expr(sub::Column::Enabled, Expr::value(m.enabled))
        .col_expr(
            sub::Column::DisabledReason,
            Expr::value(m.disabled_reason.clone()),
        )
        .col_expr(sub::Column::DeletedAt, Expr::value(m.deleted_at))
        .col_expr(sub::Column::UpdatedAt, Expr::value(m.updated_at))
        .col_expr(sub::Column::Version, Expr::value(expected + 1))
        .filter(sub::Column::Id.eq(m.id.clone()))
        .filter(sub::Column::Version.eq(expected))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Ok(None);
    }
    sub::Entity::find_by_id(m.id.clone()).one(db).await
}

/// Turns a subscription off because its deliveries keep failing.
pub async fn disable<C: ConnectionTrait>(db: &C, id: &str, reason: String) -> Result<(), DbErr> {
    sub::Entity::update_many()
        .col_expr(sub::Column::Enabled, Expr::value(false))
        .col_expr(sub::Column::DisabledReason, Expr::value(Some(reason)))
        .col_expr(sub::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(sub::Column::Version, Expr::col(sub::Column::Version).add(1))
        .filter(sub::Column::Id.eq(id))
        .filter(sub::Column::Enabled.eq(true))
        .exec(db)
        .await?;
    Ok(())
}

/// The enabled subscriptions of the organisations of `events`.
pub async fn listeners<C: ConnectionTrait>(
    db: &C,
    events: &[ev::Model],
) -> Result<Vec<sub::Model>, DbErr> {
    let orgs: HashSet<&str> = events.iter().map(|e| e.organisation_id.as_str()).collect();
    sub::Entity::find()
        .filter(sub::Column::OrganisationId.is_in(orgs))
        .filter(sub::Column::Enabled.eq(true))
        .filter(sub::Column::DeletedAt.is_null())
        .all(db)
        .await
}

/// One pending delivery per (event, subscription) pair; a pair that has one already keeps it.
pub async fn insert_deliveries<C: ConnectionTrait>(
    db: &C,
    pairs: &[(&ev::Model, &sub::Model)],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for chunk in pairs.chunks(500) {
        let mut insert = Query::insert();
        insert
            .into_table(d::Entity)
            .columns(d::Column::iter())
            .on_conflict(
                OnConflict::columns([d::Column::SubscriptionId, d::Column::EventId])
                    .do_nothing()
                    .to_owned(),
            );
        for (event, s) in chunk {
            let row = d::Model {
                id: new_id(),
                subscription_id: s.id.clone(),
                event_id: event.id.clone(),
                status: State::Pending,
                attempts: 0,
                next_attempt_at: now,
                locked_until: None,
                last_attempt_at: None,
                last_status_code: None,
                last_error: None,
                delivered_at: None,
                created_at: now,
            };
            insert
                .values(d::Column::iter().map(|c| row.get(c).into()))
                .map_err(|e| DbErr::Custom(format!("delivery row: {e}")))?;
        }
        db.execute(db.get_database_backend().build(&insert)).await?;
    }
    Ok(())
}

/// Claims up to `limit` due deliveries for this instance until `lease_until` and counts the
/// attempt; their ids. On PostgreSQL rows another instance is claiming are skipped.
pub async fn claim_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<String>, DbErr> {
    // A plain read first: an instance with nothing due never takes the write lock.
    let any_due = d::Entity::find()
        .filter(d::Column::Status.eq(State::Pending))
        .filter(d::Column::NextAttemptAt.lte(now))
        .one(db)
        .await?;
    if any_due.is_none() {
        return Ok(vec![]);
    }
    let mut due = Query::select();
    due.column(d::Column::Id)
        .from(d::Entity)
        .and_where(d::Column::Status.eq(State::Pending))
        .and_where(d::Column::NextAttemptAt.lte(now))
        .cond_where(
            Condition::any()
                .add(d::Column::LockedUntil.is_null())
                .add(d::Column::LockedUntil.lte(now)),
        )
        .order_by(d::Column::NextAttemptAt, sea_orm::Order::Asc)
        .limit(limit);
    if db.get_database_backend() == DbBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let mut claim = Query::update();
    claim
        .table(d::Entity)
        .value(d::Column::LockedUntil, lease_until)
        .value(d::Column::Attempts, Expr::col(d::Column::Attempts).add(1))
        .value(d::Column::LastAttemptAt, now)
        .and_where(d::Column::Id.in_subquery(due))
        .returning_col(d::Column::Id);
    let txn = crate::db::begin_write(db).await?;
    let rows = txn
        .query_all(txn.get_database_backend().build(&claim))
        .await?;
    txn.commit().await?;
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect()
}

/// A claimed delivery with its subscription and event.
pub async fn claimed<C: ConnectionTrait>(
    db: &C,
    id: &str,
) -> Result<Option<(d::Model, sub::Model, ev::Model)>, DbErr> {
    let Some(delivery) = d::Entity::find_by_id(id.to_owned()).one(db).await? else {
        return Ok(None);
    };
    let s = sub::Entity::find_by_id(delivery.subscription_id.clone())
        .one(db)
        .await?;
    let e = ev::Entity::find_by_id(delivery.event_id.clone())
        .one(db)
        .await?;
    Ok(s.zip(e).map(|(s, e)| (delivery, s, e)))
}

/// What became of an attempt.
pub struct Outcome {
    pub status: State,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

pub async fn record_outcome<C: ConnectionTrait>(
    db: &C,
    id: &str,
    o: &Outcome,
) -> Result<(), DbErr> {
    let mut q = d::Entity::update_many()
        .col_expr(d::Column::Status, Expr::value(o.status))
        .col_expr(
            d::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            d::Column::LastStatusCode,
            Expr::value(o.status_code.map(i32::from)),
        )
        .col_expr(d::Column::LastError, Expr::value(o.error.clone()));
    if let Some(next) = o.next_attempt_at {
        q = q.col_expr(d::Column::NextAttemptAt, Expr::value(next));
    }
    if o.status == State::Delivered {
        q = q.col_expr(d::Column::DeliveredAt, Expr::value(Some(o.at)));
    }
    q.filter(d::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// A subscription's deliveries, newest first, optionally of one status; with their events.
pub async fn deliveries_page(
    db: &DatabaseConnection,
    subscription: &str,
    status: Option<State>,
    page: &PageRequest,
) -> Result<(Vec<(d::Model, ev::Model)>, Option<String>), AppError> {
    let mut q = d::Entity::find()
        .filter(d::Column::SubscriptionId.eq(subscription))
        .order_by_desc(d::Column::Id)
        .limit(page.limit + 1);
    if let Some(s) = status {
        q = q.filter(d::Column::Status.eq(s));
    }
    if let Some(before) = &page.after {
        q = q.filter(d::Column::Id.lt(before.as_str()));
    }
    let (rows, next) = page_of(q.all(db).await?, page.limit, |m| m.id.as_str());
    let events = ev::Entity::find()
        .filter(ev::Column::Id.is_in(rows.iter().map(|r| r.event_id.clone())))
        .all(db)
        .await?;
    let paired = rows
        .into_iter()
        .filter_map(|r| {
            let e = events.iter().find(|e| e.id == r.event_id)?.clone();
            Some((r, e))
        })
        .collect();
    Ok((paired, next))
}

/// Puts a delivery of `subscription` back in the queue for an attempt now, with a fresh
/// retry schedule; the delivery after, or `None` if there is no such delivery.
pub async fn requeue<C: ConnectionTrait>(
    db: &C,
    subscription: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Option<(d::Model, ev::Model)>, DbErr> {
    let res = d::Entity::update_many()
        .col_expr(d::Column::Status, Expr::value(State::Pending))
        .col_expr(d::Column::Attempts, Expr::value(0))
        .col_expr(d::Column::NextAttemptAt, Expr::value(now))
        .col_expr(
            d::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(d::Column::Id.eq(id))
        .filter(d::Column::SubscriptionId.eq(subscription))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Ok(None);
    }
    let Some(delivery) = d::Entity::find_by_id(id.to_owned()).one(db).await? else {
        return Ok(None);
    };
    let event = ev::Entity::find_by_id(delivery.event_id.clone())
        .one(db)
        .await?;
    Ok(event.map(|e| (delivery, e)))
}

/// Forgets deliveries that ended more than `days` ago, and the events nothing refers to any
/// more that were dispatched that long ago.
pub async fn tidy(db: &DatabaseConnection, now: DateTime<Utc>, days: i64) -> Result<(), DbErr> {
    let before = now - chrono::Duration::days(days);
    d::Entity::delete_many()
        .filter(d::Column::Status.ne(State::Pending))
        .filter(d::Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    let referred = Query::select()
        .column(d::Column::EventId)
        .from(d::Entity)
        .to_owned();
    ev::Entity::delete_many()
        .filter(ev::Column::DispatchedAt.lt(before))
        .filter(ev::Column::Id.not_in_subquery(referred))
        .exec(db)
        .await?;
    Ok(())
}

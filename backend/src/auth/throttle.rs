//! Login throttling, kept in the database so that every instance on one PostgreSQL counts
//! the same failures (N instances do not allow N times the guesses) and so that nothing a
//! client sends grows the server's memory.
//!
//! Two kinds of key, each stored as the SHA-256 of its text (64 characters, whatever was
//! sent):
//! - an account *and* client pair: after `max_failures` failures in a minute that pair is
//!   locked, for one minute the first time and twice as long each time after (at most an
//!   hour). A stranger elsewhere cannot lock a known user out; only that client is locked.
//!   Only existing accounts get such a key, so made-up addresses store nothing.
//! - a client address: more than `max_client_failures` failures in a minute from one
//!   address (password spraying over many accounts) are refused until the minute is over.
//!
//! The login handler validates the address (length and shape) before any of this runs.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::auth::secrets::hash_secret;
use crate::entities::login_throttle::{Column as Col, Entity as Throttle};
use crate::error::AppError;

pub const WINDOW_SECS: i64 = 60;
pub const FIRST_LOCK_SECS: i64 = 60;
pub const MAX_LOCK_SECS: i64 = 3600;

#[derive(Debug, Clone)]
pub struct LoginThrottle {
    pub max_failures: u32,
    pub max_client_failures: u32,
}

/// The keys of one login attempt.
pub struct Keys {
    client: String,
    pair: Option<String>,
}

impl Keys {
    /// `account` is the id of an existing account (None for an unknown address).
    pub fn new(account: Option<&str>, client: &str) -> Self {
        Self {
            client: hash_secret(&format!("client:{client}")),
            pair: account.map(|a| hash_secret(&format!("pair:{a}|{client}"))),
        }
    }
}

/// How long a pair stays locked after its `lockouts`-th lock-out (1, 2, 4 … minutes).
pub fn lock_secs(lockouts: i32) -> i64 {
    let doublings = lockouts.clamp(1, 20) - 1;
    (FIRST_LOCK_SECS << doublings).min(MAX_LOCK_SECS)
}

impl LoginThrottle {
    pub fn new(max_failures: u32, max_client_failures: u32) -> Self {
        Self {
            max_failures,
            max_client_failures,
        }
    }

    /// `Err(seconds to wait)` when the pair is locked or the client over its limit.
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        keys: &Keys,
        now: DateTime<Utc>,
    ) -> Result<Result<(), u64>, AppError> {
        let mut ids = vec![keys.client.clone()];
        ids.extend(keys.pair.clone());
        let rows = Throttle::find().filter(Col::Key.is_in(ids)).all(db).await?;
        let mut wait = 0i64;
        for row in rows {
            if Some(&row.key) == keys.pair.as_ref() {
                if let Some(until) = row.locked_until.filter(|u| *u > now) {
                    wait = wait.max((until - now).num_seconds().max(1));
                }
            } else if row.failures >= self.max_client_failures as i32
                && now - row.window_started_at < Duration::seconds(WINDOW_SECS)
            {
                let left = Duration::seconds(WINDOW_SECS) - (now - row.window_started_at);
                wait = wait.max(left.num_seconds().max(1));
            }
        }
        Ok(if wait > 0 { Err(wait as u64) } else { Ok(()) })
    }

    /// Counts a failure for the client and (for an existing account) the pair. Returns
    /// `Some(seconds)` when this failure locked the pair.
    pub async fn record_failure<C: ConnectionTrait>(
        &self,
        db: &C,
        keys: &Keys,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, AppError> {
        bump(db, &keys.client, now).await?;
        let Some(pair) = &keys.pair else {
            return Ok(None);
        };
        bump(db, pair, now).await?;
        let row = Throttle::find_by_id(pair.clone()).one(db).await?;
        let Some(row) = row.filter(|r| r.failures >= self.max_failures as i32) else {
            return Ok(None);
        };
        let secs = lock_secs(row.lockouts + 1);
        // Only the instance that sees the count at the limit locks (the filter on failures).
        let locked = Throttle::update_many()
            .col_expr(Col::Lockouts, Expr::col(Col::Lockouts).add(1))
            .col_expr(Col::Failures, Expr::value(0))
            .col_expr(Col::WindowStartedAt, Expr::value(now))
            .col_expr(Col::LockedUntil, Expr::value(now + Duration::seconds(secs)))
            .col_expr(Col::UpdatedAt, Expr::value(now))
            .filter(Col::Key.eq(pair.clone()))
            .filter(Col::Failures.gte(self.max_failures as i32))
            .exec(db)
            .await?;
        Ok((locked.rows_affected > 0).then_some(secs))
    }

    /// A successful login forgets the pair's failures and lock-outs (not the client's).
    pub async fn clear<C: ConnectionTrait>(&self, db: &C, keys: &Keys) -> Result<(), AppError> {
        if let Some(pair) = &keys.pair {
            Throttle::delete_by_id(pair.clone()).exec(db).await?;
        }
        Ok(())
    }
}

/// One more failure on `key`, in one statement (safe with concurrent instances): a window
/// older than a minute starts again at 1.
async fn bump<C: ConnectionTrait>(db: &C, key: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let cutoff = now - Duration::seconds(WINDOW_SECS);
    let stale = Expr::col((Throttle, Col::WindowStartedAt)).lt(cutoff);
    let mut stmt = Query::insert();
    stmt.into_table(Throttle)
        .columns([
            Col::Key,
            Col::Failures,
            Col::WindowStartedAt,
            Col::Lockouts,
            Col::UpdatedAt,
        ])
        .values_panic([key.into(), 1.into(), now.into(), 0.into(), now.into()])
        .on_conflict(
            OnConflict::column(Col::Key)
                .value(
                    Col::Failures,
                    Expr::case(stale.clone(), 1)
                        .finally(Expr::col((Throttle, Col::Failures)).add(1)),
                )
                .value(
                    Col::WindowStartedAt,
                    Expr::case(stale, now).finally(Expr::col((Throttle, Col::WindowStartedAt))),
                )
                .value(Col::UpdatedAt, now)
                .to_owned(),
        );
    db.execute(db.get_database_backend().build(&stmt)).await?;
    Ok(())
}

/// Drops rows nobody has failed on for a day and that hold no lock (housekeeping).
pub async fn forget_old<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, AppError> {
    let r = Throttle::delete_many()
        .filter(Col::UpdatedAt.lt(now - Duration::days(1)))
        .filter(
            sea_orm::Condition::any()
                .add(Col::LockedUntil.is_null())
                .add(Col::LockedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lock_out_doubles_up_to_an_hour() {
        assert_eq!(lock_secs(1), 60);
        assert_eq!(lock_secs(2), 120);
        assert_eq!(lock_secs(3), 240);
        assert_eq!(lock_secs(7), 3600);
        assert_eq!(lock_secs(1000), 3600);
    }

    #[test]
    fn keys_are_fixed_length_whatever_is_sent_and_pairs_only_for_accounts() {
        let long = "x".repeat(100_000);
        let k = Keys::new(None, &long);
        assert_eq!(k.client.len(), 64);
        assert!(k.pair.is_none());
        let k = Keys::new(Some("0190-user"), "10.0.0.1");
        assert_eq!(k.pair.as_ref().map(String::len), Some(64));
        assert_ne!(
            Keys::new(Some("a"), "1.1.1.1").pair,
            Keys::new(Some("a"), "2.2.2.2").pair,
            "another client has another pair"
        );
    }
}

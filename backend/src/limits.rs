//! The per-caller rate limit of writes and exports: a token bucket per user, per API token,
//! and per client address for calls without credentials, in its GCRA form (one "theoretical
//! arrival time" per caller). `burst` calls may come at once (a phone syncing its outbox),
//! then `per_minute` a minute. Over the limit: 429 with `Retry-After`; every limited answer
//! carries the IETF `RateLimit-Policy` / `RateLimit` headers (and the older
//! `RateLimit-Limit` / `-Remaining` / `-Reset`).
//!
//! On PostgreSQL the buckets are rows, updated in one conditional statement, so every
//! instance draws from the same bucket; SQLite has one instance, so they live in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::error::AppError;

/// What a caller has left, for the headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the bucket is full again.
    pub reset_secs: u64,
    /// Set when the call is refused.
    pub retry_after_secs: Option<u64>,
}

/// Beyond this many callers in memory, the full buckets are dropped.
const MAX_LOCAL: usize = 100_000;

#[derive(Debug)]
pub struct RateLimiter {
    pub per_minute: u32,
    pub burst: u32,
    shared: bool,
    local: Mutex<HashMap<String, DateTime<Utc>>>,
}

impl RateLimiter {
    pub fn new(db: &DatabaseConnection, per_minute: u32, burst: u32) -> Self {
        Self {
            per_minute,
            burst: burst.max(1),
            shared: !matches!(db, DatabaseConnection::Disconnected)
                && db.get_database_backend() == DbBackend::Postgres,
            local: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.per_minute > 0
    }

    fn interval(&self) -> Duration {
        Duration::microseconds(60_000_000 / i64::from(self.per_minute.max(1)))
    }

    fn tolerance(&self) -> Duration {
        self.interval() * (self.burst as i32 - 1)
    }

    /// Takes one call from `key`'s bucket.
    pub async fn take(&self, db: &DatabaseConnection, key: &str) -> Result<Quota, AppError> {
        let now = Utc::now();
        let (tat, allowed) = if self.shared {
            self.take_shared(db, key, now).await?
        } else {
            self.take_local(key, now)
        };
        Ok(self.quota(tat, now, allowed))
    }

    fn take_local(&self, key: &str, now: DateTime<Utc>) -> (DateTime<Utc>, bool) {
        let mut map = self.local.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_LOCAL {
            map.retain(|_, tat| *tat > now);
        }
        let tat = map.get(key).copied().unwrap_or(now).max(now);
        if tat - now > self.tolerance() {
            return (tat, false);
        }
        let next = tat + self.interval();
        map.insert(key.to_owned(), next);
        (next, true)
    }

    async fn take_shared(
        &self,
        db: &DatabaseConnection,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<(DateTime<Utc>, bool), AppError> {
        let interval = self.interval().num_microseconds().unwrap_or(0) as f64 / 1e6;
        let tolerance = self.tolerance().num_microseconds().unwrap_or(0) as f64 / 1e6;
        // `updated_at` holds the bucket's theoretical arrival time.
        let stmt = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO rate_buckets AS b (key, tokens, updated_at) \
             VALUES ($1, 0, $2::timestamptz + make_interval(secs => $3)) \
             ON CONFLICT (key) DO UPDATE \
             SET updated_at = GREATEST(b.updated_at, $2::timestamptz) + make_interval(secs => $3) \
             WHERE GREATEST(b.updated_at, $2::timestamptz) - $2::timestamptz <= make_interval(secs => $4) \
             RETURNING updated_at",
            [key.into(), now.into(), interval.into(), tolerance.into()],
        );
        if let Some(row) = db.query_one(stmt).await? {
            let tat: DateTime<Utc> = row.try_get("", "updated_at")?;
            return Ok((tat, true));
        }
        let stmt = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT updated_at FROM rate_buckets WHERE key = $1",
            [key.into()],
        );
        let tat = match db.query_one(stmt).await? {
            Some(row) => row.try_get::<DateTime<Utc>>("", "updated_at")?,
            None => now,
        };
        Ok((tat, false))
    }

    fn quota(&self, tat: DateTime<Utc>, now: DateTime<Utc>, allowed: bool) -> Quota {
        let ahead = (tat - now).max(Duration::zero());
        let interval = self.interval().num_microseconds().unwrap_or(1).max(1);
        let room = (self.tolerance() + self.interval() - ahead)
            .num_microseconds()
            .unwrap_or(0)
            .max(0);
        let remaining = ((room / interval) as u32).min(self.burst);
        let ceil_secs = |d: Duration| -> u64 {
            let us = d.num_microseconds().unwrap_or(0).max(0) as u64;
            us.div_ceil(1_000_000)
        };
        Quota {
            limit: self.burst,
            remaining,
            reset_secs: ceil_secs(ahead),
            retry_after_secs: (!allowed).then(|| ceil_secs(ahead - self.tolerance()).max(1)),
        }
    }

    /// Drops buckets that are full again (housekeeping).
    pub async fn forget_full(&self, db: &DatabaseConnection) -> Result<(), AppError> {
        if self.shared {
            db.execute(Statement::from_string(
                DbBackend::Postgres,
                "DELETE FROM rate_buckets WHERE updated_at < now()",
            ))
            .await?;
        } else {
            let now = Utc::now();
            self.local
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .retain(|_, tat| *tat > now);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_minute: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            burst,
            shared: false,
            local: Mutex::new(HashMap::new()),
        }
    }

    #[test]
    fn a_burst_passes_then_one_call_per_interval() {
        let l = limiter(60, 5);
        let now = Utc::now();
        for i in 0..5 {
            let (tat, ok) = l.take_local("u", now);
            assert!(ok, "call {i} of the burst");
            let q = l.quota(tat, now, ok);
            assert_eq!(q.remaining, 4 - i);
        }
        let (tat, ok) = l.take_local("u", now);
        assert!(!ok, "the sixth at once is refused");
        let q = l.quota(tat, now, ok);
        assert_eq!(q.retry_after_secs, Some(1));
        assert!(
            l.take_local("u", now + Duration::seconds(1)).1,
            "a second later one more"
        );
        assert!(
            l.take_local("other", now).1,
            "another caller has its own bucket"
        );
    }

    #[test]
    fn an_idle_bucket_fills_up_to_the_burst_only() {
        let l = limiter(60, 3);
        let now = Utc::now();
        let later = now + Duration::hours(1);
        for _ in 0..3 {
            assert!(l.take_local("u", later).1);
        }
        assert!(!l.take_local("u", later).1);
    }
}

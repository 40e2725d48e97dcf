//! Short-lived caches of who a caller is and what they may do, so that a burst of requests
//! with one access token — a phone syncing its outbox, a dashboard polling — does not read
//! the same rows on every request.
//!
//! - [`PrincipalCache`]: the account behind an access token and its session.
//! - The report-filing check (`api::reports`): the project, the caller's membership and
//!   whether the unit is in scope. Any other change through this instance (a membership, the
//!   scope, the project, a user) starts a new generation, and an entry read in an earlier
//!   one is not used (see `startup::routes`).
//!
//! Any change through any instance starts a new generation of both caches on every instance
//! on the same PostgreSQL (`auth::invalidate`, LISTEN/NOTIFY). Entries also expire after
//! `VARIG_AUTH_CACHE_SECS` (default 5 s; 0 switches caching off).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

use super::Principal;

/// Beyond this many entries the expired ones are dropped (and, if that is not enough, all).
const MAX_ENTRIES: usize = 50_000;

/// Values kept for `ttl`, and only within the generation they were read in.
#[derive(Debug)]
pub struct TtlCache<K, V> {
    ttl: Duration,
    generation: AtomicU64,
    entries: Mutex<HashMap<K, (Instant, u64, V)>>,
}

impl<K: Hash + Eq, V: Clone> TtlCache<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Read this before reading what will be [`put`](Self::put), so that a change committed
    /// meanwhile (and its [`bump`](Self::bump)) makes the entry unusable.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Something changed: entries read before now are not used again.
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    pub fn get(&self, key: &K) -> Option<V> {
        if self.ttl.is_zero() {
            return None;
        }
        let now = self.generation();
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(at, generation, _)| *generation == now && at.elapsed() < self.ttl)
            .map(|(_, _, v)| v.clone())
    }

    /// Keeps `value`, read in `generation`.
    pub fn put(&self, key: K, value: V, generation: u64) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                let (ttl, now) = (self.ttl, self.generation());
                entries.retain(|_, (at, g, _)| *g == now && at.elapsed() < ttl);
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(key, (Instant::now(), generation, value));
        }
    }
}

/// The account behind an access token, per (user, session).
#[derive(Debug)]
pub struct PrincipalCache(TtlCache<(Uuid, Uuid), Principal>);

impl PrincipalCache {
    pub fn new(ttl: Duration) -> Self {
        Self(TtlCache::new(ttl))
    }

    /// Read before reading the account, and pass to [`put`](Self::put).
    pub fn generation(&self) -> u64 {
        self.0.generation()
    }

    pub fn get(&self, user: Uuid, session: Uuid) -> Option<Principal> {
        self.0.get(&(user, session))
    }

    pub fn put(&self, user: Uuid, session: Uuid, principal: &Principal, generation: u64) {
        self.0.put((user, session), principal.clone(), generation);
    }

    /// Something changed: nothing read before now is used again.
    pub fn bump(&self) {
        self.0.bump();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(name: &str) -> Principal {
        Principal {
            user_id: Some(Uuid::nil()),
            token_id: None,
            organisation_id: None,
            system_admin: false,
            org_role: None,
            scopes: vec![],
            name: name.into(),
        }
    }

    #[test]
    fn an_entry_lives_for_the_ttl_and_a_change_drops_it() {
        let c = PrincipalCache::new(Duration::from_millis(200));
        let (id, sid) = (Uuid::now_v7(), Uuid::now_v7());
        assert!(c.get(id, sid).is_none());
        c.put(id, sid, &someone("Kari"), c.generation());
        assert_eq!(c.get(id, sid).map(|p| p.name), Some("Kari".into()));
        assert!(
            c.get(id, Uuid::now_v7()).is_none(),
            "another session reads again"
        );
        c.bump();
        assert!(c.get(id, sid).is_none(), "dropped at once by a change");
        c.put(id, sid, &someone("Kari"), c.generation());
        std::thread::sleep(Duration::from_millis(250));
        assert!(c.get(id, sid).is_none(), "expired after the ttl");
    }

    #[test]
    fn a_zero_ttl_caches_nothing() {
        let c = PrincipalCache::new(Duration::ZERO);
        let (id, sid) = (Uuid::now_v7(), Uuid::now_v7());
        c.put(id, sid, &someone("Ola"), c.generation());
        assert!(c.get(id, sid).is_none());
    }

    #[test]
    fn what_was_read_before_a_change_is_not_used_after_it() {
        let c: TtlCache<&str, &str> = TtlCache::new(Duration::from_secs(60));
        let before = c.generation();
        c.put("k", "old", before);
        assert_eq!(c.get(&"k"), Some("old"));
        // A reader started before a change, and stored what it read after the change.
        let reader = c.generation();
        c.bump();
        c.put("k", "read before the change", reader);
        assert_eq!(c.get(&"k"), None);
        c.put("k", "new", c.generation());
        assert_eq!(c.get(&"k"), Some("new"));
    }
}

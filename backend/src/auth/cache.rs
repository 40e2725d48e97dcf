//! A short-lived cache of who a user is (their account row as a [`Principal`]), so that a
//! burst of requests with one access token — a phone syncing its outbox, a dashboard
//! polling — does not read the same account row on every request.
//!
//! Changes made through this instance (a user renamed, given another role, archived) take
//! effect at once: those handlers call [`PrincipalCache::forget`]. Another instance on the
//! same PostgreSQL notices them within the cache's lifetime (`VARIG_AUTH_CACHE_SECS`,
//! default 5 s; 0 switches the cache off).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

use super::Principal;

/// Beyond this many entries the expired ones are dropped (and, if that is not enough, all).
const MAX_ENTRIES: usize = 50_000;

#[derive(Debug)]
pub struct PrincipalCache {
    ttl: Duration,
    entries: Mutex<HashMap<Uuid, (Instant, Principal)>>,
}

impl PrincipalCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, user: Uuid) -> Option<Principal> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        entries
            .get(&user)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, p)| p.clone())
    }

    pub fn put(&self, user: Uuid, principal: &Principal) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                let ttl = self.ttl;
                entries.retain(|_, (at, _)| at.elapsed() < ttl);
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(user, (Instant::now(), principal.clone()));
        }
    }

    /// The account changed: the next request reads it again.
    pub fn forget(&self, user: &str) {
        if let (Ok(id), Ok(mut entries)) = (Uuid::parse_str(user), self.entries.lock()) {
            entries.remove(&id);
        }
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
    fn an_entry_lives_for_the_ttl_and_forget_drops_it() {
        let c = PrincipalCache::new(Duration::from_millis(200));
        let id = Uuid::now_v7();
        assert!(c.get(id).is_none());
        c.put(id, &someone("Kari"));
        assert_eq!(c.get(id).map(|p| p.name), Some("Kari".into()));
        c.forget(&id.to_string());
        assert!(c.get(id).is_none(), "forgotten at once");
        c.put(id, &someone("Kari"));
        std::thread::sleep(Duration::from_millis(250));
        assert!(c.get(id).is_none(), "expired after the ttl");
    }

    #[test]
    fn a_zero_ttl_caches_nothing() {
        let c = PrincipalCache::new(Duration::ZERO);
        let id = Uuid::now_v7();
        c.put(id, &someone("Ola"));
        assert!(c.get(id).is_none());
    }
}

//! Login throttling: at most N failed logins per minute per account and per client address.
//! In memory, per instance (see the README for multi-instance deployments).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct LoginThrottle {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        Self {
            max_failures: max_failures as usize,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    pub fn keys(email: &str, client: &str) -> [String; 2] {
        [
            format!("account:{}", email.trim().to_lowercase()),
            format!("client:{client}"),
        ]
    }

    /// `Err(seconds)` when any key has reached the limit within the window.
    pub fn check(&self, keys: &[String], now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = 0u64;
        for key in keys {
            if let Some(q) = map.get_mut(key) {
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    q.pop_front();
                }
                if q.len() >= self.max_failures {
                    if let Some(oldest) = q.front() {
                        let left = self.window.saturating_sub(now.duration_since(*oldest));
                        wait = wait.max(left.as_secs().max(1));
                    }
                }
            }
        }
        if wait > 0 {
            Err(wait)
        } else {
            Ok(())
        }
    }

    pub fn record_failure(&self, keys: &[String], now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            let window = self.window;
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        for key in keys {
            map.entry(key.clone()).or_default().push_back(now);
        }
    }

    /// A successful login clears the account's failures (not the client address's).
    pub fn clear(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_failure_within_a_minute_is_refused() {
        let t = LoginThrottle::new(10, Duration::from_secs(60));
        let keys = LoginThrottle::keys("a@b.no", "1.2.3.4");
        let start = Instant::now();
        for i in 0..10 {
            assert!(t.check(&keys, start).is_ok(), "attempt {i} refused");
            t.record_failure(&keys, start);
        }
        let wait = t.check(&keys, start + Duration::from_secs(1)).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(t.check(&keys, start + Duration::from_secs(61)).is_ok());
    }

    #[test]
    fn another_account_from_another_address_is_not_affected() {
        let t = LoginThrottle::new(2, Duration::from_secs(60));
        let now = Instant::now();
        let a = LoginThrottle::keys("a@b.no", "1.1.1.1");
        t.record_failure(&a, now);
        t.record_failure(&a, now);
        assert!(t.check(&a, now).is_err());
        assert!(t
            .check(&LoginThrottle::keys("c@d.no", "2.2.2.2"), now)
            .is_ok());
        // Same address, other account: still blocked by the address.
        assert!(t
            .check(&LoginThrottle::keys("c@d.no", "1.1.1.1"), now)
            .is_err());
    }
}

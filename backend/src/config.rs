//! Configuration from the environment (`VARIG_*`), with defaults that run on a laptop.

use std::fmt;
use std::path::PathBuf;

/// A secret string: never printed by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// `VARIG_BIND`, default `127.0.0.1:8080`; port 0 picks a free port.
    pub bind: String,
    /// `VARIG_DATABASE_URL`, default `sqlite://varig.sqlite?mode=rwc` in the working directory.
    pub database_url: Secret,
    /// `VARIG_ADMIN_EMAIL` + `VARIG_ADMIN_PASSWORD`: the first system administrator.
    pub admin_email: Option<String>,
    pub admin_password: Option<Secret>,
    /// `VARIG_JWT_SECRET`: the HS256 signing key; generated and stored in the database when absent.
    pub jwt_secret: Option<Secret>,
    /// `VARIG_PWA_DIR`, default `frontend/dist`: the built PWA to serve at `/`.
    pub pwa_dir: PathBuf,
    /// `VARIG_ACCESS_TOKEN_SECONDS`, default 900 (15 minutes, also the maximum).
    pub access_token_seconds: u32,
    /// `VARIG_LOGIN_MAX_FAILURES` per minute per account and per client address, default 10.
    pub login_max_failures: u32,
    /// Pool sizes and timeouts.
    pub db_max_connections: u32,
    pub db_connect_timeout_secs: u64,
    /// `VARIG_SNAPSHOT_INTERVAL_SECS`, default 3600: how often computed indicators and the
    /// fade risk are recorded; 0 switches it off.
    pub snapshot_interval_secs: u64,
    /// `VARIG_AUTH_CACHE_SECS`, default 5: how long an account read for an access token, and
    /// the check that a caller may file reports for a unit, are reused; 0 reads them on every
    /// request.
    pub auth_cache_secs: u64,
    /// `VARIG_QUERY_COUNT=1`: responses carry `Varig-Db-Queries` (for benchmarks).
    pub query_count: bool,
    /// `VARIG_LOGIN_MAX_CLIENT_FAILURES`, default 100: failed logins per minute from one
    /// client address (over all accounts) before 429.
    pub login_max_client_failures: u32,
    /// `VARIG_TRUSTED_PROXIES`: comma-separated addresses or networks (CIDR) of reverse
    /// proxies whose `Forwarded` / `X-Forwarded-For` is believed; empty: none.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `VARIG_SESSION_DAYS`, default 30: a login's absolute lifetime; refreshing does not
    /// extend it.
    pub session_days: u32,
    /// `VARIG_API_TOKEN_DAYS`, default 365: the expiry of a new API token when the request
    /// names none.
    pub api_token_days: u32,
    /// `VARIG_HSTS=1`: send `Strict-Transport-Security` (only when served over TLS).
    pub hsts: bool,
    /// `VARIG_RATE_LIMIT_PER_MINUTE`, default 300: writes and exports per minute per user
    /// or API token (0 switches the limit off); `VARIG_RATE_LIMIT_BURST`, default 300: how
    /// many may come at once (a phone syncing its outbox).
    pub rate_per_minute: u32,
    pub rate_burst: u32,
    /// `VARIG_DASHBOARD_CACHE_SECS`, default 30: how long a project's dashboard is reused
    /// while nothing changed (any change, on any instance, or a new field report ends it
    /// at once; 0 switches it off).
    pub dashboard_cache_secs: u64,
    /// `VARIG_PUBLIC_URL`, default `http://127.0.0.1:8080`: the address people open Varig at,
    /// for the links the API hands out (invitations).
    pub public_url: String,
    /// Networks webhook targets may resolve to although they are not public, and which may
    /// then be called over plain http (`VARIG_WEBHOOK_ALLOWED_NETWORKS`; none by default).
    pub webhook_allowed_networks: Vec<ipnet::IpNet>,
    /// Waits before each retry of a failed webhook delivery, in seconds
    /// (`VARIG_WEBHOOK_RETRY_SECONDS`, comma-separated).
    pub webhook_retry_secs: Vec<f64>,
    /// How long one delivery attempt may take (`VARIG_WEBHOOK_TIMEOUT_SECS`).
    pub webhook_timeout_secs: u64,
    /// How often the outbox dispatcher and the webhook sender look for work, in
    /// milliseconds (`VARIG_OUTBOX_POLL_MS`); 0 runs neither (another instance does).
    pub outbox_poll_ms: u64,
}

pub const MAX_ACCESS_TOKEN_SECONDS: u32 = 900;

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            database_url: Secret::new("sqlite://varig.sqlite?mode=rwc"),
            admin_email: None,
            admin_password: None,
            jwt_secret: None,
            pwa_dir: PathBuf::from("frontend/dist"),
            access_token_seconds: MAX_ACCESS_TOKEN_SECONDS,
            login_max_failures: 10,
            db_max_connections: 10,
            db_connect_timeout_secs: 5,
            snapshot_interval_secs: 3600,
            auth_cache_secs: 5,
            query_count: false,
            login_max_client_failures: 100,
            trusted_proxies: Vec::new(),
            session_days: 30,
            api_token_days: 365,
            hsts: false,
            rate_per_minute: 300,
            rate_burst: 300,
            dashboard_cache_secs: 30,
            public_url: "http://127.0.0.1:8080".into(),
            webhook_allowed_networks: Vec::new(),
            webhook_retry_secs: crate::webhooks::rules::DEFAULT_RETRY_SECS.to_vec(),
            webhook_timeout_secs: 10,
            outbox_poll_ms: 1000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

impl Settings {
    /// Reads `VARIG_*` variables through `get` (the process environment in `main`).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut s = Settings::default();
        let non_empty = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        if let Some(v) = non_empty("VARIG_BIND") {
            s.bind = v;
        }
        if let Some(v) = non_empty("VARIG_DATABASE_URL") {
            s.database_url = Secret::new(v);
        }
        s.admin_email = non_empty("VARIG_ADMIN_EMAIL");
        s.admin_password = non_empty("VARIG_ADMIN_PASSWORD").map(Secret::new);
        s.jwt_secret = non_empty("VARIG_JWT_SECRET").map(Secret::new);
        if let Some(v) = non_empty("VARIG_PWA_DIR") {
            s.pwa_dir = PathBuf::from(v);
        }
        if let Some(v) = non_empty("VARIG_ACCESS_TOKEN_SECONDS") {
            let secs: u32 = v.parse().map_err(|_| {
                ConfigError("VARIG_ACCESS_TOKEN_SECONDS must be a whole number".into())
            })?;
            if secs == 0 || secs > MAX_ACCESS_TOKEN_SECONDS {
                return Err(ConfigError(format!(
                    "VARIG_ACCESS_TOKEN_SECONDS must be 1..={MAX_ACCESS_TOKEN_SECONDS}"
                )));
            }
            s.access_token_seconds = secs;
        }
        if let Some(v) = non_empty("VARIG_LOGIN_MAX_FAILURES") {
            s.login_max_failures = v.parse().map_err(|_| {
                ConfigError("VARIG_LOGIN_MAX_FAILURES must be a whole number".into())
            })?;
        }
        if let Some(v) = non_empty("VARIG_SNAPSHOT_INTERVAL_SECS") {
            s.snapshot_interval_secs = v.parse().map_err(|_| {
                ConfigError("VARIG_SNAPSHOT_INTERVAL_SECS must be a whole number".into())
            })?;
        }
        if let Some(v) = non_empty("VARIG_AUTH_CACHE_SECS") {
            s.auth_cache_secs = v
                .parse()
                .map_err(|_| ConfigError("VARIG_AUTH_CACHE_SECS must be a whole number".into()))?;
        }
        s.query_count = non_empty("VARIG_QUERY_COUNT").is_some_and(|v| v == "1" || v == "true");
        let number = |k: &str, default: u32| -> Result<u32, ConfigError> {
            match non_empty(k) {
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError(format!("{k} must be a whole number"))),
                None => Ok(default),
            }
        };
        s.login_max_client_failures = number(
            "VARIG_LOGIN_MAX_CLIENT_FAILURES",
            s.login_max_client_failures,
        )?;
        s.session_days = number("VARIG_SESSION_DAYS", s.session_days)?;
        s.api_token_days = number("VARIG_API_TOKEN_DAYS", s.api_token_days)?;
        s.rate_per_minute = number("VARIG_RATE_LIMIT_PER_MINUTE", s.rate_per_minute)?;
        s.rate_burst = number("VARIG_RATE_LIMIT_BURST", s.rate_burst)?;
        if s.session_days == 0 || s.api_token_days == 0 {
            return Err(ConfigError(
                "VARIG_SESSION_DAYS and VARIG_API_TOKEN_DAYS must be at least 1".into(),
            ));
        }
        s.dashboard_cache_secs = u64::from(number(
            "VARIG_DASHBOARD_CACHE_SECS",
            s.dashboard_cache_secs as u32,
        )?);
        s.hsts = non_empty("VARIG_HSTS").is_some_and(|v| v == "1" || v == "true");
        if let Some(v) = non_empty("VARIG_TRUSTED_PROXIES") {
            s.trusted_proxies = parse_networks("VARIG_TRUSTED_PROXIES", &v)?;
        }
        if let Some(v) = non_empty("VARIG_WEBHOOK_ALLOWED_NETWORKS") {
            s.webhook_allowed_networks = parse_networks("VARIG_WEBHOOK_ALLOWED_NETWORKS", &v)?;
        }
        if let Some(v) = non_empty("VARIG_WEBHOOK_RETRY_SECONDS") {
            s.webhook_retry_secs = v
                .split(',')
                .map(|p| p.trim().parse::<f64>())
                .collect::<Result<Vec<_>, _>>()
                .ok()
                .filter(|w| w.iter().all(|x| x.is_finite() && *x >= 0.0))
                .ok_or_else(|| {
                    ConfigError(
                        "VARIG_WEBHOOK_RETRY_SECONDS must be comma-separated seconds, e.g. 5,300"
                            .into(),
                    )
                })?;
        }
        s.webhook_timeout_secs = u64::from(number(
            "VARIG_WEBHOOK_TIMEOUT_SECS",
            s.webhook_timeout_secs as u32,
        )?)
        .max(1);
        s.outbox_poll_ms = u64::from(number("VARIG_OUTBOX_POLL_MS", s.outbox_poll_ms as u32)?);
        if s.admin_email.is_some() != s.admin_password.is_some() {
            return Err(ConfigError(
                "set both VARIG_ADMIN_EMAIL and VARIG_ADMIN_PASSWORD, or neither".into(),
            ));
        }
        if let Some(secret) = &s.jwt_secret {
            if secret.expose().len() < 32 {
                return Err(ConfigError(
                    "VARIG_JWT_SECRET must be at least 32 characters".into(),
                ));
            }
        }
        if let Some(v) = non_empty("VARIG_PUBLIC_URL") {
            let v = v.trim().trim_end_matches('/');
            if !(v.starts_with("http://") || v.starts_with("https://")) {
                return Err(ConfigError(
                    "VARIG_PUBLIC_URL must start with http:// or https://".into(),
                ));
            }
            s.public_url = v.to_owned();
        }
        Ok(s)
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url.expose().starts_with("postgres")
    }
}

/// `10.0.0.1, 10.1.0.0/16, ::1`: single addresses count as /32 or /128.
fn parse_networks(name: &str, v: &str) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    v.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<ipnet::IpNet>()
                .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| ConfigError(format!("{name}: `{p}` is not an address or a network")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let s = from(&[("VARIG_TRUSTED_PROXIES", "10.0.0.1, 192.168.0.0/16,::1")]).unwrap();
        assert_eq!(s.trusted_proxies.len(), 3);
        assert!(s.trusted_proxies[1].contains(&"192.168.4.5".parse::<std::net::IpAddr>().unwrap()));
        assert!(from(&[("VARIG_TRUSTED_PROXIES", "everyone")]).is_err());
        assert!(from(&[]).unwrap().trusted_proxies.is_empty());
    }

    fn from(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_bind_locally_on_a_sqlite_file() {
        let s = from(&[]).unwrap();
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert!(s.database_url.expose().starts_with("sqlite://"));
        assert!(!s.is_postgres());
    }

    #[test]
    fn a_postgres_url_switches_the_database() {
        let s = from(&[("VARIG_DATABASE_URL", "postgres://u@h/db")]).unwrap();
        assert!(s.is_postgres());
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let s = from(&[
            ("VARIG_ADMIN_EMAIL", "a@b.no"),
            ("VARIG_ADMIN_PASSWORD", "hunter2-very-secret"),
            ("VARIG_DATABASE_URL", "postgres://user:dbpass@h/db"),
        ])
        .unwrap();
        let printed = format!("{s:?}");
        assert!(!printed.contains("hunter2"));
        assert!(!printed.contains("dbpass"));
    }

    #[test]
    fn admin_email_without_password_is_rejected() {
        assert!(from(&[("VARIG_ADMIN_EMAIL", "a@b.no")]).is_err());
    }

    #[test]
    fn access_tokens_cannot_live_longer_than_fifteen_minutes() {
        assert!(from(&[("VARIG_ACCESS_TOKEN_SECONDS", "901")]).is_err());
        assert_eq!(
            from(&[("VARIG_ACCESS_TOKEN_SECONDS", "60")])
                .unwrap()
                .access_token_seconds,
            60
        );
    }

    #[test]
    fn the_public_url_defaults_to_the_local_address_and_loses_a_trailing_slash() {
        assert_eq!(from(&[]).unwrap().public_url, "http://127.0.0.1:8080");
        let s = from(&[("VARIG_PUBLIC_URL", "https://varig.bergen.kommune.no/")]).unwrap();
        assert_eq!(s.public_url, "https://varig.bergen.kommune.no");
        assert!(from(&[("VARIG_PUBLIC_URL", "varig.example.no")]).is_err());
    }

    #[test]
    fn short_jwt_secrets_are_rejected() {
        assert!(from(&[("VARIG_JWT_SECRET", "short")]).is_err());
    }
}

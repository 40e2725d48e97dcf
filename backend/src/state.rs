//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;

use crate::auth::cache::PrincipalCache;
use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::LoginThrottle;
use crate::config::Settings;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub jwt: Arc<JwtKeys>,
    pub throttle: Arc<LoginThrottle>,
    /// Who a user is, for a few seconds (see `auth::cache`).
    pub principals: Arc<PrincipalCache>,
    pub settings: Arc<Settings>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, jwt: JwtKeys, settings: Settings) -> Self {
        Self {
            db,
            jwt: Arc::new(jwt),
            throttle: Arc::new(LoginThrottle::new(
                settings.login_max_failures,
                Duration::from_secs(60),
            )),
            principals: Arc::new(PrincipalCache::new(Duration::from_secs(
                settings.auth_cache_secs,
            ))),
            settings: Arc::new(settings),
        }
    }
}

impl AppState {
    /// A state with no database, used only to describe the API (spec export).
    pub fn spec_only() -> Self {
        Self::new(
            DatabaseConnection::Disconnected,
            JwtKeys::new(b"spec-only-key-never-used-for-signing", 900),
            Settings::default(),
        )
    }
}

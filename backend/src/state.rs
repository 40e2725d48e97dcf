//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::auth::cache::{PrincipalCache, TtlCache};
use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::LoginThrottle;
use crate::config::Settings;
use crate::entities::project;
use crate::reports::writer::ReportWriter;

/// (user, project, unit) to the project and the unit's name if it is in scope.
pub type ReportAccessCache = TtlCache<(Uuid, Uuid, Uuid), (project::Model, Option<String>)>;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub jwt: Arc<JwtKeys>,
    pub throttle: Arc<LoginThrottle>,
    /// Who a user is, for a few seconds (see `auth::cache`).
    pub principals: Arc<PrincipalCache>,
    pub settings: Arc<Settings>,
    /// Who may file reports where: (user, project, unit) to the project and the unit's name
    /// if in scope, for a few seconds and within one generation of changes (`auth::cache`).
    pub report_access: Arc<ReportAccessCache>,
    /// New field reports (grouped into one commit on SQLite, see `reports::writer`).
    pub reports: Arc<ReportWriter>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, jwt: JwtKeys, settings: Settings) -> Self {
        Self {
            reports: Arc::new(ReportWriter::new(db.clone())),
            db,
            jwt: Arc::new(jwt),
            throttle: Arc::new(LoginThrottle::new(
                settings.login_max_failures,
                Duration::from_secs(60),
            )),
            principals: Arc::new(PrincipalCache::new(Duration::from_secs(
                settings.auth_cache_secs,
            ))),
            report_access: Arc::new(TtlCache::new(Duration::from_secs(settings.auth_cache_secs))),
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

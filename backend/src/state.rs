//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::auth::cache::{PrincipalCache, TtlCache};
use crate::auth::invalidate::Invalidator;
use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::LoginThrottle;
use crate::config::Settings;
use crate::entities::project;
use crate::reports::writer::ReportWriter;

/// (user, project, unit) to the project and the unit's name if it is in scope.
pub type ReportAccessCache = TtlCache<(Uuid, Uuid, Uuid), (project::Model, Option<String>)>;

/// (project, the caller's role there) to the dashboard and the newest field report it saw.
pub type DashboardCache = TtlCache<
    (String, Option<varig_types::ProjectRole>),
    (Option<String>, varig_types::ProjectDashboard),
>;

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
    /// Project dashboards, for a few seconds while nothing changes (`api::dashboard`).
    pub dashboards: Arc<DashboardCache>,
    /// Drops the caches above here and on every other instance (`auth::invalidate`).
    pub invalidate: Arc<Invalidator>,
    /// The per-caller rate limit of writes and exports (`limits`).
    pub rate: Arc<crate::limits::RateLimiter>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, jwt: JwtKeys, settings: Settings) -> Self {
        let principals = Arc::new(PrincipalCache::new(Duration::from_secs(
            settings.auth_cache_secs,
        )));
        let report_access = Arc::new(TtlCache::new(Duration::from_secs(settings.auth_cache_secs)));
        let dashboards = Arc::new(TtlCache::new(Duration::from_secs(
            settings.dashboard_cache_secs,
        )));
        Self {
            reports: Arc::new(ReportWriter::new(db.clone())),
            rate: Arc::new(crate::limits::RateLimiter::new(
                &db,
                settings.rate_per_minute,
                settings.rate_burst,
            )),
            db,
            jwt: Arc::new(jwt),
            throttle: Arc::new(LoginThrottle::new(
                settings.login_max_failures,
                settings.login_max_client_failures,
            )),
            invalidate: Arc::new(Invalidator::new(
                principals.clone(),
                report_access.clone(),
                dashboards.clone(),
            )),
            dashboards,
            principals,
            report_access,
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

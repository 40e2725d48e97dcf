//! Connecting (with short timeouts, so an unreachable PostgreSQL fails fast), migrating,
//! the persisted JWT key and the first system administrator.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    DatabaseTransaction, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use uuid::Uuid;
use varig_migrations::Migrator;

use crate::auth::password;
use crate::config::Settings;
use crate::entities::{server_setting, user};
use crate::error::AppError;

pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    let mut opt = ConnectOptions::new(settings.database_url.expose().to_owned());
    opt.max_connections(settings.db_max_connections)
        .min_connections(0)
        .connect_timeout(Duration::from_secs(settings.db_connect_timeout_secs))
        .acquire_timeout(Duration::from_secs(settings.db_connect_timeout_secs))
        .sqlx_logging(false);
    let mut db = Database::connect(opt).await?;
    if settings.query_count {
        crate::query_count::install(&mut db);
    }
    if !settings.is_postgres() {
        // WAL lets readers work while one writer writes.
        db.execute_unprepared("PRAGMA journal_mode=WAL;").await?;
    }
    Ok(db)
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once (a no-op
/// write), so that two writers queue (busy timeout) instead of the second failing with
/// SQLITE_BUSY when its read snapshot turns out stale at its first write.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        txn.execute_unprepared("UPDATE server_settings SET value = value WHERE key = 'write-lock'")
            .await?;
    }
    Ok(txn)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

const JWT_KEY: &str = "jwt_signing_key";

/// The configured signing key, or the one stored in the database, generated on first start.
/// Stored in the database so that every instance on a shared PostgreSQL signs alike.
pub async fn jwt_secret(db: &DatabaseConnection, settings: &Settings) -> Result<Vec<u8>, DbErr> {
    if let Some(secret) = &settings.jwt_secret {
        return Ok(secret.expose().as_bytes().to_vec());
    }
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let candidate = server_setting::ActiveModel {
        key: Set(JWT_KEY.into()),
        value: Set(STANDARD.encode(bytes)),
    };
    // Insert if absent; a concurrent first start by another instance wins harmlessly.
    server_setting::Entity::insert(candidate)
        .on_conflict(
            OnConflict::column(server_setting::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .do_nothing()
        .exec(db)
        .await?;
    let stored = server_setting::Entity::find_by_id(JWT_KEY.to_string())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("jwt signing key".into()))?;
    STANDARD
        .decode(stored.value.as_bytes())
        .map_err(|e| DbErr::Custom(format!("stored jwt key is not base64: {e}")))
}

/// What happened to the first system administrator at start-up.
#[derive(Debug, PartialEq, Eq)]
pub enum AdminBootstrap {
    Created,
    AlreadyPresent,
    NotConfigured,
}

pub async fn bootstrap_admin(
    db: &DatabaseConnection,
    settings: &Settings,
) -> Result<AdminBootstrap, AppError> {
    let admins = user::Entity::find()
        .filter(user::Column::SystemAdmin.eq(true))
        .count(db)
        .await?;
    if admins > 0 {
        return Ok(AdminBootstrap::AlreadyPresent);
    }
    let (Some(email), Some(pass)) = (&settings.admin_email, &settings.admin_password) else {
        return Ok(AdminBootstrap::NotConfigured);
    };
    create_system_admin(db, email, pass.expose()).await?;
    Ok(AdminBootstrap::Created)
}

pub async fn create_system_admin(
    db: &DatabaseConnection,
    email: &str,
    pass: &str,
) -> Result<(), AppError> {
    let email = crate::domain::email("VARIG_ADMIN_EMAIL", email)
        .map_err(|e| AppError::Validation(vec![e]))?;
    crate::domain::password("VARIG_ADMIN_PASSWORD", pass)
        .map_err(|e| AppError::Validation(vec![e]))?;
    let hash = password::hash(pass.to_owned()).await?;
    let now = Utc::now();
    user::Entity::insert(user::ActiveModel {
        id: Set(Uuid::now_v7().to_string()),
        organisation_id: Set(None),
        email: Set(email),
        name: Set("System administrator".into()),
        password_hash: Set(Some(hash)),
        org_role: Set(None),
        system_admin: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        archived_at: Set(None),
        version: Set(1),
    })
    .exec(db)
    .await?;
    Ok(())
}

//! Trust: login sessions with an absolute lifetime (the access token names its session, so
//! ending the session ends its access tokens too), API-token expiry, the shared login
//! throttle and per-caller rate-limit buckets (shared by every instance on one database).

use sea_orm_migration::prelude::*;

use crate::columns::{fk, index, string as s, ts, ts_null, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn t(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A session is one login: the family of its refresh tokens.
        m.create_table(
            Table::create()
                .table(t("sessions"))
                .col(
                    ColumnDef::new(t("id"))
                        .string_len(36)
                        .not_null()
                        .primary_key(),
                )
                .col(uuid_ref("user_id"))
                .col(ts("created_at"))
                .col(ts("expires_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("sessions", &["user_id"], false))
            .await?;
        // Existing logins become sessions that end when their last refresh token would.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO sessions (id, user_id, created_at, expires_at, revoked_at) \
                 SELECT family_id, MIN(user_id), MIN(created_at), MAX(expires_at), \
                 CASE WHEN COUNT(*) = COUNT(revoked_at) THEN MAX(revoked_at) END \
                 FROM refresh_tokens GROUP BY family_id",
            )
            .await?;
        m.alter_table(
            Table::alter()
                .table(t("api_tokens"))
                .add_column(ts_null("expires_at"))
                .to_owned(),
        )
        .await?;
        // Login throttle: one row per (hashed) key, for an account+client pair or a client.
        m.create_table(
            Table::create()
                .table(t("login_throttle"))
                .col(s("key", 64).primary_key())
                .col(
                    ColumnDef::new(t("failures"))
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(ts("window_started_at"))
                .col(
                    ColumnDef::new(t("lockouts"))
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(ts_null("locked_until"))
                .col(ts("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("login_throttle", &["updated_at"], false))
            .await?;
        // Token buckets of the per-caller rate limit.
        m.create_table(
            Table::create()
                .table(t("rate_buckets"))
                .col(s("key", 80).primary_key())
                .col(ColumnDef::new(t("tokens")).double().not_null())
                .col(ts("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rate_buckets", &["updated_at"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["rate_buckets", "login_throttle", "sessions"] {
            m.drop_table(Table::drop().table(t(table)).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(t("api_tokens"))
                .drop_column(t("expires_at"))
                .to_owned(),
        )
        .await
    }
}

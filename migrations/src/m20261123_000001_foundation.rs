//! Organisations, users, programmes, projects, memberships, invitations, tokens, audit log.

use sea_orm_migration::prelude::*;

use crate::columns::{
    fk, id, index, text, text_null, ts, ts_null, uuid_ref, uuid_ref_null, version,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order (drop order is the reverse).
const TABLES: &[&str] = &[
    "server_settings",
    "organisations",
    "users",
    "programmes",
    "projects",
    "memberships",
    "invitations",
    "refresh_tokens",
    "api_tokens",
    "audit_log",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alias::new("server_settings"))
                .col(
                    ColumnDef::new(Alias::new("key"))
                        .string_len(100)
                        .not_null()
                        .primary_key(),
                )
                .col(text("value"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("organisations"))
                .col(id())
                .col(text("name"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(ts_null("archived_at"))
                .col(version())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("users"))
                .col(id())
                .col(uuid_ref_null("organisation_id"))
                .col(
                    ColumnDef::new(Alias::new("email"))
                        .string_len(320)
                        .not_null(),
                )
                .col(text("name"))
                .col(text_null("password_hash"))
                .col(ColumnDef::new(Alias::new("org_role")).string_len(20).null())
                .col(
                    ColumnDef::new(Alias::new("system_admin"))
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(ts_null("archived_at"))
                .col(version())
                .foreign_key(&mut fk("users", "organisation_id", "organisations"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("users", &["email"], true)).await?;
        m.create_index(index("users", &["organisation_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("programmes"))
                .col(id())
                .col(uuid_ref("organisation_id"))
                .col(text("name"))
                .col(text("description"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(ts_null("archived_at"))
                .col(version())
                .foreign_key(&mut fk("programmes", "organisation_id", "organisations"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("programmes", &["organisation_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("projects"))
                .col(id())
                .col(uuid_ref("organisation_id"))
                .col(uuid_ref("programme_id"))
                .col(text("name"))
                .col(text("description"))
                .col(
                    ColumnDef::new(Alias::new("phase"))
                        .string_len(20)
                        .not_null(),
                )
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(ts_null("archived_at"))
                .col(version())
                .foreign_key(&mut fk("projects", "organisation_id", "organisations"))
                .foreign_key(&mut fk("projects", "programme_id", "programmes"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("projects", &["organisation_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("memberships"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(uuid_ref("user_id"))
                .col(ColumnDef::new(Alias::new("role")).string_len(20).not_null())
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(ts_null("archived_at"))
                .col(version())
                .foreign_key(&mut fk("memberships", "project_id", "projects"))
                .foreign_key(&mut fk("memberships", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("memberships", &["project_id", "user_id"], true))
            .await?;
        m.create_index(index("memberships", &["user_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("invitations"))
                .col(id())
                .col(uuid_ref("organisation_id"))
                .col(
                    ColumnDef::new(Alias::new("email"))
                        .string_len(320)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Alias::new("org_role"))
                        .string_len(20)
                        .not_null(),
                )
                .col(uuid_ref_null("project_id"))
                .col(
                    ColumnDef::new(Alias::new("project_role"))
                        .string_len(20)
                        .null(),
                )
                .col(
                    ColumnDef::new(Alias::new("token_hash"))
                        .string_len(64)
                        .not_null(),
                )
                .col(uuid_ref_null("invited_by"))
                .col(ts("created_at"))
                .col(ts("expires_at"))
                .col(ts_null("accepted_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk("invitations", "organisation_id", "organisations"))
                .foreign_key(&mut fk("invitations", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("invitations", &["token_hash"], true))
            .await?;
        m.create_index(index("invitations", &["organisation_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("refresh_tokens"))
                .col(id())
                .col(uuid_ref("family_id"))
                .col(uuid_ref("user_id"))
                .col(
                    ColumnDef::new(Alias::new("token_hash"))
                        .string_len(64)
                        .not_null(),
                )
                .col(ts("created_at"))
                .col(ts("expires_at"))
                .col(ts_null("used_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk("refresh_tokens", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("refresh_tokens", &["token_hash"], true))
            .await?;
        m.create_index(index("refresh_tokens", &["family_id"], false))
            .await?;
        m.create_index(index("refresh_tokens", &["user_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("api_tokens"))
                .col(id())
                .col(uuid_ref("organisation_id"))
                .col(text("name"))
                .col(text("scopes"))
                .col(
                    ColumnDef::new(Alias::new("prefix"))
                        .string_len(32)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Alias::new("token_hash"))
                        .string_len(64)
                        .not_null(),
                )
                .col(uuid_ref_null("created_by"))
                .col(ts("created_at"))
                .col(ts_null("last_used_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk("api_tokens", "organisation_id", "organisations"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("api_tokens", &["token_hash"], true))
            .await?;
        m.create_index(index("api_tokens", &["organisation_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("audit_log"))
                .col(id())
                .col(uuid_ref_null("organisation_id"))
                .col(uuid_ref_null("actor_user_id"))
                .col(uuid_ref_null("actor_token_id"))
                .col(
                    ColumnDef::new(Alias::new("action"))
                        .string_len(100)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Alias::new("entity_type"))
                        .string_len(50)
                        .not_null(),
                )
                .col(uuid_ref_null("entity_id"))
                .col(text_null("before"))
                .col(text_null("after"))
                .col(ts("at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", &["organisation_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            m.drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

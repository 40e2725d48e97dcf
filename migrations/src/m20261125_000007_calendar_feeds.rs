//! Secret calendar feed URLs, per user and optionally per project; rotating revokes.

use sea_orm_migration::prelude::*;

use crate::columns::{fk, id, index, string as s, ts, ts_null, uuid_ref, uuid_ref_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alias::new("calendar_feeds"))
                .col(id())
                .col(uuid_ref("user_id"))
                .col(uuid_ref_null("project_id"))
                .col(s("token_hash", 64))
                .col(ts("created_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk("calendar_feeds", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("calendar_feeds", &["token_hash"], true))
            .await?;
        m.create_index(index("calendar_feeds", &["user_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("calendar_feeds")).to_owned())
            .await
    }
}

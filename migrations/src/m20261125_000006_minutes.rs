//! What happened at meetings (status, minutes, attendance, decisions) and their actions.
//! A meeting row exists once something is recorded; until then the schedule stands for it.

use sea_orm_migration::prelude::*;

use crate::columns::{
    fk, id, index, string as s, text, text_null, ts, ts_null, uuid_ref, uuid_ref_null, version,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alias::new("meetings"))
                .col(id())
                .col(uuid_ref("series_id"))
                .col(uuid_ref("project_id"))
                .col(ColumnDef::new(Alias::new("date")).date().not_null())
                .col(s("status", 20))
                .col(ColumnDef::new(Alias::new("held_on")).date().null())
                .col(text_null("cancel_reason"))
                .col(text("agenda"))
                .col(text("attendance"))
                .col(text("decisions"))
                .col(ts_null("minutes_published_at"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(version())
                .foreign_key(&mut fk("meetings", "series_id", "meeting_series"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meetings", &["series_id", "date"], true))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("meeting_actions"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(uuid_ref("series_id"))
                .col(ColumnDef::new(Alias::new("meeting_date")).date().not_null())
                .col(s("title", 200))
                .col(uuid_ref_null("responsible_id"))
                .col(ColumnDef::new(Alias::new("due_date")).date().null())
                .col(s("status", 20))
                .col(ts_null("done_at"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(version())
                .foreign_key(&mut fk("meeting_actions", "series_id", "meeting_series"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meeting_actions", &["series_id"], false))
            .await?;
        m.create_index(index("meeting_actions", &["responsible_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["meeting_actions", "meetings"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}

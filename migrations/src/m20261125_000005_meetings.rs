//! Meeting series of a project (the cadence). Meetings themselves, minutes and actions
//! follow in a later migration.

use sea_orm_migration::prelude::*;

use crate::columns::{fk, id, index, string as s, string_null, text, ts, uuid_ref, version};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alias::new("meeting_series"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(s("kind", 30))
                .col(s("title", 200))
                .col(text("recurrence"))
                .col(ColumnDef::new(Alias::new("start_date")).date().not_null())
                .col(ColumnDef::new(Alias::new("end_date")).date().null())
                .col(s("time_of_day", 5))
                .col(
                    ColumnDef::new(Alias::new("duration_minutes"))
                        .integer()
                        .not_null(),
                )
                .col(s("time_zone", 64))
                .col(text("participant_roles"))
                .col(text("participant_ids"))
                .col(s("status", 20))
                .col(string_null("template", 30))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(version())
                .foreign_key(&mut fk("meeting_series", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meeting_series", &["project_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("meeting_series")).to_owned())
            .await
    }
}

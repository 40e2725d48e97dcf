//! The change-agent network: the organisation's structure (levels and dimensions) and
//! units, each project's scope and settings, change agents with their status history and
//! training, and field reports (keyed by the id the phone generated).

use sea_orm_migration::prelude::*;

use crate::columns::{
    fk, id, index, string as s, text, ts, ts_null, uuid_ref, uuid_ref_null, version,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .integer()
        .not_null()
        .to_owned()
}

fn date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .date()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alias::new("org_structures"))
                .col(uuid_ref("organisation_id").primary_key())
                .col(text("body"))
                .col(version())
                .col(ts("updated_at"))
                .foreign_key(&mut fk(
                    "org_structures",
                    "organisation_id",
                    "organisations",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("units"))
                .col(id())
                .col(uuid_ref("organisation_id"))
                .col(uuid_ref_null("parent_id"))
                .col(s("level", 80))
                .col(s("name", 200))
                .col(text("dimensions"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(ts_null("archived_at"))
                .col(version())
                .foreign_key(&mut fk("units", "organisation_id", "organisations"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("units", &["organisation_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("project_units"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(uuid_ref("unit_id"))
                .foreign_key(&mut fk("project_units", "project_id", "projects"))
                .foreign_key(&mut fk("project_units", "unit_id", "units"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("project_units", &["project_id", "unit_id"], true))
            .await?;
        // SQLite adds one column per ALTER TABLE.
        for col in [
            ColumnDef::new(Alias::new("silent_after_weeks"))
                .integer()
                .not_null()
                .default(4)
                .to_owned(),
            ColumnDef::new(Alias::new("network_version"))
                .big_integer()
                .not_null()
                .default(1)
                .to_owned(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Alias::new("projects"))
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(Alias::new("change_agents"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(uuid_ref("user_id"))
                .col(s("status", 20))
                .col(text("history"))
                .col(text("unit_ids"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(version())
                .foreign_key(&mut fk("change_agents", "id", "memberships"))
                .foreign_key(&mut fk("change_agents", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("change_agents", &["project_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("training_records"))
                .col(id())
                .col(uuid_ref("agent_id"))
                .col(uuid_ref("project_id"))
                .col(date("date"))
                .col(s("kind", 20))
                .col(ColumnDef::new(Alias::new("hours")).double().not_null())
                .col(s("given_by", 200))
                .col(text("note"))
                .col(ts("created_at"))
                .foreign_key(&mut fk("training_records", "agent_id", "memberships"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("training_records", &["agent_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("field_reports"))
                .col(id())
                .col(uuid_ref("project_id"))
                // Server-side UUIDv7 at receipt: the feed's order and cursor (the phone's ids
                // are random).
                .col(uuid_ref("received_id"))
                .col(uuid_ref("agent_user_id"))
                .col(date("date"))
                .col(uuid_ref("unit_id"))
                .col(s("activity", 30))
                .col(int("people_reached"))
                .col(s("stage", 30))
                .col(
                    ColumnDef::new(Alias::new("resistance"))
                        .string_len(10)
                        .null()
                        .to_owned(),
                )
                .col(text("barriers"))
                .col(text("successes"))
                .col(text("support_needed"))
                .col(ts("created_at"))
                .foreign_key(&mut fk("field_reports", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("field_reports", &["project_id", "received_id"], true))
            .await?;
        m.create_index(index(
            "field_reports",
            &["project_id", "agent_user_id", "date"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "field_reports",
            "training_records",
            "change_agents",
            "project_units",
            "units",
            "org_structures",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        for c in ["network_version", "silent_after_weeks"] {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("projects"))
                    .drop_column(Alias::new(c))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

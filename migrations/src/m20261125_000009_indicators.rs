//! Indicators and their measurements (with corrections kept), the sustainability
//! self-assessment, the fade-risk settings per project and the fade-risk history.

use sea_orm_migration::prelude::*;

use crate::columns::{
    fk, id, index, string as s, text, ts, ts_null, uuid_ref, uuid_ref_null, version,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn double(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .double()
        .not_null()
        .to_owned()
}
fn double_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).double().null().to_owned()
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
        // The dashboard counts recent reports and recent reporters by date.
        m.create_index(index("field_reports", &["project_id", "date"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("indicators"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(s("category", 40))
                .col(s("name", 200))
                .col(text("description"))
                .col(s("unit", 40))
                .col(s("source", 40))
                .col(s("direction", 10))
                .col(double_null("baseline"))
                .col(double_null("target"))
                .col(double("green_threshold"))
                .col(double("amber_threshold"))
                .col(s("frequency", 20))
                .col(date("start_date"))
                .col(uuid_ref_null("responsible_id"))
                .col(uuid_ref_null("goal_id"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(version())
                .foreign_key(&mut fk("indicators", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("indicators", &["project_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("measurements"))
                .col(id())
                .col(uuid_ref("indicator_id"))
                .col(uuid_ref("project_id"))
                .col(date("period_start"))
                .col(double("value"))
                .col(text("comment"))
                .col(s("source", 20))
                .col(uuid_ref_null("recorded_by_user_id"))
                .col(uuid_ref_null("recorded_by_token_id"))
                .col(s("recorded_by_name", 200))
                .col(ts("recorded_at"))
                .col(version())
                .foreign_key(&mut fk("measurements", "indicator_id", "indicators"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "measurements",
            &["indicator_id", "period_start"],
            true,
        ))
        .await?;
        m.create_index(index(
            "measurements",
            &["project_id", "period_start"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("measurement_revisions"))
                .col(id())
                .col(uuid_ref("measurement_id"))
                .col(
                    ColumnDef::new(Alias::new("version"))
                        .big_integer()
                        .not_null(),
                )
                .col(double("value"))
                .col(text("comment"))
                .col(s("source", 20))
                .col(s("recorded_by_name", 200))
                .col(ts("recorded_at"))
                .foreign_key(&mut fk(
                    "measurement_revisions",
                    "measurement_id",
                    "measurements",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("measurement_revisions", &["measurement_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("sustainability_assessments"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(s("phase", 20))
                .col(s("title", 200))
                .col(s("status", 20))
                .col(uuid_ref("opened_by"))
                .col(ts("created_at"))
                .col(ts_null("closed_at"))
                .foreign_key(&mut fk(
                    "sustainability_assessments",
                    "project_id",
                    "projects",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("sustainability_assessments", &["project_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("sustainability_ratings"))
                .col(uuid_ref("assessment_id"))
                .col(uuid_ref("user_id"))
                .col(s("factor", 40))
                .col(ColumnDef::new(Alias::new("score")).integer().not_null())
                .col(ts("updated_at"))
                .primary_key(
                    Index::create()
                        .col(Alias::new("assessment_id"))
                        .col(Alias::new("user_id"))
                        .col(Alias::new("factor")),
                )
                .foreign_key(&mut fk(
                    "sustainability_ratings",
                    "assessment_id",
                    "sustainability_assessments",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("fade_risk_points"))
                .col(uuid_ref("project_id"))
                .col(date("date"))
                .col(double("score"))
                .col(s("level", 20))
                .col(text("triggered"))
                .primary_key(
                    Index::create()
                        .col(Alias::new("project_id"))
                        .col(Alias::new("date")),
                )
                .foreign_key(&mut fk("fade_risk_points", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("fade_settings"))
                .col(
                    ColumnDef::new(Alias::new("project_id"))
                        .string_len(36)
                        .not_null()
                        .primary_key(),
                )
                .col(text("settings"))
                .col(ts("updated_at"))
                .foreign_key(&mut fk("fade_settings", "project_id", "projects"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_field_reports_project_id_date")
                .table(Alias::new("field_reports"))
                .to_owned(),
        )
        .await?;
        for t in [
            "fade_settings",
            "fade_risk_points",
            "sustainability_ratings",
            "sustainability_assessments",
            "measurement_revisions",
            "measurements",
            "indicators",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}

//! Phase gates: transition requests, steering-group recommendations, phase stays, and the
//! project's state after an evaluation.

use sea_orm_migration::prelude::*;

use crate::columns::{fk, index, string as s, string_null as s_null, text, ts, ts_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("projects"))
                .add_column(
                    ColumnDef::new(Alias::new("state"))
                        .string_len(30)
                        .not_null()
                        .default("active"),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("gate_requests"))
                .col(s("id", 36).primary_key())
                .col(s("project_id", 36))
                .col(s("organisation_id", 36))
                .col(s("requested_by", 36))
                .col(s("requested_in", 20))
                .col(s("target", 20))
                .col(text("summary"))
                .col(text("evidence"))
                .col(s("status", 20))
                .col(s_null("decision", 20))
                .col(ColumnDef::new(Alias::new("decision_reason")).text().null())
                .col(s_null("decided_by", 36))
                .col(ts_null("decided_at"))
                .col(s_null("resulting_phase", 20))
                .col(ts("created_at"))
                .foreign_key(&mut fk("gate_requests", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("gate_requests", &["project_id"], false))
            .await?;
        // At most one open request per project, enforced by the database (same SQL on both).
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_gate_requests_one_open ON gate_requests (project_id) WHERE status = 'open'",
            )
            .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("gate_recommendations"))
                .col(s("id", 36).primary_key())
                .col(s("request_id", 36))
                .col(s("user_id", 36))
                .col(s("recommendation", 20))
                .col(text("comment"))
                .col(ts("created_at"))
                .foreign_key(&mut fk(
                    "gate_recommendations",
                    "request_id",
                    "gate_requests",
                ))
                .foreign_key(&mut fk("gate_recommendations", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_gate_recommendations_request_user")
                .table(Alias::new("gate_recommendations"))
                .col(Alias::new("request_id"))
                .col(Alias::new("user_id"))
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Alias::new("phase_stays"))
                .col(s("id", 36).primary_key())
                .col(s("project_id", 36))
                .col(s("phase", 20))
                .col(ts("entered_at"))
                .col(ts_null("left_at"))
                .col(s_null("ended_by_request", 36))
                .foreign_key(&mut fk("phase_stays", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("phase_stays", &["project_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["phase_stays", "gate_recommendations", "gate_requests"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Alias::new("projects"))
                .drop_column(Alias::new("state"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

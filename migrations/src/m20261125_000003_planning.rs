//! The phase plan (checklist, milestones, goals), readiness rounds and the planning tools
//! (stakeholders, barriers and facilitators, risks). Every plan row belongs to a project
//! and is versioned for `If-Match`.

use sea_orm_migration::prelude::*;

use crate::columns::{
    fk, id, index, string as s, text, text_null, ts, ts_null, uuid_ref, uuid_ref_null, version,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .integer()
        .not_null()
        .to_owned()
}

/// A project-owned, versioned table with the given columns.
fn plan_table(name: &str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(Alias::new(name))
        .col(id())
        .col(uuid_ref("project_id"));
    for mut c in columns {
        t.col(&mut c);
    }
    t.col(ts("created_at"))
        .col(ts("updated_at"))
        .col(version())
        .foreign_key(&mut fk(name, "project_id", "projects"))
        .to_owned()
}

const PLAN_TABLES: [&str; 6] = [
    "checklist_items",
    "milestones",
    "goals",
    "stakeholders",
    "barriers",
    "risks",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(plan_table(
            "checklist_items",
            vec![
                s("phase", 20),
                s("kind", 20),
                ColumnDef::new(Alias::new("key"))
                    .string_len(80)
                    .null()
                    .to_owned(),
                text("title_nb"),
                text("title_nn"),
                text("title_en"),
                int("position"),
                s("status", 20),
                text_null("not_relevant_reason"),
                uuid_ref_null("responsible_id"),
                text("evidence"),
                text("evidence_links"),
                uuid_ref_null("updated_by"),
            ],
        ))
        .await?;
        m.create_table(plan_table(
            "milestones",
            vec![
                s("phase", 20),
                s("title", 200),
                text("description"),
                ColumnDef::new(Alias::new("due_date"))
                    .date()
                    .not_null()
                    .to_owned(),
                uuid_ref_null("responsible_id"),
                s("status", 20),
                ts_null("completed_at"),
            ],
        ))
        .await?;
        m.create_table(plan_table(
            "goals",
            vec![
                s("level", 20),
                uuid_ref_null("parent_id"),
                s("title", 200),
                text("description"),
                uuid_ref_null("indicator_id"),
            ],
        ))
        .await?;
        m.create_table(plan_table(
            "stakeholders",
            vec![
                s("name", 200),
                s("influence", 10),
                s("affected", 10),
                s("attitude", 20),
                text("measures"),
            ],
        ))
        .await?;
        m.create_table(plan_table(
            "barriers",
            vec![
                s("level", 20),
                s("kind", 20),
                text("description"),
                int("strength"),
                ColumnDef::new(Alias::new("resistance"))
                    .string_len(10)
                    .null()
                    .to_owned(),
                text("strategy"),
                uuid_ref_null("responsible_id"),
            ],
        ))
        .await?;
        m.create_table(plan_table(
            "risks",
            vec![
                s("title", 200),
                text("description"),
                int("probability"),
                int("consequence"),
                uuid_ref_null("owner_id"),
                text("mitigation"),
                s("status", 20),
            ],
        ))
        .await?;
        for t in PLAN_TABLES {
            m.create_index(index(t, &["project_id"], false)).await?;
        }

        m.create_table(
            Table::create()
                .table(Alias::new("readiness_assessments"))
                .col(id())
                .col(uuid_ref("project_id"))
                .col(s("phase", 20))
                .col(s("title", 200))
                .col(s("status", 20))
                .col(uuid_ref("opened_by"))
                .col(ts("created_at"))
                .col(ts_null("closed_at"))
                .foreign_key(&mut fk("readiness_assessments", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("readiness_assessments", &["project_id"], false))
            .await?;
        // One open round per project, enforced by the database.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_readiness_one_open ON readiness_assessments (project_id) WHERE status = 'open'",
            )
            .await?;
        m.create_table(
            Table::create()
                .table(Alias::new("readiness_responses"))
                .col(id())
                .col(uuid_ref("assessment_id"))
                .col(uuid_ref("user_id"))
                .col(text("answers"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .foreign_key(&mut fk(
                    "readiness_responses",
                    "assessment_id",
                    "readiness_assessments",
                ))
                .foreign_key(&mut fk("readiness_responses", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "readiness_responses",
            &["assessment_id", "user_id"],
            true,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut tables = vec!["readiness_responses", "readiness_assessments"];
        tables.extend(PLAN_TABLES.iter().rev());
        for t in tables {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}

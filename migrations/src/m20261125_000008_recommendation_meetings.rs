//! A recommendation may be recorded at a steering-group meeting: which one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for mut col in [
            ColumnDef::new(Alias::new("meeting_series_id"))
                .string_len(36)
                .null()
                .to_owned(),
            ColumnDef::new(Alias::new("meeting_date"))
                .date()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("gate_recommendations"))
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in ["meeting_date", "meeting_series_id"] {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("gate_recommendations"))
                    .drop_column(Alias::new(c))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

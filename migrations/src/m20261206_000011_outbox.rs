//! The outbox of domain events (written in the same transaction as the change that causes
//! them) and the webhooks that carry them to third-party systems: subscriptions and one
//! delivery per event and subscription.

use sea_orm_migration::prelude::*;

use crate::columns::{
    fk, id, index, string as s, text, text_null, ts, ts_null, uuid_ref, uuid_ref_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn t(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("outbox_events"))
                .col(id())
                .col(s("event_type", 64))
                .col(uuid_ref("organisation_id"))
                .col(uuid_ref_null("project_id"))
                .col(ts("occurred_at"))
                .col(text("data"))
                // Set once every consumer has taken the event (fan-out done).
                .col(ts_null("dispatched_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("outbox_events", &["dispatched_at"], false))
            .await?;
        // What the periodic watcher saw last (an indicator red, an agent silent, an action
        // overdue, a fade-risk level), so that it sends an event when a condition begins.
        m.create_table(
            Table::create()
                .table(t("watch_states"))
                .col(s("key", 120).primary_key())
                .col(uuid_ref("project_id"))
                .col(s("value", 40))
                .col(ts("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("watch_states", &["project_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(t("webhook_subscriptions"))
                .col(id())
                .col(uuid_ref("organisation_id"))
                .col(s("url", 2000))
                .col(s("description", 200))
                // Comma-separated event types; empty: every type.
                .col(text("event_types"))
                .col(uuid_ref_null("project_id"))
                .col(s("secret", 100))
                .col(ColumnDef::new(t("enabled")).boolean().not_null())
                .col(text_null("disabled_reason"))
                .col(uuid_ref_null("created_by"))
                .col(ts("created_at"))
                .col(ts("updated_at"))
                .col(crate::columns::version())
                .col(ts_null("deleted_at"))
                .foreign_key(&mut fk(
                    "webhook_subscriptions",
                    "organisation_id",
                    "organisations",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("webhook_subscriptions", &["organisation_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(t("webhook_deliveries"))
                .col(id())
                .col(uuid_ref("subscription_id"))
                .col(uuid_ref("event_id"))
                .col(s("status", 16))
                .col(
                    ColumnDef::new(t("attempts"))
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(ts("next_attempt_at"))
                // An instance that claimed the delivery holds it until then; after a crash
                // another instance takes it up.
                .col(ts_null("locked_until"))
                .col(ts_null("last_attempt_at"))
                .col(ColumnDef::new(t("last_status_code")).integer().null())
                .col(text_null("last_error"))
                .col(ts_null("delivered_at"))
                .col(ts("created_at"))
                .foreign_key(&mut fk(
                    "webhook_deliveries",
                    "subscription_id",
                    "webhook_subscriptions",
                ))
                .foreign_key(&mut fk("webhook_deliveries", "event_id", "outbox_events"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "webhook_deliveries",
            &["subscription_id", "event_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "webhook_deliveries",
            &["status", "next_attempt_at"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "webhook_deliveries",
            "webhook_subscriptions",
            "outbox_events",
        ] {
            m.drop_table(Table::drop().table(t(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

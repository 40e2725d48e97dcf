//! Database schema of Varig, identical on SQLite and PostgreSQL.
//!
//! Identifiers are UUIDv7 stored as 36-character text: the same on both databases, and
//! their text order is their creation order, which keyset (cursor) pagination relies on.

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261123_000001_foundation;
mod m20261123_000002_gates;
mod m20261125_000003_planning;
mod m20261125_000004_network;
mod m20261125_000005_meetings;
mod m20261125_000006_minutes;
mod m20261125_000007_calendar_feeds;
mod m20261125_000008_recommendation_meetings;
mod m20261125_000009_indicators;
mod m20261206_000010_trust;
mod m20261206_000011_outbox;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_gates::Migration),
            Box::new(m20261125_000003_planning::Migration),
            Box::new(m20261125_000004_network::Migration),
            Box::new(m20261125_000005_meetings::Migration),
            Box::new(m20261125_000006_minutes::Migration),
            Box::new(m20261125_000007_calendar_feeds::Migration),
            Box::new(m20261125_000008_recommendation_meetings::Migration),
            Box::new(m20261125_000009_indicators::Migration),
            Box::new(m20261206_000010_trust::Migration),
            Box::new(m20261206_000011_outbox::Migration),
        ]
    }
}

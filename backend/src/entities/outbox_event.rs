use sea_orm::entity::prelude::*;

/// A domain event, written in the transaction of the change that caused it (`outbox`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub event_type: String,
    pub organisation_id: String,
    pub project_id: Option<String>,
    pub occurred_at: DateTimeUtc,
    /// The JSON object of the event's `data`.
    pub data: String,
    /// When every consumer took the event.
    pub dispatched_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;
use varig_types::MeetingStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub series_id: String,
    pub project_id: String,
    pub date: Date,
    pub status: MeetingStatus,
    pub held_on: Option<Date>,
    pub cancel_reason: Option<String>,
    /// JSON array of agenda items.
    pub agenda: String,
    /// JSON array of user ids.
    pub attendance: String,
    /// JSON array of texts.
    pub decisions: String,
    pub minutes_published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;
use varig_types::{MeetingKind, SeriesStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_series")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub project_id: String,
    pub kind: MeetingKind,
    pub title: String,
    /// The `Recurrence` as JSON.
    pub recurrence: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub time_of_day: String,
    pub duration_minutes: i32,
    pub time_zone: String,
    /// JSON array of project roles.
    pub participant_roles: String,
    /// JSON array of user ids.
    pub participant_ids: String,
    pub status: SeriesStatus,
    /// Which standard series this is (proposed for new projects), if any.
    pub template: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

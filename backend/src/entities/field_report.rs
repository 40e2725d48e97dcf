use sea_orm::entity::prelude::*;
use varig_types::{Activity, ReactionStage, Resistance};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "field_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub project_id: String,
    pub received_id: String,
    pub agent_user_id: String,
    pub date: Date,
    pub unit_id: String,
    pub activity: Activity,
    pub people_reached: i32,
    pub stage: ReactionStage,
    pub resistance: Option<Resistance>,
    /// JSON array of `{level, text}`.
    pub barriers: String,
    pub successes: String,
    pub support_needed: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

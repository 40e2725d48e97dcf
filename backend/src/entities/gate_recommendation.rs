use sea_orm::entity::prelude::*;
use varig_types::Recommendation;

use crate::ids::Id;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gate_recommendations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Id,
    pub request_id: Id,
    pub user_id: Id,
    pub recommendation: Recommendation,
    pub comment: String,
    pub created_at: DateTimeUtc,
    pub meeting_series_id: Option<Id>,
    pub meeting_date: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

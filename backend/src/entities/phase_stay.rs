use sea_orm::entity::prelude::*;
use varig_types::Phase;

use crate::ids::Id;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phase_stays")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Id,
    pub project_id: Id,
    pub phase: Phase,
    pub entered_at: DateTimeUtc,
    pub left_at: Option<DateTimeUtc>,
    pub ended_by_request: Option<Id>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

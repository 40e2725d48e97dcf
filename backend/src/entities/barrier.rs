use sea_orm::entity::prelude::*;
use varig_types::{BarrierLevel, ForceKind, Resistance};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barriers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub project_id: String,
    pub level: BarrierLevel,
    pub kind: ForceKind,
    pub description: String,
    pub strength: i32,
    pub resistance: Option<Resistance>,
    pub strategy: String,
    pub responsible_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

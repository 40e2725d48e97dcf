use sea_orm::entity::prelude::*;

/// What the periodic watcher saw last of one thing (`dashboard::watch`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "watch_states")]
pub struct Model {
    /// `<kind>:<id>`, e.g. `indicator:<uuid>`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub project_id: String,
    pub value: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

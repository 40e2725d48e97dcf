use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "measurements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub indicator_id: String,
    pub project_id: String,
    pub period_start: Date,
    pub value: f64,
    pub comment: String,
    pub source: String,
    pub recorded_by_user_id: Option<String>,
    pub recorded_by_token_id: Option<String>,
    pub recorded_by_name: String,
    pub recorded_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

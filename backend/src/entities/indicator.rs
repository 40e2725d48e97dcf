use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub project_id: String,
    pub category: String,
    pub name: String,
    pub description: String,
    pub unit: String,
    pub source: String,
    pub direction: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub green_threshold: f64,
    pub amber_threshold: f64,
    pub frequency: String,
    pub start_date: Date,
    pub responsible_id: Option<String>,
    pub goal_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

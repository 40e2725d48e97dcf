use sea_orm::entity::prelude::*;
use varig_types::{ChecklistKind, ItemStatus, Phase};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checklist_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub project_id: String,
    pub phase: Phase,
    pub kind: ChecklistKind,
    pub key: Option<String>,
    pub title_nb: String,
    pub title_nn: String,
    pub title_en: String,
    pub position: i32,
    pub status: ItemStatus,
    pub not_relevant_reason: Option<String>,
    pub responsible_id: Option<String>,
    pub evidence: String,
    /// A JSON array of links.
    pub evidence_links: String,
    pub updated_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

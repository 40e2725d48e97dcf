use sea_orm::entity::prelude::*;
use varig_types::{GateDecisionKind, GateStatus, GateTarget, Phase};

use crate::ids::Id;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gate_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Id,
    pub project_id: Id,
    pub organisation_id: Id,
    pub requested_by: Id,
    pub requested_in: Phase,
    pub target: GateTarget,
    pub summary: String,
    pub evidence: String,
    pub status: GateStatus,
    pub decision: Option<GateDecisionKind>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<Id>,
    pub decided_at: Option<DateTimeUtc>,
    pub resulting_phase: Option<Phase>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Rows of the network as the API shows them.

use varig_types::{
    AgentStatus, AgentStatusChange, OrgStructure, OrgStructureInput, TrainingRecord, Unit,
    UnitDimension,
};

use crate::entities::{change_agent as ca, membership, training_record as tr, unit};
use crate::ids::parse_id;

pub fn structure(s: OrgStructureInput, version: i64) -> OrgStructure {
    OrgStructure {
        levels: s.levels,
        dimensions: s.dimensions,
        version,
    }
}

/// A unit's dimension values (stored as JSON).
pub fn dims(m: &unit::Model) -> Vec<UnitDimension> {
    serde_json::from_str(&m.dimensions).unwrap_or_default()
}

pub fn unit(m: &unit::Model) -> Unit {
    Unit {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        name: m.name.clone(),
        parent_id: m.parent_id.as_deref().map(parse_id),
        level: m.level.clone(),
        dimensions: dims(m),
        archived_at: m.archived_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn training(m: &tr::Model) -> TrainingRecord {
    TrainingRecord {
        id: parse_id(&m.id),
        agent_id: parse_id(&m.agent_id),
        date: m.date,
        kind: m.kind,
        hours: m.hours,
        given_by: m.given_by.clone(),
        note: m.note.clone(),
        created_at: m.created_at,
    }
}

/// A change agent as stored, or as a new agent starts (nominated when made a member).
pub struct AgentState {
    pub membership: membership::Model,
    pub status: AgentStatus,
    pub history: Vec<AgentStatusChange>,
    pub unit_ids: Vec<String>,
    pub version: i64,
}

pub fn agent_state(m: membership::Model, row: Option<&ca::Model>) -> AgentState {
    match row {
        Some(r) => AgentState {
            status: r.status,
            history: serde_json::from_str(&r.history).unwrap_or_default(),
            unit_ids: serde_json::from_str(&r.unit_ids).unwrap_or_default(),
            version: r.version,
            membership: m,
        },
        None => AgentState {
            status: AgentStatus::Nominated,
            history: vec![AgentStatusChange {
                status: AgentStatus::Nominated,
                on: crate::plan::rules::today_in_oslo(m.created_at),
            }],
            unit_ids: vec![],
            version: 1,
            membership: m,
        },
    }
}

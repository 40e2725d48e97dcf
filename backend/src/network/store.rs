//! Reads of the network that several endpoints share: the organisation's structure (with
//! the default a new organisation starts from), the project's scope, its agents.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use varig_types::{
    AgentStatus, AgentStatusChange, Dimension, DimensionValue, OrgStructure, OrgStructureInput,
    StructureLevel, UnitDimension,
};

use crate::entities::{change_agent, membership, org_structure, project_unit, unit};
use crate::error::AppError;

/// What an organisation starts from: the levels and sectors of the decks (to be renamed),
/// named in the language of the request ([`crate::lang`]) until the organisation saves its
/// own.
pub fn default_structure() -> OrgStructureInput {
    let lang = crate::lang::current();
    let pair = |key: &str, names: [&str; 3]| (key.to_owned(), lang.pick(names).to_owned());
    let level = |(key, name)| StructureLevel { key, name };
    let value = |(key, name)| DimensionValue { key, name };
    OrgStructureInput {
        levels: vec![
            level(pair(
                "top_management",
                ["Toppledelse", "Toppleiing", "Top management"],
            )),
            level(pair(
                "service_area",
                ["Tjenesteområde", "Tenesteområde", "Service area"],
            )),
            level(pair("unit", ["Enhet", "Eining", "Unit"])),
        ],
        dimensions: vec![Dimension {
            key: "sector".into(),
            name: lang.pick(["Sektor", "Sektor", "Sector"]).into(),
            values: vec![
                value(pair("school", ["Skole", "Skule", "School"])),
                value(pair(
                    "kindergarten",
                    ["Barnehage", "Barnehage", "Kindergarten"],
                )),
                value(pair(
                    "health_station",
                    ["Helsestasjon", "Helsestasjon", "Health station"],
                )),
                value(pair(
                    "ppt",
                    ["PPT", "PPT", "Educational-psychological service (PPT)"],
                )),
                value(pair(
                    "support",
                    ["Støttefunksjoner", "Støttefunksjonar", "Support functions"],
                )),
            ],
        }],
    }
}

/// The organisation's structure and its version (1 while it is the default).
pub async fn structure<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
) -> Result<(OrgStructureInput, i64), AppError> {
    Ok(
        match org_structure::Entity::find_by_id(org.to_owned())
            .one(db)
            .await?
        {
            Some(row) => (
                serde_json::from_str(&row.body).unwrap_or_else(|_| default_structure()),
                row.version,
            ),
            None => (default_structure(), 1),
        },
    )
}

pub fn structure_view(s: OrgStructureInput, version: i64) -> OrgStructure {
    OrgStructure {
        levels: s.levels,
        dimensions: s.dimensions,
        version,
    }
}

pub fn dims(m: &unit::Model) -> Vec<UnitDimension> {
    serde_json::from_str(&m.dimensions).unwrap_or_default()
}

/// The units in the project's scope, by name.
pub async fn scope_units<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<unit::Model>, AppError> {
    let ids: Vec<String> = project_unit::Entity::find()
        .filter(project_unit::Column::ProjectId.eq(project_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.unit_id)
        .collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut units = Vec::with_capacity(ids.len());
    // Bounded IN lists: PostgreSQL and SQLite both take these comfortably.
    for chunk in ids.chunks(500) {
        units.extend(
            unit::Entity::find()
                .filter(unit::Column::Id.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    units.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(units)
}

/// A change agent as stored, or as a new agent starts (nominated when made a member).
pub struct AgentState {
    pub membership: membership::Model,
    pub status: AgentStatus,
    pub history: Vec<AgentStatusChange>,
    pub unit_ids: Vec<String>,
    pub version: i64,
}

pub fn agent_state(m: membership::Model, row: Option<&change_agent::Model>) -> AgentState {
    match row {
        Some(r) => AgentState {
            status: AgentStatus::parse(&r.status).unwrap_or(AgentStatus::Nominated),
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

/// Every current change agent of the project.
pub async fn agents<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<AgentState>, AppError> {
    let members = membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(project_id))
        .filter(membership::Column::Role.eq(varig_types::ProjectRole::ChangeAgent.as_str()))
        .filter(membership::Column::ArchivedAt.is_null())
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    let rows: HashMap<String, change_agent::Model> = change_agent::Entity::find()
        .filter(change_agent::Column::ProjectId.eq(project_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    Ok(members
        .into_iter()
        .map(|m| {
            let row = rows.get(&m.id);
            agent_state(m, row)
        })
        .collect())
}

/// The project's coverage now: its structure, scope and agents (four queries).
pub async fn coverage_of<Db: ConnectionTrait>(
    db: &Db,
    organisation_id: &str,
    project_id: &str,
) -> Result<(varig_types::Coverage, Vec<AgentState>), AppError> {
    use super::coverage;
    let (structure, _) = structure(db, organisation_id).await?;
    let scope: Vec<coverage::ScopeUnit> = scope_units(db, project_id)
        .await?
        .iter()
        .filter(|u| u.archived_at.is_none())
        .map(|u| coverage::ScopeUnit {
            id: crate::ids::parse_id(&u.id),
            name: u.name.clone(),
            level: u.level.clone(),
            dimensions: dims(u),
        })
        .collect();
    let all = agents(db, project_id).await?;
    let units: Vec<coverage::AgentUnits> = all
        .iter()
        .map(|a| coverage::AgentUnits {
            active: a.status == AgentStatus::Active,
            unit_ids: a.unit_ids.iter().map(|u| crate::ids::parse_id(u)).collect(),
        })
        .collect();
    Ok((coverage::coverage(&structure, &scope, &units), all))
}

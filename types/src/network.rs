//! The organisation's structure (units on levels, horizontal dimensions), a project's scope,
//! its change agents and the network's coverage.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A vertical level of the organisation, e.g. top management, service area, unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct StructureLevel {
    /// Stable key (lower-case letters, digits, `_` and `-`), e.g. `service_area`.
    pub key: String,
    pub name: String,
}

/// One value of a horizontal dimension (e.g. the sector "Oppvekst").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct DimensionValue {
    pub key: String,
    pub name: String,
}

/// A horizontal dimension, e.g. region or sector (school, kindergarten, health station…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Dimension {
    pub key: String,
    pub name: String,
    /// The dimension's values (1–200).
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 100)))]
    pub values: Vec<DimensionValue>,
}

/// The organisation's levels (top first) and horizontal dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct OrgStructure {
    pub levels: Vec<StructureLevel>,
    pub dimensions: Vec<Dimension>,
    /// Send it back as `If-Match: "<version>"` to replace the structure.
    pub version: i64,
}

/// The organisation's levels (top first) and horizontal dimensions, replaced as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct OrgStructureInput {
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 10)))]
    pub levels: Vec<StructureLevel>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 20)))]
    pub dimensions: Vec<Dimension>,
}

/// A unit's value in one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct UnitDimension {
    /// The dimension's key.
    pub dimension: String,
    pub value: String,
}

/// A unit as created or changed: name, level, parent and one value per dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct UnitInput {
    /// 1–200 characters, e.g. "Rosenborg skole".
    pub name: String,
    /// The unit above this one (on a higher level).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub parent_id: Option<Uuid>,
    /// A level key of the organisation's structure.
    pub level: String,
    /// At most one value per dimension.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 20)))]
    pub dimensions: Vec<UnitDimension>,
}

/// A school, kindergarten, health station, service area… of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Unit {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub parent_id: Option<Uuid>,
    pub level: String,
    pub dimensions: Vec<UnitDimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct UnitPage {
    pub items: Vec<Unit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

/// Which units a project covers and when an agent counts as silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NetworkSettings {
    pub unit_ids: Vec<Uuid>,
    /// An active agent without a report for more than this many weeks is flagged silent.
    pub silent_after_weeks: i32,
    pub version: i64,
}

/// The units in the project's scope and when an active agent counts as silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NetworkSettingsInput {
    /// Units of the project's organisation (at most 5000).
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 2000)))]
    pub unit_ids: Vec<Uuid>,
    /// 1–52.
    pub silent_after_weeks: i32,
}

code_enum! {
    /// Where a change agent is on the way into (and out of) the network.
    pub enum AgentStatus {
        Nominated = "nominated",
        Recruited = "recruited",
        Trained = "trained",
        Active = "active",
        Inactive = "inactive",
    }
}

/// When an agent reached a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AgentStatusChange {
    pub status: AgentStatus,
    /// The day the agent reached the status (`YYYY-MM-DD`).
    pub on: NaiveDate,
}

/// A change agent of the project: a member in the change-agent role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ChangeAgent {
    /// The membership id.
    pub id: Uuid,
    pub project_id: Uuid,
    pub user_id: Uuid,
    pub user_name: String,
    pub status: AgentStatus,
    /// Every status with the date it was reached, oldest first.
    pub history: Vec<AgentStatusChange>,
    pub unit_ids: Vec<Uuid>,
    /// Hours of training and coaching recorded.
    pub training_hours: f64,
    /// Field reports the agent filed in the project.
    pub reports: i64,
    /// The date of the agent's latest field report; absent before the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub last_report_on: Option<NaiveDate>,
    /// Active, and no report for more than the project's `silent_after_weeks`.
    pub silent: bool,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ChangeAgentPage {
    pub items: Vec<ChangeAgent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

/// A new status (the next one, or inactive; an inactive agent may become active again)
/// and the agent's units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ChangeAgentUpdate {
    pub status: AgentStatus,
    /// When the status was reached; today (Europe/Oslo) when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub on: Option<NaiveDate>,
    /// Units in the project's scope.
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 500)))]
    pub unit_ids: Vec<Uuid>,
}

code_enum! {
    /// Training or coaching.
    pub enum TrainingKind {
        Training = "training",
        Coaching = "coaching",
    }
}

/// A new training or coaching record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct TrainingRecordInput {
    pub date: NaiveDate,
    pub kind: TrainingKind,
    /// 0.25–100.
    pub hours: f64,
    /// Who gave it (1–200 characters).
    pub given_by: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub note: String,
}

/// A training or coaching record of a change agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct TrainingRecord {
    pub id: Uuid,
    /// The agent's membership id.
    pub agent_id: Uuid,
    pub date: NaiveDate,
    pub kind: TrainingKind,
    /// Hours of training or coaching.
    pub hours: f64,
    /// Who gave it.
    pub given_by: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// A change agent's training and coaching records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct TrainingRecordList {
    pub items: Vec<TrainingRecord>,
}

/// Units in scope and their coverage for one level or one dimension value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct CoverageCell {
    pub key: String,
    pub name: String,
    pub units_in_scope: i32,
    /// Units in scope with at least one active agent.
    pub covered_units: i32,
    pub active_agents: i32,
}

/// Coverage per value of one horizontal dimension (e.g. per sector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct DimensionCoverage {
    pub key: String,
    pub name: String,
    /// Coverage per value of the dimension.
    pub cells: Vec<CoverageCell>,
    /// Share of this dimension's values present in scope that have an active agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub percent: Option<i32>,
}

/// A unit in scope without an active agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct CoverageGap {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub level: String,
}

/// How well the change-agent network covers the project's units, vertically (levels) and
/// horizontally (dimensions). Percentages are absent when nothing is in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Coverage {
    pub units_in_scope: i32,
    pub covered_units: i32,
    pub active_agents: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub unit_percent: Option<i32>,
    pub levels: Vec<CoverageCell>,
    /// Share of levels present in scope that have an active agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub vertical_percent: Option<i32>,
    pub dimensions: Vec<DimensionCoverage>,
    /// Share of all dimension values present in scope that have an active agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub horizontal_percent: Option<i32>,
    /// Units in scope without an active change agent.
    pub gaps: Vec<CoverageGap>,
}

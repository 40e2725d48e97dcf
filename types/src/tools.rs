//! The planning tools of the decks: stakeholder analysis, barriers and strategies by level,
//! and the risk register.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// Low, medium or high (a stakeholder's influence or how much they are affected).
    pub enum Degree {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

code_enum! {
    /// A stakeholder's attitude to the change.
    pub enum Attitude {
        Supportive = "supportive",
        Neutral = "neutral",
        Sceptical = "sceptical",
        Opposed = "opposed",
    }
}

code_enum! {
    /// How to handle a stakeholder, from influence and how much they are affected.
    pub enum StakeholderStrategy {
        /// High influence, much affected: involve closely.
        ManageClosely = "manage_closely",
        /// High influence, little affected: keep satisfied.
        KeepSatisfied = "keep_satisfied",
        /// Low influence, much affected: keep informed.
        KeepInformed = "keep_informed",
        /// Low influence, little affected: monitor.
        Monitor = "monitor",
    }
}

/// A stakeholder as created or replaced (`PUT` sends the whole object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct StakeholderInput {
    /// A person, group or organisation (1–200 characters).
    pub name: String,
    pub influence: Degree,
    /// How much the change affects them.
    pub affected: Degree,
    pub attitude: Attitude,
    /// Planned measures (up to 5000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub measures: String,
}

/// A stakeholder with influence, how affected, attitude and the suggested handling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Stakeholder {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub influence: Degree,
    pub affected: Degree,
    pub attitude: Attitude,
    pub measures: String,
    pub strategy: StakeholderStrategy,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct StakeholderPage {
    pub items: Vec<Stakeholder>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

code_enum! {
    /// Where a barrier or facilitator works.
    pub enum BarrierLevel {
        /// System and society.
        System = "system",
        Organisation = "organisation",
        Team = "team",
        Individual = "individual",
    }
}

code_enum! {
    /// Whether a force works against the change (barrier) or for it (facilitator).
    pub enum ForceKind {
        /// Hemmer: works against the change.
        Barrier = "barrier",
        /// Fremmer: works for it.
        Facilitator = "facilitator",
    }
}

code_enum! {
    /// The kind of resistance behind a barrier.
    pub enum Resistance {
        /// Kan ikke: lacks competence or means.
        Cant = "cant",
        /// Vil ikke: does not want to.
        Wont = "wont",
        /// Gjør ikke: could and would, but does not.
        Dont = "dont",
    }
}

/// A barrier or facilitator as created or replaced (`PUT` sends the whole object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct BarrierInput {
    pub level: BarrierLevel,
    /// `barrier` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub kind: Option<ForceKind>,
    /// 1–5000 characters.
    pub description: String,
    /// 1 (weak) to 5 (strong).
    pub strength: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub resistance: Option<Resistance>,
    /// The strategy chosen against the barrier or to use the facilitator.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub strategy: String,
    /// A current member of the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
}

/// A barrier or facilitator of the change, with its level, strength and strategy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Barrier {
    pub id: Uuid,
    pub project_id: Uuid,
    pub level: BarrierLevel,
    pub kind: ForceKind,
    pub description: String,
    /// How strongly it works, 1 (weak) to 5 (strong).
    pub strength: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub resistance: Option<Resistance>,
    pub strategy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct BarrierPage {
    pub items: Vec<Barrier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

code_enum! {
    /// Whether a risk is open or closed.
    pub enum RiskStatus {
        Open = "open",
        Closed = "closed",
    }
}

code_enum! {
    /// From probability × consequence: low 1–5, medium 6–14, high 15–25.
    pub enum RiskLevel {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

/// A risk as created or replaced (`PUT` sends the whole object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct RiskInput {
    /// 1–200 characters.
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub description: String,
    /// 1 (very unlikely) to 5 (very likely).
    pub probability: i32,
    /// 1 (negligible) to 5 (critical).
    pub consequence: i32,
    /// The member who owns the risk.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub owner_id: Option<Uuid>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub mitigation: String,
    /// `open` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub status: Option<RiskStatus>,
}

/// A risk in the register: probability × consequence, its level, owner and mitigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Risk {
    pub id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    pub description: String,
    /// How likely the risk is, 1–5.
    pub probability: i32,
    /// How grave it would be, 1–5.
    pub consequence: i32,
    /// Probability × consequence, 1–25.
    pub score: i32,
    pub level: RiskLevel,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub owner_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub owner_name: Option<String>,
    pub mitigation: String,
    pub status: RiskStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct RiskPage {
    pub items: Vec<Risk>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

//! Field reports from change agents.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::tools::{BarrierLevel, Resistance};

code_enum! {
    /// What a change agent did when filing a field report.
    pub enum Activity {
        InformationMeeting = "information_meeting",
        Training = "training",
        Coaching = "coaching",
        PracticeTrial = "practice_trial",
        Observation = "observation",
        Other = "other",
    }
}

code_enum! {
    /// How staff react: awareness → understanding → positive attitude → trying out →
    /// ownership, or resistance (with its kind in `resistance`).
    pub enum ReactionStage {
        Awareness = "awareness",
        Understanding = "understanding",
        PositiveAttitude = "positive_attitude",
        TryingOut = "trying_out",
        Ownership = "ownership",
        Resistance = "resistance",
    }
}

/// A barrier met, at a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReportBarrier {
    pub level: BarrierLevel,
    /// 1–1000 characters.
    pub text: String,
}

/// A report as the phone sends it. `id` is generated on the phone: sending the same
/// report again stores it once and answers with the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewFieldReport {
    pub id: Uuid,
    pub date: NaiveDate,
    /// A unit in the project's scope.
    pub unit_id: Uuid,
    pub activity: Activity,
    /// 0–100000.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub people_reached: i32,
    pub stage: ReactionStage,
    /// Required when `stage` is `resistance`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub resistance: Option<Resistance>,
    /// At most 10.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 10)))]
    pub barriers: Vec<ReportBarrier>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub successes: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub support_needed: String,
}

/// A stored field report from a change agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FieldReport {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The change agent who filed it.
    pub agent_user_id: Uuid,
    /// The change agent's name.
    pub agent_name: String,
    pub date: NaiveDate,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub activity: Activity,
    /// How many people the activity reached (0–100000).
    pub people_reached: i32,
    pub stage: ReactionStage,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub resistance: Option<Resistance>,
    /// Barriers met, by level (at most 10).
    pub barriers: Vec<ReportBarrier>,
    pub successes: String,
    pub support_needed: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FieldReportPage {
    pub items: Vec<FieldReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

/// How many reports had one reaction stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct StageCount {
    pub stage: ReactionStage,
    /// How many reports.
    pub count: i32,
}

/// Reactions reported in one unit in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReactionPoint {
    pub unit_id: Uuid,
    pub unit_name: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Reports per reaction stage in the month.
    pub counts: Vec<StageCount>,
}

/// Reaction stages counted per unit and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReactionTimeline {
    /// By unit, then month, oldest first.
    pub items: Vec<ReactionPoint>,
}

//! The fade-risk warning and the project dashboard: one call with what a project owner needs
//! to see whether the work is alive, and an organisation overview of every project.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::gates::GateTarget;
use crate::indicators::{IndicatorCategory, IndicatorSource, Rag, Trend};
use crate::roles::{Phase, ProjectRole};

code_enum! {
    /// A signal that a practice is fading.
    pub enum FadeSignalKind {
        /// Meeting adherence over the last 90 days is below the threshold (percent).
        MeetingsLapsing = "meetings_lapsing",
        /// The share of active change agents silent for longer than the project's limit is
        /// above the threshold (percent).
        SilentAgents = "silent_agents",
        /// The share of indicators with data that are red or worsening is above the
        /// threshold (percent).
        IndicatorsOffTarget = "indicators_off_target",
        /// Overdue measurements (periods past due, over all manual indicators) are at or
        /// above the threshold (count).
        OverdueMeasurements = "overdue_measurements",
        /// The latest closed sustainability self-assessment scored at least the threshold
        /// (points) below the one before.
        SustainabilityFalling = "sustainability_falling",
    }
}

code_enum! {
    /// The fade risk's level: low, medium or high, or no data.
    pub enum FadeLevel {
        Low = "low",
        Medium = "medium",
        High = "high",
        /// Most of the signals that count (weight above 0) have no data yet.
        NoData = "no_data",
    }
}

/// A signal's weight and threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FadeSignalSetting {
    pub kind: FadeSignalKind,
    /// 0–100; a weight of 0 switches the signal off.
    pub weight: f64,
    /// In the signal's own unit (see `FadeSignalKind`).
    pub threshold: f64,
}

/// How a project's fade risk is computed. Every signal appears once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FadeSettings {
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 20)))]
    pub signals: Vec<FadeSignalSetting>,
    /// The score (0–100) from which the risk is medium.
    pub medium_from: f64,
    /// The score from which the risk is high; at least `medium_from`.
    pub high_from: f64,
}

/// One signal as computed now, with the data behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FadeSignal {
    pub kind: FadeSignalKind,
    pub weight: f64,
    /// The value at which the signal triggers.
    pub threshold: f64,
    /// The measured value in the signal's unit; absent with no data.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub value: Option<f64>,
    /// What the value was computed from, e.g. 3 of 4 meetings (absent where it is a count).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub numerator: Option<i32>,
    /// The number the signal's share is taken of (e.g. active agents), when it is a share.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub denominator: Option<i32>,
    /// Whether the signal is triggered (false without data).
    pub triggered: bool,
    /// The points this signal adds to the score (its share of the total weight when
    /// triggered, else 0).
    pub points: f64,
}

/// The fade-risk warning: a score 0–100 from five signals, each with its value and the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FadeRisk {
    /// 0–100: the triggered signals' weights as a share of all weights.
    pub score: f64,
    pub level: FadeLevel,
    pub signals: Vec<FadeSignal>,
    /// The score from which the risk is medium.
    pub medium_from: f64,
    /// The score from which the risk is high.
    pub high_from: f64,
}

/// The fade risk recorded on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FadeRiskPoint {
    pub date: NaiveDate,
    pub score: f64,
    pub level: FadeLevel,
    /// The signals that were triggered.
    pub triggered: Vec<FadeSignalKind>,
}

/// The fade risk recorded by the daily snapshot, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FadeRiskHistory {
    /// Oldest first, at most the last 400 days.
    pub points: Vec<FadeRiskPoint>,
}

/// An open phase-transition request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct OpenGate {
    pub id: Uuid,
    pub target: GateTarget,
    /// When the open request was made (UTC).
    pub requested_at: DateTime<Utc>,
    /// Recommendations received so far.
    pub recommendations: i32,
}

/// The dashboard's network tile: coverage and silent agents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NetworkTile {
    pub units_in_scope: i32,
    pub covered_units: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub unit_percent: Option<i32>,
    /// Levels with a covered unit, in percent of the levels in scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub vertical_percent: Option<i32>,
    /// Dimension values with a covered unit, in percent of those in scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub horizontal_percent: Option<i32>,
    /// Change agents in the project (any status).
    pub agents: i32,
    pub active_agents: i32,
    /// Active agents with no report for longer than the project's limit.
    pub silent_agents: i32,
    /// Field reports in the last 30 days.
    pub reports_last_30_days: i32,
}

/// The dashboard's meeting tile: adherence over 90 days and actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingsTile {
    /// Over the last 90 days, every confirmed series.
    pub expected: i32,
    pub held_on_time: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub share: Option<f64>,
    pub open_actions: i32,
    pub overdue_actions: i32,
}

/// An indicator on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct IndicatorTile {
    pub id: Uuid,
    pub name: String,
    pub category: IndicatorCategory,
    pub source: IndicatorSource,
    pub unit: String,
    pub rag: Rag,
    pub trend: Trend,
    /// The latest value; absent without any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub latest_value: Option<f64>,
    /// The first day of the latest value's period.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub latest_period: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub target: Option<f64>,
    /// Periods whose value is overdue.
    pub overdue_periods: i32,
}

/// Indicators per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct RagCounts {
    /// Indicators whose status is green.
    pub green: i32,
    /// Indicators whose status is amber.
    pub amber: i32,
    /// Indicators whose status is red.
    pub red: i32,
    /// Indicators without a value.
    pub no_data: i32,
}

/// How many milestones, measurements and actions are overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct OverdueCounts {
    /// Milestones past their due date, neither done nor cancelled.
    pub milestones: i32,
    /// Periods past due without a value, over every manual indicator.
    pub measurements: i32,
    /// Open meeting actions past their due date.
    pub actions: i32,
}

/// Everything the project's front page shows, in one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ProjectDashboard {
    pub project_id: Uuid,
    pub name: String,
    pub phase: Phase,
    /// When the project entered its current phase.
    pub phase_since: DateTime<Utc>,
    /// Days since the project entered its current phase.
    pub days_in_phase: i32,
    /// The caller's role in the project, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub my_role: Option<ProjectRole>,
    /// The open transition request, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub open_gate: Option<OpenGate>,
    /// Completion of the current phase's checklist (percent; absent with no relevant items).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub checklist_percent: Option<f64>,
    /// The change-agent network tile.
    pub network: NetworkTile,
    /// The meetings tile.
    pub meetings: MeetingsTile,
    /// Every indicator with its status and trend.
    pub indicators: Vec<IndicatorTile>,
    /// Indicators per status.
    pub indicator_counts: RagCounts,
    pub overdue: OverdueCounts,
    /// The fade-risk warning.
    pub fade_risk: FadeRisk,
    /// When the dashboard was computed (UTC); it may be reused for a while.
    pub generated_at: DateTime<Utc>,
}

/// Every project of the organisation the caller may see, each as on its dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct OrganisationOverview {
    pub organisation_id: Uuid,
    /// One page of projects, in the order they were created.
    pub projects: Vec<ProjectDashboard>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

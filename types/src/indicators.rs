//! Indicators and their measurements: what the project decided in advance to measure, when,
//! and what counts as green, amber and red; plus the indicators Varig computes from its own
//! data (meetings, the network, the plan) in the same shape.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// The four kinds of evidence the decks ask for.
    pub enum IndicatorCategory {
        /// Implementation quality (fidelity): are the strategies carried out as planned?
        ImplementationQuality = "implementation_quality",
        /// Result attainment: is the programme implemented as planned?
        ResultAttainment = "result_attainment",
        /// Benefit (gevinst): does it give the benefit we wanted?
        Benefit = "benefit",
        /// Sustainability: has it become part of ordinary practice?
        Sustainability = "sustainability",
    }
}

code_enum! {
    /// Whether higher or lower values of an indicator are better.
    pub enum Direction {
        /// A higher value is better (green at or above the green threshold).
        Higher = "higher",
        /// A lower value is better (green at or below the green threshold).
        Lower = "lower",
    }
}

code_enum! {
    /// How often a value is due. Periods follow the calendar in Europe/Oslo: ISO weeks
    /// starting Monday, months, quarters, years.
    pub enum Frequency {
        Weekly = "weekly",
        Monthly = "monthly",
        Quarterly = "quarterly",
        Yearly = "yearly",
    }
}

code_enum! {
    /// Where an indicator's values come from.
    pub enum IndicatorSource {
        /// Measured by people or third-party systems and posted as measurements.
        Manual = "manual",
        /// Share of expected meetings held on time over the period (percent).
        MeetingAdherence = "meeting_adherence",
        /// Share of the project's change agents who are active (percent).
        ActiveAgentShare = "active_agent_share",
        /// Units in scope with an active change agent (percent).
        NetworkCoverage = "network_coverage",
        /// Field reports per active change agent in the period.
        ReportsPerActiveAgent = "reports_per_active_agent",
        /// Completion of the current phase's checklist (percent).
        ChecklistCompletion = "checklist_completion",
        /// Days since the project entered its current phase.
        DaysInPhase = "days_in_phase",
    }
}

code_enum! {
    /// Red / amber / green against the indicator's thresholds.
    pub enum Rag {
        Green = "green",
        Amber = "amber",
        Red = "red",
        /// No value yet: not zero, and not a colour.
        NoData = "no_data",
    }
}

impl Rag {
    /// A value's status against the green and amber thresholds, read in the indicator's
    /// direction (a threshold itself counts as reached). The one rule the server and the PWA
    /// both use.
    pub fn of(direction: Direction, green: f64, amber: f64, value: f64) -> Rag {
        let reaches = |t: f64| match direction {
            Direction::Higher => value >= t,
            Direction::Lower => value <= t,
        };
        if reaches(green) {
            Rag::Green
        } else if reaches(amber) {
            Rag::Amber
        } else {
            Rag::Red
        }
    }
}

code_enum! {
    /// The latest value against the one before, read in the indicator's direction.
    pub enum Trend {
        Improving = "improving",
        Steady = "steady",
        Worsening = "worsening",
        /// Fewer than two values.
        NoData = "no_data",
    }
}

code_enum! {
    /// Who recorded a measurement.
    pub enum MeasurementSource {
        /// A person, signed in.
        Person = "person",
        /// A third-party system with an API token.
        System = "system",
        /// Varig, from its own data (computed indicators).
        Varig = "varig",
    }
}

/// An indicator's definition as sent by the client (create and replace).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct IndicatorInput {
    pub category: IndicatorCategory,
    /// 1–200 characters.
    pub name: String,
    /// Up to 5,000 characters: what is measured and how.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub description: String,
    /// The unit shown with values, e.g. "%", "count", "days" (up to 40 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub unit: String,
    /// `manual` (default) or one of Varig's computed indicators.
    #[serde(default = "manual")]
    #[cfg_attr(feature = "openapi", oai(default = "manual"))]
    pub source: IndicatorSource,
    pub direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub baseline: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub target: Option<f64>,
    /// Green from this value (at or above for `higher`, at or below for `lower`).
    pub green_threshold: f64,
    /// Amber from this value; beyond it, red. Must not be better than the green threshold.
    pub amber_threshold: f64,
    pub frequency: Frequency,
    /// The first period a value is due for (default: the current period), 2000–2100.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub start_date: Option<NaiveDate>,
    /// A project member responsible for measuring.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    /// A goal of the project's goal tree this indicator measures.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub goal_id: Option<Uuid>,
}

fn manual() -> IndicatorSource {
    IndicatorSource::Manual
}

/// The latest value with its status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct IndicatorStatus {
    pub rag: Rag,
    pub trend: Trend,
    /// Absent with no data.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub latest_value: Option<f64>,
    /// The period of the latest value.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub latest_period: Option<NaiveDate>,
    /// The value of the period before the latest, which the trend compares with.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub previous_value: Option<f64>,
    /// Periods whose value is past due (manual indicators only): period start dates, oldest
    /// first, at most 24.
    pub overdue_periods: Vec<NaiveDate>,
    /// The day the next value is due (manual indicators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_due: Option<NaiveDate>,
}

/// An indicator with its current status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Indicator {
    pub id: Uuid,
    pub project_id: Uuid,
    pub category: IndicatorCategory,
    pub name: String,
    pub description: String,
    pub unit: String,
    pub source: IndicatorSource,
    pub direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub baseline: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub target: Option<f64>,
    /// From this value on (in the indicator's direction) the status is green.
    pub green_threshold: f64,
    /// From this value on (in the indicator's direction) the status is amber; below it red.
    pub amber_threshold: f64,
    pub frequency: Frequency,
    pub start_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub goal_id: Option<Uuid>,
    pub status: IndicatorStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// Every indicator of a project (at most 200), in creation order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct IndicatorList {
    pub items: Vec<Indicator>,
}

/// A value for one period. Any date in the period names it (from 2000 on, not after the
/// current period); it is stored as the period's first day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeasurementInput {
    /// Any day of the period the value is for (`YYYY-MM-DD`); not a future period.
    pub period: NaiveDate,
    pub value: f64,
    /// Up to 5,000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub comment: String,
}

/// An earlier value of a measurement, kept when it was corrected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeasurementRevision {
    pub version: i64,
    pub value: f64,
    pub comment: String,
    pub source: MeasurementSource,
    /// The name of the person or system that recorded the value.
    pub recorded_by_name: String,
    pub recorded_at: DateTime<Utc>,
}

/// One recorded value of an indicator for one period, with its corrections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Measurement {
    pub id: Uuid,
    pub indicator_id: Uuid,
    /// The first day of the period.
    pub period_start: NaiveDate,
    /// The last day of the period.
    pub period_end: NaiveDate,
    pub value: f64,
    pub comment: String,
    pub source: MeasurementSource,
    /// The person's name, or the API token's name for a system.
    pub recorded_by_name: String,
    pub recorded_at: DateTime<Utc>,
    /// Earlier values of this period, newest first (only on a single measurement and on
    /// corrections; empty in lists).
    pub corrections: Vec<MeasurementRevision>,
    pub version: i64,
}

/// An indicator's values, oldest period first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeasurementList {
    pub items: Vec<Measurement>,
}

/// A corrected value for a measurement's period; the earlier value is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeasurementCorrection {
    pub value: f64,
    /// Up to 5,000 characters: why it was corrected, say.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub comment: String,
}

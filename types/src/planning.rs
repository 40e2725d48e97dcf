//! The phase plan: the checklist seeded from the phase model, milestones and goals.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::roles::Phase;

/// A text in bokmål, nynorsk and English. Items a project writes itself carry the same
/// text in all three.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct LocalText {
    /// Bokmål.
    pub nb: String,
    /// Nynorsk.
    pub nn: String,
    /// English.
    pub en: String,
}

code_enum! {
    /// Where a checklist item comes from in the phase model.
    pub enum ChecklistKind {
        /// The phase's goal.
        Goal = "goal",
        /// A core element of the phase (kjerneelement).
        CoreElement = "core_element",
        /// A success factor (suksessfaktor).
        SuccessFactor = "success_factor",
        /// An item the project added itself.
        Local = "local",
    }
}

code_enum! {
    /// A checklist item's status.
    pub enum ItemStatus {
        NotStarted = "not_started",
        InProgress = "in_progress",
        Done = "done",
        /// Not relevant for this project; `not_relevant_reason` says why.
        NotRelevant = "not_relevant",
    }
}

/// One item of a phase's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ChecklistItem {
    pub id: Uuid,
    pub project_id: Uuid,
    pub phase: Phase,
    pub kind: ChecklistKind,
    /// Stable key of an item seeded from the phase model (absent for local items).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub key: Option<String>,
    pub title: LocalText,
    pub status: ItemStatus,
    /// Why the item is not relevant; present when the status is `not_relevant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub not_relevant_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_name: Option<String>,
    /// What shows the item is met (free text).
    pub evidence: String,
    /// Links to documents that show it.
    pub evidence_links: Vec<String>,
    /// Who changed the item last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub updated_by: Option<Uuid>,
    /// The name of who changed the item last.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub updated_by_name: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// Send it back as `If-Match: "<version>"` to change the item.
    pub version: i64,
}

/// A local checklist item the project adds to a phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewChecklistItem {
    pub phase: Phase,
    /// 1–200 characters.
    pub title: String,
}

/// The new state of a checklist item (replaces status, responsible and evidence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ChecklistItemUpdate {
    pub status: ItemStatus,
    /// Required when `status` is `not_relevant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub not_relevant_reason: Option<String>,
    /// A current member of the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    /// Up to 5000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub evidence: String,
    /// Up to 20 http(s) links.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 20)))]
    pub evidence_links: Vec<String>,
    /// A new title; only for local items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub title: Option<String>,
}

/// How far a phase's checklist is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct PhaseCompletion {
    pub phase: Phase,
    /// Checklist items of the phase.
    pub total: i32,
    /// Items done.
    pub done: i32,
    /// Items in progress.
    pub in_progress: i32,
    /// Items marked not relevant (left out of the completion).
    pub not_relevant: i32,
    /// Done items as a whole percentage of the relevant ones (100 when none is relevant).
    pub percent: i32,
}

/// A project's checklist, ordered by phase and position, with completion per phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    /// Completion per phase: done ÷ relevant items.
    pub completion: Vec<PhaseCompletion>,
}

code_enum! {
    /// A milestone's status.
    pub enum MilestoneStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// A milestone as created or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MilestoneInput {
    pub phase: Phase,
    /// 1–200 characters.
    pub title: String,
    /// Up to 5000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub description: String,
    pub due_date: NaiveDate,
    /// A current member of the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    /// `planned` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub status: Option<MilestoneStatus>,
}

/// A milestone of a phase, with its due date, responsible and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Milestone {
    pub id: Uuid,
    pub project_id: Uuid,
    pub phase: Phase,
    pub title: String,
    pub description: String,
    pub due_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_name: Option<String>,
    pub status: MilestoneStatus,
    /// Past its due date (Europe/Oslo) and neither done nor cancelled.
    pub overdue: bool,
    /// When the milestone was marked done.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MilestonePage {
    pub items: Vec<Milestone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

code_enum! {
    /// Goal levels, from the top of the tree down.
    pub enum GoalLevel {
        /// Effektmål: the lasting effect for users and society.
        Effect = "effect",
        /// Resultatmål: what the project delivers.
        Result = "result",
        /// Prosessmål: how the work is carried out.
        Process = "process",
        /// Delmål: a step towards a higher goal.
        Sub = "sub",
    }
}

/// A goal as created or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct GoalInput {
    pub level: GoalLevel,
    /// The goal this one serves: a goal of a higher level (a sub-goal may also serve a
    /// sub-goal). Effect goals have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub parent_id: Option<Uuid>,
    /// 1–200 characters.
    pub title: String,
    /// Observable and quantifiable: how we know it is reached (up to 5000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub description: String,
    /// The indicator that measures this goal (sustainment indicators).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub indicator_id: Option<Uuid>,
}

/// A goal in the project's goal tree (effect, result, process or sub-goal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Goal {
    pub id: Uuid,
    pub project_id: Uuid,
    pub level: GoalLevel,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub parent_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub indicator_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct GoalPage {
    pub items: Vec<Goal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

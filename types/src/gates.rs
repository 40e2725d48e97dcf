//! Phase gates: transition requests, recommendations, the owner's decision, phase history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::roles::Phase;

crate::code_enum! {
    /// What a transition request asks for: a phase (the next, or an earlier one), or, from
    /// Sustain, an evaluation of whether the practice continues.
    pub enum GateTarget {
        Prepare = "prepare",
        Plan = "plan",
        Implement = "implement",
        Sustain = "sustain",
        /// From Sustain: continue as ordinary operation, adjust, restart or de-implement.
        Evaluation = "evaluation",
    }
}

crate::code_enum! {
    /// Where a transition request stands: open, withdrawn by the leader, or decided by the owner (see `decision`).
    pub enum GateStatus {
        /// Waiting for recommendations and the owner's decision.
        Open = "open",
        /// Withdrawn by the project leader.
        Withdrawn = "withdrawn",
        /// Decided by the project owner; final.
        Decided = "decided",
    }
}

crate::code_enum! {
    /// The project owner's decision.
    pub enum GateDecisionKind {
        /// Move to the requested phase.
        Approve = "approve",
        /// Stay; `reason` is required.
        Reject = "reject",
        /// Go back to the earlier phase in `to_phase`.
        SendBack = "send_back",
        /// Evaluation: the practice is ordinary operation now.
        Continue = "continue",
        /// Evaluation: adjust and run a new implementation round.
        Adjust = "adjust",
        /// Evaluation: start again from Prepare.
        Restart = "restart",
        /// Evaluation: stop the practice.
        Deimplement = "deimplement",
    }
}

crate::code_enum! {
    /// Support, against or abstain.
    pub enum Recommendation {
        Support = "support",
        Against = "against",
        Abstain = "abstain",
    }
}

crate::code_enum! {
    /// Where a project stands beyond its phase.
    pub enum ProjectState {
        /// Working in its phase.
        Active = "active",
        /// Evaluated: the practice is ordinary operation.
        OrdinaryOperation = "ordinary_operation",
        /// Evaluated: the practice was stopped.
        Deimplemented = "deimplemented",
    }
}

/// The project leader's request for a phase transition (or an evaluation from Sustain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewGateRequest {
    pub target: GateTarget,
    /// Why the project is ready (1–5000 characters).
    pub summary: String,
}

/// A steering-group member's recommendation on a transition request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewRecommendation {
    pub recommendation: Recommendation,
    /// Up to 5000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub comment: String,
    /// The steering-group meeting where the request was taken up, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub meeting: Option<MeetingRef>,
}

/// A meeting of a series, by series and planned date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingRef {
    pub series_id: Uuid,
    pub date: chrono::NaiveDate,
}

/// The project owner's decision on a transition request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct GateDecisionInput {
    pub decision: GateDecisionKind,
    /// Required for `reject`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub reason: Option<String>,
    /// Required for `send_back`: an earlier phase than the current one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub to_phase: Option<Phase>,
}

/// One steering-group member's recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct RecommendationEntry {
    pub user_id: Uuid,
    pub user_name: String,
    pub recommendation: Recommendation,
    pub comment: String,
    pub at: DateTime<Utc>,
    /// The steering-group meeting where it was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub meeting: Option<MeetingRef>,
}

/// A steering-group member who has not answered yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AwaitedMember {
    pub user_id: Uuid,
    pub user_name: String,
}

/// A transition request with its evidence, recommendations and decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct GateRequest {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The project leader who made the request.
    pub requested_by: Uuid,
    /// The project's phase when the request was made.
    pub requested_in: Phase,
    pub target: GateTarget,
    /// The leader's summary of why the project is ready.
    pub summary: String,
    /// A frozen snapshot taken when the request was made: `project`, `members`, `checklist`
    /// (the current phase's `ChecklistItem`s), `completion` (`PhaseCompletion` per phase),
    /// `milestones` (the current phase's `Milestone`s), `readiness` (the latest
    /// `ReadinessResult`, or null) and `readiness_title`.
    pub evidence: serde_json::Value,
    pub status: GateStatus,
    /// The steering group's recommendations so far.
    pub recommendations: Vec<RecommendationEntry>,
    /// Steering-group members who have not recommended yet.
    pub awaiting: Vec<AwaitedMember>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub decision: Option<GateDecisionKind>,
    /// The owner's reason, given with the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub decision_reason: Option<String>,
    /// The owner who decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub decided_by: Option<Uuid>,
    /// When the owner decided (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub decided_at: Option<DateTime<Utc>>,
    /// The phase the project moved to by the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub resulting_phase: Option<Phase>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct GateRequestPage {
    pub items: Vec<GateRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

/// One stay in a phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct PhaseStay {
    pub phase: Phase,
    /// When the project entered the phase (UTC).
    pub entered_at: DateTime<Utc>,
    /// Absent while the project is still in this phase.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub left_at: Option<DateTime<Utc>>,
    /// Whole days spent (until now for the current stay).
    pub days: i64,
    /// The decided request that ended this stay.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub ended_by_request: Option<Uuid>,
}

/// The project's path through the phases, oldest first, and the total days per phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct PhaseHistory {
    /// Each stay in a phase, oldest first.
    pub stays: Vec<PhaseStay>,
    /// Days spent in Prepare, over all stays.
    pub days_prepare: i64,
    /// Days spent in Plan, over all stays.
    pub days_plan: i64,
    /// Days spent in Implement, over all stays.
    pub days_implement: i64,
    /// Days spent in Sustain, over all stays.
    pub days_sustain: i64,
    /// Checklist completion of each phase as the checklist stands now.
    pub checklist: Vec<crate::planning::PhaseCompletion>,
}

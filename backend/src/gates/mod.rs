//! Phase gates: the rules by which a project moves between the four phases. The state
//! machine (`machine`) is plain code, no HTTP and no database, so every legal and illegal
//! transition is unit-tested there; `store` keeps the phase history.
//!
//! A project leader requests a transition (to the next phase, or back to an earlier one;
//! from Sustain, an evaluation); steering-group members recommend; only the project owner
//! decides. A decision is final. A request whose project changed phase since it was made
//! is stale and can no longer be decided.

pub mod machine;
pub mod store;

pub use machine::*;
use varig_types::{GateDecisionInput, GateDecisionKind, GateTarget, Phase};

use crate::domain::field_error;
use crate::error::AppError;

pub const STATE_ACTIVE: &str = "active";

pub fn project_state(s: &str) -> ProjectState {
    match s {
        "ordinary_operation" => ProjectState::OrdinaryOperation,
        "deimplemented" => ProjectState::Deimplemented,
        _ => ProjectState::Active,
    }
}

pub fn state_str(s: ProjectState) -> &'static str {
    match s {
        ProjectState::Active => STATE_ACTIVE,
        ProjectState::OrdinaryOperation => "ordinary_operation",
        ProjectState::Deimplemented => "deimplemented",
    }
}

pub fn target_of(t: GateTarget) -> Target {
    match t {
        GateTarget::Prepare => Target::Phase(Phase::Prepare),
        GateTarget::Plan => Target::Phase(Phase::Plan),
        GateTarget::Implement => Target::Phase(Phase::Implement),
        GateTarget::Sustain => Target::Phase(Phase::Sustain),
        GateTarget::Evaluation => Target::Evaluation,
    }
}

pub fn target_str(t: GateTarget) -> &'static str {
    match t {
        GateTarget::Prepare => "prepare",
        GateTarget::Plan => "plan",
        GateTarget::Implement => "implement",
        GateTarget::Sustain => "sustain",
        GateTarget::Evaluation => "evaluation",
    }
}

pub fn parse_target(s: &str) -> GateTarget {
    match s {
        "prepare" => GateTarget::Prepare,
        "plan" => GateTarget::Plan,
        "implement" => GateTarget::Implement,
        "sustain" => GateTarget::Sustain,
        _ => GateTarget::Evaluation,
    }
}

pub const DECISIONS: [(GateDecisionKind, &str); 7] = [
    (GateDecisionKind::Approve, "approve"),
    (GateDecisionKind::Reject, "reject"),
    (GateDecisionKind::SendBack, "send_back"),
    (GateDecisionKind::Continue, "continue"),
    (GateDecisionKind::Adjust, "adjust"),
    (GateDecisionKind::Restart, "restart"),
    (GateDecisionKind::Deimplement, "deimplement"),
];

pub fn decision_str(d: GateDecisionKind) -> &'static str {
    DECISIONS
        .iter()
        .find(|(k, _)| *k == d)
        .map(|(_, s)| *s)
        .unwrap_or("approve")
}

pub fn parse_decision(s: &str) -> Option<GateDecisionKind> {
    DECISIONS.iter().find(|(_, x)| *x == s).map(|(k, _)| *k)
}

/// The owner's input as a machine decision; 422 naming the missing field.
pub fn decision_of(input: &GateDecisionInput) -> Result<Decision, AppError> {
    let invalid =
        |f: &str, code: &str, msg: &str| AppError::Validation(vec![field_error(f, code, msg)]);
    Ok(match input.decision {
        GateDecisionKind::Approve => Decision::Approve,
        GateDecisionKind::Reject => {
            let reason = input.reason.clone().unwrap_or_default();
            if reason.trim().is_empty() {
                return Err(invalid("reason", "required", "a rejection needs a reason"));
            }
            crate::domain::description("reason", &reason)
                .map_err(|e| AppError::Validation(vec![e]))?;
            Decision::Reject {
                reason: reason.trim().to_owned(),
            }
        }
        GateDecisionKind::SendBack => match input.to_phase {
            Some(to) => Decision::SendBack { to },
            None => {
                return Err(invalid(
                    "to_phase",
                    "required",
                    "send_back needs the phase to go back to",
                ))
            }
        },
        GateDecisionKind::Continue => Decision::Continue,
        GateDecisionKind::Adjust => Decision::Adjust,
        GateDecisionKind::Restart => Decision::Restart,
        GateDecisionKind::Deimplement => Decision::Deimplement,
    })
}

//! The request's target and the owner's input, read into the state machine's terms.

use varig_types::{GateDecisionInput, GateDecisionKind, GateTarget, Phase};

use super::machine::{Decision, Target};
use crate::domain::field_error;
use crate::error::AppError;

pub fn target_of(t: GateTarget) -> Target {
    match t {
        GateTarget::Prepare => Target::Phase(Phase::Prepare),
        GateTarget::Plan => Target::Phase(Phase::Plan),
        GateTarget::Implement => Target::Phase(Phase::Implement),
        GateTarget::Sustain => Target::Phase(Phase::Sustain),
        GateTarget::Evaluation => Target::Evaluation,
    }
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

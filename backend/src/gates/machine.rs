//! The gate state machine.

use varig_types::Phase;
pub use varig_types::ProjectState;

/// What a transition request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Move to this phase: the next one, or back to an earlier one.
    Phase(Phase),
    /// From Sustain: evaluate whether the practice continues as ordinary operation.
    Evaluation,
}

/// The owner's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Move to the requested phase.
    Approve,
    /// Stay; the reason is required.
    Reject { reason: String },
    /// Go back to an earlier phase than the current one.
    SendBack { to: Phase },
    /// Evaluation: the practice is now ordinary operation.
    Continue,
    /// Evaluation: adjust and run a new implementation round (back to Implement).
    Adjust,
    /// Evaluation: start over from Prepare.
    Restart,
    /// Evaluation: the practice did not bring the wanted benefit; stop it.
    Deimplement,
}

/// Where a request stands (the stored and sent code).
pub use varig_types::GateStatus as Status;

/// Where the project stands after a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub phase: Phase,
    pub state: ProjectState,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    #[error("a request may only go to the next phase or back to an earlier one")]
    IllegalTarget,
    #[error("an evaluation can only be requested in Sustain")]
    EvaluationOutsideSustain,
    #[error("the project is not active")]
    ProjectNotActive,
    #[error("the request is no longer open")]
    NotOpen,
    #[error("the project's phase changed since the request was made")]
    Stale,
    #[error("this decision does not answer this kind of request")]
    DecisionDoesNotFit,
    #[error("a rejection needs a reason")]
    ReasonRequired,
    #[error("send back must go to an earlier phase")]
    SendBackNotEarlier,
}

pub fn index(p: Phase) -> usize {
    Phase::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

pub fn next(p: Phase) -> Option<Phase> {
    Phase::ALL.get(index(p) + 1).copied()
}

/// May a leader ask for `target` while the project is in `current`?
pub fn check_request(current: Phase, state: ProjectState, target: Target) -> Result<(), GateError> {
    if state != ProjectState::Active {
        return Err(GateError::ProjectNotActive);
    }
    match target {
        Target::Evaluation if current == Phase::Sustain => Ok(()),
        Target::Evaluation => Err(GateError::EvaluationOutsideSustain),
        Target::Phase(t) if Some(t) == next(current) || index(t) < index(current) => Ok(()),
        Target::Phase(_) => Err(GateError::IllegalTarget),
    }
}

/// Withdrawing: only an open request.
pub fn withdraw(status: Status) -> Result<Status, GateError> {
    match status {
        Status::Open => Ok(Status::Withdrawn),
        _ => Err(GateError::NotOpen),
    }
}

/// Applies the owner's `decision` to a request made in `requested_in` for `target`, with the
/// project now in `current`. Returns where the project ends up.
pub fn decide(
    status: Status,
    requested_in: Phase,
    current: Phase,
    target: Target,
    decision: &Decision,
) -> Result<Outcome, GateError> {
    if status != Status::Open {
        return Err(GateError::NotOpen);
    }
    if requested_in != current {
        return Err(GateError::Stale);
    }
    let active = |phase| {
        Ok(Outcome {
            phase,
            state: ProjectState::Active,
        })
    };
    match (decision, target) {
        (Decision::Reject { reason }, _) => {
            if reason.trim().is_empty() {
                Err(GateError::ReasonRequired)
            } else {
                active(current)
            }
        }
        (Decision::SendBack { to }, _) => {
            if index(*to) < index(current) {
                active(*to)
            } else {
                Err(GateError::SendBackNotEarlier)
            }
        }
        (Decision::Approve, Target::Phase(t)) => active(t),
        (Decision::Continue, Target::Evaluation) => Ok(Outcome {
            phase: Phase::Sustain,
            state: ProjectState::OrdinaryOperation,
        }),
        (Decision::Adjust, Target::Evaluation) => active(Phase::Implement),
        (Decision::Restart, Target::Evaluation) => active(Phase::Prepare),
        (Decision::Deimplement, Target::Evaluation) => Ok(Outcome {
            phase: Phase::Sustain,
            state: ProjectState::Deimplemented,
        }),
        _ => Err(GateError::DecisionDoesNotFit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Phase::*;

    const ACTIVE: ProjectState = ProjectState::Active;

    #[test]
    fn a_request_goes_one_phase_forward_or_any_phase_back() {
        let legal = [
            (Prepare, Plan),
            (Plan, Implement),
            (Implement, Sustain),
            (Plan, Prepare),
            (Implement, Prepare),
            (Implement, Plan),
            (Sustain, Implement),
            (Sustain, Plan),
            (Sustain, Prepare),
        ];
        for from in Phase::ALL {
            for to in Phase::ALL {
                let expected = legal.contains(&(from, to));
                assert_eq!(
                    check_request(from, ACTIVE, Target::Phase(to)).is_ok(),
                    expected,
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn skipping_a_phase_or_staying_is_illegal() {
        assert_eq!(
            check_request(Prepare, ACTIVE, Target::Phase(Implement)),
            Err(GateError::IllegalTarget)
        );
        assert_eq!(
            check_request(Prepare, ACTIVE, Target::Phase(Sustain)),
            Err(GateError::IllegalTarget)
        );
        assert_eq!(
            check_request(Plan, ACTIVE, Target::Phase(Plan)),
            Err(GateError::IllegalTarget)
        );
    }

    #[test]
    fn an_evaluation_is_requested_only_in_sustain() {
        assert!(check_request(Sustain, ACTIVE, Target::Evaluation).is_ok());
        for p in [Prepare, Plan, Implement] {
            assert_eq!(
                check_request(p, ACTIVE, Target::Evaluation),
                Err(GateError::EvaluationOutsideSustain)
            );
        }
    }

    #[test]
    fn a_finished_project_takes_no_requests() {
        for s in [ProjectState::OrdinaryOperation, ProjectState::Deimplemented] {
            assert_eq!(
                check_request(Sustain, s, Target::Evaluation),
                Err(GateError::ProjectNotActive)
            );
        }
    }

    #[test]
    fn approve_moves_to_the_requested_phase() {
        let o = decide(
            Status::Open,
            Plan,
            Plan,
            Target::Phase(Implement),
            &Decision::Approve,
        )
        .unwrap();
        assert_eq!(
            o,
            Outcome {
                phase: Implement,
                state: ACTIVE
            }
        );
        let o = decide(
            Status::Open,
            Implement,
            Implement,
            Target::Phase(Plan),
            &Decision::Approve,
        )
        .unwrap();
        assert_eq!(o.phase, Plan);
    }

    #[test]
    fn reject_needs_a_reason_and_keeps_the_phase() {
        let r = |s: &str| Decision::Reject { reason: s.into() };
        assert_eq!(
            decide(Status::Open, Plan, Plan, Target::Phase(Implement), &r("  ")),
            Err(GateError::ReasonRequired)
        );
        let o = decide(
            Status::Open,
            Plan,
            Plan,
            Target::Phase(Implement),
            &r("Not anchored yet"),
        )
        .unwrap();
        assert_eq!(o.phase, Plan);
        let o = decide(
            Status::Open,
            Sustain,
            Sustain,
            Target::Evaluation,
            &r("Too early"),
        )
        .unwrap();
        assert_eq!(
            o,
            Outcome {
                phase: Sustain,
                state: ACTIVE
            }
        );
    }

    #[test]
    fn send_back_goes_only_to_an_earlier_phase() {
        let sb = |to| Decision::SendBack { to };
        assert_eq!(
            decide(
                Status::Open,
                Implement,
                Implement,
                Target::Phase(Sustain),
                &sb(Plan)
            )
            .unwrap()
            .phase,
            Plan
        );
        assert_eq!(
            decide(
                Status::Open,
                Implement,
                Implement,
                Target::Phase(Sustain),
                &sb(Implement)
            ),
            Err(GateError::SendBackNotEarlier)
        );
        assert_eq!(
            decide(
                Status::Open,
                Prepare,
                Prepare,
                Target::Phase(Plan),
                &sb(Prepare)
            ),
            Err(GateError::SendBackNotEarlier)
        );
        assert_eq!(
            decide(
                Status::Open,
                Sustain,
                Sustain,
                Target::Evaluation,
                &sb(Prepare)
            )
            .unwrap()
            .phase,
            Prepare
        );
    }

    #[test]
    fn the_evaluation_decisions_from_sustain() {
        let ev =
            |d: Decision| decide(Status::Open, Sustain, Sustain, Target::Evaluation, &d).unwrap();
        assert_eq!(
            ev(Decision::Continue),
            Outcome {
                phase: Sustain,
                state: ProjectState::OrdinaryOperation
            }
        );
        assert_eq!(
            ev(Decision::Adjust),
            Outcome {
                phase: Implement,
                state: ACTIVE
            }
        );
        assert_eq!(
            ev(Decision::Restart),
            Outcome {
                phase: Prepare,
                state: ACTIVE
            }
        );
        assert_eq!(
            ev(Decision::Deimplement),
            Outcome {
                phase: Sustain,
                state: ProjectState::Deimplemented
            }
        );
        // An evaluation is not "approved".
        assert_eq!(
            decide(
                Status::Open,
                Sustain,
                Sustain,
                Target::Evaluation,
                &Decision::Approve
            ),
            Err(GateError::DecisionDoesNotFit)
        );
    }

    #[test]
    fn evaluation_decisions_do_not_answer_a_phase_request() {
        for d in [
            Decision::Continue,
            Decision::Adjust,
            Decision::Restart,
            Decision::Deimplement,
        ] {
            assert_eq!(
                decide(Status::Open, Plan, Plan, Target::Phase(Implement), &d),
                Err(GateError::DecisionDoesNotFit),
                "{d:?}"
            );
        }
    }

    #[test]
    fn a_decided_or_withdrawn_request_cannot_be_decided_again() {
        for s in [Status::Decided, Status::Withdrawn] {
            assert_eq!(
                decide(s, Plan, Plan, Target::Phase(Implement), &Decision::Approve),
                Err(GateError::NotOpen)
            );
        }
    }

    #[test]
    fn a_stale_request_cannot_be_decided() {
        assert_eq!(
            decide(
                Status::Open,
                Plan,
                Implement,
                Target::Phase(Implement),
                &Decision::Approve
            ),
            Err(GateError::Stale)
        );
    }

    #[test]
    fn only_an_open_request_can_be_withdrawn() {
        assert_eq!(withdraw(Status::Open), Ok(Status::Withdrawn));
        assert_eq!(withdraw(Status::Withdrawn), Err(GateError::NotOpen));
        assert_eq!(withdraw(Status::Decided), Err(GateError::NotOpen));
    }
}

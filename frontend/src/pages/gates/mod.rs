//! Phase gates on the project page: the phase timeline, the leader's transition request,
//! the open request (recommendations, the owner's decision) and the decided ones.

mod decision;
mod evidence;
mod open;
mod request_form;
mod timeline;

use crate::ui::{format_date, local_date, DateStyle};
use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::{self, Action};
use varig_types::{
    GateDecisionKind, GateRequest, GateStatus, GateTarget, Me, Phase, PhaseHistory, Project,
    ProjectState, Recommendation,
};
use web_sys::AbortSignal;

use crate::api::{Api, ApiError, Freshness};
use crate::i18n::{phase_key, use_i18n, I18n};

pub use timeline::PhaseTimeline;

/// What the gate views need besides the project: its requests, phase history and who asks.
#[derive(Debug, Clone)]
pub struct GateData {
    pub requests: Vec<GateRequest>,
    pub history: Option<PhaseHistory>,
    pub me: Option<Me>,
    pub error: Option<ApiError>,
    pub cached: bool,
}

/// Loads the requests, the phase history and the caller; failures are kept, not fatal.
pub async fn load(api: Api, project: Uuid, abort: Option<AbortSignal>) -> GateData {
    let (requests, history, me) = futures::join!(
        api.gate_requests(project, abort.clone()),
        api.phase_history(project, abort.clone()),
        api.me(abort)
    );
    let mut cached = false;
    let mut error = None;
    let requests = match requests {
        Ok((r, f)) => {
            cached |= f == Freshness::Cached;
            r
        }
        Err(e) => {
            error = Some(e);
            Vec::new()
        }
    };
    let history = match history {
        Ok((h, f)) => {
            cached |= f == Freshness::Cached;
            Some(h)
        }
        Err(e) => {
            error.get_or_insert(e);
            None
        }
    };
    GateData {
        requests,
        history,
        me: me.ok().map(|(m, _)| m),
        error,
        cached,
    }
}

/// Whether a transition request is waiting for recommendations and a decision.
pub fn has_open(data: &GateData) -> bool {
    data.requests.iter().any(|r| r.status == GateStatus::Open)
}

/// The gate card: the open request, or the leader's form, or a note that none is open.
/// `on_change` gets the key of the message to announce after a successful write.
#[component]
pub fn GateSection(
    project: Project,
    data: GateData,
    on_change: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = data
        .requests
        .iter()
        .rev()
        .find(|r| r.status == GateStatus::Open)
        .cloned();
    let may_request = permissions::can(None, project.my_role, Action::GateRequest)
        && project.state == ProjectState::Active;
    let error = data.error;
    let (phase, role, project_id) = (project.phase, project.my_role, project.id);
    let me = data.me.map(|m| m.id);

    let body = match open {
        Some(request) => view! { <open::OpenRequest request role me phase on_change /> }.into_any(),
        None if may_request => {
            view! { <request_form::RequestForm project=project_id phase on_change /> }.into_any()
        }
        None => view! { <p class="empty">{move || i18n.t("gate.none_open")}</p> }.into_any(),
    };

    view! {
        <section class="card gate" aria-labelledby="gate-title">
            <h2 id="gate-title">{move || i18n.t("gate.heading")}</h2>
            {error.map(|e| view! { <p class="notice notice-error" role="alert">{move || e.message(i18n)}</p> })}
            {body}
        </section>
    }
}

/// Decided and withdrawn requests, newest first.
#[component]
pub fn GateHistory(requests: Vec<GateRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let mut closed: Vec<GateRequest> = requests
        .into_iter()
        .filter(|r| r.status != GateStatus::Open)
        .collect();
    closed.reverse();
    let no_history = closed.is_empty();
    view! {
        <section class="card" aria-labelledby="gate-history-title">
            <h2 id="gate-history-title">{move || i18n.t("gate.history_heading")}</h2>
            {no_history.then(|| view! { <p class="empty">{move || i18n.t("gate.history_empty")}</p> })}
            <ol class="gate-history">
                {closed.into_iter().map(|r| view! { <HistoryItem request=r /> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn HistoryItem(request: GateRequest) -> impl IntoView {
    let i18n = use_i18n();
    let (from, target) = (request.requested_in, request.target);
    let outcome = move || match (request.status, request.decision) {
        (GateStatus::Withdrawn, _) => i18n.t("gate.withdrawn"),
        (_, Some(d)) => i18n.t(decided_key(d)),
        _ => String::new(),
    };
    let when = request.decided_at.unwrap_or(request.created_at);
    let reason = request
        .decision_reason
        .filter(|r| !r.trim().is_empty())
        .map(|r| view! { <p class="gate-reason">{move || i18n.tf("gate.reason_shown", &[("reason", &r)])}</p> });
    let evidence = evidence::Evidence::read(&request.evidence);
    let evidence = (!evidence.is_empty()).then(|| {
        view! {
            <details class="gate-evidence">
                <summary>{move || i18n.t("evidence.show")}</summary>
                <evidence::EvidenceView evidence phase=from headings=false />
            </details>
        }
    });
    view! {
        <li>
            <p class="gate-transition">{move || transition(i18n, from, target)}</p>
            <p class="gate-outcome">{outcome}</p>
            {reason}
            {evidence}
            <p class="gate-date">{move || i18n.tf("gate.date", &[("date", &format_date(i18n.lang(), local_date(when), DateStyle::Medium))])}</p>
        </li>
    }
}

/// "From Prepare to Plan", or "Evaluation in Sustain".
pub fn transition(i18n: I18n, from: Phase, target: GateTarget) -> String {
    let from_name = i18n.phase(from);
    match target_phase(target) {
        Some(to) => i18n.tf(
            "gate.transition",
            &[("from", &from_name), ("to", &i18n.phase(to))],
        ),
        None => i18n.tf("gate.transition_evaluation", &[("from", &from_name)]),
    }
}

pub fn target_phase(target: GateTarget) -> Option<Phase> {
    match target {
        GateTarget::Prepare => Some(Phase::Prepare),
        GateTarget::Plan => Some(Phase::Plan),
        GateTarget::Implement => Some(Phase::Implement),
        GateTarget::Sustain => Some(Phase::Sustain),
        GateTarget::Evaluation => None,
    }
}

pub fn phase_target(phase: Phase) -> GateTarget {
    match phase {
        Phase::Prepare => GateTarget::Prepare,
        Phase::Plan => GateTarget::Plan,
        Phase::Implement => GateTarget::Implement,
        Phase::Sustain => GateTarget::Sustain,
    }
}

/// What a leader may ask for from `current`: the next phase (an evaluation in Sustain),
/// then the earlier phases, nearest first.
pub fn legal_targets(current: Phase) -> Vec<GateTarget> {
    let mut targets = Vec::new();
    match Phase::ALL.into_iter().find(|p| *p > current) {
        Some(next) => targets.push(phase_target(next)),
        None => targets.push(GateTarget::Evaluation),
    }
    targets.extend(earlier_phases(current).into_iter().map(phase_target));
    targets
}

/// The phases before `current`, nearest first.
pub fn earlier_phases(current: Phase) -> Vec<Phase> {
    Phase::ALL
        .into_iter()
        .rev()
        .filter(|p| *p < current)
        .collect()
}

pub fn decision_key(d: GateDecisionKind) -> &'static str {
    match d {
        GateDecisionKind::Approve => "gate.decide_approve",
        GateDecisionKind::Reject => "gate.decide_reject",
        GateDecisionKind::SendBack => "gate.decide_send_back",
        GateDecisionKind::Continue => "gate.decide_continue",
        GateDecisionKind::Adjust => "gate.decide_adjust",
        GateDecisionKind::Restart => "gate.decide_restart",
        GateDecisionKind::Deimplement => "gate.decide_deimplement",
    }
}

pub fn decided_key(d: GateDecisionKind) -> &'static str {
    match d {
        GateDecisionKind::Approve => "gate.decided_approve",
        GateDecisionKind::Reject => "gate.decided_reject",
        GateDecisionKind::SendBack => "gate.decided_send_back",
        GateDecisionKind::Continue => "gate.decided_continue",
        GateDecisionKind::Adjust => "gate.decided_adjust",
        GateDecisionKind::Restart => "gate.decided_restart",
        GateDecisionKind::Deimplement => "gate.decided_deimplement",
    }
}

pub fn recommendation_key(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Support => "gate.rec_support",
        Recommendation::Against => "gate.rec_against",
        Recommendation::Abstain => "gate.rec_abstain",
    }
}

/// The phase's name key, for a target that is a phase.
pub fn target_name(i18n: I18n, target: GateTarget) -> String {
    match target_phase(target) {
        Some(p) => i18n.t(phase_key(p)),
        None => i18n.t("gate.evaluation"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use GateTarget as T;
    use Phase::*;

    #[test]
    fn legal_targets_are_the_next_phase_and_the_earlier_ones() {
        assert_eq!(legal_targets(Prepare), vec![T::Plan]);
        assert_eq!(legal_targets(Plan), vec![T::Implement, T::Prepare]);
        assert_eq!(
            legal_targets(Implement),
            vec![T::Sustain, T::Plan, T::Prepare]
        );
        assert_eq!(
            legal_targets(Sustain),
            vec![T::Evaluation, T::Implement, T::Plan, T::Prepare]
        );
        assert!(earlier_phases(Prepare).is_empty());
    }
}

//! The project owner's decision: choose (one tap), add a reason or phase when needed,
//! confirm (one tap).

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{GateDecisionInput, GateDecisionKind as D, GateTarget, Phase};

use super::{decision_key, earlier_phases, target_phase};
use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{clean, focus_id};

/// The choices that answer a request for `target` made in `phase`.
fn choices(target: GateTarget, phase: Phase) -> Vec<D> {
    let mut all = match target {
        GateTarget::Evaluation => vec![
            D::Continue,
            D::Adjust,
            D::Restart,
            D::Deimplement,
            D::Reject,
        ],
        _ => vec![D::Approve, D::Reject],
    };
    if !earlier_phases(phase).is_empty() {
        all.push(D::SendBack);
    }
    all
}

#[component]
pub fn DecisionPanel(
    request: Uuid,
    target: GateTarget,
    phase: Phase,
    on_change: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let choice = RwSignal::new(None::<D>);
    let reason = RwSignal::new(String::new());
    let back_to = RwSignal::new(earlier_phases(phase).first().copied());
    let reason_error = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let choose = move |d: D| {
        choice.set(Some(d));
        reason_error.set(None);
        error.set(None);
        focus_id(match d {
            D::Reject => "gate-reason",
            D::SendBack => "gate-back-to",
            _ => "gate-confirm",
        });
    };

    let confirm = move |_| {
        let Some(decision) = choice.get_untracked() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        let text = clean(&reason.get_untracked());
        if decision == D::Reject && text.is_empty() {
            reason_error.set(Some("gate.reason_required"));
            focus_id("gate-reason");
            return;
        }
        reason_error.set(None);
        error.set(None);
        pending.set(true);
        let body = GateDecisionInput {
            decision,
            reason: (!text.is_empty()).then_some(text),
            to_phase: (decision == D::SendBack)
                .then(|| back_to.get_untracked())
                .flatten(),
        };
        leptos::task::spawn_local(async move {
            let result = api.decide_gate(request, &body).await;
            let _ = pending.try_set(false);
            match result {
                Ok(_) => on_change.run("gate.flash_decided"),
                Err(e) => {
                    let _ = error.try_set(Some(e));
                    focus_id("gate-decision-error");
                }
            }
        });
    };

    let outcome = move |d: D| {
        let phase_name = |p: Phase| i18n.phase(p);
        match d {
            D::Approve => i18n.tf(
                "gate.outcome_approve",
                &[(
                    "phase",
                    &target_phase(target).map(phase_name).unwrap_or_default(),
                )],
            ),
            D::Reject => i18n.tf("gate.outcome_reject", &[("phase", &phase_name(phase))]),
            D::SendBack => i18n.t("gate.outcome_send_back"),
            D::Continue => i18n.t("gate.outcome_continue"),
            D::Adjust => i18n.t("gate.outcome_adjust"),
            D::Restart => i18n.t("gate.outcome_restart"),
            D::Deimplement => i18n.t("gate.outcome_deimplement"),
        }
    };

    let buttons = choices(target, phase)
        .into_iter()
        .map(|d| {
            view! {
                <button
                    type="button"
                    class=if d == D::Approve || d == D::Continue { "choice primary-choice" } else { "choice" }
                    aria-pressed=move || if choice.get() == Some(d) { "true" } else { "false" }
                    on:click=move |_| choose(d)
                >
                    {move || i18n.t(decision_key(d))}
                </button>
            }
        })
        .collect_view();
    let back_options = earlier_phases(phase)
        .into_iter()
        .map(|p| {
            view! {
                <option value=format!("{}", p as u8) selected=move || back_to.get() == Some(p)>
                    {move || i18n.phase(p)}
                </option>
            }
        })
        .collect_view();

    view! {
        <div class="gate-action" role="group" aria-labelledby="gate-decision-title">
            <h4 id="gate-decision-title">{move || i18n.t("gate.your_decision")}</h4>
            <p class="hint">{move || i18n.t("gate.decision_intro")}</p>
            <div class="button-row choices">{buttons}</div>
            <div id="gate-decision-error" class="form-error" role="alert" tabindex="-1">
                {move || error.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <div class="confirm" hidden=move || choice.get().is_none()>
                <p class="outcome" aria-live="polite">{move || choice.get().map(outcome)}</p>
                <div class="field" hidden=move || choice.get() != Some(D::SendBack)>
                    <label for="gate-back-to">{move || i18n.t("gate.back_to_label")}</label>
                    <select
                        id="gate-back-to"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            back_to.set(Phase::ALL.into_iter().find(|p| (*p as u8).to_string() == v));
                        }
                    >
                        {back_options}
                    </select>
                </div>
                <div class="field">
                    <label for="gate-reason">
                        {move || i18n.t(if choice.get() == Some(D::Reject) { "gate.reason_label_required" } else { "gate.reason_label" })}
                    </label>
                    <textarea
                        id="gate-reason"
                        rows="3"
                        maxlength="5000"
                        aria-invalid=move || reason_error.get().is_some().then_some("true")
                        aria-describedby=move || reason_error.get().is_some().then_some("gate-reason-error")
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                    <p id="gate-reason-error" class="field-error" role="alert">
                        {move || reason_error.get().map(|k| i18n.t(k))}
                    </p>
                </div>
                <div class="button-row">
                    <button
                        id="gate-confirm"
                        type="button"
                        class="primary"
                        aria-disabled=move || pending.get().then_some("true")
                        on:click=confirm
                    >
                        {move || {
                            let label = choice.get().map(|d| i18n.t(decision_key(d))).unwrap_or_default();
                            i18n.tf("gate.confirm", &[("decision", &label)])
                        }}
                    </button>
                    <button type="button" on:click=move |_| choice.set(None)>
                        {move || i18n.t("gate.cancel")}
                    </button>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_gets_the_choices_that_fit_the_request() {
        assert_eq!(
            choices(GateTarget::Plan, Phase::Prepare),
            vec![D::Approve, D::Reject]
        );
        assert_eq!(
            choices(GateTarget::Implement, Phase::Plan),
            vec![D::Approve, D::Reject, D::SendBack]
        );
        assert_eq!(
            choices(GateTarget::Evaluation, Phase::Sustain),
            vec![
                D::Continue,
                D::Adjust,
                D::Restart,
                D::Deimplement,
                D::Reject,
                D::SendBack
            ]
        );
    }
}

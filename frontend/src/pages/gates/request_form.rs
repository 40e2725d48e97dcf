//! The project leader's request for a transition: a legal target and a summary.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{GateTarget, NewGateRequest, Phase};

use super::{legal_targets, target_name};
use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{clean, focus_id};

#[component]
pub fn RequestForm(
    project: Uuid,
    phase: Phase,
    on_change: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let targets = legal_targets(phase);
    let target = RwSignal::new(targets[0]);
    let summary = RwSignal::new(String::new());
    let summary_error = RwSignal::new(None::<&'static str>);
    let form_error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let text = clean(&summary.get_untracked());
        form_error.set(None);
        if text.is_empty() {
            summary_error.set(Some("gate.summary_required"));
            focus_id("gate-summary");
            return;
        }
        summary_error.set(None);
        pending.set(true);
        let request = NewGateRequest {
            target: target.get_untracked(),
            summary: text,
        };
        leptos::task::spawn_local(async move {
            let result = api.request_gate(project, &request).await;
            let _ = pending.try_set(false);
            match result {
                Ok(_) => on_change.run("gate.flash_requested"),
                Err(e) => {
                    let _ = form_error.try_set(Some(e));
                    focus_id("gate-request-error");
                }
            }
        });
    };

    let option_label = move |t: GateTarget, next: bool| {
        let name = target_name(i18n, t);
        match (t, next) {
            (GateTarget::Evaluation, _) => i18n.t("gate.target_evaluation"),
            (_, true) => i18n.tf("gate.target_next", &[("phase", &name)]),
            (_, false) => i18n.tf("gate.target_back", &[("phase", &name)]),
        }
    };
    let options = targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = *t;
            view! {
                <option value=i.to_string() selected=move || target.get() == t>
                    {move || option_label(t, i == 0)}
                </option>
            }
        })
        .collect_view();

    view! {
        <form class="gate-form" on:submit=on_submit novalidate=true aria-labelledby="gate-request-title">
            <h3 id="gate-request-title">{move || i18n.t("gate.request_heading")}</h3>
            <p class="lead">{move || i18n.t("gate.request_intro")}</p>
            <div id="gate-request-error" class="form-error" role="alert" tabindex="-1">
                {move || form_error.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <div class="field">
                <label for="gate-target">{move || i18n.t("gate.target_label")}</label>
                <select
                    id="gate-target"
                    on:change=move |ev| {
                        if let Some(t) = event_target_value(&ev)
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| targets.get(i).copied())
                        {
                            target.set(t);
                        }
                    }
                >
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="gate-summary">{move || i18n.t("gate.summary_label")}</label>
                <p id="gate-summary-hint" class="hint">{move || i18n.t("gate.summary_hint")}</p>
                <textarea
                    id="gate-summary"
                    rows="4"
                    maxlength="5000"
                    required=true
                    aria-invalid=move || summary_error.get().is_some().then_some("true")
                    aria-describedby=move || {
                        if summary_error.get().is_some() {
                            "gate-summary-hint gate-summary-error"
                        } else {
                            "gate-summary-hint"
                        }
                    }
                    prop:value=move || summary.get()
                    on:input=move |ev| summary.set(event_target_value(&ev))
                ></textarea>
                <p id="gate-summary-error" class="field-error" role="alert">
                    {move || summary_error.get().map(|k| i18n.t(k))}
                </p>
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t(if pending.get() { "gate.sending" } else { "gate.request_submit" })}
            </button>
        </form>
    }
}

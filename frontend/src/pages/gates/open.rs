//! The open transition request: what is asked, who recommended what, who is awaited, and
//! the caller's part — a recommendation, the owner's decision, or withdrawing it.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::{self, Action};
use varig_types::{GateRequest, NewRecommendation, Phase, ProjectRole, Recommendation};

use super::decision::DecisionPanel;
use super::evidence::{Evidence, EvidenceView};
use super::{recommendation_key, transition};
use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{clean, focus_id, format_date, local_date, DateStyle};

#[component]
pub fn OpenRequest(
    request: GateRequest,
    role: Option<ProjectRole>,
    me: Option<Uuid>,
    phase: Phase,
    on_change: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (from, target, id) = (request.requested_in, request.target, request.id);
    let created = request.created_at;
    let awaited_by_me = me.is_some_and(|me| request.awaiting.iter().any(|a| a.user_id == me));
    let may = |action| permissions::can(None, role, action);
    let may_recommend = may(Action::GateRecommend) && awaited_by_me;
    let no_recommendations = request.recommendations.is_empty();
    let awaiting: Vec<String> = request.awaiting.into_iter().map(|a| a.user_name).collect();
    let awaiting = (!awaiting.is_empty()).then(|| awaiting.join(", "));
    let summary = request.summary;
    let evidence = Evidence::read(&request.evidence);
    let evidence = (!evidence.is_empty())
        .then(|| view! { <EvidenceView evidence phase=from headings=true /> });

    // Each role has one part in an open request: the owner decides, the leader (who sent
    // it) may withdraw it, the steering group recommends.
    let part = if may(Action::GateDecide) {
        view! { <DecisionPanel request=id target phase on_change /> }.into_any()
    } else if may(Action::GateRequest) {
        view! { <Withdraw request=id on_change /> }.into_any()
    } else if may_recommend {
        view! { <Recommend request=id on_change /> }.into_any()
    } else {
        ().into_any()
    };

    view! {
        <div class="gate-open">
            <h3 id="gate-open-title">{move || i18n.t("gate.open_heading")}</h3>
            <p class="gate-transition">{move || transition(i18n, from, target)}</p>
            <p class="gate-date">{move || i18n.tf("gate.sent", &[("date", &format_date(i18n.lang(), local_date(created), DateStyle::Medium))])}</p>
            <h4>{move || i18n.t("gate.summary_heading")}</h4>
            <p class="gate-summary">{summary}</p>
            {evidence}
            <h4>{move || i18n.t("gate.recommendations_heading")}</h4>
            {no_recommendations.then(|| view! { <p class="empty">{move || i18n.t("gate.no_recommendations")}</p> })}
            <ul class="recommendations">
                {request
                    .recommendations
                    .into_iter()
                    .map(|r| {
                        let rec = r.recommendation;
                        let comment = (!r.comment.trim().is_empty()).then_some(r.comment);
                        view! {
                            <li>
                                <span class="rec-name">{r.user_name}</span>
                                <span class=format!("rec-value rec-{}", recommendation_class(rec))>
                                    {move || i18n.t(recommendation_key(rec))}
                                </span>
                                {comment.map(|c| view! { <span class="rec-comment">{c}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="awaiting">
                {move || match &awaiting {
                    Some(names) => i18n.tf("gate.awaiting", &[("names", names)]),
                    None => i18n.t("gate.awaiting_none"),
                }}
            </p>
            {part}
        </div>
    }
}

fn recommendation_class(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Support => "support",
        Recommendation::Against => "against",
        Recommendation::Abstain => "abstain",
    }
}

/// A steering-group member's recommendation: an optional comment, then one tap.
#[component]
fn Recommend(request: Uuid, on_change: Callback<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let send = move |recommendation: Recommendation| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let body = NewRecommendation {
            recommendation,
            comment: clean(&comment.get_untracked()),
            meeting: None,
        };
        leptos::task::spawn_local(async move {
            let result = api.recommend_gate(request, &body).await;
            let _ = pending.try_set(false);
            match result {
                Ok(_) => on_change.run("gate.flash_recommended"),
                Err(e) => {
                    let _ = error.try_set(Some(e));
                    focus_id("gate-rec-error");
                }
            }
        });
    };
    let button = move |r: Recommendation| {
        view! {
            <button
                type="button"
                aria-disabled=move || pending.get().then_some("true")
                on:click=move |_| send(r)
            >
                {move || i18n.t(recommendation_key(r))}
            </button>
        }
    };

    view! {
        <div class="gate-action" role="group" aria-labelledby="gate-rec-title">
            <h4 id="gate-rec-title">{move || i18n.t("gate.your_recommendation")}</h4>
            <div id="gate-rec-error" class="form-error" role="alert" tabindex="-1">
                {move || error.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <div class="field">
                <label for="gate-rec-comment">{move || i18n.t("gate.comment_label")}</label>
                <textarea
                    id="gate-rec-comment"
                    rows="3"
                    maxlength="5000"
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="button-row">
                {button(Recommendation::Support)}
                {button(Recommendation::Against)}
                {button(Recommendation::Abstain)}
            </div>
        </div>
    }
}

/// The leader withdraws the open request: one tap, then confirm.
#[component]
fn Withdraw(request: Uuid, on_change: Callback<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let withdraw = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = api.withdraw_gate(request).await;
            let _ = pending.try_set(false);
            match result {
                Ok(()) => on_change.run("gate.flash_withdrawn"),
                Err(e) => {
                    let _ = error.try_set(Some(e));
                    focus_id("gate-withdraw-error");
                }
            }
        });
    };

    view! {
        <div class="gate-action">
            <div id="gate-withdraw-error" class="form-error" role="alert" tabindex="-1">
                {move || error.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" on:click=move |_| {
                            confirming.set(true);
                            focus_id("gate-withdraw-confirm");
                        }>
                            {move || i18n.t("gate.withdraw")}
                        </button>
                    }
                }
            >
                <p>{move || i18n.t("gate.withdraw_question")}</p>
                <div class="button-row">
                    <button
                        id="gate-withdraw-confirm"
                        type="button"
                        class="primary"
                        aria-disabled=move || pending.get().then_some("true")
                        on:click=withdraw
                    >
                        {move || i18n.t("gate.withdraw_confirm")}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>
                        {move || i18n.t("gate.cancel")}
                    </button>
                </div>
            </Show>
        </div>
    }
}

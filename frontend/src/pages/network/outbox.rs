//! The outbox page: the signed-in user's reports that wait on the phone, why a refused one
//! was refused, and what to do about it (try again, or delete it).

use leptos::prelude::*;
use varig_types::ProblemCode;

use super::{activity_key, stage_key};
use crate::i18n::{set_title, use_i18n};
use crate::offline::{use_outbox, Queued};
use crate::ui::{format_date, DateStyle, RequireLogin};

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <OutboxView />
        </RequireLogin>
    }
}

#[component]
fn OutboxView() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    Effect::new(move |_| set_title(&i18n.t("outbox.title")));
    view! {
        <h1>{move || i18n.t("outbox.title")}</h1>
        <p class="lead">{move || i18n.t("outbox.lead")}</p>
        <p class="outbox-count">
            {move || i18n.tf("outbox.count", &[("count", &outbox.count().to_string())])}
        </p>
        <Show when=move || { outbox.count() > 0 }>
            <button type="button" class="primary" on:click=move |_| outbox.sync()>
                {move || i18n.t("outbox.send_now")}
            </button>
        </Show>
        <ul class="report-list outbox-list">
            <For each=move || outbox.items() key=|q| (q.id, q.refused.is_some()) let:item>
                <QueuedCard item />
            </For>
        </ul>
    }
}

#[component]
fn QueuedCard(item: Queued) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let id = item.id;
    let date = item.report.date;
    let activity = item.report.activity;
    let stage = item.report.stage;
    let refusal = item.refused.clone();
    let refused = refusal.is_some();
    view! {
        <li class="report queued" class:refused=refused>
            <h2 class="queued-title">
                <span class="report-unit">{item.unit_name.clone()}</span>
                " "
                <span class="report-date">{move || format_date(i18n.lang(), date, DateStyle::Medium)}</span>
            </h2>
            <p>{move || format!("{} · {}", i18n.t(activity_key(activity)), i18n.t(stage_key(stage)))}</p>
            {match refusal {
                None => view! { <p class="queued-state">{move || i18n.t("outbox.waiting")}</p> }.into_any(),
                Some(r) => {
                    let error = r.error();
                    let fields: Vec<String> = r
                        .problem
                        .as_ref()
                        .filter(|p| p.code == ProblemCode::Validation)
                        .map(|p| p.errors.iter().map(|e| field_label(&e.field, &e.code)).collect())
                        .unwrap_or_default();
                    view! {
                        <div class="notice notice-error">
                            <p class="queued-state">{move || i18n.t("outbox.refused_state")}</p>
                            <p>{move || error.message(i18n)}</p>
                            <ul>
                                {fields
                                    .into_iter()
                                    .map(|key| view! { <li>{move || i18n.t(&key)}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                        <div class="button-row">
                            <button type="button" on:click=move |_| {
                                leptos::task::spawn_local(async move { outbox.retry(id).await })
                            }>{move || i18n.t("outbox.retry")}</button>
                            <button type="button" class="danger" on:click=move |_| {
                                leptos::task::spawn_local(async move { outbox.remove(id).await })
                            }>{move || i18n.t("outbox.delete")}</button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}

/// The message key for a field the server refused.
fn field_label(field: &str, code: &str) -> String {
    let key = match (field.split(['[', '.']).next().unwrap_or(field), code) {
        ("unit_id", "not_in_scope") => "outbox.field_unit_scope",
        ("unit_id", _) => "outbox.field_unit",
        ("date", _) => "outbox.field_date",
        ("people_reached", _) => "outbox.field_people",
        ("resistance", _) => "outbox.field_resistance",
        ("barriers", _) => "outbox.field_barriers",
        _ => "outbox.field_other",
    };
    key.to_owned()
}

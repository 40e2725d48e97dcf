//! A webhook's delivery log, newest first: what happened, where the delivery stands, how
//! many attempts, the system's last answer (or the error), the next attempt and when it was
//! delivered; "send again" per delivery; narrowed by status, with older pages on demand.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{DeliveryStatus, WebhookDelivery, WebhookDeliveryPage, WebhookSubscription};

use super::detail::webhook_id;
use super::{at_text, day_and_time, event_key, status_key};
use crate::api::{use_api, ApiError, TaggedWebhook};
use crate::i18n::{lookup, use_i18n};
use crate::ui::{Flash, FlashMessage, Loader, PageFrame, RequireLogin};

/// The badge class of a status.
pub fn status_class(s: DeliveryStatus) -> &'static str {
    match s {
        DeliveryStatus::Pending => "status-badge status-in_progress",
        DeliveryStatus::Delivered => "status-badge status-done",
        DeliveryStatus::Failed => "status-badge badge-overdue",
    }
}

#[component]
pub fn DeliveriesPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <DeliveriesView />
        </RequireLogin>
    }
}

#[component]
fn DeliveriesView() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = webhook_id();
    let flash = Flash::new();
    let back = match id.get_untracked() {
        Some(id) => format!("/admin/webhooks/{id}"),
        None => "/admin/webhooks".to_owned(),
    };
    view! {
        <PageFrame title=Signal::derive(move || i18n.t("webhooks.log_title")) back=(back, "webhooks.log_back")>
            <FlashMessage flash />
            <Loader
                fetch={move || {
                    let id = id.get();
                    async move { api.webhook(id.ok_or(ApiError::Http(404))?, None).await }
                }}
                render={move |webhook: TaggedWebhook, _| view! { <LogFrame webhook=webhook.subscription flash /> }}
            />
        </PageFrame>
    }
}

/// What the log is of, the filter, and the log itself (read again on its own, so the
/// filter keeps its focus).
#[component]
fn LogFrame(webhook: WebhookSubscription, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = webhook.id;
    let url = webhook.url.clone();
    let status = RwSignal::new(None::<DeliveryStatus>);
    let reload = RwSignal::new(0u32);
    let on_filter = move |ev: leptos::ev::Event| {
        status.set(DeliveryStatus::parse(&event_target_value(&ev)));
    };
    view! {
        <p class="lead webhook-url">{move || i18n.tf("webhooks.log_intro", &[("url", &url)])}</p>
        {(!webhook.enabled).then(|| view! { <p class="notice">{move || i18n.t("webhooks.log_off")}</p> })}
        <div class="field">
            <label for="delivery-status">{move || i18n.t("webhooks.filter")}</label>
            <select id="delivery-status" on:change=on_filter>
                <option value="" prop:selected=move || status.get().is_none()>{move || i18n.t("webhooks.filter_all")}</option>
                {DeliveryStatus::ALL.iter().copied().map(|s| view! {
                    <option value=s.as_str() prop:selected=move || status.get() == Some(s)>{move || i18n.t(status_key(s))}</option>
                }).collect_view()}
            </select>
        </div>
        <button type="button" id="delivery-refresh" on:click=move |_| reload.update(|n| *n += 1)>
            {move || i18n.t("webhooks.log_refresh")}
        </button>
        <Loader
            reload
            fetch={move || {
                let status = status.get();
                async move { api.webhook_deliveries(id, status, None, None).await }
            }}
            render={move |page: WebhookDeliveryPage, again| view! { <Log id page status=status.get_untracked() flash again /> }}
        />
    }
}

#[component]
fn Log(
    id: Uuid,
    page: WebhookDeliveryPage,
    status: Option<DeliveryStatus>,
    flash: Flash,
    again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let empty = page.items.is_empty();
    let more = RwSignal::new(Vec::<WebhookDelivery>::new());
    let next = RwSignal::new(page.next_cursor);
    let failed = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let load_more = move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        leptos::task::spawn_local(async move {
            match api.webhook_deliveries(id, status, Some(cursor), None).await {
                Ok(page) => {
                    let _ = more.try_update(|m| m.extend(page.items));
                    let _ = next.try_set(page.next_cursor);
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
            let _ = loading.try_set(false);
        });
    };
    view! {
        {empty.then(|| view! {
            <p class="empty">{move || i18n.t(if status.is_some() { "webhooks.log_empty_status" } else { "webhooks.log_empty" })}</p>
        })}
        <ul class="plan-list delivery-list">
            {page.items.into_iter().map(|d| view! { <DeliveryRow delivery=d flash again /> }).collect_view()}
            {move || more.get().into_iter().map(|d| view! { <DeliveryRow delivery=d flash again /> }).collect_view()}
        </ul>
        <Show when=move || next.get().is_some()>
            <button type="button" aria-disabled=move || loading.get().then_some("true") on:click=load_more>
                {move || i18n.t("webhooks.log_more")}
            </button>
        </Show>
        <div class="form-error" role="alert">
            {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
        </div>
    }
}

#[component]
fn DeliveryRow(delivery: WebhookDelivery, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let d = delivery;
    let (webhook, id) = (d.subscription_id, d.id);
    let event = d.event.type_;
    let occurred = d.event.occurred_at;
    let status = d.status;
    let attempts = d.attempts;
    let send_again = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failed.set(None);
        let name = lookup(i18n.lang(), event_key(event));
        leptos::task::spawn_local(async move {
            match api.retry_webhook_delivery(webhook, id).await {
                Ok(_) => {
                    flash.show_with("webhooks.queued", vec![("name", name)]);
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
            let _ = pending.try_set(false);
        });
    };
    let label = move || {
        let (date, time) = day_and_time(i18n, occurred);
        i18n.tf(
            "webhooks.send_again_label",
            &[
                ("event", &i18n.t(event_key(event))),
                ("date", &date),
                ("time", &time),
            ],
        )
    };
    view! {
        <li class="plan-item delivery">
            <h2 class="item-title">{move || i18n.t(event_key(event))}</h2>
            <p class="hint">{move || at_text(i18n, "webhooks.happened", occurred)}</p>
            <p><span class=status_class(status)>{move || i18n.t(status_key(status))}</span></p>
            <p>
                {move || match attempts {
                    0 => i18n.t("webhooks.attempts_none"),
                    1 => i18n.t("webhooks.attempts_one"),
                    n => i18n.tf("webhooks.attempts_other", &[("count", &n.to_string())]),
                }}
            </p>
            {d.last_status_code.map(|code| view! {
                <p>{move || i18n.tf("webhooks.answer", &[("code", &code.to_string())])}</p>
            })}
            {d.last_error.clone().filter(|_| d.last_status_code.is_none()).map(|error| view! {
                <p class="webhook-url">{move || i18n.tf("webhooks.error", &[("error", &error)])}</p>
            })}
            {d.next_attempt_at.map(|at| view! {
                <p>{move || at_text(i18n, "webhooks.next_attempt", at)}</p>
            })}
            {d.delivered_at.map(|at| view! {
                <p>{move || at_text(i18n, "webhooks.delivered_at", at)}</p>
            })}
            <button type="button" aria-label=label aria-disabled=move || pending.get().then_some("true") on:click=send_again>
                {move || i18n.t("webhooks.send_again")}
            </button>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_has_its_own_badge() {
        let classes: std::collections::BTreeSet<_> = DeliveryStatus::ALL
            .iter()
            .map(|s| status_class(*s))
            .collect();
        assert_eq!(classes.len(), DeliveryStatus::ALL.len());
    }
}

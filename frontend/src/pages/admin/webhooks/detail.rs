//! One webhook: where it sends and what, on or off (with Varig's reason when Varig turned
//! it off), changing its address, description and event types, deleting it after a second,
//! confirming step, and the way to its delivery log. Every change names the `ETag` read
//! with the webhook, so a change someone else made first is never overwritten.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;
use varig_types::{ProblemCode, Project, WebhookSubscriptionPatch};

use super::list::{place_field_errors, project_name};
use super::{day_and_time, event_key, ordered, webhook_name, EventTypeChoice, OnOff, TypeChoice};
use crate::api::{use_api, ApiError, TaggedWebhook};
use crate::i18n::use_i18n;
use crate::ui::{
    focus_id, Field, FieldError, Flash, FlashMessage, Loader, PageFrame, RequireLogin,
};

#[derive(Clone)]
struct DetailData {
    webhook: TaggedWebhook,
    projects: Vec<Project>,
}

/// The webhook's id from the route (`/admin/webhooks/:id…`).
pub fn webhook_id() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())))
}

#[component]
pub fn WebhookPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <WebhookView />
        </RequireLogin>
    }
}

#[component]
fn WebhookView() -> impl IntoView {
    let api = use_api();
    let id = webhook_id();
    // Outside the loader, so a message survives the reload that follows a change.
    let flash = Flash::new();
    view! {
        <Loader
            fetch={move || {
                let id = id.get();
                async move {
                    let id = id.ok_or(ApiError::Http(404))?;
                    let (webhook, projects) = futures::join!(api.webhook(id, None), api.all_projects(None));
                    Ok(DetailData { webhook: webhook?, projects: projects? })
                }
            }}
            render={move |data: DetailData, again| view! { <WebhookDetails data flash again /> }}
        />
    }
}

/// The error of a change, with a way to read the webhook again when it was stale.
#[component]
fn ChangeError(
    #[prop(into)] id: String,
    failed: RwSignal<Option<ApiError>>,
    again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stale = move || {
        failed.with(|e| e.as_ref().and_then(|e| e.code())) == Some(ProblemCode::PreconditionFailed)
    };
    view! {
        <div id=id class="form-error" role="alert" tabindex="-1">
            {move || failed.get().map(|e| {
                let text = if stale() { i18n.t("webhooks.stale") } else { e.message(i18n) };
                view! { <p>{text}</p> }
            })}
            <Show when=stale>
                <button type="button" on:click=move |_| again.run(())>
                    {move || i18n.t("webhooks.reload")}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn WebhookDetails(data: DetailData, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let w = data.webhook.subscription.clone();
    let id = w.id;
    let name = webhook_name(&w);
    let title_name = name.clone();
    let title = Signal::derive(move || title_name.clone());
    let enabled = w.enabled;
    let project = w
        .project_id
        .map(|p| project_name(&data.projects, p).unwrap_or_else(|| i18n.t("webhooks.a_project")));
    let types = ordered(&w.event_types);
    let made = w.created_at;
    let current = StoredValue::new(data.webhook);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let toggle = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failed.set(None);
        let now = current.get_value();
        let patch = WebhookSubscriptionPatch {
            enabled: Some(!now.subscription.enabled),
            ..Default::default()
        };
        leptos::task::spawn_local(async move {
            match api.update_webhook(&now, &patch).await {
                Ok(done) => {
                    let key = if done.subscription.enabled {
                        "webhooks.turned_on"
                    } else {
                        "webhooks.turned_off"
                    };
                    flash.show_with(key, vec![("name", webhook_name(&done.subscription))]);
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                    let _ = pending.try_set(false);
                    focus_id("webhook-toggle-error");
                }
            }
        });
    };
    let toggle_label = {
        let name = name.clone();
        move || {
            let key = if enabled {
                "webhooks.turn_off"
            } else {
                "webhooks.turn_on"
            };
            format!("{}: {}", i18n.t(key), name)
        }
    };
    let log_href = format!("/admin/webhooks/{id}/deliveries");

    view! {
        <PageFrame title back=("/admin/webhooks".to_owned(), "webhooks.back")>
            <FlashMessage flash />
            <section class="card" aria-labelledby="webhook-state-title">
                <h2 id="webhook-state-title" class="visually-hidden">{move || i18n.t("webhooks.fact_state")}</h2>
                <dl class="facts">
                    <div>
                        <dt>{move || i18n.t("webhooks.fact_url")}</dt>
                        <dd class="webhook-url">{w.url.clone()}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("webhooks.fact_state")}</dt>
                        <dd><OnOff enabled /></dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("webhooks.fact_project")}</dt>
                        <dd>{move || project.clone().unwrap_or_else(|| i18n.t("webhooks.project_all"))}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("webhooks.fact_made")}</dt>
                        <dd>{move || day_and_time(i18n, made).0}</dd>
                    </div>
                </dl>
                <p>{move || i18n.t(if enabled { "webhooks.state_on" } else { "webhooks.state_off" })}</p>
                {w.disabled_reason.clone().map(|r| view! {
                    <div class="notice notice-error webhook-reason">
                        <p>{move || i18n.t("webhooks.off_by_varig")}</p>
                        <p>{move || i18n.tf("webhooks.off_reason", &[("reason", &r)])}</p>
                    </div>
                })}
                <button
                    type="button"
                    id="webhook-toggle"
                    class=if enabled { "" } else { "primary" }
                    aria-label=toggle_label
                    aria-disabled=move || pending.get().then_some("true")
                    on:click=toggle
                >
                    {move || i18n.t(if enabled { "webhooks.turn_off" } else { "webhooks.turn_on" })}
                </button>
                <ChangeError id="webhook-toggle-error" failed again />
                <p><a class="item-link" href=log_href>{move || i18n.t("webhooks.log_link")}</a></p>
            </section>
            <section class="card" aria-labelledby="webhook-types-title">
                <h2 id="webhook-types-title">{move || i18n.t("webhooks.sent_types")}</h2>
                {if types.is_empty() {
                    view! { <p>{move || i18n.t("webhooks.sends_everything")}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {types.into_iter().map(|t| view! { <li>{move || i18n.t(event_key(t))}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p class="hint">{move || i18n.t("webhooks.secret_gone")}</p>
            </section>
            <EditWebhook current flash again />
            <DeleteWebhook current name again />
        </PageFrame>
    }
}

#[component]
fn EditWebhook(
    current: StoredValue<TaggedWebhook>,
    flash: Flash,
    again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let open = RwSignal::new(false);
    let w = current.get_value().subscription;
    let url = RwSignal::new(w.url.clone());
    let url_error: FieldError = RwSignal::new(None);
    let description = RwSignal::new(w.description.clone());
    let description_error: FieldError = RwSignal::new(None);
    let types = TypeChoice::new(&w.event_types);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let now = current.get_value();
        let address = url.get_untracked().trim().to_owned();
        let text = description.get_untracked().trim().to_owned();
        if address.is_empty() {
            url_error.set(Some("webhooks.url_required"));
            focus_id("webhook-edit-url");
            return;
        }
        if text.chars().count() > 200 {
            description_error.set(Some("webhooks.description_too_long"));
            focus_id("webhook-edit-description");
            return;
        }
        let Some(event_types) = types.checked() else {
            focus_id("webhook-edit-types");
            return;
        };
        let before = &now.subscription;
        let patch = WebhookSubscriptionPatch {
            url: (address != before.url).then_some(address),
            description: (text != before.description).then_some(text),
            event_types: (event_types != ordered(&before.event_types)).then_some(event_types),
            enabled: None,
        };
        failed.set(None);
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api.update_webhook(&now, &patch).await {
                Ok(done) => {
                    let _ = open.try_set(false);
                    flash.show_with(
                        "webhooks.saved",
                        vec![("name", webhook_name(&done.subscription))],
                    );
                    again.run(());
                }
                Err(e) => {
                    let _ = pending.try_set(false);
                    if place_field_errors(&e, url_error, description_error) {
                        focus_id(if url_error.get_untracked().is_some() {
                            "webhook-edit-url"
                        } else {
                            "webhook-edit-description"
                        });
                    } else {
                        let _ = failed.try_set(Some(e));
                        focus_id("webhook-edit-error");
                    }
                }
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="webhook-edit-title">
            <h2 id="webhook-edit-title">{move || i18n.t("webhooks.edit")}</h2>
            <button
                type="button"
                id="webhook-edit-open"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="webhook-edit"
                on:click=move |_| {
                    open.set(!open.get_untracked());
                    if open.get_untracked() {
                        focus_id("webhook-edit-url");
                    }
                }
            >
                {move || i18n.t("common.edit")}
            </button>
            <div id="webhook-edit" hidden=move || !open.get()>
                <form on:submit=on_submit novalidate=true aria-labelledby="webhook-edit-title">
                    <Field id="webhook-edit-url" label="webhooks.url" hint="webhooks.url_hint" value=url error=url_error input_type="url" autocomplete="off" />
                    <Field id="webhook-edit-description" label="webhooks.description" hint="webhooks.description_hint" value=description error=description_error autocomplete="off" />
                    <EventTypeChoice prefix="webhook-edit" choice=types />
                    <ChangeError id="webhook-edit-error" failed again />
                    <div class="button-row">
                        <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                            {move || i18n.t("webhooks.save")}
                        </button>
                        <button type="button" on:click=move |_| {
                            open.set(false);
                            focus_id("webhook-edit-open");
                        }>
                            {move || i18n.t("common.cancel")}
                        </button>
                    </div>
                </form>
            </div>
        </section>
    }
}

#[component]
fn DeleteWebhook(
    current: StoredValue<TaggedWebhook>,
    name: String,
    again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let delete = move |_| {
        if deleting.get_untracked() {
            return;
        }
        deleting.set(true);
        failed.set(None);
        let navigate = navigate.clone();
        let now = current.get_value();
        leptos::task::spawn_local(async move {
            match api.delete_webhook(&now).await {
                Ok(()) => navigate("/admin/webhooks?deleted=1", Default::default()),
                Err(e) => {
                    let _ = deleting.try_set(false);
                    let _ = failed.try_set(Some(e));
                    focus_id("webhook-delete-error");
                }
            }
        });
    };
    view! {
        <section class="card danger-zone" aria-labelledby="webhook-delete-title">
            <h2 id="webhook-delete-title">{move || i18n.t("webhooks.delete")}</h2>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button
                        type="button"
                        class="danger"
                        id="webhook-delete"
                        on:click=move |_| {
                            confirming.set(true);
                            focus_id("webhook-delete-confirm");
                        }
                    >
                        {move || i18n.t("webhooks.delete")}
                    </button>
                }
            >
                {
                    let name = name.clone();
                    view! {
                        <div class="notice confirm" role="group" aria-labelledby="webhook-delete-question">
                            <p id="webhook-delete-question">
                                {move || i18n.tf("webhooks.delete_question", &[("name", &name)])}
                            </p>
                            <div class="button-row">
                                <button
                                    type="button"
                                    class="danger"
                                    id="webhook-delete-confirm"
                                    aria-disabled=move || deleting.get().then_some("true")
                                    on:click=delete.clone()
                                >
                                    {move || i18n.t(if deleting.get() { "webhooks.deleting" } else { "webhooks.delete_confirm" })}
                                </button>
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        confirming.set(false);
                                        failed.set(None);
                                        focus_id("webhook-delete");
                                    }
                                >
                                    {move || i18n.t("common.cancel")}
                                </button>
                            </div>
                        </div>
                    }
                }
            </Show>
            <ChangeError id="webhook-delete-error" failed again />
        </section>
    }
}

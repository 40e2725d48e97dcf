//! The organisation's webhooks: a form for a new one (address, description, what to send,
//! optionally one project; its signing secret is shown once, with a copy button and a
//! warning) and the list (address, what it sends, on or off, and Varig's reason when Varig
//! turned one off).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;
use varig_types::{
    NewWebhookSubscription, Project, WebhookSubscription, WebhookSubscriptionCreated,
};

use super::{sends_line, webhook_name, EventTypeChoice, OnOff, TypeChoice};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{
    focus_id, CopyField, Field, FieldError, Flash, FlashMessage, Loader, PageFrame, RequireLogin,
};

#[derive(Clone)]
struct ListData {
    webhooks: Vec<WebhookSubscription>,
    projects: Vec<Project>,
}

/// The key of the message for a field the server refused (`url`, `description`).
pub fn refused_key(field: &str) -> Option<&'static str> {
    match field {
        "url" => Some("webhooks.url_refused"),
        "description" => Some("webhooks.description_too_long"),
        _ => None,
    }
}

/// Puts the server's field errors on the fields; whether any was placed.
pub fn place_field_errors(e: &ApiError, url: FieldError, description: FieldError) -> bool {
    let ApiError::Problem { problem, .. } = e else {
        return false;
    };
    let mut placed = false;
    for f in &problem.errors {
        match (f.field.as_str(), refused_key(&f.field)) {
            ("url", Some(key)) => {
                let _ = url.try_set(Some(key));
                placed = true;
            }
            ("description", Some(key)) => {
                let _ = description.try_set(Some(key));
                placed = true;
            }
            _ => {}
        }
    }
    placed
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = Flash::new();
    let reload = RwSignal::new(0u32);
    let query = use_query_map();
    if query.with_untracked(|q| q.get("deleted").is_some()) {
        flash.show("webhooks.deleted");
    }
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("webhooks.title")) back=("/".to_owned(), "common.home")>
                <p class="lead">{move || i18n.t("webhooks.intro")}</p>
                <FlashMessage flash />
                <NewWebhookForm on_created=Callback::new(move |()| reload.update(|n| *n += 1)) />
                <section class="card" aria-labelledby="webhook-list-title">
                    <h2 id="webhook-list-title">{move || i18n.t("webhooks.list")}</h2>
                    <Loader
                        reload
                        fetch={move || async move {
                            let (webhooks, projects) = futures::join!(api.webhooks(None), api.all_projects(None));
                            Ok(ListData { webhooks: webhooks?, projects: projects? })
                        }}
                        render={move |data: ListData, _| {
                            let empty = data.webhooks.is_empty();
                            let projects = data.projects;
                            view! {
                                {empty.then(|| view! { <p class="empty">{move || i18n.t("webhooks.empty")}</p> })}
                                <ul class="plan-list webhook-list">
                                    {data.webhooks.into_iter().map(|w| {
                                        let project = w.project_id.map(|p| project_name(&projects, p));
                                        view! { <WebhookRow webhook=w project /> }
                                    }).collect_view()}
                                </ul>
                            }
                        }}
                    />
                </section>
            </PageFrame>
        </RequireLogin>
    }
}

/// A project's name, or "one project" when the caller cannot see it (archived).
pub fn project_name(projects: &[Project], id: Uuid) -> Option<String> {
    projects.iter().find(|p| p.id == id).map(|p| p.name.clone())
}

#[component]
fn WebhookRow(webhook: WebhookSubscription, project: Option<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/admin/webhooks/{}", webhook.id);
    let name = webhook_name(&webhook);
    let show_url = name != webhook.url;
    let types = webhook.event_types.clone();
    let reason = webhook.disabled_reason.clone();
    view! {
        <li class="plan-item webhook">
            <h3><a href=href>{name}</a></h3>
            {show_url.then(|| view! { <p class="webhook-url">{webhook.url.clone()}</p> })}
            <p><OnOff enabled=webhook.enabled /></p>
            <p>{move || sends_line(i18n, &types)}</p>
            <p>
                {move || match &project {
                    None => i18n.t("webhooks.every_project"),
                    Some(Some(name)) => i18n.tf("webhooks.one_project", &[("project", name)]),
                    Some(None) => i18n.tf("webhooks.one_project", &[("project", &i18n.t("webhooks.a_project"))]),
                }}
            </p>
            {reason.map(|r| view! {
                <div class="notice notice-error webhook-reason">
                    <p>{move || i18n.t("webhooks.off_by_varig")}</p>
                    <p>{move || i18n.tf("webhooks.off_reason", &[("reason", &r)])}</p>
                </div>
            })}
        </li>
    }
}

#[component]
fn NewWebhookForm(on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let url = RwSignal::new(String::new());
    let url_error: FieldError = RwSignal::new(None);
    let description = RwSignal::new(String::new());
    let description_error: FieldError = RwSignal::new(None);
    let types = TypeChoice::new(&[]);
    let project = RwSignal::new(None::<Uuid>);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let created = RwSignal::new(None::<WebhookSubscriptionCreated>);
    // The projects to choose from; until they are read (or if they cannot be), the
    // choice is "every project".
    let projects = RwSignal::new(Vec::<Project>::new());
    let abort = abort_on_cleanup();
    leptos::task::spawn_local(async move {
        if let Ok(list) = api.all_projects(abort).await {
            let _ = projects.try_set(list);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let address = url.get_untracked().trim().to_owned();
        let text = description.get_untracked().trim().to_owned();
        if address.is_empty() {
            url_error.set(Some("webhooks.url_required"));
        }
        if text.chars().count() > 200 {
            description_error.set(Some("webhooks.description_too_long"));
        }
        let event_types = types.checked();
        if url_error.get_untracked().is_some() {
            focus_id("webhook-url");
            return;
        }
        if description_error.get_untracked().is_some() {
            focus_id("webhook-description");
            return;
        }
        let Some(event_types) = event_types else {
            focus_id("webhook-new-types");
            return;
        };
        let input = NewWebhookSubscription {
            url: address,
            description: text,
            event_types,
            project_id: project.get_untracked(),
        };
        failed.set(None);
        created.set(None);
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api.create_webhook(&input).await {
                Ok(done) => {
                    let _ = url.try_set(String::new());
                    let _ = description.try_set(String::new());
                    let _ = created.try_set(Some(done));
                    on_created.run(());
                    focus_id("webhook-secret");
                }
                Err(e) => {
                    if place_field_errors(&e, url_error, description_error) {
                        focus_id(if url_error.get_untracked().is_some() {
                            "webhook-url"
                        } else {
                            "webhook-description"
                        });
                    } else {
                        let _ = failed.try_set(Some(e));
                    }
                }
            }
            let _ = pending.try_set(false);
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="new-webhook-title">
            <h2 id="new-webhook-title">{move || i18n.t("webhooks.new")}</h2>
            <Field id="webhook-url" label="webhooks.url" hint="webhooks.url_hint" value=url error=url_error input_type="url" autocomplete="off" />
            <Field id="webhook-description" label="webhooks.description" hint="webhooks.description_hint" value=description error=description_error autocomplete="off" />
            <EventTypeChoice prefix="webhook-new" choice=types />
            <div class="field">
                <label for="webhook-project">{move || i18n.t("webhooks.project")}</label>
                <p id="webhook-project-hint" class="hint">{move || i18n.t("webhooks.project_hint")}</p>
                <select
                    id="webhook-project"
                    aria-describedby="webhook-project-hint"
                    on:change=move |ev| project.set(Uuid::parse_str(&event_target_value(&ev)).ok())
                >
                    <option value="" prop:selected=move || project.get().is_none()>{move || i18n.t("webhooks.project_all")}</option>
                    {move || projects.get().into_iter().map(|p| {
                        let id = p.id;
                        view! { <option value=id.to_string() prop:selected=move || project.get() == Some(id)>{p.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("webhooks.create")}
            </button>
        </form>
        {move || created.get().map(|c| {
            let href = format!("/admin/webhooks/{}", c.subscription.id);
            view! {
                <div class="card token-secret">
                    <p class="notice notice-error">{move || i18n.t("webhooks.secret_warning")}</p>
                    <CopyField id="webhook-secret" label="webhooks.secret" value=Signal::stored(c.secret) />
                    <p><a class="item-link" href=href>{move || i18n.t("webhooks.open_new")}</a></p>
                </div>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_fields_get_their_own_words() {
        assert_eq!(refused_key("url"), Some("webhooks.url_refused"));
        assert_eq!(
            refused_key("description"),
            Some("webhooks.description_too_long")
        );
        assert_eq!(refused_key("event_types"), None);
    }
}

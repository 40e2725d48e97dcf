//! The system administrator's pages: every organisation (create, rename, archive) and, per
//! organisation, inviting its administrator and the invitations waiting. With no
//! organisation yet, the start page leads through the two first steps.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;
use varig_types::{OrgRole, Organisation};

use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::pages::invite::{InvitationList, InviteForm};
use crate::ui::{Field, FieldError, Flash, FlashMessage, Loader, PageFrame, RequireLogin};

pub fn organisation_href(id: Uuid) -> String {
    format!("/organisations/{id}/manage")
}

/// The start page of a system administrator.
#[component]
pub fn SystemHome() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    view! {
        <PageFrame title=Signal::derive(move || i18n.t("system.title"))>
            <Loader
                fetch={move || async move { api.organisations(true, None).await }}
                render={move |orgs: Vec<Organisation>, _| {
                    let first = orgs.is_empty();
                    view! {
                        {first.then(|| view! {
                            <div class="card guide">
                                <h2>{move || i18n.t("system.first_title")}</h2>
                                <ol class="steps">
                                    <li>{move || i18n.t("system.first_create")}</li>
                                    <li>{move || i18n.t("system.first_invite")}</li>
                                </ol>
                            </div>
                        })}
                        {(!first).then(|| view! {
                            <ul class="project-list org-list">
                                {orgs.into_iter().map(|o| {
                                    let archived = o.archived_at.is_some();
                                    view! {
                                        <li>
                                            <a class="project-link" href=organisation_href(o.id)>
                                                <span class="project-name">{o.name}</span>
                                                {archived.then(|| view! { <span class="project-meta archived">{move || i18n.t("projects.archived")}</span> })}
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                        <NewOrganisationForm />
                    }
                }}
            />
        </PageFrame>
    }
}

#[component]
fn NewOrganisationForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let name_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_owned();
        if value.is_empty() {
            name_error.set(Some("system.name_required"));
            crate::ui::focus_id("org-name");
            return;
        }
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.create_organisation(value).await {
                Ok(org) => navigate(
                    &format!("{}?new=1", organisation_href(org.id)),
                    Default::default(),
                ),
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                    let _ = pending.try_set(false);
                }
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="new-org-title">
            <h2 id="new-org-title">{move || i18n.t("system.new_title")}</h2>
            <Field id="org-name" label="system.name" value=name error=name_error autocomplete="organization" />
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("system.create")}
            </button>
        </form>
    }
}

/// One organisation: invite its administrator, see invitations, rename, archive.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <OrganisationView />
        </RequireLogin>
    }
}

#[component]
fn OrganisationView() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    // Outside the loader, so a message survives the reload that follows a change.
    let flash = Flash::new();
    view! {
        <Loader
            fetch={move || {
                let id = id.get();
                async move { api.organisation(id.ok_or(ApiError::Http(404))?, None).await }
            }}
            render={move |org: Organisation, again| view! { <OrganisationDetails org flash again /> }}
        />
    }
}

#[component]
fn OrganisationDetails(org: Organisation, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let invitations = RwSignal::new(0u32);
    let org_name = org.name.clone();
    let title = Signal::derive(move || org_name.clone());
    let archived = org.archived_at.is_some();
    let org_id = org.id;
    let name = RwSignal::new(org.name.clone());
    let name_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let current = StoredValue::new(org);

    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_owned();
        if value.is_empty() {
            name_error.set(Some("system.name_required"));
            return;
        }
        let org = current.get_value();
        leptos::task::spawn_local(async move {
            match api.rename_organisation(&org, value).await {
                Ok(_) => {
                    flash.show("system.renamed");
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    let confirm_archive = RwSignal::new(false);
    let archive = move |_| {
        leptos::task::spawn_local(async move {
            match api.archive_organisation(org_id).await {
                Ok(_) => {
                    flash.show("system.archived");
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };

    view! {
        <PageFrame title back=("/".to_owned(), "system.back")>
            <FlashMessage flash />
            {archived.then(|| view! { <p class="notice">{move || i18n.t("system.is_archived")}</p> })}
            {(!archived).then(|| view! {
                <section class="card" aria-labelledby="invite-admin-title">
                    <h2 id="invite-admin-title">{move || i18n.t("system.invite_admin")}</h2>
                    <p class="lead">{move || i18n.t("system.invite_admin_lead")}</p>
                    <InviteForm
                        prefix="admin"
                        organisation=org_id
                        org_roles=vec![OrgRole::Admin]
                        on_invited=Callback::new(move |_| invitations.update(|n| *n += 1))
                    />
                </section>
            })}
            <section class="card" aria-labelledby="invitations-title">
                <h2 id="invitations-title">{move || i18n.t("invite.pending_title")}</h2>
                <InvitationList organisation=org_id reload=invitations flash />
            </section>
            {(!archived).then(|| view! {
                <form class="card" on:submit=rename novalidate=true aria-labelledby="rename-title">
                    <h2 id="rename-title">{move || i18n.t("system.rename")}</h2>
                    <Field id="org-rename" label="system.name" value=name error=name_error />
                    <div class="form-error" role="alert">
                        {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
                    </div>
                    <button type="submit">{move || i18n.t("common.save")}</button>
                </form>
                <section class="card danger-zone" aria-labelledby="archive-title">
                    <h2 id="archive-title">{move || i18n.t("system.archive")}</h2>
                    <p class="hint">{move || i18n.t("system.archive_hint")}</p>
                    <Show
                        when=move || confirm_archive.get()
                        fallback=move || view! {
                            <button type="button" class="danger" on:click=move |_| confirm_archive.set(true)>
                                {move || i18n.t("system.archive")}
                            </button>
                        }
                    >
                        <div class="confirm">
                            <p>{move || i18n.t("system.archive_confirm")}</p>
                            <div class="button-row">
                                <button type="button" class="danger" on:click=archive>{move || i18n.t("system.archive_yes")}</button>
                                <button type="button" on:click=move |_| confirm_archive.set(false)>{move || i18n.t("common.cancel")}</button>
                            </div>
                        </div>
                    </Show>
                </section>
            })}
        </PageFrame>
    }
}

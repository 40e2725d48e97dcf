//! Inviting someone, and the invitations sent: the form shows the link to hand on (with a
//! copy button) as soon as the invitation exists; the list shows who has not answered yet,
//! with revoke. A link is shown once only (the server keeps no copy of its token): to get
//! a new one, revoke and invite again.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{Invitation, InvitationCreated, NewInvitation, OrgRole, ProjectRole};

use crate::api::{use_api, ApiError};
use crate::i18n::{role_key, use_i18n};
use crate::pages::login::plausible_email;
use crate::ui::{
    format_date, local_date, now, CopyField, DateStyle, Field, FieldError, Flash, Loader,
};

pub fn org_role_key(role: OrgRole) -> &'static str {
    match role {
        OrgRole::Admin => "orgrole.admin",
        OrgRole::Member => "orgrole.member",
    }
}

/// The e-mail address as typed, checked; the error key otherwise.
pub fn checked_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_owned();
    if email.is_empty() {
        Err("login.email_required")
    } else if !plausible_email(&email) {
        Err("login.email_invalid")
    } else {
        Ok(email)
    }
}

/// A form that invites one person. `org_roles` with more than one role offers a choice
/// (the first is preselected); `projects` offers putting the person straight into a
/// project in one of `project_roles`; `project` fixes the project.
#[component]
pub fn InviteForm(
    /// Makes the ids on the page unique ("admin" gives `admin-email`, `admin-link`, …).
    prefix: &'static str,
    #[prop(optional)] organisation: Option<Uuid>,
    org_roles: Vec<OrgRole>,
    #[prop(optional)] projects: Vec<(Uuid, String)>,
    #[prop(optional)] project: Option<Uuid>,
    #[prop(optional)] project_roles: Vec<ProjectRole>,
    on_invited: Callback<InvitationCreated>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let email = RwSignal::new(String::new());
    let email_error: FieldError = RwSignal::new(None);
    let org_role = RwSignal::new(org_roles.first().copied().unwrap_or(OrgRole::Member));
    let chosen_project = RwSignal::new(project);
    let project_role = RwSignal::new(project_roles.first().copied());
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let created = RwSignal::new(None::<InvitationCreated>);
    let email_id = format!("{prefix}-email");
    let link_id = format!("{prefix}-link");
    let role_id = format!("{prefix}-org-role");
    let project_id = format!("{prefix}-project");
    let project_role_id = format!("{prefix}-project-role");

    let on_submit = {
        let email_id = email_id.clone();
        let link_id = link_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            let address = match checked_email(&email.get_untracked()) {
                Ok(a) => a,
                Err(key) => {
                    email_error.set(Some(key));
                    crate::ui::focus_id(email_id.clone());
                    return;
                }
            };
            let project_id = chosen_project.get_untracked();
            let body = NewInvitation {
                email: address,
                organisation_id: organisation,
                org_role: Some(org_role.get_untracked()),
                project_id,
                project_role: project_id.and(project_role.get_untracked()),
            };
            pending.set(true);
            failed.set(None);
            created.set(None);
            let link_id = link_id.clone();
            leptos::task::spawn_local(async move {
                match api.invite(&body).await {
                    Ok(done) => {
                        let _ = email.try_set(String::new());
                        let _ = created.try_set(Some(done.clone()));
                        on_invited.run(done);
                        crate::ui::focus_id(link_id);
                    }
                    Err(e) => {
                        let _ = failed.try_set(Some(e));
                    }
                }
                let _ = pending.try_set(false);
            });
        }
    };

    let role_choice = (org_roles.len() > 1).then(|| {
        let role_id = role_id.clone();
        view! {
            <div class="field">
                <label for=role_id.clone()>{move || i18n.t("invite.org_role")}</label>
                <select id=role_id on:change=move |ev| {
                    if let Some(r) = OrgRole::parse(&event_target_value(&ev)) {
                        org_role.set(r);
                    }
                }>
                    {org_roles.iter().map(|r| {
                        let r = *r;
                        view! {
                            <option value=r.as_str() prop:selected=move || org_role.get() == r>
                                {move || i18n.t(org_role_key(r))}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
        }
    });
    let project_choice = (project.is_none() && !projects.is_empty()).then(|| {
        let project_id = project_id.clone();
        view! {
            <div class="field">
                <label for=project_id.clone()>{move || i18n.t("invite.project")}</label>
                <select id=project_id on:change=move |ev| {
                    chosen_project.set(Uuid::parse_str(&event_target_value(&ev)).ok());
                }>
                    <option value="">{move || i18n.t("invite.no_project")}</option>
                    {projects.iter().map(|(id, name)| view! {
                        <option value=id.to_string()>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    });
    let roles = project_roles.clone();
    let role_select = (!project_roles.is_empty()).then(|| {
        let project_role_id = project_role_id.clone();
        view! {
            <Show when=move || chosen_project.get().is_some()>
                <div class="field">
                    <label for=project_role_id.clone()>{move || i18n.t("invite.project_role")}</label>
                    <select id=project_role_id.clone() on:change=move |ev| {
                        project_role.set(ProjectRole::parse(&event_target_value(&ev)));
                    }>
                        {roles.iter().map(|r| {
                            let r = *r;
                            view! {
                                <option value=r.as_str() prop:selected=move || project_role.get() == Some(r)>
                                    {move || i18n.t(role_key(r))}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
        }
    });

    view! {
        <form class="invite-form" on:submit=on_submit novalidate=true>
            <Field id=email_id label="invite.email" value=email error=email_error input_type="email" autocomplete="off" />
            {role_choice}
            {project_choice}
            {role_select}
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("invite.submit")}
            </button>
        </form>
        {move || created.get().map(|c| {
            let address = c.invitation.email.clone();
            view! {
                <div class="invite-done">
                    <p class="notice">{move || i18n.tf("invite.done", &[("email", &address)])}</p>
                    <CopyField id=link_id.clone() label="invite.link" value=Signal::stored(c.link.clone()) />
                    <p class="hint">{move || i18n.t("invite.link_hint")}</p>
                </div>
            }
        })}
    }
}

/// The invitations of an organisation (a system administrator names it) that have not
/// been answered, with revoke; read again when `reload` is bumped (after an invitation).
#[component]
pub fn InvitationList(
    #[prop(optional)] organisation: Option<Uuid>,
    reload: RwSignal<u32>,
    flash: Flash,
) -> impl IntoView {
    let api = use_api();
    view! {
        <Loader
            reload
            fetch={move || async move { api.invitations(organisation, None).await }}
            render={move |invitations: Vec<Invitation>, again| view! { <Pending invitations flash again /> }}
        />
    }
}

#[component]
fn Pending(invitations: Vec<Invitation>, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let now = now();
    let pending: Vec<Invitation> = invitations
        .into_iter()
        .filter(|i| i.accepted_at.is_none() && i.revoked_at.is_none() && i.expires_at > now)
        .collect();
    let failed = RwSignal::new(None::<ApiError>);
    let empty = pending.is_empty();
    view! {
        {empty.then(|| view! { <p class="empty">{move || i18n.t("invite.none_pending")}</p> })}
        <ul class="member-list invitation-list">
            {pending.into_iter().map(|inv| {
                let id = inv.id;
                let email = inv.email.clone();
                let role = inv.project_role;
                let org_role = inv.org_role;
                let expires = local_date(inv.expires_at);
                let label = email.clone();
                view! {
                    <li>
                        <span class="member-name">{email}</span>
                        <span class="member-role">
                            {move || match role {
                                Some(r) => i18n.t(role_key(r)),
                                None => i18n.t(org_role_key(org_role)),
                            }}
                        </span>
                        <span class="hint">{move || i18n.tf("invite.expires", &[("date", &format_date(i18n.lang(), expires, DateStyle::Numeric))])}</span>
                        <button
                            type="button"
                            class="danger"
                            aria-label=move || i18n.tf("invite.revoke_label", &[("email", &label)])
                            on:click=move |_| {
                                leptos::task::spawn_local(async move {
                                    match api.revoke_invitation(id).await {
                                        Ok(inv) => {
                                            flash.show_with("invite.revoked", vec![("email", inv.email)]);
                                            again.run(());
                                        }
                                        Err(e) => { let _ = failed.try_set(Some(e)); }
                                    }
                                });
                            }
                        >
                            {move || i18n.t("invite.revoke")}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint">{move || i18n.t("invite.link_once")}</p>
        <div class="form-error" role="alert">
            {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
        </div>
    }
}

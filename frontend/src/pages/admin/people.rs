//! People of the organisation: search, invite (with an organisation role and, if wanted,
//! straight into a project role), invitations waiting, change someone's organisation role,
//! archive someone (they can no longer log in).

use leptos::prelude::*;
use varig_types::{OrgRole, Project, ProjectRole, User, UserPatch};

use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::pages::admin::{matches, SearchBox};
use crate::pages::invite::{org_role_key, InvitationList, InviteForm};
use crate::ui::{act, Flash, FlashMessage, Loader, PageFrame, RequireLogin};

#[derive(Clone)]
struct PeopleData {
    users: Vec<User>,
    projects: Vec<Project>,
    me: uuid::Uuid,
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = Flash::new();
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("people.title")) back=("/".to_owned(), "common.home")>
                <FlashMessage flash />
                <Loader
                    fetch={move || async move {
                        let (users, projects, me) = futures::join!(
                            api.users(None, false, None),
                            api.all_projects(None),
                            api.me_fresh(None)
                        );
                        Ok(PeopleData { users: users?, projects: projects?, me: me?.id })
                    }}
                    render={move |data: PeopleData, again| view! { <People data flash again /> }}
                />
            </PageFrame>
        </RequireLogin>
    }
}

#[component]
fn People(data: PeopleData, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let invitations = RwSignal::new(0u32);
    let projects: Vec<(uuid::Uuid, String)> = data
        .projects
        .iter()
        .filter(|p| p.archived_at.is_none())
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let users = StoredValue::new(data.users);
    let me = data.me;
    let shown = move || {
        let q = query.get();
        users.with_value(|list| {
            list.iter()
                .filter(|u| matches(&q, &format!("{} {}", u.name, u.email)))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{move || i18n.t("people.invite")}</h2>
            <InviteForm
                prefix="person"
                org_roles=vec![OrgRole::Member, OrgRole::Admin]
                projects
                project_roles=ProjectRole::ALL.to_vec()
                on_invited=Callback::new(move |_| invitations.update(|n| *n += 1))
            />
        </section>
        <section class="card" aria-labelledby="pending-title">
            <h2 id="pending-title">{move || i18n.t("invite.pending_title")}</h2>
            <InvitationList reload=invitations flash />
        </section>
        <section class="card" aria-labelledby="people-list-title">
            <h2 id="people-list-title">{move || i18n.t("people.list")}</h2>
            <SearchBox id="people-search" label="people.search" query />
            <ul class="member-list people-list">
                {move || shown().into_iter().map(|u| {
                    let own = u.id == me;
                    view! { <Person user=u own flash again /> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Person(user: User, own: bool, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failed = RwSignal::new(None::<ApiError>);
    let role = user.org_role.unwrap_or(OrgRole::Member);
    let select_id = format!("role-{}", user.id);
    let name = user.name.clone();
    let label_name = user.name.clone();
    let archive_name = user.name.clone();
    let id = user.id;
    let stored = StoredValue::new(user.clone());
    let change_role = move |ev: leptos::ev::Event| {
        let Some(new_role) = OrgRole::parse(&event_target_value(&ev)) else {
            return;
        };
        let user = stored.get_value();
        let patch = UserPatch {
            name: None,
            org_role: Some(new_role),
        };
        act(
            async move { api.update_user(&user, &patch).await },
            flash,
            "people.role_changed",
            |u| u.name,
            again,
            failed,
        );
    };
    let archive = move |_| {
        act(
            async move { api.archive_user(id).await },
            flash,
            "people.archived",
            |u| u.name,
            again,
            failed,
        );
    };
    view! {
        <li class="person">
            <span class="member-name">{name}</span>
            <span class="member-role">{user.email.clone()}</span>
            {if own {
                view! { <span class="hint">{move || i18n.t(org_role_key(role))}</span> }.into_any()
            } else {
                view! {
                    <div class="field inline-field">
                        <label for=select_id.clone()>
                            {move || i18n.tf("people.role_of", &[("name", &label_name)])}
                        </label>
                        <select id=select_id on:change=change_role>
                            {[OrgRole::Member, OrgRole::Admin].into_iter().map(|r| view! {
                                <option value=r.as_str() selected=r == role>{move || i18n.t(org_role_key(r))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button
                        type="button"
                        class="danger"
                        aria-label=move || i18n.tf("people.archive_label", &[("name", &archive_name)])
                        on:click=archive
                    >
                        {move || i18n.t("people.archive")}
                    </button>
                }.into_any()
            }}
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}

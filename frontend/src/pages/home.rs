//! The start page, chosen by who is logged in: the system administrator's organisations,
//! the organisation administrator's admin home, the projects of a project member, or, for
//! someone in no project yet, a page that says so and whom to ask. Never an access error.

use leptos::prelude::*;
use varig_types::{Me, OrgRole, User};

use crate::api::use_api;
use crate::i18n::use_i18n;
use crate::pages::projects::ProjectList;
use crate::pages::system::SystemHome;
use crate::ui::{Loader, PageFrame, RequireLogin};

/// Which start page someone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    System,
    OrgAdmin,
    Projects,
    NoProject,
}

pub fn home_of(me: &Me) -> Home {
    if me.system_admin {
        Home::System
    } else if me.org_role == Some(OrgRole::Admin) {
        Home::OrgAdmin
    } else if !me.memberships.is_empty() {
        Home::Projects
    } else {
        Home::NoProject
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <RequireLogin>
            <HomeFor />
        </RequireLogin>
    }
}

#[component]
fn HomeFor() -> impl IntoView {
    let api = use_api();
    view! {
        <Loader
            fetch={move || async move { api.me(None).await.map(|(me, _)| me) }}
            render={|me: Me, _| match home_of(&me) {
                Home::System => view! { <SystemHome /> }.into_any(),
                Home::OrgAdmin => view! { <AdminHome /> }.into_any(),
                Home::Projects => view! { <ProjectList /> }.into_any(),
                Home::NoProject => view! { <NoProject /> }.into_any(),
            }}
        />
    }
}

/// The organisation administrator's start: what to set up, then their projects (with the
/// link to the organisation's overview).
#[component]
fn AdminHome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageFrame title=Signal::derive(move || i18n.t("home.admin_title"))>
            <p class="lead">{move || i18n.t("home.admin_intro")}</p>
            <nav class="admin-nav" aria-label=move || i18n.t("home.admin_nav")>
                <ul class="tile-list">
                    <li>
                        <a class="tile" href="/admin/people">
                            <span class="tile-title">{move || i18n.t("people.title")}</span>
                            <span class="tile-text">{move || i18n.t("home.people_text")}</span>
                        </a>
                    </li>
                    <li>
                        <a class="tile" href="/admin/programmes">
                            <span class="tile-title">{move || i18n.t("programmes.title")}</span>
                            <span class="tile-text">{move || i18n.t("home.programmes_text")}</span>
                        </a>
                    </li>
                    <li>
                        <a class="tile" href="/admin/projects">
                            <span class="tile-title">{move || i18n.t("adminprojects.title")}</span>
                            <span class="tile-text">{move || i18n.t("home.projects_text")}</span>
                        </a>
                    </li>
                    <li>
                        <a class="tile" href="/admin/tokens">
                            <span class="tile-title">{move || i18n.t("tokens.title")}</span>
                            <span class="tile-text">{move || i18n.t("home.tokens_text")}</span>
                        </a>
                    </li>
                    <li>
                        <a class="tile" href="/admin/webhooks">
                            <span class="tile-title">{move || i18n.t("webhooks.title")}</span>
                            <span class="tile-text">{move || i18n.t("webhooks.home_text")}</span>
                        </a>
                    </li>
                    <li>
                        <a class="tile" href="/admin/audit">
                            <span class="tile-title">{move || i18n.t("audit.title")}</span>
                            <span class="tile-text">{move || i18n.t("home.audit_text")}</span>
                        </a>
                    </li>
                </ul>
            </nav>
        </PageFrame>
        <ProjectList />
    }
}

/// Someone with an account and no project yet.
#[component]
fn NoProject() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    view! {
        <PageFrame title=Signal::derive(move || i18n.t("home.none_title"))>
            <p>{move || i18n.t("home.none_body")}</p>
            <Loader
                fetch={move || async move { api.users(None, false, None).await }}
                render={move |users: Vec<User>, _| {
                    let admins: Vec<User> = users
                        .into_iter()
                        .filter(|u| u.org_role == Some(OrgRole::Admin))
                        .collect();
                    view! {
                        <h2>{move || i18n.t("home.none_ask")}</h2>
                        <ul class="member-list">
                            {admins
                                .into_iter()
                                .map(|u| {
                                    let mail = format!("mailto:{}", u.email);
                                    view! {
                                        <li>
                                            <span class="member-name">{u.name}</span>
                                            <a class="item-link" href=mail>{u.email}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                }}
            />
        </PageFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;
    use varig_types::{MyMembership, ProjectRole};

    fn me(system_admin: bool, org_role: Option<OrgRole>, projects: usize) -> Me {
        Me {
            id: Uuid::nil(),
            email: "a@b.no".into(),
            name: "A".into(),
            organisation_id: (!system_admin).then(Uuid::nil),
            org_role,
            system_admin,
            memberships: (0..projects)
                .map(|_| MyMembership {
                    project_id: Uuid::nil(),
                    role: ProjectRole::ChangeAgent,
                })
                .collect(),
        }
    }

    #[test]
    fn everyone_gets_a_start_page_of_their_own() {
        assert_eq!(home_of(&me(true, None, 0)), Home::System);
        assert_eq!(home_of(&me(false, Some(OrgRole::Admin), 0)), Home::OrgAdmin);
        assert_eq!(home_of(&me(false, Some(OrgRole::Admin), 2)), Home::OrgAdmin);
        assert_eq!(
            home_of(&me(false, Some(OrgRole::Member), 1)),
            Home::Projects
        );
        assert_eq!(
            home_of(&me(false, Some(OrgRole::Member), 0)),
            Home::NoProject
        );
    }
}

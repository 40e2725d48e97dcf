//! Projects of the organisation: create one under a programme naming its owner and its
//! leader (added if they have an account, invited if not, with the link to hand on), open
//! one, set up its units, archive one.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{
    NewInvitation, NewMembership, NewProject, Programme, Project, ProjectRole, User,
};

use crate::api::{use_api, Api, ApiError};
use crate::i18n::{role_key, use_i18n};
use crate::pages::invite::checked_email;
use crate::ui::{
    focus_id, CopyField, Field, FieldError, Flash, FlashMessage, Loader, PageFrame, RequireLogin,
};

#[derive(Clone)]
struct ProjectsData {
    projects: Vec<Project>,
    programmes: Vec<Programme>,
    users: Vec<User>,
}

/// How a person was given a role in a new project.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// They had an account and are now a member.
    Added { name: String },
    /// They were invited; the link is to be handed on.
    Invited { email: String, link: String },
}

/// Gives `email` the `role` in `project`: adds the person if they have an account in
/// `users`, invites them otherwise.
pub async fn place(
    api: Api,
    users: &[User],
    project: Uuid,
    email: &str,
    role: ProjectRole,
) -> Result<Placed, ApiError> {
    let wanted = email.trim().to_lowercase();
    if let Some(user) = users
        .iter()
        .find(|u| u.archived_at.is_none() && u.email.to_lowercase() == wanted)
    {
        api.add_member(
            project,
            &NewMembership {
                user_id: user.id,
                role,
            },
        )
        .await?;
        return Ok(Placed::Added {
            name: user.name.clone(),
        });
    }
    let created = api
        .invite(&NewInvitation {
            email: wanted,
            organisation_id: None,
            org_role: None,
            project_id: Some(project),
            project_role: Some(role),
        })
        .await?;
    Ok(Placed::Invited {
        email: created.invitation.email,
        link: created.link,
    })
}

#[component]
pub fn AdminProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = Flash::new();
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("adminprojects.title")) back=("/".to_owned(), "common.home")>
                <p class="lead">{move || i18n.t("adminprojects.intro")}</p>
                <FlashMessage flash />
                <Loader
                    fetch={move || async move {
                        let (projects, programmes, users) = futures::join!(
                            api.all_projects(None),
                            api.programmes(false, None),
                            api.users(None, false, None)
                        );
                        Ok(ProjectsData { projects: projects?, programmes: programmes?, users: users? })
                    }}
                    render={move |data: ProjectsData, again| view! { <Projects data flash again /> }}
                />
            </PageFrame>
        </RequireLogin>
    }
}

#[component]
fn Projects(data: ProjectsData, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = data.projects.is_empty();
    view! {
        <NewProjectForm programmes=data.programmes users=data.users flash />
        <section class="card" aria-labelledby="project-list-title">
            <h2 id="project-list-title">{move || i18n.t("adminprojects.list")}</h2>
            {empty.then(|| view! { <p class="empty">{move || i18n.t("adminprojects.empty")}</p> })}
            <ul class="plan-list">
                {data.projects.into_iter().map(|p| view! { <ProjectRow project=p flash again /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ProjectRow(project: Project, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failed = RwSignal::new(None::<ApiError>);
    let id = project.id;
    let archived = project.archived_at.is_some();
    let label = project.name.clone();
    let archive = move |_| {
        leptos::task::spawn_local(async move {
            match api.archive_project(id).await {
                Ok(p) => {
                    flash.show_with("adminprojects.archived", vec![("name", p.name)]);
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <li class="plan-item">
            <h3><a href=format!("/projects/{id}")>{project.name.clone()}</a></h3>
            {archived.then(|| view! { <p class="archived">{move || i18n.t("projects.archived")}</p> })}
            {(!archived).then(|| view! {
                <p><a class="item-link" href=format!("/projects/{id}/network/setup")>{move || i18n.t("adminprojects.structure")}</a></p>
                <button type="button" class="danger" aria-label=move || i18n.tf("adminprojects.archive_label", &[("name", &label)]) on:click=archive>
                    {move || i18n.t("adminprojects.archive")}
                </button>
            })}
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}

#[component]
fn NewProjectForm(programmes: Vec<Programme>, users: Vec<User>, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let no_programme = programmes.is_empty();
    let programme = RwSignal::new(programmes.first().map(|p| p.id));
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let leader = RwSignal::new(String::new());
    let name_error: FieldError = RwSignal::new(None);
    let owner_error: FieldError = RwSignal::new(None);
    let leader_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let done = RwSignal::new(None::<(Project, Vec<(ProjectRole, Placed)>)>);
    let users = StoredValue::new(users);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(programme_id) = programme.get_untracked() else {
            return;
        };
        let project_name = name.get_untracked().trim().to_owned();
        let n_err = project_name
            .is_empty()
            .then_some("adminprojects.name_required");
        let o = checked_email(&owner.get_untracked());
        let l = checked_email(&leader.get_untracked());
        name_error.set(n_err);
        owner_error.set(o.as_ref().err().copied());
        leader_error.set(l.as_ref().err().copied());
        let (Ok(owner_email), Ok(leader_email), None) = (o, l, n_err) else {
            let first = if n_err.is_some() {
                "project-name"
            } else if owner_error.get_untracked().is_some() {
                "project-owner"
            } else {
                "project-leader"
            };
            focus_id(first);
            return;
        };
        let input = NewProject {
            programme_id,
            name: project_name,
            description: description.get_untracked().trim().to_owned(),
        };
        pending.set(true);
        failed.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let result = async {
                let project = api.create_project(&input).await?;
                let people = users.get_value();
                let mut placed = Vec::new();
                for (role, email) in [
                    (ProjectRole::Owner, owner_email),
                    (ProjectRole::Leader, leader_email),
                ] {
                    placed.push((role, place(api, &people, project.id, &email, role).await?));
                }
                Ok::<_, ApiError>((project, placed))
            }
            .await;
            match result {
                Ok((project, placed)) => {
                    flash.show_with(
                        "adminprojects.created",
                        vec![("name", project.name.clone())],
                    );
                    let _ = name.try_set(String::new());
                    let _ = description.try_set(String::new());
                    let _ = owner.try_set(String::new());
                    let _ = leader.try_set(String::new());
                    let _ = done.try_set(Some((project, placed)));
                    focus_id("project-created");
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
            let _ = pending.try_set(false);
        });
    };

    if no_programme {
        return view! {
            <section class="card">
                <h2>{move || i18n.t("adminprojects.new")}</h2>
                <p>{move || i18n.t("adminprojects.need_programme")}</p>
                <p><a class="item-link" href="/admin/programmes">{move || i18n.t("programmes.title")}</a></p>
            </section>
        }
        .into_any();
    }

    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="new-project-title">
            <h2 id="new-project-title">{move || i18n.t("adminprojects.new")}</h2>
            <div class="field">
                <label for="project-programme">{move || i18n.t("adminprojects.programme")}</label>
                <select id="project-programme" on:change=move |ev| programme.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    {programmes.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                </select>
            </div>
            <Field id="project-name" label="adminprojects.name" value=name error=name_error />
            <div class="field">
                <label for="project-description">{move || i18n.t("adminprojects.description")}</label>
                <textarea
                    id="project-description"
                    rows="3"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
            </div>
            <Field id="project-owner" label="adminprojects.owner" hint="adminprojects.person_hint" value=owner error=owner_error input_type="email" autocomplete="off" />
            <Field id="project-leader" label="adminprojects.leader" hint="adminprojects.person_hint" value=leader error=leader_error input_type="email" autocomplete="off" />
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("adminprojects.create")}
            </button>
        </form>
        {move || done.get().map(|(project, placed)| view! {
            <section id="project-created" class="card" tabindex="-1" aria-labelledby="project-created-title">
                <h2 id="project-created-title">{project.name.clone()}</h2>
                <ul class="member-list">
                    {placed.into_iter().map(|(role, p)| view! { <PlacedRow role placed=p /> }).collect_view()}
                </ul>
                <p><a class="item-link" href=format!("/projects/{}", project.id)>{move || i18n.t("adminprojects.open")}</a></p>
            </section>
        })}
    }
    .into_any()
}

/// One person given a role: added, or invited with the link to hand on.
#[component]
pub fn PlacedRow(role: ProjectRole, placed: Placed) -> impl IntoView {
    let i18n = use_i18n();
    let role_name = move || i18n.t(role_key(role));
    match placed {
        Placed::Added { name } => view! {
            <li>{move || i18n.tf("members.added", &[("name", &name), ("role", &role_name().to_lowercase())])}</li>
        }
        .into_any(),
        Placed::Invited { email, link } => {
            let id = format!("{}-link", role.as_str().replace('_', "-"));
            view! {
                <li>
                    <p>{move || i18n.tf("members.invited", &[("email", &email), ("role", &role_name().to_lowercase())])}</p>
                    <CopyField id label="invite.link" value=Signal::stored(link) />
                </li>
            }
            .into_any()
        }
    }
}

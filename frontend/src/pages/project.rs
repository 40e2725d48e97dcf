//! One implementation project: its phase in the four-phase model and its members.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::{Membership, Phase, Project};

use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{phase_goal_key, set_title, use_i18n};
use crate::pages::{ErrorNotice, Loading, RequireLogin};

#[component]
pub fn ProjectPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <ProjectView />
        </RequireLogin>
    }
}

#[derive(Clone)]
enum State {
    Loading,
    NotFound,
    Failed(ApiError),
    Ready {
        project: Box<Project>,
        members: Vec<Membership>,
        cached: bool,
    },
}

#[component]
fn ProjectView() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let state = RwSignal::new(State::Loading);
    let abort = StoredValue::new_local(abort_on_cleanup());

    let load = move |id: Option<Uuid>| {
        let Some(id) = id else {
            state.set(State::NotFound);
            return;
        };
        state.set(State::Loading);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (project, members) =
                futures::join!(api.project(id, signal.clone()), api.members(id, signal));
            let next = match (project, members) {
                (Ok((project, p_fresh)), Ok((members, m_fresh))) => State::Ready {
                    project: Box::new(project),
                    members,
                    cached: p_fresh == Freshness::Cached || m_fresh == Freshness::Cached,
                },
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => return,
                (Err(e), _) | (_, Err(e)) if e.is_not_found() => State::NotFound,
                (Err(e), _) | (_, Err(e)) => State::Failed(e),
            };
            let _ = state.try_set(next);
        });
    };

    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    Effect::new(move |_| load(id.get()));
    let retry = Callback::new(move |()| load(id.get_untracked()));

    Effect::new(move |_| {
        let title = state.with(|s| match s {
            State::Ready { project, .. } => project.name.clone(),
            State::NotFound => i18n.t("error.not_found"),
            _ => i18n.t("app.loading"),
        });
        set_title(&title);
    });

    view! {
        <p class="back">
            <a href="/">{move || i18n.t("project.back")}</a>
        </p>
        {move || match state.get() {
            State::Loading => view! { <Loading /> }.into_any(),
            State::NotFound => {
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{move || i18n.t("project.not_found")}</p>
                    </div>
                }
                    .into_any()
            }
            State::Failed(e) => view! { <ErrorNotice error=e retry /> }.into_any(),
            State::Ready { project, members, cached } => {
                view! { <ProjectDetails project=*project members cached /> }.into_any()
            }
        }}
    }
}

#[component]
fn ProjectDetails(project: Project, members: Vec<Membership>, cached: bool) -> impl IntoView {
    let i18n = use_i18n();
    let phase = project.phase;
    let role = project.my_role;
    let state = project.state;
    let description = (!project.description.trim().is_empty()).then_some(project.description);
    let no_members = members.is_empty();

    view! {
        <article class="project" aria-labelledby="project-title">
            <h1 id="project-title">{project.name}</h1>
            {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
            {description.map(|d| view! { <p class="description">{d}</p> })}
            {role.map(|r| view! { <p class="my-role">{move || i18n.tf("project.my_role", &[("role", &i18n.role(r))])}</p> })}

            <section class="card" aria-labelledby="phase-title">
                <h2 id="phase-title">{move || i18n.t("project.phase_heading")}</h2>
                <p class="current-phase">
                    {move || i18n.tf("project.current_phase", &[("phase", &i18n.phase(phase))])}
                </p>
                <p class="project-state">{move || i18n.state(state)}</p>
                <p class="phase-goal">{move || i18n.t(phase_goal_key(phase))}</p>
                <ol class="phase-steps" aria-label=move || i18n.t("project.phases_label")>
                    {Phase::ALL
                        .into_iter()
                        .map(|p| {
                            let current = p == phase;
                            let done = p < phase;
                            let class = if current {
                                "step current"
                            } else if done {
                                "step done"
                            } else {
                                "step"
                            };
                            view! {
                                <li class=class aria-current=current.then_some("step")>
                                    <span class="step-name">{move || i18n.phase(p)}</span>
                                    {current
                                        .then(|| {
                                            view! {
                                                <span class="visually-hidden">
                                                    " " {move || i18n.t("project.current_marker")}
                                                </span>
                                            }
                                        })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>

            <section class="card" aria-labelledby="members-title">
                <h2 id="members-title">{move || i18n.t("project.members_heading")}</h2>
                {no_members.then(|| view! { <p class="empty">{move || i18n.t("project.members_empty")}</p> })}
                <ul class="member-list">
                    {members
                        .into_iter()
                        .map(|m| {
                            let role = m.role;
                            view! {
                                <li>
                                    <span class="member-name">{m.user_name}</span>
                                    <span class="member-role">{move || i18n.role(role)}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </article>
    }
}

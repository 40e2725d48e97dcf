//! One implementation project: its phase in the four-phase model and its members.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::{Membership, Project};

use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{phase_goal_key, set_title, use_i18n};
use crate::pages::gates::{
    self, focus_id, has_open, GateData, GateHistory, GateSection, PhaseTimeline,
};
use crate::pages::indicators::FollowNav;
use crate::pages::meetings::meetings_href;
use crate::pages::members::MembersSection;
use crate::pages::network::NetworkLinks;
use crate::pages::plan::{self, checklist::ChecklistSection, ToolNav};
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
        gates: Box<GateData>,
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
    // What the last write did, announced (and focused) after the page is reloaded.
    let flash = RwSignal::new(None::<&'static str>);

    let load = move |id: Option<Uuid>, quiet: bool| {
        let Some(id) = id else {
            state.set(State::NotFound);
            return;
        };
        if !quiet {
            state.set(State::Loading);
        }
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (project, members, gates) = futures::join!(
                api.project(id, signal.clone()),
                api.members(id, signal.clone()),
                gates::load(api, id, signal)
            );
            if gates.error == Some(ApiError::Aborted) {
                return;
            }
            let next = match (project, members) {
                (Ok((project, p_fresh)), Ok((members, m_fresh))) => State::Ready {
                    project: Box::new(project),
                    members,
                    cached: p_fresh == Freshness::Cached
                        || m_fresh == Freshness::Cached
                        || gates.cached,
                    gates: Box::new(gates),
                },
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => return,
                (Err(e), _) | (_, Err(e)) if e.is_not_found() => State::NotFound,
                (Err(e), _) | (_, Err(e)) => State::Failed(e),
            };
            let _ = state.try_set(next);
            if quiet && flash.try_get_untracked().flatten().is_some() {
                focus_id("flash");
            }
        });
    };

    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    Effect::new(move |_| load(id.get(), false));
    let retry = Callback::new(move |()| load(id.get_untracked(), false));
    let on_change = Callback::new(move |key: &'static str| {
        flash.set(Some(key));
        load(id.get_untracked(), true);
    });

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
        <p id="flash" class="notice flash" role="status" tabindex="-1" hidden=move || flash.get().is_none()>
            {move || flash.get().map(|k| i18n.t(k))}
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
            State::Ready { project, members, gates, cached } => {
                view! { <ProjectDetails project=*project members gates=*gates cached on_change /> }
                    .into_any()
            }
        }}
    }
}

#[component]
fn ProjectDetails(
    project: Project,
    members: Vec<Membership>,
    gates: GateData,
    cached: bool,
    on_change: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let gate_project = project.clone();
    let members_section = view! {
        <MembersSection project=project.clone() me=gates.me.clone() members=members.clone() />
    };
    let may_write = plan::may_write(&project, gates.me.as_ref());
    let phase = project.phase;
    let role = project.my_role;
    let state = project.state;
    let description = (!project.description.trim().is_empty()).then_some(project.description);
    let history = gates.history.clone();
    let completion = RwSignal::new(
        history
            .as_ref()
            .map(|h| h.checklist.clone())
            .unwrap_or_default(),
    );
    let project_id = project.id;
    let current_members: Vec<Membership> = members
        .iter()
        .filter(|m| m.archived_at.is_none())
        .cloned()
        .collect();
    let requests = gates.requests.clone();
    // An open request is what members come for: it goes first.
    let open_first = has_open(&gates);
    let gate_card = view! { <GateSection project=gate_project data=gates on_change /> }.into_any();
    let (gate_top, gate_below) = if open_first {
        (Some(gate_card), None)
    } else {
        (None, Some(gate_card))
    };

    view! {
        <article class="project" aria-labelledby="project-title">
            <h1 id="project-title">{project.name}</h1>
            {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
            {description.map(|d| view! { <p class="description">{d}</p> })}
            {role.map(|r| view! { <p class="my-role">{move || i18n.tf("project.my_role", &[("role", &i18n.role(r))])}</p> })}
            {gate_top}

            <section class="card" aria-labelledby="phase-title">
                <h2 id="phase-title">{move || i18n.t("project.phase_heading")}</h2>
                <p class="current-phase">
                    {move || i18n.tf("project.current_phase", &[("phase", &i18n.phase(phase))])}
                </p>
                <p class="project-state">{move || i18n.state(state)}</p>
                <p class="phase-goal">{move || i18n.t(phase_goal_key(phase))}</p>
                <PhaseTimeline phase history completion />
            </section>

            <FollowNav project=project_id />
            <ChecklistSection project=project_id phase members=current_members may_write completion />
            <ToolNav project=project_id current=None />
            <NetworkLinks project=project_id role />
            <section class="card meetings-link" aria-labelledby="meetings-link-title">
                <h2 id="meetings-link-title">{move || i18n.t("meetings.title")}</h2>
                <p class="hint">{move || i18n.t("meetings.project_lead")}</p>
                <p class="link-line">
                    <a href=meetings_href(project_id)>{move || i18n.t("meetings.open")}</a>
                </p>
            </section>

            {gate_below}
            <GateHistory requests />

            {members_section}
        </article>
    }
}

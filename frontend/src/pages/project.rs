//! One implementation project: its phase in the four-phase model and its members.

use crate::access::Standing;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Membership, Project};

use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{phase_goal_key, set_title, use_i18n};
use crate::pages::gates::{self, has_open, GateData, GateHistory, GateSection, PhaseTimeline};
use crate::pages::indicators::FollowNav;
use crate::pages::meetings::meetings_href;
use crate::pages::members::MembersSection;
use crate::pages::network::NetworkLinks;
use crate::pages::plan::{checklist::ChecklistSection, ToolNav};
use crate::ui::{focus_id, page_read, read_title, FlashNotice, Loaded, RequireLogin};

#[component]
pub fn ProjectPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <ProjectView />
        </RequireLogin>
    }
}

/// What the project page reads.
#[derive(Clone)]
struct ProjectRead {
    project: Project,
    members: Vec<Membership>,
    gates: GateData,
    cached: bool,
}

#[component]
fn ProjectView() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let abort = StoredValue::new_local(abort_on_cleanup());
    // What the last write did, announced (and focused) after the page is reloaded.
    let flash = RwSignal::new(None::<&'static str>);

    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    let read = page_read(move || {
        let (id, signal) = (id.get(), abort.get_value());
        async move {
            let id = id.ok_or(ApiError::Http(404))?;
            let (project, members, gates) = futures::join!(
                api.project(id, signal.clone()),
                api.members(id, signal.clone()),
                gates::load(api, id, signal)
            );
            if gates.error == Some(ApiError::Aborted) {
                return Err(ApiError::Aborted);
            }
            let (project, p_fresh) = project?;
            let (members, m_fresh) = members?;
            Ok(ProjectRead {
                project,
                members,
                cached: p_fresh == Freshness::Cached
                    || m_fresh == Freshness::Cached
                    || gates.cached,
                gates,
            })
        }
    });
    let on_change = Callback::new(move |key: &'static str| {
        flash.set(Some(key));
        read.refetch();
    });

    Effect::new(move |_| {
        let title = read_title(
            read,
            || i18n.t("app.loading"),
            || i18n.t("error.not_found"),
            |d| d.project.name.clone(),
        );
        set_title(&title);
    });

    view! {
        <p class="back">
            <a href="/">{move || i18n.t("project.back")}</a>
        </p>
        <FlashNotice id="flash" message=flash />
        <Loaded read not_found="project.not_found" render=move |d: ProjectRead, _| {
            // After a change, the announcement takes the focus.
            if flash.get_untracked().is_some() {
                focus_id("flash");
            }
            let ProjectRead { project, members, gates, cached } = d;
            view! { <ProjectDetails project members gates cached on_change /> }
        } />
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
    let may_write = Standing::of(&project, gates.me.as_ref()).may_change(Action::PlanWrite);
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

//! The project's plan: the phase checklist (on the project page) and one page per planning
//! tool — milestones, goals, readiness, stakeholders, barriers and facilitators, risks.
//!
//! Every project role reads; the project owner, the project leader and organisation admins
//! write (the server enforces it; the pages hide what the caller may not do).

pub mod barriers;
pub mod checklist;
pub mod goals;
mod items;
pub mod milestones;
pub mod readiness;
pub mod risks;
pub mod stakeholders;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Me, Membership, Project};

pub use items::{item_actions, submit, use_tool, AddButton, Editing, ToolData, ToolStatus};

use crate::access::Standing;
use crate::api::{abort_on_cleanup, use_api, Api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::ui::{focus_id, page_read, read_title, Loaded, RequireLogin};

/// The planning tools, each a page under `/projects/:id/…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Milestones,
    Goals,
    Readiness,
    Stakeholders,
    Barriers,
    Risks,
}

impl Tool {
    pub const ALL: [Tool; 6] = [
        Tool::Milestones,
        Tool::Goals,
        Tool::Readiness,
        Tool::Stakeholders,
        Tool::Barriers,
        Tool::Risks,
    ];

    pub fn segment(self) -> &'static str {
        match self {
            Tool::Milestones => "milestones",
            Tool::Goals => "goals",
            Tool::Readiness => "readiness",
            Tool::Stakeholders => "stakeholders",
            Tool::Barriers => "barriers",
            Tool::Risks => "risks",
        }
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Tool::Milestones => "plan.milestones",
            Tool::Goals => "plan.goals",
            Tool::Readiness => "plan.readiness",
            Tool::Stakeholders => "plan.stakeholders",
            Tool::Barriers => "plan.barriers",
            Tool::Risks => "plan.risks",
        }
    }

    pub fn intro_key(self) -> &'static str {
        match self {
            Tool::Milestones => "plan.milestones_intro",
            Tool::Goals => "plan.goals_intro",
            Tool::Readiness => "plan.readiness_intro",
            Tool::Stakeholders => "plan.stakeholders_intro",
            Tool::Barriers => "plan.barriers_intro",
            Tool::Risks => "plan.risks_intro",
        }
    }

    pub fn href(self, project: Uuid) -> String {
        format!("/projects/{project}/{}", self.segment())
    }
}

/// What every tool page knows about the project and the caller.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub project: Project,
    /// The project's current members (for "responsible" and "owner" choices).
    pub members: Vec<Membership>,
    /// What the caller may do in the project (the shared permission table).
    pub standing: Standing,
    pub cached: bool,
}

/// A tool page: the project's context, the tools' navigation and the tool itself.
#[component]
pub fn PlanPage(tool: Tool) -> impl IntoView {
    view! {
        <RequireLogin>
            <PlanView tool />
        </RequireLogin>
    }
}

#[component]
fn PlanView(tool: Tool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let abort = StoredValue::new_local(abort_on_cleanup());
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    let read = page_read(move || {
        let ctx = load_ctx(api, id.get(), abort.get_value());
        async move { ctx.await.map(|(ctx, _)| ctx) }
    });

    Effect::new(move |_| {
        let page = i18n.t(tool.title_key());
        let title = read_title(
            read,
            || page.clone(),
            || page.clone(),
            |ctx| format!("{page} – {}", ctx.project.name),
        );
        set_title(&title);
    });

    view! {
        <Loaded read not_found="project.not_found" render=move |ctx: Ctx, _| view! { <ToolFrame tool ctx /> } />
    }
}

/// Reads what every tool page knows (the project, its current members and the caller's
/// standing in it), and who the caller is.
pub async fn load_ctx(
    api: Api,
    id: Option<Uuid>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<(Ctx, Option<Me>), ApiError> {
    let id = id.ok_or(ApiError::Http(404))?;
    let (project, members, me) = futures::join!(
        api.project(id, signal.clone()),
        api.members(id, signal.clone()),
        api.me(signal)
    );
    let me = me.ok().map(|(m, _)| m);
    let (project, p_fresh) = project?;
    let (members, m_fresh) = members?;
    let ctx = Ctx {
        standing: Standing::of(&project, me.as_ref()),
        members: members
            .into_iter()
            .filter(|m| m.archived_at.is_none())
            .collect(),
        cached: p_fresh == Freshness::Cached || m_fresh == Freshness::Cached,
        project,
    };
    Ok((ctx, me))
}

#[component]
fn ToolFrame(tool: Tool, ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project_href = format!("/projects/{}", ctx.project.id);
    let project_name = ctx.project.name.clone();
    let cached = ctx.cached;
    let read_only = !ctx.standing.may_change(Action::PlanWrite);
    let project_id = ctx.project.id;
    let body = match tool {
        Tool::Milestones => view! { <milestones::Milestones ctx /> }.into_any(),
        Tool::Goals => view! { <goals::Goals ctx /> }.into_any(),
        Tool::Readiness => view! { <readiness::Readiness ctx /> }.into_any(),
        Tool::Stakeholders => view! { <stakeholders::Stakeholders ctx /> }.into_any(),
        Tool::Barriers => view! { <barriers::Barriers ctx /> }.into_any(),
        Tool::Risks => view! { <risks::Risks ctx /> }.into_any(),
    };
    view! {
        <p class="back">
            <a class="wrapping" href=project_href>
                {move || i18n.tf("plan.back", &[("project", &project_name)])}
            </a>
        </p>
        <article class="plan" aria-labelledby="plan-title">
            <h1 id="plan-title">{move || i18n.t(tool.title_key())}</h1>
            <p class="lead">{move || i18n.t(tool.intro_key())}</p>
            {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
            {(read_only && tool != Tool::Readiness)
                .then(|| view! { <p class="notice read-only">{move || i18n.t("plan.read_only")}</p> })}
            {body}
        </article>
        <ToolNav project=project_id current=Some(tool) />
    }
}

/// Links to every planning tool (on the project page and below each tool).
#[component]
pub fn ToolNav(project: Uuid, current: Option<Tool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="card tool-nav" aria-labelledby="tool-nav-title">
            <h2 id="tool-nav-title">{move || i18n.t("plan.heading")}</h2>
            <ul>
                {Tool::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <li>
                                <a
                                    href=t.href(project)
                                    aria-current=(current == Some(t)).then_some("page")
                                >
                                    {move || i18n.t(t.title_key())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_has_its_own_page() {
        let id = Uuid::nil();
        let hrefs: Vec<String> = Tool::ALL.into_iter().map(|t| t.href(id)).collect();
        assert_eq!(
            hrefs[0],
            "/projects/00000000-0000-0000-0000-000000000000/milestones"
        );
        let mut unique = hrefs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), Tool::ALL.len());
    }
}

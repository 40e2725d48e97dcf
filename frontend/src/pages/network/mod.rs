//! The change-agent network: the field report form (offline first), the report feed, the
//! network's coverage and agents, reactions over time, the project's scope, and the outbox.
//!
//! Who sees what follows the server: change agents and the project leader file reports;
//! a change agent reads only their own reports and the network summary (coverage); the
//! owner, steering group, leader and organisation admins read every report, the agents and
//! the reactions; the owner, leader and organisation admins set the scope; organisation
//! admins add units.

pub mod agents;
pub mod coverage;
pub mod feed;
pub mod outbox;
pub mod reactions;
pub mod report_form;
pub mod setup;
pub mod training;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::permissions::{self, Action};
use varig_types::{
    Activity, AgentStatus, BarrierLevel, Me, Project, ProjectRole, ReactionStage, Resistance,
};

use crate::access::Standing;
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::ui::{page_read, read_title, Loaded, RequireLogin};

/// The pages of the network area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetView {
    Report,
    Feed,
    Coverage,
    Reactions,
    Setup,
}

impl NetView {
    fn path(self, project: Uuid) -> String {
        match self {
            NetView::Report => format!("/projects/{project}/report"),
            NetView::Feed => format!("/projects/{project}/reports"),
            NetView::Coverage => format!("/projects/{project}/network"),
            NetView::Reactions => format!("/projects/{project}/reactions"),
            NetView::Setup => format!("/projects/{project}/network/setup"),
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            NetView::Report => "report.title",
            NetView::Feed => "feed.title",
            NetView::Coverage => "coverage.title",
            NetView::Reactions => "reactions.title",
            NetView::Setup => "setup.title",
        }
    }
}

/// What the caller may do in the network area of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// File field reports (change agents and the project leader).
    pub report: bool,
    /// Read every report, the agents and the reactions.
    pub read_all: bool,
    /// Set the scope and the silent threshold.
    pub manage: bool,
    /// Add units to the organisation.
    pub add_units: bool,
}

impl Access {
    pub fn of(project: &Project, me: Option<&Me>) -> Self {
        let standing = Standing::of(project, me);
        Access {
            report: standing.may_change(Action::ReportWrite),
            read_all: standing.can(Action::ReportReadAll),
            manage: standing.may_change(Action::NetworkWrite),
            add_units: standing.can(Action::StructureWrite),
        }
    }

    fn shows(self, view: NetView) -> bool {
        match view {
            NetView::Report => self.report,
            NetView::Feed | NetView::Coverage => true,
            NetView::Reactions => self.read_all,
            NetView::Setup => self.manage || self.add_units,
        }
    }
}

const VIEWS: [NetView; 5] = [
    NetView::Report,
    NetView::Feed,
    NetView::Coverage,
    NetView::Reactions,
    NetView::Setup,
];

/// The network's links on the project page.
#[component]
pub fn NetworkLinks(project: Uuid, role: Option<ProjectRole>) -> impl IntoView {
    let i18n = use_i18n();
    let report = permissions::can(None, role, Action::ReportWrite);
    view! {
        <section class="card network-links" aria-labelledby="network-links-title">
            <h2 id="network-links-title">{move || i18n.t("network.heading")}</h2>
            <p class="hint">{move || i18n.t("network.lead")}</p>
            <ul class="net-link-list">
                {report
                    .then(|| {
                        view! {
                            <li>
                                <a class="net-primary" href=NetView::Report.path(project)>
                                    {move || i18n.t("network.new_report")}
                                </a>
                            </li>
                        }
                    })}
                <li>
                    <a href=NetView::Feed.path(project)>{move || i18n.t("feed.title")}</a>
                </li>
                <li>
                    <a href=NetView::Coverage.path(project)>{move || i18n.t("coverage.title")}</a>
                </li>
            </ul>
        </section>
    }
}

/// One page of the network area: loads the project (and who the caller is), then shows the
/// area's navigation and the page.
#[component]
pub fn NetworkPage(view: NetView) -> impl IntoView {
    view! {
        <RequireLogin>
            <NetworkFrame view />
        </RequireLogin>
    }
}

/// The project of a network page, what the caller may do there, and whether it came
/// from the cache.
#[derive(Clone)]
struct NetCtx {
    project: Project,
    access: Access,
    cached: bool,
}

#[component]
fn NetworkFrame(view: NetView) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let abort = StoredValue::new_local(abort_on_cleanup());
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));

    let read = page_read(move || {
        let (id, signal) = (id.get(), abort.get_value());
        async move {
            let id = id.ok_or(ApiError::Http(404))?;
            let (project, me) = futures::join!(api.project(id, signal.clone()), api.me(signal));
            let (project, fresh) = project?;
            let me = me.ok().map(|(m, _)| m);
            Ok(NetCtx {
                access: Access::of(&project, me.as_ref()),
                cached: fresh == Freshness::Cached,
                project,
            })
        }
    });

    Effect::new(move |_| {
        let page = i18n.t(view.title_key());
        let title = read_title(
            read,
            || page.clone(),
            || page.clone(),
            |n| format!("{page} – {}", n.project.name),
        );
        set_title(&title);
    });

    view! {
        <Loaded read render=move |n: NetCtx, _| {
                let NetCtx { project, access, cached } = n;
                let pid = project.id;
                let back = format!("/projects/{pid}");
                let name = project.name.clone();
                let body = if access.shows(view) {
                    match view {
                        NetView::Report => view! { <report_form::ReportForm project=project /> }.into_any(),
                        NetView::Feed => view! { <feed::ReportFeed project=project access /> }.into_any(),
                        NetView::Coverage => {
                            view! { <coverage::CoverageView project=project access /> }.into_any()
                        }
                        NetView::Reactions => view! { <reactions::ReactionsView project=project /> }.into_any(),
                        NetView::Setup => view! { <setup::SetupView project=project access /> }.into_any(),
                    }
                } else {
                    view! {
                        <div class="notice notice-error" role="alert">
                            <p>{move || i18n.t("error.forbidden")}</p>
                        </div>
                    }
                        .into_any()
                };
                view! {
                    <p class="back">
                        <a href=back>{move || i18n.tf("network.back", &[("project", &name)])}</a>
                    </p>
                    <NetNav project=pid access current=view />
                    {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
                    {body}
                }
        } />
    }
}

#[component]
fn NetNav(project: Uuid, access: Access, current: NetView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tool-nav net-nav" aria-label=move || i18n.t("network.nav_label")>
            <ul>
                {VIEWS
                    .into_iter()
                    .filter(|v| access.shows(*v))
                    .map(|v| {
                        view! {
                            <li>
                                <a
                                    href=v.path(project)
                                    aria-current=(v == current).then_some("page")
                                >
                                    {move || i18n.t(v.title_key())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

// ---- Labels -------------------------------------------------------------------------------

pub fn activity_key(a: Activity) -> &'static str {
    match a {
        Activity::InformationMeeting => "activity.information_meeting",
        Activity::Training => "activity.training",
        Activity::Coaching => "activity.coaching",
        Activity::PracticeTrial => "activity.practice_trial",
        Activity::Observation => "activity.observation",
        Activity::Other => "activity.other",
    }
}

pub fn stage_key(s: ReactionStage) -> &'static str {
    match s {
        ReactionStage::Awareness => "stage.awareness",
        ReactionStage::Understanding => "stage.understanding",
        ReactionStage::PositiveAttitude => "stage.positive_attitude",
        ReactionStage::TryingOut => "stage.trying_out",
        ReactionStage::Ownership => "stage.ownership",
        ReactionStage::Resistance => "stage.resistance",
    }
}

pub fn resistance_key(r: Resistance) -> &'static str {
    match r {
        Resistance::Cant => "resistance.cant",
        Resistance::Wont => "resistance.wont",
        Resistance::Dont => "resistance.dont",
    }
}

pub fn level_key(l: BarrierLevel) -> &'static str {
    match l {
        BarrierLevel::System => "hindrance.system",
        BarrierLevel::Organisation => "hindrance.organisation",
        BarrierLevel::Team => "hindrance.team",
        BarrierLevel::Individual => "hindrance.individual",
    }
}

pub fn status_key(s: AgentStatus) -> &'static str {
    match s {
        AgentStatus::Nominated => "agents.status_nominated",
        AgentStatus::Recruited => "agents.status_recruited",
        AgentStatus::Trained => "agents.status_trained",
        AgentStatus::Active => "agents.status_active",
        AgentStatus::Inactive => "agents.status_inactive",
    }
}

/// Today in the phone's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{lookup, Lang};

    #[test]
    fn resistance_uses_the_decks_words() {
        assert_eq!(
            lookup(Lang::Nb, resistance_key(Resistance::Cant)),
            "Kan ikke"
        );
        assert_eq!(
            lookup(Lang::Nb, resistance_key(Resistance::Wont)),
            "Vil ikke"
        );
        assert_eq!(
            lookup(Lang::Nb, resistance_key(Resistance::Dont)),
            "Gjør ikke"
        );
        assert_eq!(
            lookup(Lang::Nn, resistance_key(Resistance::Cant)),
            "Kan ikkje"
        );
    }

    #[test]
    fn every_stage_and_activity_has_a_label() {
        for lang in Lang::ALL {
            for s in ReactionStage::ALL {
                assert_ne!(lookup(lang, stage_key(*s)), stage_key(*s));
            }
            for a in Activity::ALL {
                assert_ne!(lookup(lang, activity_key(*a)), activity_key(*a));
            }
        }
    }
}

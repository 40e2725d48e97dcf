//! Follow-up: the project dashboard (with the fade risk), the indicators and their
//! measurements (a chart with a table alternative, the form to record a value, the CSV
//! export), and the sustainability self-assessment.
//!
//! Every project role reads; owner, leader and organisation admins define indicators and
//! record values (the indicator's responsible member too); the server enforces it, the
//! pages hide what the caller may not do.

pub mod chart;
pub mod correction;
pub mod dashboard;
pub mod fade_history;
pub mod fade_settings;
pub mod indicator;
mod indicator_forms;
pub mod list;
pub mod overview;
pub mod sustainability;
pub mod words;

pub use words::*;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::Me;

use crate::api::{abort_on_cleanup, use_api};
use crate::i18n::{set_title, use_i18n};
use crate::pages::plan::{load_ctx, Ctx};
use crate::ui::{page_read, read_title, Loaded, RequireLogin};

/// The pages of the follow-up area, each under `/projects/:id/…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    Dashboard,
    Indicators,
    Indicator,
    Sustainability,
}

impl Follow {
    pub fn title_key(self) -> &'static str {
        match self {
            Follow::Dashboard => "dashboard.title",
            Follow::Indicators | Follow::Indicator => "indicators.title",
            Follow::Sustainability => "sustain.title",
        }
    }
}

pub fn dashboard_href(project: Uuid) -> String {
    format!("/projects/{project}/dashboard")
}

pub fn indicators_href(project: Uuid) -> String {
    format!("/projects/{project}/indicators")
}

pub fn indicator_href(project: Uuid, indicator: Uuid) -> String {
    format!("/projects/{project}/indicators/{indicator}")
}

pub fn sustainability_href(project: Uuid) -> String {
    format!("/projects/{project}/sustainability")
}

/// The project's context as the planning tools have it, plus who the caller is.
#[derive(Debug, Clone)]
pub struct FollowCtx {
    pub ctx: Ctx,
    pub me: Option<Me>,
}

/// A follow-up page: loads the project, its members and the caller, then shows the page.
#[component]
pub fn FollowPage(page: Follow) -> impl IntoView {
    view! {
        <RequireLogin>
            <FollowFrame page />
        </RequireLogin>
    }
}

#[component]
fn FollowFrame(page: Follow) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let abort = StoredValue::new_local(abort_on_cleanup());
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    let indicator = Memo::new(move |_| {
        params.with(|p| p.get("indicator").and_then(|s| Uuid::parse_str(&s).ok()))
    });

    let read = page_read(move || {
        let ctx = load_ctx(api, id.get(), abort.get_value());
        async move { ctx.await.map(|(ctx, me)| FollowCtx { ctx, me }) }
    });

    // The indicator page sets its own title (the indicator's name).
    Effect::new(move |_| {
        if page == Follow::Indicator {
            return;
        }
        let name = i18n.t(page.title_key());
        let title = read_title(
            read,
            || name.clone(),
            || name.clone(),
            |f| format!("{name} – {}", f.ctx.project.name),
        );
        set_title(&title);
    });

    view! {
        <Loaded read not_found="project.not_found" render=move |f: FollowCtx, _| {
                let back = format!("/projects/{}", f.ctx.project.id);
                let name = f.ctx.project.name.clone();
                let cached = f.ctx.cached;
                let project = f.ctx.project.id;
                let body = match page {
                    Follow::Dashboard => view! { <dashboard::Dashboard f /> }.into_any(),
                    Follow::Indicators => view! { <list::Indicators f /> }.into_any(),
                    Follow::Indicator => {
                        match indicator.get_untracked() {
                            Some(id) => view! { <indicator::IndicatorView f id /> }.into_any(),
                            None => {
                                view! {
                                    <div class="notice notice-error" role="alert">
                                        <p>{move || i18n.t("indicators.not_found")}</p>
                                    </div>
                                }
                                    .into_any()
                            }
                        }
                    }
                    Follow::Sustainability => view! { <sustainability::Sustainability f /> }.into_any(),
                };
                view! {
                    <p class="back">
                        <a class="wrapping" href=back>
                            {move || i18n.tf("plan.back", &[("project", &name)])}
                        </a>
                    </p>
                    {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
                    {body}
                    <FollowNav project current=page />
                }
        } />
    }
}

/// Links to the follow-up pages (on the project page and below each of them).
#[component]
pub fn FollowNav(project: Uuid, #[prop(optional)] current: Option<Follow>) -> impl IntoView {
    let i18n = use_i18n();
    let links = [
        (
            Follow::Dashboard,
            dashboard_href(project),
            "dashboard.title",
        ),
        (
            Follow::Indicators,
            indicators_href(project),
            "indicators.title",
        ),
        (
            Follow::Sustainability,
            sustainability_href(project),
            "sustain.title",
        ),
    ];
    view! {
        <nav class="card tool-nav follow-nav" aria-labelledby="follow-nav-title">
            <h2 id="follow-nav-title">{move || i18n.t("follow.heading")}</h2>
            <p class="hint">{move || i18n.t("follow.lead")}</p>
            <ul>
                {links
                    .into_iter()
                    .map(|(p, href, key)| {
                        view! {
                            <li>
                                <a href=href aria-current=(current == Some(p)).then_some("page")>
                                    {move || i18n.t(key)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Whether the caller may record values of an indicator: a writer of the plan, or the
/// indicator's responsible member.
pub fn may_record(f: &FollowCtx, responsible: Option<Uuid>) -> bool {
    let responsible_me = responsible.is_some()
        && f.me.as_ref().map(|m| m.id) == responsible
        && f.ctx.project.my_role.is_some()
        && f.ctx.project.archived_at.is_none();
    f.ctx.standing.may_change(Action::MeasurementWrite) || responsible_me
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_own_address() {
        let p = Uuid::nil();
        let i = Uuid::from_u128(1);
        let all = [
            dashboard_href(p),
            indicators_href(p),
            indicator_href(p, i),
            sustainability_href(p),
        ];
        let mut unique = all.to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
        assert!(indicator_href(p, i).starts_with(&indicators_href(p)));
    }
}

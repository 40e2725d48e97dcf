//! The organisation overview: one card per project the caller may see, each with its phase,
//! the fade risk in words, its indicators per status and what is overdue, and a link to the
//! project's dashboard.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::{FadeLevel, OrganisationOverview, ProjectDashboard};

use super::{dashboard_href, fade_level_key, overdue_counts, rag_counts, too_little_data};
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::ui::{ErrorNotice, Loading, RequireLogin};

pub fn overview_href(organisation: Uuid) -> String {
    format!("/organisations/{organisation}/overview")
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Overview />
        </RequireLogin>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let data = RwSignal::new(None::<OrganisationOverview>);
    let failure = RwSignal::new(None::<ApiError>);
    let cached = RwSignal::new(false);
    let abort = StoredValue::new_local(abort_on_cleanup());
    Effect::new(move |_| set_title(&i18n.t("overview.title")));
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));

    let load = move |id: Option<Uuid>| {
        failure.set(None);
        let Some(id) = id else {
            failure.set(Some(ApiError::Http(404)));
            return;
        };
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.organisation_overview(id, signal).await {
                Ok((o, fresh)) => {
                    let _ = cached.try_set(fresh == Freshness::Cached);
                    let _ = data.try_set(Some(o));
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| load(id.get()));
    let retry = Callback::new(move |()| load(id.get_untracked()));

    view! {
        <section class="overview" aria-labelledby="overview-title">
            <p class="back">
                <a href="/">{move || i18n.t("overview.back")}</a>
            </p>
            <h1 id="overview-title">{move || i18n.t("overview.title")}</h1>
            <p class="lead">{move || i18n.t("overview.lead")}</p>
            <Show when=move || cached.get()>
                <p class="notice">{move || i18n.t("projects.cached")}</p>
            </Show>
            {move || {
                failure
                    .get()
                    .map(|e| {
                        if e.is_not_found() {
                            view! {
                                <div class="notice notice-error" role="alert">
                                    <p>{move || i18n.t("overview.not_found")}</p>
                                </div>
                            }
                                .into_any()
                        } else {
                            view! { <ErrorNotice error=e retry /> }.into_any()
                        }
                    })
            }}
            <Show when=move || data.with(Option::is_none) && failure.with(Option::is_none)>
                <Loading />
            </Show>
            {move || {
                data.get()
                    .map(|o| {
                        if o.projects.is_empty() {
                            view! { <p class="empty">{move || i18n.t("overview.empty")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="overview-list">
                                    {o
                                        .projects
                                        .into_iter()
                                        .map(|d| view! { <ProjectCard d /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

/// One project: its name links to its dashboard; phase, fade risk, indicators and what is
/// overdue as a list of facts.
#[component]
fn ProjectCard(d: ProjectDashboard) -> impl IntoView {
    let i18n = use_i18n();
    let phase = d.phase;
    let days_n = i64::from(d.days_in_phase);
    let days = d.days_in_phase.to_string();
    let level = if too_little_data(&d.fade_risk) {
        FadeLevel::NoData
    } else {
        d.fade_risk.level
    };
    let c = d.indicator_counts.clone();
    let o = d.overdue.clone();
    let heading = format!("ov-{}", d.project_id);
    let overdue_any = o.milestones + o.measurements + o.actions > 0;
    view! {
        <li class=format!("card overview-card fade fade-{}", level.as_str())>
            <h2 id=heading class="overview-name">
                <a href=dashboard_href(d.project_id)>{d.name.clone()}</a>
            </h2>
            <dl class="tile-facts overview-facts">
                <div>
                    <dt>{move || i18n.t("dashboard.phase")}</dt>
                    <dd class="ov-phase">
                        {move || i18n.tn("overview.phase_days", days_n, &[("phase", &i18n.phase(phase)), ("days", &days)])}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("overview.fade")}</dt>
                    <dd class="ov-fade">
                        <span class=format!("level-badge fade-badge-{}", level.as_str())>
                            {move || i18n.t(fade_level_key(level))}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("indicators.title")}</dt>
                    <dd class="ov-indicators">
                        {move || rag_counts(i18n, &c)}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("dashboard.overdue")}</dt>
                    <dd class=if overdue_any { "ov-overdue attention" } else { "ov-overdue" }>
                        {move || overdue_counts(i18n, &o)}
                    </dd>
                </div>
            </dl>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overview_has_its_own_address() {
        let o = Uuid::from_u128(7);
        assert_eq!(overview_href(o), format!("/organisations/{o}/overview"));
        assert_ne!(overview_href(o), dashboard_href(o));
    }
}

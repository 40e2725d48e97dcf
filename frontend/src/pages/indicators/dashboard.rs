//! The project dashboard: one tile per thing an owner looks at — phase, an open transition
//! request, the checklist, the network, the meetings, what is overdue, the fade risk — and
//! every indicator with its status and trend.

use leptos::prelude::*;
use varig_types::permissions::Action;
use varig_types::{FadeLevel, FadeRisk, FadeSignal, IndicatorTile, ProjectDashboard};

use super::fade_history::FadeHistory;
use super::fade_settings::FadeSettingsSection;
use super::{
    fade_level_key, format_number, indicator_href, indicators_href, rag_counts, signal_fact,
    signal_key, signal_rule, too_little_data, with_unit, FollowCtx, RagBadge, TrendText,
};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::use_i18n;
use crate::pages::gates::target_name;
use crate::ui::{format_date, local_date, DateStyle, ErrorNotice, Loading};

#[component]
pub fn Dashboard(f: FollowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let project = f.ctx.project.id;
    let may_write = f.ctx.standing.may_change(Action::IndicatorWrite);
    let settings_flash = RwSignal::new(None::<&'static str>);
    let data = RwSignal::new(None::<ProjectDashboard>);
    let failure = RwSignal::new(None::<ApiError>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let load = move || {
        failure.set(None);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.dashboard(project, signal).await {
                Ok((d, _)) => {
                    let _ = data.try_set(Some(d));
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    load();
    let retry = Callback::new(move |()| load());

    view! {
        <article class="dashboard" aria-labelledby="dash-title">
            <h1 id="dash-title">{move || i18n.t("dashboard.title")}</h1>
            <p class="lead">{move || i18n.t("dashboard.lead")}</p>
            {move || failure.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            <Show when=move || data.with(Option::is_none) && failure.with(Option::is_none)>
                <Loading />
            </Show>
            {move || data.get().map(|d| view! { <Tiles d may_write settings_flash reload=retry /> })}
        </article>
    }
}

#[component]
fn Tiles(
    d: ProjectDashboard,
    may_write: bool,
    settings_flash: RwSignal<Option<&'static str>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let project = d.project_id;
    let phase = d.phase;
    let days_n = i64::from(d.days_in_phase);
    let days = d.days_in_phase.to_string();
    let since = d.phase_since;
    let gate = d.open_gate.clone();
    let checklist = d.checklist_percent;
    let net = d.network.clone();
    let unit_percent = net.unit_percent.map(f64::from);
    let in_scope_n = i64::from(net.units_in_scope);
    let agents_n = i64::from(net.agents);
    let (covered, in_scope) = (
        net.covered_units.to_string(),
        net.units_in_scope.to_string(),
    );
    let (active, agents) = (net.active_agents.to_string(), net.agents.to_string());
    let silent = net.silent_agents;
    let meet = d.meetings.clone();
    let share = meet.share;
    let expected_n = i64::from(meet.expected);
    let (held, expected) = (meet.held_on_time.to_string(), meet.expected.to_string());
    let open_actions_n = i64::from(meet.open_actions);
    let open_actions = meet.open_actions.to_string();
    let overdue_actions = meet.overdue_actions;
    let overdue = d.overdue.clone();
    let counts = d.indicator_counts.clone();
    let generated = d.generated_at;
    let no_indicators = d.indicators.is_empty();
    let percent = move |v: Option<f64>| match v {
        Some(p) => with_unit(i18n.lang(), p, "%"),
        None => i18n.t("dashboard.no_data"),
    };

    view! {
        <p class="generated">
            {move || i18n.tf("dashboard.generated", &[("date", &format_date(i18n.lang(), local_date(generated), DateStyle::Medium))])}
        </p>
        <FadeTile risk=d.fade_risk.clone() />
        {may_write.then(|| view! { <FadeSettingsSection project flash=settings_flash saved=reload /> })}
        <FadeHistory project />
        <div class="tiles">
            <section class="tile" aria-labelledby="tile-phase">
                <h2 id="tile-phase">{move || i18n.t("dashboard.phase")}</h2>
                <p class="tile-figure">{move || i18n.phase(phase)}</p>
                <p>{move || i18n.tn("dashboard.days_in_phase", days_n, &[("days", &days)])}</p>
                <p class="tile-detail">
                    {move || i18n.tf("dashboard.phase_since", &[("date", &format_date(i18n.lang(), local_date(since), DateStyle::Medium))])}
                </p>
            </section>
            <section class="tile" aria-labelledby="tile-gate">
                <h2 id="tile-gate">{move || i18n.t("dashboard.gate")}</h2>
                {match gate {
                    Some(g) => {
                        let target = g.target;
                        let recs_n = i64::from(g.recommendations);
                        let recs = g.recommendations.to_string();
                        let at = g.requested_at;
                        view! {
                            <p class="tile-figure">
                                {move || i18n.tf("dashboard.gate_open", &[("target", &target_name(i18n, target))])}
                            </p>
                            <p>{move || i18n.tn("dashboard.gate_recommendations", recs_n, &[("count", &recs)])}</p>
                            <p class="tile-detail">
                                {move || i18n.tf("dashboard.gate_since", &[("date", &format_date(i18n.lang(), local_date(at), DateStyle::Medium))])}
                            </p>
                        }
                            .into_any()
                    }
                    None => view! { <p>{move || i18n.t("dashboard.gate_none")}</p> }.into_any(),
                }}
            </section>
            <section class="tile" aria-labelledby="tile-checklist">
                <h2 id="tile-checklist">{move || i18n.t("dashboard.checklist")}</h2>
                <p class="tile-figure">{move || percent(checklist)}</p>
                <p>{move || i18n.t("dashboard.checklist_detail")}</p>
            </section>
            <section class="tile" aria-labelledby="tile-network">
                <h2 id="tile-network">{move || i18n.t("dashboard.network")}</h2>
                <p class="tile-figure">{move || percent(unit_percent)}</p>
                <p>
                    {move || {
                        i18n.tn(
                            "dashboard.units_covered",
                            in_scope_n,
                            &[
                                ("covered", &covered),
                                ("total", &in_scope),
                            ],
                        )
                    }}
                </p>
                <p>
                    {move || {
                        i18n.tn(
                            "dashboard.agents",
                            agents_n,
                            &[("active", &active), ("total", &agents)],
                        )
                    }}
                </p>
                <p class=attention(silent)>
                    {move || i18n.tf("dashboard.silent_agents", &[("count", &silent.to_string())])}
                </p>
            </section>
            <section class="tile" aria-labelledby="tile-reports">
                <h2 id="tile-reports">{move || i18n.t("dashboard.reports")}</h2>
                <p class="tile-figure">{net.reports_last_30_days.to_string()}</p>
                <p>{move || i18n.t("dashboard.reports_detail")}</p>
            </section>
            <section class="tile" aria-labelledby="tile-meetings">
                <h2 id="tile-meetings">{move || i18n.t("dashboard.meetings")}</h2>
                <p class="tile-figure">{move || percent(share)}</p>
                <p>
                    {move || {
                        i18n.tn(
                            "dashboard.meetings_held",
                            expected_n,
                            &[("held", &held), ("expected", &expected)],
                        )
                    }}
                </p>
                <p>{move || i18n.tn("dashboard.open_actions", open_actions_n, &[("count", &open_actions)])}</p>
                <p class=attention(overdue_actions)>
                    {move || i18n.tn("dashboard.overdue_actions", i64::from(overdue_actions), &[("count", &overdue_actions.to_string())])}
                </p>
            </section>
            <section class="tile" aria-labelledby="tile-overdue">
                <h2 id="tile-overdue">{move || i18n.t("dashboard.overdue")}</h2>
                <dl class="tile-facts">
                    <div>
                        <dt>{move || i18n.t("dashboard.overdue_milestones")}</dt>
                        <dd>{overdue.milestones.to_string()}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("dashboard.overdue_measurements")}</dt>
                        <dd>{overdue.measurements.to_string()}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("dashboard.overdue_actions_short")}</dt>
                        <dd>{overdue.actions.to_string()}</dd>
                    </div>
                </dl>
            </section>
        </div>

        <section class="card" aria-labelledby="dash-indicators">
            <h2 id="dash-indicators">{move || i18n.t("indicators.title")}</h2>
            <p class="rag-counts">
                {move || rag_counts(i18n, &counts)}
            </p>
            {no_indicators.then(|| view! { <p class="empty">{move || i18n.t("indicators.empty")}</p> })}
            <ul class="indicator-tiles">
                {d
                    .indicators
                    .into_iter()
                    .map(|t| view! { <IndicatorTileView t project /> })
                    .collect_view()}
            </ul>
            <p class="link-line">
                <a href=indicators_href(project)>{move || i18n.t("dashboard.all_indicators")}</a>
            </p>
        </section>
    }
}

/// One indicator: name (a link to it), status word, trend, the latest value and target.
#[component]
pub fn IndicatorTileView(t: IndicatorTile, project: uuid::Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let href = indicator_href(project, t.id);
    let unit = t.unit.clone();
    let target_unit = t.unit.clone();
    let latest = t.latest_value;
    let period = t.latest_period;
    let target = t.target;
    let overdue = t.overdue_periods;
    let tile_class = format!("indicator-tile rag-edge-{}", t.rag.as_str());
    view! {
        <li class=tile_class>
            <a class="indicator-name" href=href>{t.name.clone()}</a>
            <p class="indicator-status">
                <RagBadge rag=t.rag />
                " "
                <TrendText trend=t.trend />
            </p>
            <p class="indicator-value">
                {move || match latest {
                    Some(v) => {
                        let value = with_unit(i18n.lang(), v, &unit);
                        match period {
                            Some(p) => {
                                // The tile does not know the frequency: name the period's first day.
                                let when = format_date(i18n.lang(), p, DateStyle::Medium);
                                i18n.tf("dashboard.latest_value", &[("value", &value), ("date", &when)])
                            }
                            None => value,
                        }
                    }
                    None => i18n.t("dashboard.no_value"),
                }}
            </p>
            {target
                .map(|tv| {
                    view! {
                        <p class="tile-detail">
                            {move || i18n.tf("dashboard.target", &[("target", &with_unit(i18n.lang(), tv, &target_unit))])}
                        </p>
                    }
                })}
            {(overdue > 0)
                .then(|| {
                    view! {
                        <p class="attention">
                            {move || i18n.tn("dashboard.indicator_overdue", i64::from(overdue), &[("count", &overdue.to_string())])}
                        </p>
                    }
                })}
        </li>
    }
}

/// The fade risk: its level in words and as a score, and every signal with what it measured,
/// when it warns and how much it counts. With most signals still without data the level is
/// «for lite data» and no score is shown (it would be computed from missing data).
#[component]
fn FadeTile(risk: FadeRisk) -> impl IntoView {
    let i18n = use_i18n();
    let too_little = too_little_data(&risk);
    let level = if too_little {
        FadeLevel::NoData
    } else {
        risk.level
    };
    let score = risk.score;
    let (medium, high) = (risk.medium_from, risk.high_from);
    let total_weight: f64 = risk.signals.iter().map(|s| s.weight.max(0.0)).sum();
    view! {
        <section class=format!("card fade fade-{}", level.as_str()) aria-labelledby="fade-title">
            <h2 id="fade-title">{move || i18n.t("fade.title")}</h2>
            <p class="fade-level">
                <span class=format!("level-badge fade-badge-{}", level.as_str())>
                    {move || i18n.t(fade_level_key(level))}
                </span>
                {(!too_little).then(|| view! {
                    " "
                    <span class="fade-score">
                        {move || i18n.tf("fade.score", &[("score", &format_number(i18n.lang(), score))])}
                    </span>
                })}
            </p>
            <p class="hint">
                {move || {
                    if too_little {
                        i18n.t("fade.too_little_data_hint")
                    } else {
                        i18n.tf(
                            "fade.scale",
                            &[("medium", &format_number(i18n.lang(), medium)), ("high", &format_number(i18n.lang(), high))],
                        )
                    }
                }}
            </p>
            <ul class="signal-list">
                {risk.signals.into_iter().map(|s| view! { <SignalRow s total_weight /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn SignalRow(s: FadeSignal, total_weight: f64) -> impl IntoView {
    let i18n = use_i18n();
    let kind = s.kind;
    let triggered = s.triggered;
    let share = if total_weight > 0.0 {
        s.weight.max(0.0) * 100.0 / total_weight
    } else {
        0.0
    };
    let flag = match (triggered, s.value.is_some()) {
        (true, _) => "fade.triggered",
        (false, true) => "fade.not_triggered",
        (false, false) => "fade.no_data_flag",
    };
    view! {
        <li class=if triggered { "signal triggered" } else { "signal" }>
            <p class="signal-name">
                <span class="signal-flag">{move || i18n.t(flag)}</span>
                ": "
                {move || i18n.t(signal_key(kind))}
            </p>
            <p class="signal-facts">
                {move || {
                    let weight = if share > 0.0 {
                        i18n.tf("fade.signal_share", &[("points", &format_number(i18n.lang(), (share * 10.0).round() / 10.0))])
                    } else {
                        i18n.t("fade.signal_off")
                    };
                    format!("{} {} {}", signal_fact(i18n, &s), signal_rule(i18n, &s), weight)
                }}
            </p>
        </li>
    }
}

/// The class of a figure that wants attention (above zero).
fn attention(count: i32) -> &'static str {
    if count > 0 {
        "attention"
    } else {
        "calm"
    }
}

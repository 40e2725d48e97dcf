//! The network's coverage: a heat map that is a real table (levels, then each dimension's
//! values: units in scope, covered, active agents, share — the colour repeats the number),
//! the units without an active agent, and for readers of the whole network the agents with
//! status, units, last report and the silent flag.

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{ChangeAgent, Coverage, CoverageCell, Project};

use super::agents::{AgentEdit, Outcome};
use super::training::{training_line, AgentTraining};
use super::{status_key, Access};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::ui::{focus_id, format_date, DateStyle, ErrorNotice, Loader, Loading};

/// The share of covered units, rounded, if any unit is in scope.
pub fn share(cell: &CoverageCell) -> Option<i32> {
    (cell.units_in_scope > 0).then(|| {
        (f64::from(cell.covered_units) * 100.0 / f64::from(cell.units_in_scope)).round() as i32
    })
}

/// The heat class of a share: 0 (none) to 4 (all).
pub fn heat(share: Option<i32>) -> &'static str {
    match share {
        None => "heat-none",
        Some(0) => "heat-0",
        Some(1..=49) => "heat-1",
        Some(50..=74) => "heat-2",
        Some(75..=99) => "heat-3",
        Some(_) => "heat-4",
    }
}

#[component]
pub fn CoverageView(project: Project, access: Access) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let pid = project.id;
    let abort = StoredValue::new_local(abort_on_cleanup());
    let fetch = move || {
        let signal = abort.get_value();
        async move { api.coverage(pid, signal).await.map(|(c, _)| c) }
    };
    // An agent's change shows in the coverage: read it again.
    let reload = RwSignal::new(0);
    let retry = Callback::new(move |()| reload.update(|n| *n += 1));
    let manage = access.manage;

    view! {
        <h1 id="page-title">{move || i18n.t("coverage.title")}</h1>
        <Loader fetch reload render=|coverage: Coverage, _| view! { <CoverageTables coverage /> } />
        {access.read_all.then(|| view! { <AgentList project=pid manage on_change=retry /> })}
    }
}

fn percent_text(i18n: I18n, p: Option<i32>) -> String {
    match p {
        Some(p) => i18n.tf("coverage.percent", &[("percent", &p.to_string())]),
        None => i18n.t("coverage.none_in_scope"),
    }
}

#[component]
fn CoverageTables(coverage: Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let c = coverage;
    let summary = {
        let (covered, total, agents) = (c.covered_units, c.units_in_scope, c.active_agents);
        move || {
            i18n.tn(
                "coverage.summary",
                i64::from(total),
                &[
                    ("covered", &covered.to_string()),
                    ("total", &total.to_string()),
                    ("agents", &agents.to_string()),
                ],
            )
        }
    };
    let (unit_p, vertical_p, horizontal_p) =
        (c.unit_percent, c.vertical_percent, c.horizontal_percent);
    let gaps = c.gaps.clone();
    let level_names: HashMap<String, String> = c
        .levels
        .iter()
        .map(|l| (l.key.clone(), l.name.clone()))
        .collect();
    let no_gaps = gaps.is_empty();
    view! {
        <section class="card" aria-labelledby="coverage-summary-title">
            <h2 id="coverage-summary-title">{move || i18n.t("coverage.summary_title")}</h2>
            <p class="coverage-summary">{summary}</p>
            <dl class="coverage-figures">
                <dt>{move || i18n.t("coverage.units")}</dt>
                <dd>{move || percent_text(i18n, unit_p)}</dd>
                <dt>{move || i18n.t("coverage.vertical")}</dt>
                <dd>{move || percent_text(i18n, vertical_p)}</dd>
                <dt>{move || i18n.t("coverage.horizontal")}</dt>
                <dd>{move || percent_text(i18n, horizontal_p)}</dd>
            </dl>
            <p class="hint">{move || i18n.t("coverage.legend")}</p>
        </section>
        <section class="card" aria-labelledby="coverage-levels-title">
            <h2 id="coverage-levels-title">{move || i18n.t("coverage.vertical")}</h2>
            <HeatTable caption=i18n.t("coverage.levels_caption") first=i18n.t("coverage.level") cells=c.levels />
        </section>
        {c
            .dimensions
            .into_iter()
            .map(|d| {
                let title_id = format!("coverage-dim-{}", d.key);
                let labelled = title_id.clone();
                let name = d.name.clone();
                let p = d.percent;
                view! {
                    <section class="card" aria-labelledby=labelled>
                        <h2 id=title_id>{d.name.clone()}</h2>
                        <p>{move || i18n.tf("coverage.dimension_share", &[("percent", &percent_text(i18n, p))])}</p>
                        <HeatTable
                            caption=i18n.tf("coverage.dimension_caption", &[("dimension", &name)])
                            first=name.clone()
                            cells=d.cells
                        />
                    </section>
                }
            })
            .collect_view()}
        <section class="card" aria-labelledby="coverage-gaps-title">
            <h2 id="coverage-gaps-title">{move || i18n.t("coverage.gaps")}</h2>
            {no_gaps.then(|| view! { <p class="empty">{move || i18n.t("coverage.no_gaps")}</p> })}
            <ul class="gap-list">
                {gaps
                    .into_iter()
                    .map(|g| {
                        let level = level_names.get(&g.level).cloned().unwrap_or(g.level);
                        view! {
                            <li>
                                <span class="gap-unit">{g.unit_name}</span>
                                " "
                                <span class="gap-level">{level}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// One heat-map table: a row per level or value, coloured by share, every number in text.
#[component]
fn HeatTable(caption: String, first: String, cells: Vec<CoverageCell>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll">
            <table class="heat-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        <th scope="col">{move || i18n.t("coverage.col_covered")}</th>
                        <th scope="col">{move || i18n.t("coverage.col_agents")}</th>
                        <th scope="col">{move || i18n.t("coverage.col_share")}</th>
                    </tr>
                </thead>
                <tbody>
                    {cells
                        .into_iter()
                        .map(|cell| {
                            let p = share(&cell);
                            let class = format!("heat {}", heat(p));
                            let covered = i18n.tf(
                                "coverage.covered_of",
                                &[
                                    ("covered", &cell.covered_units.to_string()),
                                    ("total", &cell.units_in_scope.to_string()),
                                ],
                            );
                            view! {
                                <tr>
                                    <th scope="row">{cell.name}</th>
                                    <td class=class.clone()>{covered}</td>
                                    <td>{cell.active_agents}</td>
                                    <td class=class>{p.map(|p| format!("{p}\u{a0}%")).unwrap_or_else(|| "–".into())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[derive(Clone)]
enum Agents {
    Loading,
    Failed(ApiError),
    Ready(Vec<ChangeAgent>, HashMap<Uuid, String>, i32, Vec<Uuid>),
}

/// The agents: status, units, last report, silent flag (with the threshold), training hours;
/// writers change status and units and record training (`on_change` reloads the coverage).
#[component]
fn AgentList(project: Uuid, manage: bool, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let state = RwSignal::new(Agents::Loading);
    let notice = RwSignal::new(None::<(bool, &'static str)>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let load = move || {
        state.set(Agents::Loading);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (agents, settings, units) = futures::join!(
                api.change_agents(project, signal.clone()),
                api.network_settings(project, signal.clone()),
                api.units(signal)
            );
            let names: HashMap<Uuid, String> = units
                .map(|(list, _)| list.into_iter().map(|u| (u.id, u.name)).collect())
                .unwrap_or_default();
            let (weeks, scope) = settings
                .map(|(s, _)| (s.silent_after_weeks, s.unit_ids))
                .unwrap_or_default();
            let next = match agents {
                Ok((list, _)) => Agents::Ready(list, names, weeks, scope),
                Err(ApiError::Aborted) => return,
                Err(e) => Agents::Failed(e),
            };
            let _ = state.try_set(next);
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    let on_done = Callback::new(move |outcome: Outcome| {
        let msg = match outcome {
            Outcome::Saved => (true, "agents.saved"),
            Outcome::Conflict => (false, "agents.conflict_reloaded"),
            Outcome::TrainingAdded => (true, "training.saved"),
        };
        notice.set(Some(msg));
        load();
        if outcome == Outcome::Saved {
            on_change.run(());
        }
        focus_id("agents-result");
    });
    view! {
        <section class="card" aria-labelledby="agents-title">
            <h2 id="agents-title">{move || i18n.t("agents.title")}</h2>
            <div id="agents-result" role="status" tabindex="-1">
                {move || {
                    notice
                        .get()
                        .map(|(ok, key)| {
                            view! {
                                <p class=if ok { "notice notice-ok" } else { "notice notice-error" }>
                                    {move || i18n.t(key)}
                                </p>
                            }
                        })
                }}
            </div>
            {move || match state.get() {
                Agents::Loading => view! { <Loading /> }.into_any(),
                Agents::Failed(e) => view! { <ErrorNotice error=e retry /> }.into_any(),
                Agents::Ready(list, names, weeks, scope) => {
                    let scope: Vec<(Uuid, String)> = scope
                        .iter()
                        .map(|u| (*u, names.get(u).cloned().unwrap_or_else(|| u.to_string())))
                        .collect();
                    let empty = list.is_empty();
                    let silent = list.iter().filter(|a| a.silent).count();
                    view! {
                        {(weeks > 0)
                            .then(|| {
                                view! {
                                    <p class="hint">
                                        {move || i18n.tn("agents.threshold", i64::from(weeks), &[("weeks", &weeks.to_string())])}
                                    </p>
                                }
                            })}
                        <p>{move || i18n.tf("agents.silent_count", &[("count", &silent.to_string())])}</p>
                        {empty.then(|| view! { <p class="empty">{move || i18n.t("agents.empty")}</p> })}
                        <ul class="agent-list">
                            {list
                                .into_iter()
                                .map(|a| {
                                    let status = a.status;
                                    let units: Vec<String> = a
                                        .unit_ids
                                        .iter()
                                        .map(|u| names.get(u).cloned().unwrap_or_else(|| u.to_string()))
                                        .collect();
                                    let units = units.join(", ");
                                    let no_units = units.is_empty();
                                    let last = a.last_report_on;
                                    let reports = a.reports.to_string();
                                    let hours = a.training_hours;
                                    let aid = a.id;
                                    let name = a.user_name.clone();
                                    let edit = manage
                                        .then(|| view! { <AgentEdit agent=a.clone() scope=scope.clone() on_done /> });
                                    view! {
                                        <li class="agent" class:agent-silent=a.silent>
                                            <p class="agent-name">
                                                {a.user_name}
                                                {a
                                                    .silent
                                                    .then(|| {
                                                        view! {
                                                            " "
                                                            <span class="badge badge-overdue">{move || i18n.t("agents.silent")}</span>
                                                        }
                                                    })}
                                            </p>
                                            <p class="agent-meta">
                                                <span class="status-badge">{move || i18n.t(status_key(status))}</span>
                                                " "
                                                {move || {
                                                    if no_units {
                                                        i18n.t("agents.no_units")
                                                    } else {
                                                        i18n.tf("agents.units", &[("units", &units)])
                                                    }
                                                }}
                                            </p>
                                            <p class="agent-meta">
                                                {move || match last {
                                                    Some(d) => {
                                                        i18n.tf(
                                                            "agents.last_report",
                                                            &[("date", &format_date(i18n.lang(), d, DateStyle::Medium)), ("count", &reports)],
                                                        )
                                                    }
                                                    None => i18n.t("agents.no_reports"),
                                                }}
                                            </p>
                                            <p class="agent-meta agent-hours">{move || training_line(i18n, hours)}</p>
                                            {edit}
                                            <AgentTraining agent=aid name manage on_done />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(total: i32, covered: i32) -> CoverageCell {
        CoverageCell {
            key: "k".into(),
            name: "n".into(),
            units_in_scope: total,
            covered_units: covered,
            active_agents: covered,
        }
    }

    #[test]
    fn the_heat_follows_the_share() {
        assert_eq!(heat(share(&cell(0, 0))), "heat-none");
        assert_eq!(heat(share(&cell(4, 0))), "heat-0");
        assert_eq!(heat(share(&cell(4, 1))), "heat-1");
        assert_eq!(heat(share(&cell(4, 2))), "heat-2");
        assert_eq!(heat(share(&cell(4, 3))), "heat-3");
        assert_eq!(heat(share(&cell(4, 4))), "heat-4");
        assert_eq!(share(&cell(3, 2)), Some(67));
    }
}

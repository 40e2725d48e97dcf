//! The report feed, newest received first: filters (unit, period, activity, stage), paging
//! and the CSV export. A change agent sees only their own reports (the server decides).

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{Activity, FieldReport, Project, ReactionStage};
use wasm_bindgen::JsCast;

use super::{activity_key, level_key, resistance_key, stage_key, Access};
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness, ReportFilter};
use crate::i18n::use_i18n;
use crate::ui::{format_date, DateStyle, ErrorNotice};

#[component]
pub fn ReportFeed(project: Project, access: Access) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let pid = project.id;
    let abort = StoredValue::new_local(abort_on_cleanup());

    let units = RwSignal::new(Vec::<(Uuid, String)>::new());
    let filter = RwSignal::new(ReportFilter::default());
    // The form's fields, applied to `filter` on submit.
    let f_unit = RwSignal::new(String::new());
    let f_from = RwSignal::new(String::new());
    let f_to = RwSignal::new(String::new());
    let f_activity = RwSignal::new(String::new());
    let f_stage = RwSignal::new(String::new());

    let items = RwSignal::new(Vec::<FieldReport>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let failure = RwSignal::new(None::<ApiError>);
    let cached = RwSignal::new(false);
    let export_state = RwSignal::new(None::<Result<(), ApiError>>);

    leptos::task::spawn_local(async move {
        let signal = abort.get_value();
        let (settings, all) =
            futures::join!(api.network_settings(pid, signal.clone()), api.units(signal));
        let names: HashMap<Uuid, String> = all
            .map(|(list, _)| list.into_iter().map(|u| (u.id, u.name)).collect())
            .unwrap_or_default();
        let mut list: Vec<(Uuid, String)> = settings
            .map(|(s, _)| s.unit_ids)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|id| names.get(&id).map(|n| (id, n.clone())))
            .collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        let _ = units.try_set(list);
    });

    let load = move |more: bool| {
        let cursor = if more { next.get_untracked() } else { None };
        if more && cursor.is_none() {
            return;
        }
        loading.set(true);
        failure.set(None);
        let f = filter.get_untracked();
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.reports(pid, &f, cursor.as_deref(), signal).await {
                Ok((page, fresh)) => {
                    let _ = cached.try_set(fresh == Freshness::Cached);
                    if more {
                        items.update(|i| i.extend(page.items));
                    } else {
                        let _ = items.try_set(page.items);
                    }
                    let _ = next.try_set(page.next_cursor);
                }
                Err(ApiError::Aborted) => return,
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
            let _ = loading.try_set(false);
        });
    };
    load(false);

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filter.set(ReportFilter {
            unit: f_unit.get_untracked(),
            from: f_from.get_untracked(),
            to: f_to.get_untracked(),
            activity: f_activity.get_untracked(),
            stage: f_stage.get_untracked(),
        });
        load(false);
    };

    let export = move |_| {
        export_state.set(None);
        let f = filter.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = match api.reports_csv(pid, &f).await {
                Ok(csv) => {
                    download("varig-rapporter.csv", &csv);
                    Ok(())
                }
                Err(e) => Err(e),
            };
            let _ = export_state.try_set(Some(outcome));
        });
    };

    let retry = Callback::new(move |()| load(false));

    view! {
        <h1 id="page-title">{move || i18n.t("feed.title")}</h1>
        <p class="lead">
            {move || i18n.t(if access.read_all { "feed.lead_all" } else { "feed.lead_own" })}
        </p>
        <form class="card filter-form" on:submit=apply aria-labelledby="filter-title">
            <h2 id="filter-title">{move || i18n.t("feed.filter")}</h2>
            <div class="field">
                <label for="feed-unit">{move || i18n.t("report.unit")}</label>
                <select id="feed-unit" on:change=move |ev| f_unit.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t("feed.any")}</option>
                    {move || {
                        units
                            .get()
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field-pair">
                <div class="field">
                    <label for="feed-from">{move || i18n.t("feed.from")}</label>
                    <input id="feed-from" type="date" on:input=move |ev| f_from.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="feed-to">{move || i18n.t("feed.to")}</label>
                    <input id="feed-to" type="date" on:input=move |ev| f_to.set(event_target_value(&ev)) />
                </div>
            </div>
            <div class="field">
                <label for="feed-activity">{move || i18n.t("report.activity")}</label>
                <select id="feed-activity" on:change=move |ev| f_activity.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t("feed.any")}</option>
                    {Activity::ALL
                        .iter()
                        .map(|a| view! { <option value=a.as_str()>{move || i18n.t(activity_key(*a))}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="feed-stage">{move || i18n.t("report.stage")}</label>
                <select id="feed-stage" on:change=move |ev| f_stage.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t("feed.any")}</option>
                    {ReactionStage::ALL
                        .iter()
                        .map(|s| view! { <option value=s.as_str()>{move || i18n.t(stage_key(*s))}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="button-row">
                <button type="submit">{move || i18n.t("feed.apply")}</button>
                <button type="button" on:click=export>{move || i18n.t("feed.export")}</button>
            </div>
            <div class="export-status" role="status">
                {move || {
                    export_state
                        .get()
                        .map(|r| match r {
                            Ok(()) => view! { <p>{move || i18n.t("feed.exported")}</p> }.into_any(),
                            Err(e) => view! { <p class="notice notice-error">{e.message(i18n)}</p> }.into_any(),
                        })
                }}
            </div>
        </form>

        <section class="card" aria-labelledby="feed-list-title" aria-busy=move || loading.get().then_some("true")>
            <h2 id="feed-list-title">{move || i18n.t("feed.list")}</h2>
            {move || cached.get().then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
            {move || failure.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            <p class="feed-count" role="status">
                {move || {
                    if loading.get() && items.with(Vec::is_empty) {
                        i18n.t("app.loading")
                    } else {
                        let n = items.with(Vec::len);
                        if next.with(Option::is_some) {
                            i18n.tn("feed.count_more", n as i64, &[("count", &n.to_string())])
                        } else {
                            i18n.tf("feed.count", &[("count", &n.to_string())])
                        }
                    }
                }}
            </p>
            <ul class="report-list">
                <For each=move || items.get() key=|r| r.id let:r>
                    <ReportCard report=r show_agent=access.read_all />
                </For>
            </ul>
            <Show when=move || next.with(Option::is_some)>
                <button type="button" class="add-button" on:click=move |_| load(true)>
                    {move || i18n.t("feed.more")}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn ReportCard(report: FieldReport, show_agent: bool) -> impl IntoView {
    let i18n = use_i18n();
    let date = report.date;
    let stage = report.stage;
    let resistance = report.resistance;
    let activity = report.activity;
    let people = report.people_reached.to_string();
    let heading = report.unit_name.clone();
    let agent = show_agent.then(|| report.agent_name.clone());
    let barriers = report.barriers.clone();
    let successes = (!report.successes.trim().is_empty()).then(|| report.successes.clone());
    let support = (!report.support_needed.trim().is_empty()).then(|| report.support_needed.clone());
    view! {
        <li class="report" data-report-id=report.id.to_string()>
            <h3>
                <span class="report-unit">{heading}</span>
                " "
                <span class="report-date">{move || format_date(i18n.lang(), date, DateStyle::Medium)}</span>
            </h3>
            <dl class="report-facts">
                {agent
                    .map(|a| {
                        view! {
                            <dt>{move || i18n.t("feed.agent")}</dt>
                            <dd>{a}</dd>
                        }
                    })}
                <dt>{move || i18n.t("report.activity")}</dt>
                <dd>{move || i18n.t(activity_key(activity))}</dd>
                <dt>{move || i18n.t("report.people")}</dt>
                <dd>{people}</dd>
                <dt>{move || i18n.t("report.stage")}</dt>
                <dd class=format!("stage stage-{}", stage.as_str())>
                    {move || {
                        let mut text = i18n.t(stage_key(stage));
                        if let Some(r) = resistance {
                            text.push_str(": ");
                            text.push_str(&i18n.t(resistance_key(r)));
                        }
                        text
                    }}
                </dd>
                {successes
                    .map(|s| {
                        view! {
                            <dt>{move || i18n.t("report.successes")}</dt>
                            <dd class="pre-line">{s}</dd>
                        }
                    })}
                {support
                    .map(|s| {
                        view! {
                            <dt>{move || i18n.t("report.support")}</dt>
                            <dd class="pre-line">{s}</dd>
                        }
                    })}
            </dl>
            {(!barriers.is_empty())
                .then(|| {
                    view! {
                        <p class="report-sub">{move || i18n.t("report.barriers")}</p>
                        <ul class="report-barriers">
                            {barriers
                                .into_iter()
                                .map(|b| {
                                    let level = b.level;
                                    view! {
                                        <li>
                                            <span class="badge">{move || i18n.t(level_key(level))}</span>
                                            " "
                                            <span class="pre-line">{b.text}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </li>
    }
}

/// Saves text as a file through a blob URL (the export needs the bearer token, so a plain
/// link would not do).
pub(crate) fn download(filename: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        let body = document().body();
        if let Some(body) = &body {
            let _ = body.append_child(&a);
        }
        a.click();
        a.remove();
    }
    // Give the browser a moment to start the download before the URL goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

//! One indicator: its definition and status, the chart of its measurements with a table of
//! the same data, the form to record a period's value and the CSV export of the project.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Indicator, IndicatorSource, Measurement};

use super::chart::{MeasurementTable, TrendChart};
use super::correction::{CorrectionDraft, CorrectionForm};
use super::indicator_forms::{ChangeIndicator, EditState, MeasurementForm};
use super::list::IndicatorDraft;
use super::{
    category_key, direction_key, frequency_key, may_record, period_label, source_key, with_unit,
    FollowCtx, RagBadge, TrendText,
};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::{set_title, use_i18n};
use crate::pages::network::feed::download;
use crate::ui::{format_date, person, DateStyle, ErrorNotice, FlashNotice, Loading};

#[derive(Clone)]
struct Loaded {
    indicator: Indicator,
    items: Vec<Measurement>,
}

#[component]
pub fn IndicatorView(f: FollowCtx, id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let data = RwSignal::new(None::<Loaded>);
    let failure = RwSignal::new(None::<ApiError>);
    let flash = RwSignal::new(None::<&'static str>);
    // Whether the table is open, kept across reloads (after a value is recorded).
    let table_open = RwSignal::new(false);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let load = move || {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (ind, list) = futures::join!(
                api.indicator(id, signal.clone()),
                api.measurements(id, signal)
            );
            match (ind, list) {
                (Ok((indicator, _)), Ok((list, _))) => {
                    let _ = failure.try_set(None);
                    let _ = data.try_set(Some(Loaded {
                        indicator,
                        items: list.items,
                    }));
                }
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => {}
                (Err(e), _) | (_, Err(e)) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    let saved = Callback::new(move |()| {
        flash.set(Some("measurement.flash_saved"));
        load();
    });
    // A correction being typed survives reloads of the page's data.
    let draft = CorrectionDraft::new();
    let corrected = Callback::new(move |()| {
        flash.set(Some("correction.flash_saved"));
        load();
    });
    // A change to the definition being typed survives reloads too (after a 412).
    let edit = EditState {
        draft: IndicatorDraft::new(),
        open: RwSignal::new(false),
    };
    Effect::new(move |_| {
        let page = i18n.t("indicators.title");
        let title = data.with(|d| match d {
            Some(l) => format!("{} – {page}", l.indicator.name),
            None => page.clone(),
        });
        set_title(&title);
    });
    let f = StoredValue::new(f);

    view! {
        {move || {
            failure
                .get()
                .map(|e| {
                    if e.is_not_found() {
                        view! {
                            <div class="notice notice-error" role="alert">
                                <p>{move || i18n.t("indicators.not_found")}</p>
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
                .map(|l| {
                    let ctx = f.get_value();
                    let may = may_record(&ctx, l.indicator.responsible_id)
                        && l.indicator.source == IndicatorSource::Manual;
                    view! { <IndicatorBody l ctx may flash saved table_open draft corrected reload=retry edit /> }
                })
        }}
    }
}

#[component]
fn IndicatorBody(
    l: Loaded,
    ctx: FollowCtx,
    may: bool,
    flash: RwSignal<Option<&'static str>>,
    saved: Callback<()>,
    table_open: RwSignal<bool>,
    draft: CorrectionDraft,
    corrected: Callback<()>,
    reload: Callback<()>,
    edit: EditState,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let ind = l.indicator.clone();
    let project = ctx.ctx.project.id;
    let project_name = ctx.ctx.project.name.clone();
    let st = ind.status.clone();
    let unit = ind.unit.clone();
    let freq = ind.frequency;
    let description = (!ind.description.trim().is_empty()).then(|| ind.description.clone());
    let (category, source, direction) = (ind.category, ind.source, ind.direction);
    let lang_value = move |v: f64| with_unit(i18n.lang(), v, &unit);
    let lv = lang_value.clone();
    let (green, amber, target, baseline) = (
        ind.green_threshold,
        ind.amber_threshold,
        ind.target,
        ind.baseline,
    );
    let responsible = ind.responsible_name.clone();
    let latest = st.latest_value;
    let latest_period = st.latest_period;
    let overdue = st.overdue_periods.clone();
    let next_due = st.next_due;
    let has_items = !l.items.is_empty();
    let export_state = RwSignal::new(None::<Result<(), ApiError>>);
    let export = move |_| {
        export_state.set(None);
        leptos::task::spawn_local(async move {
            let outcome = match api.measurements_csv(project).await {
                Ok(csv) => {
                    download("varig-maalinger.csv", &csv);
                    Ok(())
                }
                Err(e) => Err(e),
            };
            let _ = export_state.try_set(Some(outcome));
        });
    };
    let lv2 = lv.clone();
    let may_define = ctx.ctx.standing.may_change(Action::IndicatorWrite);
    let members = ctx.ctx.members.clone();
    let for_edit = l.indicator.clone();
    let correct = may.then(|| {
        Callback::new(move |m: Measurement| {
            table_open.set(true);
            draft.start(&m, i18n.lang(), api);
        })
    });

    view! {
        <article class="indicator" aria-labelledby="ind-title">
            <h1 id="ind-title">{ind.name.clone()}</h1>
            <p class="lead">{move || i18n.tf("indicators.of_project", &[("project", &project_name)])}</p>
            <FlashNotice id="ind-flash" message=flash />
            <section class="card status-card" aria-labelledby="ind-status">
                <h2 id="ind-status">{move || i18n.t("indicators.status")}</h2>
                <p class="indicator-status">
                    <RagBadge rag=st.rag />
                    " "
                    <TrendText trend=st.trend />
                </p>
                <p class="tile-figure">
                    {move || match (latest, latest_period) {
                        (Some(v), Some(p)) => {
                            i18n.tf("indicators.latest", &[("value", &lv(v)), ("period", &period_label(i18n, freq, p))])
                        }
                        _ => i18n.t("dashboard.no_value"),
                    }}
                </p>
                {(!overdue.is_empty())
                    .then(|| {
                        let overdue = overdue.clone();
                        view! {
                            <p class="attention">
                                {move || {
                                    let list: Vec<String> = overdue.iter().map(|p| period_label(i18n, freq, *p)).collect();
                                    i18n.tf("indicators.overdue_list", &[("periods", &list.join(", "))])
                                }}
                            </p>
                        }
                    })}
                {next_due
                    .map(|d| {
                        view! { <p class="tile-detail">{move || i18n.tf("indicators.next_due", &[("date", &format_date(i18n.lang(), d, DateStyle::Medium))])}</p> }
                    })}
            </section>

            <section class="card" aria-labelledby="ind-chart">
                <h2 id="ind-chart">{move || i18n.t("chart.heading")}</h2>
                {if has_items {
                    let (a, b) = (l.indicator.clone(), l.items.clone());
                    view! {
                        <TrendChart indicator=a items=b />
                        <details
                            class="table-alt"
                            prop:open=move || table_open.get_untracked()
                            on:toggle=move |ev| {
                                let open = ev
                                    .target()
                                    .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                                    .and_then(|v| v.as_bool())
                                    .unwrap_or(false);
                                table_open.set(open);
                            }
                        >
                            <summary>{move || i18n.t("chart.show_table")}</summary>
                            <MeasurementTable
                                indicator=l.indicator.clone()
                                items=l.items.clone()
                                correct=correct
                                earlier=draft.earlier
                            />
                        </details>
                        <CorrectionForm indicator=l.indicator.clone() items=l.items.clone() draft reload corrected />
                    }
                        .into_any()
                } else {
                    view! { <p class="empty">{move || i18n.t("measurement.empty")}</p> }.into_any()
                }}
            </section>

            {may.then(|| view! { <MeasurementForm indicator=ind.id saved /> })}

            <section class="card" aria-labelledby="ind-definition">
                <h2 id="ind-definition">{move || i18n.t("indicators.definition")}</h2>
                {description.map(|d| view! { <p class="pre-line">{d}</p> })}
                <dl class="facts">
                    <div>
                        <dt>{move || i18n.t("indicators.category")}</dt>
                        <dd>{move || i18n.t(category_key(category))}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("indicators.source")}</dt>
                        <dd>{move || i18n.t(source_key(source))}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("indicators.direction")}</dt>
                        <dd>{move || i18n.t(direction_key(direction))}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("indicators.green_threshold")}</dt>
                        <dd>{move || lv2(green)}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("indicators.amber_threshold")}</dt>
                        <dd>{move || lang_value(amber)}</dd>
                    </div>
                    {target
                        .map(|t| {
                            let unit = ind.unit.clone();
                            view! {
                                <div>
                                    <dt>{move || i18n.t("indicators.target")}</dt>
                                    <dd>{move || with_unit(i18n.lang(), t, &unit)}</dd>
                                </div>
                            }
                        })}
                    {baseline
                        .map(|b| {
                            let unit = ind.unit.clone();
                            view! {
                                <div>
                                    <dt>{move || i18n.t("indicators.baseline")}</dt>
                                    <dd>{move || with_unit(i18n.lang(), b, &unit)}</dd>
                                </div>
                            }
                        })}
                    <div>
                        <dt>{move || i18n.t("indicators.frequency")}</dt>
                        <dd>{move || i18n.t(frequency_key(freq))}</dd>
                    </div>
                    <div>
                        <dt>{move || i18n.t("indicators.responsible")}</dt>
                        <dd>{move || person(i18n, responsible.as_deref())}</dd>
                    </div>
                </dl>
            </section>

            {may_define
                .then(|| {
                    view! {
                        <ChangeIndicator indicator=for_edit.clone() members=members.clone() edit flash reload />
                    }
                })}

            <section class="card" aria-labelledby="ind-export">
                <h2 id="ind-export">{move || i18n.t("measurement.export_heading")}</h2>
                <p class="hint">{move || i18n.t("measurement.export_hint")}</p>
                <button type="button" on:click=export>{move || i18n.t("measurement.export")}</button>
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
            </section>
        </article>
    }
}

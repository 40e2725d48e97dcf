//! The field report form: opens and submits without a network. A submitted report goes to
//! the outbox (IndexedDB) with its id, and is sent from there.
//!
//! The checks are in `check`, the unit choices in `units`. What stays here (over 400 lines)
//! is one form read top to bottom: its fields share the signals, the error lookup and the
//! `aria-describedby` wiring, and split into components they would only pass all of them on.

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{Activity, BarrierLevel, NewFieldReport, Project, ReactionStage, Resistance};

use super::{activity_key, level_key, resistance_key, stage_key, today};
use crate::api::{abort_on_cleanup, use_api};
use crate::i18n::use_i18n;
use crate::offline::{new_report_id, use_outbox, Queued};
use crate::storage;
use crate::ui::focus_id;

mod check;
mod units;

use check::{check, BarrierRow, Checked, MAX_PEOPLE};
use units::{choices, last_unit, remember_unit, UnitChoice};

const LAST_ACTIVITY_KEY: &str = "varig.report.last_activity";
const MAX_BARRIERS: usize = 10;

#[component]
pub fn ReportForm(project: Project) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let outbox = use_outbox();
    let pid = project.id;
    let abort = abort_on_cleanup();

    let units = RwSignal::new(Vec::<UnitChoice>::new());
    let units_loaded = RwSignal::new(false);
    let last = last_unit(pid);

    let date = RwSignal::new(today());
    let unit = RwSignal::new(
        last.as_ref()
            .map(|(u, _)| u.to_string())
            .unwrap_or_default(),
    );
    let activity = RwSignal::new(
        storage::get(LAST_ACTIVITY_KEY)
            .filter(|a| Activity::parse(a).is_some())
            .unwrap_or_default(),
    );
    let people = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let resistance = RwSignal::new(String::new());
    let barriers = RwSignal::new(Vec::<BarrierRow>::new());
    let next_key = StoredValue::new(0u32);
    let successes = RwSignal::new(String::new());
    let support = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, &'static str)>::new());
    let result = RwSignal::new(None::<(bool, String)>);
    let pending = RwSignal::new(false);

    {
        let last = last.clone();
        leptos::task::spawn_local(async move {
            let (settings, all_units, agents) = futures::join!(
                api.network_settings(pid, abort.clone()),
                api.units(abort.clone()),
                api.change_agents(pid, abort)
            );
            let me = api.current_user();
            let mine: Vec<Uuid> = agents
                .ok()
                .and_then(|(list, _)| list.into_iter().find(|a| Some(a.user_id) == me))
                .map(|a| a.unit_ids)
                .unwrap_or_default();
            let scope = settings.map(|(s, _)| s.unit_ids).unwrap_or_default();
            let names: HashMap<Uuid, String> = all_units
                .map(|(list, _)| list.into_iter().map(|u| (u.id, u.name)).collect())
                .unwrap_or_default();
            let list = choices(&scope, &names, &mine, last.as_ref());
            // Preselect: the last unit if it is still there, else the agent's only own unit.
            let current = unit.get_untracked();
            if !list.iter().any(|c| c.id.to_string() == current) {
                let own: Vec<&UnitChoice> = list.iter().filter(|c| c.mine).collect();
                let pick = match (own.as_slice(), list.as_slice()) {
                    ([one], _) => one.id.to_string(),
                    ([], [one]) => one.id.to_string(),
                    _ => String::new(),
                };
                let _ = unit.try_set(pick);
            }
            let _ = units.try_set(list);
            let _ = units_loaded.try_set(true);
        });
    }

    let error_of =
        move |field: &str| errors.with(|e| e.iter().find(|(f, _)| f == field).map(|(_, k)| *k));

    let add_barrier = move |_| {
        if barriers.with_untracked(Vec::len) >= MAX_BARRIERS {
            return;
        }
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        barriers.update(|b| {
            b.push(BarrierRow {
                key,
                level: RwSignal::new(BarrierLevel::Team.as_str().to_owned()),
                text: RwSignal::new(String::new()),
            })
        });
        let id = format!("barrier-{key}-text");
        focus_id(id);
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        result.set(None);
        let checked = check(
            &date.get_untracked(),
            &unit.get_untracked(),
            &activity.get_untracked(),
            &people.get_untracked(),
            &stage.get_untracked(),
            &resistance.get_untracked(),
            &barriers.get_untracked(),
        );
        let first = checked
            .as_ref()
            .err()
            .and_then(|e| e.first().map(|(f, _)| f.clone()));
        errors.set(checked.as_ref().err().cloned().unwrap_or_default());
        if let Some(field) = first {
            let id = if field.starts_with("barrier-") {
                format!("{field}-text")
            } else {
                format!("report-{field}")
            };
            focus_id(id);
            return;
        }
        let Ok(Checked {
            date: date_value,
            unit_id,
            activity: act,
            people_reached,
            stage: st,
            resistance: res,
            barriers: report_barriers,
        }) = checked
        else {
            return;
        };
        let (Some(id), Some(user_id)) = (new_report_id(), api.current_user()) else {
            result.set(Some((false, i18n.t("error.session_expired"))));
            focus_id("report-result");
            return;
        };
        let unit_name = units
            .with_untracked(|list| {
                list.iter()
                    .find(|c| c.id == unit_id)
                    .map(|c| c.name.clone())
            })
            .unwrap_or_default();
        let report = NewFieldReport {
            id,
            date: date_value,
            unit_id,
            activity: act,
            people_reached,
            stage: st,
            resistance: (st == ReactionStage::Resistance).then_some(res).flatten(),
            barriers: report_barriers,
            successes: successes.get_untracked().trim().to_owned(),
            support_needed: support.get_untracked().trim().to_owned(),
        };
        let item = Queued {
            id,
            user_id,
            project_id: pid,
            unit_name: unit_name.clone(),
            report: report.clone(),
            queued_at: js_sys::Date::now(),
            attempts: 0,
            refused: None,
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let outcome = match outbox.enqueue(item).await {
                Ok(()) => {
                    let online = web_sys::window()
                        .map(|w| w.navigator().on_line())
                        .unwrap_or(true);
                    Ok(if online {
                        "report.saved_sending"
                    } else {
                        "report.saved_offline"
                    })
                }
                // No IndexedDB (private mode, storage full): send it directly instead.
                Err(_) => match api.file_report(pid, &report).await {
                    Ok(()) => Ok("report.sent"),
                    Err(e) => Err(e),
                },
            };
            let _ = pending.try_set(false);
            match outcome {
                Ok(key) => {
                    remember_unit(pid, unit_id, &unit_name);
                    storage::set(LAST_ACTIVITY_KEY, act.as_str());
                    // Date, unit and activity stay for the next report.
                    let _ = people.try_set(String::new());
                    let _ = stage.try_set(String::new());
                    let _ = resistance.try_set(String::new());
                    let _ = barriers.try_set(Vec::new());
                    let _ = successes.try_set(String::new());
                    let _ = support.try_set(String::new());
                    let _ = result.try_set(Some((true, i18n.t(key))));
                }
                Err(e) => {
                    let _ = result.try_set(Some((false, e.message(i18n))));
                }
            }
            focus_id("report-result");
        });
    };

    let described =
        move |field: &'static str| move || error_of(field).map(|_| format!("report-{field}-error"));
    let field_error = move |field: &'static str| {
        view! {
            <p id=format!("report-{field}-error") class="field-error" role="alert">
                {move || error_of(field).map(|k| i18n.t(k))}
            </p>
        }
    };

    view! {
        <h1 id="page-title">{move || i18n.t("report.title")}</h1>
        <p class="lead">{move || i18n.t("report.lead")}</p>
        <div
            id="report-result"
            class="report-result"
            role="status"
            tabindex="-1"
        >
            {move || {
                result
                    .get()
                    .map(|(ok, text)| {
                        view! {
                            <p class=if ok { "notice notice-ok" } else { "notice notice-error" }>{text}</p>
                        }
                    })
            }}
        </div>
        <form class="card report-form" novalidate=true on:submit=submit aria-labelledby="page-title">
            <p class="hint">{move || i18n.t("report.required_hint")}</p>
            <div class="field">
                <label for="report-date">{move || i18n.t("report.date")} " *"</label>
                <input
                    id="report-date"
                    type="date"
                    required=true
                    max=today()
                    aria-invalid=move || error_of("date").is_some().then_some("true")
                    aria-describedby=described("date")
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                />
                {field_error("date")}
            </div>
            <div class="field">
                <label for="report-unit">{move || i18n.t("report.unit")} " *"</label>
                <select
                    id="report-unit"
                    required=true
                    aria-invalid=move || error_of("unit").is_some().then_some("true")
                    aria-describedby=described("unit")
                    on:change=move |ev| unit.set(event_target_value(&ev))
                    prop:value=move || unit.get()
                >
                    <option value="" prop:selected=move || unit.with(String::is_empty)>
                        {move || i18n.t("report.choose")}
                    </option>
                    {move || {
                        let list = units.get();
                        let (own, other): (Vec<_>, Vec<_>) = list.into_iter().partition(|c| c.mine);
                        let option = move |c: UnitChoice| {
                            let value = c.id.to_string();
                            let selected = value.clone();
                            view! {
                                <option value=value prop:selected=move || unit.with(|u| *u == selected)>
                                    {c.name}
                                </option>
                            }
                        };
                        let own_group = (!own.is_empty())
                            .then(|| {
                                view! {
                                    <optgroup label=i18n.t("report.my_units")>
                                        {own.into_iter().map(option).collect_view()}
                                    </optgroup>
                                }
                            });
                        let others = if own_group.is_some() && !other.is_empty() {
                            view! {
                                <optgroup label=i18n.t("report.other_units")>
                                    {other.into_iter().map(option).collect_view()}
                                </optgroup>
                            }
                                .into_any()
                        } else {
                            other.into_iter().map(option).collect_view().into_any()
                        };
                        view! { {own_group} {others} }
                    }}
                </select>
                {move || {
                    (units_loaded.get() && units.with(Vec::is_empty))
                        .then(|| view! { <p class="hint">{move || i18n.t("report.no_units")}</p> })
                }}
                {field_error("unit")}
            </div>
            <div class="field">
                <label for="report-activity">{move || i18n.t("report.activity")} " *"</label>
                <select
                    id="report-activity"
                    required=true
                    aria-invalid=move || error_of("activity").is_some().then_some("true")
                    aria-describedby=described("activity")
                    on:change=move |ev| activity.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || activity.with(String::is_empty)>
                        {move || i18n.t("report.choose")}
                    </option>
                    {Activity::ALL
                        .iter()
                        .map(|a| {
                            let code = a.as_str();
                            view! {
                                <option value=code prop:selected=move || activity.with(|v| v == code)>
                                    {move || i18n.t(activity_key(*a))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {field_error("activity")}
            </div>
            <div class="field">
                <label for="report-people">{move || i18n.t("report.people")}</label>
                <input
                    id="report-people"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max=MAX_PEOPLE.to_string()
                    step="1"
                    aria-invalid=move || error_of("people").is_some().then_some("true")
                    aria-describedby=described("people")
                    prop:value=move || people.get()
                    on:input=move |ev| people.set(event_target_value(&ev))
                />
                {field_error("people")}
            </div>
            <fieldset class="field net-choices" aria-describedby=described("stage")>
                <legend>{move || i18n.t("report.stage")} " *"</legend>
                <p class="hint">{move || i18n.t("report.stage_hint")}</p>
                {ReactionStage::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let code = s.as_str();
                        let id = if i == 0 { "report-stage".to_owned() } else { format!("report-stage-{code}") };
                        let label_for = id.clone();
                        view! {
                            <div class="net-choice" class:net-choice-negative=*s == ReactionStage::Resistance>
                                <input
                                    type="radio"
                                    id=id
                                    name="report-stage"
                                    value=code
                                    prop:checked=move || stage.with(|v| v == code)
                                    on:change=move |_| stage.set(code.to_owned())
                                />
                                <label for=label_for>{move || i18n.t(stage_key(*s))}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                {field_error("stage")}
            </fieldset>
            <Show when=move || stage.with(|s| s == ReactionStage::Resistance.as_str())>
                <fieldset
                    class="field net-choices"
                    aria-describedby=described("resistance")
                >
                    <legend>{move || i18n.t("report.resistance")} " *"</legend>
                    {Resistance::ALL
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let code = r.as_str();
                            let id = if i == 0 { "report-resistance".to_owned() } else { format!("report-resistance-{code}") };
                            let label_for = id.clone();
                            view! {
                                <div class="net-choice">
                                    <input
                                        type="radio"
                                        id=id
                                        name="report-resistance"
                                        value=code
                                        prop:checked=move || resistance.with(|v| v == code)
                                        on:change=move |_| resistance.set(code.to_owned())
                                    />
                                    <label for=label_for>{move || i18n.t(resistance_key(*r))}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                    {field_error("resistance")}
                </fieldset>
            </Show>
            <fieldset class="field barrier-group">
                <legend>{move || i18n.t("report.barriers")}</legend>
                <p class="hint">{move || i18n.t("report.barriers_hint")}</p>
                <For each=move || barriers.get() key=|row| row.key let:row>
                    {
                        let key = row.key;
                        let level_id = format!("barrier-{key}-level");
                        let text_id = format!("barrier-{key}-text");
                        let error_id = format!("barrier-{key}-error");
                        let field = format!("barrier-{key}");
                        let field2 = field.clone();
                        let number = move || {
                            barriers.with(|b| b.iter().position(|r| r.key == key).map(|p| p + 1).unwrap_or(0))
                        };
                        view! {
                            <div class="barrier-row" role="group" aria-label=move || i18n.tf("report.barrier_n", &[("n", &number().to_string())])>
                                <div class="field">
                                    <label for=level_id.clone()>{move || i18n.t("report.barrier_level")}</label>
                                    <select id=level_id on:change=move |ev| row.level.set(event_target_value(&ev))>
                                        {BarrierLevel::ALL
                                            .iter()
                                            .map(|l| {
                                                let code = l.as_str();
                                                view! {
                                                    <option value=code prop:selected=move || row.level.with(|v| v == code)>
                                                        {move || i18n.t(level_key(*l))}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for=text_id.clone()>{move || i18n.t("report.barrier_text")}</label>
                                    <textarea
                                        id=text_id
                                        rows="2"
                                        maxlength="1000"
                                        aria-invalid=move || errors.with(|e| e.iter().any(|(f, _)| *f == field)).then_some("true")
                                        aria-describedby=error_id.clone()
                                        prop:value=move || row.text.get()
                                        on:input=move |ev| row.text.set(event_target_value(&ev))
                                    ></textarea>
                                    <p id=error_id class="field-error" role="alert">
                                        {move || {
                                            errors
                                                .with(|e| e.iter().find(|(f, _)| *f == field2).map(|(_, k)| *k))
                                                .map(|k| i18n.t(k))
                                        }}
                                    </p>
                                </div>
                                <button
                                    type="button"
                                    class="danger"
                                    on:click=move |_| barriers.update(|b| b.retain(|r| r.key != key))
                                >
                                    {move || i18n.tf("report.remove_barrier", &[("n", &number().to_string())])}
                                </button>
                            </div>
                        }
                    }
                </For>
                <button
                    type="button"
                    class="add-button"
                    on:click=add_barrier
                    disabled=move || barriers.with(|b| b.len() >= MAX_BARRIERS)
                >
                    {move || i18n.t("report.add_barrier")}
                </button>
            </fieldset>
            <div class="field">
                <label for="report-successes">{move || i18n.t("report.successes")}</label>
                <textarea
                    id="report-successes"
                    rows="3"
                    maxlength="5000"
                    prop:value=move || successes.get()
                    on:input=move |ev| successes.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="field">
                <label for="report-support">{move || i18n.t("report.support")}</label>
                <textarea
                    id="report-support"
                    rows="3"
                    maxlength="5000"
                    prop:value=move || support.get()
                    on:input=move |ev| support.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("report.submit")}
            </button>
        </form>
    }
}
